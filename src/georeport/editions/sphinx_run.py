"""Sphinx run inside this process, strictly, quietly, and the problems of its log.

The editions run Sphinx in their own process (its modules are loaded once for
both editions), nitpicky, with warnings as errors but all of them reported,
and without colour codes. What Sphinx and the libraries print (versions,
MyST's configuration, "Run 'make' in that directory") goes to the build's log
file, and to the terminal only when asked (``verbose``); a failed run becomes
a :class:`BuildError` of its warning and error lines alone, each once, read
from what Sphinx wrote to its warning stream (a warning may follow a status
line Sphinx has not ended, "checking consistency... "). The output folder is
left as Sphinx left it: it is a work folder, which the editions publish only
after a successful run (:mod:`.publish`).

A crash of Sphinx or an extension is in the log with its full traceback
(``-T``); the copy Sphinx saves in the temporary folder (``sphinx-err-*.log``)
is written into a folder of this run's own, removed after it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

from .progress import BuildError, fix_for, with_fix

#: Sphinx options of every build: nitpicky, warnings fail, but all are shown.
STRICT = ("-n", "-W", "--keep-going")

# -- Sphinx ------------------------------------------------------------------


class _Tee(io.TextIOBase):
    """Sphinx's output, kept for the caller, written to the log and, when
    asked, shown as it comes."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()

    def isatty(self) -> bool:
        return False  # no colour codes in what the caller keeps


@contextlib.contextmanager
def _environ(env: Mapping[str, str] | None) -> Iterator[None]:
    """``os.environ`` as ``env`` for the duration (Sphinx reads it)."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _own_temporary_folder() -> Iterator[None]:
    """Python's temporary folder, for the duration, a new one removed after:
    Sphinx saves every crash report in it, and the log has the report."""
    saved = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="georeport-sphinx-") as folder:
        tempfile.tempdir = folder
        try:
            yield
        finally:
            tempfile.tempdir = saved


def sphinx(
    builder: str,
    source: Path,
    outdir: Path,
    *extra: str,
    doctrees: Path | None = None,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    verbose: bool = False,
) -> str:
    """Run ``sphinx-build -b BUILDER`` strictly; return what it printed.

    What it prints is appended to ``log`` and shown only when ``verbose``.
    """
    from sphinx.cmd.build import build_main

    # -N: no colour codes, whatever the terminal or CI says (FORCE_COLOR):
    # the log is kept and read by problems(); -T: a crash's whole traceback
    argv = ["-b", builder, "-N", "-T", *STRICT]
    if doctrees is not None:
        argv += ["-d", str(doctrees)]
    argv += [*extra, str(source), str(outdir)]
    with contextlib.ExitStack() as stack:
        streams: list[TextIO] = [sys.stdout] if verbose else []
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            streams.append(stack.enter_context(log.open("a", encoding="utf-8")))
        # Sphinx's status to stdout; its warnings, errors, crash to stderr
        status, warnings = _Tee(*streams), _Tee(*streams)
        stack.enter_context(_environ(env))
        stack.enter_context(_own_temporary_folder())
        stack.enter_context(contextlib.redirect_stdout(status))
        stack.enter_context(contextlib.redirect_stderr(warnings))
        try:
            code = build_main(argv)
        except SystemExit as stop:  # conf.py may exit; georeport's InputError
            code = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    if code:
        # the output folder is the editions' work folder (the editions are
        # published from it only after a successful run: build/publish.py)
        found = problems(warnings.kept.getvalue(), outdir)
        last = status.kept.getvalue().strip().splitlines()[-1:]
        raise BuildError("\n".join(found or last or ["Sphinx failed"]))
    return status.kept.getvalue() + warnings.kept.getvalue()


#: A problem Sphinx reports, on a line of its own in its warning stream:
#: ``[where: ]WARNING|ERROR|CRITICAL: text[ [type.subtype]]``, where ``where``
#: is ``path``, ``path:line`` (a path may hold spaces) or ``<unknown>:line``.
_PROBLEM = re.compile(
    r"^(?:(?P<where>.+?): )?(?:WARNING|ERROR|CRITICAL): (?P<text>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?$",
    re.MULTILINE,
)
#: The message of Sphinx's crash report (Sphinx 9 reports every exception so,
#: its own SphinxError too; georeport's bad input is logged instead and stops
#: with SystemExit, which Sphinx lets by): ``    module.Class: message`` and
#: its further lines, indented as much, the last before "The full traceback".
_CRASH = re.compile(
    r"^    (?:[\w.]+: )?(?P<text>\S.*(?:\n    \S.*)*)\n+The full traceback",
    re.MULTILINE,
)
#: What to do about a problem of Sphinx's own, by its type (georeport's say).
FIXES = {
    "toc.not_included": "list it in a toctree (a report in a folder of the "
    "reports folder needs a glob that reaches it: reports/** in index.md's "
    "toctree, not reports/*)",
}


def _problem(found: re.Match[str]) -> str:
    where = (found["where"] or "").rstrip(":")
    line = f"{where}: {found['text']}" if where else found["text"]
    fix = FIXES.get(found["type"] or "")
    return f"{line}: {fix}" if fix else line


#: An error of the operating system as Sphinx quotes it, with the file when
#: it says which: ``[Errno 28] No space left on device: '/build/x.html'``,
#: or ``OSError(28, 'No space left on device')``.
_OS_ERROR = re.compile(
    r"\[Errno (?P<number>\d+)\][^:']*(?:: '(?P<path>[^']+)')?"
    r"|OSError\((?P<repr>\d+), '"
)
#: What Sphinx's LaTeX builder says when it has no document to write.
_NO_DOCUMENTS = 'no "latex_documents" config value found'


def problems(warnings: str, outdir: Path | None = None) -> list[str]:
    """The problems of a failed Sphinx run, one line each, from what it wrote
    to its warning stream (which holds its crash report too).

    An error of the operating system (a full disk fails every page) is one
    line, ``path: what the system said: what to do``; the path is the file
    Sphinx names, or else its output folder ``outdir``."""
    found = [_problem(m) for m in _PROBLEM.finditer(warnings)]
    crash = _CRASH.search(warnings)
    if crash:
        found += [line.strip() for line in crash["text"].splitlines()]
    if len(found) > 1:
        # Sphinx's word when no report may become a PDF: the consequence of
        # the problems that refused them, said already
        found = [line for line in found if _NO_DOCUMENTS not in line]
    lines, system = [], set()
    for line in dict.fromkeys(found):  # each once
        error = _OS_ERROR.search(line)
        path = (error["path"] or outdir) if error else None
        if error is None or path is None:
            lines.append(with_fix(line))
        elif (number := int(error["number"] or error["repr"])) not in system:
            system.add(number)  # one line, whatever it failed
            lines.append(f"{path}: {os.strerror(number)}: {fix_for(number)}")
    return lines
