"""The whole import on strings: every footnote cited, back-references resolved,
one work one entry, the report's language, date and file name."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from georeport.importer.convert import convert, slug
from georeport.importer.header import Header
from georeport.model.report import FILE_NAME
from georeport.sphinxext.bibtex.footcite import Target, parse_targets

#: a role as myst.role writes it: any run of backticks around its text
_FOOTCITE = re.compile(r"\{footcite\}(`+)(.+?)\1")


def _report(notes: list[str], text: str = "") -> str:
    markers = text or " ".join(
        f"Claim number {n}.[{n}]" for n in range(1, len(notes) + 1)
    )
    lines = "\n\n".join(f"[{n}] {note}" for n, note in enumerate(notes, 1))
    return f"Title\n\nAuthor: Ani Mejlumyan\n\n{markers}\n\n{lines}\n"


def _roles(report: str) -> list[list[Target]]:
    return [parse_targets(match[2]) for match in _FOOTCITE.finditer(report)]


_NOTE = st.text(
    st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1
).filter(lambda text: text.strip() and not re.match(r"\s*Related Posts", text, re.I))


@settings(deadline=None)  # the first example loads lingua's models
@given(st.lists(_NOTE, min_size=1, max_size=6))
def test_random_footnotes_are_all_cited(notes: list[str]) -> None:
    conversion = convert(_report(notes), "r.txt", {})
    roles = _roles(conversion.report)
    assert len(roles) == len(notes) == conversion.footnotes
    assert all(roles)
    keys = {target.key for targets in roles for target in targets if target.key}
    assert keys == set(conversion.new)
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in conversion.new)


def test_citations_keep_the_characters_around_the_marker() -> None:
    text = _report(["Kazakhstan (2021) Freedom House.", "Kazakhstan (2021) RSF."])
    text = text.replace("Claim number 2.[2]", "a list, [2] and more")
    report = convert(text, "r.txt", {}).report
    assert "Claim number 1.{footcite}`kazakhstan2021` a list, " in report
    assert "a list, {footcite}`kazakhstan2021a` and more" in report


# -- back-references -------------------------------------------------------------

BIFOLCHI = (
    "Giuliano Bifolchi (2021) Central Asian security problems, "
    "Geopolitical Report Vol.8(1), SpecialEurasia."
)
BOLTUC = (
    "Silvia Boltuc (2021) Geopolitics of U.S. strategy in Central Asia, "
    "Geopolitical Report Vol.13(9), SpecialEurasia."
)


def test_back_references_cite_the_key_they_point_to() -> None:
    notes = [
        BIFOLCHI,
        "Ibid., p. 3.",
        "Ibid.",
        BOLTUC,
        "Bifolchi, op. cit., p. 7.",
        "Там же. С. 5.",
        "Ibidem.",
    ]
    conversion = convert(_report(notes), "r.txt", {})
    assert list(conversion.new) == ["bifolchi2021", "boltuc2021"]
    assert _roles(conversion.report) == [
        [Target("bifolchi2021")],
        [Target("bifolchi2021", post="p. 3")],
        [Target("bifolchi2021")],
        [Target("boltuc2021")],
        [Target("bifolchi2021", post="p. 7")],
        [Target("bifolchi2021", post="С. 5")],
        [Target("bifolchi2021")],
    ]
    assert not [w for w in conversion.warnings if "footnote" in w]


def test_ibid_after_a_source_in_the_same_footnote_cites_that_source() -> None:
    """ "Boltuc, …; ibid., p. 4": the source just before, not the last note's."""
    notes = [BIFOLCHI, f"{BOLTUC}; Ibid., p. 4."]
    conversion = convert(_report(notes), "r.txt", {})
    assert _roles(conversion.report)[1] == [
        Target("boltuc2021"),
        Target("boltuc2021", post="p. 4"),
    ]
    assert not [w for w in conversion.warnings if "footnote" in w]


def test_a_short_form_cited_first_is_read_from_its_own_words() -> None:
    """ "Weinthal, State Making, 112; …": no earlier source has that author, so
    it is a source of its own, read from its part of the footnote only."""
    notes = [f"Weinthal, State Making, 112; {BOLTUC}"]
    conversion = convert(_report(notes), "r.txt", {})
    assert len(conversion.new) == 2
    for source in conversion.new.values():
        assert ";" not in source.title and "Boltuc" not in source.title
    assert "boltuc2021" in conversion.new


def test_an_author_date_short_form_cites_that_author_s_work_of_that_year() -> None:
    notes = [
        BIFOLCHI,
        "Giuliano Bifolchi (2023) Kazakhstan after January, Geopolitical Report "
        "Vol.30(2), SpecialEurasia.",
        "Bifolchi (2021, p. 4).",
        "See Bifolchi (2023), p. 9; Bifolchi (2021).",
    ]
    conversion = convert(_report(notes), "r.txt", {})
    assert list(conversion.new) == ["bifolchi2021", "bifolchi2023"]
    assert _roles(conversion.report)[2:] == [
        [Target("bifolchi2021", post="p. 4")],
        [Target("bifolchi2023", pre="See", post="p. 9"), Target("bifolchi2021")],
    ]
    assert not [w for w in conversion.warnings if "footnote" in w]


def test_a_note_named_above_cites_its_source_one_named_below_stays() -> None:
    """ "V. supra, nota 1, p. 4": the one source footnote 1 cited; "infra,
    nota 4" names a footnote not read yet: its words stay, with a warning."""
    notes = [BIFOLCHI, BOLTUC, "V. supra, nota 1, p. 4; cfr. infra, nota 4.", BOLTUC]
    conversion = convert(_report(notes), "r.txt", {})
    assert _roles(conversion.report)[2][0] == Target(
        "bifolchi2021", pre="V.", post="p. 4"
    )
    (warning,) = [w for w in conversion.warnings if "points to" in w]
    assert "'infra, nota 4'" in warning


@pytest.mark.parametrize(
    ("notes", "number"),
    [
        (["Ibid., p. 3."], 1),  # nothing before it
        ([f"{BIFOLCHI}; {BOLTUC}", "Ibid."], 2),  # two sources before it
        ([BOLTUC, "Rossi, op. cit., p. 2."], 2),  # no source by Rossi
    ],
)
def test_a_back_reference_that_points_nowhere_stays_as_written(
    notes: list[str], number: int
) -> None:
    conversion = convert(_report(notes), "r.txt", {})
    assert _roles(conversion.report)[number - 1] == [Target("", notes[-1])]
    (warning,) = [w for w in conversion.warnings if "points to" in w]
    assert warning.startswith(f"r.txt:{5 + 2 * number}: footnote [{number}]: ")
    assert all(source.title for source in conversion.new.values())


# -- one work, one entry ---------------------------------------------------------

BIB = r"""
@article{bif,
  author = {Bifolchi, Giuliano},
  title = {Central Asian Security Problems},
  journal = {Geopolitical Report},
  volume = {8},
  number = {1},
  year = {2021}
}
@online{rsf,
  title = {Kazakhstan},
  organization = {Reporters Without Borders},
  year = {2021},
  url = {https://rsf.org/en/kazakhstan}
}
@article{doi,
  author = {Anna Rossi},
  title = {Pipelines},
  journal = {Energy Politics},
  year = {2020},
  doi = {10.1234/EP.2020.1}
}
"""


def _entries() -> dict:
    return dict(parse_string(BIB, "bibtex").entries)


def test_a_work_references_bib_holds_is_cited_by_its_key() -> None:
    notes = [
        BIFOLCHI,  # title differs in case only; author written otherwise
        "Kazakhstan (2021) Freedom House. Retrieved from: https://fh.org/kz",
        "The same page (2021). Retrieved from: http://www.rsf.org/en/kazakhstan/",
        "A. Rossi (2020) Pipelines, Energy Politics. DOI: 10.1234/ep.2020.1",
    ]
    conversion = convert(_report(notes), "r.txt", _entries())
    keys = [[t.key for t in targets] for targets in _roles(conversion.report)]
    # Freedom House's "Kazakhstan" is not RSF's: another outlet, another work
    assert keys == [["bif"], ["kazakhstan2021"], ["rsf"], ["doi"]]
    assert list(conversion.new) == ["kazakhstan2021"]
    assert conversion.reused == ["bif", "rsf", "doi"]


def test_what_the_footnote_adds_is_a_warning_naming_both() -> None:
    note = BIFOLCHI + " Retrieved from: https://example.org/b"
    conversion = convert(_report([note]), "r.txt", _entries(), bib_name="refs.bib")
    assert conversion.new == {}
    (warning,) = [w for w in conversion.warnings if "refs.bib" in w]
    assert warning.startswith("r.txt:7: footnote [1] cites 'bif' of refs.bib")
    assert "url 'https://example.org/b', which the entry lacks" in warning
    assert "publisher 'SpecialEurasia', which the entry lacks" in warning


def test_a_work_cited_twice_is_one_entry_with_what_both_say() -> None:
    first = "Kazakhstan (2021) Freedom House."
    second = "Kazakhstan (2021) Freedom House. Retrieved from: https://fh.org/kz"
    conversion = convert(_report([first, second]), "r.txt", {})
    assert list(conversion.new) == ["kazakhstan2021"]
    assert conversion.new["kazakhstan2021"].url == "https://fh.org/kz"
    assert [[t.key for t in r] for r in _roles(conversion.report)] == [
        ["kazakhstan2021"],
        ["kazakhstan2021"],
    ]


# -- front matter and file name --------------------------------------------------


def _front(report: str) -> dict:
    return yaml.safe_load(report.split("---\n")[1])


def test_date_fills_in_a_missing_date_and_keeps_a_given_one() -> None:
    text = _report(["Kazakhstan (2021) Freedom House."])
    conversion = convert(text, "r.txt", {}, date="2022-01-05")
    assert _front(conversion.report)["date"] == "2022-01-05"
    assert not [w for w in conversion.warnings if "date" in w]
    dated = text.replace("Author:", "Date: March 2022\nAuthor:")
    conversion = convert(dated, "r.txt", {}, date="2022-01")
    assert _front(conversion.report)["date"] == "2022-03"
    assert [w for w in conversion.warnings if "date" in w] == [
        "r.txt: the header's date '2022-03' is kept, not --date '2022-01'"
    ]


def test_the_report_language_is_the_text_s() -> None:
    italian = (
        "La crisi politica in Kazakistan ha mostrato quanto il governo dipenda "
        "ancora dalla Russia e dai suoi alleati nella regione.[1]"
    )
    report = convert(_report(["Kazakhstan (2021) Freedom House."], italian), "r", {})
    assert _front(report.report)["language"] == "it"


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        (
            "Geopolitical consequences of the political crisis in Kazakhstan",
            "en",
            "15-1-kazakhstan-crisis",
        ),
        ("Energy Corridors Of The Caspian Sea", "en", "15-1-sea-caspian"),
        ("La crisi del gas e il ruolo dell'Algeria", "it", "15-1-algeria-ruolo"),
        ("Кризис в Казахстане и роль ОДКБ", "ru", "15-1-kazakhstane-odkb"),
        ("The war in Ukraine", "en", "15-1-ukraine-war"),
        ("Of the and", "en", "15-1-report"),
    ],
)
def test_slugs_are_the_title_s_chief_words(
    title: str, language: str, expected: str
) -> None:
    header = Header(title=title, end=1, volume=15, issue=1)
    assert slug(header, language) == expected
    assert slug(header, language) == slug(header, language)


@settings(max_examples=300)
@given(
    title=st.text(min_size=1),
    volume=st.none() | st.integers(0, 10**6),
    issue=st.integers(0, 10**6),
)
def test_every_slug_keeps_the_file_name_rule(
    title: str, volume: int | None, issue: int
) -> None:
    """Whatever the title's script and signs, the name the importer gives a
    report is one the build accepts."""
    header = Header(title=title, end=1, volume=volume, issue=issue)
    assert FILE_NAME.fullmatch(slug(header))


def test_the_footnote_s_own_words_stand_before_its_source() -> None:
    """A remark or "See" before a source is shown before the citation, in the
    role's text, never in the entry (found on reports nobody had seen)."""
    remark = "The figures are disputed, and we use the lower one."
    notes = [f"{remark} {BOLTUC}", f"See {BIFOLCHI}", "Ibid., p. 4."]
    conversion = convert(_report(notes), "r.txt", {})
    assert _roles(conversion.report) == [
        [Target("boltuc2021", pre=remark)],
        [Target("bifolchi2021", pre="See")],
        [Target("bifolchi2021", post="p. 4")],
    ]
    for source in conversion.new.values():
        assert remark not in str(source.fields())
        assert "See" not in source.fields()["title"]
