"""The report's header: the lines above the text that become its front matter.

The journal sends the header in this shape (any line but the title may be
missing; ``Date:`` and ``Keywords:`` lines are read when present)::

    Geopolitical consequences of the political crisis in Kazakhstan

    2022 Kazakhstan protests — Aqtobe January 4 01
    Protests in the central square of Aqtobe (Credits: Esetok, CC BY-SA 4.0)

    Geopolitical Report ISSN 2785-2598 Volume 15 Issue 1
    Author: Giuliano Bifolchi

The journal name and ISSN are journal-wide configuration, not front matter, so
they are only checked (the ISSN's check digit), never carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from georeport.importer.errors import ImporterError
from georeport.model import Cover
from georeport.model.issn import validate_issn

_ISSN = re.compile(r"\bISSN[:\s]*(?P<issn>\d{4}-?\d{3}[\dXx])\b", re.I)
_ISSUE = re.compile(
    r"\bVol(?:ume|\.)?\s*(?P<volume>\d+)\W+(?:Issue|No\.?)\s*(?P<issue>\d+)", re.I
)
_AUTHOR = re.compile(r"^Authors?\s*:\s*(?P<value>.+)$", re.I)
_DATE = re.compile(r"^(?:Date|Published)\s*:\s*(?P<value>.+)$", re.I)
_KEYWORDS = re.compile(r"^(?:Keywords|Tags)\s*:\s*(?P<value>.+)$", re.I)
_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\(Credits?\s*:\s*(?P<credit>.*)\)$", re.I)
_LICENCE = re.compile(r"\bCC0(?: 1\.0)?|\bCC BY(?:-(?:NC|SA|ND))*(?: \d\.\d)?")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|;)\s*|\s+and\s+")
_KEYWORD_SPLIT = re.compile(r"\s*[,;]\s*")
#: a footnote marker; a line with one is body text, not header
MARKER = re.compile(r"\[(\d+)\]")
#: a longer line is body text, not header
_LONGEST_HEADER_LINE = 200
_DATE_FORMATS = (
    ("%B %Y", "%Y-%m"),
    ("%d %B %Y", "%Y-%m-%d"),
    ("%B %d, %Y", "%Y-%m-%d"),
)


@dataclass(frozen=True)
class Header:
    """What the header says about the report; ``end`` is where the text starts."""

    title: str
    end: int
    authors: tuple[str, ...] = ()
    volume: int | None = None
    issue: int | None = None
    date: str = ""
    keywords: tuple[str, ...] = ()
    cover: Cover | None = None


def parse_header(lines: list[str], name: str) -> tuple[Header, list[str]]:
    """The header of the report's ``lines``, and warnings about it."""
    first = _title_index(lines, name)
    last = _last_header_line(lines, first)
    header = Header(title=lines[first].strip(), end=last + 1)
    warnings: list[str] = []
    pending = ""  # an unknown line: the cover's alt text if a credit line follows
    for index in range(first + 1, last + 1):
        line = lines[index].strip()
        credit = _CREDIT.match(line)
        if pending and not credit:
            warnings.append(
                f"{name}:{index}: {pending!r} is not a header line: left out"
            )
        if credit:
            header = replace(header, cover=_cover(credit, pending))
        elif _is_header_field(line):
            header = replace(header, **_fields(line, f"{name}:{index + 1}", warnings))
        pending = "" if _is_header_field(line) else line
    return header, warnings + _missing(header, name)


def _title_index(lines: list[str], name: str) -> int:
    """Index of the title line: the first line, if it is not something else."""
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise ImporterError(name, None, "the file is empty", "import the report text")
    line = lines[index].strip()
    if (
        _is_header_field(line)
        or MARKER.search(line)
        or len(line) > _LONGEST_HEADER_LINE
    ):
        raise ImporterError(
            name,
            index + 1,
            f"no title line: the file starts with {line[:60]!r}",
            "put the report's title alone on the first line",
        )
    return index


def _is_header_field(line: str) -> bool:
    patterns = (_ISSN, _ISSUE, _AUTHOR, _DATE, _KEYWORDS, _CREDIT)
    return any(pattern.search(line) for pattern in patterns)


def _last_header_line(lines: list[str], first: int) -> int:
    """Index of the last header line: the last known field before the text."""
    last = first
    for index in range(first + 1, len(lines)):
        line = lines[index].strip()
        if MARKER.search(line) or len(line) > _LONGEST_HEADER_LINE:
            break
        if _is_header_field(line):
            last = index
    return last


def _cover(match: re.Match[str], alt: str) -> Cover:
    credit = match["credit"].strip()
    licence = _LICENCE.search(credit)
    return Cover(
        alt=alt,
        caption=match["caption"],
        credit=credit,
        license=licence.group() if licence else "",
    )


def _fields(line: str, where: str, warnings: list[str]) -> dict[str, Any]:
    """What a journal, author, keywords or date line says, as Header fields."""
    if _ISSN.search(line) or _ISSUE.search(line):
        return _journal_line(line, where, warnings)
    if match := _AUTHOR.match(line):
        return {"authors": _split(match["value"], _NAME_SPLIT)}
    if match := _KEYWORDS.match(line):
        return {"keywords": _split(match["value"], _KEYWORD_SPLIT)}
    match = _DATE.match(line)
    date = _iso_date(match["value"].strip()) if match else ""
    if not date:
        warnings.append(
            f"{where}: {line!r}: write the date as YYYY-MM or as January 2022"
        )
        return {}
    return {"date": date}


def _journal_line(line: str, where: str, warnings: list[str]) -> dict[str, Any]:
    """Volume and issue; the ISSN is only checked, it belongs to conf.py."""
    if match := _ISSN.search(line):
        issn = match["issn"].upper()
        try:
            validate_issn(issn if "-" in issn else f"{issn[:4]}-{issn[4:]}")
        except ValueError as error:
            warnings.append(f"{where}: {error}")
    match = _ISSUE.search(line)
    return (
        {"volume": int(match["volume"]), "issue": int(match["issue"])} if match else {}
    )


def _split(value: str, separator: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(part for part in separator.split(value.strip()) if part)


def _iso_date(value: str) -> str:
    """``2022-01`` from ``2022-01``, ``January 2022``; also years and days."""
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
        return value
    for pattern, iso in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).strftime(iso)
        except ValueError:
            continue
    return ""


def _missing(header: Header, name: str) -> list[str]:
    """Warnings for what the editor must add to the front matter by hand."""
    missing = [
        (not header.date, 'no date in the header: add date: "YYYY-MM"'),
        (header.volume is None, "no 'Volume N' in the header: add volume"),
        (header.issue is None, "no 'Issue N' in the header: add issue"),
        (not header.authors, "no 'Author: NAME' line: add authors"),
        (header.cover and not header.cover.alt, "no image title: add cover alt"),
    ]
    return [f"{name}: {text} to the front matter" for wanted, text in missing if wanted]
