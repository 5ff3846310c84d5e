"""Sphinx run inside this process, strictly, quietly, and the problems of its log.

The editions run Sphinx in their own process (its modules are loaded once for
both editions), nitpicky, with warnings as errors but all of them reported,
and without colour codes. What Sphinx and the libraries print (versions,
MyST's configuration, "Run 'make' in that directory") goes to the build's log
file, and to the terminal only when asked (``verbose``); a failed run becomes
a :class:`BuildError` of its warning and error lines alone, each once. The
output folder is left as Sphinx left it: it is a work folder, which the
editions publish only after a successful run (:mod:`.publish`).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
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
    # the log is kept and read by problems()
    argv = ["-b", builder, "-N", *STRICT]
    if doctrees is not None:
        argv += ["-d", str(doctrees)]
    argv += [*extra, str(source), str(outdir)]
    with contextlib.ExitStack() as stack:
        streams: list[TextIO] = [sys.stdout] if verbose else []
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            streams.append(stack.enter_context(log.open("a", encoding="utf-8")))
        tee = _Tee(*streams)
        stack.enter_context(_environ(env))
        stack.enter_context(contextlib.redirect_stdout(tee))
        stack.enter_context(contextlib.redirect_stderr(tee))
        try:
            code = build_main(argv)
        except SystemExit as stop:  # conf.py may exit
            code = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    output = tee.kept.getvalue()
    if code:
        # the output folder is the editions' work folder (the editions are
        # published from it only after a successful run: build/publish.py)
        raise BuildError("\n".join(problems(output, outdir)))
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


#: An error of the operating system as Sphinx quotes it, with the file when
#: it says which: ``[Errno 28] No space left on device: '/build/x.html'``,
#: or ``OSError(28, 'No space left on device')``.
_OS_ERROR = re.compile(
    r"\[Errno (?P<number>\d+)\][^:']*(?:: '(?P<path>[^']+)')?"
    r"|OSError\((?P<repr>\d+), '"
)


def problems(log: str, outdir: Path | None = None) -> list[str]:
    """The problems of a failed Sphinx run, one line each, without the log.

    An error of the operating system (a full disk fails every page) is one
    line, ``path: what the system said: what to do``; the path is the file
    Sphinx names, or else its output folder ``outdir``."""
    found = [
        f"{m['where']} {m['text']}" if m["where"] else m["text"]
        for m in _PROBLEM.finditer(log)
    ]
    crash = _CRASH.search(log)
    if crash:
        found += [line.strip() for line in crash["text"].splitlines()]
    lines, system = [], set()
    for line in dict.fromkeys(found):  # each once
        error = _OS_ERROR.search(line)
        path = (error["path"] or outdir) if error else None
        if error is None or path is None:
            lines.append(with_fix(line))
        elif (number := int(error["number"] or error["repr"])) not in system:
            system.add(number)  # one line, whatever it failed
            lines.append(f"{path}: {os.strerror(number)}: {fix_for(number)}")
    return lines or [log.strip().splitlines()[-1] if log.strip() else "no output"]
