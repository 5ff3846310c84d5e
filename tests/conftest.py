"""Shared fixtures: two tiers of builds.

* sphinx.testing builds (``@pytest.mark.sphinx``, the ``app`` fixture, roots in
  ``tests/roots/test-<name>``): the HTML edition alone, in a fraction of a
  second, without TeX; most tests of the extension use them.
* The full editions (:mod:`georeport.editions.build`, HTML and PDF), built
  once per test session: tests that build PDFs or read them need TeX Live and
  poppler and carry the ``pdf`` marker (``pytest -m "not pdf"`` leaves them
  out).

Expected values are read from where each fact lives (the report's front
matter, ``docs/conf.py``, the BibTeX file), never copied from an output.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from hypothesis import settings
from sphinx.testing.util import SphinxTestApp

from georeport.citation_role import parse_targets
from georeport.editions.build import build_html, build_pdf
from georeport.model import Journal, Report, read_report
from tools.archive import copy_project, make_archive

pytest_plugins = ("sphinx.testing.fixtures",)

# No deadline: a test that fails on a slow machine proves nothing (speed is
# measured in the bench); the first example may also load a language model.
# The same examples at every run (derandomize): a run of CI passes or fails
# on the code, not on its draw. Search wider by hand with
# `--hypothesis-profile explore` (random draws, 2,000 examples a test).
settings.register_profile("georeport", deadline=None, derandomize=True)
settings.register_profile("explore", deadline=None, max_examples=2000)
settings.load_profile("georeport")

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).resolve().parent / "roots"
DATA = Path(__file__).resolve().parent / "data"
#: The one report of ``tests/roots/test-base``.
REPORT = "reports/1-1-report.md"

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
    """A Sphinx project of reports, built (``build/html``, ``build/pdf``...)."""

    source: Path
    build: Path
    log: str
    #: values set on top of ``conf.py`` (``-D``, sphinx.testing's confoverrides)
    overrides: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def conf(self) -> dict:
        return {**runpy.run_path(str(self.source / "conf.py")), **self.overrides}

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
        return [
            [target.key for target in parse_targets(role) if target.key]
            for role in _FOOTCITE.findall(text)
        ]

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


# -- The full editions (TeX) ---------------------------------------------------


def full_build(source: Path, build: Path, *extra: str) -> Project:
    """Both editions, as ``georeport.editions all`` makes them: PDFs first, the
    HTML links to them; ``extra``: Sphinx's options (``-D name=value``)."""
    log = build_pdf(source, build, *extra) + build_html(source, build, *extra)
    return Project(source, build, log)


@pytest.fixture(scope="session")
def journal_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own journal (docs/), both editions."""
    return full_build(DOCS, tmp_path_factory.mktemp("journal"))


@pytest.fixture(scope="session")
def second_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A second journal and report (two authors, Cyrillic sources)."""
    return full_build(ROOTS / "test-second", tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="session", params=["journal", "second"])
def project(request: pytest.FixtureRequest) -> Project:
    """Each project in turn: what holds for one report holds for every report."""
    return request.getfixturevalue(f"{request.param}_project")


# -- Builds to stop: two reports, one edited since the editions were built ------

#: The report edited since its editions were built, and what was added.
EDITED = "100-1-caspian"
EDIT = "A sentence written just before the build was killed."


def _editions(*args: str | Path) -> None:
    """``python -m georeport.editions ARGS``, as a user runs it."""
    command = [sys.executable, "-m", "georeport.editions", *map(str, args)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Once per module: a project of two reports with the editions built,
    then one report edited (so that the next build reads, writes and
    typesets again), kept aside; and a clean build of the edited project,
    the editions every recovered build must equal."""
    base = tmp_path_factory.mktemp("killed")
    source = make_archive(ROOTS / "test-second", base / "work" / "source", 2)
    build = base / "work" / "build"
    _editions("all", source, build)
    report = source / "reports" / f"{EDITED}.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("\n## References", f"\n{EDIT}\n\n## References", 1),
        encoding="utf-8",
    )
    shutil.copytree(base / "work", base / "pristine", symlinks=True)
    clean = base / "clean"
    _editions("all", source, clean)
    shutil.rmtree(base / "work")
    return source, build, clean


@pytest.fixture
def edited(pristine: tuple[Path, Path, Path]) -> tuple[Path, Path]:
    """The pristine project and build, put back where they were built (Sphinx
    and the records know their paths) for each test to stop a build of."""
    source, build, _clean = pristine
    work = build.parent
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(work.parent / "pristine", work, symlinks=True)
    return source, build


# -- sphinx.testing: the HTML edition, no TeX ----------------------------------

#: The editions build nitpicky (``-n``): so does every sphinx.testing build.
STRICT = {"nitpicky": True}
#: The second journal, tests/roots/test-second.
SECOND = pytest.mark.sphinx("html", testroot="second", confoverrides=STRICT)
#: Where the journal is built: docs/ is no test root, so :func:`sphinx_app`
#: copies it (with the bibliography it names) there first.
JOURNAL_SRCDIR = "journal/docs"
#: The repository's journal, docs/.
JOURNAL = pytest.mark.sphinx("html", srcdir=JOURNAL_SRCDIR, confoverrides=STRICT)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """sphinx.testing's roots: ``testroot="second"`` is tests/roots/test-second."""
    return ROOTS


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """Each test's sphinx.testing builds in a folder of its own (sphinx.testing
    shares one per session): no build is an incremental rebuild of another
    test's, which would read nothing again and repeat none of its warnings."""
    return tmp_path


@pytest.fixture
def sphinx_app(
    app_params: Any,
    make_app: Callable[..., SphinxTestApp],
    sphinx_test_tempdir: Path,
) -> SphinxTestApp:
    """sphinx.testing's ``app``, for the journal too: docs/ (which is not a
    root) is copied to the ``srcdir`` of :data:`JOURNAL` before Sphinx starts."""
    args, kwargs = app_params
    journal = sphinx_test_tempdir / JOURNAL_SRCDIR
    if Path(kwargs["srcdir"]) == journal:
        assert copy_project(DOCS, journal.parent) == journal
    return make_app(*args, **kwargs)


def plain(text: str) -> str:
    """``text`` without terminal colour codes (which CI may force on pipes)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def warnings_of(app: SphinxTestApp) -> str:
    """What the build logged as warnings and errors, without colour codes."""
    return plain(app.warning.getvalue())


def built(app: SphinxTestApp) -> Project:
    """Build ``app``; as the editions' ``-W``, fail on any warning. The
    project's ``build`` holds the output folder (``html``, ``latex``).

    The app is done with then: its registrations (nodes, roles) are undone at
    once, not at the test's end, so that another app may start in the test.
    """
    app.build()
    app.cleanup()
    warnings = warnings_of(app)
    assert not warnings, warnings
    return Project(
        Path(app.srcdir),
        Path(app.outdir).parent,
        app.status.getvalue(),
        dict(app.config.overrides),
    )


@pytest.fixture(
    params=[
        pytest.param("journal", marks=JOURNAL),
        pytest.param("second", marks=SECOND),
    ]
)
def html_project(sphinx_app: SphinxTestApp) -> Project:
    """Each journal's HTML edition (no PDF to link), built warning-free by
    sphinx.testing: what holds for one report holds for every report."""
    return built(sphinx_app)


# -- Bad input -----------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """The one thing wrong with a copy of a root: one change to one file."""

    file: str  #: relative to the root
    old: str  #: text the file holds exactly once; "" adds ``new`` at its end
    new: str
    encoding: str = "utf-8"  #: the file is saved in this encoding

    def apply(self, source: Path) -> str:
        """Make the change in the copy ``source``; return the file's new text."""
        path = source / self.file
        text = path.read_text(encoding="utf-8")
        if self.old:
            assert text.count(self.old) == 1, f"{self.old!r} not once in {path}"
            text = text.replace(self.old, self.new)
        else:
            text += self.new
        path.write_bytes(text.encode(self.encoding))
        return text


#: A letter O for a zero in the key the base report cites.
UNKNOWN_KEY = Fault(REPORT, "{footcite}`rossi2020`", "{footcite}`rossi2O20`")


def alias_bomb(depth: int = 9, width: int = 9) -> str:
    """``volume:`` as the "billion laughs": each anchor ``&aN`` a list of
    ``width`` aliases of the one before, ``width ** depth`` values written in
    ``depth`` lines (9 ** 9: 387 million; quoting it in a message took 40 s,
    then memory ran out)."""
    lines = ["volume:", f"  - &a0 [{', '.join(['lol'] * width)}]"]
    lines += [
        f"  - &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, depth)
    ]
    return "\n".join(lines)


#: The base report's volume as :func:`alias_bomb`; its first anchor is ``&a0``.
ALIAS_BOMB = Fault(REPORT, "volume: 1", alias_bomb())
