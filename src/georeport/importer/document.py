"""Split a report's text into header, paragraphs and footnotes, and check them.

The text arrives as the journal's web page was copied: header lines, one
paragraph per line with section titles between them, then the footnotes, one
per line starting with ``[n]``, then page residue ("Related Posts"). Every
marker must have its footnote and every footnote a marker, once each, and the
text must cite them in the order 1, 2, 3...: the editions number footnotes in
the order of their markers, so that is the only order in which they keep the
author's numbers. A mismatch stops the import here, with the line to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from georeport.importer.errors import ImporterError
from georeport.importer.forms import normalise
from georeport.importer.header import MARKER, Header, parse_header

_NOTE = re.compile(r"^\[(\d+)\]\s*(.*)$")
_RESIDUE = re.compile(r"^Related Posts\b", re.I)
_ENDS_AS_HEADING = re.compile(r"[\w?]$")
#: a section title is at most this long, and a third of the paragraph below it
_LONGEST_HEADING = 120


@dataclass(frozen=True)
class Block:
    """A paragraph, or a section title, of the report's text."""

    line: int
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Note:
    """One footnote: its number, the line it starts on, its words."""

    number: int
    line: int
    text: str


@dataclass(frozen=True)
class Document:
    """The report as read: header, text blocks, footnotes, and warnings."""

    header: Header
    blocks: list[Block]
    notes: list[Note]
    warnings: list[str]
    #: the forms its footnotes and markers were read in ("footnotes numbered
    #: '1.' (12), markers as superscript digits")
    form: str = ""


def parse_document(text: str, name: str) -> Document:
    """Read the report ``text``; ``name`` (its file) is used in messages."""
    forms = normalise(text, name)
    lines = forms.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header, warnings = parse_header(lines, name)
    start = next(
        (i for i in range(header.end, len(lines)) if _NOTE.match(lines[i].strip())),
        None,
    )
    if start is None:
        raise ImporterError(
            name,
            len(lines) if lines[-1] else len(lines) - 1,
            "no footnotes: no line starts with a number like [1], 1., 1) or 1",
            "put the footnotes after the text, one per line, each starting with [n]",
        )
    notes, note_warnings = _notes(lines, start, name)
    _check_markers(lines, header.end, start, notes, name)
    blocks = _headings(_paragraphs(lines, header.end, start))
    return Document(header, blocks, notes, warnings + note_warnings, forms.said)


def _paragraphs(lines: list[str], start: int, end: int) -> list[Block]:
    """Blocks of non-blank lines, each joined into one line."""
    blocks: list[Block] = []
    current: list[str] = []
    for index in range(start, end + 1):
        line = lines[index].strip() if index < end else ""
        if line:
            current.append(line)
        elif current:
            blocks.append(Block(index - len(current) + 1, " ".join(current)))
            current = []
    return blocks


def _headings(blocks: list[Block]) -> list[Block]:
    """Mark section titles: short lines between paragraphs, without a full stop."""
    marked = list(blocks)
    for index in range(1, len(blocks) - 1):
        text, below = blocks[index].text, blocks[index + 1].text
        if (
            len(text) <= _LONGEST_HEADING
            and 3 * len(text) <= len(below)
            and _ENDS_AS_HEADING.search(text)
            and not MARKER.search(text)
        ):
            marked[index] = Block(blocks[index].line, text, heading=True)
    return marked


def _notes(lines: list[str], start: int, name: str) -> tuple[list[Note], list[str]]:
    """The footnotes from ``start`` on; a line right below one continues it."""
    found: list[tuple[int, int, list[str]]] = []
    warnings: list[str] = []
    continues = False
    for index in range(start, len(lines)):
        line = lines[index].strip()
        match = _NOTE.match(line)
        if match:
            number = int(match[1])
            if any(number == seen for seen, _, _ in found):
                raise ImporterError(
                    name,
                    index + 1,
                    f"footnote [{number}] appears twice",
                    "number the footnotes 1, 2, 3, ... once each",
                )
            found.append((number, index + 1, [match[2]]))
        elif _RESIDUE.match(line):
            break
        elif line and continues:
            found[-1][2].append(line)
        elif line:
            warnings.append(f"{name}:{index + 1}: not a footnote, left out: {line!r}")
        continues = bool(line)
    notes = [Note(n, at, " ".join(" ".join(words).split())) for n, at, words in found]
    for note in notes:
        if not note.text:
            raise ImporterError(
                name,
                note.line,
                f"footnote [{note.number}] is empty",
                "write its source after the marker, or remove it and its marker",
            )
    return notes, warnings


def _check_markers(
    lines: list[str], start: int, end: int, notes: list[Note], name: str
) -> None:
    """Every marker in the text has a footnote, every footnote a marker."""
    numbers = {note.number for note in notes}
    cited: set[int] = set()
    for index in range(start, end):
        for match in MARKER.finditer(lines[index]):
            number = int(match[1])
            if number not in numbers:
                raise ImporterError(
                    name,
                    index + 1,
                    f"marker [{number}] has no footnote",
                    f"add a line '[{number}] <source>' to the footnotes "
                    "or remove the marker",
                )
            cited.add(number)
    for note in notes:
        if note.number not in cited:
            raise ImporterError(
                name,
                note.line,
                f"footnote [{note.number}] has no marker in the text",
                f"put [{note.number}] where the text cites it, or remove the footnote",
            )
    _check_order(lines, start, end, name)


def _check_order(lines: list[str], start: int, end: int, name: str) -> None:
    """The markers read 1, 2, 3... in the text, each once."""
    seen: dict[int, int] = {}
    for index in range(start, end):
        for match in MARKER.finditer(lines[index]):
            number, wanted = int(match[1]), len(seen) + 1
            if number in seen:
                raise ImporterError(
                    name,
                    index + 1,
                    f"marker [{number}] stands a second time (first on line "
                    f"{seen[number]}); each footnote is cited once",
                    "give this citation a footnote of its own (an 'Ibid.' will "
                    "do) and number the footnotes after it one up",
                )
            if number != wanted:
                raise ImporterError(
                    name,
                    index + 1,
                    f"marker [{number}] comes where [{wanted}] is due; the "
                    "editions number footnotes in the order the text cites them",
                    "number the markers and their footnotes 1, 2, 3, ... in "
                    "the order of the text",
                )
            seen[number] = index + 1
