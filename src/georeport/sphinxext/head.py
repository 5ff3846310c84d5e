"""The ``<head>`` of every page: one ordered list of tags, written once.

Every tag georeport puts in a page's head is written here, by one handler,
in the order of :data:`HEAD`. Each entry is a function of the page
(:class:`.context.Page`) that returns its tags; what each vocabulary says is
its own module's business, where they stand is this one's.

sphinxext-opengraph's Open Graph tags are one entry of the list: its
``get_tags`` is called in their place, with a report page's own values, and
its handler is told to write nothing more through ``ogp_disable``, the
per-page field it documents for that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import feed, journal_pages, report_head, report_language, signposting
from .context import Page
from .front_matter import get_report

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def open_graph(page: Page) -> list[str]:
    """sphinxext-opengraph's tags (``og:*``, and ``<meta name="description">``
    when the page has none yet), for a page with a text, as it writes them."""
    if not page.doctree:
        return []
    # imported here: importing it prints a notice about matplotlib, which a
    # build keeps in its log but a mere import of georeport should not print
    from sphinxext.opengraph import get_tags

    app, context = page.app, page.context
    fields = dict(context.get("meta") or {})
    if page.report is not None:
        fields.update(report_head.open_graph_values(page.report, page.doctree))
    written = context.get("metatags", "") + "".join(f"{t}\n" for t in page.written)
    tags: str = get_tags(  # sphinxext-opengraph is untyped
        {**context, "meta": fields, "metatags": written},
        page.doctree,
        srcdir=app.srcdir,
        outdir=app.outdir,
        config=app.config,
        builder=app.builder,
        env=app.env,
    )
    return tags.splitlines()


#: The head's tags, in order: each entry a function of the page.
HEAD: tuple[Callable[[Page], list[str]], ...] = (
    # description, Highwire citation_*, Dublin Core, article:*, JSON-LD, PDF
    # and JATS alternates
    report_head.tags,
    # Signposting: cite-as, describedby, item, author, license, type
    signposting.head_tags,
    # og:locale and its alternates, the translations' hreflang links
    report_language.head_tags,
    # an issue page's or a volume page's JSON-LD
    journal_pages.head_tags,
    # og:title, og:type, og:url, og:site_name, og:description (opengraph's)
    open_graph,
    # the Atom feed's link, on every page
    feed.head_tags,
)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Write the page's head tags, in the order of :data:`HEAD`."""
    if app.builder.format != "html":
        return
    page = Page(app, pagename, context, doctree, get_report(app.env, pagename))
    for source in HEAD:
        page.written.extend(source(page))
    context["metatags"] = context.get("metatags", "") + "".join(
        f"{tag}\n" for tag in page.written
    )
    # written above, in its place: sphinxext-opengraph's handler adds nothing
    context["meta"] = {**(context.get("meta") or {}), "ogp_disable": True}


def setup(app: Sphinx) -> None:
    """One handler writes the head."""
    # before sphinxext-opengraph's handler (priority 500), which then finds
    # ogp_disable and writes nothing
    app.connect("html-page-context", on_html_page_context, priority=400)
