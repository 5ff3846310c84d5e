"""The forms footnotes come in, rewritten to the one the importer reads.

Word, LibreOffice and Google Docs export a text's notes at its end numbered
``[1]``, ``1.``, ``1)`` or ``1`` and a space, and mark them in the text as
``[1]``, as superscript digits (``text¹``) or as digits glued after the
punctuation (``text.1``). This module finds which form a text uses, says it,
and rewrites markers and notes as ``[n]``, line for line, so that every line
keeps its number for the messages. Only what is truly ambiguous is refused:
digits after punctuation that do not run 1, 2, 3... as the notes do, or two
kinds of marker at once.
"""

# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass

from georeport.importer.errors import ImporterError

#: a note of the list: its number, as each export writes it, and its words
_NOTE_FORMS = {
    "[1]": re.compile(r"^\s*\[(\d{1,3})\]\s*(.*)$"),
    "1.": re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$"),
    "1)": re.compile(r"^\s*(\d{1,3})\)\s+(\S.*)$"),
    "1 ": re.compile(r"^\s*(\d{1,3})[ \t]+(\D.*)$"),
}
_RESIDUE = re.compile(r"^Related Posts\b", re.I)
_BRACKET = re.compile(r"\[(\d{1,3})\]")
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPTS = re.compile(f"[{_SUPERSCRIPT}]+")
#: digits right after a word's punctuation and before a space: "crisis.3 The"
#: (not "1,000" nor "3.5": a digit before the mark makes it a number)
_GLUED = re.compile(r"(?<=[^\d\s][.,;:!?”\"’»)])(\d{1,3})(?=\s|$)")


@dataclass(frozen=True)
class Forms:
    """The text rewritten, and the forms it was read in, in words."""

    text: str
    said: str


def normalise(text: str, name: str) -> Forms:
    """``text`` with its notes and markers as ``[n]``; ``name`` for messages."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(_NOTE_FORMS["[1]"].match(line) for line in lines):
        return Forms(text, "footnotes numbered '[1]', markers [1]")
    found = _note_list(lines)
    if found is None:
        return Forms(text, "")
    form, start, numbered = found
    if form != "[1]":
        for index, (number, words) in numbered.items():
            lines[index] = f"[{number}] {words}"
    marker = _markers(lines, start, len(numbered), name)
    said = f"footnotes numbered {form.strip()!r} ({len(numbered)}), markers {marker}"
    return Forms("\n".join(lines), said)


def _note_list(lines: list[str]) -> tuple[str, int, dict[int, tuple[int, str]]] | None:
    """The form, first line and numbered lines of the notes at the text's end.

    The notes are the last run of lines numbered 1, 2, 3... in one form, up
    to the end or to the page's residue ("Related Posts"); unnumbered lines
    inside continue the note above. ``[1]`` wins when present, as before.
    """
    end = next(
        (i for i, line in enumerate(lines) if _RESIDUE.match(line.strip())), None
    )
    end = len(lines) if end is None else end
    for form, pattern in _NOTE_FORMS.items():
        starts = [
            i for i in range(end) if (m := pattern.match(lines[i])) and m[1] == "1"
        ]
        for start in reversed(starts):
            numbered: dict[int, tuple[int, str]] = {}
            wanted = 1
            for index in range(start, end):
                match = pattern.match(lines[index])
                if match and int(match[1]) == wanted:
                    numbered[index] = (wanted, match[2])
                    wanted += 1
            if numbered and _only_notes(lines, start, end, pattern):
                return form, start, numbered
    return None


def _only_notes(
    lines: list[str], start: int, end: int, pattern: re.Pattern[str]
) -> bool:
    """From ``start`` on, every numbered line follows the one before."""
    wanted = 1
    for line in lines[start:end]:
        match = pattern.match(line)
        if match:
            if int(match[1]) != wanted:
                return False
            wanted += 1
    return True


def _markers(lines: list[str], end: int, count: int, name: str) -> str:
    """Rewrite the text's markers as ``[n]``; say which form they were in."""
    body = range(end)
    if any(_BRACKET.search(lines[i]) for i in body):
        return "[1]"
    supers = [(i, m) for i in body for m in _SUPERSCRIPTS.finditer(lines[i])]
    glued = [(i, m) for i in body for m in _GLUED.finditer(lines[i])]
    if (
        supers
        and glued
        and [int(m.group()) for _, m in glued] == [*range(1, count + 1)]
    ):
        first = min(supers[0][0], glued[0][0])
        raise ImporterError(
            name,
            first + 1,
            "the text marks its notes both as superscript digits and as digits "
            "after punctuation",
            "write every marker as [n]",
        )
    if supers:
        numbers = [int(m.group().translate(_FROM_SUPERSCRIPT)) for _, m in supers]
        _check_run(numbers, count, supers[0][0], name, "superscript digits")
        _rewrite(lines, supers)
        return "as superscript digits"
    if glued:
        numbers = [int(m.group()) for _, m in glued]
        _check_run(numbers, count, glued[0][0], name, "digits after punctuation")
        _rewrite(lines, glued)
        return "as digits after punctuation"
    return "none found"


_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT, "0123456789")


def _check_run(numbers: list[int], count: int, line: int, name: str, what: str) -> None:
    """Markers other than ``[n]`` count only when they run 1, 2, 3... as the notes."""
    if numbers != list(range(1, count + 1)):
        shown = ", ".join(map(str, numbers[:12])) + (
            ", ..." if len(numbers) > 12 else ""
        )
        raise ImporterError(
            name,
            line + 1,
            f"the markers read as {what} ({shown}) do not run 1 to {count} as the "
            f"{count} footnotes do, so which digits are markers is ambiguous",
            "write each marker as [n] where the text cites footnote n",
        )


def _rewrite(lines: list[str], found: list[tuple[int, re.Match[str]]]) -> None:
    """Each marker as ``[n]``, from the end of each line so that spans hold."""
    for index, match in reversed(found):
        number = match.group().translate(_FROM_SUPERSCRIPT)
        line = lines[index]
        lines[index] = f"{line[: match.start()]}[{int(number)}]{line[match.end() :]}"
