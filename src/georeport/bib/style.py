"""The Geopolitical Report's house citation style, as a pybtex formatting style.

Registered as the pybtex plugin ``georeport`` (``bibtex_default_style``). This
docstring is the style's specification. An entry reads, with the year in
parentheses as the only separator after the lead::

    Lead (year) Title, details. Retrieved from: url (accessed date)
    Title (year) details. Retrieved from: url      (no author, no editor)
    Lead, Title, details.                          (no year)
    Title, details.                                (no lead, no year)

* The lead is the authors; with no author, the editors followed by "(ed.)"
  or "(eds.)" ("Ann Brown & Bo Green (eds.) (2019) Title"); with neither,
  the title. In incollection and inproceedings the editors never lead: they
  belong to the book ("in Alexander Cooley & John Heathershaw (eds.) Book").
  Editors of a work that has authors follow the title ("Title, Ann Brown
  (ed.), ...").
* Names are written as in the ``.bib`` file, given names first and never
  abbreviated ("V.V. Evseev"), joined "A & B" and "A, B & C"; a trailing
  ``and others`` becomes "et al."; an organisation protected by braces
  (``{{United Nations}}``) prints whole.
* The year is ``year``, else the leading four digits of an ISO ``date``. An
  entry that gives ``year`` is cited by its year only, as the journal's
  footnotes cite a page dated to the day (report 15(1), footnote 6: Human
  Rights Watch, 7 July 2021, printed "(2021)"). An entry that gives no
  ``year`` but a ``date`` to the day (``2021-07-07``) shows the day too, as
  "7 July 2021" (day, English month, year: the journal's British English),
  in the details; the lead keeps the year. A ``date`` to the month shows the
  year only.
* Titles and all other fields keep their case exactly as written, in any script.
* Details are the parts below that are present, joined by ", " (no comma after a
  part ending in "?" or "!"); an absent field drops its part with its punctuation:

  - article: "{journal} {vol}", "{full date}", "pp. {pages}", "{publisher}"
  - book, periodical: "{edition}", "Vol.{volume}", "{series} No.{number}",
    "{publisher}", "{full date}"
  - incollection, inproceedings: "in {editors (eds.)} {booktitle}",
    "{organization}" (a talk's host), "{edition}",
    "Vol.{volume}", "{series} No.{number}", "pp. {pages}", "{publisher}",
    "{full date}"
  - report, techreport: "{institution}", "{type, else Report} {number}" (the
    type alone without a number), "pp. {pages}", "{publisher}", "{full date}"
  - phdthesis, mastersthesis, thesis: "{type, else PhD thesis or Master's
    thesis; nothing for thesis}", "{place}: {school, else institution}",
    "{full date}"
  - online, electronic, webpage, www, misc and every other type: each of
    "{journaltitle} {vol}", organization, "{publisher}", howpublished,
    institution and school that is present (a name given twice prints
    once), "{full date}", "pp. {pages}"

  and every type then ends its details with "ISBN {isbn}", the DOI, and
  "accessed {urldate}" when there is no URL to carry it (below). Here
  {vol} is "Vol.{volume}({number})", "Vol.{volume}" or "No.{number}";
  {publisher} is "{address or location}: {publisher}" or whichever of the
  two is given; an {edition} of "2" or "2nd" reads "2nd edn", other wording
  ("Revised edition") as written; page ranges use a plain hyphen
  ("101-107") whatever dash the ``.bib`` has.
* Newspaper and magazine pieces are biblatex ``@article`` entries (with or
  without ``entrysubtype = {newspaper}``/``{magazine}``, which changes
  nothing) whose ``journal``/``journaltitle`` is the paper and whose
  ``date`` is the day of the issue: "Jane Doe (2022) Title, The Guardian,
  7 January 2022, pp. 5." An ``@online`` piece names its paper in
  ``journaltitle`` or ``organization`` and reads as a web page. A
  ``@periodical`` (a whole issue) reads as a book, its editors leading.
* The DOI (``doi``, written bare, with ``doi:`` or as a doi.org link) prints
  as its link "https://doi.org/10.1000/182", the last detail; a ``doi`` that
  is no DOI prints as written, as text.
* The entry ends with "." (not doubled after ".", "?" or "!"); a ``url`` follows
  as " Retrieved from: {url}", then " (accessed 5 May 2021)" from ``urldate``
  (an ISO day written as the full date; other text as written). A ``url``
  that is the DOI's own link is not repeated.
* URLs and DOIs are linked only through :func:`link_target`: an http, https,
  ftp or mailto URL or a DOI (``doi:10.1000/1`` links to
  https://doi.org/10.1000/1); anything else is shown as text
  (``javascript:``, ``file:``, a URL without a scheme). Only ``title`` is
  required.
* Not printed: ``note``, ``issn`` (the journal's number, not the work's),
  ``langid``, ``abstract``, ``keywords`` and other fields of no use to a
  reader looking the source up.

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
    first_of,
    href,
    join,
    node,
    optional,
    sentence,
    words,
)

from . import cache
from .latex_text import field, optional_field

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


def _names(context: dict[str, Any], role: str) -> tuple[Text, int, bool]:
    """The ``role``'s names as written, joined "A, B & C"; how many; et al.?"""
    entry, style = context["entry"], context["style"]
    persons, et_al = _people(entry, role)
    if not persons:
        raise FieldIsMissing(role, entry)
    names = [style.format_name(person, style.abbreviate_names) for person in persons]
    text = join(sep=", ", sep2=" & ", last_sep=" & ")[names].format_data(context)
    return text, len(persons), et_al


@node
def authors(children: list[Any], context: dict[str, Any]) -> Text:
    """Names as written, "A, B & C"; pybtex's ``names`` has no "et al."."""
    text, _count, et_al = _names(context, "author")
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

_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
_FULL_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_ORDINAL = re.compile(r"\s*(\d+)(?:st|nd|rd|th)?\s*$", re.IGNORECASE)


def _day(value: str) -> str | None:
    """An ISO date to the day as the house writes it ("7 July 2021"), or None."""
    match = _FULL_DATE.match(value)
    if not match:
        return None
    year_, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{day} {_MONTHS[month - 1]} {year_}"


def _doi_name(value: str) -> str | None:
    """The DOI itself ("10.1000/182") of a ``doi`` or ``url`` value, or None.

    Editors write a DOI bare, with a ``doi:`` prefix or as its doi.org link;
    what is a DOI is the checks' rule (:func:`georeport.model.doi.cited`).
    """
    if not value.strip():
        return None
    # imported here: the model (and idutils) only for an entry with a DOI
    from ..model.doi import cited

    try:
        return cited(value)
    except ValueError:
        return None


def _plain_field(context: dict[str, Any], name: str) -> str:
    return str(optional_field(name).format_data(context))


@node
def full_date(children: list[Any], context: dict[str, Any]) -> Text:
    """A ``date`` to the day, when the entry gives no ``year`` (module doc)."""
    entry = context["entry"]
    if "year" in entry.fields:
        raise FieldIsMissing("date", entry)
    day = _day(_plain_field(context, "date"))
    if day is None:
        raise FieldIsMissing("date", entry)
    return Text(day)


@node
def accessed(children: list[Any], context: dict[str, Any]) -> Text:
    """The clause "accessed 5 May 2021" from ``urldate`` (else as written)."""
    value = _plain_field(context, "urldate")
    if not value.strip():
        raise FieldIsMissing("urldate", context["entry"])
    return Text("accessed ", _day(value) or field("urldate").format_data(context))


def _shown_url(context: dict[str, Any]) -> bool:
    """Whether the ``url`` is printed: not when it is the DOI's own link."""
    url = _plain_field(context, "url")
    if not url:
        return False
    doi = _doi_name(_plain_field(context, "doi"))
    return doi is None or _doi_name(url) != doi


@node
def doi_link(children: list[Any], context: dict[str, Any]) -> Text:
    """The ``doi`` as its https://doi.org/ link; a value that is no DOI is text."""
    value = _plain_field(context, "doi")
    if not value.strip():
        raise FieldIsMissing("doi", context["entry"])
    name = _doi_name(value)
    if name is None:
        return Text(value.strip())
    target = link_target("doi:" + name)
    shown = "https://doi.org/" + name
    return href(target)[shown].format_data(context) if target else Text(shown)


@node
def accessed_without_url(children: list[Any], context: dict[str, Any]) -> Text:
    """The access date as a clause, when no URL is printed to carry it."""
    if _shown_url(context):
        raise FieldIsMissing("urldate", context["entry"])
    return accessed.format_data(context)


@node
def url_tail(children: list[Any], context: dict[str, Any]) -> Text:
    """The tail " Retrieved from: url (accessed date)", unless the URL is the DOI's."""
    if not _shown_url(context):
        raise FieldIsMissing("url", context["entry"])
    return words[
        "Retrieved from:", url_link, optional[join["(", accessed, ")"]]
    ].format_data(context)


def _people(entry: Entry, role: str) -> tuple[list[Any], bool]:
    """The persons of a role without a trailing ``others``, and whether it was."""
    persons = list(entry.persons.get(role, []))
    et_al = bool(persons) and str(persons[-1]) == "others"
    if et_al:
        persons.pop()
    return persons, et_al


@node
def editors(children: list[Any], context: dict[str, Any]) -> Text:
    """Editors as "A (ed.)", "A & B (eds.)", "A et al. (eds.)"."""
    text, count, et_al = _names(context, "editor")
    mark = "(eds.)" if et_al or count > 1 else "(ed.)"
    return Text(text, " et al. " if et_al else " ", mark)


def _edition(value: Text) -> Text:
    """Edition "2" or "2nd" reads "2nd edn"; other wording as written."""
    match = _ORDINAL.match(str(value))
    if not match:
        return value
    number = int(match.group(1))
    suffix = (
        "th"
        if 10 <= number % 100 <= 20
        else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return Text(f"{number}{suffix} edn")


@node
def outlets(children: list[Any], context: dict[str, Any]) -> Text:
    """Each of the given fields present, once (a site named twice prints once)."""
    seen: set[str] = set()
    parts = []
    for child in children:
        part = join[child].format_data(context)
        if part and str(part) not in seen:
            seen.add(str(part))
            parts.append(part)
    return clauses[parts].format_data(context) if parts else Text()


place = first_of[optional_field("address"), optional_field("location")]


@node
def placed(children: list[Any], context: dict[str, Any]) -> Text:
    """The clause "Place: Publisher" (or school), or whichever is given."""
    where = place.format_data(context)
    who = first_of[children].format_data(context)
    return Text(where, ": ", who) if where and who else Text(where or who)


publisher = placed[optional_field("publisher")]


edition = optional[field("edition", apply_func=_edition)]
series = optional[words[field("series"), optional[join["No.", field("number")]]]]
isbn = optional[words["ISBN", field("isbn")]]
book_volume = optional[join["Vol.", field("volume")]]
#: What closes every entry's details: the identifiers, then an access date
#: that has no URL to follow.
closing = [isbn, optional[doi_link], optional[accessed_without_url]]


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


@functools.cache  # each name and title is sorted again on every build
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

    def format_reference(
        self, e: Entry, details: list[Node], editors_lead: bool = True
    ) -> Node:
        """Lead, "(year)", the rest; without a year, a comma replaces it.

        The lead is the authors, else (``editors_lead``) the editors, else
        the title; editors who do not lead follow the title.
        """
        title = field("title")
        if e.persons.get("author"):
            lead = authors
            rest = clauses[[title, optional[editors] if editors_lead else "", *details]]
        elif editors_lead and e.persons.get("editor"):
            lead, rest = editors, clauses[[title, *details]]
        else:
            lead, rest = title, clauses[details]
        return toplevel[
            sentence[
                first_of[
                    optional[words[lead, join["(", year, ")"], rest]],
                    clauses[lead, rest],
                ]
            ],
            optional[url_tail],
        ]

    def get_article_template(self, e: Entry) -> Node:
        """Journal articles, and newspaper or magazine pieces (module doc)."""
        journal = first_of[optional_field("journal"), optional_field("journaltitle")]
        details = [
            words[journal, volume],
            optional[full_date],
            pages,
            publisher,
            *closing,
        ]
        return self.format_reference(e, details)

    def get_book_template(self, e: Entry) -> Node:
        details = [
            edition,
            book_volume,
            series,
            publisher,
            optional[full_date],
            *closing,
        ]
        return self.format_reference(e, details)

    get_periodical_template = get_book_template

    def get_incollection_template(self, e: Entry) -> Node:
        """A chapter's details; a talk's host (``organization``) after the
        conference it was given at."""
        details = [
            optional[words["in", optional[editors], field("booktitle")]],
            optional_field("organization"),
            edition,
            book_volume,
            series,
            pages,
            publisher,
            optional[full_date],
            *closing,
        ]
        return self.format_reference(e, details, editors_lead=False)

    get_inproceedings_template = get_incollection_template

    def get_report_template(self, e: Entry) -> Node:
        number = words[first_of[optional_field("type"), "Report"], field("number")]
        details = [
            optional_field("institution"),
            first_of[optional[number], optional_field("type")],
            pages,
            publisher,
            optional[full_date],
            *closing,
        ]
        return self.format_reference(e, details)

    get_techreport_template = get_report_template

    def _thesis(self, kind: str) -> list[Node]:
        """A thesis's details: its kind (the type's name when no ``type``)."""
        details = [
            first_of[optional_field("type"), kind],
            placed[optional_field("school"), optional_field("institution")],
            optional[full_date],
            *closing,
        ]
        return details

    def get_phdthesis_template(self, e: Entry) -> Node:
        return self.format_reference(e, self._thesis("PhD thesis"))

    def get_mastersthesis_template(self, e: Entry) -> Node:
        return self.format_reference(e, self._thesis("Master's thesis"))

    def get_thesis_template(self, e: Entry) -> Node:
        return self.format_reference(e, self._thesis(""))

    def get_misc_template(self, e: Entry) -> Node:
        outlet = outlets[
            words[optional_field("journaltitle"), volume],
            optional_field("organization"),
            publisher,
            optional_field("howpublished"),
            optional_field("institution"),
            optional_field("school"),
        ]
        details = [outlet, optional[full_date], pages, *closing]
        return self.format_reference(e, details)

    get_online_template = get_misc_template
    get_electronic_template = get_misc_template
    get_webpage_template = get_misc_template
    get_www_template = get_misc_template
