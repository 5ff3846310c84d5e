"""references.bib: imported sources as BibTeX entries, only ever added.

Entries are written the way the bibliography is kept by hand: two-space
indent, one field per line, fields in the house order. Values are escaped only
where pybtex's LaTeX reading would change them (``%`` starts a comment, ``~``
is a space, ``\\`` starts a command, braces must balance), so what an editor
reads in the rendered reference is what the footnote said; TeX ligatures such
as ``--`` keep their meaning, as they do in ``pages``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pybtex.database import BibliographyData, Person, parse_string
from pybtex.exceptions import PybtexError

from georeport.importer.errors import ImporterError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pybtex.database import Entry

    from georeport.importer.footnotes import Source

_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "%": r"\%",
        "~": r"\textasciitilde{}",
        "{": "(",
        "}": ")",
    }
)
_URL_ESCAPES = str.maketrans({"{": "%7B", "}": "%7D"})


def bibtex_fields(source: Source) -> dict[str, str]:
    """The source's fields as written in references.bib."""
    table = {"url": _URL_ESCAPES}
    return {
        name: value.translate(table.get(name, _ESCAPES))
        for name, value in source.fields().items()
    }


def render_entry(key: str, source: Source) -> str:
    """One BibTeX entry, without a trailing newline."""
    fields = [
        f"  {name} = {{{value}}}" for name, value in bibtex_fields(source).items()
    ]
    return f"@{source.entry_type}{{{key},\n" + ",\n".join(fields) + "\n}"


def same_source(entry: Entry, source: Source) -> bool:
    """True when ``entry`` says everything ``source`` says (it may say more).

    Editors enrich imported entries (a URL found later, a note), and ``langid``
    is derived, not read; neither makes the entry another source.
    """
    fields = bibtex_fields(source)
    fields.pop("langid", None)
    if fields.pop("author", None) is not None:
        ours = [str(Person(name)) for name in source.authors]
        if ours != [str(person) for person in entry.persons.get("author", [])]:
            return False
    return all(
        " ".join(entry.fields.get(name, "").split()) == " ".join(value.split())
        for name, value in fields.items()
    )


def parse_bibliography(text: str, name: str) -> BibliographyData:
    """references.bib's entries, or an error naming the line pybtex stopped at."""
    try:
        return parse_string(text, "bibtex")
    except PybtexError as error:
        raise ImporterError(
            name, None, f"cannot read it: {error}", "correct the BibTeX there first"
        ) from error


def new_entries(
    bibliography: BibliographyData,
    cited: Iterable[tuple[str, Source]],
    text: str,
    name: str,
) -> tuple[list[str], list[str]]:
    """Entries to add (rendered) and keys already there with the same source.

    A key already there with other content is an error: nothing is written.
    """
    added: dict[str, str] = {}
    kept: list[str] = []
    for key, source in cited:
        entry = bibliography.entries.get(key)
        if entry is None:
            added.setdefault(key, render_entry(key, source))
        elif same_source(entry, source):
            if key not in kept:
                kept.append(key)
        else:
            raise ImporterError(
                name,
                _line_of(key, text),
                f"entry {key!r} exists with other content than the import's",
                "give one of them another key, or correct the one in references.bib",
            )
    return list(added.values()), kept


def append_entries(text: str, entries: list[str]) -> str:
    """``text`` of references.bib with ``entries`` added at its end."""
    if not entries:
        return text
    head = text.rstrip()
    return (f"{head}\n\n" if head else "") + "\n\n".join(entries) + "\n"


def _line_of(key: str, text: str) -> int | None:
    match = re.search(rf"^[ \t]*@\w+\s*[{{(]\s*{re.escape(key)}\s*,", text, re.M | re.I)
    return text.count("\n", 0, match.start()) + 1 if match else None
