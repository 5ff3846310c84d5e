"""Images and covers are checked by what their files hold, not their names.

First :func:`georeport.images.check` on files of every kind an editor or an
attacker hands in; then builds of ``tests/roots/test-base`` with one such
file as the cover or an image of the text, run as a user runs them: one
error at the line naming the file (``cover.path:`` in the front matter),
saying what the file really is, and no edition. A clean SVG is shown by the
page and the EPUB; the PDF edition, which cannot show one, says so at its
line, and takes the PNG of a drawing given in both forms (``map.*``).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from georeport.images import check

from .conftest import REPORT, Fault
from .test_bad_input import Result, editions, faulty_copy, line_of
from .test_cover import _png

SVG = "http://www.w3.org/2000/svg"
#: What no output may hold: the marker of each hostile file.
MARKER = "hostile-image-4b9d"
#: The smallest PDF a viewer opens: what an editor hands in as a "cover".
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
#: The first bytes of a JPEG (JFIF): all the check reads of it.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def svg(body: str, attributes: str = "", before: str = "") -> bytes:
    """An SVG document with ``body`` inside its root."""
    return (
        f'{before}<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="40" height="20"{attributes}>{body}</svg>'
    ).encode()


#: A clean drawing: a gradient and a use of it, a picture inside the file.
CLEAN_SVG = svg(
    '<defs><linearGradient id="g"/></defs><rect id="r" fill="url(#g)" '
    'width="40" height="20"/><use href="#r"/><use xlink:href="#r"/>'
    '<image href="data:image/png;base64,iVBORw0KGgo="/>'
)


@dataclass(frozen=True)
class File:
    """A file as handed in, and what the check must say of it."""

    name: str
    data: bytes
    says: tuple[str, ...] = ()  #: words of the problem; () when it is shown


FILES = (
    File("photo.png", _png(4, 4)),
    File("photo.jpg", JPEG),
    File("photo.jpeg", JPEG),
    File("drawing.svg", CLEAN_SVG),
    File("cover.png", PDF, ("PDF document",)),
    File("cover.pdf", PDF, ("PDF document",)),
    File("notes.png", f"Not an image: {MARKER}\n".encode(), ("text file",)),
    File("page.svg", b"<!DOCTYPE html><html><body>x</body></html>", ("HTML",)),
    File("binary.png", bytes(range(256)), ("unknown kind",)),
    File("anim.gif", b"GIF89a\x01\x00\x01\x00", ("GIF", "PDF edition")),
    File("photo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", ("WebP", "PDF edition")),
    File("misnamed.jpg", _png(4, 4), ("PNG image named .jpg",)),
    File("script.svg", svg(f"<script>alert('{MARKER}')</script>"), ("script",)),
    File("onload.svg", svg("", ' onload="alert(1)"'), ("event attribute",)),
    File(
        "foreign.svg",
        svg(
            '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'
        ),
        ("foreignObject",),
    ),
    File(
        "xhtml.svg",
        svg('<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p>'),
        ("HTML",),
    ),
    File(
        "external.svg",
        svg('<image xlink:href="https://tracker.example/p.png"/>'),
        ("another file or address",),
    ),
    File(
        "local.svg",
        svg('<image href="file:///etc/passwd"/>'),
        ("another file or address",),
    ),
    File(
        "style.svg",
        svg('<rect style="fill:url(https://tracker.example/p)"/>'),
        ("another file or address",),
    ),
    File(
        "import.svg",
        svg("<style>@import 'https://tracker.example/s.css';</style>"),
        ("style sheet",),
    ),
    File(
        "sheet.svg",
        svg("", before='<?xml-stylesheet href="https://tracker.example/s.css"?>'),
        ("style sheet",),
    ),
    File("link.svg", svg('<a href="javascript:alert(1)"><rect/></a>'), ("javascript",)),
    File(
        "animate.svg",
        svg('<set attributeName="onclick" to="alert(1)"/>'),
        ("animates",),
    ),
    File(
        "entity.svg",
        svg(
            "<text>&x;</text>",
            before='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        ),
        ("entities",),
    ),
    File(
        "undeclared.svg",
        svg(
            "<text>&nbsp;</text>",
            before='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
        ),
        ("entity",),
    ),
    File("bare.svg", b"<svg><rect/></svg>", ("xmlns",)),
    File("broken.svg", svg("<rect")[:-6], ("cannot be read",)),
)


@pytest.mark.parametrize("file", FILES, ids=[file.name for file in FILES])
def test_a_file_is_known_by_its_bytes(file: File, tmp_path: Path) -> None:
    path = tmp_path / file.name
    path.write_bytes(file.data)
    found = check(path)
    if not file.says:
        assert found.shown, found.problem
        return
    assert not found.shown
    for word in file.says:
        assert word.lower() in found.problem.lower(), found.problem
    assert found.fix
    assert "root:x:0:0" not in found.problem  # no entity was read


# -- Built ------------------------------------------------------------------------

#: The report's date line: a cover goes after it (``cover:`` on line 7,
#: ``path:`` on line 8).
DATE = 'date: "2024"\n'
CLAIM = "A claim about the Caspian Sea."


def cover(name: str) -> Fault:
    return Fault(REPORT, DATE, f"{DATE}cover:\n  path: {name}\n  alt: A cover\n")


def image(markup: str) -> Fault:
    """``markup`` before the report's first sentence (line 9)."""
    return Fault(REPORT, CLAIM, f"{markup}\n\n{CLAIM}")


@dataclass(frozen=True)
class Case:
    """A report naming one file (written beside it), and what the one error
    line must say."""

    name: str
    fault: Fault
    files: tuple[File, ...]
    at: str  #: text on the line the error names
    says: tuple[str, ...]


def _file(name: str) -> File:
    return next(file for file in FILES if file.name == name)


CASES = (
    Case("pdf-cover", cover("cover.pdf"), (_file("cover.pdf"),), "path:", ("PDF",)),
    Case(
        "pdf-named-png",
        cover("cover.png"),
        (_file("cover.png"),),
        "path:",
        ("PDF document", "cover.path"),
    ),
    Case(
        "text-named-png",
        cover("notes.png"),
        (_file("notes.png"),),
        "path:",
        ("text file", "cover.path"),
    ),
    Case(
        "svg-script-cover",
        cover("script.svg"),
        (_file("script.svg"),),
        "path:",
        ("script", "cover.path"),
    ),
    Case(
        "text-image",
        image("![A map](notes.png)"),
        (_file("notes.png"),),
        "![A map]",
        ("text file",),
    ),
    Case(
        "svg-figure",
        image("```{figure} onload.svg\n:alt: A map\n\nA caption\n```"),
        (_file("onload.svg"),),
        "{figure}",
        ("event attribute", "plain SVG"),
    ),
    Case(
        "gif-candidate",
        image("![A map](anim.*)"),
        (_file("anim.gif"),),
        "![A map]",
        ("anim.gif", "GIF"),
    ),
)


def _source(base: Path, name: str, faults: tuple[Fault, ...], files: tuple[File, ...]):
    source = faulty_copy(base / "source" / name, *faults)
    for file in files:
        (source / "reports" / file.name).write_bytes(file.data)
    return source


def _faulty_text(source: Path) -> str:
    return (source / REPORT).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Result]]:
    """Every case built once (HTML edition), two at a time."""
    base = tmp_path_factory.mktemp("images")

    def build(case: Case) -> tuple[Path, Result]:
        source = _source(base, case.name, (case.fault,), case.files)
        return source, editions("html", source, base / "build" / case.name)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((c.name for c in CASES), pool.map(build, CASES), strict=True))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_refused_file_is_one_error_at_its_line(
    case: Case, results: dict[str, tuple[Path, Result]]
) -> None:
    source, result = results[case.name]
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    line = line_of(_faulty_text(source), case.at)
    assert re.match(rf"error: .*{re.escape(REPORT)}:{line}: ", lines[0]), lines[0]
    for word in case.says:
        assert word.lower() in lines[0].lower(), lines[0]
    assert not list(result.build.glob("html/**/*.html"))


def test_a_clean_svg_is_on_the_page_and_in_the_book(tmp_path: Path) -> None:
    """``-s html``: the SVG as handed in, on the page and in the EPUB."""
    source = _source(
        tmp_path, "clean", (cover("drawing.svg"),), (_file("drawing.svg"),)
    )
    result = editions("html", source, tmp_path / "build")
    assert result.returncode == 0, result.stderr
    html = tmp_path / "build" / "html"
    page = BeautifulSoup((html / "reports" / "1-1-report.html").read_text(), "lxml")
    src = page.select_one("figure.georeport-cover img")["src"]
    assert (html / "reports" / src).resolve().read_bytes() == CLEAN_SVG
    with zipfile.ZipFile(tmp_path / "build" / "epub" / "1-1-report.epub") as book:
        svgs = [name for name in book.namelist() if name.endswith(".svg")]
        assert [book.read(name) for name in svgs] == [CLEAN_SVG]
        assert 'media-type="image/svg+xml"' in book.read("EPUB/content.opf").decode()


#: Covers the PDF edition stopped on with "LaTeX failed on X.tex", naming no
#: line: what it says now.
PDF_COVERS = {
    "drawing.svg": ("SVG", "PDF edition", "cover.path"),
    "notes.png": ("text file", "cover.path"),
}


@pytest.mark.pdf
@pytest.mark.parametrize("name", list(PDF_COVERS))
def test_the_pdf_edition_names_the_cover_line(name: str, tmp_path: Path) -> None:
    """XeLaTeX includes no SVG ("Cannot determine size of graphic") and no
    text file: the cover's line says what the file is, and what to do."""
    source = _source(tmp_path, "cover", (cover(name),), (_file(name),))
    result = editions("pdf", source, tmp_path / "build")
    assert result.returncode != 0
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    path_line = line_of(_faulty_text(source), "path:")
    assert f"{REPORT}:{path_line}: " in line
    for word in PDF_COVERS[name]:
        assert word in line
    assert "LaTeX failed" not in line
    assert not list(tmp_path.glob("build/pdf/*.pdf"))


@pytest.mark.pdf
def test_a_drawing_in_both_forms_gives_each_edition_its_own(tmp_path: Path) -> None:
    """``map.*`` with ``map.svg`` and ``map.png``: the page shows the SVG,
    the PDF the PNG."""
    png = _png(40, 20)
    source = _source(
        tmp_path,
        "both",
        (image("![A map](map.*)"),),
        (File("map.svg", CLEAN_SVG), File("map.png", png)),
    )
    build = tmp_path / "build"
    for edition in ("pdf", "html"):
        result = editions(edition, source, build)
        assert result.returncode == 0, result.stderr
    html = (build / "html" / "reports" / "1-1-report.html").read_text("utf-8")
    (img,) = BeautifulSoup(html, "html.parser").select("img[alt='A map']")
    assert (build / "html" / "reports" / img["src"]).resolve().read_bytes() == CLEAN_SVG
    listed = subprocess.run(
        ["pdfimages", "-list", str(build / "pdf" / "1-1-report.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listed] == [["40", "20"]]
