"""Each report as an EPUB 3 book, beside its page: the EPUB edition.

How it is made, and why so:

* **From the page Sphinx writes**, in the same run as the HTML edition
  (``html-page-context``): the body Sphinx's HTML translator made of the
  report's doctree already holds everything the book needs, rendered as on
  the page (the masthead, byline, the facts with "How to cite", cover and
  its credit, the abstract, the text, the notes, the References in the
  house style). A separate Sphinx run (Sphinx's own ``epub`` builder makes one
  book of a whole project; a builder of its own per report) would read every
  report a second time; here a book costs a few milliseconds, and only a
  page Sphinx writes again makes its book again (an unchanged report's book
  stays as it was, byte for byte, and keeps its time).
* **The package written here** (:mod:`.epub_package`, with :mod:`zipfile`
  and lxml: the OPF metadata, manifest and spine, the EPUB 3 navigation
  document and the EPUB 2 NCX, the OCF container), fed with one XHTML
  content document made here with lxml from the page's body: HTML5 made
  XML, footnotes marked as EPUB footnotes (``epub:type`` of ``footnote`` and
  ``noteref``), what an e-reader cannot follow (links to files beside the
  page, headings' permalinks, scripts) left out. No EPUB library: the one
  of note (ebooklib) is AGPL-3.0, this package MIT.
* **Reproducible**: the modification date (``dcterms:modified``) and every
  ZIP entry's time come from the report's own date (its first day, at
  midnight UTC), never from the clock or ``SOURCE_DATE_EPOCH`` (which the
  editions set from the newest report: a new report would change every
  book); ``mimetype`` first and stored, the other entries sorted and
  compressed; the identifier is the DOI, the page's address or a UUID made
  from the report's name, never a random one.
* **Text stays text**: every value of the front matter goes through lxml
  (the XHTML, the OPF and the navigation), which escapes it.

The books are written beside the pages (``reports/<report>.epub``, the stem
of the PDF edition's name); :mod:`georeport.editions.epub` publishes them as
the EPUB edition ``BUILD/epub/`` and checks them with EPUBCheck.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from lxml.builder import ElementMaker

from ..files import write_if_changed
from . import epub_package as package
from .front_matter import get_report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..model import Report

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
_EPUB_TYPE = f"{{{OPS}}}type"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The book's files: fixed, plain names (a report's own name may hold
#: characters EPUBCheck warns about in a container, spaces among them).
CONTENT = "report.xhtml"
STYLESHEET = "style.css"
IMAGES = "images"

#: The images a content document may show without a fallback (EPUB 3.3's
#: core media types), by file suffix.
CORE_IMAGES = {
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}

#: Links an e-reader may follow out of the book.
_SCHEMES = ("http", "https", "ftp", "mailto")

#: Elements of a page that have no place in a book: scripts would make it a
#: "scripted" publication, and embedded content needs fallbacks.
_DROPPED = (
    "script",
    "noscript",
    "style",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "form",
)

#: What is put beside the page and linked from it (:mod:`.downloads`, the
#: masthead): files outside the book.
_DOWNLOADS = (
    "//a[contains(concat(' ', @class, ' '), ' georeport-pdf ')]",
    "//a[contains(concat(' ', @class, ' '), ' georeport-epub ')]",
    "//*[contains(concat(' ', @class, ' '), ' georeport-downloads ')]",
)
#: The headings' and figures' permalinks: a page's, not a book's.
_PERMALINKS = "//a[contains(concat(' ', @class, ' '), ' headerlink ')]"

#: The book's stylesheet: the masthead and the notes, readable on any reader.
CSS = """\
body { line-height: 1.4; }
.georeport-masthead p { margin: 0; font-size: 0.9em; }
.georeport-journal { font-weight: bold; }
.georeport-byline { font-style: italic; }
ul.georeport-authors { list-style: none; padding: 0; font-style: normal; }
.georeport-author { margin: 0 0 0.5em; }
.georeport-author span, .georeport-author a { display: block; }
.georeport-author-name { font-weight: bold; }
.georeport-affiliation, a.georeport-orcid { font-size: 0.85em; }
dl.georeport-facts { font-size: 0.85em; margin: 1em 0; }
dl.georeport-facts dt { font-weight: bold; }
dl.georeport-facts dd { margin: 0 0 0.3em 1em; }
ul.georeport-keywords { display: inline; margin: 0; padding: 0; }
ul.georeport-keywords li { display: inline; }
ul.georeport-keywords li + li::before { content: " · "; }
.georeport-cover-credit, figcaption { font-size: 0.85em; }
figure { margin: 1em 0; }
img { max-width: 100%; }
.georeport-abstract { margin: 1em 0; }
.georeport-abstract-title { font-size: 1em; }
aside.footnote { font-size: 0.85em; }
aside.footnote p { margin: 0.2em 0; }
.fn-bracket { display: none; }
a.footnote-reference { vertical-align: super; font-size: 0.75em; }
"""


def enabled(builder: Builder) -> bool:
    """Does this build write a book beside each report's page?"""
    return builder.name == "html" and bool(builder.config.georeport_epub)


# -- The content document -------------------------------------------------------


@dataclass(frozen=True)
class Image:
    """An image the book holds: its name in the book and its source file."""

    name: str
    source: Path

    @property
    def media_type(self) -> str:
        return CORE_IMAGES[Path(self.name).suffix.lower()]


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _remove(element: etree._Element, *, separator: bool = False) -> None:
    """Take ``element`` out, its tail (the text after it) kept; with
    ``separator``, the `` · `` before it (a list of links) goes too."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    if separator:
        before = re.sub(r"\s*·\s*$", "", before)
    if previous is not None:
        previous.tail = before + tail
    else:
        parent.text = before + tail
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its content (a link that cannot be followed
    becomes its text)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    children = list(element)
    text, tail = element.text or "", element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else parent[index - 1] if index else None
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _links(root: etree._Element, report: Report) -> None:
    """Links within the text stay; links out of the book are absolute
    addresses (from the journal's base URL) or, without one, text."""
    for link in root.xpath("//a[@href]"):
        href = link.get("href", "")
        link.attrib.pop("download", None)
        if href.startswith("#"):
            continue
        scheme = urlsplit(href).scheme.lower()
        if scheme in _SCHEMES:
            continue
        if not scheme and report.page_url:
            link.set("href", urljoin(report.page_url, href))
            continue
        _unwrap(link)


def _images(
    root: etree._Element, sources: Mapping[str, Path], page_dir: str
) -> list[Image]:
    """The images the text shows, named anew in the book; an image the book
    cannot hold (remote, missing, not a core media type) becomes its alt text."""
    found: dict[Path, Image] = {}
    for img in root.xpath("//img"):
        img.attrib.pop("srcset", None)
        src = unquote(img.get("src", ""))
        path = posixpath.normpath(posixpath.join(page_dir, src))
        source = sources.get(path) if not urlsplit(src).scheme else None
        suffix = Path(path).suffix.lower()
        if source is None or suffix not in CORE_IMAGES or not source.is_file():
            span = etree.Element("span")
            span.text, span.tail = img.get("alt", ""), img.tail
            img.getparent().replace(img, span)
            continue
        if source not in found:
            found[source] = Image(f"{IMAGES}/image-{len(found) + 1}{suffix}", source)
        img.set("src", found[source].name)
    return list(found.values())


def _notes(root: etree._Element) -> None:
    """docutils' footnotes as EPUB footnotes: e-readers show them where they
    are referred to."""
    for aside in root.xpath("//aside"):
        if "footnote" in _classes(aside):
            aside.set(_EPUB_TYPE, "footnote")
    for link in root.xpath("//a"):
        if "footnote-reference" in _classes(link):
            link.set(_EPUB_TYPE, "noteref")


def _clean(root: etree._Element) -> None:
    """What has no place in a book: scripts, embedded content, event
    attributes, the page's own download links and permalinks, comments."""
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROPPED)):
        _remove(element)
    for expression in _DOWNLOADS:
        for element in root.xpath(expression):
            _remove(element, separator=True)
    for element in root.xpath(_PERMALINKS):
        _remove(element)
    for comment in root.xpath("//comment() | //processing-instruction()"):
        _remove(comment)
    for element in root.iter():
        for name in [n for n in element.attrib if str(n).lower().startswith("on")]:
            del element.attrib[name]


def _to_xhtml(root: etree._Element) -> None:
    """The parsed HTML's elements into the XHTML namespace."""
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{XHTML}}}{element.tag}"


@dataclass(frozen=True)
class Content:
    """The report's content document and what it refers to."""

    xhtml: bytes
    images: list[Image]
    #: ``(fragment, heading)`` of each section below the title, for the
    #: table of contents
    sections: list[tuple[str, str]]


def content(
    report: Report, body: str, sources: Mapping[str, Path], page_dir: str
) -> Content:
    """The page's body (HTML, as Sphinx's translator wrote it for
    ``page_dir``) as the book's XHTML; ``sources`` maps the images' paths on
    the site (``_images/x.png``) to their files."""
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    _clean(root)
    _links(root, report)
    images = _images(root, sources, page_dir)
    _notes(root)
    sections = [
        (section.get("id"), " ".join(heading.text_content().split()))
        for section in root.xpath("//section[@id]")
        for heading in section[:1]
        if heading.tag == "h2"
    ]
    _to_xhtml(root)
    make = ElementMaker(namespace=XHTML, nsmap={None: XHTML, "epub": OPS})
    document = make.html(
        make.head(
            make.title(report.title),
            make.link(rel="stylesheet", type="text/css", href=STYLESHEET),
        ),
        make.body(*root),
    )
    document.set("lang", report.language)
    document.set(_XML_LANG, report.language)
    xhtml = etree.tostring(
        document, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>"
    )
    return Content(xhtml, images, sections)


# -- The package ------------------------------------------------------------------


def published(report: Report) -> datetime.datetime:
    """The book's date: the report's (its first day when only the month or
    the year is known), midnight UTC; 1980 at the earliest (ZIP's epoch)."""
    date = report.date
    day = datetime.datetime(date.year, date.month or 1, date.day or 1)
    return max(day, datetime.datetime(1980, 1, 1))


def identifier(report: Report) -> str:
    """The book's unique identifier: its DOI, else its page's address, else
    a UUID made from the journal's ISSN and the report's name (the same on
    every build)."""
    if report.doi:
        return f"urn:doi:{report.doi}"
    if report.page_url:
        return report.page_url
    name = f"urn:issn:{report.journal.issn}/{report.docname}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def metadata(report: Report) -> package.Metadata:
    """What the package document says of the report: title, authors,
    language, dates, publisher, identifiers (its own, the journal's ISSN),
    its page, keywords, abstract, rights and licence, the journal as its
    series."""
    journal = report.journal
    unique = identifier(report)
    return package.Metadata(
        identifier=unique,
        # ONIX code list 5: 06 is a DOI
        identifier_type="06" if unique.startswith("urn:doi:") else "",
        title=report.title,
        language=report.language,
        modified=published(report),
        creators=report.authors,
        date=report.date.iso(),
        publisher=journal.publisher,
        identifiers=(("issn", f"urn:issn:{journal.issn}"),),
        source=report.page_url if report.page_url != unique else "",
        subjects=report.keywords,
        description=" ".join(report.abstract.split()),
        rights=report.rights_and_licence,
        licence=report.licence.url if report.licence else "",
        series=journal.title,
    )


def _items(document: Content, cover: Path | None) -> list[package.Item]:
    """The content document, the stylesheet, the images; ``cover``, the file
    of the report's cover photo, is the cover image (``cover-image``)."""
    items = [
        package.Item("report", CONTENT, "application/xhtml+xml", document.xhtml),
        package.Item("style", STYLESHEET, "text/css", CSS.encode("utf-8")),
    ]
    for number, image in enumerate(document.images, start=1):
        data = image.source.read_bytes()
        if cover is not None and image.source.resolve() == cover.resolve():
            item = package.Item(
                "cover-img", image.name, image.media_type, data, "cover-image"
            )
        else:
            item = package.Item(f"image-{number}", image.name, image.media_type, data)
        items.append(item)
    return items


def book(report: Report, document: Content, cover: Path | None = None) -> bytes:
    """The EPUB of a report: its content document, images and metadata;
    ``cover``, the file of the report's cover photo, is the book's cover."""
    sections = tuple(
        package.Heading(f"{CONTENT}#{id_}", title) for id_, title in document.sections
    )
    headings = [package.Heading(CONTENT, report.title, sections)]
    items = _items(document, cover)
    return package.publication(metadata(report), items, ["report"], headings)


# -- In the HTML build --------------------------------------------------------------


def _image_sources(app: Sphinx) -> dict[str, Path]:
    """``_images/x.png`` -> the file Sphinx copies there (this page's
    images are known once Sphinx has written the page)."""
    builder = app.builder
    images = getattr(builder, "images", {})
    folder = getattr(builder, "imagedir", "_images")
    return {
        f"{folder}/{name}": Path(app.srcdir, source) for source, name in images.items()
    }


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict,
    doctree: object,
) -> None:
    """Write the report's book beside its page, when Sphinx writes the page
    (and only when its bytes changed: an unchanged book keeps its time)."""
    if doctree is None or not enabled(app.builder):
        return
    report = get_report(app.env, pagename)
    if report is None or "body" not in context:
        return
    page_dir = posixpath.dirname(pagename)
    document = content(report, context["body"], _image_sources(app), page_dir)
    cover = None
    if report.cover is not None and report.cover.path:
        cover = Path(app.env.doc2path(pagename)).parent / report.cover.path
    path = Path(app.outdir, pagename).parent / report.epub_name
    write_if_changed(path, book(report, document, cover))


def setup(app: Sphinx) -> None:
    """Each report's book, written with its page."""
    app.connect("html-page-context", on_html_page_context)
