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
