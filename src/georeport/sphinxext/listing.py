"""What a list of the journal's pages shows of a report and of an issue.

* A report, in a table of contents (an issue's page, the front page's newest
  issue): its cover's thumbnail when it has a cover image, its title (a
  link), its authors, the opening of its abstract (of its text, when it has
  none), its PDF and EPUB and its DOI.
* A report, in a list of issues (a volume's page, the archive): its title
  and its authors.
* An issue, in a list of issues: the thumbnail of its first cover, its name
  and date (a link), its reports.

Each report carries its COinS span (:mod:`.coins`), so that a reference
manager offers every report of the page. Every value is a text node: shown
as written. The thumbnail is the report's cover image, which Sphinx copied
for the report's page (an image it has not collected is left out).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from . import coins, epub
from .context import build_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Report
    from ..model.catalogue import Issue

#: At most this many characters of an abstract open a report's entry (cut
#: at a space, "…" added).
OPENING = 300


def opening(text: str, limit: int = OPENING) -> str:
    """The first ``limit`` characters of ``text`` or fewer, cut at a space,
    white space folded; ``…`` marks a cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "…"


def link(app: Sphinx, fromdoc: str, todoc: str, text: str) -> nodes.reference:
    """A link from page ``fromdoc`` to page ``todoc``, its text as written."""
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    return nodes.reference("", text, internal=True, refuri=uri)


def beside(app: Sphinx, fromdoc: str, report: Report, name: str) -> str:
    """The address, from ``fromdoc``, of a file beside the report's page."""
    page = app.builder.get_relative_uri(fromdoc, report.docname)
    return posixpath.join(posixpath.dirname(page), quote(name))


def file_links(app: Sphinx, fromdoc: str, report: Report) -> list[nodes.reference]:
    """The report's PDF (if the edition has it) and EPUB (if made)."""
    found = []
    if build_context(app.env).has_pdf(report):
        uri = beside(app, fromdoc, report, report.pdf_name)
        found.append(nodes.reference("", "PDF", refuri=uri, classes=["georeport-pdf"]))
    if epub.enabled(app.builder):
        uri = beside(app, fromdoc, report, report.epub_name)
        found.append(
            nodes.reference("", "EPUB", refuri=uri, classes=["georeport-epub"])
        )
    return found


def thumbnail(app: Sphinx, report: Report) -> nodes.image | None:
    """The report's cover image, small; None without one. Decorative (its
    title is beside it): no alt text."""
    cover = report.cover
    if cover is None or not cover.path or "://" in cover.path:
        return None
    folder = posixpath.dirname(report.docname)
    path = posixpath.normpath(posixpath.join(folder, cover.path))
    if path not in app.env.images:
        return None  # refused or missing: said when the report was read
    return nodes.image(
        uri=path, candidates={"*": path}, alt="", classes=["georeport-thumbnail"]
    )


def report_entry(
    app: Sphinx, fromdoc: str, report: Report, text: str
) -> nodes.list_item:
    """A report in a table of contents; ``text``: the opening of its
    abstract, or of its text."""
    item = nodes.list_item(classes=["georeport-report"])
    image = thumbnail(app, report)
    if image is not None:
        item += image
    title = nodes.paragraph(classes=["georeport-report-title"])
    title += link(app, fromdoc, report.docname, report.title)
    title += coins.node(report)
    item += title
    authors = report.authors_line
    item += nodes.paragraph(authors, authors, classes=["georeport-report-authors"])
    if text:
        shown = opening(text)
        item += nodes.paragraph(shown, shown, classes=["georeport-report-opening"])
    files: list[nodes.Node] = list(file_links(app, fromdoc, report))
    if report.doi:
        files.append(nodes.reference("", report.doi_url, refuri=report.doi_url))
    if files:
        line = nodes.paragraph(classes=["georeport-report-links"])
        for number, node in enumerate(files):
            if number:
                line += nodes.Text(" · ")
            line += node
        item += line
    return item


def report_line(app: Sphinx, fromdoc: str, report: Report) -> nodes.list_item:
    """A report in a list of issues: its title (a link) and its authors."""
    paragraph = nodes.paragraph()
    paragraph += link(app, fromdoc, report.docname, report.title)
    paragraph += nodes.Text(f" — {report.authors_line}")
    paragraph += coins.node(report)
    return nodes.list_item("", paragraph)


def issue_cover(issue: Issue) -> Report | None:
    """The first report of the issue that has a cover image."""
    return next((r for r in issue.reports if r.cover and r.cover.path), None)


def issue_entry(app: Sphinx, fromdoc: str, issue: Issue, name: str) -> nodes.list_item:
    """An issue in a list of issues: its cover, ``name`` (a link), its
    reports' titles and authors."""
    item = nodes.list_item(classes=["georeport-issue"])
    cover = issue_cover(issue)
    image = thumbnail(app, cover) if cover is not None else None
    if image is not None:
        item += image
    heading = nodes.paragraph(classes=["georeport-issue-name"])
    heading += link(app, fromdoc, issue.docname, name)
    item += heading
    reports = nodes.bullet_list(classes=["georeport-issue-titles"])
    for report in issue.reports:
        reports += report_line(app, fromdoc, report)
    item += reports
    return item
