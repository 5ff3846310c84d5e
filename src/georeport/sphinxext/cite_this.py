"""The "Cite this report" section at the end of every report, both editions.

The formatted citation is ordinary doctree text (so the PDF has it too); the
download links to the exports written by :mod:`.downloads` are a node only
the HTML writer renders.

When the section is added, the report's citations are known: a cited source
whose ``url`` may not be a link (:func:`georeport.bib.style.link_target`) is
said here, once per reading of the report, in both editions.
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
from ..model.i18n import words
from . import epub
from .context import build_context
from .front_matter import get_report, node_report
from .nodes import skip, visitors
from .report_head import cited_entries
from .report_language import lang_attribute
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ..model import Report

SECTION_ID = "cite-this-report"


class cite_downloads(nodes.General, nodes.Element):  # docutils naming
    """Links to the PDF edition and to the citation exports."""


def cite_section(app: Sphinx, report: Report) -> nodes.section:
    """Heading (in the report's language), the citation in the configured
    style, the download links."""
    section = nodes.section(ids=[SECTION_ID], names=["cite this report"])
    title = words(report.language).gettext("Cite this report")
    section += nodes.title(title, title)
    text = formatted(report, build_context(app.env).style)
    paragraph = nodes.paragraph(classes=["georeport-citation"])
    paragraph += text.render(find_plugin("pybtex.backends", "docutils")())
    section += paragraph
    section += cite_downloads(docname=report.docname)
    return section


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
    """Append the section to a report's top-level section."""
    report = get_report(app.env, app.env.docname)
    top = doctree.next_node(nodes.section)
    if report is not None and top is not None:
        top += cite_section(app, report)
        check_links(app, report.docname)


def visit_cite_downloads_html(
    translator: HTML5Translator, node: cite_downloads
) -> None:
    """``Download: PDF · BibTeX · RIS · CSL-JSON``, all beside the page (the
    formats' names are names, in every language)."""
    report = node_report(translator.builder, node)
    links = []
    if build_context(translator.builder.env).has_pdf(report):
        links.append((report.pdf_name, "PDF"))
    if epub.enabled(translator.builder):
        links.append((report.epub_name, "EPUB"))
    links += [(f"{report.slug}.{suffix}", label) for suffix, label in EXPORTS.items()]
    # a file name is text; in a URL, a space or "#" must be percent-encoded
    anchors = " · ".join(
        f'<a href="{escape(quote(href))}" download>{escape(label)}</a>'
        for href, label in links
    )
    said = words(report.language)
    label = escape(said.gettext("Download:"))
    lang = lang_attribute(said.language, report.language)
    label = f"<span{lang}>{label}</span>" if lang else label
    translator.body.append(f'<p class="georeport-downloads">{label} {anchors}</p>\n')
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """The "Cite this report" section after each report's text."""
    # with the masthead's, before Sphinx's collectors (priority 500)
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.add_node(
        cite_downloads,
        **visitors(html=(visit_cite_downloads_html, None), latex=(skip, None)),
    )
