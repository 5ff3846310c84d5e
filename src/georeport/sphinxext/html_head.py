"""Meta tags and JSON-LD in the ``<head>`` of a report page.

Each indexer reads its own vocabulary: Google Scholar the Highwire
``citation_*`` tags, library tools Dublin Core, link previews Open Graph
(written by sphinxext-opengraph; this module adds the ``article:*`` tags and
per-page values), search engines schema.org JSON-LD. Every value is escaped
here, in full: nothing in a title or a name can end an attribute or a script.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes

from .bibtex.domain import bibtex_domain, cited_keys
from .context import build_context
from .front_matter import get_report, outside_project

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx

    from ..model import Report


def meta(attribute: str, name: str, content: str) -> str:
    """One ``<meta>`` tag, its values escaped for an attribute."""
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def scholar_date(report: Report) -> str:
    """Google Scholar wants ``YYYY/MM/DD`` or ``YYYY``: nothing in between."""
    date = report.date
    if date.month and date.day:
        return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return str(date.year)


def reference(entry: Entry) -> str:
    """A cited work as one ``citation_reference`` value (Highwire's format)."""
    parts = [("citation_title", entry.fields.get("title", ""))]
    parts += [("citation_author", str(p)) for p in entry.persons.get("author", [])]
    for field, tag in (
        ("journal", "citation_journal_title"),
        ("year", "citation_publication_date"),
        ("volume", "citation_volume"),
        ("number", "citation_issue"),
    ):
        if entry.fields.get(field):
            parts.append((tag, entry.fields[field]))
    return "; ".join(f"{tag}={value}" for tag, value in parts if value)


def highwire(report: Report, cited: list[Entry], with_pdf: bool) -> list[str]:
    """Google Scholar's tags, in the order its inclusion guidelines list them."""
    journal = report.journal
    tags = [("citation_title", report.title)]
    tags += [("citation_author", author) for author in report.authors]
    tags += [
        ("citation_publication_date", scholar_date(report)),
        ("citation_journal_title", journal.title),
        ("citation_issn", journal.issn),
        ("citation_volume", str(report.volume)),
        ("citation_issue", str(report.issue)),
        ("citation_publisher", journal.publisher),
        ("citation_language", report.language),
    ]
    if with_pdf and report.pdf_url:
        tags.append(("citation_pdf_url", report.pdf_url))
    if report.keywords:
        tags.append(("citation_keywords", "; ".join(report.keywords)))
    tags += [("citation_reference", reference(entry)) for entry in cited]
    return [meta("name", name, value) for name, value in tags if value]


def dublin_core(report: Report) -> list[str]:
    """Dublin Core elements, HTML5-valid (no ``scheme`` attribute)."""
    journal = report.journal
    tags = [("DC.title", report.title)]
    tags += [("DC.creator", author) for author in report.authors]
    tags += [
        ("DC.date", report.date.iso()),
        ("DC.publisher", journal.publisher),
        ("DC.language", report.language),
        ("DC.type", "Text"),
        ("DC.identifier", report.page_url),
        ("DC.relation.ispartof", journal.title),
        ("DC.source", f"urn:ISSN:{journal.issn}"),
    ]
    tags += [("DC.subject", keyword) for keyword in report.keywords]
    return [meta("name", name, value) for name, value in tags if value]


def open_graph_article(report: Report) -> list[str]:
    """The ``article:*`` properties sphinxext-opengraph does not write."""
    tags = [("article:author", author) for author in report.authors]
    tags.append(("article:published_time", report.date.iso()))
    tags += [("article:tag", keyword) for keyword in report.keywords]
    return [meta("property", name, value) for name, value in tags]


def json_ld(report: Report, description: str) -> str:
    """One schema.org ``ScholarlyArticle``, safe inside ``<script>``."""
    journal = report.journal
    periodical: dict[str, Any] = {
        "@type": "Periodical",
        "name": journal.title,
        "issn": journal.issn,
    }
    if journal.publisher:
        periodical["publisher"] = {"@type": "Organization", "name": journal.publisher}
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": report.title,
        "name": report.title,
        "author": [{"@type": "Person", "name": name} for name in report.authors],
        "datePublished": report.date.iso(),
        "inLanguage": report.language,
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(report.issue),
            "isPartOf": {
                "@type": "PublicationVolume",
                "volumeNumber": str(report.volume),
                "isPartOf": periodical,
            },
        },
    }
    if report.keywords:
        article["keywords"] = list(report.keywords)
    if description:
        article["description"] = description
    if report.page_url:
        article["url"] = report.page_url
    text = json.dumps(article, ensure_ascii=False, indent=1)
    # "</script>" or "<!--" in a value must not end or comment the element
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def description(report: Report, doctree: nodes.document) -> str:
    """The abstract, else the report's first paragraph of text."""
    if report.abstract:
        return report.abstract
    for paragraph in doctree.findall(nodes.paragraph):
        if "georeport-cover-credit" not in paragraph["classes"]:
            return " ".join(paragraph.astext().split())
    return ""


def cited_entries(app: Sphinx, docname: str) -> list[Entry]:
    """The entries a page cites, in the order of its citations."""
    entries = bibtex_domain(app.env).bibdata.data.entries
    return [entries[key] for key in cited_keys(app.env, docname) if key in entries]


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the report's tags; feed sphinxext-opengraph its per-page values."""
    if outside_project(app, pagename):
        context["sourcename"] = ""  # Sphinx would copy the file to _sources/
    report = get_report(app.env, pagename)
    if report is None or doctree is None or app.builder.format != "html":
        return
    summary = description(report, doctree)
    # sphinxext-opengraph takes per-page values from the page's metadata and
    # escapes only '"' in them: hand it values escaped for the rest.
    context["meta"] = {
        **(context.get("meta") or {}),
        "og:type": "article",
        "og:title": escape(report.title, quote=False),
        "og:description": escape(summary, quote=False),
    }
    pdf = build_context(app.env).has_pdf(report)
    tags = [
        *highwire(report, cited_entries(app, pagename), pdf),
        *dublin_core(report),
        *open_graph_article(report),
        json_ld(report, summary),
    ]
    if pdf:
        href = escape(quote(report.pdf_name))  # a file name, as a URL
        tags.append(f'<link rel="alternate" type="application/pdf" href="{href}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
