"""Bad input: one clear error, a non-zero exit, and no output that looks finished.

Each bad input is a small project ``tests/roots/test-bad-<name>/`` with exactly
one fault, built by the command a user (and every nox session) runs::

    python -m georeport.build html SOURCE BUILD

Four things are asked of every build of a bad input, each its own test:

* ``exit``: the command exits non-zero;
* ``message``: its error output names the file and line (``refs.bib:21``,
  ``reports/1-1-report.md:9``) and says what is wrong and what to do (the
  words of :attr:`Bad.says`);
* ``clear``: the error output is that message alone, not Sphinx's build log,
  a traceback or a request to report a bug to Sphinx;
* ``clean``: no HTML page is left in ``BUILD/html`` that looks finished.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOTS


@dataclass(frozen=True)
class Bad:
    """One bad input and the message that must point the editor to it."""

    name: str  #: the project is tests/roots/test-bad-<name>
    file: str  #: the faulty file, relative to the project
    lines: tuple[int, ...]  #: acceptable lines for the message to name
    says: tuple[str, ...]  #: words the message must contain (case-insensitive)
    #: the report is saved in this encoding before the build (see the root's conf.py)
    encoding: str = "utf-8"


REPORT = "reports/1-1-report.md"

CASES = (
    # {footcite}`rossi2O20` (a letter O for a zero) on line 9
    Bad("unknown-key", REPORT, (9,), ("rossi2O20", "refs.bib", "add")),
    # title = {Pipelines and {Power ...}: entry on line 1, field on line 3
    Bad("bib-brace", "refs.bib", (1, 3), ("rossi2020", "brace")),
    # journal = {...} without its comma on line 4 (the parser stops on line 5)
    Bad("bib-comma", "refs.bib", (4, 5), ("rossi2020", "comma")),
    # a second @misc{rossi2020, on line 21
    Bad("bib-duplicate", "refs.bib", (21,), ("rossi2020", "rename")),
    # @article{rossi2020, on line 1 has no title; the report cites it
    Bad("bib-no-title", "refs.bib", (1,), ("rossi2020", "title")),
    # georeport_issn = "2532-8451" on line 4: the check digit should be X
    Bad("issn", "conf.py", (4,), ("georeport_issn", "2532-845X")),
    # no 'volume:' in the front matter, which starts on line 1
    Bad("front-matter", REPORT, (1,), ("volume", "front matter")),
    # cover: (line 7) path: aktau-port.jpg (line 8), no such file
    Bad("cover", REPORT, (7, 8), ("aktau-port.jpg", "cover.path")),
    # "Aktaù" in Latin-1 (byte 0xF9) on line 9
    Bad("encoding", REPORT, (9,), ("UTF-8", "save"), encoding="latin-1"),
    # no citation at all, but "## References" (line 14) and its
    # {bibliography} (line 16)
    Bad("no-citation", REPORT, (14, 16), ("References", "footcite")),
)


def _params() -> list:
    return [pytest.param(case, id=case.name) for case in CASES]


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str
    build: Path


def editions(edition: str, source: Path, build: Path) -> Result:
    """``python -m georeport.build EDITION SOURCE BUILD``, as a user runs it."""
    command = [sys.executable, "-m", "georeport.build", edition]
    completed = subprocess.run(
        [*command, str(source), str(build)],
        check=False,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr, build)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Every bad input built once, two at a time (each takes a few seconds)."""
    base = tmp_path_factory.mktemp("bad")

    def build(case: Bad) -> Result:
        source = base / "source" / case.name
        shutil.copytree(ROOTS / f"test-bad-{case.name}", source)
        report = source / REPORT
        text = report.read_text(encoding="utf-8")
        report.write_bytes(text.encode(case.encoding))
        return editions("html", source, base / "build" / case.name)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((c.name for c in CASES), pool.map(build, CASES), strict=True))


def _names_place(text: str, case: Bad) -> bool:
    lines = "|".join(str(n) for n in case.lines)
    return re.search(rf"{re.escape(case.file)}:(?:{lines})(?!\d)", text) is not None


@pytest.mark.parametrize("case", _params())
def test_bad_input_exits_non_zero(case: Bad, results: dict[str, Result]) -> None:
    assert results[case.name].returncode != 0


@pytest.mark.parametrize("case", _params())
def test_message_names_file_line_and_fix(case: Bad, results: dict[str, Result]) -> None:
    error = results[case.name].stderr
    assert _names_place(error, case), (
        f"stderr names no {case.file}:{'|'.join(map(str, case.lines))}:\n{error}"
    )
    for word in case.says:
        assert word.lower() in error.lower(), f"{word!r} not in stderr:\n{error}"


@pytest.mark.parametrize("case", _params())
def test_error_is_one_clear_message(case: Bad, results: dict[str, Result]) -> None:
    error = results[case.name].stderr
    for noise in ("Traceback", "please open an issue", "Running Sphinx"):
        assert noise not in error, f"{noise!r} in stderr:\n{error}"
    lines = [line for line in error.splitlines() if line.strip()]
    # one error line (a hint may follow it), not one per layer that passed it on
    assert len(lines) <= 2, error
    assert [line for line in lines if line.startswith("error")] == lines[:1], error
    assert sum(case.says[0].lower() in line.lower() for line in lines) == 1, error


@pytest.mark.parametrize("case", _params())
def test_no_finished_looking_output(case: Bad, results: dict[str, Result]) -> None:
    pages = sorted((results[case.name].build / "html").rglob("*.html"))
    assert not pages, f"a failed build left {[p.name for p in pages]}"


def test_pdf_edition_of_bad_input_writes_no_pdf(tmp_path: Path) -> None:
    result = editions("pdf", ROOTS / "test-bad-unknown-key", tmp_path)
    assert result.returncode != 0
    assert not list(tmp_path.glob("pdf/*.pdf"))


def _pages(html: Path) -> dict[str, bytes]:
    return {str(p.relative_to(html)): p.read_bytes() for p in html.rglob("*.html")}


def test_failed_rebuild_keeps_no_half_written_edition(tmp_path: Path) -> None:
    """Fixed, built, broken again: BUILD/html is the good edition, or gone."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-bad-unknown-key", source)
    report = source / REPORT
    broken = report.read_text(encoding="utf-8")
    report.write_text(broken.replace("rossi2O20", "rossi2020"), encoding="utf-8")
    build = tmp_path / "build"
    assert editions("html", source, build).returncode == 0
    good = _pages(build / "html")
    report.write_text(broken.replace("A claim", "A new claim"), encoding="utf-8")
    assert editions("html", source, build).returncode != 0
    html = build / "html"
    assert not html.exists() or _pages(html) == good
