"""Scholarly metadata in every place a reader, a library or an indexer looks.

Each expected value is read from the report's front matter and the journal's
configuration (through the model), never copied from a built page. The HTML
head, masthead, "How to cite" and exports are checked on sphinx.testing
builds of the HTML edition (no TeX; with no PDF to link, a page links none);
the PDF's own metadata and the links to it on the full editions (``pdf``).
"""

from __future__ import annotations

import json
import re
import subprocess

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from georeport.exports import citation_key, formatted
from georeport.model.issn import check_digit, validate_issn
from georeport.model.language import LANGUAGES

from .conftest import SECOND, Project, built, fold


def reports(project: Project):
    return [project.report(path) for path in project.report_files()]


def metas(page: BeautifulSoup, attribute: str, name: str) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={attribute: name})]


def one(page: BeautifulSoup, attribute: str, name: str) -> str:
    (value,) = metas(page, attribute, name)
    return value


# -- ISSN --------------------------------------------------------------------


@pytest.mark.parametrize("issn", ["2785-2598", "2532-845X", "0317-8471"])
def test_valid_issns(issn: str) -> None:
    assert validate_issn(issn) == issn


def test_check_digit_by_hand() -> None:
    # 2785259: 2*8+7*7+8*6+5*5+2*4+5*3+9*2 = 179; 179 mod 11 = 3; 11-3 = 8
    assert check_digit("2785259") == "8"
    # a remainder of 1 gives 10, written X
    assert check_digit("2532845") == "X"


def test_wrong_check_digit_says_the_right_one() -> None:
    with pytest.raises(ValueError, match=r"should be '8' \(2785-2598\)"):
        validate_issn("2785-2597")


@pytest.mark.parametrize(
    "issn", ["27852598", "2785-259", "2785-259x", "ISSN 2785-2598"]
)
def test_malformed_issns(issn: str) -> None:
    with pytest.raises(ValueError, match="NNNN-NNNC"):
        validate_issn(issn)


# -- HTML head ---------------------------------------------------------------


def test_highwire_tags(html_project: Project) -> None:
    project = html_project
    journal = project.journal
    for report in reports(project):
        page = project.html(report)
        assert one(page, "name", "citation_title") == report.title
        assert metas(page, "name", "citation_author") == list(report.authors)
        date = one(page, "name", "citation_publication_date")
        assert re.fullmatch(r"\d{4}(/\d{2}/\d{2})?", date)
        assert date.startswith(str(report.date.year))
        if report.date.day:
            assert date == report.date.iso().replace("-", "/")
        else:
            assert date == str(report.date.year)
        if report.date.month and not report.date.day:
            assert one(page, "name", "citation_date") == report.date.iso().replace(
                "-", "/"
            )
        else:  # the two would say the same: one tag
            assert metas(page, "name", "citation_date") == []
        assert one(page, "name", "citation_journal_title") == journal.title
        assert one(page, "name", "citation_issn") == journal.issn
        assert one(page, "name", "citation_volume") == str(report.volume)
        assert one(page, "name", "citation_issue") == str(report.issue)
        assert one(page, "name", "citation_publisher") == journal.publisher
        assert one(page, "name", "citation_language") == report.language
        assert one(page, "name", "citation_keywords").split("; ") == list(
            report.keywords
        )
        # no PDF in this build, no link to one (the link: test_pdf_links_*)
        assert metas(page, "name", "citation_pdf_url") == []
        cited = {
            k
            for g in project.footnote_groups(project.source / f"{report.docname}.md")
            for k in g
        }
        references = metas(page, "name", "citation_reference")
        assert len(references) == len(cited)
        for key in cited:
            title = project.bibliography.entries[key].fields["title"]
            first = [r.split("; ")[0] for r in references]
            assert first.count(f"citation_title={title}") == 1


def test_dublin_core(html_project: Project) -> None:
    project = html_project
    journal = project.journal
    for report in reports(project):
        page = project.html(report)
        assert one(page, "name", "DC.title") == report.title
        assert metas(page, "name", "DC.creator") == list(report.authors)
        assert one(page, "name", "DC.date") == report.date.iso()
        assert one(page, "name", "DC.publisher") == journal.publisher
        assert one(page, "name", "DC.language") == report.language
        assert one(page, "name", "DC.identifier") == report.page_url
        assert one(page, "name", "DC.relation.ispartof") == journal.title
        # as journal platforms (OJS) write it: the journal is the source
        assert one(page, "name", "DC.Source") == journal.title
        assert one(page, "name", "DC.Source.ISSN") == journal.issn
        assert one(page, "name", "DC.Source.Volume") == str(report.volume)
        assert one(page, "name", "DC.Source.Issue") == str(report.issue)
        assert one(page, "name", "DC.Type") == "Text.Serial.Journal"
        names = [m.get("name", "") for m in page.head.find_all("meta")]
        assert "DC.source" not in names and "DC.type" not in names
        assert "urn:ISSN" not in str(page.head)
        (schema,) = page.head.find_all("link", rel="schema.DC")
        assert schema["href"] == "http://purl.org/dc/elements/1.1/"
        for tag in page.head.find_all("meta"):
            assert not tag.has_attr("scheme")  # obsolete in HTML5


def zotero_date(page: BeautifulSoup) -> str:
    """The date Zotero's "Embedded Metadata" translator gives the item: it
    maps citation_publication_date, citation_cover_date and citation_date in
    that order, the last one present winning (its processFields())."""
    date = ""
    for name in ("citation_publication_date", "citation_cover_date", "citation_date"):
        date = (metas(page, "name", name) or [date])[0]
    return date


def test_the_month_reaches_a_reference_manager(html_project: Project) -> None:
    """The date a reference manager reads holds the month, where there is one
    (docs/: January 2022), and Google Scholar's tag keeps a form it documents."""
    project = html_project
    for report in reports(project):
        page = project.html(report)
        # Zotero's strToDate: year, then month and day after "/" or "-"
        match = re.fullmatch(
            r"(\d{4})(?:[/-](\d{2})(?:[/-](\d{2}))?)?", zotero_date(page)
        )
        assert match is not None
        year, month, day = (int(g) if g else None for g in match.groups())
        date = report.date
        assert (year, month, day) == (date.year, date.month, date.day)


def test_open_graph(html_project: Project) -> None:
    project = html_project
    for report in reports(project):
        page = project.html(report)
        assert one(page, "property", "og:type") == "article"
        assert one(page, "property", "og:title") == report.title
        assert one(page, "property", "og:url") == report.page_url
        description = one(page, "property", "og:description")
        assert description and "Cover photo" not in description
        assert metas(page, "property", "article:author") == list(report.authors)
        assert one(page, "property", "article:published_time") == report.date.iso()


def test_json_ld_scholarly_article(html_project: Project) -> None:
    project = html_project
    journal = project.journal
    for report in reports(project):
        page = project.html(report)
        (script,) = page.find_all("script", type="application/ld+json")
        data = json.loads(script.string)
        assert data["@type"] == "ScholarlyArticle"
        assert data["headline"] == report.title
        assert [a["name"] for a in data["author"]] == list(report.authors)
        assert data["datePublished"] == report.date.iso()
        issue = data["isPartOf"]
        assert issue["@type"] == "PublicationIssue"
        assert issue["issueNumber"] == str(report.issue)
        volume = issue["isPartOf"]
        assert volume["@type"] == "PublicationVolume"
        assert volume["volumeNumber"] == str(report.volume)
        periodical = volume["isPartOf"]
        assert periodical["@type"] == "Periodical"
        assert periodical["name"] == journal.title
        assert periodical["issn"] == journal.issn
        assert periodical["publisher"]["name"] == journal.publisher


def test_canonical_link_and_no_pdf_link_without_a_pdf(html_project: Project) -> None:
    project = html_project
    for report in reports(project):
        page = project.html(report)
        (canonical,) = page.head.find_all("link", rel="canonical")
        assert canonical["href"] == report.page_url
        alternates = page.head.find_all("link", rel="alternate")
        assert not [a for a in alternates if a["type"] == "application/pdf"]
        # the report as JATS XML beside the page; the journal's Atom feed,
        # where a base URL makes one
        feed = [project.journal.base_url + "atom.xml"] * bool(report.page_url)
        assert [a["href"] for a in alternates] == [report.jats_name, *feed]
        assert page.select(".georeport-downloads a.georeport-pdf") == []
        folder = project.build / "html" / report.docname.rsplit("/", 1)[0]
        assert not list(folder.glob("*.pdf"))


@pytest.mark.pdf
def test_pdf_links_and_the_pdf_beside_the_page(project: Project) -> None:
    """Built after the PDF edition, a page links its PDF, put beside it."""
    journal = project.journal
    for report in reports(project):
        page = project.html(report)
        (alternate,) = page.head.find_all(
            "link", rel="alternate", type="application/pdf"
        )
        assert alternate["href"] == f"{report.slug}.pdf"
        beside = project.build / "html" / report.docname.rsplit("/", 1)[0]
        pdf = beside / alternate["href"]
        assert pdf.read_bytes() == project.pdf(report).read_bytes()
        download = page.select_one(".georeport-downloads a.georeport-pdf")
        assert download.get_text() == "PDF"
        assert download["href"] == alternate["href"]
        assert report.pdf_url.endswith("/" + alternate["href"])
        url = one(page, "name", "citation_pdf_url")
        assert url == f"{journal.base_url}{report.docname.rsplit('/', 1)[0]}/" + (
            f"{report.slug}.pdf"
        )
        # the PDF on the landing page's path, and in the RIS export as L1
        assert url.rsplit("/", 1)[0] == report.page_url.rsplit("/", 1)[0]
        (record,) = rispy.loads(_export(project, report, "ris"))
        assert record["file_attachments1"] == url
        assert record["urls"] == [report.page_url]
        links = {a.get_text(): a["href"] for a in page.select(".georeport-downloads a")}
        assert list(links) == ["PDF", "EPUB", "BibTeX", "RIS", "CSL-JSON"]
        assert links["PDF"] == alternate["href"]
        for href in links.values():
            assert (beside / href).is_file()


# -- PDF metadata ------------------------------------------------------------


XMP = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "prism": "http://prismstandard.org/namespaces/basic/3.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def xmp(project: Project, report) -> etree._Element:
    out = subprocess.run(
        ["pdfinfo", "-meta", str(project.pdf(report))],
        check=True,
        capture_output=True,
    ).stdout
    start = out.index(b"<x:xmpmeta")
    end = out.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    return etree.fromstring(out[start:end])


def texts(tree: etree._Element, path: str) -> list[str]:
    return [node.text or "" for node in tree.iterfind(path, XMP)]


@pytest.mark.pdf
def test_pdf_xmp(project: Project) -> None:
    journal = project.journal
    for report in reports(project):
        tree = xmp(project, report)
        # hyperxmp 5.9 (TeX Live 2022) drops backslashes on the way to XMP
        assert texts(tree, ".//dc:title//rdf:li") == [report.title.replace("\\", "")]
        assert texts(tree, ".//dc:creator//rdf:li") == list(report.authors)
        assert texts(tree, ".//dc:subject//rdf:li") == list(report.keywords)
        assert texts(tree, ".//dc:date//rdf:li") == [report.date.iso()]
        assert texts(tree, ".//dc:rights//rdf:li") == [report.rights] * bool(
            report.rights
        )
        assert texts(tree, ".//prism:publicationName") == [journal.title]
        assert texts(tree, ".//prism:issn") == [journal.issn]
        assert texts(tree, ".//prism:volume") == [str(report.volume)]
        assert texts(tree, ".//prism:number") == [str(report.issue)]


# -- How to cite -------------------------------------------------------------


def _citation(project: Project, report) -> str:
    """The reference "How to cite" must give, in the project's style."""
    style = project.conf.get("bibtex_default_style", "alpha")
    return fold(formatted(report, style).render_as("text"))


def test_cite_this_report(html_project: Project) -> None:
    """The reference, and the exports beside the page (the PDF link, when
    there is a PDF: test_pdf_links_and_the_pdf_beside_the_page)."""
    project = html_project
    for report in reports(project):
        page = project.html(report)
        cite = page.find(id="cite-this-report")
        text = fold(cite.select_one(".georeport-citation").get_text())
        assert text == _citation(project, report)
        links = {a.get_text(): a["href"] for a in page.select(".georeport-downloads a")}
        assert list(links) == ["EPUB", "BibTeX", "RIS", "CSL-JSON"]
        for href in links.values():
            assert (project.build / "html" / "reports" / href).is_file()


@pytest.mark.pdf
def test_cite_this_report_in_both_editions(project: Project) -> None:
    """The reference under the byline of the page and of the PDF's first
    page ("Cite as"), and no page that holds only it."""
    for report in reports(project):
        expected = _citation(project, report)
        cite = project.html(report).find(id="cite-this-report")
        assert fold(cite.select_one(".georeport-citation").get_text()) == expected
        first = re.sub(r"\s", "", project.pdftext(report, 1))
        assert "Citeas" + re.sub(r"\s", "", expected) in first
        assert "Cite this report" not in project.pdftext(report)


def _export(project: Project, report, suffix: str) -> str:
    path = project.build / "html" / "reports" / f"{report.slug}.{suffix}"
    return path.read_text(encoding="utf-8")


def test_bibtex_export(html_project: Project) -> None:
    project = html_project
    journal = project.journal
    for report in reports(project):
        data = pybtex.database.parse_string(_export(project, report, "bib"), "bibtex")
        (entry,) = data.entries.values()
        assert entry.key == citation_key(report)
        assert entry.type == "article"
        assert entry.fields["journal"] == journal.title
        assert entry.fields["issn"] == journal.issn
        assert entry.fields["volume"] == str(report.volume)
        assert entry.fields["number"] == str(report.issue)
        assert entry.fields["year"] == str(report.date.year)
        assert entry.fields["date"] == report.date.iso()
        # biblatex's langid, and language, which reference managers read
        assert entry.fields["language"] == entry.fields["langid"]
        assert LANGUAGES[entry.fields["language"]] == report.language
        assert len(entry.persons["author"]) == len(report.authors)
        title = entry.fields["title"]
        # no LaTeX command but the escapes of special characters
        bare = re.sub(
            r"\\(textbackslash\{\}|textasciicircum\{\}|textasciitilde\\? ?|[{}$&%#_])",
            "",
            title,
        )
        assert "\\" not in bare and "$" not in bare and "^" not in bare
        if not re.search(r"[\\{}$^&%#_~]", report.title):
            assert title == report.title


def test_ris_export(html_project: Project) -> None:
    project = html_project
    journal = project.journal
    for report in reports(project):
        text = _export(project, report, "ris")
        (record,) = rispy.loads(text)
        assert record["type_of_reference"] == "JOUR"
        assert record["title"] == report.title
        # the journal in T2 and JF; JO is the abbreviation's tag
        assert record["secondary_title"] == journal.title
        assert record["alternate_title3"] == journal.title
        assert "journal_name" not in record
        assert re.search(rf"^T2  - {re.escape(journal.title)}$", text, re.M)
        assert record["issn"] == journal.issn
        assert record["volume"] == str(report.volume)
        assert record["number"] == str(report.issue)
        assert record["year"] == str(report.date.year)
        date = report.date
        month, day = (f"{p:02d}" if p else "" for p in (date.month, date.day))
        assert record["date"] == f"{date.year}/{month}/{day}/"  # RIS's own form
        assert record["language"] == report.language
        assert len(record["authors"]) == len(report.authors)
        assert record["keywords"] == list(report.keywords)
        # one URL, the page; no PDF in this build, no L1
        assert record["urls"] == [report.page_url] * bool(report.page_url)
        assert "file_attachments1" not in record


def test_csl_json_export_renders_with_citeproc(html_project: Project) -> None:
    project = html_project
    for report in reports(project):
        items = json.loads(_export(project, report, "json"))
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        (rendered,) = [str(item) for item in bibliography.bibliography()]
        assert report.title in rendered
        assert items[0]["author"][0]["family"] in rendered
        assert str(report.date.year) in rendered
        (item,) = items
        journal = project.journal
        assert item["type"] == "article-journal"
        assert item["container-title"] == journal.title
        assert item["ISSN"] == journal.issn
        assert item["volume"] == str(report.volume)
        assert item["issue"] == str(report.issue)
        date = report.date
        parts = [p for p in (date.year, date.month, date.day) if p]
        assert item["issued"] == {"date-parts": [parts]}
        assert item["language"] == report.language
        assert item.get("URL", "") == report.page_url


# -- Escaping ----------------------------------------------------------------


def hostile_report(project: Project):
    """The second report, whose title, authors and keywords hold <, &, quotes,
    </script> and LaTeX commands."""
    (report,) = reports(project)
    assert "</script>" in report.title and "\\input" in report.title
    return report


@SECOND
def test_hostile_metadata_is_text_in_the_page(app: SphinxTestApp) -> None:
    """Each place of the page shows the hostile title as text."""
    project = built(app)
    report = hostile_report(project)
    page = project.html(report)
    assert page.find("h1").get_text().rstrip("¶") == report.title
    scripts = page.find_all("script")
    assert all(not (s.string or "").strip().startswith("alert") for s in scripts)
    assert not [
        s
        for s in scripts
        if "alert(1)" in (s.string or "") and s.get("type") != "application/ld+json"
    ]
    assert page.title.get_text().startswith(report.title)


@pytest.mark.pdf
def test_hostile_metadata_is_text_in_the_pdf(second_project: Project) -> None:
    """LaTeX ran no command from the title: it is in the PDF as text."""
    report = hostile_report(second_project)
    first = fold(second_project.pdftext(report, 1))
    assert fold(report.title) in first
    info = subprocess.run(
        ["pdfinfo", str(second_project.pdf(report))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert f"Title:           {report.title}\n" in info
