"""The tags of a report page's ``<head>``: Highwire, Dublin Core, JSON-LD.

Each indexer reads its own vocabulary: Google Scholar the Highwire
``citation_*`` tags, library tools Dublin Core, link previews Open Graph
(written by sphinxext-opengraph; this module adds the ``article:*`` tags and
per-page values), search engines schema.org JSON-LD. :mod:`.head` writes
them, in its order. Every value is escaped here, in full: nothing in a title
or a name can end an attribute or a script.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from pybtex.richtext import Text

from ..bib.latex_text import decode
from ..bib.style import link_target
from ..jats import MEDIA_TYPE
from ..model.doi import cited
from .bibtex.domain import bibtex_domain, cited_keys
from .context import build_context, meta
from .json_ld import article, script_json, volume_json

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx

    from ..model import Report
    from .context import Page


def scholar_date(report: Report) -> str:
    """Google Scholar's inclusion guidelines take a full date (``2010/5/12``)
    or a year alone (``2010``) in ``citation_publication_date``: nothing in
    between."""
    date = report.date
    if date.month and date.day:
        return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return str(date.year)


def month_date(report: Report) -> str:
    """``2022/01`` for a report dated to the month, else ``""``.

    Where Scholar's forms cannot hold the date (a year and a month),
    ``citation_publication_date`` keeps the year (a form Scholar documents; no
    day is made up) and ``citation_date`` adds the month. Reference managers
    read the latter last: Zotero's "Embedded Metadata" translator maps
    ``citation_publication_date``, ``citation_cover_date`` and
    ``citation_date`` to the item's date in that order, each one present
    replacing the one before, so the month reaches the reader's library. A
    full date or a year alone is written once, in ``citation_publication_date``:
    the two tags never disagree.
    """
    date = report.date
    if date.month and not date.day:
        return f"{date.year:04d}/{date.month:02d}"
    return ""


def _plain(text: Text | str) -> str:
    """Rich text as one line of plain text: white space folded."""
    return " ".join(str(text).split())


def _field(entry: Entry, name: str) -> str:
    """A field's BibTeX markup read as BibTeX (``\\%``, ``{\\"o}``, ``--``,
    ``{Protected}``, ``\\emph{x}``) with :func:`georeport.bib.latex_text.decode`,
    as the house style's ``field()`` reads it: the tags say what the page shows."""
    if not entry.fields.get(name):
        return ""
    return _plain(decode(entry.fields[name]))


def _person(person: Person) -> str:
    """A name as ``von Last, Jr, First Middle`` (pybtex's order), each part
    decoded as the style decodes it (``{\\"O}zt{\\"u}rk`` is Öztürk)."""
    parts = (
        [*person.rich_prelast_names, *person.rich_last_names],
        person.rich_lineage_names,
        [*person.rich_first_names, *person.rich_middle_names],
    )
    names = (" ".join(_plain(name) for name in part) for part in parts)
    return ", ".join(name for name in names if name)


#: Hyphens and dashes between the first and the last page of a range.
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
#: What may stand before a DOI: its resolver's URL or the ``doi:`` scheme.
_YEAR = re.compile(r"\s*(\d{4})")

#: Entry types whose ``booktitle`` is a conference's, or a book's.
_CONFERENCE = frozenset({"inproceedings", "conference", "proceedings"})
_IN_BOOK = frozenset({"incollection", "inbook", "bookinbook", "inreference"})
_REPORT = frozenset({"report", "techreport"})
_THESIS = frozenset({"thesis", "phdthesis", "mastersthesis"})
#: Types whose ``organization`` publishes them (a web page's site).
_SITE = frozenset({"online", "misc", "electronic", "www", "webpage"})


def _doi(entry: Entry) -> str:
    """The DOI alone (``10.1000/1``), without resolver URL or ``doi:``."""
    value = entry.fields.get("doi", "").strip()
    try:
        return cited(value) if value else ""
    except ValueError:  # refused by the checks: never in a build
        return ""


def _year(entry: Entry) -> str:
    """``year``, else the year of an ISO ``date``, as the house style reads it."""
    year = _field(entry, "year")
    if year:
        return year
    match = _YEAR.match(_field(entry, "date"))
    return match.group(1) if match else ""


def _pages(entry: Entry) -> list[tuple[str, str]]:
    """``citation_firstpage`` and ``citation_lastpage`` of ``pages``."""
    pages = [page for page in _DASHES.split(_field(entry, "pages")) if page]
    tags = ["citation_firstpage", "citation_lastpage"]
    return list(zip(tags, pages[:1] + pages[1:][-1:], strict=False))


def _container(entry: Entry, kind: str) -> list[tuple[str, str]]:
    """What holds the work: a journal, a book, a conference, an institution."""
    if kind in _CONFERENCE:
        return [("citation_conference_title", _field(entry, "booktitle"))]
    if kind in _IN_BOOK:
        return [("citation_inbook_title", _field(entry, "booktitle"))]
    if kind in _REPORT:
        return [
            ("citation_technical_report_institution", _field(entry, "institution")),
            ("citation_technical_report_number", _field(entry, "number")),
        ]
    if kind in _THESIS:
        school = _field(entry, "school") or _field(entry, "institution")
        return [("citation_dissertation_institution", school)]
    journal = _field(entry, "journal") or _field(entry, "journaltitle")
    tags = [("citation_journal_title", journal)]
    if kind == "article":
        tags += [("citation_issue", _field(entry, "number") or _field(entry, "issue"))]
    return tags


def reference(entry: Entry) -> str:
    """A cited work as one ``citation_reference`` value (Highwire's format).

    Only Highwire's own keys, those Google Scholar reads in a page's tags:
    every value decoded from BibTeX as the page shows it, the URL only when
    the page would link it (:func:`~georeport.bib.style.link_target`).
    """
    kind = entry.type.lower()
    parts = [("citation_title", _field(entry, "title"))]
    parts += [
        ("citation_author", _person(person))
        for person in entry.persons.get("author", [])
        if str(person) != "others"  # "and others": et al., no one's name
    ]
    container = _container(entry, kind)
    parts += container[:1]
    parts += [
        ("citation_publication_date", _year(entry)),
        ("citation_volume", _field(entry, "volume")),
        *container[1:],
        *_pages(entry),
    ]
    publisher = _field(entry, "publisher")
    if not publisher and kind in _SITE:
        publisher = _field(entry, "organization")
    parts += [
        ("citation_publisher", publisher),
        ("citation_isbn", _field(entry, "isbn")),
        ("citation_doi", _doi(entry)),
        ("citation_public_url", link_target(entry.fields.get("url", "")) or ""),
    ]
    return "; ".join(f"{tag}={value}" for tag, value in parts if value)


def highwire(report: Report, cited: list[Entry], with_pdf: bool) -> list[str]:
    """Google Scholar's tags, in the order its inclusion guidelines list them."""
    journal = report.journal
    tags = [("citation_title", report.title)]
    for author in report.people:
        # each author followed by what Scholar reads of them
        tags += [
            ("citation_author", author.name),
            ("citation_author_institution", author.affiliation),
            ("citation_author_orcid", author.orcid_url),
        ]
    tags += [
        ("citation_publication_date", scholar_date(report)),
        ("citation_date", month_date(report)),
        ("citation_journal_title", journal.title),
        ("citation_issn", journal.issn),
        ("citation_volume", str(report.volume)),
        ("citation_issue", str(report.issue)),
        ("citation_publisher", journal.publisher),
        ("citation_language", report.language),
        ("citation_doi", report.doi),
    ]
    if with_pdf and report.pdf_url:
        tags.append(("citation_pdf_url", report.pdf_url))
    # the article's full text as XML (JATS), beside the page
    tags.append(("citation_xml_url", report.url_beside(report.jats_name)))
    if report.keywords:
        tags.append(("citation_keywords", "; ".join(report.keywords)))
    tags += [("citation_reference", reference(entry)) for entry in cited]
    return [meta("name", name, value) for name, value in tags if value]


#: Dublin Core's namespaces, declared for the ``DC.`` and ``dcterms.``
#: prefixes (readers such as Zotero map the prefix through this link).
DC_SCHEMA = '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">'
DCTERMS_SCHEMA = '<link rel="schema.dcterms" href="http://purl.org/dc/terms/">'
#: The type journal platforms (OJS) give an article: a text of a serial, a
#: journal (DCMI's "Text" narrowed as OJS narrows it).
DC_ARTICLE = "Text.Serial.Journal"


def dublin_core(report: Report) -> list[str]:
    """Dublin Core elements as journal platforms (OJS) write them: the
    journal is ``DC.Source`` (its title: a reader of Dublin Core alone takes
    it for the journal's name), with its ISSN, volume and issue as
    ``DC.Source.*`` refinements. HTML5-valid (no ``scheme`` attribute)."""
    journal = report.journal
    tags = [("DC.title", report.title)]
    tags += [("DC.creator", author) for author in report.authors]
    tags += [
        ("DC.date", report.date.iso()),
        ("DC.publisher", journal.publisher),
        ("DC.language", report.language),
        ("DC.Type", DC_ARTICLE),
        ("DC.identifier", report.page_url),
        # the DOI as OJS writes it, a refinement of the identifier
        ("DC.Identifier.DOI", report.doi),
        ("DC.relation.ispartof", journal.title),
        ("DC.Source", journal.title),
        ("DC.Source.ISSN", journal.issn),
        ("DC.Source.Volume", str(report.volume)),
        ("DC.Source.Issue", str(report.issue)),
    ]
    tags += [("DC.subject", keyword) for keyword in report.keywords]
    # the rights statement, and the licence: its address (as OJS writes
    # DC.rights) and the DCMI term for it, dcterms:license
    licence = report.licence
    tags += [
        ("DC.rights", report.rights),
        ("DC.rights", licence.url if licence else ""),
        ("dcterms.license", licence.url if licence else ""),
    ]
    found = [meta("name", name, value) for name, value in tags if value]
    return [DC_SCHEMA, *[DCTERMS_SCHEMA] * bool(licence), *found]


def open_graph_article(report: Report) -> list[str]:
    """The ``article:*`` properties sphinxext-opengraph does not write."""
    tags = [("article:author", author) for author in report.authors]
    tags.append(("article:published_time", report.date.iso()))
    tags += [("article:tag", keyword) for keyword in report.keywords]
    return [meta("property", name, value) for name, value in tags]


def json_ld(report: Report, description: str) -> str:
    """One schema.org ``ScholarlyArticle`` in its issue, safe inside ``<script>``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        **article(report),
        "name": report.title,
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(report.issue),
            "isPartOf": volume_json(report.journal, report.volume),
        },
    }
    if report.keywords:
        data["keywords"] = list(report.keywords)
    if description:
        data["description"] = description
    return script_json(data)


#: Inline nodes whose text is not the sentence's: note and citation marks,
#: raw HTML or LaTeX, comments, problems reported in the page.
_NOT_TEXT = (
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.raw,
    nodes.comment,
    nodes.system_message,
    nodes.problematic,
    nodes.substitution_definition,
)


def plain_text(node: nodes.Element) -> str:
    """The words of ``node`` as a reader sees them: no footnote numbers or
    other marks (``astext()`` keeps them: "…Europe.1 Its…"), white space
    folded."""
    words = [
        text.astext()
        for text in node.findall(nodes.Text)
        if not any(isinstance(up, _NOT_TEXT) for up in _ancestors(text, node))
    ]
    return " ".join("".join(words).split())


def _ancestors(node: nodes.Node, top: nodes.Element) -> list[nodes.Element]:
    """The elements between ``node`` and ``top``, ``top`` left out."""
    parents = []
    while node.parent is not None and node.parent is not top:
        node = node.parent
        parents.append(node)
    return parents


def description(report: Report, doctree: nodes.document) -> str:
    """The abstract, else the report's first paragraph of text."""
    abstract = " ".join(report.abstract.split())
    if abstract:
        return abstract
    for paragraph in doctree.findall(nodes.paragraph):
        if "georeport-cover-credit" not in paragraph["classes"]:
            return plain_text(paragraph)
    return ""


def cited_entries(app: Sphinx, docname: str) -> list[Entry]:
    """The entries a page cites, in the order of its citations."""
    entries = bibtex_domain(app.env).bibdata.data.entries
    return [entries[key] for key in cited_keys(app.env, docname) if key in entries]


def tags(page: Page) -> list[str]:
    """A report page's tags (:data:`.head.HEAD`): its description, Highwire,
    Dublin Core, ``article:*``, JSON-LD and its PDF edition's link."""
    report, doctree = page.report, page.doctree
    if report is None or doctree is None:
        return []
    summary = description(report, doctree)
    pdf = build_context(page.app.env).has_pdf(report)
    # sphinxext-opengraph writes <meta name="description"> of its own (the
    # page's first words, cover credit and footnote numbers with them)
    # unless the page has one: this one.
    found = [meta("name", "description", summary)] if summary else []
    found += [
        *highwire(report, cited_entries(page.app, page.name), pdf),
        *dublin_core(report),
        *open_graph_article(report),
        json_ld(report, summary),
    ]
    if pdf:
        href = escape(quote(report.pdf_name))  # a file name, as a URL
        found.append(f'<link rel="alternate" type="application/pdf" href="{href}">')
    # the same article as JATS XML (:mod:`.jats_file`)
    href = escape(quote(report.jats_name))
    found.append(f'<link rel="alternate" type="{MEDIA_TYPE}" href="{href}">')
    return found


def open_graph_values(report: Report, doctree: nodes.document) -> dict[str, str]:
    """A report page's values for sphinxext-opengraph (its per-page fields),
    escaped for the characters it leaves as they are (it escapes only '"')."""
    return {
        "og:type": "article",
        "og:title": escape(report.title, quote=False),
        "og:description": escape(description(report, doctree), quote=False),
    }
