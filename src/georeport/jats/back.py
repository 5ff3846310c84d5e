"""The ``ref-list`` of a report's JATS file: each cited BibTeX entry as an
``element-citation``, with the fields the house style prints
(:mod:`georeport.bib.style`): authors and editors, title, journal or book,
volume, issue, edition, series, pages, publisher and place, institution or
school, date, ISBN, DOI, URL and its access date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..bib.latex_text import decode
from ..bib.style import link_target
from ..model.doi import cited as cited_doi
from .xml import HREF, add

if TYPE_CHECKING:
    from lxml import etree
    from pybtex.database import Entry, Person

#: BibTeX types and the ``publication-type`` JATS4R gives them.
_TYPES = {
    "article": "journal",
    "book": "book",
    "periodical": "book",
    "incollection": "book",
    "inbook": "book",
    "inproceedings": "confproc",
    "conference": "confproc",
    "proceedings": "confproc",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
}
#: Types whose title is the part (``article-title``) of a whole (``source``).
_PARTS = frozenset({"article", "incollection", "inbook", "inproceedings"})
#: Types published by a site: its name is the ``source``.
_SITES = frozenset({"misc", "online", "electronic", "www", "webpage"})
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")


def _field(entry: Entry, name: str) -> str:
    """A field read as BibTeX (``{\\"o}``, ``--``, braces), as the style reads it."""
    value = entry.fields.get(name, "")
    return " ".join(str(decode(value)).split()) if value else ""


def _plain(text: object) -> str:
    return " ".join(str(text).split())


def _person(group: etree._Element, person: Person) -> None:
    last = " ".join(
        _plain(p) for p in [*person.rich_prelast_names, *person.rich_last_names]
    )
    given = " ".join(
        _plain(p) for p in [*person.rich_first_names, *person.rich_middle_names]
    )
    if not last:
        add(group, "string-name", given)
        return
    name = add(group, "name")
    add(name, "surname", last)
    if given:
        add(name, "given-names", given)
    suffix = " ".join(_plain(p) for p in person.rich_lineage_names)
    if suffix:
        add(name, "suffix", suffix)


def _people(citation: etree._Element, entry: Entry, role: str) -> None:
    persons = entry.persons.get(role, [])
    if not persons:
        return
    group = add(citation, "person-group", person_group_type=role)
    for person in persons:
        if str(person) == "others":  # "and others": et al.
            add(group, "etal")
        else:
            _person(group, person)


def _date(citation: etree._Element, entry: Entry) -> None:
    year, month, day = _field(entry, "year"), "", ""
    match = _DATE.match(_field(entry, "date"))
    if match:
        year = year or match.group(1)
        month, day = match.group(2) or "", match.group(3) or ""
    if year:
        add(citation, "year", year)
    if month:
        add(citation, "month", f"{int(month):02d}")
    if day:
        add(citation, "day", f"{int(day):02d}")


def _pages(citation: etree._Element, entry: Entry) -> None:
    pages = [page for page in _DASHES.split(_field(entry, "pages")) if page]
    if pages:
        add(citation, "fpage", pages[0])
    if len(pages) > 1:
        add(citation, "lpage", pages[-1])


def _source(entry: Entry, kind: str) -> str:
    """The whole the work belongs to, or the work itself when it is one."""
    if kind == "article":
        return _field(entry, "journal") or _field(entry, "journaltitle")
    if kind in _PARTS:
        return _field(entry, "booktitle")
    if kind in _SITES:
        return (
            _field(entry, "journaltitle")
            or _field(entry, "howpublished")
            or _field(entry, "organization")
        )
    return ""


def element_citation(ref: etree._Element, entry: Entry) -> None:
    """One entry as an ``element-citation``, its elements in the DTD's order."""
    kind = entry.type.lower()
    url = link_target(entry.fields.get("url", "")) or ""
    publication_type = _TYPES.get(kind, "webpage" if url else "other")
    citation = add(ref, "element-citation", publication_type=publication_type)
    _people(citation, entry, "author")
    _people(citation, entry, "editor")
    title, source = _field(entry, "title"), _source(entry, kind)
    if source and title:
        add(citation, "article-title", title)
    if source or title:
        add(citation, "source", source or title)
    _date(citation, entry)
    for field, tag in (("volume", "volume"), ("edition", "edition")):
        if _field(entry, field):
            add(citation, tag, _field(entry, field))
    number = _field(entry, "number") or _field(entry, "issue")
    if number and kind == "article":
        add(citation, "issue", number)
    series = _field(entry, "series")
    if series:
        add(citation, "series", series)
    _pages(citation, entry)
    place = _field(entry, "address") or _field(entry, "location")
    if place:
        add(citation, "publisher-loc", place)
    publisher = _field(entry, "publisher")
    if not publisher and _field(entry, "organization") != source:
        publisher = _field(entry, "organization")
    if publisher:
        add(citation, "publisher-name", publisher)
    institution = _field(entry, "institution") or _field(entry, "school")
    if institution:
        add(citation, "institution", institution)
    if kind in ("report", "techreport", "thesis", "phdthesis", "mastersthesis"):
        described = " ".join(filter(None, (_field(entry, "type"), number)))
        if described:
            add(citation, "comment", described)
    isbn = _field(entry, "isbn")
    if isbn:
        add(citation, "isbn", isbn)
    doi = entry.fields.get("doi", "").strip()
    try:
        doi = cited_doi(doi) if doi else ""
    except ValueError:  # refused by the BibTeX checks: never in a build
        doi = ""
    if doi:
        add(citation, "pub-id", doi, pub_id_type="doi")
    if url:
        add(citation, "ext-link", url, ext_link_type="uri").set(HREF, url)
    accessed = _field(entry, "urldate")
    if accessed:
        add(citation, "date-in-citation", accessed, content_type="access-date")


def ref_list(back: etree._Element, cited: Sequence[Entry]) -> None:
    """``ref-list``: the cited entries, in the order of their first citation."""
    if not cited:
        return
    element = add(back, "ref-list")
    for number, entry in enumerate(cited, start=1):
        element_citation(add(element, "ref", id=f"ref{number}"), entry)
