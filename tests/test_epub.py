"""The EPUB edition: one EPUB 3 book per report, valid, whole, reproducible.

Each project is built once per module, as ``python -m georeport.editions html``
makes it (the books are made in the HTML edition's run), and every book of
every project goes through W3C EPUBCheck in **one** Java process (a start of
the JVM costs seconds): the repository's journal, the second journal, a
report with a cover photo, an image and links, and the hostile corpus of
``tests/test_hostile.py``. Expected values come from the reports' front
matter and ``conf.py`` (through the model), and the book's text is compared
with the page's: the book is the page, as a book.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from georeport.editions import epub as epub_edition
from georeport.editions.build import build_html
from georeport.model import Journal, PartialDate, Report
from georeport.sphinxext.epub import content as epub_content

from .conftest import DOCS, REPORT, ROOTS, STRICT, Project, built, fold
from .test_cover import _png
from .test_hostile import HOSTILE, hostile_project

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
NS = {"opf": OPF, "dc": DC, "h": XHTML, "epub": OPS, "n": NCX}
EPUB_TYPE = f"{{{OPS}}}type"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
#: The media type each kind of file of a book has in its manifest.
MEDIA_TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".css": "text/css",
    ".ncx": "application/x-dtbncx+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}

#: The base URL of the report with a cover (its links become absolute).
BASE_URL = "https://journal.example.org/"

#: A report with what a book must carry beyond text: a cover photo (file,
#: caption, credit), an image in the text, a link to another page of the
#: journal, an abstract, two authors, keywords, footnotes and References.
RICH = """\
---
title: Ports of the Caspian Sea
authors: [Anna Rossi, Ivan Petrov]
volume: 1
issue: 1
date: "2024-05-06"
keywords: [Caspian Sea, ports]
abstract: |
  Three ports, two pipelines.

  And one sea.
cover:
  path: aktau-port.png
  alt: Tankers at the port of Aktau
  caption: The port of Aktau
  credit: Jane Doe, CC BY-SA 4.0, via Wikimedia Commons
---

A claim about the Caspian Sea.{footcite}`rossi2020` See [the journal](../index.md).

![A map of the sea](sea-map.png)

Another claim.{footcite}`rossi2020,petrov2023`

```{footbibliography}
```

## References

:::{bibliography}
:list: bullet
:filter: docname in docnames
:::
"""


def rich_project(destination: Path) -> Path:
    """test-base with :data:`RICH` as its report, and a base URL."""
    shutil.copytree(ROOTS / "test-base", destination)
    (destination / REPORT).write_text(RICH, encoding="utf-8")
    (destination / "reports" / "aktau-port.png").write_bytes(_png(40, 20))
    (destination / "reports" / "sea-map.png").write_bytes(_png(10, 30))
    with (destination / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"georeport_base_url = {BASE_URL!r}\n")
    return destination


# -- A book, read as a reader's software reads it -----------------------------------


@dataclass
class Book:
    """One EPUB: its package document, its navigation, its content document."""

    path: Path

    @cached_property
    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.path)

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @cached_property
    def opf_name(self) -> str:
        container = self.xml("META-INF/container.xml")
        (rootfile,) = container.iter(f"{{{CONTAINER}}}rootfile")
        return rootfile.get("full-path")

    @cached_property
    def opf(self) -> etree._Element:
        return self.xml(self.opf_name)

    def item(self, href: str) -> str:
        """A file of the package, by its href in the manifest."""
        return str(Path(self.opf_name).parent / href)

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def meta(self, prop: str) -> list[str]:
        return [
            e.text
            for e in self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)
        ]

    @cached_property
    def manifest(self) -> list[etree._Element]:
        return self.opf.findall("opf:manifest/opf:item", NS)

    @cached_property
    def content(self) -> etree._Element:
        """The one content document of the spine."""
        (itemref,) = self.opf.findall("opf:spine/opf:itemref", NS)
        (item,) = [i for i in self.manifest if i.get("id") == itemref.get("idref")]
        assert item.get("media-type") == "application/xhtml+xml"
        return self.xml(self.item(item.get("href")))

    @cached_property
    def soup(self) -> BeautifulSoup:
        """The content document, for CSS selectors (parsed as XML)."""
        (itemref,) = self.opf.findall("opf:spine/opf:itemref", NS)
        (item,) = [i for i in self.manifest if i.get("id") == itemref.get("idref")]
        return BeautifulSoup(self.zip.read(self.item(item.get("href"))), "xml")


@dataclass
class Edition:
    """A project built, with its reports."""

    project: Project

    def reports(self) -> list[Report]:
        return [self.project.report(path) for path in self.project.report_files()]

    def book(self, report: Report) -> Book:
        return Book(self.project.build / "epub" / f"{report.slug}.epub")

    def page(self, report: Report) -> BeautifulSoup:
        return self.project.html(report)

    def books(self) -> list[Path]:
        return sorted((self.project.build / "epub").glob("*.epub"))


def _edition(source: Path, build: Path) -> Edition:
    log = build_html(source, build)
    return Edition(Project(source, build, log))


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    return _edition(DOCS, tmp_path_factory.mktemp("epub-journal"))


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    return _edition(ROOTS / "test-second", tmp_path_factory.mktemp("epub-second"))


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    base = tmp_path_factory.mktemp("epub-rich")
    return _edition(rich_project(base / "source"), base / "build")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    base = tmp_path_factory.mktemp("epub-hostile")
    return _edition(hostile_project(base / "source"), base / "build")


@pytest.fixture(params=["journal", "second", "rich"])
def edition(request: pytest.FixtureRequest) -> Edition:
    return request.getfixturevalue(request.param)


def broken_copy(book: Path, destination: Path) -> Path:
    """``book`` with a link to a file the book does not hold and an id given
    twice: what EPUBCheck must refuse."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(destination, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith("report.xhtml"):
                bad = b'<body><p id="twice">x</p><p id="twice"><a href="gone.html">'
                bad += b"y</a></p>"
                data = data.replace(b"<body>", bad, 1)
            out.writestr(info, data)
    return destination


# -- The edition -----------------------------------------------------------------------


def test_each_report_has_its_book_in_the_edition_and_beside_its_page(
    edition: Edition,
) -> None:
    """``BUILD/epub/<report>.epub`` (the PDF's name stem), the same bytes as
    the book beside the page, and the page links it."""
    reports = edition.reports()
    assert [p.name for p in edition.books()] == sorted(
        f"{Path(r.pdf_name).stem}.epub" for r in reports
    )
    for report in reports:
        book = edition.book(report).path
        beside = edition.project.build / "html" / f"{report.docname}.epub"
        assert beside.read_bytes() == book.read_bytes()
        page = edition.page(report)
        (masthead,) = page.select("a.georeport-epub")
        assert masthead["href"] == book.name
        downloads = page.select_one(".georeport-downloads")
        links = {a.get_text(): a["href"] for a in downloads.find_all("a")}
        assert links["EPUB"] == book.name


def test_epubcheck_finds_no_error_and_no_warning(
    journal: Edition,
    second: Edition,
    rich: Edition,
    hostile: Edition,
    tmp_path: Path,
) -> None:
    """Every book of every project, in one Java process, with one broken on
    purpose: the check can fail, and its messages say what is wrong."""
    bad = broken_copy(rich.books()[0], tmp_path / "bad.epub")
    books = [*journal.books(), *second.books(), *rich.books(), *hostile.books()]
    assert len(books) >= 3 + len(HOSTILE)
    found = epub_edition.check([*books, bad])
    assert {book: found[book] for book in books} == {book: [] for book in books}
    refused = "\n".join(found[bad])
    assert "RSC-007" in refused  # a file the book does not hold
    assert '"twice"' in refused  # the id given twice


# -- The package --------------------------------------------------------------------


def test_the_package_says_who_what_when(edition: Edition) -> None:
    """Title, creators in order (authors), language, date, publisher,
    identifiers (the ISSN; the DOI when there is one, else the page),
    keywords as subjects, the report's date as the modification date."""
    journal = edition.project.journal
    for report in edition.reports():
        book = edition.book(report)
        assert book.dc("title") == [report.title]
        assert book.dc("creator") == list(report.authors)
        for number in range(1, len(report.authors) + 1):
            roles = book.opf.xpath(
                f"//opf:meta[@refines='#creator{number}'][@property='role']",
                namespaces=NS,
            )
            assert [r.text for r in roles] == ["aut"]
        assert book.dc("language") == [report.language]
        assert book.dc("date") == [report.date.iso()]
        assert book.dc("publisher") == [journal.publisher]
        assert book.dc("subject") == list(report.keywords)
        identifiers = book.dc("identifier")
        assert f"urn:issn:{journal.issn}" in identifiers
        unique = book.opf.get("unique-identifier")
        (main,) = book.opf.xpath(f"//dc:identifier[@id='{unique}']", namespaces=NS)
        doi = getattr(report, "doi", "")
        assert main.text == (f"urn:doi:{doi}" if doi else report.page_url or main.text)
        assert main.text.startswith(("urn:doi:", "https://", "urn:uuid:"))
        date = report.date
        day = f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"
        assert book.meta("dcterms:modified") == [f"{day}T00:00:00Z"]
        assert book.meta("belongs-to-collection") == [journal.title]


def test_a_report_doi_is_the_unique_identifier(tmp_path: Path) -> None:
    source = rich_project(tmp_path / "source")
    path = source / REPORT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("volume: 1\n", "doi: 10.12345/gr.1.1\nvolume: 1\n"))
    edition = _edition(source, tmp_path / "build")
    (report,) = edition.reports()
    book = edition.book(report)
    (main,) = book.opf.xpath(
        f"//dc:identifier[@id='{book.opf.get('unique-identifier')}']", namespaces=NS
    )
    assert main.text == "urn:doi:10.12345/gr.1.1"
    assert f"urn:issn:{edition.project.journal.issn}" in book.dc("identifier")
    (kind,) = book.opf.xpath("//opf:meta[@property='identifier-type']", namespaces=NS)
    assert (kind.get("refines"), kind.get("scheme"), kind.text) == (
        f"#{main.get('id')}",
        "onix:codelist5",
        "06",
    )
    assert book.dc("source") == [report.page_url]
    ncx = book.xml(book.item("toc.ncx"))
    uid = ncx.xpath("//n:meta[@name='dtb:uid']/@content", namespaces=NS)
    assert uid == [main.text]


def test_the_package_says_what_rights_abstract_and_page(edition: Edition) -> None:
    """The journal's rights statement, the abstract (one line), the page as
    the source when it is not the identifier; the identifier's kind only for
    a DOI; an EPUB 3 package, with no generator of its own."""
    for report in edition.reports():
        book = edition.book(report)
        assert book.dc("rights") == ([report.rights] if report.rights else [])
        abstract = " ".join(report.abstract.split())
        assert book.dc("description") == ([abstract] if abstract else [])
        unique = book.opf.get("unique-identifier")
        (main,) = book.opf.xpath(f"//dc:identifier[@id='{unique}']", namespaces=NS)
        page = report.page_url
        assert book.dc("source") == ([page] if page and page != main.text else [])
        assert book.meta("identifier-type") == (["06"] if report.doi else [])
        assert not book.opf.xpath("//opf:meta[@name='generator']", namespaces=NS)
        assert book.opf.get("version") == "3.0"


def test_every_file_is_in_the_manifest_and_in_the_book(edition: Edition) -> None:
    """The manifest lists each file of the book but the container's own,
    with the media type its name says; the spine reads the report; the
    navigation document and the NCX are declared."""
    for report in edition.reports():
        book = edition.book(report)
        hrefs = {i.get("href"): i for i in book.manifest}
        assert len(hrefs) == len(book.manifest)
        assert len({i.get("id") for i in book.manifest}) == len(book.manifest)
        names = set(book.zip.namelist())
        own = {"mimetype", "META-INF/container.xml", book.opf_name}
        assert names - own == {book.item(href) for href in hrefs}
        for href, item in hrefs.items():
            suffix = Path(href).suffix
            assert item.get("media-type") == MEDIA_TYPES[suffix], href
            assert book.zip.getinfo(book.item(href)).file_size > 0
        (nav,) = [i for i in book.manifest if i.get("properties") == "nav"]
        assert nav.get("href") == "nav.xhtml"
        spine = book.opf.find("opf:spine", NS)
        (ncx,) = [i for i in book.manifest if i.get("id") == spine.get("toc")]
        assert ncx.get("media-type") == "application/x-dtbncx+xml"
        idrefs = [i.get("idref") for i in spine.iterfind("opf:itemref", NS)]
        assert idrefs == ["report"]
        assert hrefs["report.xhtml"].get("id") == "report"
        assert book.zip.read(book.item("style.css")).startswith(b"body {")


def _page_headings(page: BeautifulSoup) -> list[tuple[str, str]]:
    """``(id, text)`` of each section's ``h2`` on the page, permalinks out."""
    found = []
    for section in page.select("section[id]"):
        heading = section.find(True)
        if heading is not None and heading.name == "h2":
            for link in heading.select("a.headerlink"):
                link.decompose()
            found.append((section["id"], _text(heading)))
    return found


def test_the_navigation_lists_the_report_and_its_headings(edition: Edition) -> None:
    """The table of contents (EPUB 3 and NCX alike): the report's title, and
    below it each heading of the page, in order, to its place in the text."""
    for report in edition.reports():
        book = edition.book(report)
        nav = book.xml(book.item("nav.xhtml"))
        assert nav.get("lang") == report.language
        (toc,) = nav.xpath("//h:nav[@epub:type='toc']", namespaces=NS)
        (top,) = toc.xpath("h:ol/h:li", namespaces=NS)
        title = top.find("h:a", NS)
        assert (title.text, title.get("href")) == (report.title, "report.xhtml")
        links = top.xpath("h:ol/h:li/h:a", namespaces=NS)
        headings = _page_headings(edition.page(report))
        assert len(headings) >= 2  # References, "Cite this report" at least
        assert [(a.get("href"), a.text) for a in links] == [
            (f"report.xhtml#{id_}", text) for id_, text in headings
        ]
        ids = set(book.content.xpath("//@id"))
        assert {id_ for id_, _ in headings} <= ids
        ncx = book.xml(book.item("toc.ncx"))
        points = list(ncx.iter(f"{{{NCX}}}navPoint"))
        assert [p.findtext("n:navLabel/n:text", namespaces=NS) for p in points] == [
            report.title,
            *(text for _, text in headings),
        ]
        assert [p.find("n:content", NS).get("src") for p in points] == [
            "report.xhtml",
            *(a.get("href") for a in links),
        ]
        assert [p.get("playOrder") for p in points] == [
            str(n) for n in range(1, len(points) + 1)
        ]
        uid = ncx.xpath("//n:meta[@name='dtb:uid']/@content", namespaces=NS)
        assert uid == book.dc("identifier")[:1]
        assert ncx.xpath("//n:meta[@name='dtb:depth']/@content", namespaces=NS) == ["2"]


def test_each_book_is_an_ocf_container(edition: Edition) -> None:
    """``mimetype`` first, stored, without extra field (readers find it at a
    fixed offset); the container names the package document; every other
    entry is compressed; every entry has the report's date."""
    for report in edition.reports():
        book = edition.book(report)
        raw = book.path.read_bytes()
        assert raw[30:38] == b"mimetype"
        assert raw[38:58] == b"application/epub+zip"
        first, *others = book.zip.infolist()
        assert first.filename == "mimetype" and first.compress_type == 0
        assert {i.compress_type for i in others} == {zipfile.ZIP_DEFLATED}
        assert book.opf_name == "EPUB/content.opf"
        date = report.date
        day = (date.year, date.month or 1, date.day or 1, 0, 0, 0)
        assert {i.date_time for i in book.zip.infolist()} == {day}
        assert book.zip.testzip() is None


# -- The text ------------------------------------------------------------------------


def _text(element: object) -> str:
    return fold(element.get_text()) if element is not None else ""


def test_the_book_holds_the_page(edition: Edition) -> None:
    """Masthead, title, byline, cover credit, abstract, text, References and
    "Cite this report": the page's, word for word."""
    for report in edition.reports():
        book, page = edition.book(report).soup, edition.page(report)
        article = page.body
        # the page's alone: permalinks, the files beside the page
        for extra in article.select("a.headerlink, .georeport-downloads"):
            extra.decompose()
        for selector in (
            ".georeport-journal",
            ".georeport-issn",
            ".georeport-byline",
            ".georeport-cover-credit",
            "figcaption .caption-text",
            ".georeport-abstract",
            "section#references",
            ".georeport-citation",
        ):
            assert _text(book.select_one(selector)) == _text(
                article.select_one(selector)
            ), selector
        assert _text(book.find("h1")) == fold(report.title)
        assert report.issue_line in _text(book.select_one(".georeport-masthead"))
        # every paragraph of the text, in order
        paragraphs = [_text(p) for p in article.select("section > p")]
        assert [_text(p) for p in book.select("section > p")] == paragraphs
        assert book.select_one("#cite-this-report") is not None


def test_the_footnotes_are_epub_footnotes(edition: Edition) -> None:
    """Each reference to a note is a ``noteref`` to an ``aside`` that is a
    ``footnote``, holding the page's note."""
    for report in edition.reports():
        content = edition.book(report).content
        page = edition.page(report)
        page_notes = [_text(a) for a in page.select("aside.footnote")]
        refs = content.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
        assert len(refs) == len(page.select("a.footnote-reference")) > 0
        notes = content.xpath("//h:aside[@epub:type='footnote']", namespaces=NS)
        assert [fold("".join(n.itertext())) for n in notes] == page_notes
        ids = {n.get("id") for n in notes}
        assert {ref.get("href") for ref in refs} <= {f"#{i}" for i in ids}


def test_nothing_points_out_of_the_book_but_web_addresses(edition: Edition) -> None:
    """Links are fragments of the book or absolute addresses; no download
    link, permalink or script of the page comes along."""
    for report in edition.reports():
        content = edition.book(report).content
        for href in content.xpath("//h:a/@href", namespaces=NS):
            assert href.startswith(("#", "https://", "http://", "mailto:")), href
        for cls in ("georeport-pdf", "georeport-epub", "georeport-downloads"):
            assert not content.xpath(f"//*[contains(@class, '{cls}')]")
        assert not content.xpath(
            "//h:script | //h:*[@class='headerlink']", namespaces=NS
        )


def test_the_cover_and_images_are_in_the_book(rich: Edition) -> None:
    (report,) = rich.reports()
    book = rich.book(report)
    source = rich.project.source / "reports"
    (cover,) = [
        i for i in book.manifest if "cover-image" in (i.get("properties") or "")
    ]
    assert (
        book.zip.read(book.item(cover.get("href")))
        == (source / "aktau-port.png").read_bytes()
    )
    images = {
        img.get("alt"): img.get("src")
        for img in book.content.xpath("//h:img", namespaces=NS)
    }
    assert images["Tankers at the port of Aktau"] == cover.get("href")
    assert (
        book.zip.read(book.item(images["A map of the sea"]))
        == (source / "sea-map.png").read_bytes()
    )
    # the link to the journal's front page, from the base URL
    links = {
        fold("".join(a.itertext())): a.get("href")
        for a in book.content.xpath("//h:a", namespaces=NS)
    }
    assert links["the journal"] == f"{BASE_URL}index.html"


def test_hostile_text_is_text_in_the_book(hostile: Edition) -> None:
    """Each string of the corpus, as the title, an author and a keyword,
    comes back as the same text from the package and the content document."""
    reports = [r for r in hostile.reports() if r.title in {h.text for h in HOSTILE}]
    assert len(reports) == len(HOSTILE)
    for report in reports:
        book = hostile.book(report)
        assert book.dc("title") == [report.title]
        assert book.dc("creator") == list(report.authors)
        assert book.dc("subject") == list(report.keywords)
        nav = book.xml(book.item("nav.xhtml"))
        assert report.title in [t.text for t in nav.iter(f"{{{XHTML}}}a")]
        content = book.content
        (h1,) = content.iter(f"{{{XHTML}}}h1")
        assert "".join(h1.itertext()) == report.title
        (title,) = content.iter(f"{{{XHTML}}}title")
        assert title.text == report.title
        (byline,) = content.xpath(
            "//h:*[contains(@class, 'georeport-byline')]", namespaces=NS
        )
        if byline.tag == f"{{{XHTML}}}p":  # the names alone, on one line
            assert "".join(byline.itertext()) == report.authors_line
            assert len(byline) == 0
        else:  # each author with an affiliation or ORCID iD: only our elements
            names = byline.xpath(
                ".//h:span[@class='georeport-author-name']", namespaces=NS
            )
            assert ["".join(n.itertext()) for n in names] == list(report.authors)
            made = {
                "li": {"georeport-author"},
                "span": {"georeport-author-name", "georeport-affiliation"},
                "a": {"georeport-orcid"},
            }
            for element in byline.iterdescendants():
                tag = etree.QName(element).localname
                assert element.get("class") in made.get(tag, ()), etree.tostring(
                    element
                )
        assert not content.xpath("//h:script | //h:img", namespaces=NS)


# -- Reproducible, incremental --------------------------------------------------------


def test_a_book_is_reproducible(rich: Edition, tmp_path: Path) -> None:
    """Another build, elsewhere and later, gives the same bytes; ``mimetype``
    comes first, stored; the entries are sorted and dated with the report."""
    (report,) = rich.reports()
    source = rich_project(tmp_path / "source")
    again = _edition(source, tmp_path / "build")
    assert again.book(report).path.read_bytes() == rich.book(report).path.read_bytes()
    infos = rich.book(report).zip.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert rich.book(report).zip.read("mimetype") == b"application/epub+zip"
    names = [info.filename for info in infos[1:]]
    assert names == sorted(names)
    assert {info.date_time for info in infos} == {(2024, 5, 6, 0, 0, 0)}


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def test_books_are_built_incrementally(tmp_path: Path) -> None:
    """Nothing changed: nothing is made. One report edited: its book alone is
    made again. A report removed: its book leaves the edition."""
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(ROOTS / "test-base", source)
    second = source / "reports" / "1-2-second.md"
    second.write_text(
        (source / REPORT)
        .read_text(encoding="utf-8")
        .replace("title: A report", "title: A second report")
        .replace("issue: 1", "issue: 2"),
        encoding="utf-8",
    )
    edition = Edition(Project(source, build, build_html(source, build)))
    first, other = (edition.book(r).path for r in edition.reports())
    before = _stamp(first), _stamp(other)
    first_bytes = first.read_bytes()

    assert build_html(source, build).startswith("HTML edition:")  # up to date
    assert (_stamp(first), _stamp(other)) == before

    # a book removed from the edition by hand: the edition is not up to date
    other.unlink()
    assert not build_html(source, build).startswith("HTML edition:")
    assert other.is_file()

    other_before = _stamp(other)
    text = (source / REPORT).read_text(encoding="utf-8")
    (source / REPORT).write_text(text.replace("A claim", "A new claim"), "utf-8")
    build_html(source, build)
    assert first.read_bytes() != first_bytes
    assert b"A new claim" in Book(first).zip.read("EPUB/report.xhtml")
    assert _stamp(other) == other_before  # the same file: not made again

    second.unlink()
    build_html(source, build)
    assert [p.name for p in edition.books()] == [first.name]
    assert not (build / "html" / "reports" / other.name).exists()


# -- A project without the EPUB edition ---------------------------------------------


@pytest.mark.sphinx(
    "html", testroot="base", confoverrides={**STRICT, "georeport_epub": False}
)
def test_the_edition_can_be_turned_off(app: object) -> None:
    project = built(app)
    folder = project.build / "html" / "reports"
    assert not list(folder.glob("*.epub"))
    page = BeautifulSoup((folder / "1-1-report.html").read_text("utf-8"), "html.parser")
    assert not page.select("a.georeport-epub")
    assert "EPUB" not in _text(page.select_one(".georeport-downloads"))


# -- The page's body made a book's ------------------------------------------------


def _report(base_url: str = "") -> Report:
    journal = Journal.from_config("A Journal", "2532-845X", "A Press", base_url)
    return Report(
        "reports/1-1-x", journal, "Tea ·", ("Anna Rossi",), 1, 1, PartialDate(2024)
    )


#: A page's body as Sphinx's translator writes it, with what a book leaves out.
BODY = (
    '<div class="georeport-masthead"><p class="georeport-issue">Volume 1 · '
    '<a class="georeport-pdf" href="x.pdf">Download PDF</a> · '
    '<a class="georeport-epub" href="x.epub">Download EPUB</a></p></div>'
    '<section id="tea"><h1>Tea ·<a class="headerlink" href="#tea">¶</a></h1>'
    '<p onclick="alert(1)">See <a class="reference internal" href="../index.html">'
    'the <em>journal</em></a>, then <a href="javascript:alert(1)">this</a>.'
    "<script>alert(1)</script></p></section>"
)


@pytest.mark.parametrize("base_url", ["", BASE_URL])
def test_what_a_book_leaves_out_of_the_page(base_url: str) -> None:
    """Download links with their separators, permalinks (not a heading's own
    ``·``), scripts and event attributes go; a link to another page is an
    address from the base URL, or its text without one; other schemes are
    text."""
    report = _report(base_url)
    xhtml = epub_content(report, BODY, {}, "reports").xhtml
    page = etree.fromstring(xhtml)
    (h1,) = page.iter(f"{{{XHTML}}}h1")
    assert "".join(h1.itertext()) == "Tea ·" == report.title
    (issue,) = page.xpath("//h:p[@class='georeport-issue']", namespaces=NS)
    assert "".join(issue.itertext()) == "Volume 1" and len(issue) == 0
    (text,) = page.xpath("//h:section/h:p", namespaces=NS)
    assert "".join(text.itertext()) == "See the journal, then this."
    assert not text.attrib
    assert [e.tag for e in text.iter()][1:] == [
        f"{{{XHTML}}}{t}" for t in (["a", "em"] if base_url else ["em"])
    ]
    links = [a.get("href") for a in page.iter(f"{{{XHTML}}}a")]
    assert links == ([f"{BASE_URL}index.html"] if base_url else [])
