"""Reading the report and references.bib, and writing both safely.

All checks run before the first write, so an error leaves every file as it
was; each file is written to a temporary file beside it and moved into place
(``os.replace``), so a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from georeport.importer.bibtex import append_entries, new_entries, parse_bibliography
from georeport.importer.convert import convert
from georeport.importer.errors import ImporterError


@dataclass(frozen=True)
class Plan:
    """What an import will write: the report file and the entries it adds."""

    report_path: Path
    report: str
    bib_path: Path
    bib: str
    #: rendered entries that are new to references.bib
    added: list[str]
    #: keys references.bib already holds for the same source
    kept: list[str]
    warnings: list[str]


def plan_import(report: Path, docs: Path, bib: Path, *, force: bool) -> Plan:
    """Read and convert ``report``; raise ImporterError on any problem."""
    text = read_text(report)
    bib_text = read_text(bib) if bib.exists() else ""
    bibliography = parse_bibliography(bib_text, str(bib))
    conversion = convert(text, str(report), bibliography.entries)
    target = docs / f"{conversion.slug}.md"
    if target.exists() and not force:
        raise ImporterError(
            str(target), None, "exists already", "pass --force to overwrite it"
        )
    added, kept = new_entries(bibliography, conversion.cited, bib_text, str(bib))
    return Plan(
        target,
        conversion.report,
        bib,
        append_entries(bib_text, added),
        added,
        kept,
        conversion.warnings,
    )


def write_plan(plan: Plan) -> None:
    """Write references.bib (if anything is added), then the report."""
    if plan.added:
        write_atomic(plan.bib_path, plan.bib)
    write_atomic(plan.report_path, plan.report)


def read_text(path: Path) -> str:
    """The file's text; an error names the line of a byte that is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImporterError(
            str(path), None, f"cannot read it ({error.strerror})", "check the path"
        ) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImporterError(
            str(path),
            data.count(b"\n", 0, error.start) + 1,
            f"not UTF-8 (byte {data[error.start]:#04x})",
            "save the file as UTF-8, e.g. iconv -f windows-1252 -t utf-8",
        ) from error


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder."""
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        raise ImporterError(
            str(path), None, f"cannot write it ({error.strerror})", "check the path"
        ) from error
    finally:
        if temporary:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
