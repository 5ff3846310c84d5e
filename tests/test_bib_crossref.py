"""``crossref``: a part takes what it lacks from the work it is in, in every output.

The rules (:mod:`georeport.bib.crossref`) are read on entries made here; the
outputs on ``tests/roots/test-base`` whose report cites a chapter of a book
(:data:`CHAPTER`, :data:`BOOK`): its footnote and References in the HTML
page, the EPUB book and the PDF, its ``citation_reference`` head tag, and a
rebuild after the book's entry changes (the Crossref deposit's citation:
``tests/test_crossref.py``).
Expected values are the book's fields, read from the BibTeX file.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, Person

from georeport.bib.crossref import Resolved, inherit, resolve
from georeport.editions.build import build_html, build_pdf

from .conftest import REPORT, ROOTS, Fault, fold

# -- The rules ---------------------------------------------------------------------


def _entry(kind: str, key: str, **fields: str) -> Entry:
    persons = {
        role: [Person(name) for name in fields.pop(role).split(" and ")]
        for role in ("author", "editor")
        if role in fields
    }
    entry = Entry(kind, fields=fields, persons=persons)
    entry.key = key
    return entry


BOOK_ENTRY = _entry(
    "book",
    "book",
    title="The Book",
    subtitle="Its Subtitle",
    editor="Ann Brown and Bo Green",
    publisher="Yale University Press",
    year="2017",
    shorthand="TB",
    ids="book-old",
)


def test_a_part_of_a_book_takes_its_title_as_booktitle_and_the_rest_as_it_is() -> None:
    chapter = _entry(
        "incollection", "chapter", title="A Chapter", author="Cy Dee", year="2018"
    )
    got = inherit(chapter, BOOK_ENTRY)
    assert (got.key, got.type) == ("chapter", "incollection")
    assert dict(got.fields) == {
        "title": "A Chapter",  # its own, not the book's
        "year": "2018",  # its own wins
        "publisher": "Yale University Press",
        "booktitle": "The Book",
        "booksubtitle": "Its Subtitle",
    }  # no shorthand, no ids: they name the book itself
    assert [str(p) for p in got.persons["author"]] == ["Dee, Cy"]
    assert [str(p) for p in got.persons["editor"]] == ["Brown, Ann", "Green, Bo"]


def test_a_parents_own_booktitle_comes_before_its_title() -> None:
    """BibTeX's documentation asks a parent for a booktitle its parts take."""
    book = _entry("book", "book", title="The Book", booktitle="The Book, 2nd ed.")
    got = inherit(_entry("inproceedings", "paper", title="A Paper"), book)
    assert got.fields["booktitle"] == "The Book, 2nd ed."


@pytest.mark.parametrize(
    ("parent", "child", "field"),
    [
        ("periodical", "article", "journaltitle"),
        ("mvbook", "book", "maintitle"),
        ("mvbook", "inbook", "maintitle"),
        ("misc", "misc", "title"),
        ("book", "book", "title"),
    ],
)
def test_a_parents_title_by_the_types_of_both(
    parent: str, child: str, field: str
) -> None:
    got = inherit(_entry(child, "c", note="x"), _entry(parent, "p", title="Whole"))
    assert got.fields[field] == "Whole"
    assert [n for n, v in got.fields.items() if v == "Whole"] == [field]


def test_a_chain_of_parents_is_inherited_and_a_circle_ends() -> None:
    entries = {
        "a": _entry("incollection", "a", title="A", crossref="b"),
        "b": _entry("book", "b", title="B", crossref="c"),
        "c": _entry("mvbook", "c", title="C", publisher="P", crossref="a"),
    }
    got = resolve(entries["a"], entries.get)
    assert got.fields["booktitle"] == "B"
    assert got.fields["maintitle"] == "C"  # b's, from c
    assert got.fields["publisher"] == "P"


def test_resolved_entries_are_read_like_pybtexs() -> None:
    data = pybtex.database.parse_string(
        "@incollection{Chapter, title = {A}, crossref = {BOOK}}\n"
        "@book{book, title = {B}, year = {2017}}\n",
        "bibtex",
    )
    entries = Resolved(data.entries)
    assert list(entries) == ["Chapter", "book"] and len(entries) == 2
    assert "chapter" in entries and "nobody" not in entries
    assert entries["CHAPTER"].fields["booktitle"] == "B"
    assert entries["chapter"] is entries["Chapter"]  # made once
    assert entries["book"] is data.entries["book"]  # no parent: as parsed


# -- Every output ----------------------------------------------------------------

CHAPTER = """
@incollection{cooley2017,
  author = {Alexander Cooley},
  title = {Tracking the Flows},
  pages = {20--35},
  crossref = {heathershaw2017}
}
"""
BOOK = """
@book{heathershaw2017,
  editor = {John Heathershaw and Alexander Cooley},
  title = {Dictators Without Borders},
  publisher = {Yale University Press},
  address = {New Haven},
  year = {2017},
  langid = {english}
}
"""
#: The chapter and its book at the end of refs.bib; the report cites it.
FAULTS = (
    Fault("refs.bib", "", CHAPTER + BOOK),
    Fault(REPORT, "{footcite}`rossi2020`", "{footcite}`cooley2017`"),
)


def book_facts(source: Path) -> list[str]:
    """What a citation of the chapter says of its book, from refs.bib."""
    entries = pybtex.database.parse_file(str(source / "refs.bib")).entries
    book = entries["heathershaw2017"]
    editors = " & ".join(
        " ".join([*p.first_names, *p.middle_names, *p.last_names])
        for p in book.persons["editor"]
    )
    return [
        f"in {editors} (eds.) {book.fields['title']}",
        f"{book.fields['address']}: {book.fields['publisher']}",
        f"({book.fields['year']})",
    ]


@pytest.fixture(scope="module")
def chapter_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("crossref") / "source"
    shutil.copytree(ROOTS / "test-base", source)
    for fault in FAULTS:
        fault.apply(source)
    return source


@pytest.fixture(scope="module")
def chapter_html(chapter_project: Path) -> Path:
    build = chapter_project.parent / "build"
    build_html(chapter_project, build)
    return build


def _page(build: Path) -> BeautifulSoup:
    html = (build / "html" / REPORT).with_suffix(".html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def test_the_page_cites_the_chapter_in_its_book(
    chapter_project: Path, chapter_html: Path
) -> None:
    page = _page(chapter_html)
    (footnote,) = page.select("aside.footnote")
    (reference,) = page.select("section#references li")
    for text in (footnote.get_text(" "), reference.get_text(" ")):
        for fact in book_facts(chapter_project):
            assert fact in fold(text), (fact, text)


def test_the_epub_cites_the_chapter_in_its_book(
    chapter_project: Path, chapter_html: Path
) -> None:
    (book,) = (chapter_html / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        (name,) = [
            n for n in epub.namelist() if n.endswith(".xhtml") and "nav" not in n
        ]
        text = BeautifulSoup(epub.read(name), "xml").get_text(" ")
    for fact in book_facts(chapter_project):
        assert fold(text).count(fact) == 2, fact  # the note and the References


def test_the_head_tag_names_the_book(chapter_html: Path) -> None:
    (value,) = [
        meta["content"]
        for meta in _page(chapter_html).find_all(
            "meta", attrs={"name": "citation_reference"}
        )
    ]
    for part in (
        "citation_title=Tracking the Flows",
        "citation_inbook_title=Dictators Without Borders",
        "citation_publication_date=2017",
        "citation_publisher=Yale University Press",
    ):
        assert part in value.split("; "), value


def test_a_changed_book_changes_the_chapters_citation(tmp_path: Path) -> None:
    """The report cites the chapter, not the book: it is read again anyway."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    for fault in FAULTS:
        fault.apply(source)
    build_html(source, tmp_path / "build")
    Fault("refs.bib", "{Yale University Press}", "{Princeton University Press}").apply(
        source
    )
    build_html(source, tmp_path / "build")
    (footnote,) = _page(tmp_path / "build").select("aside.footnote")
    assert "New Haven: Princeton University Press" in fold(footnote.get_text(" "))


@pytest.mark.pdf
def test_the_pdf_cites_the_chapter_in_its_book(
    chapter_project: Path, tmp_path: Path
) -> None:
    build_pdf(chapter_project, tmp_path)
    (pdf,) = (tmp_path / "pdf").glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for fact in book_facts(chapter_project):
        assert fold(text).count(fact) == 2, fact  # the footnote and the References
