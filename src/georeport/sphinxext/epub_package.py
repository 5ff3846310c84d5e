"""An EPUB 3 package, written with :mod:`zipfile` and lxml: the OCF container
(``mimetype``, ``META-INF/container.xml``), the package document (metadata,
manifest, spine), the EPUB 3 navigation document and an EPUB 2 NCX.

Why so:

* **Written here**, not by a library: the one EPUB library of note for
  Python (ebooklib) is AGPL-3.0, this package MIT; and what a report's book
  needs is a few elements, all listed below.
* **Text stays text**: every value goes into an lxml element's text or
  attribute, never into a string of XML; lxml escapes ``<``, ``&`` and
  quotes, and refuses (ValueError) what XML cannot hold (control
  characters), rather than writing a broken book.
* **Reproducible**: the modification date and every ZIP entry's time are
  the ``modified`` date given; entries come in a fixed order (``mimetype``
  first and stored, as OCF requires; the others sorted, deflated at level 9);
  nothing comes from the clock, the machine or a random number.
* **An NCX beside the navigation document**: EPUB 3 reading systems ignore
  it; EPUB 2 ones (older e-ink readers, Adobe's RMSDK) have no other table
  of contents. It costs a kilobyte.

The package document and the navigation document live in :data:`FOLDER`;
an :class:`Item`'s ``href`` is relative to it.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

MIMETYPE = "application/epub+zip"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The folder of the package document and of every file it lists.
FOLDER = "EPUB"
PACKAGE = f"{FOLDER}/content.opf"
NAV = "nav.xhtml"
NCX_NAME = "toc.ncx"
#: The unique identifier's id in the package document.
UNIQUE_ID = "id"

#: ``dcterms:modified``'s form: UTC, to the second (EPUB 3.3, D.3.3.3).
_MODIFIED = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Metadata:
    """What the package document says of the book; an empty value is left out."""

    #: the unique identifier (``urn:doi:...``, an address, ``urn:uuid:...``)
    identifier: str
    title: str
    #: BCP 47
    language: str
    #: ``dcterms:modified``, and every ZIP entry's time
    modified: datetime.datetime
    #: ONIX code list 5's code of the identifier's kind (``06``: a DOI)
    identifier_type: str = ""
    #: the authors, in order (``dc:creator``, role ``aut``)
    creators: tuple[str, ...] = ()
    #: the publication date (W3C date: ``2022``, ``2022-01``, ``2022-01-06``)
    date: str = ""
    publisher: str = ""
    #: other identifiers, ``(id, value)``: ``("issn", "urn:issn:2785-2598")``
    identifiers: tuple[tuple[str, str], ...] = ()
    #: where the book's text comes from (its page), when not the identifier
    source: str = ""
    subjects: tuple[str, ...] = ()
    description: str = ""
    rights: str = ""
    #: the licence's address (``dcterms:license``)
    licence: str = ""
    #: the series the book belongs to (the journal)
    series: str = ""


@dataclass(frozen=True)
class Item:
    """A file of the publication, as the manifest lists it."""

    id: str
    #: relative to :data:`FOLDER`
    href: str
    media_type: str
    data: bytes
    #: the manifest's ``properties`` (``cover-image``), space-separated
    properties: str = ""


@dataclass(frozen=True)
class Heading:
    """An entry of the table of contents, and the entries below it."""

    href: str
    title: str
    children: tuple[Heading, ...] = ()


def _add(
    parent: etree._Element,
    tag: str,
    text: str = "",
    attrib: Mapping[str, str] | None = None,
) -> etree._Element:
    """A child element with ``text`` and attributes, each set by lxml (which
    escapes them)."""
    element = etree.SubElement(parent, tag, attrib=dict(attrib or {}))
    if text:
        element.text = text
    return element


def _xml(root: etree._Element, doctype: str | None = None) -> bytes:
    """A document of the package: UTF-8, declared, indented (these
    documents hold no mixed content: indenting changes no text)."""
    return etree.tostring(
        root,
        xml_declaration=True,
        encoding="utf-8",
        doctype=doctype,
        pretty_print=True,
    )


# -- The container ------------------------------------------------------------------


def container() -> bytes:
    """``META-INF/container.xml``: where the package document is."""
    root = etree.Element(f"{{{CONTAINER}}}container", nsmap={None: CONTAINER})
    root.set("version", "1.0")
    rootfiles = _add(root, f"{{{CONTAINER}}}rootfiles")
    _add(
        rootfiles,
        f"{{{CONTAINER}}}rootfile",
        attrib={"media-type": "application/oebps-package+xml", "full-path": PACKAGE},
    )
    return _xml(root)


# -- The package document ---------------------------------------------------------


def _dc(metadata: etree._Element, name: str, text: str, id_: str = "") -> None:
    """A Dublin Core element, when there is a value."""
    if text:
        _add(metadata, f"{{{DC}}}{name}", text, {"id": id_} if id_ else None)


def _meta(metadata: etree._Element, text: str, **attrib: str) -> None:
    """An EPUB 3 ``meta`` (``property``, ``refines``, ``scheme``, ``id``)."""
    _add(metadata, f"{{{OPF}}}meta", text, attrib)


def _metadata(package: etree._Element, data: Metadata, cover: str) -> None:
    """``dcterms:modified``, Dublin Core, then the ``meta`` elements that
    refine it; ``cover``: the id of the cover image, for EPUB 2 readers
    (``meta name="cover"``)."""
    metadata = _add(package, f"{{{OPF}}}metadata")
    # an empty creator would be an empty element, its role a dangling refines
    creators = [creator for creator in data.creators if creator]
    _meta(metadata, data.modified.strftime(_MODIFIED), property="dcterms:modified")
    _dc(metadata, "identifier", data.identifier, UNIQUE_ID)
    for id_, value in data.identifiers:
        _dc(metadata, "identifier", value, id_)
    _dc(metadata, "title", data.title)
    _dc(metadata, "language", data.language)
    for number, creator in enumerate(creators, start=1):
        _dc(metadata, "creator", creator, f"creator{number}")
    _dc(metadata, "date", data.date)
    _dc(metadata, "publisher", data.publisher)
    _dc(metadata, "source", data.source)
    for subject in data.subjects:
        _dc(metadata, "subject", subject)
    _dc(metadata, "description", data.description)
    _dc(metadata, "rights", data.rights)
    if data.identifier_type:
        _meta(
            metadata,
            data.identifier_type,
            refines=f"#{UNIQUE_ID}",
            property="identifier-type",
            scheme="onix:codelist5",
        )
    for number in range(1, len(creators) + 1):
        _meta(
            metadata,
            "aut",
            refines=f"#creator{number}",
            property="role",
            scheme="marc:relators",
        )
    if data.licence:
        _meta(metadata, data.licence, property="dcterms:license")
    if data.series:
        _meta(metadata, data.series, property="belongs-to-collection", id="journal")
        _meta(metadata, "series", refines="#journal", property="collection-type")
    if cover:
        _add(metadata, f"{{{OPF}}}meta", attrib={"name": "cover", "content": cover})


def _manifest(package: etree._Element, items: Iterable[Item]) -> None:
    manifest = _add(package, f"{{{OPF}}}manifest")
    for item in items:
        attrib = {"href": item.href, "id": item.id, "media-type": item.media_type}
        if item.properties:
            attrib["properties"] = item.properties
        _add(manifest, f"{{{OPF}}}item", attrib=attrib)


def _spine(package: etree._Element, spine: Iterable[str]) -> None:
    """The reading order, by the items' ids; ``toc``: the NCX, for EPUB 2."""
    element = _add(package, f"{{{OPF}}}spine", attrib={"toc": "ncx"})
    for idref in spine:
        _add(element, f"{{{OPF}}}itemref", attrib={"idref": idref})


def package_document(
    metadata: Metadata, items: Sequence[Item], spine: Sequence[str]
) -> bytes:
    """``content.opf``: the metadata, every file but itself (``items``, the
    navigation document and the NCX among them), the reading order."""
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF, "dc": DC})
    package.set("unique-identifier", UNIQUE_ID)
    package.set("version", "3.0")
    covers = [i.id for i in items if "cover-image" in i.properties.split()]
    _metadata(package, metadata, covers[0] if covers else "")
    _manifest(package, items)
    _spine(package, spine)
    return _xml(package)


# -- The tables of contents -----------------------------------------------------------


def _entries(parent: etree._Element, headings: Sequence[Heading]) -> None:
    """``ol`` of ``li``, each a link and, below it, its own list."""
    ol = _add(parent, f"{{{XHTML}}}ol")
    for heading in headings:
        li = _add(ol, f"{{{XHTML}}}li")
        _add(li, f"{{{XHTML}}}a", heading.title, {"href": heading.href})
        if heading.children:
            _entries(li, heading.children)


def navigation(title: str, language: str, headings: Sequence[Heading]) -> bytes:
    """The EPUB 3 navigation document: the table of contents (``toc``)."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", language)
    html.set(_XML_LANG, language)
    head = _add(html, f"{{{XHTML}}}head")
    _add(head, f"{{{XHTML}}}title", title)
    body = _add(html, f"{{{XHTML}}}body")
    nav = _add(
        body,
        f"{{{XHTML}}}nav",
        attrib={f"{{{OPS}}}type": "toc", "id": "toc", "role": "doc-toc"},
    )
    _add(nav, f"{{{XHTML}}}h2", title)
    _entries(nav, headings)
    return _xml(html, "<!DOCTYPE html>")


def _depth(headings: Sequence[Heading]) -> int:
    return max((1 + _depth(h.children) for h in headings), default=0)


def _nav_points(
    parent: etree._Element, headings: Sequence[Heading], order: list[int]
) -> None:
    """``navPoint`` of each heading, numbered in reading order (``order``:
    the last number given)."""
    for heading in headings:
        order[0] += 1
        point = _add(
            parent,
            f"{{{NCX}}}navPoint",
            attrib={"id": f"navpoint-{order[0]}", "playOrder": str(order[0])},
        )
        label = _add(point, f"{{{NCX}}}navLabel")
        _add(label, f"{{{NCX}}}text", heading.title)
        _add(point, f"{{{NCX}}}content", attrib={"src": heading.href})
        _nav_points(point, heading.children, order)


def ncx(identifier: str, title: str, headings: Sequence[Heading]) -> bytes:
    """The EPUB 2 table of contents (NCX 2005-1)."""
    root = etree.Element(f"{{{NCX}}}ncx", nsmap={None: NCX})
    root.set("version", "2005-1")
    head = _add(root, f"{{{NCX}}}head")
    for name, content in (
        ("dtb:uid", identifier),
        ("dtb:depth", str(_depth(headings))),
        ("dtb:totalPageCount", "0"),
        ("dtb:maxPageNumber", "0"),
    ):
        _add(head, f"{{{NCX}}}meta", attrib={"content": content, "name": name})
    doc_title = _add(root, f"{{{NCX}}}docTitle")
    _add(doc_title, f"{{{NCX}}}text", title)
    _nav_points(_add(root, f"{{{NCX}}}navMap"), headings, [0])
    return _xml(root)


# -- The archive ----------------------------------------------------------------------


def archive(files: Mapping[str, bytes], when: datetime.datetime) -> bytes:
    """The OCF ZIP container: ``mimetype`` first and stored, then ``files``
    (by their names in the ZIP) sorted and deflated, every entry dated
    ``when`` and made on "Unix" with mode 0644, whatever the machine.

    Each entry gets its own :class:`~zipfile.ZipInfo`: :mod:`zipfile`'s
    ``writestr`` with a bare name dates it with the clock."""
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    entries = {"mimetype": MIMETYPE.encode("ascii"), **files}
    names = ["mimetype", *sorted(set(entries) - {"mimetype"})]
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = (
                zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            )
            info.create_system = 3  # Unix
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def publication(
    metadata: Metadata,
    items: Sequence[Item],
    spine: Sequence[str],
    headings: Sequence[Heading],
) -> bytes:
    """The EPUB: ``items`` (their ids and hrefs other than ``nav``, ``ncx``,
    :data:`NAV` and :data:`NCX_NAME`) in the reading order ``spine``, with
    the tables of contents made from ``headings``."""
    tables = [
        Item(
            "ncx",
            NCX_NAME,
            "application/x-dtbncx+xml",
            ncx(metadata.identifier, metadata.title, headings),
        ),
        Item(
            "nav",
            NAV,
            "application/xhtml+xml",
            navigation(metadata.title, metadata.language, headings),
            properties="nav",
        ),
    ]
    listed = [*items, *tables]
    files = {f"{FOLDER}/{item.href}": item.data for item in listed}
    files[PACKAGE] = package_document(metadata, listed, spine)
    files["META-INF/container.xml"] = container()
    return archive(files, metadata.modified)
