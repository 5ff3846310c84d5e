"""The metadata model: one journal, its reports, each read and checked once.

Every renderer (masthead, HTML head, LaTeX, exports) takes a :class:`Report`;
none reads front matter or configuration on its own, and none re-validates.
Front matter is parsed here rather than taken from ``env.metadata`` because
docutils flattens it into strings (lists become JSON, ``authors`` is split on
commas) and loses the line numbers an error message needs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .issn import validate_issn

#: Front matter keys a report must declare.
REQUIRED = ("title", "authors", "volume", "issue", "date")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class MetadataError(ValueError):
    """A fact of a report or of the journal is missing or malformed.

    ``line`` is the 1-based line of the source file where the fact stands (or
    should stand), so that Sphinx's logger can point the editor at it.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Journal:
    """Journal-wide facts, configured once in ``conf.py``."""

    title: str
    issn: str
    publisher: str
    base_url: str = ""
    rights: str = ""  #: e.g. "© {year} Publisher"; {year} is the report's year

    @classmethod
    def from_config(
        cls,
        title: str,
        issn: str,
        publisher: str,
        base_url: str = "",
        rights: str = "",
    ) -> Journal:
        """Check the configured facts; an invalid ISSN stops the build."""
        if not title.strip():
            raise MetadataError("georeport_journal_title: empty; set the journal name")
        try:
            issn = validate_issn(issn)
        except ValueError as err:
            raise MetadataError(f"georeport_issn: {err}") from None
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        return cls(title.strip(), issn, publisher.strip(), base_url, rights.strip())

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Journal:
        """The journal of a project's settings (``conf.py``'s ``georeport_*``
        names, as Sphinx's config or ``conf.py`` run as a script holds them)."""

        def get(name: str) -> str:
            value = settings.get(f"georeport_{name}") or ""
            return value if isinstance(value, str) else str(value)

        return cls.from_config(
            get("journal_title"),
            get("issn"),
            get("publisher"),
            get("base_url"),
            get("rights"),
        )


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
        match = _DATE.match(str(value).strip())
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


@dataclass(frozen=True)
class Cover:
    """A report's cover photo; ``path`` may be empty when only the credit is kept."""

    caption: str = ""
    credit: str = ""
    license: str = ""
    alt: str = ""
    path: str = ""
    line: int = 0  #: line of ``cover:`` in the source, for errors


@dataclass(frozen=True)
class Report:
    """One report of the journal, as its front matter declares it.

    Renderers ask it for every derived fact (page URL, PDF name, issue line)
    rather than make their own.
    """

    docname: str
    journal: Journal = field(compare=False)
    title: str
    authors: tuple[str, ...]
    volume: int
    issue: int
    date: PartialDate
    language: str = "en"
    keywords: tuple[str, ...] = ()
    abstract: str = ""
    cover: Cover | None = None

    @property
    def rights(self) -> str:
        """The journal's rights statement for this report, or ``""``."""
        return self.journal.rights.replace("{year}", str(self.date.year))

    @property
    def slug(self) -> str:
        """The file name both editions share: ``reports/15-1-x`` -> ``15-1-x``."""
        return self.docname.rsplit("/", 1)[-1]

    @property
    def pdf_name(self) -> str:
        """The PDF edition's file name, in ``build/pdf`` and beside the page."""
        return f"{self.slug}.pdf"

    @property
    def page_url(self) -> str:
        """Absolute URL of the report's HTML page, or ``""`` with no base URL."""
        base = self.journal.base_url
        return f"{base}{self.docname}.html" if base else ""

    @property
    def pdf_url(self) -> str:
        """Absolute URL of the PDF edition, served beside the HTML page."""
        url = self.page_url
        return url.rsplit("/", 1)[0] + f"/{self.pdf_name}" if url else ""

    @property
    def issue_line(self) -> str:
        """``Volume 15, Issue 1, January 2022``: one wording for every edition."""
        return f"Volume {self.volume}, Issue {self.issue}, {self.date.human()}"

    @property
    def authors_line(self) -> str:
        """Authors as the journal writes them: ``A, B and C``."""
        names = list(self.authors)
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " and " + names[-1]


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML block of a MyST file and the line it ends on, or None."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), number
    return None


def _line_of(block: str, key: str) -> int:
    """1-based line in the file of top-level ``key:`` (the block starts on line 2)."""
    for number, line in enumerate(block.splitlines(), start=2):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1


def _text(value: Any, key: str, line: int) -> str:
    if not isinstance(value, (str, int, float)) or not str(value).strip():
        raise MetadataError(f"'{key}' must be a non-empty text", line)
    return str(value).strip()


def _number(value: Any, key: str, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise MetadataError(f"'{key}' must be a whole number, got {value!r}", line)
    try:
        number = int(value)
    except ValueError:
        msg = f"'{key}' must be a whole number, got {value!r}"
        raise MetadataError(msg, line) from None
    if number < 1:
        raise MetadataError(f"'{key}' must be 1 or more, got {number}", line)
    return number


def _texts(value: Any, key: str, line: int) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise MetadataError(f"'{key}' must be a list, e.g. '{key}: [A, B]'", line)
    return tuple(_text(item, key, line) for item in value)


def _cover(value: Any, line: int) -> Cover:
    if not isinstance(value, dict):
        msg = "'cover' must be a mapping with path, alt, caption, credit, license"
        raise MetadataError(msg, line)
    known = {"path", "alt", "caption", "credit", "license"}
    unknown = sorted(set(value) - known)
    if unknown:
        msg = f"unknown cover field(s) {', '.join(unknown)}; use {', '.join(known)}"
        raise MetadataError(msg, line)
    fields = {k: _text(v, f"cover.{k}", line) for k, v in value.items()}
    if fields.get("path") and not fields.get("alt"):
        raise MetadataError("the cover image needs 'alt' text for screen readers", line)
    return Cover(line=line, **fields)


#: libyaml's parser when PyYAML was built with it: the same constructor and
#: values as ``yaml.safe_load``, several times faster (the editions read every
#: report's front matter before each build).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(block: str) -> object:
    """``yaml.safe_load``, through libyaml when it can; a block libyaml rejects
    is read again by PyYAML's own parser, whose message shows the place."""
    try:
        return yaml.load(block, Loader=_FAST_LOADER) or {}  # a safe loader
    except yaml.YAMLError:
        return yaml.safe_load(block) or {}


def report_from_source(docname: str, text: str, journal: Journal) -> Report:
    """Read and check the front matter of a report's MyST source."""
    found = split_front_matter(text)
    if found is None:
        msg = (
            "a report starts with YAML front matter between '---' lines "
            f"declaring {', '.join(REQUIRED)}"
        )
        raise MetadataError(msg, 1)
    block, _end = found
    try:
        data = _load_yaml(block)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise MetadataError(f"front matter is not valid YAML: {err}", line) from None
    if not isinstance(data, dict):
        raise MetadataError("front matter must be a YAML mapping of key: value", 2)
    missing = [key for key in REQUIRED if key not in data or data[key] in (None, "")]
    if missing:
        msg = f"front matter lacks required field(s): {', '.join(missing)}"
        raise MetadataError(msg, 1)

    def at(key: str) -> int:
        return _line_of(block, key)

    try:
        date = PartialDate.parse(data["date"])
    except ValueError as err:
        raise MetadataError(str(err), at("date")) from None
    return Report(
        docname=docname,
        journal=journal,
        title=_text(data["title"], "title", at("title")),
        authors=_texts(data["authors"], "authors", at("authors")),
        volume=_number(data["volume"], "volume", at("volume")),
        issue=_number(data["issue"], "issue", at("issue")),
        date=date,
        language=_text(data.get("language", "en"), "language", at("language")),
        keywords=(
            _texts(data["keywords"], "keywords", at("keywords"))
            if data.get("keywords")
            else ()
        ),
        abstract=(
            _text(data["abstract"], "abstract", at("abstract"))
            if data.get("abstract")
            else ""
        ),
        cover=_cover(data["cover"], at("cover")) if data.get("cover") else None,
    )


def read_report(docname: str, path: Path, journal: Journal) -> Report:
    """Read a report from its file (UTF-8 only: say so when it is not)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        msg = f"the file is not UTF-8 (byte {err.start}): save it as UTF-8"
        raise MetadataError(msg, 1) from None
    return report_from_source(docname, text, journal)
