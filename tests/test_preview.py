"""The preview typesets the edited report's PDF in the background and puts it
beside the report's preview page (issue 17); bad input is one line there too,
as in the editions (issue 23)."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from georeport.editions import preview

from .conftest import REPORT, ROOTS
from .test_bad_input import CASES, Bad, Result, faulty_copy, line_of


def _pages(tmp_path: Path) -> tuple[Path, preview.Preview]:
    """A project, and a preview of it whose report has a page."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    folders = preview.Preview(tmp_path / "build")
    page = folders.pages / REPORT.replace(".md", ".html")
    page.parent.mkdir(parents=True)
    page.write_text("<html></html>", encoding="utf-8")
    folders.pdfs.mkdir(parents=True)
    return source, folders


def test_a_new_pdf_goes_beside_its_page_and_only_a_new_one(tmp_path: Path) -> None:
    source, folders = _pages(tmp_path)
    pdfs, pages = folders.pdfs, folders.pages
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
    source, folders = _pages(tmp_path)
    pdfs, pages = folders.pdfs, folders.pages
    assert preview.place_pdfs(source, pdfs, pages) == []  # no PDF yet
    (pdfs / "elsewhere.pdf").write_bytes(b"%PDF-1")
    assert preview.place_pdfs(source, pdfs, pages) == []  # no report of that name


def test_each_run_has_a_log_of_its_own(tmp_path: Path) -> None:
    """Two runs in one second, and more than are kept: a new file each, the
    oldest go."""
    logs = tmp_path / "logs"
    made = [preview.new_log(logs) for _ in range(preview.KEPT_LOGS + 3)]
    assert len(set(made)) == len(made)
    assert all(path.parent == logs and path.suffix == ".log" for path in made)
    assert sorted(logs.iterdir()) == sorted(made[-preview.KEPT_LOGS :])


def test_no_pdf_while_the_pages_have_problems(tmp_path: Path) -> None:
    """The strict PDF edition would fail on what the pages warned of: no run
    starts, and the terminal says so."""
    source, folders = _pages(tmp_path)
    folders.problems.parent.mkdir(parents=True)
    folders.problems.write_text("x.md:9: WARNING: could not find\n", encoding="utf-8")
    command = [sys.executable, "-m", "georeport.editions.preview", "pdfs"]
    result = subprocess.run(
        [*command, str(source), str(folders.build)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith("preview: no PDF is typeset while the pages")
    assert list(folders.logs.iterdir()) == [folders.problems]


@pytest.mark.pdf
def test_the_command_returns_at_once_and_the_pdf_follows(tmp_path: Path) -> None:
    source, folders = _pages(tmp_path)
    started = time.monotonic()
    assert preview.main(["pdfs", str(source), str(folders.build)]) == 0
    assert time.monotonic() - started < 5  # it does not wait for LaTeX
    beside = folders.pages / Path(REPORT).with_suffix(".pdf")
    deadline = time.monotonic() + 120
    while not beside.is_file() and time.monotonic() < deadline:
        time.sleep(0.5)
    (log,) = folders.logs.glob("*.log")
    assert beside.is_file(), log.read_text(encoding="utf-8")
    assert beside.read_bytes().startswith(b"%PDF")
    assert beside.read_bytes() == (folders.pdfs / beside.name).read_bytes()
    assert not (folders.build / "pdf").exists()  # the edition: never written


# -- Bad input in the preview ---------------------------------------------------


def preview_build(source: Path, out: Path, temporary: Path) -> Result:
    """What sphinx-autobuild runs at each change (``python -m sphinx build``),
    with the arguments the preview gives it, ``TMPDIR`` its own."""
    command = [sys.executable, "-m", "sphinx", "build"]
    command += preview.sphinx_arguments(source, preview.Preview(out))
    completed = subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    left = tuple(sorted(p.name for p in temporary.iterdir()))
    return Result(
        completed.returncode, completed.stdout, completed.stderr, out, left=left
    )


@pytest.fixture(scope="module")
def previews(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Each bad input of test_bad_input.py in the preview, two at a time."""
    base = tmp_path_factory.mktemp("preview-bad")

    def build(case: Bad) -> Result:
        source = faulty_copy(base / case.name / "source")
        text = case.fault.apply(source)
        (base / case.name / "tmp").mkdir()
        result = preview_build(
            source, base / case.name / "build", source.parent / "tmp"
        )
        lines = tuple(line_of(text, at) for at in case.at)
        return dataclasses.replace(result, lines=lines)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return {
            case.name: result
            for case, result in zip(CASES, pool.map(build, CASES), strict=True)
        }


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_bad_input_in_the_preview_is_one_line(
    case: Bad, previews: dict[str, Result]
) -> None:
    """``FILE:LINE: ERROR: what: fix`` as Sphinx prints any problem, not its
    crash report ("Please also report this if it was a user error"), and no
    copy of a crash report left in the temporary folder."""
    result = previews[case.name]
    for noise in ("Exception occurred", "Traceback", "report this", "Extension error"):
        assert noise not in result.stderr, result.stderr
    assert not result.left
    faulty = result.build.parent / "source" / case.file
    lines = "|".join(map(str, result.lines))
    # a column after the line where it is known
    at = re.compile(
        rf"{re.escape(str(faulty))}:(?:{lines})(?::\d+)?: (ERROR|WARNING): "
    )
    said = [line for line in result.stderr.splitlines() if at.match(line)]
    assert len(said) == 1, result.stderr
    for word in case.says:
        assert word.lower() in said[0].lower(), said[0]
