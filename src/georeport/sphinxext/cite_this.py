"""How to cite a report, and its downloads: in the facts under its byline.

The formatted citation is ordinary doctree text inside a :class:`report_citation`
node (so the PDF's "Cite as" line has it too, and no reader of paragraphs
takes it for the report's first one); the download links to the PDF, the
EPUB and the exports written by :mod:`.downloads` are made for the HTML page
only (:func:`downloads`).

When a report is read, its citations are known: a cited source whose ``url``
may not be a link (:func:`georeport.bib.style.link_target`) is said here,
once per reading of the report, in both editions.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes
from pybtex.plugin import find_plugin

from ..bib.style import link_target
from ..exports import EXPORTS, formatted
from . import epub
from .context import build_context
from .front_matter import get_report
from .nodes import visitors
from .report_head import cited_entries
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..model import Report

#: The id of "How to cite" on the page (the anchor of the former section).
SECTION_ID = "cite-this-report"


class report_citation(nodes.General, nodes.TextElement):  # docutils naming
    """The report's own reference in the journal's style; its children are
    the text, rendered by each writer."""


def citation_node(app: Sphinx, report: Report) -> report_citation:
    """The reference as the configured style writes it."""
    text = formatted(report, build_context(app.env).style)
    node = report_citation(classes=["georeport-citation"])
    node += text.render(find_plugin("pybtex.backends", "docutils")())
    return node


def downloads(builder: Builder, report: Report) -> list[tuple[str, str, str]]:
    """``(file name, label, class)`` of each file beside the page: the PDF
    (when the edition has it), the EPUB (when made), the exports. The
    formats' names are names, in every language."""
    found = []
    if build_context(builder.env).has_pdf(report):
        found.append((report.pdf_name, "PDF", "georeport-pdf"))
    if epub.enabled(builder):
        found.append((report.epub_name, "EPUB", "georeport-epub"))
    found += [
        (f"{report.slug}.{suffix}", label, "") for suffix, label in EXPORTS.items()
    ]
    return found


def downloads_html(builder: Builder, report: Report) -> str:
    """The download links, each relative to the page (a file name is text;
    in a URL a space or "#" is percent-encoded)."""
    links = []
    for href, label, kind in downloads(builder, report):
        attribute = f' class="{kind}"' if kind else ""
        url = escape(quote(href))
        links.append(f'<a{attribute} href="{url}" download>{escape(label)}</a>')
    return " ".join(links)


def visit_citation_html(translator: HTML5Translator, node: report_citation) -> None:
    translator.body.append(f'<p class="{" ".join(node["classes"])}">')


def depart_citation_html(translator: HTML5Translator, node: report_citation) -> None:
    translator.body.append("</p>\n")


def pass_latex(translator: LaTeXTranslator, node: nodes.Element) -> None:
    """The node's text, where the facts put it (:mod:`.facts`): nothing of
    its own."""


def _url_line(app: Sphinx, key: str) -> str | None:
    """``refs.bib:12``: where the ``url`` of entry ``key`` is written."""
    for name in build_context(app.env).bibfiles:
        path = Path(app.confdir, name)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        entry = re.search(rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,", text)
        if entry is None:
            continue
        end = text.find("\n@", entry.end())
        url = re.compile(r"^\s*url\s*=", re.M | re.I).search(
            text, entry.end(), end if end >= 0 else len(text)
        )
        line = text.count("\n", 0, (url or entry).start()) + 1
        return f"{path}:{line}"
    return None


def check_links(app: Sphinx, docname: str) -> None:
    """Say which cited source has a ``url`` that must not be a link."""
    for entry in cited_entries(app, docname):
        url = entry.fields.get("url", "")
        if url and link_target(url) is None:
            log(
                GeoreportWarning.URL,
                "the url %r of source '%s' is no http, https, ftp or mailto "
                "address and no DOI (doi:10...): it must not be a link, and the "
                "house style shows it as text; write the address in full "
                "(https://...) or remove it",
                url,
                entry.key,
                location=_url_line(app, entry.key) or (docname, None),
            )


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Check the report's cited addresses."""
    report = get_report(app.env, app.env.docname)
    if report is not None:
        check_links(app, report.docname)


def setup(app: Sphinx) -> None:
    """The citation node; the cited addresses checked when a report is read."""
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.add_node(
        report_citation,
        **visitors(
            html=(visit_citation_html, depart_citation_html),
            latex=(pass_latex, pass_latex),
        ),
    )
