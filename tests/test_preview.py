"""The preview typesets the edited report's PDF in the background and puts it
beside the report's preview page (issue 17)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from georeport.editions import preview

from .conftest import REPORT, ROOTS


def _pages(tmp_path: Path) -> tuple[Path, Path, Path]:
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    pages, pdfs = tmp_path / "preview", tmp_path / "build" / "pdf"
    page = pages / REPORT.replace(".md", ".html")
    page.parent.mkdir(parents=True)
    page.write_text("<html></html>", encoding="utf-8")
    pdfs.mkdir(parents=True)
    return source, pdfs, pages


def test_a_new_pdf_goes_beside_its_page_and_only_a_new_one(tmp_path: Path) -> None:
    source, pdfs, pages = _pages(tmp_path)
    name = Path(REPORT).with_suffix(".pdf").name
    (pdfs / name).write_bytes(b"%PDF-1 first")
    beside = pages / Path(REPORT).parent / name
    assert preview.place_pdfs(source, pdfs, pages) == [beside]
    assert beside.read_bytes() == b"%PDF-1 first"
    assert preview.place_pdfs(source, pdfs, pages) == []  # unchanged: left alone
    (pdfs / name).write_bytes(b"%PDF-1 second")
    assert preview.place_pdfs(source, pdfs, pages) == [beside]
    assert beside.read_bytes() == b"%PDF-1 second"
    assert not list(beside.parent.glob(".*.tmp"))


def test_no_page_no_pdf_nothing_placed(tmp_path: Path) -> None:
    source, pdfs, pages = _pages(tmp_path)
    assert preview.place_pdfs(source, pdfs, pages) == []  # no PDF yet
    (pdfs / "elsewhere.pdf").write_bytes(b"%PDF-1")
    assert preview.place_pdfs(source, pdfs, pages) == []  # no report of that name


@pytest.mark.pdf
def test_the_command_returns_at_once_and_the_pdf_follows(tmp_path: Path) -> None:
    source, _pdfs, pages = _pages(tmp_path)
    build = tmp_path / "build"
    started = time.monotonic()
    assert preview.main([str(source), str(build), str(pages)]) == 0
    assert time.monotonic() - started < 5  # it does not wait for LaTeX
    beside = pages / Path(REPORT).with_suffix(".pdf")
    deadline = time.monotonic() + 120
    while not beside.is_file() and time.monotonic() < deadline:
        time.sleep(0.5)
    log = (build / preview.LOG).read_text(encoding="utf-8")
    assert beside.is_file(), log
    assert beside.read_bytes().startswith(b"%PDF")
    assert beside.read_bytes() == (build / "pdf" / beside.name).read_bytes()
