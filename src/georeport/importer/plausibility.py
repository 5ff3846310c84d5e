"""How well a reading of a footnote fits what each of its fields claims to be.

The importer reads a footnote twice, by position and form
(:class:`.footnotes._Reading`) and by the sequence labeller (:mod:`.labelled`),
and keeps the reading whose parts fit best: words left in no field, a title
that still holds "(Place: Publisher, Year)", a "[Press release]" or a "//",
an outlet that ends with a bare number, a place of publication that is no
place (the gazetteer, :mod:`.gazetteer`), an author who is neither a person's
name nor an organisation's, a year written and read nowhere, each count
against it. Neither reader is right everywhere: the first was written for the
house form, APA and Harvard, the second learnt every habit from the corpus.
"""

# ruff: noqa: RUF001

from __future__ import annotations

import re
from typing import Protocol

from georeport.importer.dates import find_date, month_number
from georeport.importer.gazetteer import is_city, is_place, is_state
from georeport.importer.kinds import names_a_thesis
from georeport.importer.names import is_headline, is_name, is_person_form


class Reading(Protocol):
    """What a reading of a footnote gives (:class:`.footnotes.Source` is one;
    this module does not import it, which would close a cycle)."""

    @property
    def authors(self) -> tuple[str, ...]: ...

    @property
    def editors(self) -> tuple[str, ...]: ...

    @property
    def title(self) -> str: ...

    @property
    def outlet(self) -> str: ...

    @property
    def publisher(self) -> str: ...

    @property
    def address(self) -> str: ...

    @property
    def year(self) -> str: ...

    @property
    def date(self) -> str: ...

    @property
    def volume(self) -> str: ...

    @property
    def number(self) -> str: ...

    @property
    def entry_type(self) -> str: ...


_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_PUBLICATION_GROUP = re.compile(r"\([^()]*:[^()]*(?:1[5-9]|20)\d\d\s*\)")
_LABEL = re.compile(r"\[[^\]]+\]\s*$")
_DESIGNATION = re.compile(
    r"^\(?\d+\)?$|^(?:No|n|a|vol|Vol|№)\.?\s|\bNo\.?\s*\d|№|press release|"
    r"comunicato stampa|пресс-релиз|\bdata\s?set\b",
    re.I,
)
_ENDS_IN_GROUP = re.compile(r"\([^()]*(?:1[5-9]|20)\d\d[^()]*\)\s*$")
#: the types whose place stands without a publisher (a report's, a thesis's)
_PLACED = {"report", "phdthesis", "mastersthesis", "inproceedings"}
#: a quotation that opens the title, then more words: '“Title,” Eurasianet'
_QUOTED = re.compile(
    r"^(?:[“«\"„‘][^“”«»\"‘’]{3,}[”»\"“’]|'[^']{3,}')[,.]?\s+\S"
)  # Harvard's straight quotes too: "'Title', Tass"
#: an acronym or a person's name, then a comma, at the start of a title
_NAMED = re.compile(r"^(?:[A-Z]{2,}|[A-ZА-ЯЁ]\.\s?[A-ZА-ЯЁ][\w’'-]+),\s")
#: two to four Chinese signs: a person's name or an agency's short name
_HAN_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
#: a year alone in parentheses, where the house form, APA and Harvard put it
_YEAR_GROUP = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)")
_BARE_NUMBER = re.compile(r"\s\d+\s*$")
#: a sentence of the title that is "Place: Publisher" (or "Place, ST: ...")
_PLACE_PUBLISHER = re.compile(
    r"[.,]\s+(?P<place>[A-ZА-ЯЁ][^\W\d_]+(?:(?:[ -]|\s+and\s+|\s*[&/]\s*)"
    r"[A-ZА-ЯЁ][^\W\d_]+){0,3})"
    r"(?:,\s*[A-Z]{2}|\s+D\.?C\.?)?:\s+\S"
)
#: a bracketed descriptor with the title's words going on after it
_INNER_LABEL = re.compile(r"\[[^\]]+\][.,]\s+\S")
#: an outlet's name has this many words at most
_OUTLET_WORDS = 3
#: what a field filled is worth, so that the fuller of two clean readings wins
_FILLED = 0.2


def plausibility(source: Reading, notes: list[str], text: str) -> float:
    """A score: higher is a reading whose fields look like what they are."""
    score = -3.0 * sum(len(note.split()) > 0 for note in notes)
    score -= 0.5 * sum(len(note.split()) for note in notes)
    title = source.title
    if not title:
        score -= 5
    if _PUBLICATION_GROUP.search(title) or _LABEL.search(title) or "//" in title:
        score -= 3
    if _ENDS_IN_GROUP.search(title):
        score -= 3  # "Title (master's thesis, University, 2021)"
    if _QUOTED.search(title):
        score -= 2  # '“Title,” Eurasianet': the quotation is the title, not more
    first, stop, _rest = title.partition(". ")
    if stop and not source.authors and is_person_form(first):
        score -= 2  # "Cooley, Alexander. Great Games": the author in the title
    if "," in title and _DESIGNATION.search(title.rsplit(",", 1)[1]):
        score -= 2  # "Title, comunicato stampa": the kind of work in the title
    if _NAMED.match(title) and not source.authors:
        score -= 1.5  # "ACLED, Sahel: ...": who wrote it kept in the title
    if is_city(title):
        score -= 2  # "Tashkent": a city is no title (a country may be: "Kazakhstan")
    if (
        _HAN_NAME.match(title)
        and not source.authors
        and len(source.outlet) > len(title)
    ):
        score -= 2  # "习近平 (2013) 弘扬人民友谊…": a Chinese name read as the title
    if is_person_form(title) and not source.authors:
        score -= 2  # "Reeves, Madeleine" read as the title
    year_group = _YEAR_GROUP.search(text)
    if year_group and source.authors and title:
        before = text[: year_group.start()].rstrip(' ,.;:”’"»')
        if before.endswith(title) and len(before) > len(title):
            score -= 3  # "Title, More (2012)": a bare year follows names, not a title
    kind = source.entry_type
    named = any(names_a_thesis(part) for part in re.split(r"[,.;]\s", text))
    if named and kind not in {"phdthesis", "mastersthesis"}:
        score -= 2
    if (
        kind == "incollection"
        and (source.number or source.volume)
        and not source.editors
    ):
        score -= 1.5  # "in Limes, n. 3": a journal's issue, not a book
    for value in (title, source.outlet, source.publisher):
        place_publisher = _PLACE_PUBLISHER.search(value)
        if place_publisher and all(
            is_place(place)
            for place in re.split(r"\s+and\s+|\s*[&/]\s*", place_publisher["place"])
        ):
            score -= 3  # "Title. Berlin: Publisher": the imprint kept in a field
    if _INNER_LABEL.search(title):
        score -= 2  # "Title [Data set]. Berlin": a descriptor inside the title
    if title.count(",") and is_place(title.rsplit(",", 1)[1]):
        score -= 2  # "Title, Berlin": the place of publication kept in the title
    if _BARE_NUMBER.search(source.outlet):
        score -= 2  # "Central Asian Survey 24": the volume glued to the journal
    for name in (*source.authors, *source.editors):
        if name == "others":
            continue  # BibTeX's "et al.", no name
        if is_place(name.strip("{}")):
            score -= 2  # "Казахстан" is a place, not who wrote or edited
        elif name.strip("{}")[:1].islower():
            # "war of gas": names, of people or bodies, are capitalised; a
            # reading that says otherwise is wrong, whatever else it fits
            score -= 8
        elif not name.startswith("{") and not _name_like(name):
            score -= 2
        elif len(title.split()) <= _OUTLET_WORDS and is_headline(name):
            # "Лидеры стран ОДКБ собрались в Ереване (2022) Коммерсантъ": a
            # headline read as who wrote it, the outlet as its title
            score -= 3
    if source.address and is_state(source.address):
        score -= 2  # "NY" alone: the state of a city read elsewhere
    if source.address:
        # a city first ("Innsbruck, Austria", "Bishkek/Brussels", "Washington, DC")
        first, *more = re.split(r"\s*[,]\s*", source.address)
        cities = all(is_city(city) for city in first.split("/"))
        more_ok = all(is_place(p) or len(p) <= 3 for p in more)
        score += 1 if cities and more_ok else -2
        if source.entry_type == "article":
            score -= 1.5  # a journal's article has no place of its own
        published = source.publisher or source.date or source.entry_type in _PLACED
        if not published:
            score -= 1.5  # a place with nothing published there: a word of the title
    if source.publisher and is_place(source.publisher):
        score -= 2
    for value in (source.outlet, source.publisher):
        if value and (_date_like(value) or _DESIGNATION.search(value)):
            score -= 2  # "7 January", "(94)", "No. 83-II", "Press release"
    for name in source.authors:
        if re.search(r"[^\W\d_]{3,}\.$", name.strip("{}")):
            score -= 1  # "Reuters." : the stop after an APA author kept
    written = set(_YEAR.findall(text)) - set(_YEAR.findall(title))
    if written and not (source.year or source.date):
        score -= 2
    filled = sum(bool(v) for name, v in vars(source).items() if name != "unsure")
    return score + _FILLED * filled


def _date_like(value: str) -> bool:
    """ "7 January", "January 7", "12 January 2022": a date, no outlet's name."""
    if find_date(value, whole=True):
        return True
    match = re.fullmatch(
        r"(\d{1,2})\s+([^\W\d_]+)\.?|([^\W\d_]+)\.?\s+(\d{1,2})", value
    )
    if match is None:
        return False
    return month_number(match[2] or match[3]) is not None


def _name_like(name: str) -> bool:
    words = name.replace(",", " ").split()
    return 0 < len(words) <= 6 and not re.search(r"\d", name) and is_name(name)
