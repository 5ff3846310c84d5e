"""The "Cite this report" section at the end of every report, both editions.

The formatted citation is ordinary doctree text (so the PDF has it too); the
download links to the exports written by :mod:`.downloads` are a node only
the HTML writer renders.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from pybtex.plugin import find_plugin

from ..exports import EXPORTS, formatted
from .context import build_context
from .front_matter import get_report, node_report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ..model import Report

SECTION_ID = "cite-this-report"


class cite_downloads(nodes.General, nodes.Element):  # docutils naming
    """Links to the PDF edition and to the citation exports."""


def cite_section(app: Sphinx, report: Report) -> nodes.section:
    """Heading, the citation in the configured style, the download links."""
    section = nodes.section(ids=[SECTION_ID], names=["cite this report"])
    section += nodes.title("Cite this report", "Cite this report")
    text = formatted(report, build_context(app.env).style)
    paragraph = nodes.paragraph(classes=["georeport-citation"])
    paragraph += text.render(find_plugin("pybtex.backends", "docutils")())
    section += paragraph
    section += cite_downloads(docname=report.docname)
    return section


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Append the section to a report's top-level section."""
    report = get_report(app.env, app.env.docname)
    top = doctree.next_node(nodes.section)
    if report is not None and top is not None:
        top += cite_section(app, report)


def visit_cite_downloads_html(
    translator: HTML5Translator, node: cite_downloads
) -> None:
    """``Download: PDF · BibTeX · RIS · CSL-JSON``, all beside the page."""
    report = node_report(translator.builder, node)
    links = []
    if build_context(translator.builder.env).has_pdf(report):
        links.append((report.pdf_name, "PDF"))
    links += [(f"{report.slug}.{suffix}", label) for suffix, label in EXPORTS.items()]
    anchors = " · ".join(
        f'<a href="{escape(href)}" download>{escape(label)}</a>'
        for href, label in links
    )
    translator.body.append(f'<p class="georeport-downloads">Download: {anchors}</p>\n')
    raise nodes.SkipNode
