"""A BibTeX file checked as an editor wrote it: one message per fault.

pybtex reports an unclosed brace at the *next* entry, and a repeated key or an
entry without a title only later, far from its cause. :func:`check_bibfile`
names the entry, the field, the line and the fix (where the syntax breaks:
:mod:`.syntax`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
from pybtex.database.input import bibtex
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from .crossref import parents
from .rules import entry_problem, field_problem
from .scan import lazy_bibliography
from .syntax import ENTRY, fields, head_problems, syntax_problems

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pybtex.database import BibliographyData


@contextmanager
def _strict() -> Iterator[None]:
    """pybtex only raises on repeated keys in strict mode, a global setting."""
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        yield
    finally:
        pybtex.errors.set_strict_mode(previous)


def _line_of(path: Path, pattern: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(pattern, line):
            return number
    return 1


def check_bibfile(path: Path) -> list[str]:
    """Every problem of one BibTeX file, as ``file:line: what - fix`` lines
    (its ``crossref`` fields naming entries of the file)."""
    problems, data = parse_checked(path)
    return problems or crossref_problems([(path, data)] if data else [])


def parse_checked(
    path: Path, encoding: str | None = None, raw: bytes | None = None
) -> tuple[list[str], BibliographyData | None]:
    """The problems of one BibTeX file, and what pybtex makes of it.

    The data is what a build needs anyway (``encoding`` as the build reads
    the file); None when the file has a problem. A file :mod:`.scan` can
    split (an editor's usual file) passes these checks as it is split, and
    its entries are parsed one by one when a report reads them: an archive
    of 20,000 entries costs a build the few it cites. Any other file, and
    any file with a fault, is parsed whole here, in pybtex's strict mode.
    ``raw`` is the file's content when the caller has read it already.
    """
    utf8 = (encoding or "UTF-8").lower().replace("-", "") in ("utf8", "utf8sig")
    if raw is None:
        raw = path.read_bytes()
    undecodable = _undecodable(path, raw, encoding or "UTF-8")
    if undecodable:
        return [undecodable], None
    data = lazy_bibliography(path, raw) if utf8 else None
    if data is not None:
        return [], data
    parser = bibtex.Parser(encoding)
    try:
        with _strict():
            data = parser.parse_file(str(path))
    except PybtexSyntaxError as err:
        found = syntax_problems(path, _lines(path, encoding))
        return found or [f"{path}:{err.lineno}: {err}: check the entry above"], None
    except PybtexError as err:  # repeated entries, in strict mode
        return _repeated(path, err), None
    problems = head_problems(path, _lines(path, encoding)) + _entry_problems(path, data)
    return problems, None if problems else data


def _lines(path: Path, encoding: str | None) -> list[str]:
    return path.read_text(encoding=encoding or "utf-8").splitlines()


def _undecodable(path: Path, raw: bytes, encoding: str) -> str:
    """The first byte ``encoding`` cannot read, at its line and column; ``""``.

    pybtex names no line (its error reached the editor as line 1).
    """
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return ""  # an encoding Python does not know: pybtex says so
    start = 0
    if codec == "utf-8-sig":  # its errors count from after the BOM
        codec, start = "utf-8", len(codecs.BOM_UTF8) * raw.startswith(codecs.BOM_UTF8)
    try:
        raw[start:].decode(codec)
    except UnicodeDecodeError as err:
        at = start + err.start
        line = raw[:at].count(b"\n") + 1
        column = at - (raw.rfind(b"\n", 0, at) + 1) + 1
        name = "UTF-8" if codec == "utf-8" else encoding
        return (
            f"{path}:{line}: the file is not {name} (byte 0x{raw[at]:02x} in "
            f"column {column}): save it as {name} in your editor"
        )
    return ""


def _entry_lines(path: Path) -> list[tuple[int, str]]:
    """``(line, key)`` of each entry, as an editor writes them (one a line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        (number, match.group(2))
        for number, line in enumerate(lines, 1)
        if (match := ENTRY.match(line))
    ]


def _repeated(path: Path, err: PybtexError) -> list[str]:
    """A repeated key, named at its second entry with the line of the first.

    Keys equal but for case are one key to BibTeX, biber and pybtex: the
    message says so, naming both as written.
    """
    match = re.search(r"repeated bibliography entry: (\S+)", str(err))
    if not match:
        return [f"{path}:1: {err}"]
    key = match.group(1)
    same = [(n, k) for n, k in _entry_lines(path) if k.lower() == key.lower()]
    if len(same) < 2:
        line = same[0][0] if same else 1
        return [f"{path}:{line}: entry key '{key}' is used twice: rename one of them"]
    (first, one), (second, other) = same[:2]
    if one == other:
        return [
            f"{path}:{second}: entry key '{key}' is already used on line {first}: "
            "rename one of them (and its citations), or delete the duplicate"
        ]
    return [
        f"{path}:{second}: entry key '{other}' differs only in case from "
        f"'{one}' on line {first}, and BibTeX and biber read keys without "
        "regard to case (one key, two entries): rename one of them (and its "
        "citations), or delete the duplicate"
    ]


def _entry_problems(path: Path, data: BibliographyData) -> list[str]:
    """Missing titles and bad field values, each at its line."""
    problems = []
    for key, entry in data.entries.items():
        kind = entry_problem(entry.original_type)
        if kind:
            line = _line_of(path, rf"[{{(]\s*{re.escape(key)}\s*,")
            problems.append(f"{path}:{line}: entry '{key}' {kind}")
            continue
        if not entry.fields.get("title", "").strip():
            line = _line_of(path, rf"[{{(]\s*{re.escape(key)}\s*,")
            problems.append(
                f"{path}:{line}: entry '{key}' has no title: add "
                "title = {...} (the house style starts with it)"
            )
        for name, value in entry.fields.items():
            problem = field_problem(name, value)
            if problem:
                line = _field_line(path, key, name)
                problems.append(
                    f"{path}:{line}: the field '{name}' of entry '{key}' {problem}"
                )
    return problems


def _field_line(path: Path, key: str, name: str) -> int:
    """The line of field ``name`` of entry ``key`` (the entry's, if not found)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = _line_of(path, rf"[{{(]\s*{re.escape(key)}\s*,") - 1
    for field, line, _text in fields(lines, start):
        if field.lower() == name.lower():
            return line
    return start + 1


def crossref_problems(files: Sequence[tuple[Path, BibliographyData]]) -> list[str]:
    """Each ``crossref`` naming no entry of the files, or leading back to
    its own entry, at its line.

    BibTeX reads the files a document names as one database: a parent may be
    in another file. Without this, a child whose parent is missing would
    lose the book's title, editors and publisher without a word.
    """
    keys = {key.lower() for _path, data in files for key in data.entries}
    links = {
        child.lower(): (path, child, parent)
        for path, data in files
        for child, parent in parents(data.entries).items()
    }
    problems: list[str] = []
    circled: set[str] = set()
    for path, child, parent in links.values():
        where = f"{path}:{_field_line(path, child, 'crossref')}: entry '{child}'"
        if parent.lower() not in keys:
            problems.append(
                f"{where} names crossref = {{{parent}}}, and no entry has that "
                "key: write the key of the entry it is part of (the book, "
                "the proceedings), or add that entry"
            )
        elif child.lower() not in circled and (circle := _circle(child, links)):
            circled.update(key.lower() for key in circle)
            problems.append(
                f"{where} names crossref = {{{parent}}}, and the parents lead "
                f"back to it ({' -> '.join([*circle, child])}): an entry cannot "
                "be part of itself; remove the crossref that closes the circle"
            )
    return problems


def _circle(start: str, links: dict[str, tuple[Path, str, str]]) -> list[str]:
    """The entries from ``start`` round the circle of parents back to it
    (keys as written), or ``[]`` when its parents lead elsewhere."""
    circle, key = [start], start.lower()
    while key in links:
        key = links[key][2].lower()
        if key == start.lower():
            return circle
        if key not in links or key in {k.lower() for k in circle}:
            return []  # the chain ends, or runs round a circle further on
        circle.append(links[key][1])
    return []
