"""Quiet builds: a user sees what was built and where; the rest is in the log.

Sphinx, MyST, sphinxext-opengraph and latexmk print their versions, MyST's
whole configuration, "matplotlib is not installed" and "Run 'make' in that
directory": none of it is for the user of ``python -m georeport.editions``. It
goes to ``BUILD/editions.log``, and to the terminal with ``-v``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOTS

SOURCE = ROOTS / "test-second"

#: What the libraries print that a user has no use for.
CHATTER = ("Running Sphinx", "myst v", "MdParserConfig", "matplotlib", "succeeded")


def _build(*args: str, build: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "georeport.editions",
        *args,
        str(SOURCE),
        str(build),
    ]
    return subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=600
    )


def test_the_html_edition_says_what_it_built_and_where(tmp_path: Path) -> None:
    build = tmp_path / "build"
    result = _build("html", build=build)
    shown = result.stdout + result.stderr
    assert f"HTML edition: {build / 'html'}" in shown
    for noise in CHATTER:
        assert noise not in shown
    assert len(shown.splitlines()) <= 3, shown
    log = (build / "editions.log").read_text(encoding="utf-8")
    assert "Running Sphinx" in log
    assert "build succeeded" in log


def test_verbose_shows_the_libraries_output(tmp_path: Path) -> None:
    build = tmp_path / "build"
    result = _build("-v", "html", build=build)
    assert "Running Sphinx" in result.stdout
    assert "Running Sphinx" in (build / "editions.log").read_text("utf-8")


def test_the_log_is_of_the_last_run_alone(tmp_path: Path) -> None:
    build = tmp_path / "build"
    _build("html", build=build)
    result = _build("html", build=build)  # nothing changed: Sphinx does not start
    assert "up to date" in result.stdout
    log = build / "editions.log"
    assert not log.exists() or "Running Sphinx" not in log.read_text("utf-8")


@pytest.mark.pdf
def test_the_pdf_edition_says_what_it_typeset(tmp_path: Path) -> None:
    build = tmp_path / "build"
    result = _build("pdf", build=build)
    shown = result.stdout + result.stderr
    assert f"PDF edition: {build / 'pdf' / '40-2-caspian.pdf'}" in shown
    for noise in (*CHATTER, "Run 'make'", "Latexmk:"):
        assert noise not in shown
    log = (build / "editions.log").read_text(encoding="utf-8")
    assert "Run 'make'" in log
    assert "Latexmk" in log
