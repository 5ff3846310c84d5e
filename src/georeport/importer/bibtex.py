"""references.bib: imported sources as BibTeX entries, only ever added.

Entries are written the way the bibliography is kept by hand: two-space
indent, one field per line, fields in the house order. Values are escaped only
where pybtex's LaTeX reading would change them (``%`` starts a comment, ``~``
is a space, ``\\`` starts a command, braces must balance), so what an editor
reads in the rendered reference is what the footnote said; TeX ligatures such
as ``--`` keep their meaning, as they do in ``pages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pybtex.database import BibliographyData, parse_string
from pybtex.exceptions import PybtexError

from georeport.importer.errors import ImporterError

if TYPE_CHECKING:
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
    """The source's fields as written in references.bib.

    Names are escaped one by one, so that an organisation keeps the braces
    that protect it (``{World Bank}``) while braces in its words become
    parentheses like everywhere else.
    """
    table = {"url": _URL_ESCAPES}
    fields = {
        name: value.translate(table.get(name, _ESCAPES))
        for name, value in source.fields().items()
    }
    for role, names in (("author", source.authors), ("editor", source.editors)):
        if role in fields:
            fields[role] = " and ".join(_name(name) for name in names)
    if "title" not in fields and "type" in fields:
        # "N. Hovhannisyan, personal communication, April 20, 2023": no work
        # has a title, and the house style starts with one; its kind's words
        # stand there, as APA prints them
        named = {k: v for k, v in fields.items() if k in ("author", "editor")}
        rest = {k: v for k, v in fields.items() if k not in named and k != "type"}
        fields = {**named, "title": fields["type"], **rest}
    return fields


def _name(name: str) -> str:
    """One name escaped; an organisation's protecting braces kept."""
    if len(name) > 1 and name.startswith("{") and name.endswith("}"):
        return "{" + name[1:-1].translate(_ESCAPES) + "}"
    return name.translate(_ESCAPES)


def render_entry(key: str, source: Source) -> str:
    """One BibTeX entry, without a trailing newline."""
    fields = [
        f"  {name} = {{{value}}}" for name, value in bibtex_fields(source).items()
    ]
    return f"@{source.entry_type}{{{key},\n" + ",\n".join(fields) + "\n}"


def parse_bibliography(text: str, name: str) -> BibliographyData:
    """references.bib's entries, or an error naming the line pybtex stopped at."""
    try:
        return parse_string(text, "bibtex")
    except PybtexError as error:
        raise ImporterError(
            name, None, f"cannot read it: {error}", "correct the BibTeX there first"
        ) from error


def append_entries(text: str, entries: list[str]) -> str:
    """``text`` of references.bib with ``entries`` added at its end."""
    if not entries:
        return text
    head = text.rstrip()
    return (f"{head}\n\n" if head else "") + "\n\n".join(entries) + "\n"
