"""``atom.xml``: an Atom feed (RFC 4287) of the journal's newest reports.

Written with feedgen at the end of every HTML build from the reports the
environment knows (so an incremental build that adds a report adds its
entry), and linked from the ``<head>`` of every page
(``<link rel="alternate" type="application/atom+xml">``).

Reproducible: every date comes from the reports' front matter, none from the
clock (feedgen stamps "now" on a feed or entry whose ``updated`` is not set:
each is set here). The feed's ``updated`` is the newest report's date; a
report's ``published`` and ``updated`` are its date, at midnight UTC of its
first day when known only to the month or the year (Atom dates are
date-times). Reports of one date are listed by volume and issue, newest
first, then by file name.

Each entry: the report's page URL as its id and ``alternate`` link, its
title, every author, its keywords as categories, its abstract (else its
first paragraph, as the page's description) as a text summary, the rights
statement, its PDF as a ``related`` link when the page links one, and its
language as ``xml:lang``. feedgen writes with lxml: every value is text.

Atom ids are absolute IRIs: without ``georeport_base_url`` (or without a
report, which leaves no date to give) no feed is written, no page links one,
and a feed a former build wrote is removed.
"""

from __future__ import annotations

import datetime
from html import escape
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator

from ..files import write_if_changed
from .context import Page, build_context
from .front_matter import all_reports
from .report_head import description
from .sitemap import editors_own, first_day

if TYPE_CHECKING:
    from feedgen.entry import FeedEntry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import PartialDate, Report

FEED = "atom.xml"
#: How many of the newest reports the feed holds.
SIZE = 20
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _Entry(BaseEntryExtension):
    """What feedgen (1.0) cannot write on an entry, through its extension API.

    * ``xml:lang``: feedgen sets a language on the feed only;
    * the links' attributes: feedgen 1.0 writes an entry's ``<link>`` with
      its ``href`` alone (python-feedgen issue #135: ``rel``, ``type`` and
      ``hreflang`` are lost), which would make the PDF a second
      ``alternate`` link. feedgen is given the page's link (it requires an
      alternate link); its attributes and the PDF's link are written here.
    """

    language = ""
    #: each link's attributes, ``href`` first
    links: tuple[dict[str, str], ...] = ()

    def extend_atom(self, entry: Any) -> Any:
        if self.language:
            entry.set(_XML_LANG, self.language)
        # feedgen names its elements without a namespace and declares Atom's
        # as the default one on the feed: so are these
        written = {link.get("href"): link for link in entry.iter("link")}
        for attributes in self.links:
            link = written.get(attributes["href"])
            if link is None:
                link = entry.makeelement("link", {})
                entry.append(link)
            for name, value in attributes.items():
                link.set(name, value)
        return entry


def feed_url(env: BuildEnvironment) -> str:
    """The feed's absolute URL, or ``""`` when the build writes no feed."""
    base = build_context(env).journal.base_url
    return f"{base}{FEED}" if base and all_reports(env) else ""


def _moment(date: PartialDate) -> datetime.datetime:
    """A date as Atom's date-time: midnight UTC of its first day."""
    return datetime.datetime.combine(
        first_day(date), datetime.time(), tzinfo=datetime.UTC
    )


def newest(reports: list[Report], size: int = SIZE) -> list[Report]:
    """The ``size`` newest reports: by date, volume and issue, newest first;
    then by file name."""
    by_name = sorted(reports, key=lambda report: report.docname)
    ordered = sorted(
        by_name,
        key=lambda report: (first_day(report.date), report.volume, report.issue),
        reverse=True,
    )
    return ordered[:size]


def _entry(app: Sphinx, entry: FeedEntry, report: Report) -> None:
    entry.id(report.page_url)
    entry.title(report.title)
    page = {
        "href": report.page_url,
        "rel": "alternate",
        "type": "text/html",
        "hreflang": report.language,
    }
    entry.link(**page)
    links = [page]
    if build_context(app.env).has_pdf(report):
        pdf = {"href": report.pdf_url, "rel": "related", "type": "application/pdf"}
        links.append({**pdf, "title": "PDF"})
    entry.author([{"name": name} for name in report.authors])
    entry.published(_moment(report.date))
    entry.updated(_moment(report.date))
    summary = description(report, app.env.get_doctree(report.docname))
    if summary:
        entry.summary(summary, type="text")
    if report.keywords:
        entry.category([{"term": keyword} for keyword in report.keywords])
    if report.rights:
        entry.rights(report.rights)
    entry.register_extension("georeport", _Entry, rss=False)
    entry.georeport.language = report.language
    entry.georeport.links = tuple(links)


def atom(app: Sphinx) -> bytes:
    """The feed, as bytes (UTF-8, with its XML declaration)."""
    context = build_context(app.env)
    journal = context.journal
    reports = newest(all_reports(app.env))
    feed = FeedGenerator()
    feed.id(feed_url(app.env))
    feed.title(journal.title)
    feed.subtitle(f"ISSN {journal.issn}")
    feed.link(href=feed_url(app.env), rel="self", type="application/atom+xml")
    feed.link(href=journal.base_url, rel="alternate", type="text/html")
    feed.language(context.language)
    feed.generator("georeport", version=metadata.version("georeport"))
    feed.updated(max(_moment(report.date) for report in reports))
    for report in reports:
        _entry(app, feed.add_entry(order="append"), report)
    document: bytes = feed.atom_str(pretty=True, encoding="UTF-8")  # untyped
    return document


def head_tags(page: Page) -> list[str]:
    """The feed's link, in every page's head (:data:`.head.HEAD`)."""
    env = page.app.env
    url = feed_url(env)
    if not url:
        return []
    title = escape(f"{build_context(env).journal.title}: newest reports")
    return [
        f'<link rel="alternate" type="application/atom+xml" title="{title}" '
        f'href="{escape(url)}">'
    ]


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write the feed, or remove one a former build wrote."""
    if exception is not None or app.builder.format != "html":
        return
    if editors_own(app, FEED):
        return
    path = Path(app.outdir, FEED)
    if feed_url(app.env):
        write_if_changed(path, atom(app).decode("utf-8"))
    else:
        path.unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    """The feed, written once every page is (its link: :mod:`.head`)."""
    app.connect("build-finished", on_build_finished)
