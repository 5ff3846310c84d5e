"""A typeset report is checked before it is published: its PDF and its log.

* **The PDF** opens, has pages and has text. A PDF cut short (a build killed,
  two builds writing it at once, a full disk) once went out with exit status
  0. The check uses poppler's ``pdfinfo`` and ``pdftotext``: the PDF tests
  read PDFs with them already, README.md names and the ``pdf`` nox session installs
  them with TeX Live (Debian's ``poppler-utils``), and no PDF library is a
  dependency of georeport (``pypdf`` or ``pikepdf`` would be one more, for
  three questions poppler answers). The file must also end with ``%%EOF``:
  poppler rebuilds a damaged cross-reference table and may still show pages.
* **The log**: XeLaTeX drops a character that the PDF's fonts lack (an emoji
  in a title or a source) and only writes ``Missing character: There is no 🙂
  (U+1F642) in font ...`` to the report's ``.log``. That is an error naming
  the file and line that hold the character, its code point and the fix.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .progress import BuildError

#: XeTeX's line for a character no font of the PDF has; the log breaks its
#: lines at 79 characters, inside the font's name too.
_MISSING = re.compile(
    r"^Missing character: There is no (?P<char>.)(?: \(U\+(?P<code>[0-9A-F]+)\))?"
    r" in font (?P<font>.*?)!$",
    re.MULTILINE | re.DOTALL,
)


def require_poppler() -> None:
    """The PDF edition checks each PDF with poppler's tools."""
    missing = [name for name in ("pdfinfo", "pdftotext") if not shutil.which(name)]
    if missing:
        msg = (
            f"{' and '.join(missing)} not installed: the PDF edition checks each "
            "PDF with poppler's tools; install the Debian package poppler-utils "
            "(README.md lists the packages; the 'pdf' nox session installs them)"
        )
        raise BuildError(msg)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, errors="replace", check=False
    )


def pdf_problem(pdf: Path) -> str | None:
    """What is wrong with a PDF (cut short, damaged, no page, no text), or
    None when it is sound."""
    try:
        with pdf.open("rb") as stream:
            size = stream.seek(0, 2)
            stream.seek(max(0, size - 1024))
            tail = stream.read()
    except OSError as err:
        return f"it cannot be read ({err.strerror})"
    if b"%%EOF" not in tail:
        return "it is cut short (no %%EOF at its end)"
    info = _run("pdfinfo", str(pdf))
    errors = [line for line in info.stderr.splitlines() if "Error" in line]
    if info.returncode or errors:
        return f"poppler cannot open it ({(errors or ['pdfinfo failed'])[0]})"
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    if not pages or int(pages[1]) < 1:
        return "it has no page"
    text = _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    if text.returncode or not text.stdout.strip():
        return "it has no text"
    return None


def check_pdf(pdf: Path, source: Path | None = None) -> None:
    """Raise a :class:`BuildError` when the PDF is not sound."""
    problem = pdf_problem(pdf)
    if problem:
        where = f"{source}: " if source else ""
        raise BuildError(
            f"{where}the PDF {pdf} is damaged: {problem}; it is not published. "
            f"Build again; if it stays damaged, see {pdf.with_suffix('.log')}"
        )


def missing_characters(log: Path) -> dict[str, list[str]]:
    """Characters the fonts lack, per XeTeX's log: character -> font names."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    found: dict[str, list[str]] = {}
    for match in _MISSING.finditer(text):
        font = match["font"].replace("\n", "")
        # "[FreeSerif.otf]/OT:script=latn;..." or "FreeSerif:mode=node;..."
        name = re.sub(r"^\[?([^\]/:]+?)(?:\.[ot]tf)?\]?(?:[/:].*)?$", r"\1", font)
        fonts = found.setdefault(match["char"], [])
        if name not in fonts:
            fonts.append(name)
    return found


def _line(path: Path, char: str) -> int | None:
    """The first line of ``path`` holding ``char``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    at = text.find(char)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def check_characters(log: Path, report: Path | None, others: Iterable[Path]) -> None:
    """Raise a :class:`BuildError` naming each character the PDF's fonts lack,
    with the file and line that hold it (the report, else a BibTeX file or
    ``conf.py``)."""
    missing = missing_characters(log)
    if not missing:
        return
    lines = []
    for char, fonts in missing.items():
        place, whose = f"{report or log.with_suffix('.tex')}", ""
        for path in [*([report] if report else []), *others]:
            line = _line(path, char)
            if line is not None:
                place = f"{path}:{line}"
                if report and path != report:
                    whose = f" (in the PDF of {report.name})"
                break
        lines.append(
            f'{place}: the PDF\'s fonts have no "{char}" (U+{ord(char):04X}; not '
            f"in {', '.join(fonts)}){whose}, and it would be left out of the PDF: "
            "remove it, or "
            "set a font that has it in conf.py (latex_elements 'fontpkg')"
        )
    raise BuildError("\n".join(lines))
