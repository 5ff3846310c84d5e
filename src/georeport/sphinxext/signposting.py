"""Signposting (level 1, signposting.org) on every report page: typed links
that tell a machine what the page is about and where its parts are.

* ``cite-as``: the report's persistent identifier, its DOI's link (else its
  page's address);
* ``describedby``: each metadata file beside the page, with its media type
  (BibTeX, RIS, CSL-JSON, JATS);
* ``item``: the content itself, its PDF and EPUB editions;
* ``author``: each author's ORCID iD;
* ``license``: the licence's address (``georeport_license``);
* ``type``: schema.org's ``ScholarlyArticle``, and ``AboutPage`` (the page
  is the landing page of the work).

Addresses are absolute where the journal has a base URL (a harvester reads
the links out of their page), else relative to the page. The same links as
HTTP ``Link`` headers, for a host that adds them to the PDF: guide/publishing.md.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from .. import jats
from ..exports import EXPORTS
from .context import build_context
from .epub import enabled as epub_enabled

if TYPE_CHECKING:
    from ..model import Report
    from .context import Page

#: The media type of each export (by suffix) and of the JATS file.
DESCRIBED_BY = {
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
    jats.SUFFIX: jats.MEDIA_TYPE,
}
PDF = "application/pdf"
EPUB = "application/epub+zip"
TYPES = ("https://schema.org/ScholarlyArticle", "https://schema.org/AboutPage")


def link(rel: str, href: str, media_type: str = "") -> str:
    """One ``<link>``, every value escaped for its attribute."""
    typed = f' type="{escape(media_type)}"' if media_type else ""
    return f'<link rel="{escape(rel)}" href="{escape(href)}"{typed}>'


def beside(report: Report, name: str) -> str:
    """The address of a file beside the page: absolute with a base URL."""
    return report.url_beside(name) or quote(name)


def links(report: Report, *, with_pdf: bool, with_epub: bool) -> list[str]:
    """The report's Signposting links, in the order of the module's list."""
    found = [link("cite-as", report.doi_url or report.page_url)] * bool(
        report.doi_url or report.page_url
    )
    files = {suffix: f"{report.slug}.{suffix}" for suffix in EXPORTS}
    files[jats.SUFFIX] = report.jats_name
    found += [
        link("describedby", beside(report, files[suffix]), media_type)
        for suffix, media_type in DESCRIBED_BY.items()
    ]
    if with_pdf:
        found.append(link("item", beside(report, report.pdf_name), PDF))
    if with_epub:
        found.append(link("item", beside(report, report.epub_name), EPUB))
    found += [link("author", a.orcid_url) for a in report.people if a.orcid]
    if report.licence is not None:
        found.append(link("license", report.licence.url))
    found += [link("type", kind) for kind in TYPES]
    return found


def head_tags(page: Page) -> list[str]:
    """A report page's Signposting links (:data:`.head.HEAD`)."""
    report = page.report
    if report is None or page.doctree is None:
        return []
    return links(
        report,
        with_pdf=build_context(page.app.env).has_pdf(report),
        with_epub=epub_enabled(page.app.builder),
    )
