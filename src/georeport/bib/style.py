"""The Geopolitical Report's house citation style, as a pybtex formatting style.

Registered as the pybtex plugin ``georeport`` (``bibtex_default_style``). An entry
reads, with the year in parentheses as the only separator after the lead::

    Authors (year) Title, details. Retrieved from: url
    Title (year) details. Retrieved from: url      (no author)
    Authors, Title, details.                       (no year)
    Title, details.                                (no author, no year)

* Authors are written as in the ``.bib`` file, given names first and never
  abbreviated ("V.V. Evseev"), joined "A & B" and "A, B & C"; a trailing
  ``and others`` becomes "et al.".
* The year is ``year``, else the leading four digits of an ISO ``date``.
* Titles and all other fields keep their case exactly as written, in any script.
* Details are the parts below that are present, joined by ", " (no comma after a
  part ending in "?" or "!"); an absent field drops its part with its punctuation:

  - article: "{journal} {vol}", "pp. {pages}", "{publisher}"
  - book: "{publisher}"
  - incollection, inproceedings: "in {booktitle}", "pp. {pages}", "{publisher}"
  - report, techreport: "{institution}", "{type, else Report} {number}" (if number)
  - online, misc and every other type: the first of organization, publisher,
    howpublished, institution, school

  where {vol} is "Vol.{volume}({number})", "Vol.{volume}" or "No.{number}", and
  page ranges use a plain hyphen ("101-107") whatever dash the ``.bib`` has.
* The entry ends with "." (not doubled after ".", "?" or "!"); a ``url`` follows
  as " Retrieved from: {url}", linked when it is an http, https, ftp or mailto
  URL or a DOI (``doi:10.1000/1`` links to https://doi.org/10.1000/1), shown as
  text otherwise (``javascript:``, ``file:``, a URL without a scheme: see
  :func:`link_target`). Only ``title`` is required.

Sort rule: references are sorted by the first author's last name (without "von"
particles), or the title when there is no author, compared case-insensitively,
ignoring leading punctuation, accents on Latin letters and the diaeresis of ё,
with Latin-script keys first, then Cyrillic, then other scripts, and ties broken
by year (undated first), then by title.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any
from urllib.parse import quote

from pybtex.database import BibliographyData, Entry
from pybtex.richtext import BaseText, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    FieldIsMissing,
    Node,
    field,
    first_of,
    href,
    join,
    node,
    optional,
    optional_field,
    sentence,
    words,
)

from . import cache

__all__ = ["HouseSorting", "HouseStyle", "link_target"]

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar.
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_YEAR = re.compile(r"\s*(\d{4})")
_SCRIPTS = ("LATIN", "CYRILLIC")


#: URLs a reader's browser or PDF viewer may follow: the scheme as written,
#: with nothing before it (a browser drops leading spaces and controls, and
#: tabs and newlines anywhere, before it reads the scheme).
_LINKABLE = re.compile(r"(?:https?|ftp|mailto):", re.IGNORECASE)
_DOI = re.compile(r"doi:\s*(10\.\S+)", re.IGNORECASE)


def link_target(url: str) -> str | None:
    """Where a source's ``url`` may link to, or None: shown as text only.

    A link only for http, https, ftp and mailto, and a DOI (``doi:10...``,
    to https://doi.org/); ``javascript:``, ``data:``, ``file:`` or a URL
    without a scheme would run code, read the reader's disk or be a broken
    relative link.
    """
    if _LINKABLE.match(url):
        return url
    doi = _DOI.fullmatch(url)
    if doi:
        return "https://doi.org/" + quote(doi.group(1), safe="/:;()[]")
    return None


@node
def url_link(children: list[Any], context: dict[str, Any]) -> Text:
    """The ``url`` field, linked when :func:`link_target` allows, else text."""
    url = field("url", raw=True).format_data(context)
    target = link_target(str(url))
    return href(target)[url].format_data(context) if target else Text(url)


def _hyphenate(pages: Text) -> Text:
    """BibTeX "--" decodes to an en dash; the house style prints "101-107"."""
    return Text("-").join(pages.split(_DASHES))


def _year_of(date: Text) -> Text:
    match = _YEAR.match(str(date))
    return Text(match.group(1)) if match else Text()


@node
def year(children: list[Any], context: dict[str, Any]) -> Text:
    """The year, else that of an ISO ``date`` (biblatex files often have no year)."""
    text = first_of[
        optional_field("year"), optional[field("date", apply_func=_year_of)]
    ].format_data(context)
    if not text:
        raise FieldIsMissing("year", context["entry"])
    return text


@node
def authors(children: list[Any], context: dict[str, Any]) -> Text:
    """Names as written, "A, B & C"; pybtex's ``names`` has no "et al."."""
    entry, style = context["entry"], context["style"]
    persons = list(entry.persons.get("author", []))
    et_al = bool(persons) and str(persons[-1]) == "others"
    if et_al:
        persons.pop()
    if not persons:
        raise FieldIsMissing("author", entry)
    names = [style.format_name(person, style.abbreviate_names) for person in persons]
    text = join(sep=", ", sep2=" & ", last_sep=" & ")[names].format_data(context)
    return Text(text, " et al.") if et_al else text


@node
def clauses(children: list[Any], context: dict[str, Any]) -> Text:
    """Join with ", " but not after "?"/"!", so "Why?, Outlet" reads "Why? Outlet"."""
    result = Text()
    for child in children:
        part = join[child].format_data(context)
        if not part:
            continue
        if result:
            sep = " " if result.endswith(("?", "!")) else ", "
            result = Text(result, sep, part)
        else:
            result = part
    return result


pages = optional[words["pp.", field("pages", apply_func=_hyphenate)]]
volume = first_of[
    optional[join["Vol.", field("volume"), optional["(", field("number"), ")"]]],
    optional[join["No.", field("number")]],
]


class HouseSorting(BaseSortingStyle):
    """Sort rule of the module docstring, predictable for a bilingual list."""

    def sorting_key(self, entry: Entry) -> tuple[int, str, str, str]:
        title = _plain(entry.fields.get("title", ""))
        persons = entry.persons.get("author")
        name = _plain(" ".join(persons[0].last_names)) if persons else title
        match = _YEAR.match(entry.fields.get("year") or entry.fields.get("date", ""))
        return (
            _script_rank(name),
            _fold(name),
            match.group(1) if match else "",
            _fold(title),
        )


@functools.cache
def _plain(latex: str) -> str:
    return str(Text.from_latex(latex))


def _script_rank(text: str) -> int:
    """0 Latin, 1 Cyrillic, 2 other, by the first letter of the key."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            ranks = (i for i, script in enumerate(_SCRIPTS) if name.startswith(script))
            return next(ranks, len(_SCRIPTS))
    return len(_SCRIPTS)


def _fold(text: str) -> str:
    """Code-point order, except case, leading "«", Latin accents and ё."""
    text = re.sub(r"^\W+", "", text.casefold().replace("\u0451", "\u0435"))
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        # Keep Cyrillic marks: й is a letter of its own, not an accented и.
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


class HouseStyle(BaseStyle):
    """pybtex style ``georeport``: the journal's footnote style, see module doc."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = HouseSorting

    def format_entry(
        self, label: str, entry: Entry, bib_data: BibliographyData | None = None
    ) -> FormattedEntry:
        """As BaseStyle's, but unknown entry types fall back to misc, not crash.

        The text is made once per entry and kept between builds
        (:mod:`.cache`); with ``bib_data`` (cross-references) it
        depends on other entries too, and is made every time.
        """
        get_template = getattr(
            self, f"get_{entry.type.lower()}_template", self.get_misc_template
        )
        context = {"entry": entry, "style": self, "bib_data": bib_data}

        def make() -> BaseText:
            return get_template(entry).format_data(context)

        text = make() if bib_data is not None else cache.text(self, entry, make)
        return FormattedEntry(entry.key, text, label)

    def format_reference(self, e: Entry, details: list[Node]) -> Node:
        """Lead, "(year)", the rest; without a year, a comma replaces it."""
        title = field("title")
        if e.persons.get("author"):
            lead, rest = authors, clauses[[title, *details]]
        else:
            lead, rest = title, clauses[details]
        return toplevel[
            sentence[
                first_of[
                    optional[words[lead, join["(", year, ")"], rest]],
                    clauses[lead, rest],
                ]
            ],
            optional[words["Retrieved from:", url_link]],
        ]

    def get_article_template(self, e: Entry) -> Node:
        details = [
            words[optional_field("journal"), volume],
            pages,
            optional_field("publisher"),
        ]
        return self.format_reference(e, details)

    def get_book_template(self, e: Entry) -> Node:
        return self.format_reference(e, [optional_field("publisher")])

    def get_incollection_template(self, e: Entry) -> Node:
        details = [
            optional[words["in", field("booktitle")]],
            pages,
            optional_field("publisher"),
        ]
        return self.format_reference(e, details)

    get_inproceedings_template = get_incollection_template

    def get_report_template(self, e: Entry) -> Node:
        number = words[first_of[optional_field("type"), "Report"], field("number")]
        details = [optional_field("institution"), optional[number]]
        return self.format_reference(e, details)

    get_techreport_template = get_report_template

    def get_misc_template(self, e: Entry) -> Node:
        outlet = first_of[
            optional_field("organization"),
            optional_field("publisher"),
            optional_field("howpublished"),
            optional_field("institution"),
            optional_field("school"),
        ]
        return self.format_reference(e, [outlet])

    get_online_template = get_misc_template
