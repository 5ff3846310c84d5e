"""The ``body`` of a report's JATS file, from its doctree, and its notes.

Sections become ``sec`` (their titles ``title``), paragraphs ``p``, lists
``list``, quotations ``disp-quote``, code ``preformat``, figures ``fig``
(caption, alternative text, ``graphic``), tables ``table-wrap``; emphasis,
strong text, code, sub- and superscripts their JATS elements; a link to an
address ``ext-link``; a footnote mark ``xref`` to its ``fn`` in the back. A
node of any other kind keeps its text: nothing of the report is left out
but what ``skip`` names (the masthead, the References, "Cite this report").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from docutils import nodes
from lxml import etree

from .xml import HREF, add, append_text

_INLINE: dict[type[nodes.Node], str] = {
    nodes.emphasis: "italic",
    nodes.strong: "bold",
    nodes.literal: "monospace",
    nodes.subscript: "sub",
    nodes.superscript: "sup",
    nodes.title_reference: "italic",
}
#: Addresses a report's links may lead to in the file (as on the page).
_SCHEMES = ("http://", "https://", "mailto:")


class Body:
    """One report's body: the doctree's text, its footnotes numbered."""

    def __init__(
        self, skip: Callable[[nodes.Node], bool], images: Mapping[str, str]
    ) -> None:
        self.skip = skip
        self.images = images
        #: docutils id of each footnote -> its ``fn`` id
        self.notes: dict[str, str] = {}
        self.figures = 0
        self.tables = 0

    # -- the text ----------------------------------------------------------------

    def write(self, root: etree._Element, doctree: nodes.document) -> None:
        """``body``: what the report's top section holds, its title aside."""
        for number, note in enumerate(doctree.findall(nodes.footnote), start=1):
            for id_ in note["ids"]:
                self.notes[id_] = f"fn{number}"
        body = add(root, "body")
        top = next(iter(doctree.findall(nodes.section)), None)
        children = top.children if top is not None else doctree.children
        for child in children:
            if isinstance(child, nodes.title):
                continue
            self.block(body, child)

    def block(self, parent: etree._Element, node: nodes.Node) -> None:
        """A block-level node into ``parent`` (``body``, ``sec``, ``fn``...)."""
        if self.skip(node) or isinstance(
            node, nodes.footnote | nodes.transition | nodes.comment | nodes.target
        ):
            return
        if isinstance(node, nodes.section):
            self.section(parent, node)
        elif isinstance(node, nodes.paragraph):
            self.inline(add(parent, "p"), node)
        elif isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            self.list_(parent, node)
        elif isinstance(node, nodes.block_quote):
            quote = add(parent, "disp-quote")
            for child in node.children:
                self.block(quote, child)
        elif isinstance(node, nodes.literal_block):
            add(parent, "preformat", node.astext())
        elif isinstance(node, nodes.figure):
            self.figure(parent, node)
        elif isinstance(node, nodes.image):
            self.graphic(parent, node)
        elif isinstance(node, nodes.table):
            self.table(parent, node)
        elif isinstance(node, nodes.Element) and any(
            isinstance(child, nodes.Element) and not isinstance(child, nodes.Inline)
            for child in node.children
        ):
            for child in node.children:  # a container: its blocks
                self.block(parent, child)
        elif node.astext().strip():
            self.inline(add(parent, "p"), node)  # anything else: its text

    def section(self, parent: etree._Element, node: nodes.section) -> None:
        sec = add(parent, "sec")
        if node["ids"]:
            sec.set("id", f"sec-{node['ids'][0]}")
        for child in node.children:
            if isinstance(child, nodes.title):
                self.inline(add(sec, "title"), child)
            else:
                self.block(sec, child)

    def list_(self, parent: etree._Element, node: nodes.Element) -> None:
        ordered = isinstance(node, nodes.enumerated_list)
        element = add(parent, "list", list_type="order" if ordered else "bullet")
        for item in node.children:
            list_item = add(element, "list-item")
            for child in item.children:
                self.block(list_item, child)
            if not len(list_item):
                add(list_item, "p")

    def figure(self, parent: etree._Element, node: nodes.figure) -> None:
        self.figures += 1
        fig = add(parent, "fig", id=f"fig{self.figures}")
        captions = [c for c in node.children if isinstance(c, nodes.caption)]
        legends = [c for c in node.children if isinstance(c, nodes.legend)]
        if captions or legends:
            caption = add(fig, "caption")
            for text in captions:
                self.inline(add(caption, "p"), text)
            for legend in legends:
                for part in legend.children:
                    self.block(caption, part)
        for image in node.findall(nodes.image):
            self.graphic(fig, image)

    def graphic(self, parent: etree._Element, node: nodes.image) -> None:
        uri = str(node.get("uri", ""))
        if parent.tag == "p":
            graphic = add(parent, "inline-graphic")
        else:
            graphic = add(parent, "graphic")
            if node.get("alt"):
                add(graphic, "alt-text", str(node["alt"]))
        graphic.set(HREF, self.images.get(uri, uri))

    def table(self, parent: etree._Element, node: nodes.table) -> None:
        self.tables += 1
        wrap = add(parent, "table-wrap", id=f"table{self.tables}")
        for title in node.findall(nodes.title):
            self.inline(add(add(wrap, "caption"), "p"), title)
            break
        table = add(wrap, "table")
        parts = node.findall(lambda n: isinstance(n, nodes.thead | nodes.tbody))
        for part in parts:
            group = add(table, "thead" if isinstance(part, nodes.thead) else "tbody")
            cell = "th" if isinstance(part, nodes.thead) else "td"
            for row in part.findall(nodes.row):
                tr = add(group, "tr")
                for entry in row.children:
                    td = add(tr, cell)
                    for number, child in enumerate(entry.children):
                        if number:
                            add(td, "break")
                        self.inline(td, child)

    # -- inline text ---------------------------------------------------------------

    def inline(self, element: etree._Element, node: nodes.Node) -> None:
        """The text and inline markup of ``node`` at the end of ``element``."""
        for child in node.children if isinstance(node, nodes.Element) else [node]:
            self.one_inline(element, child)

    def one_inline(self, element: etree._Element, node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            append_text(element, node.astext())
        elif isinstance(node, nodes.footnote_reference):
            target = self.notes.get(node.get("refid", ""), "")
            if target:
                add(element, "xref", node.astext(), ref_type="fn", rid=target)
            else:
                append_text(element, node.astext())
        elif isinstance(node, nodes.image):
            self.graphic(element, node)
        elif isinstance(node, nodes.reference) and str(
            node.get("refuri", "")
        ).startswith(_SCHEMES):
            link = add(element, "ext-link", ext_link_type="uri")
            link.set(HREF, str(node["refuri"]))
            self.inline(link, node)
        elif isinstance(node, nodes.system_message | nodes.comment | nodes.raw):
            return
        elif type(node) in _INLINE:
            self.inline(add(element, _INLINE[type(node)]), node)
        else:
            self.inline(element, node)  # its text and markup, unwrapped

    # -- the notes -----------------------------------------------------------------

    def footnotes(self, back: etree._Element, doctree: nodes.document) -> None:
        """``fn-group``: each footnote, its label and paragraphs."""
        notes = list(doctree.findall(nodes.footnote))
        if not notes:
            return
        group = add(back, "fn-group")
        for note in notes:
            fn = add(group, "fn", id=self.notes[note["ids"][0]])
            for child in note.children:
                if isinstance(child, nodes.label):
                    add(fn, "label", child.astext())
                else:
                    self.block(fn, child)
