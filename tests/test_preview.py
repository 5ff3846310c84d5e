"""The preview typesets the edited report's PDF in the background and puts it
beside the report's preview page (issue 17); bad input is one line there too,
as in the editions (issue 23); it works in build/preview alone, and a session
of edits leaves the editions as they were (issue 24)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from georeport.editions import lock, preview

from .conftest import REPORT, ROOTS, UNKNOWN_KEY, Fault, plain
from .test_bad_input import CASES, Bad, Result, editions, faulty_copy, line_of


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
    # The preview keeps Sphinx's colours for the editor's terminal; CI may
    # force them (FORCE_COLOR) even into a pipe: read the words, not the codes.
    stderr = plain(completed.stderr)
    return Result(completed.returncode, completed.stdout, stderr, out, left=left)


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


# -- A preview session, as an editor has it ----------------------------------------

#: What an edit adds to the report, to find in its page and its PDF.
EDIT = "A sentence saved during the preview."
#: How each background run ends on the preview's terminal: a PDF put beside
#: its page, none changed, or a failure (its log named last).
ENDINGS = (
    "preview: PDF ready: ",
    "preview: the PDFs are up to date",
    "preview: the PDFs' log: ",
)


def _sums(build: Path) -> dict[str, str]:
    """Each file of the three editions, by path, with its SHA-256."""
    return {
        str(path.relative_to(build)): hashlib.sha256(path.read_bytes()).hexdigest()
        for edition in ("html", "pdf", "epub")
        for path in sorted((build / edition).rglob("*"))
        if path.is_file()
    }


class Session:
    """``./noxw -s preview``'s command, headless: sphinx-autobuild on a free
    port, its terminal a file."""

    def __init__(self, source: Path, build: Path, terminal: Path) -> None:
        self.terminal = terminal
        command = [sys.executable, "-m", "georeport.editions.preview", "serve"]
        with terminal.open("w") as out:
            self.process = subprocess.Popen(
                [*command, str(source), str(build), "--port", "0"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group, stopped as Ctrl-C does
                # each line when printed, as on a terminal
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

    def said(self) -> str:
        return plain(self.terminal.read_text(encoding="utf-8"))

    def rebuilds(self) -> int:
        """Builds done: each ends with "Serving on"."""
        return self.said().count("Serving on http")

    def settled(self) -> bool:
        """Every background run started has said how it ended."""
        said = self.said()
        started = said.count("preview: typesetting the PDFs in the background")
        return started == sum(said.count(ending) for ending in ENDINGS)

    def idle(self) -> bool:
        """No rebuild under way (each "Rebuilding..." has its "Serving on",
        after the first build's) and every background run ended."""
        said = self.said()
        rebuilding = said.count("Rebuilding...")
        return rebuilding == self.rebuilds() - 1 and self.settled()

    def wait(self, what: str, ready: Callable[[], bool], timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            assert self.process.poll() is None, f"the preview ended:\n{self.said()}"
            assert time.monotonic() < deadline, f"no {what}:\n{self.said()}"
            time.sleep(0.5)

    def after(self, mark: int) -> list[str]:
        """The terminal's lines since ``mark`` characters."""
        return self.said()[mark:].splitlines()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=60)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@pytest.mark.pdf
def test_a_preview_session_leaves_the_editions_as_they_were(tmp_path: Path) -> None:
    """An editor's session: the editions built, the preview started, an edit,
    a key mistyped, a BibTeX entry left open, both fixed, Ctrl-C. Each step
    shows where the editor looks (the page, the PDF beside it, one line on
    the terminal), and the three editions are byte for byte as they were."""
    source = faulty_copy(tmp_path / "source")
    build = tmp_path / "build"
    assert editions("all", source, build).returncode == 0
    before = _sums(build)
    assert any(name.startswith("pdf/") for name in before)
    folders = preview.Preview(build)
    page = folders.pages / REPORT.replace(".md", ".html")
    beside = page.with_suffix(".pdf")
    report = source / REPORT
    session = Session(source, build, tmp_path / "terminal.txt")
    try:
        session.wait(
            "first pages and PDFs",
            lambda: (
                session.rebuilds()
                and "typesetting" in session.said()
                and session.settled()
            ),
        )
        assert beside.name in _text(page)  # linked: the edition's, copied
        url = re.search(r"Serving on (http://\S+)", session.said())
        assert url, session.said()
        served = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with served.open(f"{url[1]}/{REPORT.replace('.md', '.html')}") as answer:
            # the page, and sphinx-autobuild's script of reloads after it
            assert answer.read().startswith(page.read_bytes())

        # an edit: the page, then its PDF
        ready = session.said().count(ENDINGS[0])
        Fault(REPORT, "A claim about", f"{EDIT} A claim about").apply(source)
        session.wait("edited page", lambda: EDIT in _text(page))
        session.wait(
            "edited PDF",
            lambda: session.said().count(ENDINGS[0]) > ready and session.settled(),
        )
        pdf = subprocess.run(
            ["pdftotext", str(beside), "-"], check=True, capture_output=True, text=True
        )
        assert EDIT in " ".join(pdf.stdout.split())

        # a key mistyped: one line at its line and column; the page says so
        mark, built = len(session.said()), session.rebuilds()
        text = UNKNOWN_KEY.apply(source)
        session.wait("page of the mistyped key", lambda: "rossi2O20" in _text(page))
        session.wait("its rebuild", lambda: session.rebuilds() > built)
        line = line_of(text, "rossi2O20")
        column = text.splitlines()[line - 1].index("rossi2O20") + 1
        (said,) = [ln for ln in session.after(mark) if ln.startswith(f"{report}:")]
        assert said.startswith(f"{report}:{line}:{column}: WARNING: "), said
        assert 'did you mean "rossi2020"?' in said
        assert "no source 'rossi2O20'" in _text(page)
        assert any("no PDF is typeset" in ln for ln in session.after(mark))

        # a BibTeX entry left open: the rebuild stops, one line at its line
        mark, built = len(session.said()), session.rebuilds()
        bib = Fault("refs.bib", "  langid = {english}\n}", "  langid = {english}\n")
        text = bib.apply(source)
        session.wait("refused BibTeX file", lambda: session.rebuilds() > built)
        (said,) = [
            ln for ln in session.after(mark) if ln.startswith(f"{source / 'refs.bib'}:")
        ]
        assert said.startswith(
            f"{source / 'refs.bib'}:{line_of(text, '@article{rossi2020,')}: ERROR: "
        ), said
        assert "'rossi2020' opened here is not closed" in said

        # both fixed: the preview recovers
        mark = len(session.said())
        shutil.copyfile(ROOTS / "test-base" / "refs.bib", source / "refs.bib")
        Fault(REPORT, "rossi2O20", "rossi2020").apply(source)
        session.wait(
            "recovered page",
            lambda: EDIT in _text(page) and "no source" not in _text(page),
        )
        session.wait(
            "PDFs after the fix",
            lambda: (
                session.idle()
                and any(ln.startswith(ENDINGS[:2]) for ln in session.after(mark))
            ),
        )
        assert not [ln for ln in session.after(mark) if ln.startswith(f"{source}")]
    finally:
        session.stop()
    with lock.hold(folders.folder):  # no background run left
        pass
    assert _sums(build) == before
    said = session.said()
    for noise in ("MdParserConfig", "myst v", "matplotlib", "Traceback"):
        assert noise not in said, said
    # one log per background run, each telling one end
    logs = sorted(folders.logs.glob("*-*-*.log"))
    assert len(logs) == said.count("typesetting the PDFs in the background")
    for log in logs:
        ends = {
            ending
            for ln in log.read_text(encoding="utf-8").splitlines()
            for ending in ENDINGS
            if ln.startswith(ending)
        }
        assert len(ends) == 1, log.read_text(encoding="utf-8")
