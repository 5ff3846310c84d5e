"""Each report in its own language: its page, its PDF, its translations.

A report's ``language:`` (else ``conf.py``'s ``language``) is

* its page's language: ``<html lang>`` (Sphinx writes ``conf.py``'s on every
  page; :func:`on_html_page_context` gives a report's page its own) and
  ``og:locale``;
* its PDF's main language: polyglossia's ``\\setmainlanguage`` (hyphenation,
  script) and the document class's option, which Sphinx's LaTeX builder
  sets once for every document from ``conf.py`` (:func:`latex_main_language`,
  called by the masthead's LaTeX visitor, before the preamble is written);
* the language its sources are tagged against (:func:`document_language`:
  a Russian source in a Russian report gets no ``lang`` of its own, an
  English one gets ``lang="en"``).

The journal's words on the page and in the PDF are the message catalogue's
(:mod:`georeport.i18n`). The journal's own pages (front page, archive,
issues, volumes) stay in ``conf.py``'s language.

A report may name the report it translates (``translation_of:``). Which
report that is, is known once every report is read: at ``env-updated``,
:func:`on_env_updated` makes groups of translations (a report, the one it
translates, and that one's other translations), refuses a name that is no
report and a group with two reports of one language (a ``georeport.metadata``
error at the line of ``translation_of:``), and has Sphinx write again the
pages whose group changed. Each page of a group links the others: ``<link
rel="alternate" hreflang>`` in its head (itself included, as search engines
ask) and, in its masthead, "This report in other languages:" with each
language named in itself.
"""

from __future__ import annotations

import difflib
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.builders.latex.util import ExtBabel

from ..model.i18n import language_name, open_graph_locale, words
from ..model.language import direction, in_main_fonts, langid_name, polyglossia_name
from .context import Page, build_context, meta
from .front_matter import all_reports, get_report
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator

    from ..model import Report

#: Environment attribute: docname -> the docnames of its group of
#: translations (itself included), for the reports that have translations.
ENV_ATTRIBUTE = "georeport_translations"
#: polyglossia's option for Western digits in page and section numbers:
#: the journal's numbers (volume, issue, pages) are written so on every page,
#: and the main fonts have no Arabic-Indic digits.
WESTERN_DIGITS = {
    "arabic": "numerals=maghrib",
    "persian": "numerals=western",
    "urdu": "numerals=western",
}
#: A topic (the abstract) in a right-to-left PDF: indented, its title bold.
RTL_TOPIC = r"""
\renewenvironment{sphinxtopic}{\begin{quote}}{\end{quote}}
\renewcommand*{\sphinxstyletopictitle}[1]{\textbf{#1}\par\smallskip}
"""
#: The class of the paragraph that links a report's translations.
TRANSLATIONS_CLASS = "georeport-translations"


def document_language(env: BuildEnvironment, docname: str) -> str:
    """The language of a document: a report's own, else the project's."""
    report = get_report(env, docname)
    return report.language if report is not None else build_context(env).language


# -- translations ------------------------------------------------------------


def _target(
    report: Report, by_name: dict[str, Report], env: BuildEnvironment
) -> Report | None:
    """The report ``report`` names as the one it translates; logs why there
    is none."""
    name = report.translation_of
    found = by_name.get(name)
    if found is not None:
        return found
    pages = {d: d for d in env.found_docs} | {
        d.rsplit("/", 1)[-1]: d for d in env.found_docs
    }
    if name in pages:
        why = (
            f"names {name!r}, the page {pages[name]}, which is no report: a "
            "report translates a report"
        )
    else:
        close = difflib.get_close_matches(name, sorted(by_name), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        why = f"names {name!r}, which is no report of this project{hint}"
    fix = "write the file name of the report it translates, e.g. 16-2-caspian"
    _error(report, f"{why}: {fix}")
    return None


def _error(report: Report, message: str) -> None:
    log(
        GeoreportWarning.METADATA,
        "'translation_of' %s (fix the report's front matter)",
        message,
        location=(report.docname, report.translation_of_line or None),
        error=True,
    )


def translation_groups(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """docname -> its group of translations (sorted docnames, itself
    included), for every report in a group; faults are logged."""
    reports = sorted(all_reports(env), key=lambda r: r.docname)
    by_name: dict[str, Report] = {}
    for report in reports:
        by_name[report.docname] = report
        by_name.setdefault(report.slug, report)
    group: dict[str, set[str]] = {r.docname: {r.docname} for r in reports}
    language = {r.docname: r.language for r in reports}
    for report in reports:
        if not report.translation_of:
            continue
        target = _target(report, by_name, env)
        if target is None:
            continue
        mine, theirs = group[report.docname], group[target.docname]
        if mine is theirs:
            continue  # named both ways
        taken = {language[d]: d for d in theirs}
        clash = [taken[language[d]] for d in sorted(mine) if language[d] in taken]
        if clash:
            other = get_report(env, clash[0])
            assert other is not None
            name = repr(report.translation_of)
            if other is target:
                why = (
                    f"names {name}, which is in {other.language} as this report "
                    "is: a translation is in another language; check the "
                    "'language:' of both"
                )
            else:
                why = (
                    f"names {name}, which has a translation in {other.language} "
                    f"already ({other.slug}): one report a language"
                )
            _error(report, why)
            continue
        merged = mine | theirs
        for docname in merged:
            group[docname] = merged
    return {d: tuple(sorted(g)) for d, g in group.items() if len(g) > 1}


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the groups of translations; the pages whose group
    changed are written again (a page links its translations)."""
    now = translation_groups(env)
    before: dict[str, tuple[str, ...]] = getattr(env, ENV_ATTRIBUTE, {})
    setattr(env, ENV_ATTRIBUTE, now)
    changed = {d for d in now.keys() | before.keys() if now.get(d) != before.get(d)}
    return sorted(d for d in changed if get_report(env, d) is not None)


def translations(env: BuildEnvironment, report: Report) -> list[Report]:
    """The other reports of ``report``'s group, in the order of their
    language tags."""
    group = getattr(env, ENV_ATTRIBUTE, {}).get(report.docname, ())
    found = [get_report(env, d) for d in group if d != report.docname]
    return sorted((r for r in found if r is not None), key=lambda r: r.language)


# -- HTML --------------------------------------------------------------------


def lang_attribute(text_language: str, page_language: str) -> str:
    """`` lang="en"`` on words whose language is not their page's, else ``""``."""
    if text_language == page_language:
        return ""
    return f' lang="{escape(text_language)}"'


def translations_html(builder: Builder, report: Report) -> str:
    """ "This report in other languages: Italiano · Русский", each a link in
    its own language; ``""`` for a report without translations."""
    others = translations(builder.env, report)
    if not others:
        return ""
    said = words(report.language)
    links = " · ".join(
        f'<a href="{escape(builder.get_relative_uri(report.docname, other.docname))}"'
        f' hreflang="{escape(other.language)}" lang="{escape(other.language)}">'
        f"{escape(language_name(other.language))}</a>"
        for other in others
    )
    label = escape(said.gettext("This report in other languages:"))
    lang = lang_attribute(said.language, report.language)
    label = f"<span{lang}>{label}</span>" if lang else label
    return f'<p class="{TRANSLATIONS_CLASS}">{label} {links}</p>'


def _href(app: Sphinx, pagename: str, report: Report) -> str:
    """A page's address for ``hreflang``: absolute with a base URL."""
    return report.page_url or app.builder.get_relative_uri(pagename, report.docname)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """A report's page in its language: ``<html lang>`` in the theme."""
    report = get_report(app.env, pagename)
    if report is not None and app.builder.format == "html":
        context["language"] = report.language


def head_tags(page: Page) -> list[str]:
    """A report page's languages (:data:`.head.HEAD`): ``og:locale`` and its
    translations' as alternates and as ``hreflang`` links."""
    report = page.report
    if report is None:
        return []
    others = translations(page.app.env, report)
    tags = [
        meta("property", "og:locale", open_graph_locale(report.language)),
        *(
            meta("property", "og:locale:alternate", open_graph_locale(o.language))
            for o in others
        ),
    ]
    tags = [tag for tag in tags if 'content=""' not in tag]
    if others:
        for each in sorted([report, *others], key=lambda r: r.language):
            href = escape(_href(page.app, page.name, each))
            tags.append(
                f'<link rel="alternate" hreflang="{escape(each.language)}" '
                f'href="{href}">'
            )
    return tags


# -- LaTeX -------------------------------------------------------------------


def latex_main_language(translator: LaTeXTranslator, report: Report) -> None:
    """The report's language as its PDF's language: the
    PDF catalog's ``/Lang`` and XMP's ``dc:language`` (hyperref's ``pdflang``, read at
    ``\\begin{document}``: in the preamble), polyglossia's
    ``\\setmainlanguage`` and the class option, as Sphinx writes them for
    ``conf.py``'s language (the same names, through Sphinx's ``ExtBabel``).

    The template is rendered after the document is walked, from the
    translator's copy of the builder's elements: changing that copy changes
    this document alone. A language polyglossia does not know keeps the
    project's; a project that set ``babel`` itself is left as it is.
    """
    elements = translator.elements
    # a BCP 47 tag (model.py checks its shape): letters, digits and hyphens
    elements["preamble"] += f"\n\\hypersetup{{pdflang={{{report.language}}}}}\n"
    babel = ExtBabel(report.language, use_polyglossia=True)
    name, project = babel.get_language(), translator.babel.get_language()
    if not elements.get("polyglossia") or elements.get("babel"):
        return
    if langid_name(report.language):
        # the languages of the region, as polyglossia 1.59 has them (Sphinx
        # knows no Persian, and names a Kazakh that polyglossia lacks)
        name = polyglossia_name(report.language) or project
    elif not babel.is_supported_language():
        return
    if name == project:
        return
    options = babel.get_mainlanguage_options() if name == babel.get_language() else None
    if name == "french":  # the characters as written (texinputs/georeport.sty)
        literal = "autospacing=false,autospaceguillemets=false"
        options = f"{options},{literal}" if options else literal
    if name in WESTERN_DIGITS:
        options = WESTERN_DIGITS[name]
    main = f"[{options}]{{{name}}}" if options else f"{{{name}}}"
    elements["multilingual"] = f"{elements['polyglossia']}\n\\setmainlanguage{main}"
    if not in_main_fonts(report.language):
        # the main fonts stay, for the Latin words around the text; its own
        # letters are set by script (latex_scripts.py), so polyglossia must
        # not look for a font of the language's script
        fonts = "".join(
            rf"\def\{name}font{family}{{\{kind}familylatin}}"
            for family, kind in (("", "rm"), ("sf", "sf"), ("tt", "tt"))
        )
        elements["multilingual"] = f"{elements['polyglossia']}\n{fonts}"
        setting = f"\\setmainlanguage{main}\n"
        if direction(report.language) == "rtl":
            # bidi, which polyglossia loads for a language written right to
            # left, must come after hyperref: the preamble does. Sphinx's
            # framed topic (the abstract) draws its colours in a box that
            # TeX--XeT turns, popping them before pushing: plain instead
            elements["preamble"] = setting + elements["preamble"] + RTL_TOPIC
        else:
            elements["multilingual"] += f"\n{setting}"
    elements["classoptions"] = elements["classoptions"].replace(
        f",{project}", f",{name}", 1
    )


def setup(app: Sphinx) -> None:
    """Each report in its language, and its translations."""
    # after every report is read: translation_of: names one of them
    app.connect("env-updated", on_env_updated)
    app.connect("html-page-context", on_html_page_context)
