"""A report's DOI (issue 16, item 1) and its sources' DOIs (item 2).

The DOI is read from front matter (or made from ``georeport_doi_prefix``),
checked, and shown everywhere a reader or an indexer looks: the masthead of
both editions, the head's tags and JSON-LD, "Cite this report" and its
exports, the PDF's information dictionary and XMP. A source's DOI is its
https://doi.org/ link in its footnote and in the References of both editions,
and in its ``citation_reference``. Every expected value is read from the
front matter or the BibTeX file of ``tests/roots/test-doi``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from georeport.model import Journal, MetadataError, report_from_source
from georeport.model.doi import collisions, normalize

from .conftest import ROOTS, STRICT, Project, built, fold, full_build, warnings_of

ROOT = ROOTS / "test-doi"
FIRST = ROOT / "reports" / "1-1-first.md"
#: The DOI the first report's front matter writes, as its doi.org link.
WRITTEN = re.search(r"^doi: (.+)$", FIRST.read_text(), re.M).group(1)
DOI = WRITTEN.removeprefix("https://doi.org/")
PREFIX = {"georeport_doi_prefix": "10.55555"}
DOI_ROOT = pytest.mark.sphinx("html", testroot="doi", confoverrides=STRICT)
MADE = pytest.mark.sphinx("html", testroot="doi", confoverrides={**STRICT, **PREFIX})
JOURNAL = Journal.from_config("J", "2532-845X", "P", "https://j.example.org/")


def front_matter(**fields: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return (
        "---\ntitle: A report\nauthors: [Anna Rossi]\nvolume: 1\nissue: 1\n"
        f'date: "2024"\n{lines}---\n\nText.\n'
    )


def line_of(text: str, start: str) -> int:
    return next(
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)
    )


# -- The model: a DOI checked, or made -----------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "10.55555/gr.1",
        "doi:10.55555/gr.1",
        "https://doi.org/10.55555/gr.1",
        "DOI: 10.55555/gr.1",
        "http://dx.doi.org/10.55555/gr.1",
    ],
)
def test_a_doi_is_read_however_written(written: str) -> None:
    text = front_matter(doi=f'"{written}"')
    assert report_from_source("reports/1-1-x", text, JOURNAL).doi == "10.55555/gr.1"


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("10.55555", "is not a DOI"),
        ("55555/gr.1", "is not a DOI"),
        ("10.123/gr.1", "'10.' and 4 to 9 digits"),
        ("10.55555.1/gr.1", "'10.' and 4 to 9 digits"),
        ("10.55555/gr 1", "' '"),
        ("10.55555/gr#1<b>", "'#', '<', '>'"),
        ("10.55555/" + "x" * 201, "at most 200"),
    ],
)
def test_a_bad_doi_is_refused_at_its_line(written: str, words: str) -> None:
    text = front_matter(doi=f'"{written}"')
    with pytest.raises(MetadataError) as caught:
        report_from_source("reports/1-1-x", text, JOURNAL)
    assert words in str(caught.value)
    assert "'doi'" in str(caught.value)
    assert caught.value.line == line_of(text, "doi:")


def test_no_prefix_no_doi() -> None:
    assert report_from_source("reports/1-1-x", front_matter(), JOURNAL).doi == ""


def test_a_doi_is_made_from_the_prefix_and_an_explicit_one_wins() -> None:
    journal = Journal.from_config("J", "2532-845X", "P", doi_prefix="10.55555/")
    made = report_from_source("reports/1-1-x", front_matter(), journal)
    assert made.doi == "10.55555/1-1-x"
    assert made.doi_url == "https://doi.org/10.55555/1-1-x"
    written = front_matter(doi="10.55555/own")
    assert report_from_source("reports/1-1-x", written, journal).doi == "10.55555/own"


def test_a_pattern_of_the_reports_facts() -> None:
    journal = Journal.from_config(
        "J",
        "2532-845X",
        "P",
        doi_prefix="10.55555",
        doi_pattern="{prefix}/gr.{year}.{volume}.{issue}.{order}",
    )
    text = front_matter(order="3")
    assert report_from_source("reports/1-1-x", text, journal).doi == (
        "10.55555/gr.2024.1.1.3"
    )
    with pytest.raises(MetadataError, match=r"names {order}.*add e\.g\. order: 1"):
        report_from_source("reports/1-1-x", front_matter(), journal)


def test_a_file_name_that_makes_a_bad_doi() -> None:
    """A file name keeps Crossref's characters (the rule of every report's
    name), not always its length."""
    journal = Journal.from_config("J", "2532-845X", "P", doi_prefix="10.55555")
    match = r"makes a bad DOI.*204 characters.*at most 200.*rename the file"
    with pytest.raises(MetadataError, match=match):
        report_from_source("reports/1-1-" + "x" * 200, front_matter(), journal)


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("doi_prefix", "10.12", "georeport_doi_prefix: '10.12' is not a DOI prefix"),
        ("doi_pattern", "{prefix}/gr.{volume}.{issue}", "the same DOI"),
        ("doi_pattern", "{prefix}/{slug}.{number}", "names 'number'"),
        ("doi_pattern", "gr/{prefix}/{slug}", "must start with '{prefix}/'"),
    ],
)
def test_bad_doi_settings_are_refused(setting: str, value: str, words: str) -> None:
    settings = {
        "georeport_journal_title": "J",
        "georeport_issn": "2532-845X",
        "georeport_doi_prefix": "10.55555",
        f"georeport_{setting}": value,
    }
    with pytest.raises(MetadataError) as caught:
        Journal.from_settings(settings)
    assert str(caught.value).startswith(f"georeport_{setting}:")
    assert words in str(caught.value)


def test_collisions_ignore_case() -> None:
    one = report_from_source("reports/1-1-a", front_matter(doi="10.55555/X"), JOURNAL)
    two = report_from_source("reports/1-1-b", front_matter(doi="10.55555/x"), JOURNAL)
    assert collisions([two, one]) == [(one, two)]
    assert normalize(" doi:10.55555/x ") == "10.55555/x"


# -- Everywhere a reader or an indexer looks (HTML edition) --------------------


def page(project: Project, docname: str) -> BeautifulSoup:
    html = project.build / "html" / f"{docname}.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def metas(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


@DOI_ROOT
def test_the_doi_everywhere_on_the_page(app: SphinxTestApp) -> None:
    project = built(app)
    soup = page(project, "reports/1-1-first")
    link = f"https://doi.org/{DOI}"
    masthead = soup.select_one(".georeport-masthead .georeport-doi a")
    assert masthead["href"] == link
    assert masthead.get_text() == link
    assert metas(soup, "citation_doi") == [DOI]
    assert metas(soup, "DC.Identifier.DOI") == [DOI]
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "doi",
        "value": DOI,
    }
    assert data["sameAs"] == link
    citation = soup.select_one(".georeport-citation")
    assert link in citation.get_text()
    assert link in [a["href"] for a in citation.find_all("a")]


@DOI_ROOT
def test_the_doi_in_the_exports(app: SphinxTestApp) -> None:
    project = built(app)
    folder = project.build / "html" / "reports"
    bib = pybtex.database.parse_file(str(folder / "1-1-first.bib"))
    (entry,) = bib.entries.values()
    assert entry.fields["doi"] == DOI  # the "_" as it is: biblatex's doi is verbatim
    (record,) = rispy.loads((folder / "1-1-first.ris").read_text(encoding="utf-8"))
    assert record["doi"] == DOI
    (item,) = json.loads((folder / "1-1-first.json").read_text(encoding="utf-8"))
    assert item["DOI"] == DOI


@DOI_ROOT
def test_a_report_without_a_doi_shows_none(app: SphinxTestApp) -> None:
    project = built(app)
    soup = page(project, "reports/1-1-second")
    assert soup.select(".georeport-doi") == []
    assert metas(soup, "citation_doi") == []
    assert metas(soup, "DC.Identifier.DOI") == []
    (script,) = soup.find_all("script", type="application/ld+json")
    assert "identifier" not in json.loads(script.string)
    folder = project.build / "html" / "reports"
    assert "doi" not in (folder / "1-1-second.bib").read_text(encoding="utf-8")
    assert "DO  -" not in (folder / "1-1-second.ris").read_text(encoding="utf-8")


@MADE
def test_made_dois_on_the_pages(app: SphinxTestApp) -> None:
    project = built(app)
    second = page(project, "reports/1-1-second")
    assert metas(second, "citation_doi") == ["10.55555/1-1-second"]
    assert metas(page(project, "reports/1-1-first"), "citation_doi") == [DOI]


# -- Two reports, one DOI --------------------------------------------------------


def test_two_reports_with_one_doi_stop_the_build(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    second = source / "reports" / "1-1-second.md"
    text = second.read_text(encoding="utf-8").replace(
        "order: 2\n", f"order: 2\ndoi: {DOI.upper()}\n"
    )
    second.write_text(text, encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "georeport.editions",
            "html",
            str(source),
            str(tmp_path / "b"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 1
    (error,) = [line for line in completed.stderr.splitlines() if "DOI" in line]
    assert f"1-1-second.md:{line_of(text, 'doi:')}:" in error
    assert str(source / "reports" / "1-1-first.md") in error
    assert not (tmp_path / "b" / "html").exists()


# -- Sources' DOIs (item 2): both editions ---------------------------------------


def source_doi() -> str:
    bib = pybtex.database.parse_file(str(ROOT / "refs.bib"))
    return (
        "https://doi.org/" + bib.entries["rossi2020"].fields["doi"].split("doi.org/")[1]
    )


@DOI_ROOT
def test_a_sources_doi_on_the_page(app: SphinxTestApp) -> None:
    project = built(app)
    soup = page(project, "reports/1-1-first")
    link = source_doi()
    footnotes = soup.select("aside.footnote, .footnote-list .footnote")
    assert footnotes, "no footnotes"
    cited = [a for a in footnotes[0].find_all("a") if a.get("href") == link]
    assert cited and cited[0].get_text() == link
    references = soup.select_one("section#references")
    assert link in [a.get("href") for a in references.find_all("a")]
    (reference,) = [v for v in metas(soup, "citation_reference") if "Pipelines" in v]
    assert f"citation_doi={link.removeprefix('https://doi.org/')}" in reference


@pytest.mark.sphinx("latex", testroot="doi", confoverrides=STRICT)
def test_a_sources_doi_in_the_latex(app: SphinxTestApp) -> None:
    """The PDF edition's LaTeX links it in the footnote and the References,
    and the report's own DOI under the issue line and in the metadata."""
    app.build()
    assert not warnings_of(app)
    tex = (Path(app.outdir) / "1-1-first.tex").read_text(encoding="utf-8")
    link = source_doi()
    body = tex.split(r"\begin{document}", 1)[1]
    footnote = body[body.index(r"\begin{footnote}") :]
    footnote = footnote[: footnote.index(r"\end{footnote}")]
    # a link whose text is its address: hyperref's \url, as Sphinx writes it
    assert rf"\sphinxurl{{{link}}}" in footnote
    references = body[body.index(r"\section{References}") :]
    assert rf"\sphinxurl{{{link}}}" in references
    # LaTeX text ("_" is "\_"); the PDF's link is the DOI's (test below)
    escaped = DOI.replace("_", "\\_")
    assert rf"\georeportdoi{{\sphinxhref{{https://doi.org/{escaped}}}" in tex
    # hyperxmp reads escapes twice: "\string_" reaches XMP as "_"
    xmp_doi = DOI.replace("_", r"\string_")
    assert f"pdfdoi={{{xmp_doi}}}" in tex


# -- The PDF ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return full_build(ROOT, tmp_path_factory.mktemp("doi-pdf"))


@pytest.mark.pdf
def test_the_doi_in_the_pdf(pdf_project: Project) -> None:
    pdf = str(pdf_project.build / "pdf" / "1-1-first.pdf")
    info = subprocess.run(
        ["pdfinfo", "-custom", pdf], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(rf"^DOI:\s+{re.escape(DOI)}$", info, re.M)
    xmp = subprocess.run(
        ["pdfinfo", "-meta", pdf], check=True, capture_output=True, text=True
    ).stdout
    assert f"<prism:doi>{DOI}</prism:doi>" in xmp
    text = subprocess.run(
        ["pdftotext", "-l", "1", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    assert f"https://doi.org/{DOI}" in fold(text)
    qdf = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
        check=True,
        capture_output=True,
    ).stdout
    links = re.findall(rb"/URI \((.*?)\)", qdf)
    assert f"https://doi.org/{DOI}".encode() in links
    assert source_doi().encode() in links
    second = str(pdf_project.build / "pdf" / "1-1-second.pdf")
    xmp = subprocess.run(
        ["pdfinfo", "-meta", second], check=True, capture_output=True, text=True
    ).stdout
    assert "prism:doi" not in xmp.replace("<pdfaProperty:name>doi<", "")
