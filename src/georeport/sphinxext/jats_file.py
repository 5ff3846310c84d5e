"""Each report's JATS XML (:mod:`georeport.jats`), written beside its page.

Made at ``html-page-context``, from the doctree Sphinx writes the page from:
the file is rebuilt exactly when its page is, and written only when its
bytes change. The head announces it (:mod:`.signposting`, :mod:`.report_head`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .. import jats
from ..files import write_if_changed
from .bibtex.item_language import ENTRY_CLASS
from .cite_this import SECTION_ID, report_citation
from .context import build_context
from .facts import facts
from .front_matter import get_report
from .masthead import ABSTRACT_CLASS
from .nodes import byline, masthead
from .notes import NOTES_CLASS
from .report_head import cited_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Classes of what the page shows of the front matter, not of the text.
_FRONT_CLASSES = frozenset({ABSTRACT_CLASS, "georeport-cover-credit", NOTES_CLASS})


def not_text(node: nodes.Node) -> bool:
    """Is ``node`` no part of the report's text? The masthead, byline and
    facts (dates, keywords, licence, how to cite), the abstract and cover
    credit (in ``front``), the "Notes" heading (its footnotes are the
    ``fn-group``), the References (the ``ref-list``)."""
    if isinstance(node, masthead | byline | facts | report_citation):
        return True
    if not isinstance(node, nodes.Element):
        return False
    if _FRONT_CLASSES & set(node.get("classes", [])):
        return True
    if isinstance(node, nodes.section):
        if SECTION_ID in node["ids"]:
            return True
        rest = [c for c in node.children if not isinstance(c, nodes.title)]
        return bool(rest) and all(not_text(child) for child in rest)
    if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
        entries = [n for n in node.findall(nodes.inline) if ENTRY_CLASS in n["classes"]]
        return bool(entries) and len(entries) == len(node.children)
    return isinstance(node, nodes.container) and not node.astext().strip()


def _images(app: Sphinx, pagename: str) -> dict[str, str]:
    """Each image's source path -> its address from the page's folder."""
    builder = app.builder
    images: dict[str, str] = getattr(builder, "images", {})
    folder = getattr(builder, "imagedir", "_images")
    here = posixpath.dirname(pagename) or "."
    return {
        source: posixpath.relpath(f"{folder}/{name}", here)
        for source, name in images.items()
    }


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    _context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Write the report's JATS file beside its page."""
    if doctree is None or app.builder.format != "html":
        return
    report = get_report(app.env, pagename)
    if report is None:
        return
    data = jats.article(
        report,
        doctree,
        cited_entries(app, pagename),
        skip=not_text,
        images=_images(app, pagename),
        with_pdf=build_context(app.env).has_pdf(report),
    )
    write_if_changed(Path(app.outdir, pagename).parent / report.jats_name, data)


def setup(app: Sphinx) -> None:
    """A JATS file beside each report's page."""
    app.connect("html-page-context", on_html_page_context)
