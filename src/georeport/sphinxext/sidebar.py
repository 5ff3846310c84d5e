"""The sidebar lists the reports of the page's volume, not the whole archive.

furo's sidebar shows the root document's toctree, which globs every report:
on every page, a list of the whole archive in file-name order. For a journal
of hundreds of reports that is a list no reader scrolls, and it makes each
page cost more as the archive grows (at 200 reports it was 43 % of the HTML
build: Sphinx copies every report's table of contents for every page).

Here a report's sidebar holds the root's other pages (an "About" page, say),
then, under the caption "Volume 15", the reports of its volume, newest issue
first (each issue in its own order, :mod:`georeport.catalogue`), the page's
own marked current; an issue's or a volume's page shows its volume. Other
pages (the front page) show the newest volume; the archive page lists every
volume and issue. Each page's sidebar costs what its volume holds.

It is made the way Sphinx makes any sidebar toctree: furo calls the page's
``toctree()`` template function in its ``html-page-context`` handler;
:func:`on_html_page_context` (run before it) replaces that function, for the
page, by one that resolves a toctree of those documents with Sphinx's
:class:`~sphinx.environment.adapters.toctree.TocTree` and renders it with the
builder, so furo gets the HTML Sphinx writes. Without reports, Sphinx's own
function stays.

Sidebars of other pages change when a report of their volume is added,
removed, retitled or moved: :func:`pages_to_rewrite` has Sphinx write those
pages again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import TocTree

from ..model import Report
from ..model.catalogue import Issue, Volume
from .front_matter import all_reports, get_report, is_report
from .report_list import catalogue_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: How Sphinx's HTML writer opens a toctree caption.
_CAPTION = '<p class="caption" role="heading">'

#: Environment attribute: what each report's sidebar entry showed last build.
ENV_ATTRIBUTE = "georeport_navigation"


def volume_caption(volume: int) -> str:
    """The caption of a volume's list in the sidebar."""
    return f"Volume {volume}"


def _toctree(
    env: BuildEnvironment, docnames: list[str], caption: str
) -> addnodes.toctree:
    """A toctree node of ``docnames``, as the root document would hold it."""
    node = addnodes.toctree()
    node["parent"] = env.config.root_doc
    node["entries"] = [(None, docname) for docname in docnames]
    node["includefiles"] = list(docnames)
    node["maxdepth"] = -1
    node["caption"] = caption or None
    node["rawcaption"] = caption
    node["glob"] = False
    node["hidden"] = False
    node["includehidden"] = False
    node["numbered"] = 0
    node["titlesonly"] = True
    return node


def _volume_of(env: BuildEnvironment, docname: str) -> list[Report]:
    """The reports of the page's volume (a report's, an issue or volume
    page's; the newest for other pages), newest issue first."""
    catalogue = catalogue_of(env)
    here = get_report(env, docname) or catalogue.page(docname)
    number = here.volume if isinstance(here, Report | Issue) else None
    if isinstance(here, Volume):
        number = here.number
    volume = next(
        (v for v in catalogue.volumes if v.number == number), catalogue.volumes[-1]
    )
    return [report for issue in reversed(volume.issues) for report in issue.reports]


def sidebar_toctree(
    app: Sphinx, pagename: str, collapse: bool = True, **kwargs: Any
) -> str:
    """The page's sidebar: the root's other pages, then its volume's reports.

    Takes what Sphinx's ``toctree()`` template function takes.
    """
    env, builder = app.env, app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    root = env.config.root_doc
    pages = [d for d in env.toctree_includes.get(root, []) if not is_report(env, d)]
    volume = _volume_of(env, pagename)
    lists = [
        (pages, ""),
        ([r.docname for r in volume], volume_caption(volume[0].volume)),
    ]
    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    maxdepth = int(kwargs.get("maxdepth", 0))
    titles_only = bool(kwargs.get("titles_only", False))
    includehidden = bool(kwargs.get("includehidden", False))
    resolved = [
        TocTree(env).resolve(
            pagename,
            builder,
            _toctree(env, docnames, caption),
            prune=True,
            maxdepth=maxdepth,
            titles_only=titles_only,
            collapse=collapse,
            includehidden=includehidden,
        )
        for docnames, caption in lists
        if docnames
    ]
    found = [toctree for toctree in resolved if toctree is not None]
    if not found:
        return ""
    result = found[0]
    for toctree in found[1:]:
        result.extend(toctree.children)
    html = builder.render_partial(result)["fragment"]
    # Sphinx writes a toctree caption as <p role="heading"> without the
    # aria-level that role requires (vnu and axe reject the page): the
    # volume's caption is a level-2 heading of the sidebar
    return html.replace(_CAPTION, _CAPTION[:-1] + ' aria-level="2">')


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """Give the page its volume's sidebar (before furo reads ``toctree``)."""
    if "toctree" not in context or not all_reports(app.env):
        return

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        return sidebar_toctree(app, pagename, collapse, **kwargs)

    context["toctree"] = toctree


def _shown(env: BuildEnvironment) -> dict[str, tuple[int, int, str, int | None]]:
    return {
        report.docname: (
            report.volume,
            report.issue,
            env.titles[report.docname].astext(),
            report.order,
        )
        for report in all_reports(env)
        if report.docname in env.titles
    }


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages whose sidebar changed with this build's reports.

    A report added, removed, retitled, reordered or moved to another volume
    changes the sidebar of every report of its volumes (old and new), of their
    issue and volume pages, and of the other pages when the newest volume is
    one of them.
    """
    before: dict[str, tuple[int, int, str, int | None]] = getattr(
        env, ENV_ATTRIBUTE, {}
    )
    now = _shown(env)
    setattr(env, ENV_ATTRIBUTE, now)
    changed = {d for d in before.keys() | now.keys() if before.get(d) != now.get(d)}
    if not before or not changed:
        return []
    volumes = {
        shown[0] for d in changed for shown in (before.get(d), now.get(d)) if shown
    }
    pages = {d for d, shown in now.items() if shown[0] in volumes}
    catalogue = catalogue_of(env)
    for docname, page in catalogue.pages.items():
        number = page.volume if isinstance(page, Issue) else page.number
        if number in volumes:
            pages.add(docname)
    newest = max((shown[0] for shown in now.values()), default=None)
    if newest in volumes or max(v[0] for v in before.values()) in volumes:
        pages |= {
            d
            for d in env.found_docs
            if not is_report(env, d) and d not in catalogue.pages
        }
    return sorted(pages & env.found_docs)


def setup(app: Sphinx) -> None:
    """The sidebar lists the reports of the page's volume."""
    app.connect("env-updated", pages_to_rewrite)
    # before furo's handler (priority 500), which reads the sidebar's toctree()
    app.connect("html-page-context", on_html_page_context, priority=400)
