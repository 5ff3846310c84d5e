"""Breadcrumbs, and previous and next in publication order.

A report's page links up to its issue, its volume, the archive and the
front page (breadcrumbs, above its content), and to the reports published
just before and after it (the theme's "Previous" and "Next"); an issue's
page to the issues before and after it, a volume's to its neighbours. Sphinx
would take previous and next from the toctree, which globs the reports in
file-name order: ``9-3-old.md`` would follow ``16-1-new.md``.

The order is the catalogue's (:mod:`georeport.catalogue`). The theme shows
``prev`` and ``next`` from the page's context, as Sphinx's HTML (titles
escaped here); the breadcrumbs are a list in the context, shown by
``templates/georeport-page.html``, which extends the page template by one
block. That template is chosen here for the pages that have breadcrumbs, so
a project's own ``page.html`` (in its ``templates_path``) still applies
beneath it.

A report's neighbours change when a report is added, removed, retitled or
moved: :func:`pages_to_rewrite` has Sphinx write the pages whose links
changed, and no other.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..model.catalogue import ARCHIVE, Catalogue, Issue, Volume
from ..model.i18n import words
from .context import build_context
from .front_matter import get_report
from .journal_pages import is_page
from .report_list import catalogue_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The templates of the extension (added to ``templates_path``).
#: The page template with breadcrumbs.
PAGE = "georeport-page.html"
#: Environment attribute: docname -> its links when last written.
ENV_ATTRIBUTE = "georeport_links"


#: A link: (docname, title as text).
Link = tuple[str, str]


def _volume(catalogue: Catalogue, number: int) -> Volume:
    return next(v for v in catalogue.volumes if v.number == number)


def links(
    env: BuildEnvironment, catalogue: Catalogue, docname: str
) -> tuple[list[Link], Link | None, Link | None] | None:
    """The breadcrumbs, previous and next of a page; None for a page that
    has none of them (the front page, an "About" page)."""
    home = (env.config.root_doc, catalogue_title(env))
    archive = [(ARCHIVE, "Archive")] if is_page(env, ARCHIVE) else []
    report = get_report(env, docname)
    if report is not None and report.docname in {r.docname for r in catalogue.reports}:
        issue, volume = catalogue.issue_of(report), catalogue.volume_of(report)
        # a report's breadcrumbs are in its language (georeport.i18n)
        said = words(report.language)
        archive = [(ARCHIVE, said.gettext("Archive"))] if archive else []
        crumbs = [home, *archive, (volume.docname, said.volume(volume.number))]
        crumbs.append((issue.docname, said.issue(issue.number, issue.date)))
        before, after = catalogue.neighbours(report)
        return (
            _pages(env, crumbs),
            (before.docname, before.title) if before else None,
            (after.docname, after.title) if after else None,
        )
    if not is_page(env, docname):
        return None
    page = catalogue.page(docname)
    if isinstance(page, Issue):
        volume = _volume(catalogue, page.volume)
        crumbs = [home, *archive, (volume.docname, volume.name)]
        around: tuple[Issue | Volume | None, ...] = catalogue.issue_neighbours(page)
    elif isinstance(page, Volume):
        crumbs = [home, *archive]
        around = catalogue.volume_neighbours(page)
    else:
        return [home], None, None
    previous, following = (
        (item.docname, item.label) if item is not None else None for item in around
    )
    return _pages(env, crumbs), previous, following


def catalogue_title(env: BuildEnvironment) -> str:
    """The front page's link text: the journal's name."""
    return build_context(env).journal.title


def _pages(env: BuildEnvironment, crumbs: list[Link]) -> list[Link]:
    """The crumbs whose page exists (a generated page may be missing when a
    file of the project took its name)."""
    return [c for c in crumbs if c[0] in env.all_docs or is_page(env, c[0])]


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> str | None:
    """Breadcrumbs, previous and next of a report or a journal page."""
    if app.builder.format != "html" or templatename != "page.html":
        return None
    found = links(app.env, catalogue_of(app.env), pagename)
    if found is None:
        return None
    crumbs, before, after = found

    def link(target: tuple[str, str] | None) -> dict[str, str] | None:
        if target is None:
            return None
        docname, title = target
        uri = app.builder.get_relative_uri(pagename, docname)
        return {"link": uri, "title": escape(title)}  # the theme writes HTML

    context["georeport_breadcrumbs"] = [
        {"link": app.builder.get_relative_uri(pagename, d), "title": t}
        for d, t in crumbs
    ]
    context["prev"], context["next"] = link(before), link(after)
    return PAGE


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages whose breadcrumbs, previous or next changed."""
    catalogue = catalogue_of(env)
    docnames = [r.docname for r in catalogue.reports]
    docnames += [d for d in catalogue.page_docnames() if is_page(env, d)]
    now = {d: links(env, catalogue, d) for d in docnames}
    before: dict[str, Any] = getattr(env, ENV_ATTRIBUTE, {})
    setattr(env, ENV_ATTRIBUTE, now)
    if not before:
        return []
    return sorted(d for d, shown in now.items() if before.get(d) != shown)


def setup(app: Sphinx) -> None:
    """Breadcrumbs, and previous and next in publication order."""
    app.connect("env-updated", pages_to_rewrite)
    # returns the page template with breadcrumbs
    app.connect("html-page-context", on_html_page_context)
