"""georeport's Sphinx extension: what runs inside sphinx-build.

``extensions = ["georeport"]`` loads it. :func:`setup` only registers: each
feature module of :data:`FEATURES` registers its own handlers, nodes and
directives in its ``setup()``. ARCHITECTURE.md says what each one does.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

from . import (
    bibtex,
    body_checks,
    checks,
    cite_this,
    config,
    containment,
    context,
    dois,
    downloads,
    epub,
    feed,
    front_matter,
    front_page,
    gc_pause,
    head,
    images,
    journal_pages,
    latex,
    links,
    lockss,
    masthead,
    navigation,
    passage_language,
    raw_markup,
    report_language,
    report_list,
    scripts,
    sidebar,
    sitemap,
    theme,
)

if TYPE_CHECKING:
    from types import ModuleType

    from sphinx.application import Sphinx

#: The features, in the order they register. Handlers of one event at one
#: priority run in this order: the journal's context before the front
#: matter, the masthead before "Cite this report" and the checks of the text,
#: the downloads before the feed, the LOCKSS pages and the sitemap;
#: containment before the images' checks (what lies outside is never read).
FEATURES: tuple[ModuleType, ...] = (
    *(gc_pause, config, theme, context, front_matter, journal_pages, checks),
    *(latex, masthead, cite_this, containment, images, raw_markup, links),
    *(body_checks, dois),
    *(report_list, front_page, report_language, passage_language, scripts),
    *(navigation, sidebar, head),
    *(downloads, epub, feed, lockss, sitemap),
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Load MyST, sphinxcontrib-bibtex and sphinxext-opengraph, then let each
    feature register itself."""
    app.setup_extension("myst_parser")
    bibtex.setup(app)
    app.setup_extension("sphinxext.opengraph")
    for feature in FEATURES:
        feature.setup(app)
    return {
        "version": metadata.version("georeport"),
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
