"""georeport's Sphinx extension: what runs inside sphinx-build.

``extensions = ["georeport"]`` loads it. :func:`setup` only registers; each
concern has its module:

* :mod:`.config`: the ``georeport_*`` values (documented there once);
* :mod:`.context`: the journal and what every renderer shares, made once per
  build;
* :mod:`.front_matter`: each report's front matter read into the model;
* :mod:`.checks`: bad BibTeX files and sources stop the build early;
* :mod:`.containment`: nothing outside the project is read into a page;
* :mod:`.masthead`: masthead, byline and cover nodes, and their HTML;
* :mod:`.latex`: one LaTeX document per report, its title block and PDF
  metadata;
* :mod:`.html_head`: Highwire, Dublin Core, Open Graph and JSON-LD;
* :mod:`.cite_this` and :mod:`.downloads`: "Cite this report", the PDF and
  the exports beside each page;
* :mod:`.report_list` and :mod:`.sidebar`: the front page's list, the
  volume in the sidebar;
* :mod:`.bibtex`: everything that touches sphinxcontrib-bibtex;
* :mod:`.warnings_`: the ``georeport.<subtype>`` warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import __version__
from . import (
    bibtex,
    body_checks,
    checks,
    cite_this,
    config,
    containment,
    context,
    downloads,
    front_matter,
    html_head,
    latex,
    masthead,
    report_list,
    sidebar,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _skip(**writers: Any) -> dict[str, Any]:
    """Visitors for writers that have no use for a node (text, man, ...)."""
    skip = (masthead.skip, None)
    return {"text": skip, "man": skip, "texinfo": skip, **writers}


def setup(app: Sphinx) -> dict[str, Any]:
    """Register config values, nodes, roles, directives and event handlers."""
    app.setup_extension("myst_parser")
    bibtex.setup(app)
    app.setup_extension("sphinxext.opengraph")
    config.add_config_values(app)

    app.connect("config-inited", config.derive_defaults)
    app.connect("config-inited", latex.configure)
    # the journal first: a bad ISSN stops the build before anything is read
    app.connect("builder-inited", context.make_context, priority=300)
    app.connect("builder-inited", front_matter.on_builder_inited, priority=301)
    # before sphinxcontrib-bibtex reads the files (priority 500)
    app.connect("builder-inited", checks.check_bibliography, priority=400)
    app.connect("builder-inited", latex.declare_languages, priority=600)
    app.connect("env-before-read-docs", checks.check_encoding, priority=400)
    app.connect("source-read", front_matter.on_source_read)
    # after the front matter's: a refused front matter is said first
    app.connect("source-read", body_checks.on_source_read, priority=510)
    app.connect("env-purge-doc", front_matter.on_purge_doc)
    app.connect("env-merge-info", front_matter.on_merge_info)
    # before Sphinx's collectors (priority 500), so the cover image is collected
    app.connect("doctree-read", masthead.on_doctree_read, priority=400)
    app.connect("doctree-read", cite_this.on_doctree_read, priority=401)
    # before Sphinx collects images (500): what lies outside is never copied
    app.connect("doctree-read", containment.withhold_images, priority=420)
    app.connect("doctree-read", containment.check_dependencies, priority=950)
    app.connect("include-read", containment.withhold_include)
    # a vanished footnote is said before its symptom, a report citing nothing
    app.connect("doctree-read", body_checks.on_doctree_read, priority=450)
    app.connect("doctree-resolved", report_list.on_doctree_resolved)
    # before sphinxext-opengraph (priority 500), which reads the page's values,
    # and before furo's handler (500), which reads the sidebar's toctree()
    app.connect("html-page-context", html_head.on_html_page_context, priority=400)
    app.connect("html-page-context", sidebar.on_html_page_context, priority=450)
    app.connect("env-updated", sidebar.pages_to_rewrite)
    app.connect("build-finished", downloads.on_build_finished)

    app.add_node(
        masthead.masthead,
        **_skip(
            html=(masthead.visit_masthead_html, None),
            latex=(latex.visit_masthead_latex, None),
        ),
    )
    app.add_node(
        masthead.byline,
        **_skip(
            html=(masthead.visit_byline_html, None),
            latex=(latex.visit_byline_latex, None),
        ),
    )
    app.add_node(
        cite_this.cite_downloads,
        **_skip(
            html=(cite_this.visit_cite_downloads_html, None),
            latex=(masthead.skip, None),
        ),
    )
    app.add_node(report_list.report_list)
    app.add_directive("report-list", report_list.ReportListDirective)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
