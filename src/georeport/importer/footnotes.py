"""Read the sources of one footnote, as editors write them.

The journal's house form is ``Author (Year) Title, Outlet Vol.V(I), pp. A-B,
Publisher. Retrieved from: URL``, and without an author the title comes first
(``Title (Year) Outlet.``). Footnotes from contributors also come as
``Surname, G. (Year). Title. Journal, 5(32), 1-15. https://doi.org/…``, with
the year at the end (``G. Surname, "Title", Outlet, 2021``), with quoted
titles, books ("Oxford University Press, Oxford"), chapters ("in A. Cooley
(ed.) Book"), reports ("Working Paper No. 12"), theses, and back-references
("Ibid., p. 3"). One footnote may hold several sources separated by ``;``.

The reading goes by position and form: identifiers first
(:mod:`.identifiers`), then the year, the authors before it (:mod:`.names`),
then the comma parts after it, each recognised by its form (volume, pages,
date, edition, "Place: Publisher", report series, thesis, "In:"); what is left
is title and outlet, the title first. Nothing is invented and no word is
dropped: a part that fits nowhere is kept in ``note``, and a source with no
readable title becomes a ``@misc`` titled with its own words, with a warning.
"""

# The patterns hold Cyrillic letters, dashes and typographic quotes on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypedDict

from georeport.importer.backrefs import LOCATOR, read_back_reference, read_dated_short
from georeport.importer.dates import find_date, month_number
from georeport.importer.gazetteer import is_city, is_place, is_state
from georeport.importer.gazettes import read_gazette_act
from georeport.importer.identifiers import (
    HOST,
    RETRIEVED,
    URL,
    Identifiers,
    take_identifiers,
)
from georeport.importer.kinds import (
    DATASET,
    LEGAL_ACT,
    PRESS_RELEASE,
    PROCEEDINGS,
    REPORT_SERIES,
    TREATY_SERIES,
    names_a_thesis,
    thesis_kind,
)
from georeport.importer.labelled import read_labelled
from georeport.importer.languages import langid as detect_langid
from georeport.importer.names import (
    ends_as_institution,
    is_name,
    is_organisation,
    is_person_form,
    may_be_caseless_name,
    protect,
    split_authors,
    starts_as_institution,
)
from georeport.importer.plausibility import plausibility

_EDGE = " ,.;:"
_QUOTES = {"“": "”", '"': '"', "«": "»", "‘": "’", "'": "'", "„": "“", "‹": "›"}
#: "(2021)", "(n.d.)", "(2021a)", "(7 July 2021)", "(2021, 7 July)"
_PAREN = re.compile(r"\((?P<inner>[^()]{1,40})\)")
_YEAR = re.compile(r"^(?P<year>(?:1[5-9]|20)\d\d)[a-z]?$")
_NO_DATE = re.compile(r"^(?:n\.\s?d|s\.\s?d|б\.\s?г|o\.\s?J)\.?$", re.I)
_BARE_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
#: volume and issue: "Vol.5(32)", "vol. 5, no. 32", "Т. 5, № 3", "5(32)"
_VOLUME = re.compile(
    r"(?:^|\s|,)(?:(?:Vol(?:ume)?|vol|Т|т|Bd|Jg|anno|Tome|tome)(?:\.\s*|\s+)(?P<volume>\d+)"
    r"|(?P<bare>\d+)(?=\s*\(\s*\d+))"
    r"(?:\s*\(\s*(?P<number>\d+(?:[-/–]\d+)?)\s*\)"
    r"|\s*[,.]?\s*(?:No\.?|Issue|Iss\.|n\.|no\.|№|Nr\.?|Heft|fasc\.|Вып\.)\s*(?P<number2>\d+(?:[-/–]\d+)?))?"
    r"(?=$|[\s,.:;])"
)
_NUMBER = re.compile(
    r"^(?:No\.?|no\.|Issue|Iss\.|n\.|№|Nr\.?|Heft|Вып\.)\s*(?P<number>\d+(?:[-/–]\d+)?)$"
)
_PAGES = re.compile(
    r"^(?:(?P<label>pp?|P|S|С|с|стр|ss?|pag|səh|bet|б|бб|էջ|გვ)\.\s*|pp\s+)"
    r"(?P<first>[\divxlc]+)"
    r"(?:\s*[-–—]+\s*(?P<last>[\divxlc]+))?$"
)
_BARE_PAGES = re.compile(r"^(?P<first>\d+)\s*[-–—]+\s*(?P<last>\d+)$")
_EDITION = re.compile(
    r"^(?P<edition>\d+(?:st|nd|rd|th)?|[A-Z][a-z]+|\d+-?е)\s+"
    r"(?:ed\.?|edn\.?|edition|изд\.?|издание|Aufl\.?|Auflage|éd\.?)$"
)
_PLACE_PUBLISHER = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][^:,]{1,40}?)\s*:\s*(?P<publisher>[^:]+)$"
)
#: words that make a part a publisher's name: a form cue, as "Press" is
_PUBLISHER = re.compile(
    r"\b(?:Press|Publish\w*|Verlag|Editore|Edizioni|Éditions|Editions|Books|"
    r"Издательство|Изд-во|Наука|University|Università|Université|Universität)\b"
)
#: a report series and its number: "Working Paper No. 12", "Europe Report N°123"
_SERIES = re.compile(
    r"^(?P<type>(?:[A-Z][\w-]*\s+){0,3}?(?:Working|Policy|Research|Discussion|"
    r"Occasional|Background|Issue|Briefing|Technical|Special|Analytical)?\s*"
    r"(?:Papers?|Briefs?|Briefing|Reports?|Notes?|Series))\s*"
    r"(?:No\.?|N°|n\.|#|№|Nr\.?)?\s*(?P<number>[\w./-]*\d[\w./-]*)?$"
)
_IN = re.compile(
    r"^(?:In|in|Dans|dans|[ВвУу]\s+(?:кн|сб|зб)\.|[Вв](?=\s*:)|İçinde|içinde)\s*:?\s+"
    r"(?P<rest>.+)$"
)
#: a paper given at a conference, named after these words
_PRESENTED = re.compile(
    r"^(?:(?:a\s+)?paper\s+presented\s+at|presented\s+at|доклад\s+на|doklad\s+na|"
    r"(?:relazione|intervento|comunicazione)\s+(?:(?:tenut[ao]|presentat[ao])\s+)?"
    r"(?:al(?:la|l[’'])?|a)|communication\s+(?:présentée\s+)?(?:au|à\s+la))\s*"
    r"(?:the\s+)?(?P<rest>.+)$",
    re.I,
)
#: the kind of meeting before its quoted name: "tavola rotonda «Italia e
#: Caucaso»", "konferencii «Central’naja Azija – 2022»"
_MEETING_NAMED = re.compile(
    r"^(?:tavola\s+rotonda|convegno|conferenza|seminario|workshop|conference|"
    r"round\s*table|konferencii|конференции)\s+[«“\"](?P<name>[^»”\"]+)[»”\"]$",
    re.I,
)
#: the word that says the names before it edited the book, in parentheses:
#: "(eds.)", "(a cura di)", "(curr.)", "(отв. ред.)", "(red.)", "(haz.)", "(խմբ.)"
_ED_WORD = (
    r"(?:eds?|edd|Hrsg|éds?|dir|a\s+cura\s+di|curr?|под\s+(?:общ\.\s*)?ред|"
    r"отв\.\s*ред|ред|red|haz|խմբ|რედ)"
)
_EDS_MARK = re.compile(rf"\({_ED_WORD}\.?\)", re.I)
_EDITORS = re.compile(
    rf"^(?P<names>.+?)\s*{_EDS_MARK.pattern}\s*,?\s*(?P<book>.*)$", re.I
)
#: "A and B (eds.)" or "A, eds." before the year: a book they edited
_EDITORS_END = re.compile(
    rf"(?:\s*{_EDS_MARK.pattern}|,?\s+(?:eds|ed|Hrsg|éds|éd)\.)$", re.I
)
_EDITED_BY = re.compile(
    r"^(?:edited by|ed\. by|a cura di|под ред\.)\s+(?P<names>.+)$", re.I
)
#: a phrase that ends in "see" or "cfr." before a source: "On the regional
#: détente, see", "For a Russian view, see", "Sul punto, v.", "Per un
#: inquadramento cfr." (capitalised, no stop, short)
_LEAD_PHRASE = re.compile(
    r"^[^\W\d_][^.;:()«“\"]{2,100}?(?:[,:]\s*(?:see|v\.)|:?\s(?:cfr?\.)|"
    r",?\s(?:si\s+vedano|si\s+veda|si\s+rinvia\s+a|vedi|v\.))(?:\s+(?:also|anche|almeno))?"
    r"\s+(?=\S)"
)
#: "See", "See also", "Cf." before a source: the footnote's words, not the source's
#: what an Italian lead says the source is about: "Cfr. sul tema", "Si
#: veda anche, in proposito,"
_TOPIC = (
    r"(?:anche|almeno|inoltre|in\s+proposito|sul\s+(?:tema|punto)|al\s+riguardo|"
    r"sull[’']argomento|ad\s+esempio|per\s+esempio|tra\s+gli\s+altri|"
    r"in\s+particolare),?"
)
_LEAD_IN = re.compile(
    r"^(?:(?:see|for\s+more,?\s+see|on\s+this,?\s+see)(?:\s+also)?"
    rf"(?:,\s*(?:for\s+example|for\s+instance|e\.\s?g\.),?)?|cfr?\.(?:\s+{_TOPIC})*|"
    r"(?:vedi|v\.(?=\s+(?-i:[a-zà-ù]))|(?:sul\s+punto,?\s+)?si\s+veda(?:no)?|"
    r"si\s+rinvia\s+a)"
    rf"(?:\s+{_TOPIC})*|"
    # "…; e «Title», ANSA": the second source's "and", with its emphasis
    r"(?-i:e)(?:,\s*(?:in\s+particolare|soprattutto),)?(?=\s+[«“\"‘A-Z])|"
    r"voir|vgl\.|"
    # where figures come from: "Fonte:", "Own calculations based on"
    r"(?:fonte:\s*)?elaborazione\s+(?:(?:dell[’']autore|propria)\s+)?su(?:\s+dati)?|"
    r"(?:fonte|sources?|источник|джерело|quelle|kaynak)(?=:)|"
    r"(?:own|author[’']s)\s+calculations\s+based\s+on|рассчитано(?:\s+автором)?\s+по|"
    r"data\s+(?:elaborated\s+by\s+the\s+author\s+)?from|"
    r"quoted\s+in|cited\s+in|zitiert\s+nach|цит\.\s+по|"
    r"(?:подробнее\s+|подробно(?:\s+об\s+этом)?\s+)?см\.(?:\s+также|,\s+например)?|"
    r"див\.)[:,]?\s+",
    re.I,
)


@dataclass(frozen=True)
class Source:
    """One cited source, holding what the footnote says and nothing more.

    ``authors`` are names as written; an organisation is in braces
    (``{World Bank}``), and ``others`` ends a list cut by "et al.". ``outlet``
    is the journal, site, book, institution or school the work appeared in,
    by type. A back-reference has only ``back_reference`` (the words, e.g.
    "Ibid."), ``locator`` and, for "op. cit.", the named authors and title.
    """

    authors: tuple[str, ...] = ()
    title: str = ""
    outlet: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    #: a book's or a report's number of pages ("356 с.")
    pagetotal: str = ""
    publisher: str = ""
    year: str = ""
    url: str = ""
    note: str = ""
    editors: tuple[str, ...] = ()
    edition: str = ""
    series: str = ""
    report_type: str = ""
    address: str = ""
    date: str = ""
    urldate: str = ""
    doi: str = ""
    isbn: str = ""
    #: the entry type when the words say it (a thesis, a chapter, a report)
    kind: str = ""
    back_reference: str = ""
    locator: str = ""
    #: the footnote's own words before the source ("See", a sentence of
    #: commentary): shown before the citation, never part of the entry
    lead: str = ""
    #: BibTeX fields the reading is unsure of (the two readers disagree, or
    #: the labeller doubts): flagged on the review page, never in the entry
    unsure: tuple[str, ...] = field(default=(), compare=False)

    @property
    def entry_type(self) -> str:
        """The BibTeX type the footnote's words point to."""
        if self.kind:
            return self.kind
        if (
            self.report_type
            and self.number
            and not self.volume
            and not _NO_SERIES.search(self.report_type)
        ):
            # "Approfondimento n. 182, Roma, Senato della Repubblica": a
            # numbered series, a report (a journal's issue has no series)
            return "report"
        if self.outlet and self.publisher and self.address and not self.number:
            # "in Storia d'Europa, vol. XIV, Roma, Salerno Editrice": a book
            # has a place and a publisher, a journal neither
            return "incollection"
        if self.outlet and (self.volume or self.number or self.doi):
            return "article"
        if (
            self.isbn
            or self.edition
            or self.series
            or (self.publisher and not self.outlet)
        ):
            return "book"
        if (
            self.address
            and self.year
            and any(not name.startswith("{") for name in self.authors)
            and not (self.outlet or self.url or self.date or self.number)
        ):
            # "Ş. Kut, Türk Dış Politikası ve Kafkasya, Ankara 2019": a
            # monograph by its place and year, its publisher left unnamed
            return "book"
        if (
            self.address
            and self.year
            and self.authors
            and all(name.startswith("{") for name in self.authors)
            and not (self.outlet or self.url or self.date)
            and not LEGAL_ACT.search(self.title)
        ):
            # "Banca d'Italia, Relazione annuale 2023, Roma, 2024": a body's
            # paper by its place and year (its laws and treaties are misc)
            return "report"
        return "online" if self.outlet or self.url else "misc"

    @property
    def langid(self) -> str:
        """The title's language (:mod:`.languages`): script, then lingua."""
        words = take_identifiers(self.title or self.note).rest
        context = " ".join(
            (self.outlet, self.publisher, self.address, self.report_type)
        )
        return detect_langid(words, self.url, context)  # a DOI alone has none

    def fields(self) -> dict[str, str]:
        """BibTeX fields in the house order, empty ones left out, not escaped."""
        kind = self.entry_type
        outlet = _OUTLET_FIELD.get(kind, "organization")
        publisher = self.publisher
        if outlet == "publisher":
            outlet, publisher = (
                "organization" if publisher else "publisher",
                (publisher or self.outlet),
            )
            if outlet == "publisher":
                outlet = ""
        host = ""
        if kind == "inproceedings" and not self.pages:
            # a talk, not a paper in printed proceedings: the body that hosted
            # the conference is its organization, nobody published it
            host, publisher = publisher, ""
        pairs = [
            ("author", " and ".join(self.authors)),
            ("editor", " and ".join(self.editors)),
            ("title", self.title),
            (outlet, self.outlet if outlet else ""),
            ("edition", self.edition),
            ("volume", self.volume),
            ("series", self.series),
            ("type", self.report_type),
            ("number", self.number),
            ("pages", self.pages),
            ("pagetotal", self.pagetotal),
            ("publisher", publisher),
            ("organization", host),
            ("address", self.address),
            ("year", self.year),
            ("date", self.date),
            ("url", self.url),
            ("urldate", self.urldate),
            ("doi", self.doi),
            ("isbn", self.isbn),
            ("note", self.note),
            ("langid", self.langid),
        ]
        return {name: value for name, value in pairs if name and value}


#: an interview, in the journal's languages
_INTERVIEW = re.compile(
    r"\b(?:interview|intervista|entretien|röportaj|entrevista)\b|интервью|інтерв|сұхбат",
    re.I,
)
#: kinds of work numbered where a report's series would stand: a press
#: release, a law, a dataset, an interview
_NO_SERIES = re.compile(
    r"press|comunicato|basın|пресс|communiqué|mitteilung|bülten|\blaw\b|закон|"
    rf"decree|указ|legge|decreto|kanun|\bdata|{_INTERVIEW.pattern}",
    re.I,
)
#: the field that names the outlet, by entry type
_OUTLET_FIELD = {
    "article": "journal",
    "incollection": "booktitle",
    "inproceedings": "booktitle",
    "report": "institution",
    "phdthesis": "school",
    "mastersthesis": "school",
    "thesis": "school",
    "book": "publisher",
}
#: types whose outlet is a school or an institution, a university's name in it
_SCHOOLS = {"phdthesis", "mastersthesis", "report"}
#: types whose pages are the work's own extent; elsewhere a page is a pinpoint
_HAS_PAGES = {"article", "incollection", "inproceedings"}
#: the types whose pages in a note are a pinpoint: the work is the whole
_WHOLE = {"book", "report", "phdthesis", "mastersthesis"}


def parse_footnote(text: str) -> tuple[list[Source], list[str]]:
    """Sources of one footnote's text, and warnings about what was not placed."""
    sources: list[Source] = []
    warnings: list[str] = []
    for part in split_sources(text):
        source, warning = parse_source(part)
        sources.append(source)
        if warning:
            warnings.append(warning)
    if not sources:
        words = " ".join(text.split())
        sources.append(Source(title=words or "?"))
        warnings.append(f"no source in {words!r}: kept as @misc titled with its words")
    return sources, warnings


_SOURCE_BREAK = re.compile(r";(?=\s|$)")
#: a book's imprint in parentheses: "(London: Routledge, 2015)"
_IMPRINT = re.compile(r"\([^():;]{2,60}:[^():;]{2,120},\s*(?:1[5-9]|20)\d\d\)")


def split_sources(text: str) -> list[str]:
    """Split at ``;`` where both sides are whole sources.

    A ``;`` inside a title (``Guerra e pace; una storia (2020) Limes``) leaves
    a side without a year, volume, URL or "Retrieved from", so it stays.
    """
    pieces = _SOURCE_BREAK.split(" ".join(text.split()))
    parts: list[str] = []
    for piece in pieces:
        if parts and not (_is_whole(parts[-1]) and _is_whole(piece)):
            parts[-1] = f"{parts[-1]};{piece}"
        else:
            parts.append(piece)
    return [part.strip() for part in parts if part.strip(_EDGE)]


def _is_whole(part: str) -> bool:
    part = part.strip()
    said = split_lead(part)[1]  # "Cfr. ivi, p. 120", "See Menga (2018, p. 77)"
    return bool(
        read_back_reference(part)
        or read_back_reference(said)
        or read_dated_short(said)
        or any(_year_in(m["inner"]) for m in _PAREN.finditer(part))
        # Chicago's book: "Title (London: Routledge, 2015), 45"
        or _IMPRINT.search(part)
        or RETRIEVED.search(part)
        or URL.search(part)
        or _VOLUME.search(part)
        or re.search(r",\s*(?:1[5-9]|20)\d\d\.?$", part)
        or _ends_dated(part)  # "…, APA, 15 febbraio 2024"
        # the Italian habit's "in «Limes», n. 5, 2023, pp. 87-95.", GOST's
        # "М.: Альпина, 2016. С. 312"
        or re.search(
            r"(?:1[5-9]|20)\d\d[,.]?\s*(?:pp?|S|С|с)\.\s*\d+(?:\s*[-–]\s*\d+)?"
            r"(?:\s*(?:ss|sgg?|segg|e\s+ss?|e\s+sgg?|e\s+segg|ff|passim)\.?)?\.?$",
            part,
        )
        # GOST's and ISO 690's book: "М.: Наука, 2010. 480 с.", "2001. 476 p."
        or re.search(r"(?:1[5-9]|20)\d\d\.?\s*[–—-]?\s*\d+\s*(?:с|p|S|s|б|Б)\.?$", part)
    )


def _plainly_a_body(name: str) -> bool:
    """A body's name, even without the rest of a source to tell: its head
    word first or last, or three words and more that read as one."""
    return (
        starts_as_institution(name)
        or ends_as_institution(name)
        or (len(name.split()) >= 3 and is_organisation(name))
    )


def _remark_then_cited(words: str) -> tuple[tuple[str, str], ...]:
    """ "Sulla stessa linea, con accenti più critici, Marchetti, art. cit.,
    pp. 240-241", "Sul punto concorda la Commissione: ibid., p. 15": the
    author's remark, cut at a comma or a colon, before a back-reference."""
    if not re.search(r"\bcit\.|указ\.|a\.\s?g\.\s?e|\bibid|\bivi\b", words, re.I):
        return ()
    cuts = [m.end() for m in re.finditer(r"[,:]\s", words)]
    return tuple(
        (words[:cut].strip(), words[cut:])
        for cut in cuts
        if _remark(words[:cut].rstrip(" ,"), shortest=3)
    )


def _ends_dated(part: str) -> bool:
    """A day's date after the last comma: "15 febbraio 2024", "May 2, 2023"."""
    last = re.search(r",\s*([^,]+(?:,\s*\d{4})?)\.?$", part)
    return last is not None and find_date(last[1], whole=True) is not None


#: "Author (2021) Title": the journal's own form, "(Year)" without a stop after
#: (not a resolution's "2254 (2015) от 18 декабря 2015 г.", nor a quoted
#: title's journal and volume: "«Title», «Meridiana», 104 (2022)")
_HOUSE_FORM = re.compile(
    r"^[^()«»“”\"]{1,200}?\((?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.)\)"
    r"(?!\s+(?:от|від)\s)(?:,?\s+[^\s.]|[\s.]*$)"
)
#: what the house form adds to the first reading's fit
HOME = 1.0
#: what the first reading's fit loses outside the house form (chosen by the
#: development corpora's cross-validation, tools/train_footnotes.py)
AWAY = 6.0
#: what the labeller's doubt costs its reading's fit (times 1 - its lowest
#: probability of a field)
UNSURE = 1.0
#: which reading decides (developers compare them: tools/train_footnotes.py)
STRATEGY = "auto"
#: how much better the labeller's reading must fit to be taken
MARGIN = 0.0


def _chosen(ids: Identifiers) -> tuple[Source, list[str]]:
    """The source as read by position and form, or as the labeller reads it;
    when the better fit reads too little to be a source, the other one."""
    (best, best_notes), (other, other_notes) = _ranked(ids)
    if not _usable(best, ids) and _usable(other, ids, strict=True):
        return other, other_notes
    return best, best_notes


def _usable(source: Source, ids: Identifiers, *, strict: bool = False) -> bool:
    """A title, and enough besides to be a source; ``strict``: more than a
    name beside the title (a year, an identifier, a volume...)."""
    if not source.title:
        return False
    if strict:
        source = replace(source, authors=(), editors=())
    return _read_enough(_settle(source, ids.url), ids.online)


def _ranked(
    ids: Identifiers,
) -> tuple[tuple[Source, list[str]], tuple[Source, list[str]]]:
    """The two readings, the one that fits better first."""
    rules, rule_notes = _by_rules(ids)
    labelled, notes, confidence = _by_labeller(ids)
    if STRATEGY == "rules":
        return (rules, rule_notes), (rules, rule_notes)
    if STRATEGY == "labeller":
        return (labelled, notes), (labelled, notes)
    differ = _differences(_settle(rules, ids.url), _settle(labelled, ids.url))
    home = bool(_HOUSE_FORM.match(ids.rest))
    rules = replace(rules, unsure=differ)
    doubted = _bibtex_names(labelled, labelled.unsure)
    # outside the house form the first reader reads badly: its disagreeing
    # says little, the labeller's own doubt is the flag
    labelled = replace(
        labelled, unsure=tuple(sorted({*(differ if home else ()), *doubted}))
    )
    ours = plausibility(_settle(rules, ids.url), rule_notes, ids.rest)
    # the first reader was written for names, then "(Year)" (the house form):
    # in other habits its reading is taken only when it fits far better
    ours += HOME if _HOUSE_FORM.match(ids.rest) else -AWAY
    theirs = plausibility(_settle(labelled, ids.url), notes, ids.rest)
    theirs -= UNSURE * (1 - confidence)
    if theirs > ours + MARGIN:
        return (labelled, notes), (rules, rule_notes)
    return (rules, rule_notes), (labelled, notes)


def _differences(one: Source, other: Source) -> tuple[str, ...]:
    """The BibTeX fields two readings of one footnote give differently."""
    ours, theirs = one.fields(), other.fields()
    names = (set(ours) | set(theirs)) - {"langid"}
    return tuple(sorted(n for n in names if ours.get(n) != theirs.get(n)))


def _bibtex_names(source: Source, names: tuple[str, ...]) -> set[str]:
    """:class:`Source` attribute names as the fields of its entry."""
    outlet = _OUTLET_FIELD.get(source.entry_type, "organization")
    if outlet == "publisher":
        outlet = "publisher"
    renamed = {"authors": "author", "editors": "editor", "report_type": "type"}
    return {renamed.get(n, outlet if n == "outlet" else n) for n in names}


def _by_rules(ids: Identifiers) -> tuple[Source, list[str]]:
    reading = _Reading(ids.rest, ids.open_end, ids.online)
    reading.read()
    notes = ids.notes + reading.notes
    source = Source(
        **reading.values,
        url=ids.url,
        urldate=ids.urldate,
        doi=ids.doi,
        isbn=ids.isbn,
        note="; ".join(notes),
    )
    return source, notes


def _by_labeller(ids: Identifiers) -> tuple[Source, list[str], float]:
    found = read_labelled(ids)
    notes = ids.notes + found.notes
    values: dict[str, Any] = dict(found.values)
    if notes:
        values["note"] = "; ".join(
            n for n in [str(values.get("note", "")), *notes] if n
        )
    source = Source(
        **values,
        url=ids.url,
        urldate=ids.urldate,
        doi=ids.doi,
        isbn=ids.isbn,
        unsure=found.unsure,
    )
    return source, notes, found.confidence


def parse_source(text: str, *, short: bool = True) -> tuple[Source, str]:
    """One source from its words, and a warning (``""`` when all was placed).

    ``short=False``: a short form ("Hiro 212") is read as a source of its own.
    """
    words = " ".join(text.split())
    whole = words
    lead, words = split_lead(words)
    misspelt = _misspelt_back_reference(words)
    if misspelt:
        # "Ibdi., p. 4": no source, and no back-reference either; kept as
        # words the editor corrects, never a source of its own
        title, _comma, locator = words.partition(",")
        return Source(title=title.strip(), locator=locator.strip(" ,.")), (
            f"{title.strip()!r} reads like a misspelt {misspelt!r}: kept as a source "
            f"titled with its words; write {misspelt!r} if it is one"
        )
    readings: tuple[tuple[str, str], ...] = (
        ((lead, words), ("", whole)) if lead else (("", whole),)
    )
    readings += _remark_then_cited(whole)
    for said, written in readings:  # "Cfr. ivi, p. 54", "Cfr. Rossi, cit."
        back = read_back_reference(written, short=short)
        if back is not None:
            ref, locator, authors, title = back
            authors = tuple(  # "International Crisis Group, Title, cit."
                protect(name) if _plainly_a_body(name) else name for name in authors
            )
            source = Source(authors, title, back_reference=ref, locator=locator)
            return replace(source, lead=said), ""
        dated = read_dated_short(written) if short else None
        if dated is not None:  # "Kulyk (2016, p. 597)": the work cited before
            authors, year, locator = dated
            source = Source(authors, year=year, back_reference="short", locator=locator)
            return replace(source, lead=said), ""
    written = words
    ids = take_identifiers(words)
    told = _personal_communication(ids.rest)
    if told is not None:
        # APA's "E. Karimova (personal communication, January 18, 2024)": a
        # person, and what they said is no work with a title
        said, names, words, date = told
        source = Source(authors=names, report_type=words, date=date, kind="misc")
        lead = " ".join(w for w in (lead, said) if w)
        return replace(source, lead=lead), "; ".join(ids.warnings)
    act = read_gazette_act(ids.rest)
    if act is not None:
        title, gazette = act
        source = Source(title=title, note=gazette, url=ids.url, urldate=ids.urldate)
        return replace(source, lead=lead), "; ".join(ids.warnings)
    pinpoint = _PINPOINT.search(ids.rest)
    if pinpoint:  # "pp. 55-81, qui pp. 60-62": the pages cited, after the range
        ids.rest = ids.rest[: pinpoint.start("tail")]
    source, notes = _chosen(ids)
    warnings = list(ids.warnings)
    settled = _settle(source, url=ids.url, rest=ids.rest)
    source = replace(_by_kind(settled, ids.rest), lead=lead)
    if pinpoint and not source.locator:
        source = replace(source, locator=pinpoint["locator"])
    kept = [note for note in notes if note in source.note]  # not placed later
    if kept:
        warnings.append(f"{'; '.join(kept)!r} not placed: kept in note")
    if not (source.title or source.report_type) or not _read_enough(source, ids.online):
        if not ids.rest.strip(_EDGE) and (ids.doi or ids.url):
            # a DOI or a URL alone: the identifier is kept, so that the same
            # work cited in full is found again; its words are the title
            alone = Source(title=written, doi=ids.doi, url=ids.url, lead=lead)
            return alone, f"only an identifier in {written!r}: titled with its words"
        return Source(title=whole), (
            f"could not read {whole!r}: kept as @misc titled with its words"
        )
    return source, "; ".join(warnings)


#: "Name, personal communication, Date" and "(personal communication, Date)"
_PERSONAL = re.compile(
    r"(?P<before>[^()]*?)\s*(?:\((?P<inner>[^(),]+),|[,(])?\s*(?P<type>personal\s+communication|"
    r"comunicazione\s+personale|личное\s+сообщение|kişisel\s+görüşme)\s*,\s*"
    r"(?P<date>[^()]+?)\)?[\s.]*",
    re.I,
)


def _personal_communication(
    words: str,
) -> tuple[str, tuple[str, ...], str, str] | None:
    """``(remark, names, the words, ISO date)`` of a personal communication:
    "N. Hovhannisyan, personal communication, April 20, 2023", "Two officials
    made the same point (personal communication, November 2, 2023)"."""
    told = _PERSONAL.fullmatch(words)
    dated = find_date(told["date"], whole=True) if told else None
    if told is None or dated is None:
        return None
    before = told["before"].strip(" ,")
    if told["inner"]:  # "… in similar terms (G. Beridze, personal communication, …)"
        inner = told["inner"].strip()
        names = (split_authors(inner) or (inner,)) if is_person_form(inner) else ()
        return before, names, told["type"], dated[1]
    # the remark's last sentence, or its words before a colon
    ends = list(re.finditer(r"(?<=[^\s.]{2}[.!?:])\s+", before))
    remark, name = (
        (before[: ends[-1].start()], before[ends[-1].end() :]) if ends else ("", before)
    )
    if not is_person_form(name):
        remark, name = before, ""
    names = (split_authors(name) or (name,)) if name else ()
    return remark, names, told["type"], dated[1]


#: a page range, then the page cited in it: "pp. 55-81, qui pp. 60-62", "pp.
#: 201–220, p. 214", "pp. 140-148, in particolare p. 144"
_PINPOINT = re.compile(
    r"(?:pp?|S|С|с)\.\s*\d+\s*[-–—]\s*\d+(?P<tail>\s*,\s*(?:(?:qui|in\s+particolare|"
    r"spec\.|here|esp\.|especially|particularly|в\s+частности|здесь|özellikle)\s*:?\s*)?"
    r"(?P<locator>(?:pp?|S|С|с)\.\s*\d+(?:\s*[-–—]\s*\d+)?))[\s.]*$",
    re.I,
)
#: what says the names before it are the work's editors: "(Eds.)", "(a cura
#: di)", MLA's ", editors."
_EDITED = re.compile(rf"{_EDS_MARK.pattern}|,\s*editors?\.", re.I)
#: a label some habits give in place of a title (APA's personal communication)
_LABEL_TITLES = frozenset({"personal communication"})
#: an edition left over: "2nd", "3rd", "Rev."
_EDITION = re.compile(r"^(?:\d+(?:st|nd|rd|th|ª|°|ᵉ)|[Rr]ev\.?(?: ed\.?)?)$")
#: a report's kind after its title, as GOST writes it: "Title: доклад"
_TITLE_KIND = re.compile(
    r"\s*:\s*((?:аналитический\s+|научный\s+)?доклад|аналитическая записка)$"
)
#: a title that holds APA's journal after its stop: "Title. Journal"
_APA_ARTICLE = re.compile(r"^(?P<title>.{10,}?[^\s.]{2})\.\s+(?P<journal>[^.]{3,})$")
#: the Italian habit's year of a periodical: "a. XII"
_ANNO = re.compile(r"^a\.\s*([IVXLC]+|\d+)$")
#: the words before a conference's name: "relazione al convegno", "paper
#: presented at the"
_TALK = re.compile(
    r"^(?:relazione|intervento|comunicazione)\s+(?:presentata\s+)?al\s+convegno\s+"
    r"|^(?:paper|talk)\s+presented\s+at\s+(?:the\s+)?",
    re.I,
)
#: an edition at a title's end: "Title, 2nd ed."
_TITLE_EDITION = re.compile(
    r",\s*(\d+(?:st|nd|rd|th|e|a|ª|ᵉ|-?е)?\.?)\s+(?:edn?\.?|edition|edizione|"
    r"éd\.?|édition|Aufl\.?|Auflage|изд\.?|издание|baskı)$",
    re.I,
)
#: the word that names a resolution, and a resolution named by its number:
#: "Resolution 2401", "Резолюция 2118"
_ACT_WORD = re.compile(
    r"Resolution|Risoluzione|Résolution|Resolución|Резолюция|Резолюція|Karar", re.I
)
_RESOLUTION = re.compile(rf"(?:{_ACT_WORD.pattern})\s+\d+", re.I)
#: a UN document's symbol: "S/RES/2254", "A/HRC/RES/50/20", "A/78/327"
_UN_SYMBOL = re.compile(r"[A-Z]{1,6}(?:/[A-Z0-9.]+)*/\d[A-Z0-9.()]*")
#: an organisation's name in a title's first place ("OECD, Title", "World
#: Bank, Title"): an acronym, or a name with an institution's word at its end
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]+(?:/[A-Z]+)?$")
_CORPORATE_END = frozenset((
    "Group", "Bank", "Fund", "Watch", "Institute", "Organization", "Organisation",
    "Council", "Commission", "Agency", "Ministry", "Programme", "Program", "Forum",
    "Foundation", "Center", "Centre", "Office", "Union", "Service", "Committee",
    "House", "Secretariat", "Assembly", "Parliament", "Government", "Court"
))  # fmt: skip


def _by_kind(source: Source, rest: str) -> Source:
    """What holds for every source of its kind, whichever reader read it: the
    names before "(Eds.)" edit the work; a container with an issue number and
    no editors is a periodical; a UN symbol is the number; a place of
    publication is a place (else it changes place with the publisher); an
    organisation before the title wrote it; a bare "2nd" is the edition."""
    if source.authors:
        edited = _EDITED.search(rest)
        before = rest[: edited.start()] if edited else ""
        names = [
            n.strip("{}") for n in (*source.authors, *source.editors) if n != "others"
        ]
        if (
            edited
            and not re.search(r"[“”«»\"‘(]|\b[Ii]n\b", before)
            and all(n in before for n in names)
        ):
            editors = tuple(dict.fromkeys((*source.authors, *source.editors)))
            source = replace(source, editors=editors, authors=())
    if _INTERVIEW.search(rest) and not source.url and source.entry_type == "online":
        # "intervista di M. Bianco, in «Corriere della Sera»": printed, no site
        source = replace(source, kind="misc")
    authors = tuple(
        f"{{{n[1:-2]}}}" if re.search(r"[^\W\d_]{3,}\.\}$", n) else n
        for n in source.authors
    )  # "{Asian Development Bank.}": APA's stop after the author
    source = replace(source, authors=authors)
    apa = _APA_ARTICLE.match(source.title)
    issue = apa and re.search(
        re.escape(apa["journal"]) + r",\s*(\d+)\((\d+)\),\s*(\d+)\s*[–-]\s*(\d+)",
        rest,
    )
    if apa and issue and not source.outlet:
        # APA's "Title. Journal, 2(43), 52–68." read as one title
        source = replace(
            source,
            title=apa["title"],
            outlet=apa["journal"],
            volume=issue[1],
            number=issue[2],
            pages=f"{issue[3]}--{issue[4]}",
            locator="",
            kind="",
        )
    booked = re.search(
        rf"(?:^|[\s,.])[Ii]n:?\s+[^,()]+?\s*{_EDS_MARK.pattern}\s*,?\s*"
        r"(?P<book>[^,]+?)\s*,",
        rest,
        re.I,
    )
    if (
        source.editors
        and not source.outlet
        and booked
        and booked["book"].strip() != source.title
    ):
        # "in A. Bianchi (a cura di), I mari chiusi, Milano, LED": the book's
        # title follows its editors, the publisher its place
        book = booked["book"].strip()
        publisher = "" if source.publisher == book else source.publisher
        note = source.note
        if (
            not publisher
            and note
            and len(note.split()) <= 4
            and not re.search(r"\d", note)
        ):
            publisher, note = note, ""
        source = replace(source, outlet=book, publisher=publisher, note=note)
    if (
        source.publisher
        and source.url
        and len(source.date) == len("2024-03-12")
        and not (source.outlet or source.address or source.isbn or source.kind)
    ):
        # "«Title», SpecialEurasia, 12 marzo 2024, https://…": a page of a
        # site on its day, not a book its publisher printed
        source = replace(source, outlet=source.publisher, publisher="")
    if re.fullmatch(r"AA\.\s?VV\.?", source.outlet) and not source.editors:
        # "in AA.VV., La Turchia di Erdoğan, Roma": the various authors edited
        # the book whose title follows
        source = replace(source, editors=(source.outlet,), outlet=source.note, note="")
    glued = re.fullmatch(r"(.+?)\s+((?:1[5-9]|20)\d\d)", source.publisher)
    if glued and not source.year:
        # "Roma, Carocci 2019 p. 7": a comma missing between publisher and year
        source = replace(source, publisher=glued[1], year=glued[2])
    imprint = _GLUED_IMPRINT.fullmatch(source.note)
    if imprint and source.address and not (source.year or source.publisher):
        # the same imprint left unread, after its place
        source = replace(
            source,
            publisher=imprint["publisher"],
            year=imprint["year"],
            locator=source.locator or imprint["locator"] or "",
            note="",
        )
    page = source.note.isdigit() and re.search(
        rf"\b(?:pp?|S|С)\.\s*{source.note}\b", rest
    )
    if page and not source.locator:
        source = replace(source, locator=page[0], note="")  # "p. 7" kept whole
    issue = re.fullmatch(r"(\d{1,2})/((?:1[5-9]|20)\d\d)", source.note)
    if issue and source.outlet and not (source.number or source.year):
        # "in «Limes», 3/2021": the issue of the year
        source = replace(source, number=issue[1], year=issue[2], note="")
    translated = re.fullmatch(r"(trad\.\s*it\.)\s+(.+)", source.note)
    if translated and not source.address and _placed(translated[2]):
        # "trad. it. Milano, Rizzoli": the translation's place of publication
        source = replace(source, address=translated[2], note=translated[1])
    if source.note == "passim" and not source.locator:
        source = replace(source, locator="passim", note="")
    following = source.locator and re.search(
        re.escape(source.locator) + r",?\s*(?:e\s+)?(?:sgg?|segg|ss|ff?)\.?", rest
    )
    if following and source.note.strip(". ") in {"sgg", "segg", "ss", "ff", "f"}:
        # "p. 33 e sgg.": the pages after it belong to the locator
        source = replace(source, locator=following[0], note="")
    if re.search(r"\b(?:sgg?|segg|ss|ff?|seq)$", source.locator) and (
        f"{source.locator}." in rest
    ):
        source = replace(source, locator=f"{source.locator}.")  # its own stop
    body, _, last = (
        (source.authors[-1] if source.authors else "").strip("{}").rpartition(", ")
    )
    act = _RESOLUTION.fullmatch(last)
    symbol = _UN_SYMBOL.match(source.title)
    if act and symbol and not source.number:
        # "UN Security Council, Resolution 2401 (2018), S/RES/2401 (…)": the
        # resolution is the title (with its year as written), the symbol its
        # number, not an author (or part of one) and a title
        named = re.search(re.escape(act[0]) + r"\s*\((?:1[5-9]|20)\d\d\)", rest)
        source = _symbol_and_after(
            replace(
                source,
                authors=(*source.authors[:-1], *([protect(body)] if body else [])),
                title=named[0] if named else act[0],
                kind=source.kind or "report",
            ),
            source.title,
        )
    if source.kind == "incollection" and not source.editors and source.number:
        source = replace(source, kind="")
    act_field = next(
        (n for n in ("title", "outlet") if _ACT_WORD.fullmatch(getattr(source, n))), ""
    )
    act_title = (
        f"{getattr(source, act_field or 'title')} {source.volume} ({source.number})"
    )
    if act_field and source.volume and act_title in rest:
        # "Resolution 2642 (2022), S/RES/2642" read as a journal's volume and
        # issue (its symbol, if read as the title, goes to its number below)
        outlet = source.title if act_field == "outlet" else source.outlet
        source = replace(source, title=act_title, outlet=outlet, volume="", number="")
    if _UN_SYMBOL.fullmatch(source.outlet) and not source.number:
        source = replace(
            source, number=source.outlet, outlet="", kind=source.kind or "report"
        )
    if _UN_SYMBOL.fullmatch(source.publisher) and not source.number:
        source = replace(
            source, number=source.publisher, publisher="", kind=source.kind or "report"
        )
    numbered = _NUMBER_ONLY.fullmatch(source.publisher)
    if numbered and not source.number:
        # a law's "No. 153-VII" read as its publisher
        source = replace(source, number=numbered[1], publisher="")
    source = _title_tail(source)
    dataset = DATASET.search(source.report_type) or (
        DATASET.search(source.title) and not (source.volume or source.pages)
    )
    if dataset and source.kind in ("", "report", "misc"):
        # "dataset, Zenodo, 2024, https://doi.org/…", "“V-Dem Dataset v14,”
        # V-Dem Project, 2024, https://doi.org/…": a resource online, even
        # with a DOI (a journal's article has a volume or pages)
        source = replace(source, kind="online")
    if PRESS_RELEASE.search(source.report_type) and source.url:
        # "Title : press release No. 24/112 // IMF. 2024. URL": a page of the
        # body's site, not an article of a periodical
        source = replace(source, kind="online")
    if (
        source.entry_type == "inproceedings"
        and not (source.pages or source.publisher)
        and "; " not in source.note
        and (
            _ACRONYM.match(source.note)
            or starts_as_institution(source.note)
            or ends_as_institution(source.note)
        )
    ):
        # "relazione al convegno X, Napoli, Università di Torino": the body
        # that hosted the talk, which ``fields`` writes as its organization
        source = replace(source, publisher=source.note, note="")
    if TREATY_SERIES.match(source.series) and not source.kind:
        # "Treaty of Lausanne, July 24, 1923, 28 L.N.T.S. 11": a treaty, not a
        # book of a series
        source = replace(source, kind="misc")
    if (
        source.number
        and source.publisher
        and not (source.kind or source.outlet or source.volume or source.series)
        and not _NO_SERIES.search(source.title)
    ):
        # "Title, RR-1793-A (Santa Monica, CA: RAND Corporation, 2019)": a
        # numbered work of a body that publishes its own is its report
        source = replace(source, kind="report", outlet=source.publisher, publisher="")
    # the place and the body published at it read the other way round: with a
    # book's title as outlet, the publisher is the one to check ("in A. Varsori
    # (a cura di), Book, Milano, LED")
    name = "publisher" if source.publisher else "outlet"
    outlet = getattr(source, name)
    if source.address and outlet and not _placed(source.address) and _placed(outlet):
        swapped: dict[str, Any] = {name: source.address}
        source = replace(source, address=outlet, **swapped)
    head, comma, last = source.title.rpartition(", ")
    if (
        comma
        and any(last == name.strip("{}") for name in source.authors)
        and source.outlet
        and not (source.address or source.publisher or source.volume or source.pages)
        and _placed(source.outlet)
    ):
        # "World Bank (2024) Title, World Bank, Washington DC": the body named
        # again publishes the work, the place was read as its outlet
        source = replace(
            source, title=head, publisher=last, address=source.outlet, outlet=""
        )
    printed = re.match(
        r"((?:[IVX]+|\d+(?:st|nd|rd|th|ª|a|°)?)\s+ed\.)(?:,\s*|$)", source.locator
    )
    if printed and not source.edition:
        # "Milano, Guerini, 2020, II ed., p. 76": the edition, then the page
        source = replace(
            source, edition=printed[1], locator=source.locator[printed.end() :]
        )
    if (
        source.title
        and source.outlet
        and source.outlet not in source.title
        and source.title not in source.outlet
        and (source.volume or source.number or source.pages)
        and 0 <= rest.rfind(source.outlet) < rest.find(source.title)
    ):
        # "P. Calzini, Il Caucaso meridionale, «Affari Esteri», XLIX": no habit
        # names a journal before the article, the quoted words are its name
        # (an agency's or an encyclopaedia's name may come first: "ANSA,
        # «Title», 14 giugno 2024", and is no journal)
        source = replace(source, title=source.outlet, outlet=source.title)
    if source.title.casefold() in _LABEL_TITLES and not source.report_type:
        source = replace(source, report_type=source.title, title="")
    kind_label = _TITLE_KIND.search(source.title)
    if kind_label and not source.report_type:
        # GOST's "Title: доклад": the work's kind after the title
        source = replace(
            source,
            title=source.title[: kind_label.start()],
            report_type=kind_label[1],
            kind=source.kind or "report",
        )
        if source.publisher and not source.outlet:
            source = replace(source, outlet=source.publisher, publisher="")
    ending = _TITLE_EDITION.search(source.title)
    if ending and not source.edition:
        source = replace(
            source, title=source.title[: ending.start()], edition=ending[1]
        )
    head, comma, after = source.title.partition(", ")
    words = head.split()
    given = after.split(". ")[0]
    corporate = (
        bool(_ACRONYM.match(head))
        or (len(words) >= 2 and starts_as_institution(head))
        or (len(words) >= 2 and words[-1] in _CORPORATE_END and is_organisation(head))
    )
    if (
        comma
        and corporate
        and not source.authors
        and not source.editors
        and len(after.split()) >= 2
        and not re.search(r"[“”«»\"]", after)
        and not is_person_form(f"{head}, {given}")  # ISO 690's "ROY, Olivier."
    ):
        source = replace(source, authors=(protect(head),), title=after)
    initialled = _GOST_NAME.match(source.title)
    if initialled and not source.authors and not source.editors:
        # GOST's "Иванов И.И. Центральная Азия": the author, then the title
        source = replace(
            source,
            authors=(initialled["name"],),
            title=source.title[initialled.end() :],
        )
    anno = _ANNO.match(source.publisher)
    if anno and not source.volume:
        # the Italian habit's "a. XII" (anno): the periodical's volume
        source = replace(source, volume=anno[1], publisher="")
    talk = _TALK.match(source.outlet)
    if source.kind == "inproceedings" and talk:
        source = replace(source, outlet=source.outlet[talk.end() :])
    if source.note:
        notes = source.note.split("; ")
        edition = next((n for n in notes if _EDITION.match(n)), "")
        if edition and not source.edition:
            notes.remove(edition)
            source = replace(source, edition=edition, note="; ".join(notes))
    return source


#: GOST's heading: a surname, its initials, then the title ("Иванов И.И. Title")
_GOST_NAME = re.compile(
    r"^(?P<name>[A-ZА-ЯЁ][a-zа-яё’'-]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?\s+"
    r"[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.)?)\s+(?=[^\W\d_])"
)
#: a number and nothing else: "No. 153-VII", "№ 83-II", "n. 125"
_NUMBER_ONLY = re.compile(r"(?:No\.?|N°|№|n\.|Nr\.?)\s*(\d[\w/.-]*)")
#: what a title's last words after a comma may say of the work instead
_TAIL_TRANSLATOR = re.compile(
    r",\s*((?:translated\s+by|trans\.|trad\.(?:\s+it\.)?\s+di|übersetzt\s+von|"
    r"пер\.\s+с\s+\w+\.?)\s+[^,]+)$",
    re.I,
)
_TAIL_SERIES = re.compile(
    r"(?:,|\.(?=\s+[A-Z]))\s*(?P<type>(?:[\w-]+\s+){0,4}?[\w-]*(?:Studie|Study|Studies|Paper|Papers|"
    r"Report|Brief|Briefing|Commentary|Comment|Analysis|Dossier|Series|Memo|Cable))"
    r"\s+(?:No\.?\s*|N°\s*|n\.\s*)?(?P<number>\d[\w/.-]*)$"
    # or, without a number, a named series: ", Valdai Discussion Club Report"
    r"|,\s*(?P<named>(?:[A-Z][\w-]*\s+){1,4}(?:Report|Paper|Brief|Briefing|"
    r"Commentary|Analysis|Dossier|Memo|Cable))$"
)
#: any series by its number after a title's last comma, named in capitalised
#: words: "SWP-Aktuell 52", "Russie.Nei.Visions n° 121", "Länderbericht
#: 4/2022", "Note de l’IRSEM n° 124"
_TAIL_NUMBERED = re.compile(
    r",\s*(?P<type>[A-ZÀ-ÝА-ЯЁ][\w.’'-]*(?:\s+(?:de|di|del|della|der|des|du|"
    r"[dl][’'])?\s*[\w.’'-]+){0,3}?)\s+(?:No\.?|N°|n°|n\.|Nr\.|№)?\s*"
    r"(?P<number>\d{1,4}(?:/\d{2,4})?[A-Z]?)$"
)
#: a series and its number, the number's label required: "Europe and
#: Central Asia Report N°266", "Working Paper No. 12"
_NUMBERED = re.compile(
    r"(?P<type>[^\W\d_][^,;]{2,80}?)\s+(?:No\.?|N°|n\.|#|№|Nr\.?)\s*"
    r"(?P<number>\d[\w./-]*)"
)
#: a day and a month without a year: "15 January", "March 4"
_DAY_MONTH = re.compile(
    r"(?P<day1>\d{1,2})\s+(?P<month1>[^\W\d_]+\.?)|(?P<month2>[^\W\d_]+\.?)\s+(?P<day2>\d{1,2})"
)
#: the words that name a part of one work: "Part 2", "Часть 3", "Bölüm IV"
_PART_WORD = (
    r"part|vol|volume|chapter|phase|book|tome|tomo|parte|partie|teil|band|том|"
    r"часть|cilt|bölüm|kısım"
)
#: the parts of one work, numbered like a series but no series
_PARTS = re.compile(rf"^(?:{_PART_WORD})\b|{_ACT_WORD.pattern}", re.I)
#: a publisher and its year without a comma, a page maybe: "Carocci 2019 p. 7"
_GLUED_IMPRINT = re.compile(
    r"(?P<publisher>[A-Z][^,\d]{1,40}?)\s+(?P<year>(?:1[5-9]|20)\d\d)"
    r"(?:,?\s+(?P<locator>pp?\.\s*\d+(?:\s*[-–]\s*\d+)?))?\.?"
)
#: a part of the work after its title's comma: "The Caspian Question, Part 2"
_PART = re.compile(
    rf"(?P<part>(?:{_PART_WORD})\.?\s+[\dIVXLC]+)(?:,\s*(?P<rest>.+))?", re.I
)
#: a place and a year glued to a title's end: "… e dinastia Milano 2021"
_TAIL_PLACE_YEAR = re.compile(
    r"(?<=[^\W\d_])\s+(?P<place>[A-ZÀ-Ý][^\W\d_]+)\s+(?P<year>(?:1[5-9]|20)\d\d)$"
)
#: a site named by its address after a title's last comma: "…, Kremlin.ru"
_TAIL_SITE = re.compile(rf",\s*(?P<site>{HOST})$", re.I)
#: a press release named after a title's last comma
_TAIL_PRESS = re.compile(rf",\s*(?P<type>(?:{PRESS_RELEASE.pattern}))$", re.I)


def _symbol_and_after(source: Source, words: str) -> Source:
    """A UN symbol and what follows it: "S/RES/2401 (February 24, 2018),
    para. 1" is the number, the date and the locator; "S/RES/598 (1987)"
    keeps its year as written; other words go to ``note``."""
    symbol = _UN_SYMBOL.match(words)
    assert symbol is not None
    number, after = symbol[0], words[symbol.end() :].strip(" ,.")
    symbol_year = re.match(r"\((?:1[5-9]|20)\d\d\)", after)
    if symbol_year:
        number = f"{number} {symbol_year[0]}"
        after = after[symbol_year.end() :].strip(" ,.")
    dated = re.match(r"\(([^()]+)\)", after)
    found = find_date(dated[1], whole=True) if dated else None
    date = source.date
    if dated and found and not date:
        date, after = found[1], after[dated.end() :].strip(" ,.")
    locator = source.locator
    if LOCATOR.match(after) and not locator:
        locator, after = after, ""
    note = "; ".join(n for n in (source.note, after) if n)
    year = source.year
    if date.startswith(f"{year}-") and f"({year})" in source.title:
        year = ""  # "Resolution 2401 (2018)": the title's year, the date given
    return replace(
        source, number=number, date=date, locator=locator, note=note, year=year
    )


def _title_tail(source: Source) -> Source:
    """A title's last words that say what the work is or who else made it:
    ", yüksek lisans tezi" (a thesis), ", translated by X" (a note), ",
    SWP-Studie 14" (a report's series and number)."""
    thesis = _thesis_tail(source.title)
    if thesis:
        title, words, school = thesis
        school = source.outlet or school or source.publisher
        source = replace(
            source,
            title=title,
            kind=thesis_kind(words),
            outlet=school,
            publisher="" if not source.outlet else source.publisher,
        )
    for name in ("outlet", "publisher"):
        value = getattr(source, name)
        series = _NUMBERED.fullmatch(value)
        emptied: dict[str, Any] = {name: ""}
        if PRESS_RELEASE.fullmatch(value) and not source.report_type:
            # "Basın Bülteni" read as the outlet: the kind of the work
            source = replace(source, report_type=value, **emptied)
        elif (
            series
            and REPORT_SERIES.search(series["type"])
            and not (source.report_type or source.number)
        ):
            # "Europe and Central Asia Report N°266" read as the publisher
            source = replace(
                source,
                report_type=series["type"],
                number=series["number"],
                kind=source.kind or "report",
                **emptied,
            )
    for name in ("outlet", "publisher"):
        part = _PART.fullmatch(getattr(source, name))
        if part and source.title:  # the labeller's cut after the title's comma
            title = f"{source.title}, {part['part']}"
            rest: dict[str, Any] = {name: part["rest"] or ""}
            source = replace(source, title=title, **rest)
    placed = _TAIL_PLACE_YEAR.search(source.title)
    if placed and is_city(placed["place"]) and not (source.year or source.address):
        # "…, Petrolio, potere e dinastia Milano 2021": the comma before the
        # imprint missing, its place and year glued to the title
        source = replace(
            source,
            title=source.title[: placed.start()],
            address=placed["place"],
            year=placed["year"],
        )
    site = _TAIL_SITE.search(source.title)
    if site and not source.outlet and source.title[: site.start()].strip():
        # "Title, mfa.gov.kg": the site's own name, after the page's title
        source = replace(
            source, title=source.title[: site.start()], outlet=site["site"]
        )
    press = _TAIL_PRESS.search(source.title)
    if press and not source.report_type:
        # "Title, communiqué de presse": what the work is, not its title
        source = replace(
            source, title=source.title[: press.start()], report_type=press["type"]
        )
    translator = _TAIL_TRANSLATOR.search(source.title)
    if translator:
        note = "; ".join(n for n in (translator[1], source.note) if n)
        source = replace(source, title=source.title[: translator.start()], note=note)
    series = _TAIL_SERIES.search(source.title) or _numbered_series(source.title)
    if series and not (source.report_type or source.number):
        source = replace(
            source,
            title=source.title[: series.start()],
            report_type=series["type"] or series["named"],
            number=series["number"] or "",
            kind=source.kind or "report",
            outlet=source.outlet or source.publisher,
            publisher="" if not source.outlet else source.publisher,
        )
    return source


def _thesis_tail(title: str) -> tuple[str, str, str] | None:
    """``(title, thesis words, school)`` of a title that ends in what the
    work is: "…, magistr dissertasiyası", "…, PhD thesis, University of X"."""
    parts = title.split(", ")
    for index in range(1, len(parts)):
        if names_a_thesis(parts[index]) and len(parts) - index <= 3:
            school = ", ".join(parts[index + 1 :])
            return ", ".join(parts[:index]), parts[index], school
    return None


def _numbered_series(title: str) -> re.Match[str] | None:
    """ ", SWP-Aktuell 52" at a title's end: a series and its number, not a
    year ("Kazakhstan, Strategy 2050"), a part of the work or an act."""
    match = _TAIL_NUMBERED.search(title)
    if match is None or _YEAR.match(match["number"]):
        return None
    words = [
        w
        for w in match["type"].split()
        if not re.match(r"^(?:de|di|del|della|der|des|du)$|^[dl][’']", w)
    ]
    if not all(w[0].isupper() for w in words) or _PARTS.search(match["type"]):
        return None
    if (
        _NO_SERIES.search(match["type"])
        or is_place(match["type"])
        or month_number(words[-1])
    ):
        return None
    return match


def _placed(words: str) -> bool:
    """A place of publication: "Roma", "Bishkek/Brussels", "Washington, DC"
    (not a publisher's acronym that a town shares: "LED", "UTET")."""
    first, *more = re.split(r"\s*,\s*", words)
    if _ACRONYM.match(first):
        return False
    first = re.sub(r"\s+D\.?\s?C\.?$", "", first)  # "Washington DC"
    return all(is_place(city) for city in first.split("/")) and all(
        is_place(p) or len(p) <= 3 for p in more
    )


#: the end of a sentence: a stop after a word, then a capital (or a quote)
_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.!?])\s+(?=[\"“«‘]?[A-ZА-ЯЁ])")
#: a sentence of commentary has this many words at least
_SHORTEST_REMARK = 5
#: the words that send the reader to a source, after a sentence of the note's
_SEE = re.compile(
    r"(?:See(?:\s+also)?|Cf\.|Cfr\.|Si\s+veda(?:no)?|Vedi|См\.(?:\s+также)?|"
    r"Див\.|Vgl\.|Voir(?:\s+aussi)?)[,:]?\s"
)
#: a clause that names where something was said or comes from: "This point
#: was made by", "The figures are from", "The measures were endorsed in"
_LEAD_CLAUSE = re.compile(
    r"^[A-Z][^.;:()«“\"]{2,80}?\s(?:is|are|was|were|has\s+been|have\s+been)"
    r"(?:\s+[a-z]+){0,3}?\s+(?:by|in|from)\s+(?=[A-ZА-ЯЁ“\"«])"
)


def split_lead(words: str) -> tuple[str, str]:
    """The footnote's own words before a source, and the source's words.

    "See", "Cf." (:data:`_LEAD_IN`), or whole sentences of commentary
    ("The figures are disputed; we use CHNL's. CHNL (2023) Title…"): a
    sentence of prose followed by words that start as a source does
    (authors, then the year or a quoted title). The lead is shown before the
    citation, as the author wrote it.
    """
    lead = ""
    for match in _SENTENCE_END.finditer(words):
        before, after = words[: match.start()], words[match.end() :]
        seen = _SEE.match(after)  # "Baku denied it. See …": a source follows
        if _remark(before, shortest=3 if seen else _SHORTEST_REMARK) and (
            seen or _starts_as_source(_LEAD_IN.sub("", after))
        ):
            lead, words = before, after
            break
    see = (
        _LEAD_IN.match(words) or _LEAD_PHRASE.match(words) or _LEAD_CLAUSE.match(words)
    )
    if see:
        lead = f"{lead} {see.group().strip()}".strip()
        words = words[see.end() :]
    return lead, words


#: the back-references an editor's typing may miss by a letter
_BACK_WORDS = ("Ibid.", "Ibidem", "Ivi", "Idem", "op. cit.", "Там же")


def _misspelt_back_reference(words: str) -> str:
    """ "Ibdi., p. 4", "Ivvi, p. 9": one word and a page, a letter or two from
    a back-reference, which :func:`read_back_reference` did not take."""
    head, _comma, rest = words.partition(",")
    if not rest.strip(" ,.") or not LOCATOR.match(rest.strip(" ,.")):
        return ""  # a page after it, as a back-reference has
    read = read_back_reference(words)
    if read is not None and read[0] != "short":
        return ""  # a back-reference rightly written
    close = difflib.get_close_matches(
        head.strip().casefold(), [w.casefold() for w in _BACK_WORDS], n=1, cutoff=0.8
    )
    if not close or len(head.split()) > 2:
        return ""
    return next(w for w in _BACK_WORDS if w.casefold() == close[0])


def _remark(text: str, shortest: int = _SHORTEST_REMARK) -> bool:
    """Prose: several words, some of them lower-case, and no source's marks."""
    words = text.split()
    lower = [w for w in words if w[0].islower()]
    return (
        len(words) >= shortest
        and len(lower) >= 2
        and not _is_whole(text)
        and not read_back_reference(text)
    )


def _starts_as_source(text: str) -> bool:
    """Authors, then "(Year)" and a title, or a quoted title: a source begins."""
    for match in _PAREN.finditer(text):
        if _year_in(match["inner"]) is None:
            continue
        before = text[: match.start()].strip(" ,;:")
        authors = split_authors(before) if before else ()
        after = text[match.end() :].lstrip(" .,:")
        return bool(authors) and _authors_not_title(authors, before, after)
    parts = _split_parts(text)
    names = split_authors(parts[0].text) if len(parts) > 2 else ()
    return (
        bool(names)
        and all(n == "others" or is_person_form(n) for n in names)
        and _quoted(parts[1].text)
    )


def _read_enough(source: Source, online: bool) -> bool:
    """More than a title and a name was read: alone they may be a remark.

    "Interview with a local journalist, Almaty." has the form of a title and
    an outlet; without a year, an author, an identifier or "Retrieved from:"
    nothing says it is a source.
    """
    return online or any(
        getattr(source, f.name)
        for f in fields(source)
        if f.name
        not in {"title", "note", "kind", "outlet", "lead", "address", "unsure"}
    )


def _settle(source: Source, url: str, rest: str = "") -> Source:
    """Organisations in braces, pages or locator by type, the type's outlet;
    ``rest``, the footnote's words, gives a pinpoint as written ("pp. 201-205")."""
    context = f"{source.outlet} {source.publisher} {source.address}"
    authors = tuple(
        protect(name)
        if name != "others" and is_organisation(name, context, url)
        else name
        for name in source.authors
    )
    editors = tuple(
        protect(name)
        if name != "others" and is_organisation(name, context, url)
        else name
        for name in source.editors
    )
    source = replace(source, authors=authors, editors=editors)
    if source.pages and source.entry_type in _WHOLE:
        # a book's "p. 45" is where the note points, not its extent
        pinpoint = source.pages.replace("--", "–")
        first, _dash, last = source.pages.partition("--")
        written = list(  # the last such words: a pinpoint ends the citation
            re.finditer(
                rf"(?:(?:pp?|pag|S|С|с)\.\s*)?(?<!\d){re.escape(first)}"
                + (rf"\s*[-–—]+\s*{re.escape(last)}" if last else "")
                + r"(?!\d)(?:\s*(?:ss|sgg?|segg|ff)\.)?",
                rest,
            )
        )
        pinpoint = written[-1][0] if written else pinpoint
        source = replace(source, pages="", locator=source.locator or pinpoint)
    elif source.pages and source.entry_type not in _HAS_PAGES:
        source = replace(source, locator="")  # a newspaper's page: its extent
    elif source.pages:
        source = replace(source, locator="")
    return source


@dataclass
class _Part:
    """A comma part of the text after the authors and year."""

    text: str
    start: int
    end: int
    kind: str = "text"


class _Fields(TypedDict, total=False):
    """What :class:`_Reading` found, by :class:`Source` field."""

    authors: tuple[str, ...]
    editors: tuple[str, ...]
    title: str
    year: str
    date: str
    outlet: str
    volume: str
    number: str
    pages: str
    locator: str
    edition: str
    kind: str
    report_type: str
    address: str
    publisher: str


@dataclass
class _Reading:
    """The state of reading one source's text (identifiers taken out)."""

    text: str
    #: the text ended with a comma before "Retrieved from:": nothing follows
    open_end: bool = False
    #: the source is on the web (a URL or "Retrieved from:")
    online: bool = False
    #: the title is followed by "Publisher, Place"
    book_tail: bool = False
    _placed: bool = False
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    title: str = ""
    year: str = ""
    date: str = ""
    values: _Fields = field(default_factory=_Fields)
    notes: list[str] = field(default_factory=list)
    #: the outlet: the words before the first "Vol. 5" that ends a comma part
    _outlet_in_volume: str | None = None

    def read(self) -> None:
        rest, title_known = self._year_and_authors(self.text)
        if not title_known:
            rest = self._leading_authors(rest) if not self.authors else rest
        self._tail(rest, title_known)

    # -- year and the authors before it ----------------------------------------

    def _year_and_authors(self, text: str) -> tuple[str, bool]:
        """Authors before "(Year)", or the title before it; the rest after it."""
        for match in _PAREN.finditer(text):
            year = _year_in(match["inner"])
            if year is None:
                continue
            before = text[: match.start()].strip(" ,;:")
            after = text[match.end() :].lstrip(" .,:")
            self.year, self.date = year
            if not before.strip(_EDGE):
                return after, False
            edited = _EDITORS_END.search(before)
            if edited:
                before = before[: edited.start()].strip(" ,;:")
            authors = split_authors(before)
            if (
                not authors
                and may_be_caseless_name(before)
                and text[match.end() :][:1] == " "
            ):
                # the house form's "محمدرضا دهقانی (2021) Title": the title
                # follows the year, where "Title (2021), Outlet" has a comma
                authors = (before,)
            if authors and _authors_not_title(authors, before, after):
                if edited:
                    self.editors = authors
                else:
                    self.authors = authors
                return after, False
            if edited:
                before = text[: match.start()].strip(" ,;:")
            self.title = _unquote(before)
            return after, True
        return text, False

    def _leading_authors(self, text: str) -> str:
        """Authors first, no year in parentheses: ``G. Surname, Title, Outlet``."""
        parts = _split_parts(text)
        quoted = next((i for i, p in enumerate(parts) if _quoted(p.text)), None)
        names: list[str] = []
        index = 0
        while index < len(parts) - 1:
            piece = parts[index].text
            following = parts[index + 1].text
            pair = f"{piece}, {following}"
            if (
                index + 2 < len(parts)
                and re.fullmatch(r"(?:[^\W\d_]{1,2}\.-?\s?)+", following)
                and is_person_form(pair)
            ):
                names.append(pair)
                index += 2
                continue
            found = split_authors(piece)
            people = found and all(n == "others" or is_person_form(n) for n in found)
            if found and (people or (quoted is not None and index < quoted)):
                names += found
                index += 1
                continue
            break
        if not names or index >= len(parts):
            return text
        self.authors = tuple(names)
        return text[parts[index].start :]

    # -- after the authors and year --------------------------------------------

    def _tail(self, text: str, title_known: bool) -> None:
        parts = _editors_together(text, _split_parts(text))
        for index, part in enumerate(parts):
            part.kind = self._classify(part, first=index == 0 and not title_known)
            if part.kind == "publisher" and index:
                self._state_after_city(parts[index - 1])
        texts = [p for p in parts if p.kind == "text"]
        if title_known and self.title:
            title = self.title
        else:
            quoted = next((p for p in texts if _quoted(p.text)), None)
            if quoted is not None:
                title = _unquote(quoted.text)
                texts.remove(quoted)
                # words before a quoted title are the authors': left unread
                for part in [p for p in texts if p.start < quoted.start]:
                    texts.remove(part)
                    self.notes.append(part.text)
            else:
                title, texts = self._title_parts(text, parts, texts)
        self._outlets(texts, parts)
        self.values.update(
            {
                "authors": self.authors,
                "editors": self.editors or self.values.get("editors", ()),
                "title": title,
                "year": self.year,
                "date": self.date,
            }
        )

    def _state_after_city(self, before: _Part) -> None:
        """ "Title. Armonk, NY: M.E. Sharpe": the city, in the part before the
        state's, is the place's first words."""
        state = self.values.get("address", "")
        city = re.split(r"\.\s+", before.text.strip(_EDGE + " "))[-1]
        if before.kind != "text" or not is_state(state) or not _place_like(city):
            return
        self.values["address"] = f"{city}, {state}"
        kept = before.text.rstrip(_EDGE + " ")[: -len(city)].rstrip(_EDGE + " ")
        before.text, before.end = kept, before.start + len(kept)
        before.kind = "text" if kept else "place"

    def _title_parts(
        self, text: str, parts: list[_Part], texts: list[_Part]
    ) -> tuple[str, list[_Part]]:
        """The title: the leading text parts, up to the outlet."""
        if not texts:
            return "", []
        first = texts[0]
        run = [first]
        for part in texts[1:]:
            if parts.index(part) != parts.index(run[-1]) + 1:
                break
            run.append(part)
        keep = len(run) - self._trailing_outlets(run, parts)
        keep = max(keep, 1)
        title_parts = run[:keep]
        if keep == 1 and (len(run) == 1 or len(texts) == 1):
            split = _sentence_split(
                first.text, before_volume=self._volume_follows(first, parts)
            )
            if split is not None:
                title_text, outlet_text = split
                start = first.start + len(first.text) - len(outlet_text)
                outlet = _Part(outlet_text, start, first.end)
                first = _Part(title_text, first.start, first.start + len(title_text))
                rest = [p for p in texts if p is not texts[0]]
                return title_text, [outlet, *rest]
        title = text[title_parts[0].start : title_parts[-1].end].strip(" ,;:")
        if not _keeps_stop(title):
            title = title.strip(_EDGE)
        return title, [p for p in texts if p not in title_parts]

    def _volume_follows(self, part: _Part, parts: list[_Part]) -> bool:
        index = parts.index(part)
        return index + 1 < len(parts) and parts[index + 1].kind in {"volume", "number"}

    def _trailing_outlets(self, run: list[_Part], parts: list[_Part]) -> int:
        """How many parts at the end of the leading run are outlet, publisher, place."""
        if len(run) < 2:
            return 0
        index = parts.index(run[-1])
        following = parts[index + 1].kind if index + 1 < len(parts) else ""
        if following in {"volume", "number"}:
            return 1
        if following == "in":
            return 0  # "Title, with commas, in: A (ed.), Book": no outlet before
        if following == "text-outlet":
            return 0  # "Title, with commas, Limes Vol.3(2)": the outlet is there
        if self.open_end and not following:
            return 0  # "Title, Retrieved from:": no outlet after the comma
        last, before = run[-1].text, run[-2].text
        if (
            len(run) > 2
            and _place_like(last)
            and (
                _PUBLISHER.search(before)
                # "Title, M.E. Sharpe, Armonk": a dated book off the web
                or (_outlet_like(before) and self.year and not self.online)
            )
        ):
            self.book_tail = True
            return 2
        return 1 if _outlet_like(last) or _PUBLISHER.search(last) else 0

    def _classify(self, part: _Part, first: bool = False) -> str:
        """What a comma part says, by its form."""
        text = part.text.strip(_EDGE + " ")
        if not text:
            return "empty"
        volume = _VOLUME.search(text)
        if (
            volume
            and not text[volume.end() :].strip(_EDGE + " ")
            and "volume" not in self.values
        ):
            before = text[: volume.start()].strip(_EDGE + " ")
            self.values["volume"] = volume["volume"] or volume["bare"]
            number = volume["number"] or volume["number2"]
            if number:
                self.values["number"] = number
            if before:
                part.text = before
                part.end = part.start + len(before)
                if self._outlet_in_volume is None:
                    self._outlet_in_volume = before
                return "text-outlet"
            return "volume"
        match = _NUMBER.match(text)
        if match:
            self.values["number"] = match["number"]
            return "number"
        match = _PAGES.match(text) or (
            _BARE_PAGES.match(text) if "volume" in self.values else None
        )
        if match:
            last = match["last"]
            self.values["pages"] = (
                f"{match['first']}--{last}" if last else match["first"]
            )
            self.values["locator"] = text
            return "pages"
        if _NO_DATE.match(text):
            return "nodate"
        if _BARE_YEAR.match(text) and not self.year:
            self.year = text
            return "year"
        date = find_date(text, whole=True)
        if date is not None:
            if not self.date:
                self.date = date[1]
            return "date"
        day = _DAY_MONTH.fullmatch(text)
        month = day and month_number(day["month1"] or day["month2"])
        if day and month and self.year and not self.date:
            # Harvard's "Reuters, 15 January": the day of the year given first
            self.date = f"{self.year}-{month:02d}-{int(day['day1'] or day['day2']):02d}"
            return "date"
        match = _EDITION.match(text)
        if match:
            edition = match["edition"]
            self.values["edition"] = edition if edition[0].isdigit() else text
            return "edition"
        match = _IN.match(text)
        if match:
            return self._in_book(match["rest"])
        match = _PRESENTED.match(text)
        if match:  # "paper presented at the 20th CESS Annual Conference"
            self.values["kind"] = "inproceedings"
            rest = match["rest"].strip(_EDGE)
            named = _MEETING_NAMED.match(rest)
            self.values["outlet"] = named["name"] if named else rest
            return "in"
        match = _EDITED_BY.match(text)
        if match:
            self.editors = split_authors(match["names"]) or (match["names"],)
            return "editors"
        thesis = thesis_kind(text) if names_a_thesis(text) else ""
        if thesis:
            self.values["kind"] = thesis
            return "thesis"
        match = None if first else _SERIES.match(text)
        if match and (match["number"] or "Paper" in text or "Brief" in text):
            self.values["kind"] = "report"
            self.values["report_type"] = match["type"].strip()
            if match["number"]:
                self.values["number"] = match["number"]
            return "series"
        match = _PLACE_PUBLISHER.match(text)
        if (
            match
            and not first
            and _place_like(match["place"])
            and _outlet_like(match["publisher"])
        ):
            self.values["address"] = match["place"].strip()
            self.values["publisher"] = match["publisher"].strip()
            return "publisher"
        return "text"

    def _in_book(self, rest: str) -> str:
        """ "In: A. Cooley (ed.), Book" or "in Book": a chapter of a book, or a
        paper in a conference's proceedings."""
        proceedings = PROCEEDINGS.search(rest)
        self.values["kind"] = "inproceedings" if proceedings else "incollection"
        match = _EDITORS.match(rest)
        if match:
            self.editors = split_authors(match["names"]) or (match["names"].strip(),)
            if match["book"].strip(_EDGE):
                self.values["outlet"] = _unquote(match["book"].strip(_EDGE))
            return "in"
        self.values["outlet"] = _unquote(rest.strip(_EDGE))
        return "in"

    def _outlets(self, texts: list[_Part], parts: list[_Part]) -> None:
        """Outlet, publisher and place from the text parts after the title."""
        outlet, self._outlet_in_volume = self._outlet_in_volume, None
        if outlet is not None:
            self.values["outlet"] = outlet
        texts = [p for p in texts if p.kind == "text"]
        kind = self.values.get("kind")
        if kind == "incollection" and "outlet" not in self.values and texts:
            self.values["outlet"] = _unquote(texts.pop(0).text)
        series = next((p for p in parts if p.kind in {"series", "thesis"}), None)
        for part in texts:
            text = part.text.strip(_EDGE)
            # "Working Paper No. 12, World Bank, Washington": the place is last
            after_series = (
                series is not None and part.start > series.start and part is texts[-1]
            )
            place = _place_like(text)
            if place and "publisher" in self.values and "address" not in self.values:
                self.values["address"] = text
            elif (
                part is texts[-1]
                and not self.online  # on the web, "Fergana" is the news site
                and is_city(text)
                and not text.isupper()  # "GEDI" is a publisher, not Gedi, Kenya
                and "address" not in self.values
            ):
                # "Constitution ..., No. 59, Bishkek": off the web, a city last
                # is where it was made or said, not an outlet
                self.values["address"] = text
            elif (
                "outlet" not in self.values
                and not self.book_tail
                and not (after_series and place)
                and not (_PUBLISHER.search(text) and kind not in _SCHOOLS)
            ):
                self.values["outlet"] = text
            elif "publisher" not in self.values and not (
                place
                and (after_series or ("address" not in self.values and self._placed))
            ):
                self.values["publisher"] = text
                self._placed = True
            elif "address" not in self.values and place:
                self.values["address"] = text
            else:
                self.notes.append(text)


#: "(eds.)" and the like after a chapter's editors
#: how many comma parts a chapter's list of editors may span
_MOST_EDITOR_PARTS = 6


def _editors_together(text: str, parts: list[_Part]) -> list[_Part]:
    """ "in: A, B and C (eds.), Book": the editors' names as one part.

    The list of editors has commas of its own; the parts from "in:" to the
    one that ends with "(eds.)" are joined when all between are names.
    """
    for index, part in enumerate(parts):
        if not _IN.match(part.text) or _EDS_MARK.search(part.text):
            continue
        last = min(len(parts), index + _MOST_EDITOR_PARTS)
        for end in range(index + 1, last):
            mark = _EDS_MARK.search(parts[end].text)
            if mark is None:
                continue
            names = [
                parts[end].text[: mark.start()],
                *(p.text for p in parts[index + 1 : end]),
            ]
            if all(split_authors(name) for name in names):
                whole = text[part.start : parts[end].end]
                joined = _Part(whole, part.start, parts[end].end)
                return [*parts[:index], joined, *parts[end + 1 :]]
            break
    return parts


def _sentence_split(text: str, before_volume: bool) -> tuple[str, str] | None:
    """ "Title. Outlet" (APA): split at the last full stop before a name.

    Only when the name is an outlet's (capitalised words) and, without a
    volume after it, only when it is short: "Kazakhstan. Legacy of censorship"
    stays one title.
    """
    for match in reversed(
        list(re.finditer(r"(?<=[^\s.]{3})[.?!]\s+(?=[A-ZА-ЯЁ])", text))
    ):
        title = text[: match.start() + 1].rstrip(".")
        if text[match.start()] in "?!":
            title = text[: match.start() + 1]
        outlet = text[match.end() :].strip(_EDGE + " ")
        if _outlet_like(outlet) and (before_volume or len(outlet.split()) <= 4):
            return title.strip(), outlet
    return None


def _year_in(inner: str) -> tuple[str, str] | None:
    """``(year, ISO date)`` of what stands in parentheses, or None if no date."""
    inner = inner.strip()
    match = _YEAR.match(inner)
    if match:
        return match["year"], ""
    if _NO_DATE.match(inner):
        return "", ""
    year_first = re.match(r"^((?:1[5-9]|20)\d\d),\s*(.+)$", inner)
    if year_first:
        date = find_date(f"{year_first[2]} {year_first[1]}", whole=True)
        return (year_first[1], date[1] if date else "") if date else None
    date = find_date(inner, whole=True)
    if date is not None:
        return date[1][:4], date[1] if len(date[1]) == 10 else ""
    return None


def _authors_not_title(authors: tuple[str, ...], before: str, after: str) -> bool:
    """Names before the year are authors, unless they are a title with its outlet.

    ``Kazakhstan (2021) Freedom House.`` is title and outlet: the words after the
    year are one name. ``Human Rights Watch (2021) Kazakhstan: Crackdown…`` is
    an author: a title follows.
    """
    if all(name == "others" or is_person_form(name) for name in authors):
        return True
    rest = after.strip(_EDGE + " ")
    if not rest:
        return False
    parts = [p.text for p in _split_parts(rest) if p.text.strip(_EDGE)]
    content = [
        p for p in parts if not _VOLUME.search(p) and not _PAGES.match(p.strip(_EDGE))
    ]
    if len(content) >= 2:
        return True
    return bool(content) and not _outlet_like(content[0])


def _split_parts(text: str) -> list[_Part]:
    """Comma parts of ``text``, commas inside quotes or parentheses left alone."""
    parts: list[_Part] = []
    depth = 0
    quote = ""
    start = 0
    for index, char in enumerate(text):
        if quote:
            if char == _QUOTES[quote] and (quote not in "'\"‘" or _closes(text, index)):
                quote = ""
        elif char in _QUOTES and _opens(text, index):
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and not _month_day_comma(text, start, index):
            parts.append(_part(text, start, index))
            start = index + 1
    parts.append(_part(text, start, len(text)))
    return [p for p in parts if p.text.strip(_EDGE)]


def _month_day_comma(text: str, start: int, index: int) -> bool:
    """The comma of "January 10, 2022": part of a date, not a separator."""
    day = re.search(r"([^\W\d_]+)\.?\s+\d{1,2}$", text[start:index])
    return bool(
        day and month_number(day[1]) and re.match(r"\s*\d{4}\b", text[index + 1 :])
    )


def _part(text: str, start: int, end: int) -> _Part:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    stripped = piece.strip()
    while stripped and stripped[-1] in ".;:" and not _keeps_stop(stripped):
        stripped = stripped[:-1].rstrip()
    return _Part(stripped, start + left, start + left + len(stripped))


def _keeps_stop(text: str) -> bool:
    """A final full stop that belongs to the words: an initial, "Vol.", "n.d.",
    "1991-2016 гг."."""
    last = text.split()[-1] if text.split() else ""
    return last.casefold() in _ABBREVIATIONS or (
        bool(re.fullmatch(r"(?:[^\W\d_]{1,3}\.)+", last))
        and len(text.split()) > 1
        and (last.count(".") > 1 or len(last) <= 2)
    )


#: abbreviations that end a title with their stop ("в 1991-2016 гг.")
_ABBREVIATIONS = frozenset({"гг.", "вв.", "etc.", "ecc.", "usw."})


def _opens(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _closes(text: str, index: int) -> bool:
    return index + 1 == len(text) or not text[index + 1].isalnum()


def _quoted(text: str) -> bool:
    text = text.strip(_EDGE + " ")
    return len(text) > 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]


def _unquote(text: str) -> str:
    text = text.strip(_EDGE + " ")
    if _quoted(text):
        return text[1:-1].strip(" ,")
    return text


def _outlet_like(text: str) -> bool:
    """A name: capitalised words (short function words aside), no sentence marks.

    Russian and Kazakh names of papers are written in sentence case
    ("Новая газета", "Азаттық радиосы"): short Cyrillic names may have
    lower-case words.
    """
    words = text.strip(_EDGE + " ").split()
    if not words or len(words) > 7 or re.search(r"[:?!«»“”\"]", text):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if len(words) <= 3 and re.search(r"[\u0400-\u04ff]", text):
        return True
    return all(
        w[0].isupper() or w[0].isdigit() or len(w) <= 5 or not w[0].isalpha()
        for w in words
    )


def _place_like(text: str) -> bool:
    """One to three capitalised words without digits: a city ("New York", "Москва")."""
    words = text.strip(_EDGE + " ").split()
    return (
        1 <= len(words) <= 3
        and all(w[0].isupper() or w in {"am", "upon", "on", "de"} for w in words)
        and not re.search(r"\d", text)
        and not _PUBLISHER.search(text)
        and is_name(text)
    )


__all__ = [
    "LOCATOR",
    "Source",
    "parse_footnote",
    "parse_source",
    "split_lead",
    "split_sources",
]
