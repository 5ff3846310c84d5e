"""georeport's configuration values, registered from their one declaration.

Each ``georeport_*`` setting is declared once, with its default, rebuild scope
and what it is for, in :data:`georeport.project.SETTINGS`; here Sphinx learns
them, and the defaults that follow from them are derived.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import project
from ..project import SETTINGS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def add_config_values(app: Sphinx) -> None:
    """Register every value of :data:`SETTINGS`."""
    for setting in SETTINGS:
        kind = frozenset({type(setting.default)})
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=kind,
            description=setting.doc,
        )


def journal_settings(config: Config) -> dict[str, object]:
    """The ``georeport_*`` values and ``language``, as a mapping
    (:meth:`.Journal.from_settings`)."""
    settings = {setting.name: config[setting.name] for setting in SETTINGS}
    return {**settings, "language": config.language}


def derive_defaults(_app: Sphinx, config: Config) -> None:
    """``config-inited``: one home for the base URL and the journal's name.

    Canonical links and Open Graph follow ``georeport_base_url`` unless set;
    sphinxext-opengraph's social cards (which need matplotlib, and draw the
    site's name rather than the report's) are off unless asked for. Figures
    and tables are numbered in every edition (``numfig``). What
    :mod:`georeport.project` does not count as a report (``_drafts/``,
    ``.backup.md``) is not read as a page either.
    """
    hidden = project.hidden_patterns(config.georeport_reports_dir)
    config.exclude_patterns = [*config.exclude_patterns, *hidden]
    if config.georeport_base_url:
        config.html_baseurl = config.html_baseurl or config.georeport_base_url
        config.ogp_site_url = config.ogp_site_url or config.georeport_base_url
    config.ogp_site_name = config.ogp_site_name or config.georeport_journal_title
    _journal_title(config)
    config.ogp_social_cards = {"enable": False, **(config.ogp_social_cards or {})}
    # figures and tables numbered on the page and in the EPUB as LaTeX
    # numbers them in the PDF: Fig. 1, 2... through the report, never by
    # section (its sections have no numbers)
    config.numfig = True
    config.numfig_secnum_depth = 0


def _journal_title(config: Config) -> None:
    """The site's title is the journal's, not "<project> documentation"
    (Sphinx's default ``html_title``), unless conf.py sets its own."""
    if not config.georeport_journal_title or "html_title" not in config.values:
        return
    default = config.values["html_title"].default
    if callable(default):
        default = default(config)
    if config.html_title == default:
        config.html_title = config.georeport_journal_title


def setup(app: Sphinx) -> None:
    """Every setting of :data:`georeport.project.SETTINGS`, and the defaults
    that follow from them."""
    add_config_values(app)
    app.connect("config-inited", derive_defaults)
