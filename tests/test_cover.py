"""A cover photo with its file, as the guide's example writes it, in both
editions: the figure, its caption and credit, the image itself."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from georeport.editions.build import build_html, build_pdf

from .conftest import REPORT, ROOTS, Fault

COVER = """date: "2024"
cover:
  path: aktau-port.png
  alt: Tankers at the port of Aktau
  caption: The port of Aktau
  credit: Jane Doe, CC BY-SA 4.0, via Wikimedia Commons
  license: CC BY-SA 4.0
"""


def _png(width: int, height: int) -> bytes:
    """A small red PNG, written by hand: no image library is needed for it."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    Fault(REPORT, 'date: "2024"\n', COVER).apply(source)
    (source / "reports" / "aktau-port.png").write_bytes(_png(40, 20))
    return source


def test_the_cover_figure_is_on_the_page(source: Path, tmp_path: Path) -> None:
    build_html(source, tmp_path / "build")
    html = tmp_path / "build" / "html"
    page = BeautifulSoup((html / "reports" / "1-1-report.html").read_text(), "lxml")
    figure = page.select_one("figure.georeport-cover")
    assert figure is not None
    image = figure.find("img")
    assert image["alt"] == "Tankers at the port of Aktau"
    assert (html / "reports" / image["src"]).resolve().read_bytes() == (
        source / "reports" / "aktau-port.png"
    ).read_bytes()
    caption = " ".join(figure.select_one("figcaption .caption-text").get_text().split())
    assert caption == (
        "The port of Aktau (Credits: Jane Doe, CC BY-SA 4.0, via Wikimedia Commons)"
    )


@pytest.mark.pdf
def test_the_cover_image_is_in_the_pdf(source: Path, tmp_path: Path) -> None:
    build_pdf(source, tmp_path / "build")
    pdf = tmp_path / "build" / "pdf" / "1-1-report.pdf"
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listed] == [["40", "20"]]
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "The port of Aktau" in " ".join(text.split())
