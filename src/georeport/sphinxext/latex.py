"""The PDF edition: one LaTeX document per report, its masthead and metadata.

Sphinx's LaTeX builder does the typesetting; this module only

* lists every report as a LaTeX document of its own (``latex_documents``),
* replaces Sphinx's title page by the journal's title block, written from the
  report's metadata by the masthead node (layout in ``texinputs/georeport.sty``),
* fills the PDF information dictionary and XMP (``\\hypersetup``, hyperxmp)
  from the same facts,
* declares the languages of the cited sources to polyglossia, and makes
  each report's language its document's main language
  (:func:`.report_language.latex_main_language`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.writers.latex import LaTeXTranslator as SphinxLaTeXTranslator

from ..model.language import entry_language, polyglossia_name
from ..model.report import file_name, good_file_name
from ..project import report_files, same_names
from .bibtex.dependencies import cited
from .bibtex.domain import bibtex_domain
from .context import build_context
from .front_matter import all_reports, node_report
from .report_language import latex_main_language
from .warnings_ import in_conf, stop

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..model import Report
    from .nodes import abstract, byline, cover_caption, masthead

TEXINPUTS = Path(__file__).parent / "texinputs"

#: Engines that typeset Cyrillic with OpenType fonts through polyglossia.
ENGINES = ("xelatex", "lualatex")


def configure(app: Sphinx, config: Config) -> None:
    """Add one LaTeX document per report and the journal's title page."""
    if config.latex_engine not in ENGINES:
        stop(
            f"{in_conf(app, 'latex_engine')}: latex_engine is "
            f"{config.latex_engine!r}: the PDF editions need one of "
            f"{', '.join(ENGINES)} for Cyrillic sources; set it in conf.py"
        )
    if config.georeport_latex_documents:
        found = [
            d for d, _ in report_files(Path(app.srcdir), config.georeport_reports_dir)
        ]
        # a name the rule refuses, or one another report has too, is said
        # when the report is read (front_matter.py); TeX never gets it, even
        # when that error is silenced
        twins = same_names(found)
        config.latex_documents = [
            (docname, file_name(docname, ".tex"), "", "", "howto", False)
            for docname in found
            if good_file_name(docname) and docname not in twins
        ]
    elements = config.latex_elements
    elements.setdefault("maketitle", "")  # the masthead node writes the title
    elements.setdefault("tableofcontents", "")
    elements.setdefault("printindex", "")
    # no index is printed: none is made either (no makeindex run)
    elements.setdefault("makeindex", "")
    config.latex_additional_files = [
        *config.latex_additional_files,
        str(TEXINPUTS / "georeport.sty"),
    ]
    app.add_latex_package("georeport")
    app.add_latex_package("hyperxmp", after_hyperref=True)
    # hyperxmp drops Author and Keywords from the information dictionary
    # (they are lists in XMP) unless told in the preamble to keep them
    elements["preamble"] = elements.get("preamble", "") + "\n\\hypersetup{keeppdfinfo}"


def declare_languages(app: Sphinx) -> None:
    """Tell polyglossia about every language a cited bibliography entry declares.

    Only cited entries: the journal's ``references.bib`` holds its whole
    archive, and a language that only an uncited entry declares would change
    every report's preamble, and so typeset every PDF again, when that entry
    is added. What is cited is known once the documents are read, so the
    lines are added then (``env-updated``), before any LaTeX is written.
    """
    if app.builder.name != "latex":
        return
    app.connect("env-updated", _declare_cited_languages)


def _declare_cited_languages(app: Sphinx, env: BuildEnvironment) -> None:
    entries = bibtex_domain(env).bibdata.data.entries
    codes = {entry_language(entries[key]) for key in cited(env) if key in entries}
    main = build_context(env).language
    # a report in another language than the project's may cite sources in
    # the project's (georeport.sty declares no report's main language twice)
    if any(report.language != main for report in all_reports(env)):
        main = ""
    lines = [
        rf"\georeportlanguage{{{code}}}{{{name}}}"
        for code in sorted(codes - {"", main})
        if (name := polyglossia_name(code))
    ]
    builder = app.builder
    assert isinstance(builder, LaTeXBuilder)  # connected for the "latex" builder
    context = builder.context
    context["preamble"] = "\n".join([context.get("preamble", ""), *lines])


#: A URL's characters as hyperref's ``\url`` and ``\href`` read them
#: (:meth:`LaTeXTranslator.encode_uri`): what expands to the character itself
#: where hyperref reads the URL (``\string^``; the kernel's ``\@charlb`` for a
#: brace, which must not open a group when the line is read) for those whose
#: escape hyperref takes for text (``\textasciicircum{}``, ``\{``), the
#: character itself for those Sphinx escapes as text (``{[}``,
#: ``\textless{}``) but hyperref reads as they are in a URL.
_URI_CHARS = {
    "^": r"\string^",
    "$": r"\string$",
    "{": r"\csname @charlb\endcsname ",
    "}": r"\csname @charrb\endcsname ",
    "\\": r"\csname @backslashchar\endcsname ",
    **{char: char for char in "[]`<>"},
}
_URI_SPECIAL = re.compile(f"([{re.escape(''.join(_URI_CHARS))}])")


class LaTeXTranslator(SphinxLaTeXTranslator):
    """Sphinx's LaTeX writer, with every URL character right in the PDF."""

    def encode_uri(self, text: str) -> str:
        """``text`` for hyperref's ``\\url`` and ``\\href``: the link and the
        text shown in the PDF are ``text`` itself.

        Sphinx escapes a URL as text (its own TODO says it is probably
        wrong): ``^`` became ``\\TU\\textasciicircum{}`` in both, braces
        ``\\{``. Characters of :data:`_URI_CHARS` are written for hyperref,
        the rest as Sphinx writes them (a URL without them is unchanged).
        """
        encode = super().encode_uri
        parts = _URI_SPECIAL.split(text)
        return "".join(
            _URI_CHARS[part] if index % 2 else encode(part)
            for index, part in enumerate(parts)
        )


#: "?`" and "!`", which hyperref's PDF strings read as "¿" and "¡".
_PDF_LIGATURE = re.compile(r"(?<=[?!])(?=`)")


def _pdf_string(translator: SphinxLaTeXTranslator, text: str) -> str:
    """Text for a hyperref key: LaTeX-escaped, braces balanced, no newline,
    no pair of characters hyperref would join into another."""
    return _PDF_LIGATURE.sub("{}", translator.encode(" ".join(text.split())))


def hypersetup(translator: SphinxLaTeXTranslator, report: Report) -> str:
    """The PDF information dictionary of a report."""
    journal = report.journal
    subject = f"{journal.title}, ISSN {journal.issn}, {report.issue_line_in()}"
    fields = {
        # the information dictionary (hyperref) ...
        "pdftitle": report.title,
        "pdfauthor": ", ".join(report.authors),
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(report.keywords),
        # ... and XMP (hyperxmp): Dublin Core and PRISM
        "pdfpubtype": "journal",
        "pdfpublication": journal.title,
        "pdfissn": journal.issn,
        "pdfvolumenum": str(report.volume),
        "pdfissuenum": str(report.issue),
        "pdfpublisher": journal.publisher,
        "pdfdate": report.date.iso(),
        # xmpRights:Marked, dc:rights and (hyperxmp) xmpRights:WebStatement
        "pdfcopyright": report.rights_and_licence,
        "pdflicenseurl": report.licence.url if report.licence else "",
        "pdfurl": report.page_url,
    }
    fields = {key: value for key, value in fields.items() if value}
    lists = {"pdfauthor": report.authors, "pdfkeywords": report.keywords}
    values = {key: _pdf_string(translator, value) for key, value in fields.items()}
    for key, items in lists.items():
        # hyperxmp splits these at commas: a comma inside one name is \xmpcomma
        values[key] = ", ".join(
            _pdf_string(translator, item).replace(",", r"\xmpcomma{}") for item in items
        )
    if report.doi:
        # prism:doi and dc:identifier info:doi/... in XMP (hyperxmp). A DOI
        # holds letters, digits and -._;()/ only (georeport.doi), of which
        # hyperxmp 5.9 loses "_" and "\_" (it reads escapes twice): "\string_"
        # reaches XMP as "_".
        values["pdfdoi"] = report.doi.replace("_", r"\string_")
        # the information dictionary's own /DOI key (hyperref's pdfinfo)
        values["pdfinfo"] = f"DOI={{{_pdf_string(translator, report.doi)}}}"
    body = ",\n  ".join(f"{key}={{{value}}}" for key, value in values.items() if value)
    return f"\\hypersetup{{\n  {body}}}\n"


def authors_latex(translator: SphinxLaTeXTranslator, report: Report) -> str:
    """The byline: the authors on one line; with affiliations or ORCID iDs,
    ``\\georeportauthor{name}{affiliation}{iD}`` for each (the iD's icon and
    its full address, a link, as ORCID's guidelines ask)."""
    authors = report.contributors
    if not any(a.affiliation or a.orcid for a in authors):
        return translator.encode(report.authors_line_in())
    lines = []
    for author in authors:
        orcid = ""
        if author.orcid:
            url = translator.encode_uri(author.orcid_url)
            orcid = rf"\georeportorcid{{{url}}}"
        lines.append(
            rf"\georeportauthor{{{translator.encode(author.name)}}}"
            rf"{{{translator.encode(author.affiliation)}}}{{{orcid}}}"
        )
    return "%\n".join(lines)


def visit_masthead_latex(translator: SphinxLaTeXTranslator, node: masthead) -> None:
    """PDF metadata, then the title block: masthead, title, authors."""
    report = node_report(translator.builder, node)
    journal = report.journal
    latex_main_language(translator, report)
    args = (journal.title, journal.issn, report.issue_line_in(), report.title)
    translator.body.append(hypersetup(translator, report))
    if report.doi:
        # the DOI's link under the issue line, shown whole (as on the page)
        link = rf"\sphinxhref{{{translator.encode_uri(report.doi_url)}}}"
        translator.body.append(
            rf"\georeportdoi{{{link}{{{translator.encode(report.doi_url)}}}}}" + "\n"
        )
    translator.body.append(
        r"\georeporttitleblock"
        + "".join(f"{{{translator.encode(arg)}}}" for arg in args)
        + f"{{{authors_latex(translator, report)}}}\n"
    )
    raise nodes.SkipNode


def visit_byline_latex(translator: SphinxLaTeXTranslator, node: byline) -> None:
    """The authors are in the title block already."""
    raise nodes.SkipNode


def visit_abstract_latex(translator: SphinxLaTeXTranslator, node: abstract) -> None:
    """``\\begin{georeportabstract}{Abstract}``: the paragraphs follow."""
    label = translator.encode(node["label"])
    translator.body.append(f"\n\\begin{{georeportabstract}}{{{label}}}\n")


def depart_abstract_latex(translator: SphinxLaTeXTranslator, node: abstract) -> None:
    translator.body.append("\n\\end{georeportabstract}\n")


def visit_cover_caption_latex(
    translator: SphinxLaTeXTranslator, node: cover_caption
) -> None:
    """The cover's caption under it, with no number (no ``\\caption``)."""
    translator.body.append("\n\\georeportcovercaption{")


def depart_cover_caption_latex(
    translator: SphinxLaTeXTranslator, node: cover_caption
) -> None:
    translator.body.append("}\n")


def setup(app: Sphinx) -> None:
    """One LaTeX document per report, and the languages its sources need."""
    app.set_translator("latex", LaTeXTranslator, override=True)
    app.connect("config-inited", configure)
    # after sphinxcontrib-bibtex's (priority 500): its entries' languages
    app.connect("builder-inited", declare_languages, priority=600)
