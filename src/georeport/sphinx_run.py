"""Sphinx run inside this process, strictly, and the problems of its log.

The editions run Sphinx in their own process (its modules are loaded once for
both editions, with :mod:`georeport.speedups` in place), nitpicky, with
warnings as errors but all of them reported, and without colour codes: what
it prints is shown as it comes and kept, and a failed run becomes a
:class:`BuildError` of its warning and error lines alone. The progress line
(:func:`say`) and how many jobs run at once (:func:`jobs`) live here too, as
every step of a build shares them.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

#: Sphinx options of every build: nitpicky, warnings fail, but all are shown.
STRICT = ("-n", "-W", "--keep-going")

_print_lock = threading.Lock()


class BuildError(RuntimeError):
    """A build step failed; the message says which and where the log is."""


def say(message: str) -> None:
    """One line of progress, whole even when PDFs are typeset in parallel."""
    with _print_lock:
        print(message, flush=True)


def jobs() -> int:
    """How many processes to run at once: the cores this process may use."""
    if env := os.environ.get("GEOREPORT_JOBS", "").strip():
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- Sphinx ------------------------------------------------------------------


class _Tee(io.TextIOBase):
    """Sphinx's output, shown as it comes and kept for the caller."""

    def __init__(self, shown: TextIO) -> None:
        self.shown = shown
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        self.shown.write(text)
        return len(text)

    def flush(self) -> None:
        self.shown.flush()

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


def sphinx(
    builder: str,
    source: Path,
    outdir: Path,
    *extra: str,
    doctrees: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Run ``sphinx-build -b BUILDER`` strictly; return what it printed.

    Sphinx runs in this process (its modules are loaded once for both
    editions), with :mod:`georeport.speedups` in place.
    """
    from sphinx.cmd.build import build_main

    from .speedups import install

    install()
    # -N: no colour codes, whatever the terminal or CI says (FORCE_COLOR):
    # the log is kept and read by problems()
    argv = ["-b", builder, "-N", *STRICT]
    if doctrees is not None:
        argv += ["-d", str(doctrees)]
    argv += [*extra, str(source), str(outdir)]
    tee = _Tee(sys.stdout)
    with (
        _environ(env),
        contextlib.redirect_stdout(tee),
        contextlib.redirect_stderr(tee),
    ):
        try:
            code = build_main(argv)
        except SystemExit as stop:  # conf.py may exit
            code = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    output = tee.kept.getvalue()
    if code:
        if builder != "latex":
            # no page of a failed build may look like an edition (the LaTeX
            # folder holds no edition, but each PDF's record of its inputs)
            shutil.rmtree(outdir, ignore_errors=True)
        raise BuildError("\n".join(problems(output)))
    return output


#: A problem Sphinx reports: ``[path:[line:]] WARNING|ERROR|CRITICAL: text [type]``.
_PROBLEM = re.compile(
    r"^(?:(?P<where>\S+?:(?:\d+:)?) )?(?:WARNING|ERROR|CRITICAL): (?P<text>.*?)"
    r"(?: \[[\w.]+\])?$",
    re.MULTILINE,
)
#: The message of Sphinx's crash report (Sphinx 9 reports every exception so,
#: georeport's InputError and ConfigError too): ``    module.Class: message``
#: and its further lines, indented as much.
_CRASH = re.compile(
    r"^    (?:[\w.]+: )?(?P<text>\S.*(?:\n    \S.*)*)\n+The full traceback",
    re.MULTILINE,
)


def problems(log: str) -> list[str]:
    """The problems of a failed Sphinx run, one line each, without the log."""
    found = [
        f"{m['where']} {m['text']}" if m["where"] else m["text"]
        for m in _PROBLEM.finditer(log)
    ]
    crash = _CRASH.search(log)
    if crash:
        found += [line.strip() for line in crash["text"].splitlines()]
    return found or [log.strip().splitlines()[-1] if log.strip() else "no output"]
