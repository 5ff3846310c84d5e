"""``sitemap.xml`` and ``robots.txt``: every page of the journal, for crawlers.

The sitemap (sitemaps.org protocol 0.9) lists every HTML page of the
journal, as an absolute URL under ``georeport_base_url``: each document
(reports, the front page, "About") and each page an extension generates
(issue, volume and archive pages, the LOCKSS manifests), but not Sphinx's
own search and index pages. ``lastmod`` comes from the reports' dates, never
from the clock or the files' times, so the file is the same on every build
of the same sources:

* a report's page: the report's date;
* any other page: the newest date of the reports its main content links to
  (the front page, the archive, an issue's page change when a report they
  list is added); a page that links to no report has no ``lastmod``.

A date known to the month or the year is written as its first day
(``2022-01`` as ``2022-01-01``): the protocol's schema takes a whole date or a
date-time, and the first day is never later than the publication.

Why not sphinx-sitemap (2.9): it takes ``lastmod`` from git
(sphinx-last-updated-by-git), not from the reports' dates; it lists only the
pages written by the current build, so an incremental build writes a sitemap
of the changed pages alone; it lists them in the order worker processes
finish, so two builds differ; and it prefixes the language to every URL by
default. Here the sitemap is made anew on every build from the environment
(which knows every document) and from the pages generated in this build
(Sphinx generates them on every build), written with lxml (which feedgen
brings), only when its bytes change.

The sitemap needs absolute URLs: without ``georeport_base_url`` none is
written (nor ``robots.txt``, whose only line of substance names it), and one
a former build wrote is removed. A ``sitemap.xml`` or ``robots.txt`` that the
project puts in the edition itself (``html_extra_path``) is the editor's and
is left as it is.
"""

from __future__ import annotations

import datetime
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

import lxml.html
from lxml import etree
from sphinx.builders.html import StandaloneHTMLBuilder

from ..files import write_if_changed
from .context import build_context
from .front_matter import all_reports
from .report_list import catalogue_of

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from ..model import PartialDate, Report

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: The protocol's limit of URLs in one file (a sitemap index would be next).
LIMIT = 50_000
#: Templates of the pages Sphinx generates for itself: not the journal's.
SPHINX_PAGES = frozenset(
    {
        "genindex.html",
        "genindex-single.html",
        "genindex-split.html",
        "domainindex.html",
        "search.html",
        "opensearch.xml",
    }
)
#: Application attribute: the pages generated in this build (not documents).
APP_ATTRIBUTE = "georeport_generated_pages"


def first_day(date: PartialDate) -> datetime.date:
    """The first day of a date known to the day, the month or the year."""
    return datetime.date(date.year, date.month or 1, date.day or 1)


def url_of(app: Sphinx, pagename: str) -> str:
    """A page's absolute URL (``""`` without a base URL), percent-encoded
    once: by Sphinx's ``get_target_uri``, as every link to the page is."""
    base = build_context(app.env).journal.base_url
    if not base:
        return ""
    return base + app.builder.get_target_uri(pagename)


def editors_own(app: Sphinx, name: str) -> bool:
    """Does the project put a file ``name`` in the edition (``html_extra_path``)?"""
    return any(
        Path(app.confdir, folder, name).is_file()
        for folder in app.config.html_extra_path or ()
    )


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: note each generated page that is the journal's.

    Generated pages (no doctree) are written again on every build, so the
    set made here is whole at ``build-finished``; documents are known to the
    environment, whether written in this build or not.
    """
    if doctree is not None or pagename in app.env.found_docs:
        return
    if templatename in SPHINX_PAGES or pagename.startswith("_"):
        return
    pages: set[str] = app.__dict__.setdefault(APP_ATTRIBUTE, set())
    pages.add(pagename)


def _main_links(path: Path, uri: str) -> set[str]:
    """The pages the main content of an HTML file links to, as target URIs
    (``reports/15-1-x.html``) relative to the output folder."""
    tree = lxml.html.parse(str(path))
    main = tree.xpath("//*[@role='main']") or [tree.getroot()]
    hrefs = main[0].xpath(".//a/@href")
    found = set()
    for href in hrefs:
        target = urldefrag(urljoin(uri, str(href))).url
        if "://" not in target and not target.startswith("/"):
            found.add(posixpath.normpath(target))
    return found


def _lastmods(app: Sphinx, pages: list[str]) -> dict[str, datetime.date | None]:
    """Each page's ``lastmod``: its report's date; for an issue's or a
    volume's page, the newest date of its reports; else the newest date of
    the reports it links to."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)  # the sitemap: HTML only
    reports: dict[str, Report] = {r.docname: r for r in all_reports(app.env)}
    by_uri = {builder.get_target_uri(name): r for name, r in reports.items()}
    catalogue = catalogue_of(app.env)
    dates: dict[str, datetime.date | None] = {}
    for page in pages:
        if page in reports:
            dates[page] = first_day(reports[page].date)
            continue
        # an issue's or a volume's page: its reports, without reading the
        # page (an archive has hundreds of them)
        listed = catalogue.page(page)
        if listed is not None:
            dates[page] = max(first_day(r.date) for r in listed.reports)
            continue
        uri = builder.get_target_uri(page)
        path = Path(builder.get_outfilename(page))
        linked = _main_links(path, uri) if path.is_file() else set()
        days = [first_day(by_uri[u].date) for u in linked if u in by_uri]
        dates[page] = max(days, default=None)
    return dates


def sitemap(app: Sphinx, generated: set[str]) -> bytes:
    """The sitemap of every document and of the ``generated`` pages, its URLs
    in order."""
    pages = sorted(set(app.env.found_docs) | generated)
    lastmods = _lastmods(app, pages)
    root = etree.Element(f"{{{NAMESPACE}}}urlset", nsmap={None: NAMESPACE})
    for url, page in sorted((url_of(app, page), page) for page in pages):
        entry = etree.SubElement(root, f"{{{NAMESPACE}}}url")
        etree.SubElement(entry, f"{{{NAMESPACE}}}loc").text = url
        day = lastmods[page]
        if day is not None:
            lastmod = etree.SubElement(entry, f"{{{NAMESPACE}}}lastmod")
            lastmod.text = day.isoformat()
    if len(root) > LIMIT:
        msg = f"{len(root)} pages: a sitemap holds {LIMIT} at most"
        raise ValueError(msg)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def robots(app: Sphinx) -> str:
    """``robots.txt``: every crawler welcome, and where the sitemap is.

    Crawlers read it only at the root of a host: when the edition is served
    under a path (``https://example.org/journal/``), its ``Sitemap:`` line
    belongs in the host's own ``robots.txt`` (``guide/publishing.md``).
    """
    base = build_context(app.env).journal.base_url
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}{SITEMAP}\n"


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write (or remove) ``sitemap.xml`` and ``robots.txt``."""
    if exception is not None or app.builder.format != "html":
        return
    generated = app.__dict__.pop(APP_ATTRIBUTE, set())
    configured = bool(build_context(app.env).journal.base_url)
    files = {
        SITEMAP: lambda: sitemap(app, generated).decode("utf-8"),
        ROBOTS: lambda: robots(app),
    }
    for name, make in files.items():
        if editors_own(app, name):
            continue
        path = Path(app.outdir, name)
        if configured:
            write_if_changed(path, make())
        else:
            path.unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    """sitemap.xml and robots.txt, written last, once every page is."""
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
