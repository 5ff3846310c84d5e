"""schema.org JSON-LD of the journal, its volumes, issues and reports.

One shape for every page that describes them: a report's page
(:mod:`.report_head`) and the issue and volume pages (:mod:`.journal_pages`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Author, Funding, Journal, Report
    from ..model.catalogue import Issue, Volume


def script_json(data: Any) -> str:
    """JSON for a ``<script>`` element: "</script>" or "<!--" in a value can
    neither end nor comment it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def periodical(journal: Journal) -> dict[str, Any]:
    """The journal as a schema.org ``Periodical``."""
    found: dict[str, Any] = {
        "@type": "Periodical",
        "name": journal.title,
        "issn": journal.issn,
    }
    if journal.publisher:
        found["publisher"] = {"@type": "Organization", "name": journal.publisher}
    if journal.base_url:
        found["url"] = journal.base_url
    return found


def person(author: Author) -> dict[str, Any]:
    """An author as a schema.org ``Person``: ORCID iD, affiliation, its ROR ID."""
    found: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.orcid:
        found["identifier"] = author.orcid_url
    if author.affiliation:
        organization: dict[str, Any] = {
            "@type": "Organization",
            "name": author.affiliation,
        }
        if author.ror:
            organization["identifier"] = author.ror_url
        found["affiliation"] = organization
    return found


def grant(funding: Funding) -> dict[str, Any]:
    """A funder and its award as a schema.org ``Grant``."""
    funder: dict[str, Any] = {"@type": "Organization", "name": funding.funder}
    if funding.funder_id:
        funder["identifier"] = funding.funder_id_url
    found: dict[str, Any] = {"@type": "Grant", "funder": funder}
    if funding.award:
        found["identifier"] = funding.award
    return found


def article(report: Report) -> dict[str, Any]:
    """A report as a schema.org ``ScholarlyArticle``, without its issue."""
    found: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "headline": report.title,
        "author": [person(author) for author in report.people],
        "datePublished": report.date.iso(),
        "inLanguage": report.language,
    }
    if report.licence is not None:
        found["license"] = report.licence.url
    if report.funding:
        found["funding"] = [grant(funding) for funding in report.funding]
    if report.page_url:
        found["url"] = report.page_url
    if report.doi:
        # schema.org's way for an identifier with a scheme (as Google's
        # Dataset and Zenodo's records write a DOI), and the DOI's link as
        # the same work elsewhere
        found["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "doi",
            "value": report.doi,
        }
        found["sameAs"] = report.doi_url
    return found


def volume_json(journal: Journal, number: int, docname: str = "") -> dict[str, Any]:
    """Volume ``number`` as a ``PublicationVolume`` in its periodical (with the
    URL of its page, ``docname``, if the journal has one)."""
    found: dict[str, Any] = {
        "@type": "PublicationVolume",
        "volumeNumber": str(number),
        "isPartOf": periodical(journal),
    }
    if journal.base_url and docname:
        found["url"] = journal.page_url(docname)
    return found


def issue_json(journal: Journal, issue: Issue, volume: Volume) -> dict[str, Any]:
    """An issue as a ``PublicationIssue`` in its volume and periodical, with
    its reports."""
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "issueNumber": str(issue.number),
        "datePublished": issue.date.iso(),
        "name": issue.label,
        "isPartOf": volume_json(journal, volume.number, volume.docname),
        "hasPart": [article(report) for report in issue.reports],
    }
    if journal.base_url:
        found["url"] = journal.page_url(issue.docname)
    return found
