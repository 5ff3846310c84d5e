"""A report's facts, under its byline, in both editions: what an article
page of a journal shows before the text.

* its dates: received, revised and accepted when the front matter says so,
  and published (``date:``);
* its keywords;
* the licence (``georeport_license``: its name linked to its deed) and the
  rights (``georeport_rights``: "© 2022 SpecialEurasia");
* on the page, the downloads (PDF, EPUB, BibTeX, RIS, CSL-JSON), in the
  PDF, nothing (it is the download);
* how to cite it: its own reference in the journal's style
  (:mod:`.cite_this`).

One :class:`facts` node holds them (its one child is the citation, rendered
by each writer); the HTML writer makes a ``<dl>`` of it, the LaTeX writer
the lines under the PDF's title block (``georeportfacts`` in
``texinputs/georeport.sty``). The labels are the journal's words in the
report's language (:mod:`georeport.model.i18n`); every value is text.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from ..model.i18n import words
from . import cite_this
from .front_matter import get_report, node_report
from .nodes import byline, visitors
from .report_language import lang_attribute

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..model import Report
    from ..model.dates import PartialDate
    from ..model.i18n import Words


class facts(nodes.General, nodes.Element):  # docutils naming
    """Dates, keywords, licence, downloads and how to cite, after the byline."""


def date_labels(said: Words) -> dict[str, str]:
    """The label of each date of :attr:`.Report.history`, in ``said``'s
    language."""
    return {
        "received": said.gettext("Received"),
        "revised": said.gettext("Revised"),
        "accepted": said.gettext("Accepted"),
        "published": said.gettext("Published"),
    }


def rights_label(said: Words, report: Report) -> str:
    """ "Licence" when the journal states one, else "Copyright"."""
    if report.journal.licence is not None:
        return said.gettext("Licence")
    return said.gettext("Copyright")


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Put the facts after the report's byline (:mod:`.masthead` put it)."""
    report = get_report(app.env, app.env.docname)
    found = next(iter(doctree.findall(byline)), None)
    if report is None or found is None:
        return
    node = facts(docname=report.docname)
    node += cite_this.citation_node(app, report)
    found.parent.insert(found.parent.index(found) + 1, node)


# -- HTML ---------------------------------------------------------------------------


def _row(label: str, value: str, lang: str, attributes: str = "") -> str:
    return f"<div{attributes}><dt{lang}>{escape(label)}</dt><dd>{value}</dd></div>"


def _time(date: PartialDate, language: str) -> str:
    shown = escape(words(language).date(date))
    return f'<time datetime="{date.iso()}">{shown}</time>'


def licence_html(report: Report) -> str:
    """``<a rel="license" href="deed">CC BY 4.0</a> · © 2022 Publisher``, as
    much of it as the journal sets; ``""`` for neither."""
    parts = []
    licence = report.journal.licence
    if licence is not None:
        parts.append(
            f'<a rel="license" href="{escape(licence.url)}">{escape(licence.name)}</a>'
        )
    if report.rights:
        parts.append(escape(report.rights))
    return " · ".join(parts)


def visit_facts_html(translator: HTML5Translator, node: facts) -> None:
    """The ``<dl>`` up to "How to cite", whose text the citation child writes."""
    report = node_report(translator.builder, node)
    said = words(report.language)
    lang = lang_attribute(said.language, report.language)
    labels = date_labels(said)
    rows = [
        _row(labels[key], _time(when, report.language), lang)
        for key, when in report.history
    ]
    if report.keywords:
        items = "".join(f"<li>{escape(k)}</li>" for k in report.keywords)
        rows.append(
            _row(
                said.gettext("Keywords"),
                f'<ul class="georeport-keywords">{items}</ul>',
                lang,
            )
        )
    rights = licence_html(report)
    if rights:
        label = rights_label(said, report)
        rows.append(_row(label, rights, lang, ' class="georeport-rights"'))
    rows.append(
        _row(
            said.gettext("Download"),
            cite_this.downloads_html(translator.builder, report),
            lang,
            ' class="georeport-downloads"',
        )
    )
    translator.body.append(
        '<dl class="georeport-facts">'
        + "".join(rows)
        + f'<div id="{cite_this.SECTION_ID}"><dt{lang}>'
        + escape(said.gettext("How to cite"))
        + "</dt><dd>"
    )


def depart_facts_html(translator: HTML5Translator, node: facts) -> None:
    translator.body.append("</dd></div></dl>\n")


# -- LaTeX --------------------------------------------------------------------------


def licence_latex(translator: LaTeXTranslator, report: Report) -> str:
    """The licence's name linked to its deed, the deed's address (for the
    printed page) and the rights, as LaTeX; ``""`` for neither."""
    parts = []
    licence = report.journal.licence
    if licence is not None:
        url = translator.encode_uri(licence.url)
        parts.append(
            rf"\sphinxhref{{{url}}}{{{translator.encode(licence.name)}}}"
            rf" (\sphinxurl{{{url}}})"
        )
    if report.rights:
        parts.append(translator.encode(report.rights))
    return r"\georeportsep{}".join(parts)


def visit_facts_latex(translator: LaTeXTranslator, node: facts) -> None:
    """``\\begin{georeportfacts}`` and a line a fact, up to "Cite as", whose
    text the citation child writes."""
    report = node_report(translator.builder, node)
    said = words(report.language)
    lines = [r"\begin{georeportfacts}"]

    def fact(label: str, value: str) -> None:
        lines.append(rf"\georeportfact{{{translator.encode(label)}}}{{{value}}}")

    labels = date_labels(said)
    for key, when in report.history:
        fact(labels[key], translator.encode(said.date(when)))
    if report.keywords:
        keywords = ", ".join(translator.encode(k) for k in report.keywords)
        fact(said.gettext("Keywords"), keywords)
    rights = licence_latex(translator, report)
    if rights:
        fact(rights_label(said, report), rights)
    label = translator.encode(said.gettext("Cite as"))
    lines.append(rf"\georeportfact{{{label}}}{{%")
    translator.body.append("\n" + "\n".join(lines) + "\n")


def depart_facts_latex(translator: LaTeXTranslator, node: facts) -> None:
    translator.body.append("}\n\\end{georeportfacts}\n")


def setup(app: Sphinx) -> None:
    """The facts node, made when a report is read."""
    # after the masthead's byline (same priority, registered after it),
    # before Sphinx's collectors (priority 500)
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.add_node(
        facts,
        **visitors(
            html=(visit_facts_html, depart_facts_html),
            latex=(visit_facts_latex, depart_facts_latex),
        ),
    )
