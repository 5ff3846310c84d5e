"""How to cite a report: formatted text and BibTeX, RIS and CSL-JSON exports.

Pure Python on the model (no Sphinx): the HTML edition writes the exports
beside each page (:mod:`georeport.sphinxext.downloads`) and formats the text
in "Cite this report" (:mod:`georeport.sphinxext.cite_this`).

All four come from one pybtex :class:`~pybtex.database.Entry` made from the
:class:`~georeport.model.Report`, so they cannot disagree. The formatted text
uses the configured pybtex style (the house style by default), as the
footnotes do.

A report's title, authors and keywords are text, never markup: the BibTeX
export and the entry pybtex formats get them through :func:`latex_text`, the
one escape of every character LaTeX (and BibTeX, and pybtex's reading of
LaTeX) would take as markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import iuliia
import rispy
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin
from pybtex.richtext import BaseText, HRef, Protected, String, Tag, Text

from .model.language import langid_name

if TYPE_CHECKING:
    from .model import Report

#: Export formats: suffix of the file beside the page, and its label.
EXPORTS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


#: What LaTeX (and BibTeX, and pybtex's reading of a field) takes as markup,
#: written so that it typesets as the character itself.
_LATEX_TEXT = {
    "\\": r"\textbackslash{}",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
#: Braces: ``\{`` when they pair up (BibTeX counts even escaped braces, and
#: a field's must balance), else ``\textbraceleft{}`` for each.
_PAIRED_BRACES = str.maketrans({**_LATEX_TEXT, "{": r"\{", "}": r"\}"})
_LONE_BRACES = str.maketrans(
    {**_LATEX_TEXT, "{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
)
#: Pairs TeX and latexcodec read as one character ("--" an en dash, "``" a
#: quotation mark, "?`" an inverted question mark): kept apart by ``{}``.
_LIGATURE = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=,)(?=,)|(?<=[!?])(?=`)"
    r"|(?<=<)(?=<)|(?<=>)(?=>)"
)


def _braces_pair(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def latex_text(text: str) -> str:
    """``text`` as LaTeX that typesets as ``text``: no character of it is markup.

    For the BibTeX export (LaTeX, BibTeX and reference managers read it) and,
    through :func:`_pybtex_text`, for the entry pybtex formats.
    """
    table = _PAIRED_BRACES if _braces_pair(text) else _LONE_BRACES
    return _LIGATURE.sub("{}", text.translate(table))


#: What pybtex's reading of LaTeX (latexcodec, then braces as groups) cannot
#: give back from any LaTeX: a brace is always a group, and ``\$`` and
#: ``\textasciicircum`` are not decoded. The formatted citation carries them
#: as noncharacters (Unicode's code points for a program's internal use) and
#: puts them back in the formatted text.
_STAND_INS = {"{": "\ufdd0", "}": "\ufdd1", "$": "\ufdd2", "^": "\ufdd3"}
_HIDE = str.maketrans(_STAND_INS)
_SHOW = str.maketrans({v: k for k, v in _STAND_INS.items()})


def _pybtex_text(text: str) -> str:
    """LaTeX that pybtex's reading of a field turns back into ``text`` (with
    the stand-ins of :data:`_STAND_INS`, undone by :func:`_shown`)."""
    return latex_text(text.translate(_HIDE))


def _plain(latex: str) -> str:
    """The text of a :func:`_pybtex_text` value, as pybtex reads it."""
    return str(Text.from_latex(latex)).translate(_SHOW)


def _shown(text: BaseText) -> BaseText:
    """Formatted text with the stand-ins of :data:`_STAND_INS` undone."""
    if isinstance(text, String):
        return String(text.value.translate(_SHOW))
    parts = [_shown(part) for part in getattr(text, "parts", ())]
    if isinstance(text, HRef):
        return HRef(text.url, *parts, external=text.external)
    if isinstance(text, Tag):
        return Tag(text.name, *parts)
    if isinstance(text, (Text, Protected)):
        return type(text)(*parts)
    return text


def citation_key(report: Report) -> str:
    """``bifolchi2022``: first author's surname (ASCII) and year."""
    person = Person(_pybtex_text(report.authors[0]))
    surname = [_plain(name) for name in person.last_names] or [report.authors[0]]
    ascii_name = iuliia.ICAO_DOC_9303.translate(" ".join(surname))
    base = re.sub(r"[^a-z0-9]", "", ascii_name.lower()) or "report"
    return f"{base}{report.date.year}"


#: Fields of the report's entry written as they are: read by BibTeX and
#: biblatex verbatim, and by the house style as a link.
VERBATIM = frozenset({"url", "doi"})


def report_entry(report: Report, encode: Callable[[str], str] = latex_text) -> Entry:
    """The report as a BibTeX ``@article`` of its journal.

    Every value is LaTeX, made by ``encode`` from the report's text (the URL
    is a URL, percent-encoded, and the DOI a checked DOI: both stay as they
    are, :data:`VERBATIM`).
    """
    journal = report.journal
    fields = {
        "title": report.title,
        "journal": journal.title,
        "volume": str(report.volume),
        "number": str(report.issue),
        "year": str(report.date.year),
        "date": report.date.iso(),
        "publisher": journal.publisher,
        "issn": journal.issn,
        "url": report.page_url,
        # biblatex's doi (the DOI alone, as the house style and biblatex
        # read it; checked to hold no character LaTeX reads as markup but
        # "_", which biblatex's verbatim doi field takes as it is)
        "doi": report.doi,
        # biblatex's langid (hyphenation) and language (read by Zotero, JabRef
        # and biblatex's own "in <language>"), both a babel/polyglossia name
        "langid": langid_name(report.language) or report.language,
        "language": langid_name(report.language) or report.language,
        "keywords": ", ".join(report.keywords),
        # the rights and the licence: no BibTeX or biblatex field holds a
        # licence; Zotero (Better BibTeX) reads "copyright" into Rights
        "copyright": report.rights_and_licence,
    }
    return Entry(
        "article",
        fields={
            name: value if name in VERBATIM else encode(value)
            for name, value in fields.items()
            if value
        },
        persons={"author": [Person(encode(name)) for name in report.authors]},
    )


def formatted(report: Report, style: str) -> Text:
    """The citation as the given pybtex style writes it (rich text).

    The style reads every field as LaTeX: each value is given as LaTeX that
    pybtex reads back as the report's text (:func:`_pybtex_text`).
    """
    entry = report_entry(report, _pybtex_text)
    entry.key = citation_key(report)
    plugin = find_plugin("pybtex.style.formatting", style)()
    return Text(_shown(plugin.format_entry(label="", entry=entry).text))


def _bibtex_value(value: str) -> str:
    """A field's value delimited as pybtex's writer does: braces when it
    holds a double quote (balanced: :func:`latex_text`)."""
    return f"{{{value}}}" if '"' in value else f'"{value}"'


def to_bibtex(report: Report) -> str:
    """A BibTeX file with the report's one entry; no field can run LaTeX code.

    Written here, as pybtex's writer lays it out: the writer would encode
    ``%``, ``&``, ``#``, ``_`` and ``~`` of values that are LaTeX already
    (:func:`latex_text`), and of the URL.
    """
    entry = report_entry(report)
    fields = {
        "author": " and ".join(str(person) for person in entry.persons["author"]),
        **entry.fields,
    }
    body = "".join(
        f",\n    {name} = {_bibtex_value(value)}" for name, value in fields.items()
    )
    return f"@{entry.type}{{{citation_key(report)}{body}\n}}\n"


def family_given(name: str) -> tuple[str, str]:
    """A name split as BibTeX splits it (``Jean de la Fontaine``: family
    ``de la Fontaine``, given ``Jean``): one split for the RIS and CSL-JSON
    exports and the Crossref deposit, so that they name the authors alike."""
    person = Person(_pybtex_text(name))
    family = " ".join(map(_plain, person.prelast_names + person.last_names))
    given = " ".join(map(_plain, person.first_names + person.middle_names))
    return family, given


def ris_date(report: Report) -> str:
    """``DA`` as the RIS specification writes it, ``YYYY/MM/DD/other``, each
    slash kept when a part is unknown (``2022/01//``): readers split on the
    slashes (Zotero's RIS import took ``2022/01`` for the year alone)."""
    date = report.date
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def to_ris(report: Report, with_pdf: bool = False) -> str:
    """An RIS record (``TY - JOUR``), written by rispy.

    The journal's name is ``T2`` (the secondary title: a journal article's
    journal) and ``JF`` (its full name), not ``JO``, which readers take for
    the abbreviation; the page is the one ``UR`` and the PDF (when the page
    links one) is ``L1``, the file attachment (a second ``UR`` is dropped).
    """
    journal = report.journal
    record = {
        "type_of_reference": "JOUR",
        "authors": [", ".join(filter(None, family_given(n))) for n in report.authors],
        "title": report.title,
        "secondary_title": journal.title,
        "alternate_title3": journal.title,
        "volume": str(report.volume),
        "number": str(report.issue),
        "year": str(report.date.year),
        "date": ris_date(report),
        "issn": journal.issn,
        "publisher": journal.publisher,
        "language": report.language,
        "keywords": list(report.keywords),
        "doi": report.doi,
        "urls": [report.page_url] if report.page_url else [],
        "file_attachments1": report.pdf_url if with_pdf else "",
    }
    ris: str = rispy.dumps(  # untyped
        [{k: v for k, v in record.items() if v}], implementation=_RisWriter
    )
    return ris


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the record counter it puts before each record
    (``1.``): no line of the RIS format, and a file of one record starts
    with ``TY``, as reference managers write it."""

    def set_header(self, count: int) -> str:
        return ""


def to_csl_json(report: Report) -> str:
    """A CSL-JSON array with one ``article-journal`` item."""
    journal = report.journal
    date = report.date
    parts = [date.year, *(p for p in (date.month, date.day) if p)]
    item = {
        "id": citation_key(report),
        "type": "article-journal",
        "title": report.title,
        "author": [
            {"family": family, "given": given}
            for family, given in map(family_given, report.authors)
        ],
        "issued": {"date-parts": [parts]},
        "container-title": journal.title,
        "volume": str(report.volume),
        "issue": str(report.issue),
        "ISSN": journal.issn,
        "publisher": journal.publisher,
        "language": report.language,
        "keyword": ", ".join(report.keywords),
        "DOI": report.doi,
        "URL": report.page_url,
        # CSL 1.0.2's variable for it; RIS has no field for a licence
        "license": report.licence.url if report.licence else "",
    }
    return json.dumps(
        [{k: v for k, v in item.items() if v}], ensure_ascii=False, indent=2
    )


#: The exports' file suffixes, in the order :func:`exports` makes them.
SUFFIXES = ("bib", "ris", "json")


def exports(report: Report, with_pdf: bool = False) -> dict[str, str]:
    """Suffix -> file content, for every export format (``with_pdf``: the page
    links its PDF edition, which the RIS record then names)."""
    return {
        "bib": to_bibtex(report),
        "ris": to_ris(report, with_pdf),
        "json": to_csl_json(report),
    }
