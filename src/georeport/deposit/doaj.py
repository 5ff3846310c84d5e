"""An issue's article metadata for DOAJ, in DOAJ's own XML (``doajArticles.xsd``).

DOAJ takes article metadata as DOAJ XML, Crossref 4.4.2 or Crossref 5.3.1
(its documentation, ``/docs/xml/``). DOAJ XML is written here, because:

* it needs no DOI: every report of the issue goes, where a Crossref deposit
  holds only the reports with one (the repository's journal has none);
* DOAJ reads more of it: its crosswalk of Crossref XML takes the titles,
  authors (name, first affiliation, ORCID iD), abstract, DOI and the
  ``resource`` address, and leaves the keywords out; DOAJ XML carries the
  language, keywords and the full text's format too;
* its schema is DOAJ's own, small, and validated in the tests
  (``tests/data/doaj``).

DOAJ XML has no element for a licence, a ROR ID or a funder: DOAJ holds the
licence in the journal's record (set once, on DOAJ's site), as the guide
says. (``georeport deposit crossref --schema 5.3.1`` writes the Crossref
form DOAJ also takes, with them.)

One ``record`` a report, in publication order: language (ISO 639-2/B),
publisher, journal title, the ISSN as ``eissn`` (the journal is published
online), date, volume, issue, DOI, the file name as ``publisherRecordId``,
title, authors (name, affiliation, ORCID iD), abstract, the page as the full
text (``fullTextUrl format="html"``), keywords. Written with lxml: every
value a text node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ..model.language import iso639_2b
from . import DepositError
from .crossref import issue_reports

if TYPE_CHECKING:
    from ..model import Report
    from .reader import Project


def _add(parent: etree._Element, name: str, text: str = "", **attrs: str) -> None:
    if text:
        etree.SubElement(parent, name, attrs).text = text


def _record(records: etree._Element, report: Report) -> None:
    if not report.page_url:
        msg = (
            "DOAJ links each article to its full text: set georeport_base_url "
            "in conf.py (the address the HTML edition is served from)"
        )
        raise DepositError(msg)
    journal = report.journal
    language = iso639_2b(report.language)
    lang = {"language": language} if language else {}
    record = etree.SubElement(records, "record")
    _add(record, "language", language)
    _add(record, "publisher", journal.publisher)
    _add(record, "journalTitle", journal.title)
    _add(record, "eissn", journal.issn)
    _add(record, "publicationDate", report.date.iso())
    _add(record, "volume", str(report.volume))
    _add(record, "issue", str(report.issue))
    _add(record, "doi", report.doi)
    _add(record, "publisherRecordId", report.slug)
    _add(record, "documentType", "article")
    _add(record, "title", report.title, **lang)
    people = report.people
    affiliations = list(dict.fromkeys(a.affiliation for a in people if a.affiliation))
    authors = etree.SubElement(record, "authors")
    for author in people:
        element = etree.SubElement(authors, "author")
        _add(element, "name", author.name)
        if author.affiliation:
            number = affiliations.index(author.affiliation) + 1
            _add(element, "affiliationId", str(number))
        _add(element, "orcid_id", author.orcid_url)
    if affiliations:
        listed = etree.SubElement(record, "affiliationsList")
        for number, name in enumerate(affiliations, start=1):
            _add(listed, "affiliationName", name, affiliationId=str(number))
    _add(record, "abstract", "\n\n".join(report.abstract_paragraphs), **lang)
    _add(record, "fullTextUrl", report.page_url, format="html")
    if report.keywords:
        keywords = etree.SubElement(record, "keywords", lang)
        for keyword in report.keywords:
            _add(keywords, "keyword", keyword)


def records(reports: list[Report]) -> bytes:
    """The DOAJ XML of ``reports``, in their order."""
    root = etree.Element("records")
    for report in reports:
        _record(root, report)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def doaj(project: Project, volume: int, issue: int) -> bytes:
    """The DOAJ XML of issue ``volume``-``issue``: every report of it."""
    reports = issue_reports(project, volume, issue)
    return records(reports)
