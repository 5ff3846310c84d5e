"""LOCKSS manifest pages: one per volume, for preservation networks.

A LOCKSS (or CLOCKSS) box collects a journal's volume (its "Archival Unit")
from a manifest page that carries the publisher's permission statement and
links to everything the unit holds. With ``georeport_lockss_permission`` set
to the statement (word for word: "LOCKSS system has permission to collect,
preserve, and serve this Archival Unit", or the CLOCKSS one), the HTML
edition has ``lockss/volume-N.html`` for each volume: the journal, the
volume, a link to each of its reports (by issue, then title) and the
statement. Empty (the default): no manifest page.

The pages are generated on every build (``html-collect-pages``) from the
reports the environment knows, so a new report is on its volume's manifest
after the next build; the manifest of a volume that has no report any more
is removed. Every value is escaped: a title is text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from .context import build_context
from .front_matter import all_reports

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Report

FOLDER = "lockss"
#: Application attribute: the manifest pages of this build.
APP_ATTRIBUTE = "georeport_lockss_pages"


def page_name(volume: int) -> str:
    """The manifest page of a volume: ``lockss/volume-15``."""
    return f"{FOLDER}/volume-{volume}"


def statement(app: Sphinx) -> str:
    """The configured permission statement, or ``""``."""
    return " ".join(app.config.georeport_lockss_permission.split())


def _body(app: Sphinx, volume: int, reports: list[Report]) -> str:
    """The manifest: heading, the journal, one link per report, the statement."""
    journal = build_context(app.env).journal
    name = page_name(volume)
    publisher = f", {journal.publisher}" if journal.publisher else ""
    lines = [
        '<section id="lockss-manifest">',
        f"<h1>{escape(f'{journal.title}, Volume {volume}: LOCKSS manifest')}</h1>",
        f"<p>{escape(f'{journal.title}, ISSN {journal.issn}{publisher}.')} "
        f"The reports of Volume {volume}:</p>",
        '<ul class="georeport-lockss-reports">',
    ]
    for report in sorted(reports, key=lambda r: (r.issue, r.title, r.docname)):
        href = app.builder.get_relative_uri(name, report.docname)
        where = f"{report.authors_line} (Issue {report.issue}, {report.date.human()})"
        lines.append(
            f'<li><a href="{escape(href)}">{escape(report.title)}</a>, '
            f"{escape(where)}</li>"
        )
    lines += [
        "</ul>",
        f'<p class="georeport-lockss-permission">{escape(statement(app))}</p>',
        "</section>",
    ]
    return "\n".join(lines) + "\n"


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: a manifest page per volume, when configured."""
    pages: set[str] = set()
    app.__dict__[APP_ATTRIBUTE] = pages
    if not statement(app) or app.builder.format != "html":
        return
    reports = all_reports(app.env)
    for volume in sorted({report.volume for report in reports}, reverse=True):
        listed = [report for report in reports if report.volume == volume]
        name = page_name(volume)
        pages.add(name)
        title = f"Volume {volume}: LOCKSS manifest"
        yield name, {"title": title, "body": _body(app, volume, listed)}, "page.html"


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Remove the manifests of volumes that are no more (or of all, when the
    setting is emptied)."""
    if exception is not None or app.builder.format != "html":
        return
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)  # the format "html"
    pages = app.__dict__.pop(APP_ATTRIBUTE, set())
    written = {Path(builder.get_outfilename(name)) for name in pages}
    for path in Path(app.outdir, FOLDER).glob("volume-*.html"):
        if path not in written:
            path.unlink()


def setup(app: Sphinx) -> None:
    """A LOCKSS manifest page per volume."""
    app.connect("html-collect-pages", on_html_collect_pages)
    app.connect("build-finished", on_build_finished)
