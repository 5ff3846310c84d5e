"""Where a role stands in its source: its own line and column.

MyST gives a role the first line of the paragraph it stands in (markdown-it
keeps no place for inline markup), so a mistyped key on the fifth line of a
paragraph was reported on its first. The roles of one paragraph run in the
order they are written: the n-th run of a role name with a paragraph's line
is the n-th role of that name written at or after that line (:func:`run_index`),
found in the document's file when a message needs it (:func:`find`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data``: how many roles of each ``(name, line)`` have run in
#: the document being read.
_SEEN = "georeport_roles_seen"


@dataclass(frozen=True)
class Written:
    """One role as its document's file holds it."""

    path: Path
    source: str  #: the whole file
    start: int  #: where ``{name}`` starts
    body: tuple[int, int]  #: where the text between its backticks starts, ends

    @property
    def text(self) -> str:
        return self.source[self.body[0] : self.body[1]]

    def place(self, offset: int | None = None) -> str:
        """``FILE:LINE:COLUMN`` of ``offset`` (the role's start by default),
        as a location Sphinx prints as it is."""
        at = self.start if offset is None else offset
        line = self.source.count("\n", 0, at) + 1
        column = at - (self.source.rfind("\n", 0, at) + 1) + 1
        return f"{self.path}:{line}:{column}"

    def place_of(self, word: str) -> str:
        """The place of ``word`` as a whole item of the role's text (a key:
        not inside another, ``rossi2020`` in ``rossi2020a``), else the role's."""
        found = re.search(rf"(?<![^\s,}}]){re.escape(word)}(?![^\s,{{])", self.text)
        return self.place(self.body[0] + found.start() if found else None)


def _role(name: str) -> re.Pattern[str]:
    """The role ``name`` as written: its text between runs of as many
    backticks, within one paragraph."""
    return re.compile(
        rf"\{{{re.escape(name)}\}}(`+)((?:(?!\n[ \t>]*\n).)*?)\1", re.DOTALL
    )


def run_index(env: BuildEnvironment, name: str, line: int) -> int:
    """Count a run of role ``name`` that MyST gave the paragraph line
    ``line``; return how many ran there before it."""
    # Sphinx 9 types temp_data.setdefault "Any | None": it returns the value
    seen = cast("dict[tuple[str, int], int]", env.temp_data.setdefault(_SEEN, {}))
    index = seen.get((name, line), 0)
    seen[(name, line)] = index + 1
    return index


def find(
    env: BuildEnvironment, name: str, line: int, index: int, text: str | None = None
) -> Written | None:
    """The ``index``-th role ``name`` written at or after ``line`` in the
    document's file, holding ``text`` when given (white space aside); None
    when the file does not hold it there (a role of an included file, a file
    changed since it was read)."""
    path = Path(env.doc2path(env.docname))
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    offset = 0
    for _ in range(line - 1):
        offset = source.find("\n", offset) + 1
        if offset == 0:
            return None
    for number, match in enumerate(_role(name).finditer(source, offset)):
        if number == index:
            found = Written(path, source, match.start(), match.span(2))
            if text is not None and found.text.split() != text.split():
                return None
            return found
    return None
