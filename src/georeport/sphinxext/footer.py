"""The foot of every page: the journal, its ISSN and publisher, the licence
and the rights, where furo said "Made with Sphinx and @pradyunsg's Furo" and
"Copyright © SpecialEurasia".

``templates/georeport-page.html`` (which extends the page's own template:
page.html, search.html, genindex.html) adds the journal's footer to furo's
``footer`` block (after its "Previous" and "Next", before its own credit,
which stays, small: "Made with Furo"); Sphinx's credit and ``copyright``'s
line without a year are not shown. The licence is ``georeport_license``'s
name, linked to its deed; the rights are ``georeport_rights`` with the year
of the page's report, or, on the journal's other pages, its years
("© 2020\u20132022 SpecialEurasia"). The words are in the page's language.

The years of a page that is not a report change when a report of a new year
comes or the last of a year goes: :func:`pages_to_rewrite` has Sphinx write
those pages again.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..model.i18n import words
from .context import build_context
from .front_matter import all_reports, get_report
from .report_language import lang_attribute

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Journal, Report

#: The page template that holds the footer (and the breadcrumbs): it extends
#: the page's own template (``georeport_base``), one of :data:`TEMPLATES`.
PAGE = "georeport-page.html"
#: The templates of pages with a footer: furo's, each extending page.html.
TEMPLATES = ("page.html", "search.html", "genindex.html", "domainindex.html")
#: Environment attribute: the journal's years when its pages were written.
ENV_ATTRIBUTE = "georeport_footer_years"


def years(env: BuildEnvironment) -> str:
    """``2022``, or ``2020\u20132022``: the years of the journal's reports; ``""``
    without any."""
    found = sorted({report.date.year for report in all_reports(env)})
    if not found:
        return ""
    first, last = found[0], found[-1]
    return str(first) if first == last else f"{first}\u2013{last}"


def footer_html(
    journal: Journal, report: Report | None, language: str, when: str, home: str
) -> str:
    """The footer's two lines, escaped; ``when``: the years of a page that is
    not a report, ``home``: the address of the front page."""
    said = words(language)
    lang = lang_attribute(said.language, language)
    parts = [f'<a href="{escape(home)}">{escape(journal.title)}</a>']
    parts.append(f"ISSN {escape(journal.issn)}")
    if journal.publisher:
        published = said.gettext("Published by {publisher}")
        shown = escape(published.format(publisher=journal.publisher))
        parts.append(f"<span{lang}>{shown}</span>" if lang else shown)
    lines = [f'<p class="georeport-footer-journal">{" · ".join(parts)}</p>']
    rights = []
    if journal.licence is not None:
        label = escape(said.gettext("Licence"))
        rights.append(f"<span{lang}>{label}</span>: " if lang else f"{label}: ")
        rights[-1] += (
            f'<a rel="license" href="{escape(journal.licence.url)}">'
            f"{escape(journal.licence.name)}</a>"
        )
    statement = report.rights if report is not None else ""
    if report is None and journal.rights and when:
        statement = journal.rights.replace("{year}", when)
    if statement:
        rights.append(escape(statement))
    if rights:
        lines.append(f'<p class="georeport-footer-rights">{" · ".join(rights)}</p>')
    return "".join(lines)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> str | None:
    """The footer of the page, in the template that shows it."""
    if app.builder.format != "html" or templatename not in TEMPLATES:
        return None
    env = app.env
    context_ = build_context(env)
    report = get_report(env, pagename)
    language = report.language if report is not None else context_.language
    home = app.builder.get_relative_uri(pagename, app.config.root_doc)
    context["georeport_footer"] = footer_html(
        context_.journal, report, language, years(env), home
    )
    # the journal's footer says whose the pages are: not Sphinx's credit,
    # nor conf.py's copyright without a year
    context["show_sphinx"] = False
    context["show_copyright"] = False
    context["georeport_base"] = templatename
    return PAGE


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: every page that is not a report, when the journal's
    years changed since they were written."""
    now = years(env)
    before = getattr(env, ENV_ATTRIBUTE, None)
    setattr(env, ENV_ATTRIBUTE, now)
    if before is None or before == now:
        return []
    return sorted(d for d in env.found_docs if get_report(env, d) is None)


def setup(app: Sphinx) -> None:
    """The journal's footer on every page."""
    app.connect("env-updated", pages_to_rewrite)
    app.connect("html-page-context", on_html_page_context)
