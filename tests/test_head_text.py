"""The head of a page says in text what the page shows (issue 13).

``tests/roots/test-head-text`` cites entries whose fields hold BibTeX markup
(``50\\%``, ``\\&``, ``{\\"O}``, ``--``, protected ``{Capitals}``), of every
type the ``citation_reference`` tags distinguish; one report has an abstract
(with Markdown and HTML in it, which are text), the other a first paragraph
with footnotes. Expected values are written by hand from ``refs.bib`` and the
reports' front matter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from georeport.editions.build import build_pdf
from tools.archive import copy_project

from .conftest import ROOTS, STRICT, Project, built, fold

HEAD_TEXT = pytest.mark.sphinx("html", testroot="head-text", confoverrides=STRICT)

#: citation_reference of each source, key by key, as a reader would write it.
REFERENCES = {
    "ozturk2021": [
        ("citation_title", "50% of Trade & NATO: the Black Sea"),
        ("citation_author", "Öztürk, Ayşe"),
        ("citation_author", "Fontaine, Jean de la"),
        ("citation_journal_title", "Journal of Caspian Studies"),
        ("citation_publication_date", "2021"),
        ("citation_volume", "12"),
        ("citation_issue", "3"),
        ("citation_firstpage", "101"),
        ("citation_lastpage", "117"),
        ("citation_publisher", "Baku & Sons"),
        ("citation_doi", "10.1234/jcs.2021.12"),
    ],
    "un2019": [
        ("citation_title", "World Economic Situation"),
        ("citation_author", "United Nations"),
        ("citation_publication_date", "2019"),
        ("citation_publisher", "United Nations Publications"),
        ("citation_isbn", "978-92-1-109180-9"),
        ("citation_public_url", "https://www.un.org/development/desa/"),
    ],
    "portal2022": [
        ("citation_title", "Caspian Ports & Shipping"),
        ("citation_publication_date", "2022"),
        ("citation_publisher", "Port Authority of Aktau"),
    ],
    "muller2018": [
        ("citation_title", "Gas Routes"),
        ("citation_author", "Müller, Hans"),
        ("citation_conference_title", "Proceedings of the Caspian Energy Forum"),
        ("citation_publication_date", "2018"),
        ("citation_firstpage", "7"),
        ("citation_doi", "10.5555/cef.7"),
    ],
    "iea2020": [
        ("citation_title", "Oil Outlook"),
        ("citation_author", "Li, Wei"),
        ("citation_technical_report_institution", "International Energy Agency"),
        ("citation_publication_date", "2020"),
        ("citation_technical_report_number", "TR\u201342"),  # "--": an en dash
        ("citation_public_url", "ftp://ftp.example.org/oil.pdf"),
    ],
    "ivanova2017": [
        ("citation_title", "Pipelines and States"),
        ("citation_author", "Ivanova, Olga"),
        ("citation_dissertation_institution", "Università di Bologna"),
        ("citation_publication_date", "2017"),
    ],
}


def parsed(reference: str) -> list[tuple[str, str]]:
    """A ``citation_reference`` value as its (key, value) pairs."""
    return [tuple(part.split("=", 1)) for part in reference.split("; ")]


def page(project: Project, name: str) -> BeautifulSoup:
    html = project.build / "html" / "reports" / f"{name}.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def og_description(soup: BeautifulSoup) -> str:
    (tag,) = soup.head.find_all("meta", property="og:description")
    return tag["content"]


def meta_description(soup: BeautifulSoup) -> str:
    """``<meta name="description">``: one, ours, not sphinxext-opengraph's."""
    (tag,) = soup.head.find_all("meta", attrs={"name": "description"})
    return tag["content"]


def json_ld_description(soup: BeautifulSoup) -> str:
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)["description"]


@HEAD_TEXT
def test_citation_references_decoded_and_complete(app: SphinxTestApp) -> None:
    soup = page(built(app), "1-1-report")
    tags = soup.head.find_all("meta", attrs={"name": "citation_reference"})
    references = [parsed(tag["content"]) for tag in tags]
    assert sorted(references) == sorted(REFERENCES.values())
    # the same text as the page's References: one decoder for both
    shown = [fold(item.get_text()) for item in soup.select(".bibliography-entry")]
    for reference in references:
        title = dict(reference)["citation_title"]
        assert sum(title in text for text in shown) == 1, (title, shown)


@HEAD_TEXT
def test_description_without_footnote_numbers(app: SphinxTestApp) -> None:
    soup = page(built(app), "1-2-plain")
    expected = "Trade in the Black Sea grew across Europe. Its ports grew."
    assert og_description(soup) == expected
    assert meta_description(soup) == expected
    assert json_ld_description(soup) == expected


#: The abstract of 1-1-report, as text: Markdown and HTML stay as written,
#: lines joined, paragraphs at the blank line.
ABSTRACT = (
    "Trade across the *Caspian* grew <b>fast</b>.",
    "A second paragraph {footcite}`ozturk2021`.",
)


@HEAD_TEXT
def test_abstract_after_the_byline_as_text(app: SphinxTestApp) -> None:
    soup = page(built(app), "1-1-report")
    assert og_description(soup) == " ".join(ABSTRACT)
    assert meta_description(soup) == " ".join(ABSTRACT)
    assert json_ld_description(soup) == " ".join(ABSTRACT)
    (abstract,) = soup.select(".georeport-abstract")
    # an abstract (its heading, doc-abstract), not an admonition
    assert (abstract.name, abstract["role"]) == ("section", "doc-abstract")
    assert abstract.find("h2").get_text() == "Abstract"
    paragraphs = abstract.find_all("p")
    assert tuple(p.get_text() for p in paragraphs) == ABSTRACT
    assert not abstract.find_all(["b", "em", "a"])  # text, never markup
    assert not soup.select("article .admonition, article aside.topic")
    # after the byline and its facts (no cover), before the text; once
    byline = soup.select_one(".georeport-byline")
    following = [e for e in byline.next_siblings if isinstance(e, Tag)]
    assert following[0].name == "dl" and "georeport-facts" in following[0]["class"]
    assert following[1] is abstract
    assert following[2].get_text().startswith("Trade in the Black Sea region")
    assert len(soup.select(".georeport-abstract")) == 1


@pytest.mark.pdf
def test_abstract_in_the_pdf_after_the_title_block(tmp_path: Path) -> None:
    """The PDF has the abstract where the page has it: after the authors,
    before the text (the masthead node writes the title block)."""
    source = copy_project(ROOTS / "test-head-text", tmp_path / "project")
    log = build_pdf(source, tmp_path / "build")
    project = Project(source, tmp_path / "build", log)
    report = project.report(source / "reports" / "1-1-report.md")
    text = fold(project.pdftext(report, 1))
    byline = text.index("Anna Rossi")
    label = text.index("Abstract", byline)
    first = text.index(ABSTRACT[0], label)
    second = text.index(ABSTRACT[1], first)
    assert second < text.index("Trade in the Black Sea region", second)
