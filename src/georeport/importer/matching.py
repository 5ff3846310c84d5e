"""One work, one entry: is a footnote's source a work already known?

A work is known when references.bib holds an entry for it, or when an earlier
footnote of the same import cited it. Two descriptions are of the same work
when they share a DOI, or a URL that names a page (not a site's front page),
or when their titles are the same up to case, accents, punctuation and small
slips (rapidfuzz's ratio, see :data:`SAME_TITLE`), with the same year and the
same first author's surname (or no author on either side). Either way, an
outlet both name (journal, organisation, publisher) must be the same one: two
sources both called "Kazakhstan" (2021), one by Freedom House and one by
Human Rights Watch, are two works.

The importer then cites the known entry's key. It never edits the user's
entry: what the footnote says that the entry does not (a URL, pages) is a
warning naming both, for the editor to decide.
"""

# Cyrillic letters and typographic marks in examples, on purpose.
# ruff: noqa: RUF003

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pybtex.database import Person
from rapidfuzz import fuzz

from georeport.bib.latex_text import decode
from georeport.importer.keys import ascii_word
from georeport.importer.names import family_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pybtex.database import Entry

    from georeport.importer.footnotes import Source

#: rapidfuzz ratio (0-100) from which two normalised titles are one title:
#: a dropped letter or a changed quote mark in a 20-letter title still is
SAME_TITLE = 90
#: ... and two outlets one outlet ("Radio Azattyq" / "Radio Azzatyq")
SAME_OUTLET = 85
#: fields naming where a work appeared: two works with outlets share one
OUTLETS = ("journal", "booktitle", "organization", "institution", "publisher")
#: fields derived by the importer, or kept by the matcher for itself
_NOT_SAID = {"langid"}
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Work:
    """What identifies one description of a work, normalised for comparing."""

    key: str
    #: its fields as plain text (BibTeX markup decoded), ``author`` included
    fields: dict[str, str]

    @classmethod
    def of_entry(cls, key: str, entry: Entry) -> Work:
        """A references.bib entry as a work."""
        fields = {
            name.lower(): str(decode(value)) for name, value in entry.fields.items()
        }
        for role, persons in entry.persons.items():
            fields[role.lower()] = " and ".join(str(person) for person in persons)
        return cls(key, fields)

    @classmethod
    def of_source(cls, key: str, source: Source) -> Work:
        """A footnote's source (``key`` may be "" before it has one)."""
        return cls(key, dict(source.fields()))

    @property
    def doi(self) -> str:
        return _DOI_PREFIX.sub("", self.fields.get("doi", "").strip()).lower()

    @property
    def page_url(self) -> str:
        """The URL without scheme, ``www.`` and end slash; "" for a front page."""
        url = self.fields.get("url", "").strip()
        if not url:
            return ""
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = parts.netloc.lower().removeprefix("www.")
        path = parts.path.rstrip("/")
        if not path and not parts.query:
            return ""
        return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")

    @property
    def title(self) -> str:
        return normal(self.fields.get("title", ""))

    @property
    def year(self) -> str:
        return self.fields.get("year", "").strip() or self.fields.get("date", "")[:4]

    @property
    def first_author(self) -> str:
        """The first author's family name (an organisation's whole name)."""
        names = self.fields.get("author", "") or self.fields.get("editor", "")
        first = re.split(r"\s+and\s+", names.strip(), maxsplit=1)[0]
        if not first:
            return ""
        family = family_name(first) or first  # "Евсеев В.В.": initials after
        # in Latin letters: "Евсеев В.В." and "V.V. Evseev" are one author
        return " ".join(ascii_word(word) for word in normal(family).split())

    @property
    def outlets(self) -> list[str]:
        return [normal(self.fields[name]) for name in OUTLETS if self.fields.get(name)]


def normal(text: str) -> str:
    """``text`` for comparing: accents, case, punctuation and braces dropped."""
    letters = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in letters if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", letters.casefold()).split())


def same_work(one: Work, other: Work) -> bool:
    """Do ``one`` and ``other`` describe the same work? (module docstring)"""
    return bool(why(one, other))


def why(one: Work, other: Work) -> str:
    """Why ``one`` and ``other`` are the same work, in words; "" if they are not.

    A DOI or a page's URL decides alone: the same identifier is the same work
    however the footnote names its journal ("Cent. Asian Surv."). Titles
    decide with the first author and the year, when no outlet both name
    differs (an outlet abbreviated is the same outlet).
    """
    if one.doi and other.doi:
        return f"same DOI {one.doi}" if one.doi == other.doi else ""
    if one.page_url and one.page_url == other.page_url:
        return f"same URL {one.page_url}"
    ours, theirs = one.outlets, other.outlets
    if ours and theirs and not any(_same_outlet(a, b) for a in ours for b in theirs):
        return ""
    if not (one.title and other.title) or one.year != other.year:
        return ""
    if one.first_author != other.first_author:
        return ""
    ratio = fuzz.ratio(one.title, other.title)
    if ratio < SAME_TITLE:
        return ""
    author = f"first author {one.first_author!r}" if one.first_author else "no author"
    title = "same title" if ratio == 100 else f"similar title ({ratio:.0f} %)"
    return f"{title}, {author}, year {one.year or 'none'}"


def _same_outlet(ours: str, theirs: str) -> bool:
    """One outlet, written whole or abbreviated ("Cent Asian Surv")."""
    if fuzz.ratio(ours, theirs) >= SAME_OUTLET:
        return True
    short, long = sorted((_expanded(ours), _expanded(theirs)), key=len)
    significant = [w for w in long if len(w) > 3 or w not in _OUTLET_STOPWORDS]
    return len(short) == len(significant) and all(
        full.startswith(part) for part, full in zip(short, significant, strict=True)
    )


def _expanded(outlet: str) -> list[str]:
    """An outlet's words, MLA's "UP", "U", "P" (University Press) written out."""
    return [word for part in outlet.split() for word in _MLA.get(part, [part])]


_MLA = {"up": ["university", "press"], "u": ["university"], "p": ["press"]}
#: the small words an abbreviated outlet leaves out ("Journal of the ...")
_OUTLET_STOPWORDS = {"of", "the", "and", "for", "in", "on", "a"}


def find(work: Work, known: Iterable[Work]) -> Work | None:
    """The first of ``known`` that is the same work as ``work``, if any."""
    return next((other for other in known if same_work(work, other)), None)


def entries(bibliography: Mapping[str, Entry]) -> list[Work]:
    """references.bib's entries as works, in the file's order."""
    return [Work.of_entry(key, entry) for key, entry in bibliography.items()]


def news(footnote: Work, entry: Work) -> list[str]:
    """What the footnote says that the entry does not, one phrase a field.

    ``author`` and ``title`` are compared as the matcher compares them, the
    rest as text up to case, white space and punctuation.
    """
    said = []
    for name, value in footnote.fields.items():
        theirs = entry.fields.get(name, "")
        if name in _NOT_SAID or not value.strip():
            continue
        if not theirs.strip():
            said.append(f"{name} {value!r}, which the entry lacks")
        elif normal(value) != normal(theirs) and not _same_enough(name, value, theirs):
            said.append(f"{name} {value!r} where the entry has {theirs!r}")
    return said


def _people(names: str) -> list[tuple[str, str]]:
    """Each name's (given names, family name), normalised: "Bifolchi, G." and
    "G. Bifolchi" are one name."""
    people = []
    for name in re.split(r"\s+and\s+", names.strip()):
        person = Person(name)
        given = " ".join(person.first_names + person.middle_names)
        family = " ".join(person.prelast_names + person.last_names)
        people.append((normal(given), normal(family)))
    return people


def _same_enough(name: str, ours: str, theirs: str) -> bool:
    if name in ("author", "editor"):
        return _people(ours) == _people(theirs)
    if name == "title":
        return fuzz.ratio(normal(ours), normal(theirs)) >= SAME_TITLE
    if name == "url":
        return Work("", {"url": ours}).page_url == Work("", {"url": theirs}).page_url
    if name == "doi":
        return Work("", {"doi": ours}).doi == Work("", {"doi": theirs}).doi
    if name in OUTLETS:
        return fuzz.ratio(normal(ours), normal(theirs)) >= SAME_OUTLET
    return False
