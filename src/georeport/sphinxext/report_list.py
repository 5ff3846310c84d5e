"""``{report-list}``: the journal's front page lists its reports, newest first.

The list needs every report's metadata, which exists only once all documents
are read, so the directive leaves a placeholder that is filled in when the
page is resolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .front_matter import all_reports

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class report_list(nodes.General, nodes.Element):
    """Placeholder for the list of reports."""


class ReportListDirective(SphinxDirective):
    """Insert the placeholder; the page depends on every report."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # so that a new or edited report shows here
        return [report_list()]


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with one item per report: title, authors, issue."""
    for placeholder in list(doctree.findall(report_list)):
        items = nodes.bullet_list(classes=["georeport-report-list"])
        for report in all_reports(app.env):
            uri = app.builder.get_relative_uri(docname, report.docname)
            title = nodes.reference("", report.title, internal=True, refuri=uri)
            paragraph = nodes.paragraph()
            paragraph += nodes.strong("", "", title)
            paragraph += nodes.Text(f" — {report.authors_line}. {report.issue_line}.")
            items += nodes.list_item("", paragraph)
        placeholder.replace_self(items)
