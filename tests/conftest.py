"""Shared fixtures: the editions are built once per test session.

Expected values are read from where each fact lives (the report's front
matter, ``docs/conf.py``, the BibTeX file), never copied from an output.
"""

from __future__ import annotations

import re
import runpy
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pybtex.database
import pytest
from bs4 import BeautifulSoup

from georeport.build.editions import build_html, build_pdf
from georeport.model import Journal, Report, read_report

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).resolve().parent / "roots"
DATA = Path(__file__).resolve().parent / "data"

_FOOTCITE = re.compile(r"\{footcite\}`([^`]+)`")


def fold(text: str) -> str:
    """White space folded, hyphenation at line ends undone (for pdftotext)."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return " ".join(text.replace("\u00a0", " ").split())


def journal_of(source: Path) -> Journal:
    """The journal of the project whose ``conf.py`` is in ``source``."""
    return Journal.from_settings(runpy.run_path(str(source / "conf.py")))


@dataclass
class Project:
    """A Sphinx project of reports, built into both editions."""

    source: Path
    build: Path
    log: str

    @cached_property
    def conf(self) -> dict:
        return runpy.run_path(str(self.source / "conf.py"))

    @cached_property
    def journal(self) -> Journal:
        return Journal.from_settings(self.conf)

    @cached_property
    def bibliography(self) -> pybtex.database.BibliographyData:
        (bibfile,) = self.conf["bibtex_bibfiles"]
        return pybtex.database.parse_file(str(self.source / bibfile))

    def report_files(self) -> list[Path]:
        return sorted((self.source / "reports").glob("*.md"))

    def report(self, path: Path) -> Report:
        docname = path.relative_to(self.source).with_suffix("").as_posix()
        return read_report(docname, path, self.journal)

    def footnote_groups(self, path: Path) -> list[list[str]]:
        """The keys of each footnote of a report, in the order of its text."""
        text = path.read_text(encoding="utf-8")
        return [[k.strip() for k in m.split(",")] for m in _FOOTCITE.findall(text)]

    def html(self, report: Report) -> BeautifulSoup:
        page = self.build / "html" / f"{report.docname}.html"
        return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")

    def pdf(self, report: Report) -> Path:
        return self.build / "pdf" / f"{report.slug}.pdf"

    def pdftext(self, report: Report, *pages: int) -> str:
        args = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
        command = ["pdftotext", "-enc", "UTF-8", *args, str(self.pdf(report)), "-"]
        return subprocess.run(
            command, check=True, capture_output=True, text=True
        ).stdout


@dataclass(frozen=True, order=True)
class Word:
    """A word of a PDF page, ordered by page, rounded baseline, left edge."""

    page: int
    baseline: int
    left: float
    height: float
    text: str


def pdfwords(project: Project, report: Report) -> list[Word]:
    """Every word of the PDF with its place and size, in reading order.

    pdftotext's plain output interleaves footnotes, running heads and lists
    as it likes; word boxes let a test read the page line by line and tell
    footnote text (smaller type) from body text.
    """
    command = ["pdftotext", "-bbox", "-enc", "UTF-8", str(project.pdf(report)), "-"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    words = []
    for number, page in enumerate(BeautifulSoup(out, "html.parser").find_all("page")):
        for word in page.find_all("word"):
            top, bottom = float(word["ymin"]), float(word["ymax"])
            left = float(word["xmin"])
            words.append(Word(number, round(bottom), left, bottom - top, word.text))
    return sorted(words)


def body_height(words: list[Word]) -> float:
    """The median word height: the body text's size."""
    return sorted(word.height for word in words)[len(words) // 2]


def pdf_text(project: Project, report: Report, *, small: bool) -> str:
    """Words set smaller than the body (footnotes, running heads, page
    numbers) or the others (body, headings, References), in reading order."""
    words = pdfwords(project, report)
    body = body_height(words)
    return " ".join(w.text for w in words if (w.height < 0.9 * body) == small)


def _build(source: Path, build: Path) -> Project:
    # as ``georeport.editions all`` does: PDFs first, the HTML links to them
    log = build_pdf(source, build) + build_html(source, build)
    return Project(source, build, log)


@pytest.fixture(scope="session")
def journal_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own journal (docs/), both editions."""
    return _build(DOCS, tmp_path_factory.mktemp("journal"))


@pytest.fixture(scope="session")
def second_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A second journal and report (two authors, Cyrillic sources)."""
    return _build(ROOTS / "test-second", tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="session", params=["journal", "second"])
def project(request: pytest.FixtureRequest) -> Project:
    """Each project in turn: what holds for one report holds for every report."""
    return request.getfixturevalue(f"{request.param}_project")
