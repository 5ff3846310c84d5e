"""From the report's text to the MyST file and the entries it cites, in memory.

Kept free of file access so that tests (and hypothesis) can run the whole
import on strings; :mod:`georeport.importer.files` reads and writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from georeport.importer.document import parse_document
from georeport.importer.footnotes import Source, parse_footnote
from georeport.importer.keys import ascii_word, assign_keys
from georeport.importer.myst import render_report

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pybtex.database import Entry

    from georeport.importer.header import Header


@dataclass(frozen=True)
class Conversion:
    """The imported report: file name stem, MyST text, cited sources, warnings."""

    slug: str
    report: str
    #: every source in footnote order with its key (a key may repeat)
    cited: list[tuple[str, Source]]
    warnings: list[str]


def convert(text: str, name: str, existing: Mapping[str, Entry]) -> Conversion:
    """Import the report ``text`` (from file ``name``) against ``existing`` entries."""
    document = parse_document(text, name)
    warnings = list(document.warnings)
    sources: list[Source] = []
    owners: list[int] = []
    for note in document.notes:
        found, problems = parse_footnote(note.text)
        where = f"{name}:{note.line}: footnote [{note.number}]"
        warnings += [f"{where}: {problem}" for problem in problems]
        sources += found
        owners += [note.number] * len(found)
    keys = assign_keys(sources, existing)
    citations: dict[int, list[str]] = {}
    for number, key in zip(owners, keys, strict=True):
        if key not in citations.setdefault(number, []):
            citations[number].append(key)
    report = render_report(document, citations)
    cited = list(zip(keys, sources, strict=True))
    return Conversion(slug(document.header), report, cited, warnings)


def slug(header: Header) -> str:
    """``15-1-kazakhstan``: volume, issue and the title's last word."""
    words = [word for word in map(ascii_word, header.title.split()) if word]
    if header.volume is None or header.issue is None:
        return "-".join(words[:6]) or "report"
    return f"{header.volume}-{header.issue}-{words[-1] if words else 'report'}"
