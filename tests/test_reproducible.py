"""Reproducible editions: two clean builds in two folders are the same bytes.

``georeport.editions`` sets ``SOURCE_DATE_EPOCH`` from the reports' own dates
when the user has not, so two builds of tests/roots/test-second, in different
directories and at different times, give byte-identical HTML trees and PDFs;
every date in a PDF (information dictionary and XMP) is its report's date, or
the user's ``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from georeport.editions.build import build_html, build_pdf
from georeport.model import read_report
from tools.archive import make_archive

from .conftest import ROOTS, journal_of

SOURCE = ROOTS / "test-second"
REPORT = SOURCE / "reports" / "40-2-caspian.md"


def _build(build: Path) -> Path:
    build_pdf(SOURCE, build)
    build_html(SOURCE, build)
    return build


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two clean builds, without SOURCE_DATE_EPOCH, in two folders."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        first = _build(tmp_path_factory.mktemp("first") / "build")
        second = _build(tmp_path_factory.mktemp("other-place") / "out" / "build")
    return first, second


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _dates(pdf: Path) -> dict[str, str]:
    """Every date of a PDF: its information dictionary's and its XMP's."""
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    dates = dict(re.findall(r"^(\w+Date):\s+(\S+)", info, re.M))
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    dates |= dict(re.findall(r"<xmp:(\w+Date)>([^<]+)</xmp:", meta))
    return dates


@pytest.mark.pdf
def test_html_trees_are_byte_identical(builds: tuple[Path, Path]) -> None:
    first, second = (_tree(build / "html") for build in builds)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different
    # Sphinx's own records (environment, configuration hash with this build's
    # paths) are kept outside the edition
    assert not [name for name in first if name.startswith((".doctrees", ".buildinfo"))]


@pytest.mark.pdf
def test_pdfs_are_byte_identical(builds: tuple[Path, Path]) -> None:
    first, second = (_tree(build / "pdf") for build in builds)
    assert first and first == second


@pytest.mark.pdf
def test_every_pdf_date_is_the_reports_date(builds: tuple[Path, Path]) -> None:
    journal = journal_of(ROOTS / "test-second")
    date = read_report("reports/40-2-caspian", REPORT, journal).date
    day = f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"
    dates = _dates(builds[0] / "pdf" / "40-2-caspian.pdf")
    expected = {"CreationDate", "ModDate", "CreateDate", "ModifyDate", "MetadataDate"}
    assert expected <= set(dates)
    assert set(dates.values()) == {f"{day}T00:00:00Z"}


@pytest.mark.pdf
def test_the_users_source_date_epoch_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    epoch = 1_700_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    build_pdf(SOURCE, tmp_path)
    moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)
    dates = _dates(tmp_path / "pdf" / "40-2-caspian.pdf")
    assert set(dates.values()) == {moment.strftime("%Y-%m-%dT%H:%M:%SZ")}


def test_a_parallel_build_writes_the_same_pages(tmp_path: Path) -> None:
    """Sphinx's ``-j``: reports read and written by two processes and merged
    (georeport's environment data included) give the same HTML edition."""
    source = make_archive(SOURCE, tmp_path / "source", 6)  # > 5: read in parallel
    build_html(source, tmp_path / "serial")
    log = build_html(source, tmp_path / "parallel", "-j", "2")
    # it did run in parallel: Sphinx reads and writes chunks "first .. last"
    assert re.search(r"reading sources\.\.\. \[[ \d]+%\] \S+ \.\. ", log)
    assert _tree(tmp_path / "serial" / "html") == _tree(tmp_path / "parallel" / "html")


def test_the_editions_write_what_sphinx_build_writes(tmp_path: Path) -> None:
    """``georeport.editions`` (Sphinx in its own process, quiet, with its
    records kept outside the edition) against a plain ``sphinx-build`` of the
    same six reports: the same HTML edition. (The speed-ups are compared with
    the library's own code in test_speedups.py.)"""
    source = make_archive(SOURCE, tmp_path / "source", 6)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", env["SOURCE_DATE_EPOCH"])
        build_html(source, tmp_path / "fast")
    pdf_dir = (tmp_path / "fast" / "pdf").resolve()
    plain = tmp_path / "plain" / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "-q"]
    command += ["-D", f"georeport_pdf_dir={pdf_dir}", str(source), str(plain)]
    subprocess.run(command, check=True, env=env)
    shutil.rmtree(plain / ".doctrees")
    (plain / ".buildinfo").unlink()
    assert _tree(tmp_path / "fast" / "html") == _tree(plain)
