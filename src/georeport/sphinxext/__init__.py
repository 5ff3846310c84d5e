"""georeport's Sphinx extension: what runs inside sphinx-build.

``extensions = ["georeport"]`` loads it. :func:`setup` only registers: each
feature module of :data:`FEATURES` registers its own handlers, nodes and
directives in its ``setup()``. ARCHITECTURE.md says what each one does.
"""

from __future__ import annotations

import contextlib
import io
from importlib import metadata
from typing import TYPE_CHECKING, Any

from sphinx.util.logging import getLogger

from . import (
    bibtex,
    body_checks,
    checks,
    cite_this,
    coins,
    config,
    containment,
    context,
    dois,
    downloads,
    epub,
    facts,
    feed,
    footer,
    front_matter,
    front_page,
    gc_pause,
    head,
    images,
    jats_file,
    journal_pages,
    latex,
    links,
    lockss,
    masthead,
    myst_messages,
    navigation,
    notes,
    raw_markup,
    report_language,
    report_list,
    sidebar,
    sitemap,
    theme,
)

if TYPE_CHECKING:
    from types import ModuleType

    from sphinx.application import Sphinx

#: The features, in the order they register. Handlers of one event at one
#: priority run in this order: the journal's context before the front
#: matter, the masthead (and its byline) before the facts under the byline
#: and the checks of the text,
#: the downloads before the feed, the LOCKSS pages and the sitemap;
#: containment before the images' checks (what lies outside is never read).
FEATURES: tuple[ModuleType, ...] = (
    *(gc_pause, config, theme, context, front_matter, journal_pages, checks),
    *(latex, masthead, facts, cite_this, notes, containment, images),
    *(raw_markup, links, body_checks, myst_messages, dois),
    *(report_list, coins, front_page, report_language, navigation, sidebar),
    *(footer, head),
    *(downloads, epub, jats_file, feed, lockss, sitemap),
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Load MyST, sphinxcontrib-bibtex and sphinxext-opengraph, then let each
    feature register itself."""
    app.setup_extension("myst_parser")
    bibtex.setup(app)
    # its import prints "matplotlib is not installed, social cards will not
    # be generated" (georeport turns them off): said in the log, as Sphinx's
    # status, not on every rebuild of the preview
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        app.setup_extension("sphinxext.opengraph")
    for line in printed.getvalue().splitlines():
        getLogger(__name__).info(line)
    for feature in FEATURES:
        feature.setup(app)
    return {
        "version": metadata.version("georeport"),
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
