"""BibTeX out: the house layout, values that read back, references.bib only added to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from pybtex.richtext import Text

from georeport.importer.bibtex import (
    append_entries,
    parse_bibliography,
    render_entry,
)
from georeport.importer.errors import ImporterError
from georeport.importer.footnotes import Source

EVSEEV = Source(
    authors=("V.V. Evseev",),
    title="Авторитаризм В Центральной Азии",
    outlet="Вестник МГИМО-Университета",
    volume="5",
    number="32",
    pages="101--107",
    year="2013",
)


def test_entry_layout() -> None:
    assert render_entry("evseev2013", EVSEEV) == (
        "@article{evseev2013,\n"
        "  author = {V.V. Evseev},\n"
        "  title = {Авторитаризм В Центральной Азии},\n"
        "  journal = {Вестник МГИМО-Университета},\n"
        "  volume = {5},\n"
        "  number = {32},\n"
        "  pages = {101--107},\n"
        "  year = {2013},\n"
        "  langid = {russian}\n"
        "}"
    )


def test_several_authors_are_joined_with_and() -> None:
    source = Source(("Giuliano Bifolchi", "Silvia Boltuc"), "T", "O", year="2021")
    entry = parse_string(render_entry("k", source), "bibtex").entries["k"]
    assert [str(p) for p in entry.persons["author"]] == [
        "Bifolchi, Giuliano",
        "Boltuc, Silvia",
    ]


#: TeX ligatures keep their TeX meaning (``--`` is an en dash), as in pages
_LIGATURES = ("--", "``", "''", ",,", "?`", "!`")


_TITLE = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1).filter(
    lambda text: not any(ligature in text for ligature in _LIGATURES)
)
_URL = st.text("az09%_#~{}-").map("https://x.org/".__add__)
_URL_BRACES = str.maketrans({"{": "%7B", "}": "%7D"})


@settings(max_examples=25)  # one bibliography of many entries: pybtex is slow
@given(st.lists(st.tuples(_TITLE, _URL), min_size=1, max_size=20))
def test_values_read_back_through_pybtex(values: list[tuple[str, str]]) -> None:
    """What pybtex (and so the rendered reference) shows is what was imported."""
    sources = [Source(title=title, url=url) for title, url in values]
    text = "\n\n".join(render_entry(f"k{n}", s) for n, s in enumerate(sources))
    entries = parse_string(text, "bibtex").entries
    for n, (title, url) in enumerate(values):
        shown = str(Text.from_latex(entries[f"k{n}"].fields["title"]))
        expected = title.replace("{", "(").replace("}", ")")
        assert " ".join(shown.split()) == " ".join(expected.split())
        assert entries[f"k{n}"].fields["url"] == url.translate(_URL_BRACES)


EXISTING = "% the journal's bibliography\n\n" + render_entry("evseev2013", EVSEEV)


def test_a_broken_bibliography_is_an_error() -> None:
    with pytest.raises(ImporterError, match=r"^references.bib: cannot read it"):
        parse_bibliography("@article{x, title = {", "references.bib")


def test_nothing_to_add_leaves_the_text_alone() -> None:
    assert append_entries(EXISTING, []) == EXISTING
    assert append_entries("", ["@misc{a,\n  note = {x}\n}"]) == (
        "@misc{a,\n  note = {x}\n}\n"
    )


def test_an_organisation_keeps_its_protecting_braces() -> None:
    source = Source(
        authors=("{Human Rights Watch}", "Jane Doe", "others"),
        title="50% of {them}",
        year="2021",
    )
    text = render_entry("k", source)
    assert "  author = {{Human Rights Watch} and Jane Doe and others}," in text
    entry = parse_string(text, "bibtex").entries["k"]
    organisation, person, others = entry.persons["author"]
    assert organisation.last_names == ["{Human Rights Watch}"]
    assert organisation.first_names == []
    assert (person.first_names, person.last_names) == (["Jane"], ["Doe"])
    assert str(others) == "others"
    assert str(Text.from_latex(entry.fields["title"])) == "50% of (them)"


def test_every_field_the_parser_fills_is_written() -> None:
    source = Source(
        authors=("Alexander Cooley",),
        title="Great Games",
        edition="2nd",
        publisher="Oxford University Press",
        address="New York",
        year="2012",
        isbn="978-0-19-025439-1",
        doi="10.1093/x",
        url="https://x.org/a",
        urldate="2022-01-12",
    )
    entry = parse_string(render_entry("k", source), "bibtex").entries["k"]
    assert entry.type == "book"
    assert dict(entry.fields) == {
        "title": "Great Games",
        "edition": "2nd",
        "publisher": "Oxford University Press",
        "address": "New York",
        "year": "2012",
        "url": "https://x.org/a",
        "urldate": "2022-01-12",
        "doi": "10.1093/x",
        "isbn": "978-0-19-025439-1",
        "langid": "english",
    }


def test_a_work_without_a_title_is_titled_by_its_kind() -> None:
    """The house style starts with the title, and the build refuses an entry
    without one: a personal communication is titled with its words."""
    from georeport.importer.footnotes import parse_footnote

    (source,), _ = parse_footnote(
        "N. Hovhannisyan, personal communication, April 20, 2023."
    )
    entry = parse_string(render_entry("h2023", source), "bibtex").entries["h2023"]
    assert entry.fields["title"] == "personal communication"
    assert "type" not in entry.fields
    assert list(entry.fields)[:1] == ["title"]  # the author is a person
    assert [str(p) for p in entry.persons["author"]] == ["Hovhannisyan, N."]
