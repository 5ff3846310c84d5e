"""Every BibTeX type an editor meets, in the house style, with every field it holds.

Golden strings written by hand from the rules of :mod:`georeport.bib.style`'s
docstring (issue 13), not copied from an output run.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from georeport.bib.style import HouseStyle


def one(bib: str, backend: str = "text") -> str:
    """The one entry of a BibTeX string, formatted."""
    [entry] = parse_string(bib, "bibtex").entries.values()
    return HouseStyle().format_entry("", entry).text.render_as(backend)


def html_links(bib: str) -> list[tuple[str, str]]:
    """(href, link text) of every link in the entry's HTML."""
    soup = BeautifulSoup(one(bib, "html"), "html.parser")
    return [(a["href"], a.get_text()) for a in soup.find_all("a")]


def latex_links(bib: str) -> list[str]:
    """The targets of \\href and \\url in the entry's LaTeX."""
    return re.findall(r"\\(?:href|url)\{([^}]*)\}", one(bib, "latex"))


ARTICLE_DOI = r"""@article{k, author = {Rossi, Anna and Bianchi, Luca}, year = 2020,
  title = {Pipelines and Power}, journal = {Journal of Energy Politics},
  volume = 3, number = 2, pages = {10--25}, publisher = {Routledge},
  doi = {doi:10.1000/jep.2020.3}, url = {https://doi.org/10.1000/jep.2020.3}}"""

GOLDEN = {
    # The DOI (``doi:`` prefix dropped) is the last detail; the URL that is
    # the DOI's own link is not repeated.
    "article-doi-pages": (
        ARTICLE_DOI,
        "Anna Rossi & Luca Bianchi (2020) Pipelines and Power, Journal of Energy"
        " Politics Vol.3(2), pp. 10-25, Routledge, https://doi.org/10.1000/jep.2020.3.",
    ),
    "book-editor-edition-series-isbn": (
        r"""@book{k, author = {Olcott, Martha Brill}, editor = {Cooley, Alexander},
          year = 2010, title = {Central Asia's Second Chance}, edition = {2},
          series = {Carnegie Studies}, number = {4}, address = {Washington},
          publisher = {Carnegie Endowment}, isbn = {978-0-87003-217-0}}""",
        "Martha Brill Olcott (2010) Central Asia's Second Chance, Alexander Cooley"
        " (ed.), 2nd edn, Carnegie Studies No.4, Washington: Carnegie Endowment,"
        " ISBN 978-0-87003-217-0.",
    ),
    "book-editors-only": (
        r"""@book{k, editor = {Cooley, Alexander and Heathershaw, John}, year = 2017,
          title = {Dictators Without Borders}, location = {New Haven},
          publisher = {Yale University Press}, edition = {Revised edition}}""",
        "Alexander Cooley & John Heathershaw (eds.) (2017) Dictators Without"
        " Borders, Revised edition, New Haven: Yale University Press.",
    ),
    "book-one-editor-no-year": (
        r"@book{k, editor = {Cooley, A.}, title = {Great Games}, edition = {3rd}}",
        "A. Cooley (ed.), Great Games, 3rd edn.",
    ),
    "incollection-editors-pages": (
        r"""@incollection{k, author = {Laruelle, Marlene}, year = 2018,
          editor = {Cooley, Alexander and Heathershaw, John},
          title = {The Paradigm of Nationalism}, booktitle = {Central Asia Today},
          pages = {1--20}, address = {Lanham}, publisher = {Lexington Books}}""",
        "Marlene Laruelle (2018) The Paradigm of Nationalism, in Alexander Cooley &"
        " John Heathershaw (eds.) Central Asia Today, pp. 1-20, Lanham: Lexington"
        " Books.",
    ),
    "inproceedings": (
        r"""@inproceedings{k, author = {Doe, Jane}, year = 2019,
          editor = {Roe, Richard}, title = {Water Rights},
          booktitle = {Proceedings of the Caspian Forum}, pages = {33--40},
          publisher = {OSCE}, doi = {10.5555/cf.2019.33}}""",
        "Jane Doe (2019) Water Rights, in Richard Roe (ed.) Proceedings of the"
        " Caspian Forum, pp. 33-40, OSCE, https://doi.org/10.5555/cf.2019.33.",
    ),
    "inproceedings-talk": (
        r"""@inproceedings{k, author = {Garibov, Azad}, title = {The Caspian},
          booktitle = {20th CESS Annual Conference}, organization = {Indiana
          University}, address = {Bloomington}, date = {2019-10-10}}""",
        "Azad Garibov (2019) The Caspian, in 20th CESS Annual Conference, Indiana"
        " University, Bloomington, 10 October 2019.",
    ),
    "techreport-number-institution": (
        r"""@techreport{k, author = {Smith, John}, year = 2019,
          title = {Water in the Fergana Valley}, institution = {World Bank},
          number = {WP-12}, address = {Washington}}""",
        "John Smith (2019) Water in the Fergana Valley, World Bank, Report WP-12,"
        " Washington.",
    ),
    "phdthesis-school": (
        r"""@phdthesis{k, author = {Doe, Jane}, year = 2015,
          title = {Oil and Authority in Kazakhstan}, school = {University of Bologna},
          address = {Bologna}}""",
        "Jane Doe (2015) Oil and Authority in Kazakhstan, PhD thesis,"
        " Bologna: University of Bologna.",
    ),
    "mastersthesis": (
        r"""@mastersthesis{k, author = {Doe, Jane}, year = 2012, title = {Borders},
          school = {SOAS}}""",
        "Jane Doe (2012) Borders, Master's thesis, SOAS.",
    ),
    "thesis-with-type": (
        r"""@thesis{k, author = {Doe, Jane}, year = 2012, title = {Borders},
          type = {Doctoral dissertation}, institution = {SOAS}}""",
        "Jane Doe (2012) Borders, Doctoral dissertation, SOAS.",
    ),
    # No ``year``: the day of the ``date`` shows in the details, the lead
    # keeps the year; ``urldate`` follows the URL.
    "online-urldate-full-date": (
        r"""@online{k, title = {Kazakhstan: Crackdown on Government Critics},
          organization = {Human Rights Watch}, date = {2021-07-07},
          url = {https://www.hrw.org/news/2021/07/07/x}, urldate = {2021-05-05}}""",
        "Kazakhstan: Crackdown on Government Critics (2021) Human Rights Watch,"
        " 7 July 2021. Retrieved from: https://www.hrw.org/news/2021/07/07/x"
        " (accessed 5 May 2021)",
    ),
    # With a ``year`` the entry is cited by its year, as the seed is.
    "online-year-and-date": (
        r"""@online{k, title = {Kazakhstan}, organization = {Freedom House},
          year = 2021, date = {2021-07-07}}""",
        "Kazakhstan (2021) Freedom House.",
    ),
    "newspaper": (
        r"""@article{k, author = {Mejlumyan, Ani}, date = {2022-01-07},
          entrysubtype = {newspaper}, title = {Armenians take dim view},
          journaltitle = {The Guardian}, pages = {5}}""",
        "Ani Mejlumyan (2022) Armenians take dim view, The Guardian,"
        " 7 January 2022, pp. 5.",
    ),
    "online-magazine-journaltitle": (
        r"""@online{k, author = {Mejlumyan, Ani}, date = {2022-01-10},
          title = {Armenians take dim view}, journaltitle = {Eurasianet},
          organization = {Eurasianet}, url = {https://eurasianet.org/a}}""",
        "Ani Mejlumyan (2022) Armenians take dim view, Eurasianet, 10 January 2022."
        " Retrieved from: https://eurasianet.org/a",
    ),
    "periodical": (
        r"""@periodical{k, editor = {Bifolchi, Giuliano}, year = 2022,
          title = {Geopolitical Report}, volume = 15, publisher = {SpecialEurasia}}""",
        "Giuliano Bifolchi (ed.) (2022) Geopolitical Report, Vol.15, SpecialEurasia.",
    ),
    "misc-howpublished": (
        r"""@misc{k, author = {{USAID}}, year = 2020, title = {Water Programme},
          howpublished = {Press release}, publisher = {USAID Central Asia}}""",
        "USAID (2020) Water Programme, USAID Central Asia, Press release.",
    ),
    # No URL to carry the access date: it is the last detail.
    "misc-doi-urldate": (
        r"""@misc{k, title = {Dataset}, year = 2020,
          doi = {https://dx.doi.org/10.5281/zenodo.1}, urldate = {2023-02-01}}""",
        "Dataset (2020) https://doi.org/10.5281/zenodo.1, accessed 1 February 2023.",
    ),
    "organisation-author": (
        r"""@report{k, author = {{United Nations}}, year = 2021,
          title = {World Water Report}, institution = {UNESCO},
          type = {Policy Brief}, number = {7}}""",
        "United Nations (2021) World Water Report, UNESCO, Policy Brief 7.",
    ),
    "et-al": (
        r"""@book{k, author = {Doe, Jane and Roe, Richard and others}, year = 2001,
          editor = {Poe, Edgar and others}, title = {T}, publisher = {P}}""",
        "Jane Doe & Richard Roe et al. (2001) T, Edgar Poe et al. (eds.), P.",
    ),
    "cyrillic": (
        r"""@book{k, editor = {Сыроежкин, К. Л. and Петров, А. Б.}, year = 2010,
          title = {Центральная Азия Сегодня}, edition = {2-е изд.},
          address = {Москва}, publisher = {Наука}, isbn = {978-5-02-000000-1},
          series = {Библиотека МГИМО}}""",
        "К. Л. Сыроежкин & А. Б. Петров (eds.) (2010) Центральная Азия Сегодня,"
        " 2-е изд., Библиотека МГИМО, Москва: Наука, ISBN 978-5-02-000000-1.",
    ),
}


@pytest.mark.parametrize("case", GOLDEN)
def test_golden(case: str) -> None:
    bib, expected = GOLDEN[case]
    assert one(bib) == expected


def test_doi_and_url_link_targets() -> None:
    """The DOI links to doi.org; a URL of its own follows, linked too."""
    bib = r"""@article{k, title = {T}, year = 2020, doi = {DOI: 10.1000/182},
      url = {https://example.org/t}, urldate = {2021-05-05}}"""
    assert one(bib) == (
        "T (2020) https://doi.org/10.1000/182."
        " Retrieved from: https://example.org/t (accessed 5 May 2021)"
    )
    assert html_links(bib) == [
        ("https://doi.org/10.1000/182", "https://doi.org/10.1000/182"),
        ("https://example.org/t", "https://example.org/t"),
    ]
    assert latex_links(bib) == [
        "https://doi.org/10.1000/182",
        "https://example.org/t",
    ]


def test_doi_url_is_not_repeated_in_any_backend() -> None:
    assert html_links(ARTICLE_DOI) == [
        ("https://doi.org/10.1000/jep.2020.3", "https://doi.org/10.1000/jep.2020.3")
    ]
    assert latex_links(ARTICLE_DOI) == ["https://doi.org/10.1000/jep.2020.3"]


def test_a_doi_that_is_no_doi_is_text() -> None:
    bib = r"@misc{k, title = {T}, doi = {javascript:alert(1)}}"
    assert one(bib) == "T, javascript:alert(1)."
    assert html_links(bib) == []


def test_a_url_that_may_not_link_is_text_with_its_access_date() -> None:
    bib = r"@online{k, title = {T}, url = {file:///etc/passwd}, urldate = {yesterday}}"
    assert one(bib) == "T. Retrieved from: file:///etc/passwd (accessed yesterday)"
    assert html_links(bib) == []


@pytest.mark.parametrize(
    ("edition", "expected"),
    [("1", "1st edn"), ("2nd", "2nd edn"), ("3", "3rd edn"), ("11", "11th edn"),
     ("22", "22nd edn"), ("Second edition", "Second edition")],
)  # fmt: skip
def test_edition(edition: str, expected: str) -> None:
    assert one(f"@book{{k, title = {{T}}, edition = {{{edition}}}}}") == (
        f"T, {expected}."
    )


@pytest.mark.parametrize(
    "bib",
    [case[0] for case in GOLDEN.values()],
    ids=list(GOLDEN),
)
def test_no_stray_punctuation(bib: str) -> None:
    text = one(bib)
    assert not re.search(r" [,.:]|,[,.]|\.\.|\(\)|  |^[ ,.]|[ ,]$|: ,", text)
