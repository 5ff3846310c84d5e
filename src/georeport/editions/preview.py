"""The preview: the pages as the editor writes, in a folder of its own.

``./noxw -s preview`` runs ``python -m georeport.editions.preview serve docs
build``, which hands over to sphinx-autobuild: it serves the pages, rebuilds
them within a second of each edit (``python -m sphinx build``, quiet: only
problems are printed, one line each) and then runs ``... preview pdfs``,
which starts typesetting the PDFs in the background and returns at once.

Everything the preview makes is in ``BUILD/preview`` (:class:`Preview`): the
pages it serves, their Sphinx state, and a PDF edition of its own, built by
:func:`.build.build_pdf` with ``BUILD/preview`` as its build folder (one run
at a time, by :mod:`.lock`); each new PDF is then put beside its page. The
editions (``BUILD/html``, ``BUILD/pdf``, ``BUILD/epub``) are only read: the
preview shows edits nobody has reviewed, and the editions change together,
by a build (issue 24: the preview once typeset into ``BUILD/pdf``). Each
background run writes a log of its own, ``BUILD/preview/logs/<time>-<n>.log``
(runs overlapped in one log, one line starting inside another's), and says
on the preview's terminal what became of it; Ctrl-C stops it with the
preview.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.report import file_name
from ..project import read_settings, report_files
from . import interrupt, lock
from .build import STATE, build_pdf
from .progress import BuildError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The logs of the background runs kept (the oldest go when a run starts).
KEPT_LOGS = 20


@dataclass(frozen=True)
class Preview:
    """The preview's folders, all in ``BUILD/preview``; it is the build
    folder of the preview's own PDF edition (``pdf``, ``latex``, Sphinx's
    ``doctrees/latex``), as ``BUILD`` is the editions'."""

    build: Path  #: the editions' build folder, which the preview only reads

    @property
    def folder(self) -> Path:
        return self.build / "preview"

    @property
    def pages(self) -> Path:
        """The pages sphinx-autobuild serves."""
        return self.folder / "html"

    @property
    def state(self) -> Path:
        """Sphinx's state of the pages (their environment and doctrees)."""
        return self.folder / STATE / "html"

    @property
    def pdfs(self) -> Path:
        """The preview's PDF edition, which its pages link."""
        return self.folder / "pdf"

    @property
    def logs(self) -> Path:
        """One log per background run, and :attr:`problems`."""
        return self.folder / "logs"

    @property
    def problems(self) -> Path:
        """What the last rebuild of the pages warned of (``sphinx-build -w``)."""
        return self.logs / "pages.txt"


def sphinx_arguments(source: Path, preview: Preview) -> list[str]:
    """What sphinx-autobuild passes to ``python -m sphinx build`` at each
    rebuild: nitpicky, going on despite problems (the page shows them),
    quiet (``-q``: MyST printed its whole ``MdParserConfig(...)``, Sphinx its
    progress, at every rebuild), the problems also in :attr:`Preview.problems`."""
    # absolute: Sphinx reads the setting from the folder of conf.py
    pdfs = preview.pdfs.resolve()
    return [
        *("-n", "--keep-going", "-q", "-w", str(preview.problems)),
        *("-d", str(preview.state), "-D", f"georeport_pdf_dir={pdfs}"),
        str(source),
        str(preview.pages),
    ]


def post_build(source: Path, build: Path) -> list[str]:
    """The command sphinx-autobuild runs after each rebuild that succeeded."""
    return [sys.executable, "-m", __spec__.name, "pdfs", str(source), str(build)]


def autobuild_arguments(
    source: Path, build: Path, options: Sequence[str] = ()
) -> list[str]:
    """sphinx-autobuild's command line: on http://127.0.0.1:8000 (``options``,
    e.g. ``--port 8001``, come after the defaults and win), watching the
    BibTeX files outside the source folder too."""
    watched = [f"--watch={path}" for path in _bibfiles_outside(source)]
    return [
        *("--host", "127.0.0.1", "--port", "8000", *watched),
        *("--post-build", shlex.join(post_build(source, build))),
        *options,
        *sphinx_arguments(source, Preview(build)),
    ]


def _bibfiles_outside(source: Path) -> list[Path]:
    """The BibTeX files ``conf.py`` names that are not in ``source`` (which
    sphinx-autobuild watches anyway); none when ``conf.py`` fails (the first
    rebuild says why)."""
    try:
        names = read_settings(source).get("bibtex_bibfiles") or []
    except Exception:  # any error of conf.py is Sphinx's to report
        return []
    paths = [(source / name).resolve() for name in names]
    inside = source.resolve()
    return [p for p in paths if p.is_file() and not p.is_relative_to(inside)]


def seed(preview: Preview) -> None:
    """The first preview's PDFs: copies of the PDF edition's, so that its
    pages link a PDF before its own are typeset (a page links a PDF only if
    there was one when the page was written)."""
    edition = preview.build / "pdf"
    if preview.pdfs.exists() or not edition.is_dir():
        return
    preview.pdfs.mkdir(parents=True)
    for pdf in sorted(edition.glob("*.pdf")):
        with contextlib.suppress(OSError):  # a build may be publishing it
            _copy(pdf, preview.pdfs / pdf.name)


def _copy(source: Path, target: Path) -> None:
    """``target`` a copy of ``source``; a reader never gets half of it."""
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def place_pdfs(source: Path, pdfs: Path, pages: Path) -> list[Path]:
    """Copy each report's PDF beside its preview page; return those replaced."""
    placed = []
    for docname, _path in report_files(source):
        name = file_name(docname, ".pdf")
        pdf, page = pdfs / name, pages / f"{docname}.html"
        target = page.with_name(name)
        if not (pdf.is_file() and page.is_file()):
            continue
        if target.is_file() and target.read_bytes() == pdf.read_bytes():
            continue
        _copy(pdf, target)
        placed.append(target)
    return placed


def _run_order(log: Path) -> tuple[str, int]:
    """``(time, n)`` of a run's log ``<time>-<n>.log``, to sort them by."""
    stamp, _dash, number = log.stem.rpartition("-")
    return stamp, int(number) if number.isdigit() else 0


def new_log(logs: Path) -> Path:
    """A new, empty log of a background run, ``<time>-<n>.log``, ``n`` after
    every number of that second (a name never comes back); the oldest logs
    beyond :data:`KEPT_LOGS` go."""
    logs.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    runs = sorted(logs.glob("*-*-*.log"), key=_run_order)
    number = max((n for s, n in map(_run_order, runs) if s == stamp), default=0)
    while True:
        number += 1
        path = logs / f"{stamp}-{number}.log"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        break
    for old in [*runs, path][:-KEPT_LOGS]:
        old.unlink(missing_ok=True)
    return path


def start_pdfs(source: Path, build: Path) -> int:
    """After a rebuild of the pages: typeset in the background, or say why not."""
    preview = Preview(build)
    problems = preview.problems
    if problems.is_file() and problems.read_text(encoding="utf-8").strip():
        print(
            "preview: no PDF is typeset while the pages have problems (above): "
            "fix them and save",
            flush=True,
        )
        return 0
    log = new_log(preview.logs)
    terminal = os.dup(sys.stdout.fileno())
    command = [sys.executable, "-m", __spec__.name, "typeset", "--terminal"]
    command += [str(terminal), str(source), str(build), str(log)]
    try:
        with log.open("a", encoding="utf-8") as out:
            # in the preview's process group: Ctrl-C stops it with the preview
            subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                pass_fds=(terminal,),
            )
    finally:
        os.close(terminal)
    print(f"preview: typesetting the PDFs in the background (log: {log})", flush=True)
    return 0


def typeset(source: Path, build: Path, log: Path, terminal: int | None) -> int:
    """The background run: the preview's PDF edition, each new PDF beside its
    page; what it did in ``log`` (its output), the outcome on ``terminal``."""
    preview = Preview(build)

    def tell(line: str) -> None:
        print(line, flush=True)
        if terminal is not None:
            with contextlib.suppress(OSError):  # the preview's terminal is gone
                os.write(terminal, f"{line}\n".encode())

    try:
        with interrupt.handled(), lock.hold(preview.folder):
            build_pdf(source, preview.folder, log=log)
            placed = place_pdfs(source, preview.pdfs, preview.pages)
    except interrupt.Interrupted as stop:
        print(f"preview: stopped ({stop.name}); the preview's PDFs are as they were")
        return 128 + stop.signum
    except (BuildError, OSError) as error:
        for line in dict.fromkeys(str(error).splitlines()):
            tell(f"preview: no PDF typeset: {line}")
        tell(f"preview: the PDFs' log: {log}")
        return 1
    for path in placed:
        tell(f"preview: PDF ready: {path}")
    if not placed:
        tell("preview: the PDFs are up to date")
    return 0


def serve(source: Path, build: Path, options: Sequence[str]) -> int:
    """Hand over to sphinx-autobuild (never returns but on an error)."""
    if importlib.util.find_spec("sphinx_autobuild") is None:
        print(
            "error: the preview needs sphinx-autobuild: run ./noxw -s preview",
            file=sys.stderr,
        )
        return 1
    seed(Preview(build))
    arguments = autobuild_arguments(source, build, options)
    os.execv(sys.executable, [sys.executable, "-m", "sphinx_autobuild", *arguments])


def main(argv: Sequence[str] | None = None) -> int:
    """``serve`` the preview; ``pdfs``, after each rebuild; ``typeset``, the
    background run."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.editions.preview", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, what in (
        ("serve", "serve the pages and rebuild them at each edit"),
        ("pdfs", "start typesetting the PDFs in the background"),
        ("typeset", "typeset the PDFs (the background run)"),
    ):
        command = commands.add_parser(name, help=what)
        command.add_argument("source", type=Path, help="the Sphinx project (docs)")
        command.add_argument("build", type=Path, help="the editions' folder (build)")
        if name == "typeset":
            command.add_argument("log", type=Path, help="this run's log")
            command.add_argument("--terminal", type=int, help="where to say the end")
    args, options = parser.parse_known_args(argv)
    if args.command == "serve":
        return serve(args.source, args.build, options)
    if options:
        parser.error(f"unrecognized arguments: {' '.join(options)}")
    if args.command == "pdfs":
        return start_pdfs(args.source, args.build)
    return typeset(args.source, args.build, args.log, args.terminal)


if __name__ == "__main__":
    sys.exit(main())
