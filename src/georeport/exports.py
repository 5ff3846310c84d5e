"""How to cite a report: formatted text and BibTeX, RIS and CSL-JSON exports.

Pure Python on the model (no Sphinx): the HTML edition writes the exports
beside each page (:mod:`georeport.sphinxext.downloads`) and formats the text
in "Cite this report" (:mod:`georeport.sphinxext.cite_this`).

All four come from one pybtex :class:`~pybtex.database.Entry` made from the
:class:`~georeport.model.Report`, so they cannot disagree. The formatted text
uses the configured pybtex style (the house style by default), as the
footnotes do.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import iuliia
import rispy
from pybtex.database import BibliographyData, Entry, Person
from pybtex.plugin import find_plugin

from .language import polyglossia_name

if TYPE_CHECKING:
    from pybtex.richtext import Text

    from .model import Report

#: Export formats: suffix of the file beside the page, and its label.
EXPORTS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def citation_key(report: Report) -> str:
    """``bifolchi2022``: first author's surname (ASCII) and year."""
    surname = Person(report.authors[0]).last_names or [report.authors[0]]
    ascii_name = iuliia.ICAO_DOC_9303.translate(" ".join(surname))
    base = re.sub(r"[^a-z0-9]", "", ascii_name.lower()) or "report"
    return f"{base}{report.date.year}"


def report_entry(report: Report) -> Entry:
    """The report as a BibTeX ``@article`` of its journal."""
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
        "langid": polyglossia_name(report.language) or report.language,
        "keywords": ", ".join(report.keywords),
    }
    return Entry(
        "article",
        fields={k: v for k, v in fields.items() if v},
        persons={"author": [Person(name) for name in report.authors]},
    )


def formatted(report: Report, style: str) -> Text:
    """The citation as the given pybtex style writes it (rich text)."""
    entry = report_entry(report)
    entry.key = citation_key(report)
    plugin = find_plugin("pybtex.style.formatting", style)()
    return plugin.format_entry(label="", entry=entry).text


#: What pybtex's writer (through latexcodec) leaves as LaTeX markup although
#: in a report's metadata it is text: escaped before writing.
_LATEX_MARKUP = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "$": r"\$",
        "^": r"\textasciicircum{}",
    }
)


def to_bibtex(report: Report) -> str:
    """A BibTeX file with the report's one entry; no field can run LaTeX code.

    pybtex's writer encodes ``&``, ``%``, ``#``, ``_``, ``~`` and non-ASCII
    for LaTeX but takes backslashes, braces, ``$`` and ``^`` as markup.
    """
    entry = report_entry(report)
    fields = {k: v.translate(_LATEX_MARKUP) for k, v in entry.fields.items()}
    persons = {
        role: [Person(str(p).translate(_LATEX_MARKUP)) for p in people]
        for role, people in entry.persons.items()
    }
    escaped = Entry(entry.type, fields=fields, persons=persons)
    return BibliographyData({citation_key(report): escaped}).to_string("bibtex")


def _family_given(name: str) -> tuple[str, str]:
    person = Person(name)
    family = " ".join(person.prelast_names + person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    return family, given


def to_ris(report: Report) -> str:
    """An RIS record (``TY - JOUR``), written by rispy."""
    journal = report.journal
    record = {
        "type_of_reference": "JOUR",
        "authors": [", ".join(filter(None, _family_given(n))) for n in report.authors],
        "title": report.title,
        "journal_name": journal.title,
        "volume": str(report.volume),
        "number": str(report.issue),
        "year": str(report.date.year),
        "date": report.date.iso().replace("-", "/"),
        "issn": journal.issn,
        "publisher": journal.publisher,
        "language": report.language,
        "keywords": list(report.keywords),
        "urls": [url for url in (report.page_url, report.pdf_url) if url],
    }
    return rispy.dumps([{k: v for k, v in record.items() if v}])


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
            for family, given in map(_family_given, report.authors)
        ],
        "issued": {"date-parts": [parts]},
        "container-title": journal.title,
        "volume": str(report.volume),
        "issue": str(report.issue),
        "ISSN": journal.issn,
        "publisher": journal.publisher,
        "language": report.language,
        "keyword": ", ".join(report.keywords),
        "URL": report.page_url,
    }
    return json.dumps(
        [{k: v for k, v in item.items() if v}], ensure_ascii=False, indent=2
    )


def exports(report: Report) -> dict[str, str]:
    """Suffix -> file content, for every export format."""
    return {
        "bib": to_bibtex(report),
        "ris": to_ris(report),
        "json": to_csl_json(report),
    }
