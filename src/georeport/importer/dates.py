"""Dates as footnotes write them, read into ISO 8601 (``2022-01-12``).

"12 January 2022", "January 12, 2022", "12 Jan. 2022", "12.01.2022",
"2022-01-12", "12 января 2022", "1° dicembre 2024", "8 берез. 2024", and a
month alone ("January 2022" -> ``2022-01``). Month names come from babel's locale data
(format and stand-alone forms, wide and abbreviated) for the languages the
journal cites, so no month table is written here.
"""

# The date range pattern holds a dash on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import functools
import re

from babel.dates import get_month_names

_LOCALES = ("en", "ru", "uk", "kk", "it", "fr", "de", "es", "tr")
_MONTH = r"[^\W\d_]+\.?"
#: the written forms of a date; ``day``, ``month`` (a name or a number), ``year``
DATE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    r"|(?P<dotted>(?P<dd>\d{1,2})[./](?P<dm>\d{1,2})[./](?P<dy>\d{4}))"
    rf"|(?P<dmy>(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.|°|º)?\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}}))"
    rf"|(?P<mdy>(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))"
    rf"|(?P<my>(?P<m3>{_MONTH})\s+(?P<y3>\d{{4}}))"
)


@functools.cache
def _months() -> dict[str, int]:
    """Every month name babel knows for the journal's languages -> 1..12."""
    months: dict[str, int] = {}
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names = get_month_names(width, context, locale)
                for number, name in names.items():
                    months.setdefault(name.casefold().rstrip("."), number)
    months.setdefault("sept", 9)  # "Sept." is common English, absent from CLDR
    return months


@functools.cache
def _abbreviations() -> dict[str, int]:
    """Every cut of a month's full name (three letters or more) that only one
    month begins with, in the journal's languages: GOST's "берез.", "листоп.",
    "верес." (ДСТУ 3582 cuts more than CLDR does), "Sept.", "Febr."."""
    starts: dict[str, set[int]] = {}
    for locale in _LOCALES:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale).items():
                name = name.casefold()
                for end in range(3, len(name)):
                    starts.setdefault(name[:end], set()).add(number)
    return {cut: next(iter(found)) for cut, found in starts.items() if len(found) == 1}


def month_number(name: str) -> int | None:
    """1..12 for a month's name in any of the journal's languages, or its cut
    with a stop ("берез.")."""
    key = name.casefold()
    number = _months().get(key.rstrip("."))
    if number is None and key.endswith("."):
        number = _abbreviations().get(key.rstrip("."))
    return number


def iso_date(match: re.Match[str]) -> str:
    """The ISO form of a :data:`DATE` match, or ``""`` when it is no date."""
    month: int | None  # None: a month's name no language of the journal has
    if match["iso"]:
        year, month, day = match["iy"], int(match["im"]), int(match["id"])
    elif match["dotted"]:
        year, month, day = match["dy"], int(match["dm"]), int(match["dd"])
    elif match["dmy"]:
        year, month, day = match["y1"], month_number(match["m1"]), int(match["d1"])
    elif match["mdy"]:
        year, month, day = match["y2"], month_number(match["m2"]), int(match["d2"])
    else:
        month = month_number(match["m3"])
        return f"{match['y3']}-{month:02d}" if month else ""
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return ""
    return f"{year}-{month:02d}-{day:02d}"


def find_date(text: str, whole: bool = False) -> tuple[re.Match[str], str] | None:
    """The first date in ``text`` (all of it when ``whole``) and its ISO form."""
    for match in DATE.finditer(text):
        if whole and match.group().strip() != text.strip(" .,;()"):
            continue
        before = re.search(rf"({_MONTH})\s*[-–/]\s*$", text[: match.start()])
        if match["my"] and before and month_number(before[1]):
            continue  # "gennaio-marzo 2022", "July/August 2021": an issue's months
        iso = iso_date(match)
        if iso:
            return match, iso
    return None
