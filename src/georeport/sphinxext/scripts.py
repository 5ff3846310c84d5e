"""Text against its page's direction, on the page and in the book: ``dir``.

A browser orders right-to-left letters itself, but not the neutral
characters between them and the text around (a year in parentheses, the
comma after a title): an Arabic title in an English footnote, or the house
style's English words in an Arabic report, need to be isolated. The runs are
those the PDF turns (:func:`georeport.model.scripts.runs`), so the three
editions order a line alike; each becomes ``<span dir="rtl">`` (or ``ltr``),
an isolate in HTML 5. A source's ``lang`` comes from its ``langid``
(:mod:`.bibtex.item_language`, :mod:`.bibtex.footcite`); a report in a
right-to-left language gets ``<html dir="rtl">`` (:func:`on_html_page_context`).

A cited source without ``langid`` whose title is not in Latin letters is a
``georeport.langid`` warning naming the entry: its letters are set all the
same (their font is chosen by script), but no edition can say its language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.language import direction, entry_language, in_main_fonts, polyglossia_name
from ..model.scripts import letters_script, needs_runs, runs
from .context import build_context
from .front_matter import get_report
from .report_head import cited_entries
from .report_language import document_language
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Elements whose text is not prose: left as it is.
_LITERAL = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment)


class directional(nodes.inline):
    """A run against the direction of the text around it: ``dir``."""


def visit_directional_html(translator: HTML5Translator, node: directional) -> None:
    translator.body.append(f'<span dir="{node["dir"]}">')


def depart_directional_html(translator: HTML5Translator, node: directional) -> None:
    translator.body.append("</span>")


def _left_to_right(element: nodes.Element) -> bool:
    """A source in a language of the main fonts, which polyglossia sets
    left to right in the PDF whatever the paragraph."""
    classes: list[str] = element.get("classes", [])
    for name in classes:
        code = name.removeprefix("language-")
        if code != name and in_main_fonts(code) and polyglossia_name(code):
            return True
    return False


def _context(node: nodes.Node, main: str) -> str:
    """The direction of the text around ``node`` (``""`` in literal text):
    the page's, or ltr inside a source of :func:`_left_to_right`."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _LITERAL):
            return ""
        if isinstance(parent, nodes.Element) and _left_to_right(parent):
            return "ltr"
        parent = parent.parent
    return direction(main)


def _index(parent: nodes.Element, node: nodes.Node) -> int:
    """Where ``node`` is among its parent's children (a Text equals any
    text of the same letters: by identity), or -1 when it left them."""
    return next((at for at, child in enumerate(parent.children) if child is node), -1)


class JoinTextTransform(SphinxPostTransform):
    """Join neighbouring texts that hold another script: pybtex gives a
    name's parts apart, and the runs of one name must be one."""

    default_priority = 7  # after the sources' languages (6)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or not needs_runs(str(text), "rtl"):
                continue
            at = _index(parent, text)
            if at < 0:
                continue  # joined to the one before
            start, end = at, at + 1
            while start > 0 and isinstance(parent[start - 1], nodes.Text):
                start -= 1
            while end < len(parent) and isinstance(parent[end], nodes.Text):
                end += 1
            if end - start > 1:
                joined = "".join(str(node) for node in parent[start:end])
                parent[start:end] = [nodes.Text(joined)]


class DirectionTransform(SphinxPostTransform):
    """Wrap each run against its paragraph's direction in a ``directional``."""

    default_priority = 8
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        main = document_language(self.env, self.env.docname)
        if direction(main) == "rtl":
            # a source in a language of the main fonts: left to right, as
            # polyglossia sets it in the PDF
            for inline in list(self.document.findall(nodes.inline)):
                if _left_to_right(inline) and _context(inline, main) == "rtl":
                    turned = directional("", "", *inline.children, dir="ltr")
                    inline.children = []
                    inline += turned
        for text in list(self.document.findall(nodes.Text)):
            towards = _context(text, main)
            if not towards or not needs_runs(str(text), towards):
                continue
            found = runs(str(text), towards)
            if not any(run.turn for run in found):
                continue
            made: list[nodes.Node] = []
            for run in found:
                if run.turn:
                    made.append(directional("", nodes.Text(run.text), dir=run.turn))
                else:
                    made.append(nodes.Text(run.text))
            parent = text.parent
            at = _index(parent, text)
            parent[at : at + 1] = made


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """A report in a right-to-left language: ``<html lang dir="rtl">``.

    The theme writes ``lang="{{ language }}"`` into the ``<html>`` tag, the
    one place it uses ``language``, and has no block there: the direction
    goes in after the tag (a BCP 47 tag, checked: letters, digits, hyphens).
    """
    report = get_report(app.env, pagename)
    if report is not None and direction(report.language) == "rtl":
        context["language"] = f'{report.language}" dir="rtl'


# -- sources without langid ---------------------------------------------------


def _entry_line(app: Sphinx, key: str) -> str | None:
    """``refs.bib:12``: where entry ``key`` begins."""
    for name in build_context(app.env).bibfiles:
        path = Path(app.confdir, name)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        entry = re.search(rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,", text)
        if entry is not None:
            return f"{path}:{text.count(chr(10), 0, entry.start()) + 1}"
    return None


def check_langid(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a cited source whose title is not in Latin letters
    and that has no ``langid`` (its letters are set by script all the same)."""
    docname = app.env.docname
    if get_report(app.env, docname) is None:
        return
    for entry in cited_entries(app, docname):
        title = entry.fields.get("title", "")
        found = letters_script(title)
        if entry_language(entry) or found in ("", "LATIN"):
            continue
        log(
            GeoreportWarning.LANGID,
            "source '%s' has no langid, and its title is in %s letters: its "
            "language is unknown to readers, browsers and the PDF's "
            "hyphenation: add langid = {...} (a name such as russian, arabic, "
            "chinese, or a code: ru, ar, zh-Hant)",
            entry.key,
            found.title(),
            location=_entry_line(app, entry.key) or (docname, None),
        )


def setup(app: Sphinx) -> None:
    """Directions on the page and in the book; sources without langid."""
    app.add_node(directional, html=(visit_directional_html, depart_directional_html))
    app.add_post_transform(JoinTextTransform)
    app.add_post_transform(DirectionTransform)
    app.connect("html-page-context", on_html_page_context)
    app.connect("doctree-read", check_langid)
