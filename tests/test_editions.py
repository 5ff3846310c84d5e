"""The built editions, HTML and PDF, of every report of each test project.

What the HTML edition alone shows is checked on sphinx.testing builds (no
TeX); the PDF edition, and what it shares with the HTML, on the full editions
(``pdf``).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import (
    DATA,
    JOURNAL,
    REPORT,
    STRICT,
    UNKNOWN_KEY,
    Project,
    built,
    fold,
    pdf_text,
    warnings_of,
)


def squash(text: str) -> str:
    """Text with no white space or hyphens: line breaks of a PDF cannot matter."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def html_footnotes(project: Project, report) -> list[tuple[str, str]]:
    """``(label, text)`` of each footnote of the HTML page, in page order."""
    page = project.html(report)
    notes = []
    for aside in page.select("aside.footnote"):
        label = aside.select_one("span.label").get_text(strip=True).strip("[]")
        body = " ".join(p.get_text() for p in aside.find_all("p"))
        notes.append((label, fold(body)))
    return notes


def references_items(project: Project, report) -> list[str]:
    section = project.html(report).find("section", id="references")
    assert section is not None, "no References section"
    return [fold(li.get_text()) for li in section.find_all("li")]


def reports(project: Project):
    files = project.report_files()
    assert files, f"no reports in {project.source}"
    return [(path, project.report(path)) for path in files]


@pytest.mark.pdf
def test_builds_are_warning_free(project: Project) -> None:
    assert "WARNING" not in project.log
    assert "ERROR" not in project.log


def test_html_footnotes_numbered_in_order_with_their_sources(
    html_project: Project,
) -> None:
    project = html_project
    for path, report in reports(project):
        groups = project.footnote_groups(path)
        notes = html_footnotes(project, report)
        assert [label for label, _ in notes] == [
            str(n) for n in range(1, len(groups) + 1)
        ]
        for (_, text), keys in zip(notes, groups, strict=True):
            for key in keys:
                title = fold(project.bibliography.entries[key].fields["title"])
                assert title in text, f"{key}: {title!r} not in footnote {text!r}"
        refs = [
            a.get_text(strip=True).strip("[]")
            for a in project.html(report).select("article a.footnote-reference")
        ]
        assert refs == [str(n) for n in range(1, len(groups) + 1)]


@pytest.mark.pdf
def test_pdf_footnotes_are_the_html_footnotes_in_order(project: Project) -> None:
    for _path, report in reports(project):
        notes = squash(pdf_text(project, report, small=True))
        position = -1
        for label, note in html_footnotes(project, report):
            found = notes.find(squash(f"{label} {note}"), position + 1)
            assert found > position, f"footnote {label} missing or out of order: {note}"
            position = found


def test_references_list_every_cited_entry(html_project: Project) -> None:
    project = html_project
    for path, report in reports(project):
        keys = {key for group in project.footnote_groups(path) for key in group}
        items = references_items(project, report)
        assert len(items) == len(keys)
        for key in keys:
            title = fold(project.bibliography.entries[key].fields["title"])
            assert sum(title in item for item in items) >= 1, key


@pytest.mark.pdf
def test_pdf_references_are_the_html_references(project: Project) -> None:
    for _path, report in reports(project):
        items = references_items(project, report)
        assert items
        pdf = squash(pdf_text(project, report, small=False).rsplit("References", 1)[1])
        for item in items:
            assert squash(item) in pdf, item
        assert project.pdftext(report).count("References") == 1


def cited_titles(project: Project, path) -> list[str]:
    """The title of each source the report cites, as its BibTeX entry has it."""
    return [
        fold(project.bibliography.entries[key].fields["title"])
        for group in project.footnote_groups(path)
        for key in group
    ]


def test_titles_keep_their_case_in_every_script(html_project: Project) -> None:
    project = html_project
    for path, report in reports(project):
        page = fold(project.html(report).get_text())
        titles = cited_titles(project, path)
        assert titles
        for title in titles:
            assert title in page


@pytest.mark.pdf
def test_pdf_titles_keep_their_case_in_every_script(project: Project) -> None:
    for path, report in reports(project):
        pdf = fold(project.pdftext(report))
        titles = cited_titles(project, path)
        assert titles
        for title in titles:
            assert squash(title) in squash(pdf)


@pytest.mark.pdf
def test_cyrillic_survives_in_the_pdf_text(project: Project) -> None:
    cyrillic = [
        e.fields["title"]
        for e in project.bibliography.entries.values()
        if re.search("[А-я]", e.fields["title"])
    ]
    assert cyrillic
    text = "".join(squash(project.pdftext(r)) for _p, r in reports(project))
    cited = {
        k for p, _r in reports(project) for g in project.footnote_groups(p) for k in g
    }
    for key, entry in project.bibliography.entries.items():
        if key in cited and entry.fields["title"] in cyrillic:
            assert squash(entry.fields["title"]) in text


@pytest.mark.pdf
def test_every_font_is_embedded(project: Project) -> None:
    for _path, report in reports(project):
        out = subprocess.run(
            ["pdffonts", str(project.pdf(report))],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = out.splitlines()[2:]
        assert rows, "no fonts listed"
        for row in rows:
            assert "Type 3" not in row
            emb = row.split()[-5]
            assert emb == "yes", row


def test_html_masthead(html_project: Project) -> None:
    project = html_project
    journal = project.journal
    for _path, report in reports(project):
        page = project.html(report)
        masthead = fold(page.select_one(".georeport-masthead").get_text())
        assert journal.title in masthead
        assert f"ISSN {journal.issn}" in masthead
        assert f"Volume {report.volume}, Issue {report.issue}" in masthead
        assert fold(page.find("h1").get_text()).rstrip("¶").strip() == report.title
        byline = page.select_one(".georeport-byline").get_text(strip=True)
        assert byline == report.authors_line


@pytest.mark.pdf
def test_pdf_first_page_masthead(project: Project) -> None:
    journal = project.journal
    for _path, report in reports(project):
        first = fold(project.pdftext(report, 1))
        assert journal.title in first
        assert f"ISSN {journal.issn}" in first
        assert report.issue_line in first
        assert report.title in first
        assert report.authors_line in first
        # masthead, then title, then authors
        assert first.index(journal.title) < first.index(report.title)
        assert first.index(report.title) < first.index(report.authors_line)


@pytest.mark.pdf
def test_pdf_information_dictionary(project: Project) -> None:
    journal = project.journal
    for _path, report in reports(project):
        out = subprocess.run(
            ["pdfinfo", str(project.pdf(report))],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        info = dict(
            (k.strip(), v.strip())
            for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
        )
        assert info["Title"] == report.title
        assert info["Author"] == ", ".join(report.authors)
        assert journal.title in info["Subject"]
        assert journal.issn in info["Subject"]
        assert f"Volume {report.volume}, Issue {report.issue}" in info["Subject"]
        assert info.get("Keywords", "") == ", ".join(report.keywords)


@JOURNAL
def test_report_text_is_the_authors_word_for_word(sphinx_app: SphinxTestApp) -> None:
    """Every paragraph of the received text, markers aside, is on the page."""
    project = built(sphinx_app)
    seed = (DATA / "report-15-1.txt").read_text(encoding="utf-8")
    body = seed.split("Author:", 1)[1].split("\n", 1)[1]
    body = body.split("\n[1] ", 1)[0]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) > 10
    (path,) = project.report_files()
    page = project.html(project.report(path))
    article = page.find("article")
    for ref in article.select("a.footnote-reference"):
        ref.decompose()
    for link in article.select("a.headerlink"):
        link.decompose()
    blocks = {b.get_text() for b in article.find_all(["p", "h2"])}
    for paragraph in paragraphs:
        assert re.sub(r"\[\d+\]", "", paragraph) in blocks, paragraph[:60]


@pytest.mark.sphinx("html", testroot="base", srcdir="unknown-key", confoverrides=STRICT)
def test_unknown_citation_key_is_an_error_naming_key_and_file(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """A warning, which fails the editions' strict build (its message, through
    the command line: tests/test_bad_input.py)."""
    args, kwargs = app_params  # the base root, copied to srcdir
    UNKNOWN_KEY.apply(kwargs["srcdir"])
    app = make_app(*args, **kwargs)
    app.build()
    (warning,) = warnings_of(app).splitlines()
    assert 'bibtex key "rossi2O20"' in warning
    assert f"{REPORT}:" in warning
    assert "WARNING" in warning or "ERROR" in warning
