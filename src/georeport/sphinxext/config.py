"""georeport's configuration values, each documented once, and their defaults.

The journal's facts stand once in ``conf.py`` (README.md, "Configuration");
everything about one report stands in its front matter. The rebuild scope of
each value is chosen on purpose: a value that changes what is *read* (the
journal's name on every masthead, which folder holds reports) rebuilds the
environment (``"env"``); one that changes only how pages are written
(``"html"``) rewrites them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import discovery

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Setting:
    """One ``georeport_*`` configuration value."""

    name: str
    default: str | bool
    #: What Sphinx rebuilds when it changes: "env" (read again) or "html".
    rebuild: str
    doc: str


#: Every georeport setting, in the order README.md ("Configuration") lists them.
SETTINGS = (
    Setting("georeport_journal_title", "", "env", "The journal's name."),
    Setting("georeport_issn", "", "env", "The ISSN, checked (form, check digit)."),
    Setting("georeport_publisher", "", "env", "The publisher."),
    Setting(
        "georeport_description",
        "",
        "env",
        "A sentence or two about the journal, on its front page ({front-page}).",
    ),
    Setting(
        "georeport_logo",
        "",
        "env",
        "The journal's logo on its front page: an image file, relative to the "
        "source folder (conf.py's), inside it; empty: no logo.",
    ),
    Setting(
        "georeport_base_url",
        "",
        "html",
        "Absolute URL the HTML edition is served from (canonical links, "
        "metadata); also the default of html_baseurl and ogp_site_url.",
    ),
    Setting(
        "georeport_rights",
        "",
        "env",
        'Rights statement of every report ("{year}" becomes its year).',
    ),
    Setting(
        "georeport_pdf_dir",
        "",
        "html",
        "Where the PDF build left the PDFs (relative to conf.py), to put beside "
        "the HTML pages and link; empty: the HTML edition links to no PDF.",
    ),
    Setting(
        "georeport_reports_dir",
        "reports",
        "env",
        "Folder of the source tree whose documents are reports.",
    ),
    Setting(
        "georeport_latex_documents",
        True,
        "env",
        "Make one LaTeX document (and PDF) per report.",
    ),
    Setting(
        "georeport_speedups",
        True,
        "env",
        "Faster bibliography look-ups for a large archive, the same output "
        "(georeport.sphinxext.bibtex.speedups).",
    ),
    Setting(
        "georeport_lockss_permission",
        "",
        "html",
        "The LOCKSS (or CLOCKSS) permission statement, word for word, put on "
        "a manifest page per volume (lockss/volume-N.html); empty: no manifest "
        "pages (georeport.sphinxext.lockss).",
    ),
    Setting(
        "georeport_epub",
        True,
        "html",
        "Write each report's EPUB beside its page (and link it), for the EPUB "
        "edition (georeport.sphinxext.epub); False: no EPUB.",
    ),
    Setting(
        "georeport_doi_prefix",
        "",
        "env",
        "The journal's DOI prefix from Crossref (10.NNNN): a report without "
        "doi: in its front matter gets one made by georeport_doi_pattern; "
        "empty: only reports with doi: have a DOI (georeport.doi).",
    ),
    Setting(
        "georeport_doi_pattern",
        "{prefix}/{slug}",
        "env",
        "How a report's DOI is made from the prefix: {prefix}/ then any of "
        "{volume}, {issue}, {slug} (the file name), {order}, {year}, with "
        "{slug} or {order} in it (georeport.doi).",
    ),
    Setting(
        "georeport_crossref_depositor_name",
        "",
        "html",
        "Who deposits the DOIs with Crossref (head/depositor/depositor_name "
        "of each deposit); empty: no deposits are written (georeport.deposit).",
    ),
    Setting(
        "georeport_crossref_depositor_email",
        "",
        "html",
        "Where Crossref writes about a deposit (depositor/email_address).",
    ),
    Setting(
        "georeport_crossref_registrant",
        "",
        "html",
        "Who owns the DOIs (head/registrant); empty: georeport_publisher.",
    ),
)


def add_config_values(app: Sphinx) -> None:
    """Register every value of :data:`SETTINGS`."""
    for setting in SETTINGS:
        kind = frozenset({type(setting.default)})
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=kind)


def journal_settings(config: Config) -> dict[str, object]:
    """The ``georeport_*`` values and ``language``, as a mapping
    (:meth:`.Journal.from_settings`)."""
    settings = {setting.name: config[setting.name] for setting in SETTINGS}
    return {**settings, "language": config.language}


def derive_defaults(_app: Sphinx, config: Config) -> None:
    """``config-inited``: one home for the base URL and the journal's name.

    Canonical links and Open Graph follow ``georeport_base_url`` unless set;
    sphinxext-opengraph's social cards (which need matplotlib, and draw the
    site's name rather than the report's) are off unless asked for. What
    :mod:`georeport.discovery` does not count as a report (``_drafts/``,
    ``.backup.md``) is not read as a page either.
    """
    hidden = discovery.hidden_patterns(config.georeport_reports_dir)
    config.exclude_patterns = [*config.exclude_patterns, *hidden]
    if config.georeport_base_url:
        config.html_baseurl = config.html_baseurl or config.georeport_base_url
        config.ogp_site_url = config.ogp_site_url or config.georeport_base_url
    config.ogp_site_name = config.ogp_site_name or config.georeport_journal_title
    config.ogp_social_cards = {"enable": False, **(config.ogp_social_cards or {})}
