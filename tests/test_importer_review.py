"""The review of an import: each footnote beside what was read from it."""

from __future__ import annotations

from html.parser import HTMLParser

from pybtex.database import parse_string

from georeport.importer.convert import convert
from georeport.importer.review import as_html, as_text

from .test_importer_convert import _report

BIB = parse_string(
    """
@article{umarov2019,
  author = {Kairat Umarov},
  title = {Kazakhstan and the Eurasian Economic Union},
  journal = {Central Asian Survey},
  volume = {38}, number = {2}, pages = {201--219},
  year = {2019},
  doi = {10.1080/02634937.2019.1575948}
}
@book{cooley2012,
  author = {Alexander Cooley},
  title = {Great Games, Local Rules: The New Great Power Contest in Central Asia},
  publisher = {Oxford University Press},
  address = {New York},
  year = {2012}
}
""",
    "bibtex",
).entries

NOTES = [
    # the same DOI, the journal abbreviated
    "Umarov, K. 2019. Kazakhstan and the EEU. Cent. Asian Surv. 38 (2): 201–19. "
    "doi:10.1080/02634937.2019.1575948.",
    # no year in parentheses, names in another order: title, author and year
    "Cooley, Alexander. Great Games, Local Rules: The New Great Power Contest in "
    "Central Asia. Oxford UP, 2012.",
    "Ibid., 45.",
    "<script>alert(1)</script> (2024) <b>Bold</b> & co, Example Press, Rome.",
]


def _conversion():
    return convert(_report(NOTES), "r.txt", BIB)


def test_each_reused_entry_says_why() -> None:
    review = _conversion().review
    assert [item.kind for note in review for item in note.items] == [
        "reused", "reused", "back", "new",
    ]  # fmt: skip
    first, second = review[0].items[0], review[1].items[0]
    assert (first.key, first.reason) == (
        "umarov2019", "same DOI 10.1080/02634937.2019.1575948",
    )  # fmt: skip
    assert second.key == "cooley2012"
    assert second.reason == "same title, first author 'cooley', year 2012"
    assert review[2].items[0].key == "cooley2012"
    new = list(_conversion().new)  # one entry for the new source, no second one
    assert len(new) == 1 and new[0].startswith("scriptalert")


def test_the_text_shows_each_footnote_and_its_fields() -> None:
    text = as_text("r.txt", _conversion().review)
    assert "[1] Umarov, K. 2019." in text
    assert "reused umarov2019 @" in text
    assert "back-reference cooley2012 (Ibid. 45)" in text, text
    assert "4 footnotes;" in text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_page_is_text_not_markup() -> None:
    page = as_html("r.txt", _conversion().review)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags[parser.tags.index("body") :]
    assert "b" not in parser.tags
    assert "<script>alert(1)</script>" in "".join(parser.text)
    assert page.count('<tr id="fn') == len(NOTES)


def test_unsure_fields_are_marked() -> None:
    conversion = _conversion()
    unsure = [i for note in conversion.review for i in note.items if i.unsure]
    page = as_html("r.txt", conversion.review)
    assert page.count('class="unsure"') >= sum(len(i.unsure) for i in unsure) > 0 or (
        not unsure
    )
