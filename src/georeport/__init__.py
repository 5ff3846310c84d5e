"""georeport: the publishing toolkit of the Geopolitical Report.

As a Sphinx extension (``extensions = ["georeport"]``) it registers:

* config values ``georeport_*``: the journal's facts, documented in README.md;
* the report model, read from each report's front matter (:mod:`.reports`);
* masthead, byline and cover nodes with HTML and LaTeX visitors (:mod:`.masthead`);
* one LaTeX document per report with the journal's title page (:mod:`.latex`);
* the report's ``<head>``: Highwire, Dublin Core, Open Graph, JSON-LD
  (:mod:`.html_head`), a "Cite this report" section (:mod:`.cite_this`) and
  its PDF and exports beside each page (:mod:`.downloads`, :mod:`.citation`);
* the ``footcite`` role, one footnote per citation however many sources
  (:mod:`.footcite`), and the ``report-list`` directive (:mod:`.reportlist`).
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from . import (
    bib_dependencies,
    bibliography_language,
    checks,
    cite_this,
    downloads,
    footcite,
    formatted_entries,
    html_head,
    latex,
    masthead,
    navigation,
    references,
    reportlist,
    reports,
)
from .model import Journal, MetadataError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = version("georeport")


def _check_journal(app: Sphinx, config: Config) -> None:
    """Stop at once on a bad journal fact (an invalid ISSN, say)."""
    try:
        Journal.from_config(
            config.georeport_journal_title,
            config.georeport_issn,
            config.georeport_publisher,
            config.georeport_base_url,
            config.georeport_rights,
        )
    except MetadataError as err:
        setting = str(err).split(":", 1)[0]  # e.g. "georeport_issn"
        conf = Path(app.confdir, "conf.py")
        line = next(
            (
                number
                for number, text in enumerate(conf.read_text("utf-8").splitlines(), 1)
                if text.startswith(setting)
            ),
            1,
        )
        raise ConfigError(f"{conf}:{line}: {err}") from None
    # one home for the base URL: canonical links and Open Graph follow it
    if config.georeport_base_url:
        config.html_baseurl = config.html_baseurl or config.georeport_base_url
        config.ogp_site_url = config.ogp_site_url or config.georeport_base_url
    config.ogp_site_name = config.ogp_site_name or config.georeport_journal_title
    # social cards need matplotlib and draw the site's name, not the report's
    config.ogp_social_cards = {"enable": False, **(config.ogp_social_cards or {})}


def setup(app: Sphinx) -> dict[str, Any]:
    """Register config values, nodes, the role, the directive and the events."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("sphinxext.opengraph")
    # faster bibliography look-ups for an archive of many reports, in every
    # build (sphinx-build, preview), not only georeport.editions'
    from .speedups import install

    install()

    #: The journal's name, as on its masthead.
    app.add_config_value("georeport_journal_title", "", "env", types=frozenset({str}))
    #: The journal's ISSN, checked (form and check digit) at every build.
    app.add_config_value("georeport_issn", "", "env", types=frozenset({str}))
    #: The publisher, for the masthead and the metadata.
    app.add_config_value("georeport_publisher", "", "env", types=frozenset({str}))
    #: Absolute URL the HTML edition is served from (canonical links).
    app.add_config_value("georeport_base_url", "", "html", types=frozenset({str}))
    #: Rights statement of every report ("{year}" becomes the report's year).
    app.add_config_value("georeport_rights", "", "env", types=frozenset({str}))
    #: Where the PDF build left the PDFs (relative to conf.py), to put beside
    #: the HTML pages; empty: the HTML edition links to no PDF.
    app.add_config_value("georeport_pdf_dir", "", "html", types=frozenset({str}))
    #: Folder of the source tree whose documents are reports.
    app.add_config_value(
        "georeport_reports_dir", "reports", "env", types=frozenset({str})
    )
    #: Make one LaTeX document (and PDF) per report.
    app.add_config_value(
        "georeport_latex_documents", True, "env", types=frozenset({bool})
    )

    app.connect("config-inited", _check_journal)
    app.connect("config-inited", latex.configure)
    # before sphinxcontrib-bibtex reads the files (priority 500)
    app.connect("builder-inited", checks.check_bibliography, priority=400)
    app.connect("builder-inited", latex.declare_languages, priority=600)
    app.connect("env-before-read-docs", checks.check_encoding)
    app.connect("source-read", reports.on_source_read)
    app.connect("env-purge-doc", reports.on_purge_doc)
    app.connect("env-merge-info", reports.on_merge_info)
    # before Sphinx's collectors (priority 500), so the cover image is collected
    app.connect("doctree-read", masthead.on_doctree_read, priority=400)
    app.connect("doctree-read", cite_this.on_doctree_read, priority=401)
    app.connect("doctree-read", checks.check_citations)
    app.connect("doctree-resolved", reportlist.on_doctree_resolved)
    # before sphinxext-opengraph (priority 500), which reads the page's values
    app.connect("html-page-context", html_head.on_html_page_context, priority=400)
    app.connect("build-finished", downloads.on_build_finished)

    skip = (masthead.skip, None)
    app.add_node(
        masthead.masthead,
        html=(masthead.visit_masthead_html, None),
        latex=(latex.visit_masthead_latex, None),
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(
        masthead.byline,
        html=(masthead.visit_byline_html, None),
        latex=(latex.visit_byline_latex, None),
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(
        cite_this.cite_downloads,
        html=(cite_this.visit_cite_downloads_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(reportlist.report_list)
    # each References item in its source's language (lang="ru", polyglossia)
    app.add_post_transform(bibliography_language.BibliographyLanguageTransform)
    app.add_role("footcite", footcite.GroupedFootCiteRole(), override=True)
    # a report's References: nodes for its own sources, not the whole archive's
    references.setup(app)
    # each entry formatted once, its text kept between builds
    formatted_entries.setup(app)
    # a report is read again when an entry it cites changes
    bib_dependencies.setup(app)
    # the sidebar lists the page's volume, not the whole archive
    navigation.setup(app)
    app.add_directive("report-list", reportlist.ReportListDirective)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
