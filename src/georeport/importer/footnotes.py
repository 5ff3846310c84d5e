"""Parse one footnote of the journal's house style into sources.

The journal cites as ``Author (Year) Title, Outlet Vol.V(I), pp. A-B, Publisher.
Retrieved from: URL``. Any part but the title may be missing, and without an
author the title comes before the year (``Title (Year) Outlet.``). One footnote
may hold several sources separated by ``;``.

The parser never fails and never drops a word: a part it cannot place becomes a
source whose ``note`` holds its words, and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"\((?:(?P<year>\d{4})|n\.\s?d\.)\)")
_RETRIEVED = re.compile(r"\b(?:Retrieved|Available)\s+(?:from|at)\b\s*:?", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_TRAILING_URL = re.compile(r"\s(?P<url>(?:https?://|www\.)\S+)$", re.I)
_VOLUME = re.compile(
    r"\bVol(?:ume|\.)?\s*(?P<volume>\d+)"
    r"(?:\s*\(\s*(?P<number>\d+)\s*\)|,?\s*(?:No\.?|Issue)\s*(?P<number2>\d+))?",
    re.I,
)
_PAGES = re.compile(
    r",?\s*\bpp?\.\s*(?P<first>\d+)(?:\s*[-\u2013\u2014]+\s*(?P<last>\d+))?"
)
_ENDS_SOURCE = re.compile(
    r"\b(?:Retrieved|Available)\s+(?:from|at)\b\s*:?\s*\S*$", re.I
)
_SOURCE_BREAK = re.compile(r";(?=\s|$)|(?<=from:);")
_NAME_JOIN = re.compile(r"\s*(?:,|&|;)\s*|\s+(?:and|e|и)\s+")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+(?:-[^\W\d_]\.)?$")
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$")
#: lower-case words that may stand inside a personal name
_PARTICLE = re.compile(r"^(?:al|bin|da|de|del|della|der|di|du|el|ibn|la|le|van|von)$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_EDGE = " ,.;:"


@dataclass(frozen=True)
class Source:
    """One cited source, holding what the footnote says and nothing more."""

    authors: tuple[str, ...] = ()
    title: str = ""
    outlet: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    year: str = ""
    url: str = ""
    note: str = ""

    @property
    def entry_type(self) -> str:
        """``article`` with volume and issue, ``online`` with an outlet or URL."""
        if self.volume and self.number:
            return "article"
        return "online" if self.outlet or self.url else "misc"

    @property
    def langid(self) -> str:
        """``russian`` for a Cyrillic title, else ``english`` (the house rule)."""
        text = self.title or self.note
        cyrillic = len(_CYRILLIC.findall(text))
        return "russian" if cyrillic > len(_LATIN.findall(text)) else "english"

    def fields(self) -> dict[str, str]:
        """BibTeX fields in the house order, empty ones left out, not escaped."""
        outlet = "journal" if self.entry_type == "article" else "organization"
        pairs = [
            ("author", " and ".join(self.authors)),
            ("title", self.title),
            (outlet, self.outlet),
            ("volume", self.volume),
            ("number", self.number),
            ("pages", self.pages),
            ("publisher", self.publisher),
            ("year", self.year),
            ("url", self.url),
            ("note", self.note),
            ("langid", self.langid),
        ]
        return {name: value for name, value in pairs if value}


def parse_footnote(text: str) -> tuple[list[Source], list[str]]:
    """Sources of one footnote's text, and warnings about what was not placed."""
    sources: list[Source] = []
    warnings: list[str] = []
    for part in split_sources(text):
        source, warning = parse_source(part)
        sources.append(source)
        if warning:
            warnings.append(warning)
    if not sources:
        sources.append(Source(note=" ".join(text.split())))
        warnings.append(f"no source in {text!r}: kept as @misc note")
    return sources, warnings


def split_sources(text: str) -> list[str]:
    """Split at ``;`` after "Retrieved from", or where both sides look whole.

    A ``;`` inside a title (``Guerra e pace; una storia (2020) Limes``) leaves
    a side without a year, outlet volume or "Retrieved from", so it stays.
    """
    pieces = _SOURCE_BREAK.split(" ".join(text.split()))
    parts: list[str] = []
    for piece in pieces:
        ends = parts and _ENDS_SOURCE.search(parts[-1])
        if parts and not ends and not (_is_whole(parts[-1]) and _is_whole(piece)):
            parts[-1] = f"{parts[-1]};{piece}"
        else:
            parts.append(piece)
    return [part.strip() for part in parts if part.strip(_EDGE)]


def _is_whole(part: str) -> bool:
    return bool(_YEAR.search(part) or _RETRIEVED.search(part) or _VOLUME.search(part))


def parse_source(text: str) -> tuple[Source, str]:
    """One source from its words, and a warning (``""`` when all was placed)."""
    words = " ".join(text.split())
    rest, url, leftover = _take_url(words)
    authors, year, title, tail = _split_year(rest)
    head, volume, number, pages, publisher = _split_tail(tail)
    if title is None:
        title, outlet = _title_and_outlet(head, need_outlet=bool(volume))
    else:
        outlet = head.strip(_EDGE)
    if not (title and (authors or year or outlet or url or volume)):
        return Source(note=words), f"could not read {words!r}: kept as @misc note"
    warning = f"{leftover!r} is not a URL: kept in note" if leftover else ""
    source = Source(
        authors, title, outlet, volume, number, pages, publisher, year, url, leftover
    )
    return source, warning


def _split_year(text: str) -> tuple[tuple[str, ...], str, str | None, str]:
    """Authors, year, title if it came first (else None), and the rest.

    The year after names starts ``Author (Year) Title``; otherwise the last
    year ends the title of ``Title (Year) Outlet``.
    """
    years = list(_YEAR.finditer(text))
    for match in years:
        authors = _names(text[: match.start()])
        if authors:
            return authors, match["year"] or "", None, text[match.end() :]
    if not years:
        return (), "", None, text
    match = years[-1]
    title = text[: match.start()].strip(_EDGE)
    return (), match["year"] or "", title, text[match.end() :]


def _take_url(words: str) -> tuple[str, str, str]:
    """Split off "Retrieved from: URL" or a bare final URL: rest, url, leftover.

    The rest keeps its final comma: it tells that no outlet follows the title.
    """
    found = list(_RETRIEVED.finditer(words))
    if not found:
        match = _TRAILING_URL.search(words)
        if match is None:
            return words, "", ""
        return words[: match.start()], _clean_url(match["url"]), ""
    start = found[-1].start()
    after = words[found[-1].end() :].strip()
    url_match = _URL.search(after)
    url = _clean_url(url_match.group()) if url_match else ""
    if url_match:
        after = (after[: url_match.start()] + after[url_match.end() :]).strip(_EDGE)
    leftover = f"{words[start : found[-1].end()]} {after}" if after else ""
    return words[:start], url, leftover


def _clean_url(url: str) -> str:
    return url.rstrip(".,;")


def _split_tail(text: str) -> tuple[str, str, str, str, str]:
    """Head (title and outlet), volume, number, pages, publisher."""
    pages = ""
    page_match = _PAGES.search(text)
    if page_match:
        last = page_match["last"]
        pages = f"{page_match['first']}--{last}" if last else page_match["first"]
        text = text[: page_match.start()] + text[page_match.end() :]
    match = _VOLUME.search(text)
    if match is None:
        return text.strip(), "", "", pages, ""
    number = match["number"] or match["number2"] or ""
    after = (piece.strip(_EDGE) for piece in text[match.end() :].split(","))
    publisher = ", ".join(piece for piece in after if piece)
    return text[: match.start()].strip(_EDGE), match["volume"], number, pages, publisher


def _title_and_outlet(head: str, need_outlet: bool) -> tuple[str, str]:
    """Split ``Title, with commas, Outlet`` at its last comma when that fits.

    The outlet is the last comma part: always before a volume, and otherwise
    only when it looks like a name (capital, short); never when ``head`` ends
    with a comma (``Title, Retrieved from:``).
    """
    if head.rstrip(" .").endswith(","):
        return head.strip(_EDGE), ""
    title, comma, last = head.rpartition(",")
    last = last.strip(_EDGE)
    if comma and last and title.strip(_EDGE) and (need_outlet or _outlet_like(last)):
        return title.strip(_EDGE), last
    return head.strip(_EDGE), ""


def _outlet_like(text: str) -> bool:
    return (text[0].isupper() or text[0].isdigit()) and len(text.split()) <= 6


def _names(text: str) -> tuple[str, ...]:
    """The authors when ``text`` is only personal names, else ``()``."""
    text = text.strip(_EDGE)
    names = tuple(part for part in _NAME_JOIN.split(text) if part)
    if names and all(_is_name(name) for name in names):
        return names
    return ()


def _is_name(name: str) -> bool:
    """Two to four words, each an initial, a particle or a capitalised word."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    full = [w for w in words if not _PARTICLE.match(w) and not _INITIALS.match(w)]
    return bool(full) and all(
        _NAME_WORD.match(word) and not word[0].islower() for word in full
    )
