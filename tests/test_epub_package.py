"""The EPUB package written by hand (:mod:`georeport.sphinxext.epub_package`):
every value text, every file declared, the same bytes on every run.

These tests make packages directly, without Sphinx, from values the front
matter would refuse (a DOI with ``<``, bidirectional controls, a name with
``&``): the package must hold them as text or refuse them, never write broken
XML. One hand-made book goes through EPUBCheck.
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from georeport.editions import epub as epub_edition
from georeport.model import Journal, PartialDate, Report
from georeport.sphinxext import epub
from georeport.sphinxext import epub_package as package

from .test_hostile import HOSTILE

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
NS = {"opf": OPF, "dc": DC, "h": XHTML, "n": NCX}

WHEN = datetime.datetime(2022, 1, 1)

#: Strings that must come back as the same text: markup, entities, quotes,
#: CDATA's end, bidirectional controls and marks, combining characters, and
#: the hostile corpus of tests/test_hostile.py.
NASTY = (
    "<b>bold</b> & <i>",
    "\"double\" & 'single' quotes",
    "]]> &amp; &#x41; <![CDATA[x]]>",
    "\u202eevil\u202c \u2067isolate\u2069 \u200f\u200e",
    "النفط والغاز في \u200fبحر قزوين",
    "  spaces  around  ",
    *(hostile.text for hostile in HOSTILE),
)


def _metadata(text: str = "A title") -> package.Metadata:
    return package.Metadata(
        identifier="urn:doi:10.1002/(SICI)1097-4571<x>&y",
        identifier_type="06",
        title=text,
        language="en",
        modified=WHEN,
        creators=(text, "Anna Rossi"),
        date="2022-01",
        publisher=text,
        identifiers=(("issn", "urn:issn:2785-2598"),),
        source=f"https://example.org/?q={text}",
        subjects=(text, "ports"),
        description=text,
        rights=text,
        series=text,
    )


XHTML_DOC = (
    b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n"
    b'<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">'
    b"<head><title>T</title></head><body>"
    b'<section id="one"><h2>One</h2><p>x</p></section>'
    b'<section id="two"><h2>Two</h2><p>y</p></section></body></html>'
)


def _publication(metadata: package.Metadata) -> bytes:
    sections = (
        package.Heading("report.xhtml#one", metadata.title),
        package.Heading("report.xhtml#two", "Two"),
    )
    items = [
        package.Item("report", "report.xhtml", "application/xhtml+xml", XHTML_DOC),
        package.Item("style", "style.css", "text/css", b"body { margin: 0; }\n"),
    ]
    headings = [package.Heading("report.xhtml", metadata.title, sections)]
    return package.publication(metadata, items, ["report"], headings)


def _read(book: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(BytesIO(book)) as archive:
        return etree.fromstring(archive.read(name))


@pytest.mark.parametrize("text", NASTY)
def test_every_value_is_text(text: str) -> None:
    """Each string, as title, author, publisher, subject, description,
    rights, series and heading, comes back unchanged from the package
    document, the navigation document and the NCX, with no element made of
    it."""
    metadata = _metadata(text)
    book = _publication(metadata)
    opf = _read(book, "EPUB/content.opf")
    (meta,) = opf.findall("opf:metadata", NS)
    dc = {
        name: [e.text for e in meta.iterfind(f"dc:{name}", NS)]
        for name in ("title", "creator", "publisher", "subject", "description")
    }
    assert dc == {
        "title": [text],
        "creator": [text, "Anna Rossi"],
        "publisher": [text],
        "subject": [text, "ports"],
        "description": [text],
    }
    assert meta.findtext("dc:rights", namespaces=NS) == text
    assert meta.findtext("dc:source", namespaces=NS) == metadata.source
    assert meta.findtext("dc:identifier", namespaces=NS) == metadata.identifier
    (series,) = meta.xpath("opf:meta[@id='journal']", namespaces=NS)
    assert series.text == text
    # nothing but the elements written: no markup came from a value
    tags = {etree.QName(e).localname for e in meta.iter()}
    assert tags == {
        "metadata",
        "meta",
        "identifier",
        "title",
        "language",
        "creator",
        "date",
        "publisher",
        "source",
        "subject",
        "description",
        "rights",
    }
    nav = _read(book, "EPUB/nav.xhtml")
    assert nav.findtext("h:head/h:title", namespaces=NS) == text
    assert [a.text for a in nav.iter(f"{{{XHTML}}}a")] == [text, text, "Two"]
    assert {etree.QName(e).localname for e in nav.iter()} == {
        "html",
        "head",
        "title",
        "body",
        "nav",
        "h2",
        "ol",
        "li",
        "a",
    }
    ncx = _read(book, "EPUB/toc.ncx")
    assert ncx.findtext("n:docTitle/n:text", namespaces=NS) == text
    labels = [t.text for t in ncx.iterfind(".//n:navLabel/n:text", NS)]
    assert labels == [text, text, "Two"]


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_what_xml_cannot_hold_is_refused(control: str) -> None:
    """A control character has no place in XML: no book, rather than one no
    reader opens (the front matter refuses them before)."""
    with pytest.raises(ValueError, match="XML compatible"):
        _publication(_metadata(f"a{control}b"))


def test_empty_values_are_left_out() -> None:
    """Only what is known is said: no empty element."""
    metadata = package.Metadata("urn:uuid:x", "T", "en", WHEN)
    opf = _read(_publication(metadata), "EPUB/content.opf")
    (meta,) = opf.findall("opf:metadata", NS)
    assert [etree.QName(e).localname for e in meta] == [
        "meta",
        "identifier",
        "title",
        "language",
    ]
    assert meta[0].get("property") == "dcterms:modified"
    assert meta[0].text == "2022-01-01T00:00:00Z"


def test_an_empty_creator_is_left_out_with_its_role() -> None:
    """An empty name makes neither an empty ``dc:creator`` nor a role that
    refines an id no element has."""
    metadata = replace(_metadata(), creators=("", "Anna Rossi"))
    opf = _read(_publication(metadata), "EPUB/content.opf")
    creators = opf.xpath("//dc:creator", namespaces=NS)
    assert [(c.get("id"), c.text) for c in creators] == [("creator1", "Anna Rossi")]
    roles = opf.xpath("//opf:meta[@property='role']/@refines", namespaces=NS)
    assert roles == ["#creator1"]


def test_the_package_declares_every_file() -> None:
    """The manifest: each item, then the NCX and the navigation document;
    each in the ZIP; the spine names the NCX and reads the items given; a
    cover image is named for EPUB 2 readers too."""
    cover = package.Item(
        "cover-img", "images/c.png", "image/png", b"png", "cover-image"
    )
    items = [
        package.Item("report", "report.xhtml", "application/xhtml+xml", XHTML_DOC),
        cover,
    ]
    headings = [package.Heading("report.xhtml", "T")]
    book = package.publication(_metadata(), items, ["report"], headings)
    opf = _read(book, "EPUB/content.opf")
    manifest = [
        (i.get("id"), i.get("href"), i.get("media-type"), i.get("properties"))
        for i in opf.iterfind("opf:manifest/opf:item", NS)
    ]
    assert manifest == [
        ("report", "report.xhtml", "application/xhtml+xml", None),
        ("cover-img", "images/c.png", "image/png", "cover-image"),
        ("ncx", "toc.ncx", "application/x-dtbncx+xml", None),
        ("nav", "nav.xhtml", "application/xhtml+xml", "nav"),
    ]
    with zipfile.ZipFile(BytesIO(book)) as archive:
        assert archive.namelist() == [
            "mimetype",
            "EPUB/content.opf",
            "EPUB/images/c.png",
            "EPUB/nav.xhtml",
            "EPUB/report.xhtml",
            "EPUB/toc.ncx",
            "META-INF/container.xml",
        ]
        assert archive.read("EPUB/images/c.png") == b"png"
    (spine,) = opf.findall("opf:spine", NS)
    assert spine.get("toc") == "ncx"
    assert [i.get("idref") for i in spine] == ["report"]
    names = opf.xpath("//opf:meta[@name='cover']/@content", namespaces=NS)
    assert names == ["cover-img"]
    assert opf.get("unique-identifier") == "id"
    (main,) = opf.xpath("//dc:identifier[@id='id']", namespaces=NS)
    assert main.text == _metadata().identifier


def test_the_archive_is_the_same_on_every_run() -> None:
    """Fixed order, compression, times and attributes: the same bytes from
    the same files, whatever order they come in."""
    files = {"EPUB/b.xhtml": b"b" * 100, "EPUB/a.css": b"a", "META-INF/x.xml": b"x"}
    first = package.archive(files, WHEN)
    again = package.archive(dict(reversed(files.items())), WHEN)
    assert first == again
    with zipfile.ZipFile(BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == [
        "mimetype",
        "EPUB/a.css",
        "EPUB/b.xhtml",
        "META-INF/x.xml",
    ]
    assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert first[30:58] == b"mimetypeapplication/epub+zip"
    assert {i.compress_type for i in infos[1:]} == {zipfile.ZIP_DEFLATED}
    assert {i.date_time for i in infos} == {(2022, 1, 1, 0, 0, 0)}
    assert {(i.create_system, i.external_attr >> 16) for i in infos} == {(3, 0o644)}
    later = package.archive(files, datetime.datetime(2023, 5, 6))
    assert later != first


# -- A report's book, without Sphinx ----------------------------------------------


def _report(doi: str = "") -> Report:
    journal = Journal.from_config("A Journal & Co", "2532-845X", "A <Press>", "")
    return Report(
        "reports/1-1-x",
        journal,
        "Tea & <Biscuits>",
        ("Anna Rossi", "Ivan Petrov"),
        1,
        1,
        PartialDate(2024, 3),
        keywords=("tea", "biscuits"),
        abstract="Two\n\nparagraphs.",
        doi=doi,
    )


def test_a_report_book_without_a_page_address() -> None:
    """No base URL, no DOI: the identifier is a UUID made from the ISSN and
    the report's name (the same on every build), and no page is the source."""
    report = _report()
    body = '<section id="tea"><h1>Tea</h1><section id="a"><h2>A</h2></section>'
    body += "</section>"
    document = epub.content(report, body, {}, "reports")
    book = epub.book(report, document)
    assert book == epub.book(report, epub.content(report, body, {}, "reports"))
    opf = _read(book, "EPUB/content.opf")
    (main,) = opf.xpath("//dc:identifier[@id='id']", namespaces=NS)
    assert main.text == epub.identifier(report)
    assert main.text.startswith("urn:uuid:")
    assert not opf.xpath(
        "//dc:source | //opf:meta[@property='identifier-type']", namespaces=NS
    )
    assert opf.findtext(".//dc:date", namespaces=NS) == "2024-03"
    assert opf.findtext(".//dc:publisher", namespaces=NS) == "A <Press>"
    assert opf.findtext(".//dc:description", namespaces=NS) == "Two paragraphs."
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']", namespaces=NS)
    assert [m.text for m in modified] == ["2024-03-01T00:00:00Z"]
    nav = _read(book, "EPUB/nav.xhtml")
    assert [a.get("href") for a in nav.iter(f"{{{XHTML}}}a")] == [
        "report.xhtml",
        "report.xhtml#a",
    ]


def test_a_report_doi_is_said_to_be_one() -> None:
    report = _report(doi="10.12345/gr.1.1")
    data = epub.metadata(report)
    assert (data.identifier, data.identifier_type) == ("urn:doi:10.12345/gr.1.1", "06")


def test_a_hand_made_book_passes_epubcheck(tmp_path: Path) -> None:
    """Values the front matter would refuse, in a package made by hand:
    EPUBCheck finds nothing wrong (one Java process for all)."""
    books = []
    for number, text in enumerate(NASTY[:6]):
        path = tmp_path / f"book-{number}.epub"
        path.write_bytes(_publication(_metadata(text)))
        books.append(path)
    found = epub_edition.check(books)
    assert found == {book: [] for book in books}
