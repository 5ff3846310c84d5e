"""What an image file really is, from its bytes, and whether the editions show it.

An image goes into three editions: the page (a browser), the EPUB (a reading
system) and the PDF (XeLaTeX). Its name says nothing: a PDF named ``.png``
became an ``<img>`` no browser draws, a text file named ``.png`` stopped
LaTeX with no word of which line named it. So a file is known by its first
bytes (magic numbers), and only these kinds are shown:

* **PNG** and **JPEG**, in every edition;
* **SVG**, in the page and the EPUB only (XeLaTeX includes no SVG: the PDF
  edition refuses it, :mod:`georeport.sphinxext.images`), and only when
  nothing in it runs or reaches outside it: no script, no event attribute
  (``onload=``), no ``foreignObject`` or HTML, no reference to another file
  or address (``href``, ``url(...)``, a style sheet), no entity declaration.
  It is read by lxml with no network, no DTD and no entity expansion.

GIF and WebP are refused: XeLaTeX sets neither, so a report holding one could
not have its PDF; a PNG of it goes everywhere. A file's kind must also be its
name's (a PNG named ``.jpg`` is refused): the EPUB and the LaTeX writer go by
the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

#: The kinds the editions show, with the names a file of that kind may have.
SUFFIXES = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "svg": (".svg",)}

#: The fix for a file the editions refuse.
CONVERT = "save the picture as a PNG or JPEG image and name that file"
#: The fix for an SVG refused for what it holds.
CLEAN_SVG = (
    "export the drawing again as a plain SVG (no scripts, links or embedded "
    "files), or as a PNG, and name that file"
)

_SVG = "http://www.w3.org/2000/svg"
#: Namespaces whose elements are never part of a drawing: HTML inside the
#: image, and XInclude (another file read in).
_FOREIGN_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "HTML",
    "http://www.w3.org/2001/XInclude": "an XInclude (another file read in)",
}
#: SVG elements that run code or hold foreign content, by local name.
_FOREIGN_ELEMENTS = {
    "script": "a script",
    "handler": "a script (an event handler)",
    "listener": "an event listener",
    "foreignobject": "a foreignObject (HTML or other content inside the image)",
    "iframe": "an iframe",
    "embed": "an embedded object",
    "object": "an embedded object",
}
#: Attributes that name another resource.
_LINKS = frozenset({"href", "src"})
#: Pictures an SVG may hold inside itself: data, not a reference.
_EMBEDDED = re.compile(r"^\s*data:image/(?:png|jpeg);base64,", re.IGNORECASE)
#: A CSS ``url(...)`` that does not point inside the file (``url(#gradient)``).
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
#: Animations that set these attributes could make a link or a handler.
_ANIMATIONS = frozenset({"set", "animate", "animatetransform", "animatemotion"})


@dataclass(frozen=True)
class Examined:
    """What a file is, and why the editions refuse it (``problem``: "" when
    they show it)."""

    kind: str  #: "png", "jpeg", "svg", "gif", "pdf", "text", "unknown"...
    what: str  #: the kind in words, for messages: "a PDF document"
    problem: str = ""  #: what is wrong, after the file's name: "is a text file..."
    #: what to do about it, ending where the file is named ("name that file")
    fix: str = CONVERT

    @property
    def shown(self) -> bool:
        return not self.problem


#: Binary kinds by their first bytes: (prefix, offset, kind, what).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", 0, "png", "a PNG image"),
    (b"\xff\xd8\xff", 0, "jpeg", "a JPEG image"),
    (b"GIF87a", 0, "gif", "a GIF image"),
    (b"GIF89a", 0, "gif", "a GIF image"),
    (b"WEBP", 8, "webp", "a WebP image"),
    (b"%PDF-", 0, "pdf", "a PDF document"),
    (b"%!PS", 0, "postscript", "a PostScript (EPS) file"),
    (b"II*\x00", 0, "tiff", "a TIFF image"),
    (b"MM\x00*", 0, "tiff", "a TIFF image"),
    (b"ftyp", 4, "isobmff", "a HEIF, AVIF or video file"),
    (b"8BPS", 0, "psd", "a Photoshop document"),
    (b"PK\x03\x04", 0, "zip", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\x1f\x8b", 0, "gzip", "a compressed file (an SVGZ?)"),
    (b"\xd0\xcf\x11\xe0", 0, "ole", "a Microsoft Office document"),
)
#: Kinds that are images, but not for every edition.
_NOT_EVERYWHERE = {
    "gif": "which the PDF edition cannot show (XeLaTeX sets no GIF)",
    "webp": "which the PDF edition cannot show (XeLaTeX sets no WebP)",
    "tiff": "which browsers do not show",
    "isobmff": "which the editions do not show",
    "psd": "which the editions do not show",
    "postscript": "which the editions do not show",
}


def examine(path: Path) -> Examined:
    """What ``path`` holds, by its bytes; refused unless the editions show it
    (its name is not looked at: :func:`check` compares the two)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problem = f"cannot be read ({error.strerror})"
        return Examined("unreadable", "a file that cannot be read", problem)
    for prefix, offset, kind, what in _MAGIC:
        if data[offset : offset + len(prefix)] == prefix and (
            kind != "webp" or data[:4] == b"RIFF"
        ):
            if kind in ("png", "jpeg"):
                return Examined(kind, what)
            reason = _NOT_EVERYWHERE.get(kind, "not an image")
            return Examined(kind, what, f"is {what}, {reason}")
    return _text(data)


def _text(data: bytes) -> Examined:
    """A file that is no known binary kind: an SVG, other text, or unknown."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        what = "a file of an unknown kind"
        return Examined("unknown", what, f"is {what}, not an image")
    if "\x00" in text:
        what = "a file of an unknown kind"
        return Examined("unknown", what, f"is {what}, not an image")
    start = text.lstrip()[:1000].lower()
    if "<svg" in start:
        return examine_svg(data)
    if start.startswith(("<!doctype html", "<html")):
        return Examined("html", "an HTML page", "is an HTML page, not an image")
    return Examined("text", "a text file", "is a text file, not an image")


def examine_svg(data: bytes) -> Examined:
    """An SVG, read without network, DTD or entities: refused when it runs,
    fetches or holds anything but a drawing."""
    what = "an SVG image"
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        problem = f"is an SVG that cannot be read ({error})"
        return Examined("svg", what, problem, CLEAN_SVG)
    problem = _svg_problem(root)
    if not problem:
        return Examined("svg", what)
    return Examined("svg", what, f"is an SVG that {problem}", CLEAN_SVG)


def _svg_problem(root: etree._Element) -> str:
    """Why the SVG ``root`` may not be published ("" when it may)."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        return "declares entities (<!ENTITY ...> in its DOCTYPE)"
    if root.tag != f"{{{_SVG}}}svg":
        return (
            f'has no <svg xmlns="{_SVG}"> as its root, which browsers do not '
            "draw as an image"
        )
    for sibling in root.itersiblings(preceding=True):
        if isinstance(sibling, etree._ProcessingInstruction):
            return f"names a style sheet or other file (<?{sibling.target} ...?>)"
    for element in root.iter():
        if isinstance(element, etree._ProcessingInstruction):
            return f"names a style sheet or other file (<?{element.target} ...?>)"
        if isinstance(element, etree._Entity):
            return f"uses an entity ({element.text}) that it does not declare"
        if not isinstance(element.tag, str):
            continue  # a comment
        problem = _element_problem(element)
        if problem:
            return problem
    return ""


def _element_problem(element: etree._Element) -> str:
    qname = etree.QName(element)
    local = qname.localname.lower()
    if qname.namespace in _FOREIGN_NAMESPACES:
        return f"holds {_FOREIGN_NAMESPACES[qname.namespace]}"
    if local in _FOREIGN_ELEMENTS:
        return f"holds {_FOREIGN_ELEMENTS[local]}"
    if local == "style" and _css_reaches_out(element.text or ""):
        return "has a style sheet that reads another file (url(...), @import)"
    for name, value in element.attrib.items():
        attribute = etree.QName(name).localname.lower()
        if attribute.startswith("on"):
            return f"has an event attribute ({attribute}=...), which runs a script"
        if "javascript:" in value.lower():
            return "holds a javascript: address, which runs a script"
        inside = value.strip().startswith("#") or _EMBEDDED.match(value)
        if attribute in _LINKS and not inside:
            return f"refers to another file or address ({attribute}={value!r})"
        if _OUTSIDE_URL.search(value):
            return f"refers to another file or address ({attribute}={value!r})"
        if attribute == "attributename" and local in _ANIMATIONS:
            target = etree.QName(value).localname.lower() if value else ""
            if target in _LINKS or target.startswith("on"):
                return f"animates {value!r}, which could make a link or a script"
    return ""


def _css_reaches_out(css: str) -> bool:
    return "@import" in css.lower() or _OUTSIDE_URL.search(css) is not None


def check(path: Path) -> Examined:
    """:func:`examine`, and a file whose name is not of its kind refused too
    (``x.jpg`` holding a PNG): the EPUB and LaTeX go by the name."""
    found = examine(path)
    if found.problem:
        return found
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES[found.kind]:
        name = SUFFIXES[found.kind][0]
        named = f"named {suffix}" if suffix else "without a suffix"
        return Examined(
            found.kind,
            found.what,
            f"is {found.what} {named}",
            f"rename it {path.stem}{name} and name that file",
        )
    return found
