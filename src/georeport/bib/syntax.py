"""Where a BibTeX file's syntax breaks, read as an editor writes it.

pybtex's parser names only where it gave up: an entry left without its
closing brace at the *next* entry's line (or at the end of the file), a
quote left open ten lines below it. These functions read the file line by
line, an entry starting with ``@type{key,`` at the start of a line and a
field with ``name =``, and name the entry or field at fault, its line and
the fix. :mod:`.checks` asks them when pybtex fails, and for what pybtex
lets by that BibTeX refuses (:func:`head_problems`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: An entry's first line, as an editor writes it: ``@article{key,``.
ENTRY = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,")
_FIELD = re.compile(r"^\s*([\w-]+)\s*=")
#: Any entry's start, its key written well or not: ``@type{``.
_START = re.compile(r"^\s*@(\w+)\s*\{")
#: A field's name and value without the ``=`` between them: ``volume {3},``.
_NO_EQUALS = re.compile(r"^\s*([A-Za-z][\w-]*)\s*[{\"]")
#: A value a macro may stand for: a word, or words joined with ``#``.
_WORD = r"[A-Za-z][\w.:+-]*"
_MACROS = re.compile(rf"^{_WORD}(?:\s*#\s*(?:{_WORD}|\{{.*\}}|\".*\"))*$")
#: Entry types that are commands, not entries.
_COMMANDS = frozenset({"string", "preamble", "comment"})


def fields(lines: list[str], start: int) -> list[tuple[str, int, str]]:
    """``(name, line, text)`` of each field of the entry starting at ``start``
    (0-based), up to the next entry's first line."""
    found: list[tuple[str, int, str]] = []
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if ENTRY.match(line) or _START.match(line):
            break
        match = _FIELD.match(line)
        if match:
            found.append((match.group(1), number + 1, line))
        elif found:
            name, at, text = found[-1]
            found[-1] = (name, at, f"{text}\n{line}")
    return found


def head_problems(path: Path, lines: list[str]) -> list[str]:
    """Entries whose first line is not ``@type{key,``: a key with no comma
    after it (pybtex reads on; BibTeX says "I was expecting a `,'"), or a
    key holding a space."""
    problems = []
    for number, line in enumerate(lines, 1):
        start = _START.match(line)
        if not start or start.group(1).lower() in _COMMANDS or ENTRY.match(line):
            continue
        kind, rest = start.group(1), line[start.end() :].strip()
        key = rest.split(",", 1)[0].strip()
        if not rest or "=" in key:
            continue  # a key on the next line; fields on this one
        if "," not in rest:
            following = next((text for text in lines[number:] if text.strip()), "")
            if " " not in key and not following.lstrip().startswith(","):
                problems.append(
                    f"{path}:{number}: a comma is missing after the key '{key}' "
                    f"of this entry: write @{kind}{{{key},"
                )
        elif " " in key:
            problems.append(
                f"{path}:{number}: the key '{key}' holds a space: write it "
                f"without, e.g. @{kind}{{{''.join(key.split())},"
            )
    return problems


def syntax_problems(path: Path, lines: list[str]) -> list[str]:
    """Say which entry or field breaks the syntax, line by line: an entry
    head, a field's braces, quote, ``=`` or comma, an entry left open."""
    problems = head_problems(path, lines)
    for start, line in enumerate(lines):
        entry = ENTRY.match(line)
        if not entry:
            continue
        key = entry.group(2)
        found = _field_problems(path, key, lines, start)
        if not found and _START.match(line):  # braces, not parentheses
            found = _unclosed(path, key, lines, start)
        problems += found
    return problems


def _field_problems(path: Path, key: str, lines: list[str], start: int) -> list[str]:
    problems = []
    depth = 0  # a field starts where only the entry's brace is open
    for number in range(start, start + 1 + _extent(lines, start)):
        text = lines[number]
        unequal = _NO_EQUALS.match(text) if number > start and depth == 1 else None
        if unequal and not _FIELD.match(text):
            name, value = unequal.group(1), text[unequal.end() - 1 :].strip()
            problems.append(
                f"{path}:{number + 1}: the field '{name}' of entry '{key}' has no "
                f"'=' before its value: write {name} = {value}"
            )
        depth += text.count("{") - text.count("}")
    listed = fields(lines, start)
    for index, (name, number, text) in enumerate(listed):
        value = text.split("=", 1)[1]
        last = index == len(listed) - 1
        if not last:
            value = value.rstrip()
        where = f"the field '{name}' of entry '{key}'"
        opened, closed = value.count("{"), value.count("}")
        bare = value.strip().rstrip(",").strip()
        alone = bare if not last else bare.removesuffix("}").strip()
        if _open_quote(bare):
            problems.append(
                f"{path}:{number}: {where} opens a quote it does not close: add "
                "the closing '\"' (or write the value in braces, {...})"
            )
        elif opened > closed and not last:
            problems.append(
                f"{path}:{number}: {where} opens a brace it does not close: add "
                "the missing '}' (or remove the extra '{')"
            )
        elif closed > opened + (1 if last else 0):
            problems.append(
                f"{path}:{number}: {where} closes a brace it did not open: remove "
                "the extra '}' (or add the '{')"
            )
        elif _unbraced(alone):
            problems.append(
                f"{path}:{number}: the value of {where} is not in braces: write "
                f"{name} = {{{alone}}},"
            )
        elif not last and not value.endswith(","):
            problems.append(
                f"{path}:{number}: a comma is missing after {where}: end the "
                "line with ','"
            )
    return problems


def _extent(lines: list[str], start: int) -> int:
    """How many lines after ``start`` belong to its entry (up to the next)."""
    for offset, line in enumerate(lines[start + 1 :]):
        if ENTRY.match(line) or _START.match(line):
            return offset
    return len(lines) - start - 1


def _open_quote(value: str) -> bool:
    """A value that starts with ``"`` and has no closing one outside braces."""
    if not value.startswith('"'):
        return False
    depth, inside = 0, False
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            inside = not inside
    return inside


def _unbraced(value: str) -> bool:
    """A value neither braced, quoted, a number nor macros (``Energy Press``,
    ``@Energy``): pybtex says "undefined string"."""
    if not value or value[0] in '{"' or value.isdigit():
        return False
    return _MACROS.match(value) is None


def _unclosed(path: Path, key: str, lines: list[str], start: int) -> list[str]:
    """The entry starting at ``start`` whose braces do not balance before
    the next entry (an ``@type{`` at the start of a line) or the end."""
    depth, last = 0, start
    for number in range(start, start + 1 + _extent(lines, start)):
        text = lines[number]
        if text.strip():
            last = number
        for char in text:
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return []  # closed (a later fault is pybtex's to name)
    if depth <= 0:
        return []
    return [
        f"{path}:{start + 1}: the entry '{key}' opened here is not closed: add "
        f"its closing '}}' after its last field (line {last + 1})"
    ]
