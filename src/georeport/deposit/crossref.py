"""One Crossref deposit per issue: a ``doi_batch`` of schema 5.4.0.

Crossref registers a DOI when the journal sends it the article's metadata
as a ``doi_batch`` file. This module writes one per issue, from the model
and the sources the reports cite:

* the journal (full title, the ISSN as ``electronic``: the journal is
  published online), the issue (publication date, volume, issue);
* one ``journal_article`` per report of the issue with a DOI, in publication
  order (:mod:`georeport.catalogue`): title, contributors in order (given
  name and surname split as the exports split them,
  :func:`georeport.exports.family_given`; affiliation; ORCID iD),
  publication date, language, ``doi_data`` (the DOI and the page's URL), and
  the ``citation_list`` of the works it cites: the DOI where the entry has
  one, else the entry as the References print it (``unstructured_citation``);
* the head: depositor and registrant from ``conf.py``, a ``doi_batch_id``
  made from the hash of the body, and a ``timestamp`` from the sources (the
  newest report's date, or ``SOURCE_DATE_EPOCH``): the same sources give the
  same bytes.

Schema 5.4.0 is the version OJS and Janeway deposit, and one whose XSD a
PyPI package carries (commonmeta-py); ``tests/test_crossref.py`` validates
every deposit against it, offline. The XML is written with lxml: every text
is a text node, escaped by the library.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree
from pybtex.plugin import find_plugin

from ..exports import family_given
from ..files import write_if_changed
from ..model.catalogue import issue_date, publication_key
from . import DepositError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from pybtex.database import Entry

    from ..model import Author, PartialDate, Report
    from .reader import Project

#: The schema's version and namespace; 5.3.1 is the one DOAJ also takes.
VERSION = "5.4.0"
VERSIONS = ("5.4.0", "5.3.1")
NAMESPACE = f"http://www.crossref.org/schema/{VERSION}"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The namespaces of the programs and the abstract, the same in both versions.
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
FUNDREF = "http://www.crossref.org/fundref.xsd"
ACCESS = "http://www.crossref.org/AccessIndicators.xsd"
#: Where Similarity Check (Turnitin, once iParadigms) crawls the full text.
SIMILARITY_CHECK = "iParadigms"


def namespace(version: str) -> str:
    """The namespace of schema ``version``."""
    return f"http://www.crossref.org/schema/{version}"


def schema_location(version: str) -> str:
    """``xsi:schemaLocation`` of schema ``version``."""
    return (
        f"{namespace(version)} https://www.crossref.org/schemas/crossref{version}.xsd"
    )


#: Settings a deposit needs, in the order messages name them.
DEPOSITOR_NAME = "georeport_crossref_depositor_name"
DEPOSITOR_EMAIL = "georeport_crossref_depositor_email"
REGISTRANT = "georeport_crossref_registrant"
#: A DOI as Crossref's ``doi_t`` takes it (a cited work's).
_DOI_T = re.compile(r"10\.\d{4,9}/[^\r\n]{1,200}")
#: A name as Crossref's ``given_name``, ``surname`` take it (XSD pattern:
#: digits only in its middle, no "?" at its end, 60 characters at most).
_NAME_T = re.compile(r"[^\d?]*[^?\s]+[^\d]*")
_NAME_MAX = 60


def _add(
    parent: etree._Element, tag: str, text: str = "", **attrs: str
) -> etree._Element:
    """A child element holding ``text`` (as text: lxml escapes it), in the
    namespace of ``parent`` unless ``tag`` is ``{namespace}name``."""
    if not tag.startswith("{"):
        tag = f"{{{etree.QName(parent).namespace}}}{tag}"
    child = etree.SubElement(parent, tag, attrs)
    if text:
        child.text = text
    return child


@dataclass(frozen=True)
class Depositor:
    """Who deposits (``head/depositor``) and who owns the DOIs (``registrant``)."""

    name: str
    email: str
    registrant: str

    @classmethod
    def from_settings(cls, settings: Mapping[str, object], publisher: str) -> Depositor:
        """The settings of ``conf.py``; missing ones are an error that names
        them (the registrant defaults to the publisher)."""

        def get(name: str) -> str:
            value = settings.get(name) or ""
            return (value if isinstance(value, str) else str(value)).strip()

        registrant = get(REGISTRANT) or publisher
        missing = [
            name
            for name, value in (
                (DEPOSITOR_NAME, get(DEPOSITOR_NAME)),
                (DEPOSITOR_EMAIL, get(DEPOSITOR_EMAIL)),
                (REGISTRANT + " (or georeport_publisher)", registrant),
            )
            if not value
        ]
        if missing:
            msg = (
                f"a Crossref deposit names who deposits and who owns the DOIs: "
                f"set {', '.join(missing)} in conf.py, e.g. "
                f'{DEPOSITOR_NAME} = "SpecialEurasia", '
                f'{DEPOSITOR_EMAIL} = "doi@example.org"'
            )
            raise DepositError(msg)
        email = get(DEPOSITOR_EMAIL)
        if len(email) < 6 or "@" not in email:
            msg = f"{DEPOSITOR_EMAIL} {email!r} is no e-mail address: write one"
            raise DepositError(msg)
        return cls(get(DEPOSITOR_NAME), email, registrant)


@dataclass(frozen=True)
class Deposit:
    """One issue's ``doi_batch`` and what it left out."""

    volume: int
    issue: int
    xml: bytes
    #: the reports of the issue without a DOI
    skipped: tuple[Report, ...]

    @property
    def name(self) -> str:
        """``15-1.xml``: its file name under ``build/deposits/``."""
        return f"{self.volume}-{self.issue}.xml"


def _date(parent: etree._Element, name: str, date: PartialDate) -> None:
    """A ``date_t`` (month, day, year), of the online edition."""
    element = _add(parent, name, media_type="online")
    if date.month:
        _add(element, "month", f"{date.month:02d}")
        if date.day:
            _add(element, "day", f"{date.day:02d}")
    _add(element, "year", f"{date.year:04d}")


def _name(report: Report, author: Author, part: str, value: str) -> str:
    """A name part Crossref takes; one it refuses is an error naming it."""
    if len(value) > _NAME_MAX or not _NAME_T.fullmatch(value):
        msg = (
            f"{report.docname}.md: Crossref cannot take the author {author.name!r}: "
            f"its {part} {value!r} must be at most {_NAME_MAX} characters, with "
            "digits only between letters and no '?' at its end; correct the name "
            "in 'authors', or leave the report's DOI out of this deposit"
        )
        raise DepositError(msg)
    return value


def _contributors(parent: etree._Element, report: Report) -> None:
    element = _add(parent, "contributors")
    for number, author in enumerate(report.people):
        family, given = family_given(author.name)
        if not family:
            family, given = given, ""
        person = _add(
            element,
            "person_name",
            sequence="first" if number == 0 else "additional",
            contributor_role="author",
        )
        if given:
            _add(person, "given_name", _name(report, author, "given name", given))
        _add(person, "surname", _name(report, author, "surname", family))
        if author.affiliation:
            institution = _add(_add(person, "affiliations"), "institution")
            _add(institution, "institution_name", author.affiliation)
            if author.ror:
                _add(institution, "institution_id", author.ror_url, type="ror")
        if author.orcid:
            _add(person, "ORCID", author.orcid_url)


def _cited_doi(entry: Entry) -> str:
    """A cited work's DOI, as Crossref takes it, or ``""``."""
    import idutils  # 0.2 s to import: only when a cited work has a DOI

    value = entry.fields.get("doi", "").strip()
    if not value or not idutils.is_doi(value):
        return ""
    doi = idutils.normalize_doi(value).strip()
    return doi if _DOI_T.fullmatch(doi) else ""


def _citations(parent: etree._Element, entries: Sequence[Entry], style: str) -> None:
    """The works a report cites: the DOI, else the house style's text."""
    if not entries:
        return
    formatter = find_plugin("pybtex.style.formatting", style)()
    element = _add(parent, "citation_list")
    for number, entry in enumerate(entries, start=1):
        citation = _add(element, "citation", key=f"ref{number}")
        doi = _cited_doi(entry)
        if doi:
            _add(citation, "doi", doi)
            continue
        text = formatter.format_entry("", entry).text.render_as("text")
        _add(citation, "unstructured_citation", " ".join(text.split()))


def _language(report: Report) -> dict[str, str]:
    """The ``language`` attribute: ISO 639-1, the primary subtag of the
    report's BCP 47 tag (``pt-BR``: ``pt``)."""
    primary = report.language.split("-", 1)[0].lower()
    return {"language": primary} if len(primary) == 2 and primary.isalpha() else {}


def _abstract(parent: etree._Element, report: Report) -> None:
    """``jats:abstract``, a ``jats:p`` a paragraph."""
    if report.abstract_paragraphs:
        abstract = _add(parent, f"{{{JATS}}}abstract")
        for paragraph in report.abstract_paragraphs:
            _add(abstract, "p", paragraph)


def _funding(parent: etree._Element, report: Report) -> None:
    """``fr:program``: one ``fundgroup`` a funder, its name, its Funder ID
    and its award number."""
    if not report.funding:
        return
    program = _add(parent, f"{{{FUNDREF}}}program", name="fundref")
    for funding in report.funding:
        group = _add(program, "assertion", name="fundgroup")
        funder = _add(group, "assertion", funding.funder, name="funder_name")
        if funding.funder_id:
            _add(
                funder,
                "assertion",
                funding.funder_id_url,
                name="funder_identifier",
            )
        if funding.award:
            _add(group, "assertion", funding.award, name="award_number")


def _licence(parent: etree._Element, report: Report) -> None:
    """``ai:program``: the licence of the version of record, from the day the
    report was published (its first day known: ``2022-01`` is 2022-01-01)."""
    licence = report.licence
    if licence is None:
        return
    date = report.date
    start = f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"
    program = _add(parent, f"{{{ACCESS}}}program", name="AccessIndicators")
    _add(program, "license_ref", licence.url, applies_to="vor", start_date=start)


def _full_text(doi_data: etree._Element, report: Report) -> None:
    """The PDF for text mining and for Similarity Check's crawler."""
    mining = _add(_add(doi_data, "collection", property="text-mining"), "item")
    _add(mining, "resource", report.pdf_url, mime_type="application/pdf")
    crawled = _add(doi_data, "collection", property="crawler-based")
    _add(_add(crawled, "item", crawler=SIMILARITY_CHECK), "resource", report.pdf_url)


def _article(
    parent: etree._Element,
    report: Report,
    cited: Sequence[Entry],
    style: str,
    with_pdf: bool,
) -> None:
    if not report.page_url:
        msg = (
            "a deposit gives each DOI the page it resolves to: set "
            "georeport_base_url in conf.py (the address the HTML edition is "
            "served from)"
        )
        raise DepositError(msg)
    article = _add(
        parent, "journal_article", publication_type="full_text", **_language(report)
    )
    _add(_add(article, "titles"), "title", report.title)
    _contributors(article, report)
    _abstract(article, report)
    _date(article, "publication_date", report.date)
    _funding(article, report)
    _licence(article, report)
    doi_data = _add(article, "doi_data")
    _add(doi_data, "doi", report.doi)
    _add(doi_data, "resource", report.page_url)
    if with_pdf:
        _full_text(doi_data, report)
    _citations(article, cited, style)


def _timestamp(reports: Sequence[Report]) -> str:
    """``YYYYMMDDhhmmss``: ``SOURCE_DATE_EPOCH`` when set, else the first
    second of the newest report's date. Crossref keeps the metadata of the
    deposit with the greatest timestamp: to update a deposit whose reports'
    dates did not change, set ``SOURCE_DATE_EPOCH`` (``guide/dois.md``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    else:
        newest = max((r.date.year, r.date.month or 1, r.date.day or 1) for r in reports)
        moment = datetime.datetime(*newest, tzinfo=datetime.UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def doi_batch(
    reports: Sequence[Report],
    cited: Mapping[str, Sequence[Entry]],
    depositor: Depositor,
    style: str = "georeport",
    *,
    with_pdf: bool = False,
    version: str = VERSION,
) -> bytes:
    """The ``doi_batch`` of one issue's ``reports`` (all of the issue: those
    with a DOI are deposited, the issue is dated by all); ``cited``: the
    entries each report cites, by docname; ``with_pdf``: each report's PDF
    is published beside its page (its address for text mining and
    Similarity Check); ``version``: one of :data:`VERSIONS`."""
    ordered = sorted(reports, key=publication_key)
    first = ordered[0]
    journal = first.journal
    nsmap = {
        None: namespace(version),
        "xsi": _XSI,
        "jats": JATS,
        "fr": FUNDREF,
        "ai": ACCESS,
    }
    root = etree.Element(
        f"{{{namespace(version)}}}doi_batch", nsmap=nsmap, version=version
    )
    root.set(f"{{{_XSI}}}schemaLocation", schema_location(version))
    head = _add(root, "head")
    body = _add(root, "body")
    element = _add(body, "journal")
    metadata = _add(element, "journal_metadata")
    _add(metadata, "full_title", journal.title)
    _add(metadata, "issn", journal.issn, media_type="electronic")
    issue = _add(element, "journal_issue")
    _date(issue, "publication_date", issue_date(ordered))
    _add(_add(issue, "journal_volume"), "volume", str(first.volume))
    _add(issue, "issue", str(first.issue))
    for report in ordered:
        if report.doi:
            _article(element, report, cited.get(report.docname, ()), style, with_pdf)
    digest = hashlib.sha256(etree.tostring(body, method="c14n")).hexdigest()
    _add(head, "doi_batch_id", f"georeport-{first.volume}-{first.issue}-{digest[:20]}")
    _add(head, "timestamp", _timestamp(ordered))
    people = _add(head, "depositor")
    _add(people, "depositor_name", depositor.name)
    _add(people, "email_address", depositor.email)
    _add(head, "registrant", depositor.registrant)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def issue_reports(project: Project, volume: int, issue: int) -> list[Report]:
    """The reports of one issue, in publication order; none is an error that
    says what to check (every deposit is of an issue)."""
    reports = sorted(
        (r for r in project.reports.values() if (r.volume, r.issue) == (volume, issue)),
        key=publication_key,
    )
    if not reports:
        msg = (
            f"the journal has no report of volume {volume}, issue {issue}: "
            "check the numbers (each report's front matter gives its volume "
            "and issue)"
        )
        raise DepositError(msg)
    return reports


def deposit(
    project: Project, volume: int, issue: int, version: str = VERSION
) -> Deposit:
    """The deposit of issue ``volume``-``issue`` (in schema ``version``); an
    issue with no report or no DOI, or missing settings, is an error that
    says what to do."""
    reports = issue_reports(project, volume, issue)
    with_doi = [report for report in reports if report.doi]
    if not with_doi:
        msg = (
            f"no report of volume {volume}, issue {issue} has a DOI, so there is "
            "nothing to deposit: write doi: 10.NNNN/... in each report's front "
            "matter, or set georeport_doi_prefix in conf.py to make them"
        )
        raise DepositError(msg)
    depositor = Depositor.from_settings(project.settings, project.journal.publisher)
    cited = {report.docname: project.cited(report) for report in with_doi}
    xml = doi_batch(
        reports,
        cited,
        depositor,
        project.style,
        with_pdf=project.makes_pdfs,
        version=version,
    )
    skipped = tuple(report for report in reports if not report.doi)
    return Deposit(volume, issue, xml, skipped)


def all_deposits(project: Project) -> list[Deposit]:
    """A deposit of every issue that has a report with a DOI (for the
    editions: none when no depositor is set)."""
    if not project.setting(DEPOSITOR_NAME):
        return []
    issues = sorted({(r.volume, r.issue) for r in project.reports.values() if r.doi})
    return [deposit(project, volume, issue) for volume, issue in issues]


def say_skipped(found: Deposit) -> None:
    """One line on standard error for each report the deposit left out."""
    for report in found.skipped:
        print(
            f"georeport: {report.docname} has no DOI and is left out of the "
            f"deposit of volume {found.volume}, issue {found.issue}",
            file=sys.stderr,
        )


def configured(settings: Mapping[str, Any]) -> bool:
    """Does ``conf.py`` (its names, ``settings``) name a depositor? Without
    one the editions make no deposit, and need not read the project."""
    return bool(str(settings.get(DEPOSITOR_NAME) or "").strip())


def write_all(project: Project | None, folder: Path) -> list[Path]:
    """Write every issue's deposit into ``folder`` (the editions' ``deposits``):
    a file whose bytes did not change is left as it is, and the deposits of
    issues that no longer have one are removed. Nothing is written when
    ``conf.py`` names no depositor (``project`` None: not even read)."""
    deposits = [] if project is None else all_deposits(project)
    found = {folder / item.name: item.xml for item in deposits}
    if found:
        folder.mkdir(parents=True, exist_ok=True)
    for path, xml in sorted(found.items()):
        write_if_changed(path, xml)
    if folder.is_dir():
        for old in folder.glob("*.xml"):
            if old not in found:
                old.unlink()
    return sorted(found)
