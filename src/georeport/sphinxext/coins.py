"""COinS: each report of a list as an item a reference manager can save.

A page that lists reports (an issue's, a volume's, the archive, the front
page) holds, beside each report, an empty ``<span class="Z3988">`` whose
``title`` is an OpenURL 1.0 ContextObject of the report in KEV form
(Z39.88-2004, the journal article format): Zotero's COinS translator, and
other reference managers, offer the page's reports as several items to
save, each with its title, authors, journal, ISSN, volume, issue, date,
DOI, address, language, keywords and abstract. A report's own page needs
none: its head says all of it (:mod:`.report_head`).

Each value is percent-encoded (``quote`` with nothing safe), so that no
``&`` or ``=`` of a title cuts the ContextObject, then the whole is escaped
for the attribute. Zotero reads ``+`` (and ``%2B``) as a space, as the
form encoding of KEV says: a ``+`` of a title reaches it as a space.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from .front_matter import node_report
from .nodes import skip, visitors

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ..model import Report

#: The class reference managers look for.
CLASS = "Z3988"


class coins(nodes.Inline, nodes.Element):  # docutils naming
    """One report's ContextObject (``docname``), for the HTML writer."""


def context_object(report: Report) -> list[tuple[str, str]]:
    """The report's ContextObject: ``(key, value)`` pairs, in order."""
    journal = report.journal
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
        ("rft.genre", "article"),
        ("rft.atitle", report.title),
        ("rft.jtitle", journal.title),
        ("rft.issn", journal.issn),
        ("rft.volume", str(report.volume)),
        ("rft.issue", str(report.issue)),
        ("rft.date", report.date.iso()),
        *(("rft.au", name) for name in report.authors),
        ("rft.language", report.language),
        *(("rft.subject", keyword) for keyword in report.keywords),
    ]
    if journal.publisher:
        pairs.append(("rft.pub", journal.publisher))
    abstract = " ".join(report.abstract.split())
    if abstract:
        pairs.append(("rft.description", abstract))
    # the rights statement, then the licence: Zotero keeps the last one
    # given, the licence where there is one, and otherwise the statement
    if report.rights:
        pairs.append(("rft.rights", report.rights))
    if journal.licence is not None:
        pairs.append(("rft.rights", journal.licence.name))
    if report.doi:
        pairs.append(("rft_id", f"info:doi/{report.doi}"))
    if report.page_url:
        pairs.append(("rft_id", report.page_url))
    return pairs


def kev(report: Report) -> str:
    """The ContextObject in KEV form: ``key=value`` pairs joined by ``&``."""
    pairs = context_object(report)
    return "&".join(f"{key}={quote(value, safe='')}" for key, value in pairs)


def node(report: Report) -> coins:
    """The span of ``report``, for a list of reports."""
    return coins(docname=report.docname)


def visit_coins_html(translator: HTML5Translator, node: coins) -> None:
    report = node_report(translator.builder, node)
    title = escape(kev(report))
    translator.body.append(f'<span class="{CLASS}" title="{title}"></span>')
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """The ContextObject span of a report in a list."""
    app.add_node(coins, **visitors(html=(visit_coins_html, None), latex=(skip, None)))
