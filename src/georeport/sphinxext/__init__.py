"""georeport's Sphinx extension: what runs inside sphinx-build.

``extensions = ["georeport"]`` loads it. :func:`setup` only registers; each
concern has its module:

* :mod:`.config`: the ``georeport_*`` values (documented there once);
* :mod:`.context`: the journal and what every renderer shares, made once per
  build;
* :mod:`.front_matter`: each report's front matter read into the model;
* :mod:`.dois`: no two reports have one DOI;
* :mod:`.checks`: bad BibTeX files and sources stop the build early;
* :mod:`.containment`: nothing outside the project is read into a page;
* :mod:`.masthead`: masthead, byline and cover nodes, and their HTML;
* :mod:`.latex`: one LaTeX document per report, its title block and PDF
  metadata;
* :mod:`.html_head`: Highwire, Dublin Core, Open Graph and JSON-LD;
* :mod:`.sitemap`, :mod:`.feed` and :mod:`.lockss`: what crawlers and
  archives read (``sitemap.xml`` and ``robots.txt``, the Atom feed, the LOCKSS
  manifests);
* :mod:`.cite_this` and :mod:`.downloads`: "Cite this report", the PDF and
  the exports beside each page;
* :mod:`.epub`: each report as an EPUB 3 book beside its page;
* :mod:`.report_list` and :mod:`.sidebar`: the front page's list, the
  volume in the sidebar;
* :mod:`.front_page`, :mod:`.journal_pages` and :mod:`.navigation`: the
  journal's front page, the issue, volume and archive pages, breadcrumbs and
  previous/next in publication order;
* :mod:`.report_language`: each report in its own language (``<html
  lang>``, the PDF's main language, its sources' tags) and its translations;
* :mod:`.theme`: the extension's templates and stylesheet, compiled once;
* :mod:`.gc_pause`: no garbage collection while the environment loads;
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
    dois,
    downloads,
    epub,
    feed,
    front_matter,
    front_page,
    gc_pause,
    html_head,
    journal_pages,
    latex,
    lockss,
    masthead,
    navigation,
    report_language,
    report_list,
    sidebar,
    sitemap,
    theme,
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
    app.connect("config-inited", theme.add_paths)
    app.add_css_file(theme.STYLESHEET)
    app.connect("builder-inited", theme.keep_compiled)
    # the environment loads between these two
    app.connect("config-inited", gc_pause.pause)
    app.connect("builder-inited", gc_pause.resume, priority=0)
    app.connect("build-finished", gc_pause.unfreeze)
    # the journal first: a bad ISSN stops the build before anything is read
    app.connect("builder-inited", context.make_context, priority=300)
    app.connect("builder-inited", journal_pages.use_journal_project, priority=302)
    # the issue, volume and archive pages are documents, known before reading
    app.connect("env-get-outdated", journal_pages.on_env_get_outdated)
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
    app.connect("env-updated", dois.check_unique)
    app.connect("env-purge-doc", report_list.on_purge_doc)
    app.connect("env-merge-info", report_list.on_merge_info)
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
    app.connect("html-page-context", journal_pages.on_html_page_context, priority=410)
    # returns the page template with breadcrumbs (the first handler that does)
    app.connect("html-page-context", navigation.on_html_page_context, priority=420)
    app.connect("env-updated", sidebar.pages_to_rewrite)
    app.connect("env-updated", report_list.pages_to_rewrite)
    app.connect("env-updated", navigation.pages_to_rewrite)
    # after every report is read: translation_of: names one of them
    app.connect("env-updated", report_language.on_env_updated)
    app.connect("html-page-context", report_language.on_html_page_context, priority=405)
    app.connect("env-updated", downloads.on_env_updated)
    app.connect("build-finished", downloads.on_build_finished)
    app.connect("html-page-context", feed.on_html_page_context)
    app.connect("html-page-context", epub.on_html_page_context)
    app.connect("html-page-context", sitemap.on_html_page_context)
    app.connect("html-collect-pages", lockss.on_html_collect_pages)
    # after every page is written (and downloads put beside them)
    app.connect("build-finished", lockss.on_build_finished, priority=600)
    app.connect("build-finished", feed.on_build_finished, priority=600)
    app.connect("build-finished", sitemap.on_build_finished, priority=700)

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
    app.add_directive("issue-reports", report_list.IssueReportsDirective)
    app.add_directive("volume-issues", report_list.VolumeIssuesDirective)
    app.add_directive("archive", report_list.ArchiveDirective)
    app.add_directive("front-page", front_page.FrontPageDirective)
    return {
        "version": __version__,
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
