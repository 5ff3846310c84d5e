"""What every part of the JATS file shares: namespaces, the root, one way
to add an element (its text set by lxml, which escapes it)."""

from __future__ import annotations

from lxml import etree

XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
HREF = f"{{{XLINK}}}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def article_root() -> etree._Element:
    """An empty ``article`` of JATS 1.1, the namespaces it uses declared."""
    root = etree.Element("article", nsmap={"xlink": XLINK, "ali": ALI})
    root.set("article-type", "research-article")
    root.set("dtd-version", "1.1")
    return root


def add(
    parent: etree._Element, tag: str, text: str = "", **attrs: str
) -> etree._Element:
    """A child element holding ``text``, as text."""
    child = etree.SubElement(
        parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()}
    )
    if text:
        child.text = text
    return child


def append_text(element: etree._Element, text: str) -> None:
    """``text`` after what ``element`` holds (its text, or its last child's tail)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
