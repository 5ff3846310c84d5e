"""Publication dates known to the year, the month or the day."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A publication date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (YAML may give a date)."""
        if isinstance(value, datetime.date):
            return cls(value.year, value.month, value.day)
        match = DATE.match(str(value).strip())
        if match is None:
            msg = f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            raise ValueError(msg)
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        datetime.date(year, month or 1, day or 1)  # raises on 2022-13 or 02-30
        return cls(year, month, day)

    def iso(self) -> str:
        """``2022``, ``2022-01`` or ``2022-01-05``: as precise as known."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def human(self) -> str:
        """``January 2022`` or ``5 January 2022``, for mastheads."""
        if not self.month:
            return str(self.year)
        month = datetime.date(2000, self.month, 1).strftime("%B")
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


#: Languages whose month names :func:`meant` reads (the journal's).
MONTH_LANGUAGES = ("en", "it", "ru")
_NUMBERS = re.compile(r"^(\d{1,4})[-/.](\d{1,4})(?:[-/.](\d{1,4}))?$")


def _months() -> dict[str, int]:
    """Month names and abbreviations, lower case, in :data:`MONTH_LANGUAGES`."""
    from babel.dates import get_month_names  # Babel: only for a wrong date

    names: dict[str, int] = {}
    for language in MONTH_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    names[name.lower().rstrip(".")] = number
    return names


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """The ISO date, or ``""`` when it is not in the calendar."""
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return ""
    return str(PartialDate(year, month, day).iso())


def meant(text: str) -> list[str]:
    """The dates ``YYYY[-MM[-DD]]`` a date written otherwise probably means:
    ``January 2022``, ``5 Feb. 2022``, ``2022/02``, ``05.02.2022`` (either
    way round when the day could be the month)."""
    found = _NUMBERS.match(text.strip())
    if found:
        a, b, c = found.groups()
        if len(a) == 4:  # 2022/02/05
            return [d for d in [_iso(int(a), int(b), int(c) if c else None)] if d]
        if c is None or len(c) != 4:
            return [d for d in [_iso(int(b), int(a))] if d] if len(b) == 4 else []
        year, first, second = int(c), int(a), int(b)
        dates = [_iso(year, second, first), _iso(year, first, second)]
        return [d for d in dict.fromkeys(dates) if d]
    words = re.findall(r"[^\W\d_]+|\d+", text.lower())
    months = _months()
    month = next((months[w] for w in words if w in months), None)
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 32]
    if month is None or len(years) != 1 or len(days) > 1:
        return []
    return [d for d in [_iso(years[0], month, days[0] if days else None)] if d]
