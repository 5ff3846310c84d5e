"""The PDF edition: one LaTeX document per report, its masthead and metadata.

Sphinx's LaTeX builder does the typesetting; this module only

* lists every report as a LaTeX document of its own (``latex_documents``),
* replaces Sphinx's title page by the journal's title block, written from the
  report's metadata by the masthead node (layout in ``texinputs/georeport.sty``),
* fills the PDF information dictionary and XMP (``\\hypersetup``, hyperxmp)
  from the same facts,
* declares the languages of the cited sources to polyglossia.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from docutils import nodes

from .citation import page_url
from .language import entry_language, polyglossia_name
from .masthead import authors_line, issue_line
from .reports import node_report, report_files

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from .masthead import byline, masthead
    from .model import Report

TEXINPUTS = Path(__file__).parent / "texinputs"

#: Engines that typeset Cyrillic with OpenType fonts through polyglossia.
ENGINES = ("xelatex", "lualatex")


def configure(app: Sphinx, config: Config) -> None:
    """Add one LaTeX document per report and the journal's title page."""
    if config.latex_engine not in ENGINES:
        from sphinx.errors import ConfigError

        msg = (
            f"latex_engine is {config.latex_engine!r}: the PDF editions need "
            f"one of {', '.join(ENGINES)} for Cyrillic sources; set it in conf.py"
        )
        raise ConfigError(msg)
    if config.georeport_latex_documents:
        config.latex_documents = [
            (docname, f"{Path(docname).name}.tex", "", "", "howto", False)
            for docname, _path in report_files(app)
        ]
    elements = config.latex_elements
    elements.setdefault("maketitle", "")  # the masthead node writes the title
    elements.setdefault("tableofcontents", "")
    elements.setdefault("printindex", "")
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
    """Tell polyglossia about every language a bibliography entry declares."""
    if app.builder.name != "latex":
        return
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    codes = {entry_language(e) for e in domain.bibdata.data.entries.values()}
    main = app.config.language or "en"
    lines = [
        rf"\georeportlanguage{{{code}}}{{{name}}}"
        for code in sorted(codes - {"", main})
        if (name := polyglossia_name(code))
    ]
    context = app.builder.context  # type: ignore[attr-defined]
    context["preamble"] = "\n".join([context.get("preamble", ""), *lines])


def _pdf_string(translator: LaTeXTranslator, text: str) -> str:
    """Text for a hyperref key: LaTeX-escaped, braces balanced, no newline."""
    return translator.encode(" ".join(text.split()))


def hypersetup(translator: LaTeXTranslator, report: Report) -> str:
    """The PDF information dictionary of a report."""
    journal = report.journal
    assert journal is not None
    subject = f"{journal.title}, ISSN {journal.issn}, {issue_line(report)}"
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
        "pdfcopyright": report.rights,
        "pdfurl": page_url(report),
    }
    fields = {key: value for key, value in fields.items() if value}
    lists = {"pdfauthor": report.authors, "pdfkeywords": report.keywords}
    values = {key: _pdf_string(translator, value) for key, value in fields.items()}
    for key, items in lists.items():
        # hyperxmp splits these at commas: a comma inside one name is \xmpcomma
        values[key] = ", ".join(
            _pdf_string(translator, item).replace(",", r"\xmpcomma{}") for item in items
        )
    body = ",\n  ".join(f"{key}={{{value}}}" for key, value in values.items() if value)
    return f"\\hypersetup{{\n  {body}}}\n"


def visit_masthead_latex(translator: LaTeXTranslator, node: masthead) -> None:
    """PDF metadata, then the title block: masthead, title, authors."""
    report = node_report(translator.builder, node)
    journal = report.journal
    assert journal is not None
    args = (journal.title, journal.issn, issue_line(report), report.title)
    translator.body.append(hypersetup(translator, report))
    translator.body.append(
        r"\georeporttitleblock"
        + "".join(f"{{{translator.encode(arg)}}}" for arg in args)
        + f"{{{translator.encode(authors_line(report))}}}\n"
    )
    raise nodes.SkipNode


def visit_byline_latex(translator: LaTeXTranslator, node: byline) -> None:
    """The authors are in the title block already."""
    raise nodes.SkipNode
