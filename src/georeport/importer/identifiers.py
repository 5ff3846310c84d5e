"""What identifies a source: URL, access date, DOI and ISBN, taken out of its text.

A DOI is found in any of its written forms ("DOI: 10.…", "doi:10.…",
"https://doi.org/10.…") and checked and normalised by idutils; an ISBN is
checked by python-stdnum (its check digit) and kept as written. Finding them
in prose needs patterns; deciding whether they are valid is left to the
libraries. "Retrieved from:", "Available at:" and their Russian, Italian,
French and German forms introduce the URL, and are dropped with or without
one; "Accessed 12 January 2022" becomes ``urldate`` in ISO form. An original
edition's year, "(ed. or. 2021)", is taken out too, into ``note``.
"""

# The patterns hold Cyrillic letters and typographic apostrophes on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass, field

import idutils
from stdnum import isbn as stdnum_isbn

from georeport.importer.dates import find_date

_LABEL = (
    r"(?:retrieved|available|accessible|downloaded)(?:\s+online)?\s+(?:from|at|on)"
    r"(?:\s+(?:the\s+)?world\s+wide\s+web)?"  # ISO 690 (1997)
    r"|online\s*:|url\s*:|link\s*:|режим\s+доступа|доступно\s+по\s+ссылке"
    r"|available\s+online|disponibile\s+(?:su|a|in|online|all[’']indirizzo)"
    r"|(?:consultabile|reperibile)\s+(?:su|online|all[’']indirizzo)"
    r"|disponible\s+(?:sur|en)"
    r"|verfügbar\s+unter|abrufbar\s+unter|source\s*:|manba\s*:|kaynak\s*:"
    r"|(?<=\0)\s*,?\s*from"  # "Retrieved 2 March 2023 from:", the date taken
)
#: "Retrieved from:" and the like, with the colon, as a phrase of its own
RETRIEVED = re.compile(rf"(?<![\w/])(?:{_LABEL})(?!\w)\s*:?", re.I)
_ACCESS_WORD = (
    r"(?:last\s+)?(?:accessed|retrieved|consulted|viewed|visited|cited)(?:\s+on)?"
    r"|дата\s+обращения|дата\s+доступу|дата\s+звернення|дата\s+посещения"
    r"|қаралған\s+күні|erişim(?:\s+tarihi)?|ultimo\s+accesso|data\s+di\s+accesso"
    r"|ultima\s+consultazione|data\s+di\s+consultazione|visitato\s+il|accesso(?=\s*:)"
    r"|дата\s+доступа|date\s+of\s+access|murojaat\s+sanasi|кирүү\s+датасы"
    r"|переглянуто|cit\.(?=\s*\d{4}-\d\d)"
    r"|consultato\s+(?:il|in\s+data)"
    r"|consulté\s+le|abgerufen\s+am|zugriff\s+am|zuletzt\s+abgerufen(?:\s+am)?"
    r"|consultado\s+el|просмотрено|извлечено|ult(?:ima|\.)\s*cons\.|dati\s+estratti\s+il"
    r"|istifadə\s+tarixi|murojaat\s+qilingan\s+sana|تاریخ\s+دسترسی|تاريخ\s+الاطلاع|تاريخ\s+الوصول"
    # MLA 7's "Web. 17 June 2014."
    r"|web\.(?=\s*\d{1,2}\s+[^\W\d_]{3,9}\.?\s+\d{4}\.?\s*$)"
)
_ACCESS = re.compile(rf"[\[(]?\s*(?:{_ACCESS_WORD})\s*:?\s*", re.I)
#: a host's name without its scheme: the domains the journal's sources use
HOST = (
    r"(?:[a-z0-9-]+\.)+(?:com|org|net|int|edu|gov|info|eu|kz|kg|uz|tj|tm|am|az|ge|"
    r"ru|ua|by|md|mn|it|uk|de|fr|cn|tr|ir|io|news)"
)
URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"«»\0]+"
    # MLA's bare "eurasianet.org/kazakhstan-…": a host with a path, no scheme
    rf"|(?<![\w@./]){HOST}/[^\s<>\"«»\0]*",
    re.I,
)
_DOI = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*[:.]?\s*)?\b(?P<bare>10\.\d{4,9}/[^\s\"<>]+)",
    re.I,
)
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*(?P<isbn>[0-9][0-9\- ]{7,15}[0-9Xx])\b")
_TRAILING = ".,;:"


@dataclass
class Identifiers:
    """The identifiers of one source; ``rest`` is its text without them."""

    rest: str
    url: str = ""
    urldate: str = ""
    doi: str = ""
    isbn: str = ""
    #: words that looked like an identifier and are none, kept as a note
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: "Retrieved from:" or a URL was there: the source is read on the web
    online: bool = False
    #: a comma ended the words before the identifiers ("Title, Retrieved from:")
    open_end: bool = False


def take_identifiers(text: str) -> Identifiers:
    """Split ``text`` into its identifiers and the rest."""
    found = Identifiers(text)
    _take_access_date(found)
    _take_doi(found)
    _take_isbn(found)
    _take_urls(found)
    _take_original_edition(found)
    found.open_end = found.open_end or bool(re.search(r",\s*$", found.rest))
    found.rest = _tidy(found.rest)
    return found


def _take_access_date(found: Identifiers) -> None:
    for match in _ACCESS.finditer(found.rest):
        after = found.rest[match.end() :]
        date = find_date(after[:40])
        if date is None or after[: date[0].start()].strip(" ,:"):
            continue
        end = match.end() + date[0].end()
        if found.rest[match.start()] in "[(":
            closing = re.match(r"\s*[\])]", found.rest[end:])
            end += closing.end() if closing else 0
        found.urldate = date[1]
        found.rest = f"{found.rest[: match.start()]}\0{found.rest[end:]}"
        return


#: the year of the original edition, in parentheses after the imprint:
#: "(ed. or. 2021)", "(orig. pub. 1983)", "(first published 1962)"
_ORIGINAL_EDITION = re.compile(
    r"\(\s*(?P<words>(?:ed\.\s*or(?:ig)?\.|ed\.\s+originale|orig\.(?:\s+pub\.)?|"
    r"(?:first|originally)\s+published(?:\s+in)?|1st\s+ed\.|éd\.\s+orig\.|"
    r"Originalausgabe|первое\s+изд\.)[^()]{0,30}?(?:1[5-9]|20)\d\d)\s*\)",
    re.I,
)


def _take_original_edition(found: Identifiers) -> None:
    """The original edition's year is a note: it is not the work's year, and
    read with the rest its words were scattered."""
    match = _ORIGINAL_EDITION.search(found.rest)
    if match is None:
        return
    found.notes.append(match["words"])
    # no hole: the marks around the parentheses are the imprint's own
    found.rest = found.rest[: match.start()].rstrip() + found.rest[match.end() :]


def _take_doi(found: Identifiers) -> None:
    for match in _DOI.finditer(found.rest):
        written = _strip_end(match.group())
        # idutils reads "doi:10.…" and links, not "DOI 10.…": it is given the
        # DOI itself when the label is one it does not know
        bare = _strip_end(match["bare"])
        checked = written if idutils.is_doi(written) else bare
        doi = idutils.normalize_doi(checked) if idutils.is_doi(checked) else None
        if not doi:
            continue
        found.doi = doi
        end = match.start() + len(written)
        found.rest = f"{found.rest[: match.start()]}\0{found.rest[end:]}"
        return


def _take_isbn(found: Identifiers) -> None:
    match = _ISBN.search(found.rest)
    if match is None:
        return
    written = " ".join(match["isbn"].split())
    if stdnum_isbn.is_valid(written):
        found.isbn = written
    else:
        found.notes.append(match.group())
        found.warnings.append(f"{match.group()!r} is not a valid ISBN: kept in note")
    found.rest = f"{found.rest[: match.start()]}\0{found.rest[match.end() :]}"


def _take_urls(found: Identifiers) -> None:
    """The URL, and "Retrieved from:" before it (or alone) dropped."""
    labels = list(RETRIEVED.finditer(found.rest))
    if labels:
        found.online = True
    urls = list(URL.finditer(found.rest))
    for match in reversed(urls):
        url = _strip_end(match.group())
        if not found.url:
            found.url = url
        else:
            found.notes.insert(0, url)
            found.warnings.append(f"a second URL {url!r}: kept in note")
        start, end = match.start(), match.start() + len(url)
        if found.rest[:start].endswith("<") and found.rest[end:].startswith(">"):
            start, end = start - 1, end + 1  # ISO 690's "<https://…>"
        found.rest = f"{found.rest[:start]}\0{found.rest[end:]}"
    if found.url and found.doi and _is_doi_link(found.url, found.doi):
        found.url = ""
    found.online = found.online or bool(urls)
    for match in reversed(list(RETRIEVED.finditer(found.rest))):
        after = found.rest[match.end() :]
        if not after.replace("\0", "").strip(" .") and re.search(
            r",[\s\0.]*$", found.rest[: match.start()]
        ):
            found.open_end = True
        following = re.match(r"\s*([^;]*?)\s*[.]?\s*$", after)
        words = following.group(1).replace("\0", "").strip(" .,") if following else ""
        if words and not _more_source(words):
            found.notes.insert(0, f"{match.group().strip()} {words}")
            found.warnings.append(
                f"{match.group().strip()} {words!r} is not a URL: kept in note"
            )
            found.rest = found.rest[: match.start()]
        else:
            found.rest = f"{found.rest[: match.start()]}\0{after}"


def _more_source(words: str) -> bool:
    """Words after "Retrieved from:" that go on with the source (a date)."""
    return find_date(words, whole=True) is not None


def _is_doi_link(url: str, doi: str) -> bool:
    return idutils.is_doi(url) is not None and idutils.normalize_doi(url) == doi


def _strip_end(text: str) -> str:
    """A URL or DOI without the sentence's punctuation after it."""
    while text and (
        text[-1] in _TRAILING
        or (text[-1] == ")" and text.count("(") < text.count(")"))
        or (text[-1] == "]" and text.count("[") < text.count("]"))
    ):
        text = text[:-1]
    return text


def _tidy(text: str) -> str:
    """Spaces collapsed, and no orphan punctuation where identifiers were.

    Only the places marked ``\\0`` (where something was taken out) are
    touched: the author's own punctuation stays as written.
    """
    text = _HOLE.sub(lambda match: f"{match[1]} ", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", " ".join(text.split()))
    return text.strip(" ,;:")


#: punctuation, a hole (or several) and punctuation: the first mark stays
_HOLE = re.compile(r"\s*([,.;:]?)\s*\0(?:\s*[,.;:]?\s*\0)*\s*[,.;:]?")
