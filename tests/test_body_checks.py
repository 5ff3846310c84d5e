"""The report's text is checked too: fences left open, a second title, lost notes.

Each case is ``tests/roots/test-base`` with one change to its report's text,
built by sphinx.testing (the HTML edition, no TeX). A fault must give exactly
the ``georeport.body`` errors expected, each at the line where the fault
stands in the changed file (computed from it); text that is fine (a note
inside a directive, nested colon fences, headings of level 2) must build
without a word. The fault most likely to be met, a fence left open above a
footnote, is also built by the command a user runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import REPORT, ROOTS, STRICT, Fault, built, warnings_of

BASE = ROOTS / "test-base"
#: the base report's one sentence, with its one footnote
CLAIM = "A claim about the Caspian Sea.{footcite}`rossi2020`"
#: a Sphinx warning line: file, line, level, message, type
_LOGGED = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+): (?P<level>[A-Z]+): (?P<message>.*)$"
)


@dataclass(frozen=True)
class Logged:
    line: int
    message: str


def line_of(text: str, at: str, occurrence: int = 1) -> int:
    """The line of the ``occurrence``-th ``at`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(at, index + 1)
    return text[:index].count("\n") + 1


Build = Callable[[Fault], tuple[str, str]]


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> Build:
    """Build the base project with one fault: (what was logged, the report's
    changed text)."""

    def run(fault: Fault) -> tuple[str, str]:
        source = tmp_path / "source"
        shutil.copytree(BASE, source)
        text = fault.apply(source)
        app = make_app("html", srcdir=source, confoverrides=STRICT)
        app.build()
        app.cleanup()
        return warnings_of(app), text

    return run


def body_errors(warnings: str) -> list[Logged]:
    """The ``georeport.body`` errors of the report, in the order logged."""
    found = []
    for line in warnings.splitlines():
        match = _LOGGED.match(line)
        if match and match["message"].endswith("[georeport.body]"):
            assert match["file"].endswith(REPORT), line
            assert match["level"] == "ERROR", line
            found.append(Logged(int(match["line"]), match["message"]))
    return found


def test_the_base_builds_cleanly(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Its index page has a '# ...' title of its own: only reports are checked."""
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    assert (source / "index.md").read_text(encoding="utf-8").startswith("# ")
    built(make_app("html", srcdir=source, confoverrides=STRICT))


# -- a fence left open ---------------------------------------------------------


def test_fence_closed_by_the_footbibliography(build: Build) -> None:
    """```` ``` ```` left open above the text is closed by the end of
    ``{footbibliography}``: the footnote and the footnotes' list are code."""
    warnings, text = build(Fault(REPORT, CLAIM, "```\nquoted code\n\n" + CLAIM))
    (error,) = body_errors(warnings)
    assert error.line == line_of(text, "```\nquoted")
    opener = line_of(text, "```{footbibliography}")
    assert f"not closed before line {opener}" in error.message
    assert f"close it with a line ``` before line {opener}" in error.message
    # the footnote it took is named there, and not a second time
    assert f"line {line_of(text, CLAIM)})" in error.message
    assert "did not become a footnote" not in warnings


def test_fence_never_closed(build: Build) -> None:
    warnings, text = build(Fault(REPORT, "", "\n~~~~python\nx = 1\n"))
    (error,) = body_errors(warnings)
    assert error.line == line_of(text, "~~~~python")
    assert "never closed" in error.message
    assert "close it with a line ~~~~" in error.message


def test_colon_fence_left_open(build: Build) -> None:
    """A ``:::{note}`` left open is closed by the end of the References'
    ``:::{bibliography}``."""
    warnings, text = build(Fault(REPORT, CLAIM, CLAIM + "\n\n:::{note}\nA note.\n"))
    (error,) = body_errors(warnings)
    assert error.line == line_of(text, ":::{note}")
    assert f"before line {line_of(text, ':::{bibliography}')}" in error.message


def test_fence_left_open_in_a_quote(build: Build) -> None:
    warnings, text = build(Fault(REPORT, CLAIM, CLAIM + "\n\n> ```\n> code\n"))
    (error,) = body_errors(warnings)
    assert error.line == line_of(text, "> ```")
    assert "to the end of its quote" in error.message


# -- a second title ------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "shown"),
    [("# A report\n\n", "'# A report'"), ("A report\n========\n\n", "'A report'")],
    ids=["atx", "setext"],
)
def test_level_one_heading_in_the_text(build: Build, heading: str, shown: str) -> None:
    warnings, text = build(Fault(REPORT, CLAIM, heading + CLAIM))
    (error,) = body_errors(warnings)
    # the second "A report": the first is the front matter's title
    assert error.line == line_of(text, "A report\n", occurrence=2)
    assert shown in error.message
    assert "front matter" in error.message
    assert "remove it, or make it a section: ## A report" in error.message


# -- footnotes that vanished ---------------------------------------------------


@pytest.mark.parametrize(
    ("wrapped", "inside"),
    [
        ("<div>\n{claim}\n</div>", "the HTML block"),
        ("% {claim}", "the comment"),
        ("A claim. <!-- {claim} -->", "an HTML comment"),
        ("    {claim}", "the indented code block"),
        ("```{{code-block}} text\n{claim}\n```", "the {code-block} directive"),
    ],
    ids=["html-block", "myst-comment", "html-comment", "indented-code", "code-block"],
)
def test_footnote_that_vanished(build: Build, wrapped: str, inside: str) -> None:
    # a note that stays, so that the report still cites (one fault, one error)
    kept = "\n\nKept.{footcite}`petrov2023`"
    warnings, text = build(Fault(REPORT, CLAIM, wrapped.format(claim=CLAIM) + kept))
    (error,) = body_errors(warnings)
    assert error.line == line_of(text, "{footcite}`rossi2020`")
    assert "{footcite}`rossi2020` did not become a footnote" in error.message
    assert inside in error.message
    assert "move it out" in error.message


def test_the_same_note_twice_one_lost(build: Build) -> None:
    """Two citations of the same key, the second in a comment: the comment's
    is the lost one."""
    lost = "More. <!-- {footcite}`rossi2020` --> And more.{footcite}`rossi2020`"
    warnings, text = build(Fault(REPORT, CLAIM, CLAIM + "\n\n" + lost))
    (error,) = body_errors(warnings)
    assert error.line == line_of(text, "More.")
    assert "an HTML comment" in error.message


def test_lost_note_is_said_before_the_report_cites_nothing(build: Build) -> None:
    """Its only note lost, the report also cites nothing (the References'
    own error): the cause comes first."""
    warnings, text = build(Fault(REPORT, CLAIM, f"<div>\n{CLAIM}\n</div>"))
    (error,) = body_errors(warnings)
    errors = [line for line in warnings.splitlines() if ": ERROR: " in line]
    assert errors[0].endswith("[georeport.body]"), warnings
    assert error.line == line_of(text, CLAIM)


# -- text that is fine ---------------------------------------------------------

FINE = {
    "note-in-a-directive": ":::{note}\n" + CLAIM + "\n:::",
    "nested-colon-fences": "::::{note}\n:::{tip}\nA tip.\n:::\n" + CLAIM + "\n::::",
    "closed-fence-in-a-quote": "> ```\n> code\n> ```\n\n" + CLAIM,
    "longer-fence-holding-a-shorter": "````text\n```\nx\n```\n````\n\n" + CLAIM,
    "same-key-twice": CLAIM + "\nAgain.{footcite}`rossi2020`",
    "two-keys-in-one-note": "Both.{footcite}`rossi2020,petrov2023`",
    "note-in-a-list": "- An item.\n- " + CLAIM,
    "note-in-a-table": "| a | b |\n|---|---|\n| x | " + CLAIM + " |",
    "level-two-heading": "## A section\n\n" + CLAIM,
}


@pytest.mark.parametrize("name", list(FINE))
def test_text_that_is_fine(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, name: str
) -> None:
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    Fault(REPORT, CLAIM, FINE[name]).apply(source)
    built(make_app("html", srcdir=source, confoverrides=STRICT))


def test_unknown_key_is_not_a_vanished_note(build: Build) -> None:
    """A key that is not in the bibliography is sphinxcontrib-bibtex's
    error: the role ran, no note vanished."""
    warnings, _ = build(Fault(REPORT, "`rossi2020`", "`rossi2O20`"))
    assert "rossi2O20" in warnings
    assert body_errors(warnings) == []


# -- through the command a user runs -------------------------------------------


def test_fence_left_open_through_the_command(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    text = Fault(REPORT, CLAIM, "```\nquoted code\n\n" + CLAIM).apply(source)
    command = [sys.executable, "-m", "georeport.editions", "html"]
    completed = subprocess.run(
        [*command, str(source), str(tmp_path / "build")],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode != 0
    first = completed.stderr.splitlines()[0]
    assert f"{REPORT}:{line_of(text, '```')}: the block opened here" in first
    assert not list((tmp_path / "build" / "html").rglob("*.html"))
