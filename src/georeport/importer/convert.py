"""From the report's text to the MyST file and the entries it cites, in memory.

Kept free of file access so that tests (and hypothesis) can run the whole
import on strings; :mod:`georeport.importer.files` reads and writes.

Each footnote's sources are, in turn:

* a **back-reference** ("Ibid.", "Там же", "op. cit." after an author): the
  work it points to, cited again (:func:`_resolve`); one that points nowhere
  is kept as the footnote's words, with a warning;
* a work references.bib already holds (:mod:`.matching`): its key, with a
  warning when the footnote says more than the entry;
* a work an earlier footnote of the report cited: the same new entry, which
  takes what the later footnote adds;
* else a new entry, keyed by :mod:`.keys`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from georeport.importer import matching, review
from georeport.importer.backrefs import named_note
from georeport.importer.document import parse_document
from georeport.importer.footnotes import (
    Source,
    parse_footnote,
    parse_source,
    split_sources,
)
from georeport.importer.keys import ascii_word, assign_keys
from georeport.importer.myst import Item, render_report
from georeport.importer.stopwords import stopwords as _stopwords

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pybtex.database import Entry

    from georeport.importer.document import Document, Note
    from georeport.importer.header import Header

#: the languages a report may be written in (front matter ``language``)
_LANGUAGES = ("en", "it", "fr", "de", "es", "pt", "ru")
#: the slug's words after volume and issue
SLUG_WORDS = 2


@dataclass(frozen=True)
class Conversion:
    """The imported report, and what it adds to references.bib."""

    slug: str
    report: str
    header: Header
    #: the number of footnotes (markers) of the report
    footnotes: int
    #: entries to add to references.bib, by key, in the order first cited
    new: dict[str, Source]
    #: keys references.bib already holds that the report cites, in order
    reused: list[str]
    warnings: list[str]
    #: each footnote's words and what became of its sources, for the editor
    review: list[review.Reviewed] = field(default_factory=list)
    #: the forms the footnotes and their markers were read in
    form: str = ""


@dataclass
class _Work:
    """A work the report cites: an entry of references.bib, or a new one."""

    key: str  #: "" for a new work until keys are given
    source: Source | None  #: None for an entry of references.bib
    found: matching.Work
    first: int  #: the footnote number that first cites it


@dataclass
class _Import:
    """The state of one import: works seen, footnotes read so far."""

    name: str
    known: list[matching.Work]
    works: list[_Work] = field(default_factory=list)
    #: per footnote number, its items: (work index, locator) or text alone
    notes: dict[int, list[tuple[int | None, str]]] = field(default_factory=dict)
    #: per (footnote number, item's place), the footnote's own words before
    #: the source ("See", a sentence of commentary)
    leads: dict[tuple[int, int], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: per footnote number, per source: (kind, work index, reason, source read)
    taken: dict[int, list[tuple[str, int | None, str, Source]]] = field(
        default_factory=dict
    )


def convert(
    text: str,
    name: str,
    existing: Mapping[str, Entry],
    *,
    date: str = "",
    bib_name: str = "references.bib",
) -> Conversion:
    """Import the report ``text`` (from file ``name``) against ``existing`` entries.

    ``date`` (``YYYY-MM[-DD]``, ``--date``) is the report's date when its
    header gives none; a header's own date is kept, with a warning if the two
    differ.
    """
    document = parse_document(text, name)
    header = document.header
    warnings = list(document.warnings)
    if date and header.date and header.date != date:
        warnings.append(
            f"{name}: the header's date {header.date!r} is kept, not --date {date!r}"
        )
    elif date:
        warnings = [w for w in warnings if "no date in the header" not in w]
        header = replace(header, date=date)
    state = _Import(name, matching.entries(existing))
    for note in document.notes:
        _read_note(state, note, bib_name)
    keys = _give_keys(state, existing)
    items = {
        number: [
            Item(keys[work], locator, state.leads.get((number, place), ""))
            if work is not None
            else Item("", locator)
            for place, (work, locator) in enumerate(cited)
        ]
        for number, cited in state.notes.items()
    }
    language = report_language(document)
    report = render_report(replace(document, header=header), items, language)
    new = {
        work.key: work.source
        for work in sorted(state.works, key=lambda w: w.first)
        if work.source is not None
    }
    reused = list(
        dict.fromkeys(
            keys[index]
            for cited in state.notes.values()
            for index, _ in cited
            if index is not None and state.works[index].source is None
        )
    )
    return Conversion(
        slug(header, language),
        report,
        header,
        len(document.notes),
        new,
        reused,
        warnings + state.warnings,
        _review(state, document.notes, keys),
        document.form,
    )


def _review(
    state: _Import, notes: list[Note], keys: list[str]
) -> list[review.Reviewed]:
    """Each footnote's words and what became of its sources."""
    reviewed = []
    for note in notes:
        items = []
        for kind, index, reason, source in state.taken.get(note.number, []):
            shown = {} if kind in (review.BACK, review.WORDS) else source.fields()
            shown = {name: value for name, value in shown.items() if name != "langid"}
            if source.locator and kind != review.BACK:
                shown["locator"] = source.locator
            items.append(
                review.Item(
                    kind,
                    keys[index] if index is not None else "",
                    shown,
                    source.unsure if kind in (review.NEW, review.AGAIN) else (),
                    reason,
                    source.entry_type if shown else "",
                )
            )
        reviewed.append(review.Reviewed(note.number, note.line, note.text, items))
    return reviewed


def _read_note(state: _Import, note: Note, bib_name: str) -> None:
    """Read footnote ``note``'s sources into ``state``."""
    where = f"{state.name}:{note.line}: footnote [{note.number}]"
    found, problems = parse_footnote(note.text)
    state.warnings += [f"{where}: {problem}" for problem in problems]
    cited: list[tuple[int | None, str]] = []
    for part, read in zip(split_sources(note.text), found, strict=True):
        source = read
        if (
            read.back_reference == "short"
            and _resolve(state, note, read, cited) is None
        ):
            # a short form that points to no earlier source: a source of its own
            source, problem = parse_source(part, short=False)
            state.warnings += [f"{where}: {problem}"] if problem else []
        words = source.back_reference
        locator = source.locator
        taken = state.taken.setdefault(note.number, [])
        if words:
            index = _resolve(state, note, source, cited)
            if index is None:
                literal = note.text if len(found) == 1 else _words(source)
                state.warnings.append(
                    f"{where}: {words!r} points to no one earlier source: kept as "
                    "the footnote's words; write the source there instead"
                )
                cited.append((None, literal))
                taken.append((review.WORDS, None, words, source))
            else:
                if source.lead:  # "Cfr. ivi, p. 54": the author's words stay
                    state.leads[note.number, len(cited)] = source.lead
                cited.append((index, locator))
                said = words if words != "short" else "short form"
                taken.append((review.BACK, index, f"{said} {locator}".strip(), source))
            continue
        if source.lead:
            state.leads[note.number, len(cited)] = source.lead
        known = len(state.works)
        index = _work_of(state, note, source, where, bib_name)
        work = state.works[index]
        if work.source is None:
            reason = matching.why(matching.Work.of_source("", source), work.found)
            taken.append((review.REUSED, index, reason, source))
        elif index < known:
            taken.append((review.AGAIN, index, f"footnote [{work.first}]", source))
        else:
            taken.append((review.NEW, index, "", source))
        cited.append((index, locator))
    state.notes[note.number] = cited


def _words(source: Source) -> str:
    """A back-reference's words as the footnote wrote them, near enough."""
    parts = [", ".join(source.authors), getattr(source, "back_reference", "")]
    return ", ".join(p for p in [*parts, getattr(source, "locator", "")] if p)


def _resolve(
    state: _Import, note: Note, source: Source, cited: list[tuple[int | None, str]]
) -> int | None:  # cited: this footnote's items so far, for op. cit.
    """The work a back-reference points to, or None.

    One that names authors (op. cit., "указ. соч."): the latest source cited
    so far with one of those authors, and the title it names, if it names one.
    One that names a footnote above ("supra, nota 3"): that footnote's one
    source. The others (Ibid., Там же): the source cited just before in the
    same footnote ("Rashid, Jihad, 34; ibid., 56"), or else the one source of
    the footnote before.
    """
    authors = source.authors
    if authors and authors[0].rstrip(".").casefold() in _SAME_AUTHOR:
        authors = _previous_authors(state, note)  # "Id., Title, cit.": as before
    if authors:
        wanted = set().union(*map(_names, authors)) - {""}
        noted = [i for items in state.notes.values() for i, _ in items]
        earlier = [i for i in [*noted, *(i for i, _ in cited)] if i is not None]
        candidates = [i for i in reversed(earlier) if _authors(state.works[i]) & wanted]
        title = matching.normal(source.title)
        titled = [
            i
            for i in candidates
            if title
            and matching.fuzz.partial_ratio(title, state.works[i].found.title)
            >= matching.SAME_TITLE
        ]
        dated = [  # "Kulyk (2016, p. 597)": that author's work of that year
            i
            for i in candidates
            if source.year and state.works[i].found.fields.get("year") == source.year
        ]
        found = titled or dated or candidates
        return found[0] if found else None
    named = named_note(source.back_reference)
    if named is not None:  # "supra, nota 3": the one source footnote 3 cited
        there = {i for i, _ in state.notes.get(named, []) if i is not None}
        return there.pop() if len(there) == 1 and named < note.number else None
    if cited and cited[-1][0] is not None:
        return cited[-1][0]
    numbers = [number for number in state.notes if number < note.number]
    if not numbers:
        return None
    before = {i for i, _ in state.notes[max(numbers)]}
    return before.pop() if len(before) == 1 else None


#: "Id." / "Idem" / "Ead." for the author of the footnote before
_SAME_AUTHOR = {"id", "idem", "ead", "eadem"}


def _previous_authors(state: _Import, note: Note) -> tuple[str, ...]:
    """The authors of the work the footnote before cites first."""
    numbers = [number for number in state.notes if number < note.number]
    for number in sorted(numbers, reverse=True):
        for index, _ in state.notes[number]:
            if index is not None:
                names = state.works[index].found.fields.get("author", "")
                return tuple(re.split(r"\s+and\s+", names)) if names else ()
    return ()


def _authors(work: _Work) -> set[str]:
    """Every author of ``work`` by family name and whole name, normalised."""
    names = re.split(r"\s+and\s+", work.found.fields.get("author", ""))
    return set().union(*map(_names, names)) - {""}


def _names(name: str) -> set[str]:
    """A name's family name and whole name: "World Bank" (an organisation)
    is found as {World Bank}, "G. Bifolchi" as Bifolchi."""
    return {matching.Work("", {"author": name}).first_author, matching.normal(name)}


def _work_of(
    state: _Import, note: Note, source: Source, where: str, bib_name: str
) -> int:
    """The index of ``source``'s work in ``state.works``, added if new."""
    found = matching.Work.of_source("", source)
    entry = matching.find(found, state.known)
    if entry is not None:
        index = next((i for i, w in enumerate(state.works) if w.key == entry.key), None)
        if index is None:
            state.works.append(_Work(entry.key, None, entry, note.number))
            index = len(state.works) - 1
        if said := matching.news(found, entry):
            state.warnings.append(
                f"{where} cites {entry.key!r} of {bib_name}, and gives "
                + "; ".join(said)
                + f": {bib_name} is left as it is; add to {entry.key!r} what is "
                "right"
            )
        return index
    for index, work in enumerate(state.works):
        if work.source is not None and matching.same_work(found, work.found):
            merged, clashes = _merge(work.source, source)
            if clashes:
                state.warnings.append(
                    f"{where} cites the work of footnote [{work.first}] and gives "
                    + "; ".join(clashes)
                    + f": the entry keeps footnote [{work.first}]'s"
                )
            work.source = merged
            work.found = matching.Work.of_source("", merged)
            return index
    state.works.append(_Work("", source, found, note.number))
    return len(state.works) - 1


def _merge(first: Source, later: Source) -> tuple[Source, list[str]]:
    """``first`` with what only ``later`` says, and where they differ."""
    # Any: the values of whichever fields are read, by name, at run time
    taken: dict[str, Any] = {}
    clashes: list[str] = []
    for part in fields(first):
        if part.name in ("back_reference", "locator", "lead", "unsure"):
            continue
        ours, theirs = getattr(first, part.name), getattr(later, part.name)
        if theirs and not ours:
            taken[part.name] = theirs
        elif (
            theirs
            and ours
            and matching.normal(str(ours)) != matching.normal(str(theirs))
        ):
            clashes.append(f"{part.name} {theirs!r} where it has {ours!r}")
    return replace(first, **taken), clashes


def _give_keys(state: _Import, existing: Mapping[str, Entry]) -> list[str]:
    """Every work's key; a new work keyed as references.bib has it is reused."""
    fresh = [(work, work.source) for work in state.works if work.source is not None]
    assigned = assign_keys([source for _, source in fresh], existing)
    for (work, _), key in zip(fresh, assigned, strict=True):
        work.key = key
        if key in existing:
            work.source = None
    return [work.key for work in state.works]


# -- the report's language and file name ------------------------------------------


def report_language(document: Document) -> str:
    """The language of the report's text (BCP 47), by lingua; ``en`` if unsure."""
    text = " ".join(block.text for block in document.blocks)
    found = _detector().detect_language_of(text) if text.strip() else None
    return found.iso_code_639_1.name.lower() if found else "en"


@functools.cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_iso_codes_639_1(
        *(IsoCode639_1.from_str(code) for code in _LANGUAGES)
    ).build()


def slug(header: Header, language: str = "en") -> str:
    """``15-1-kazakhstan-crisis``: volume, issue and the title's chief words.

    The title's words less the stopwords of English and of the report's
    ``language`` (Snowball's lists, as Sphinx ships them), transliterated to
    ASCII; proper names (capitalised words after the first, unless all are
    capitalised) come first, then the other words from the title's end, where
    English and Italian titles keep their subject: "Geopolitical consequences
    of the political crisis in Kazakhstan" gives ``kazakhstan-crisis``. Its
    words are ASCII letters and digits, so the name keeps the rule of every
    report's (:data:`georeport.model.report.FILE_NAME`).
    """
    stop = _stopwords("en") | _stopwords(language)
    words = [
        word
        for word in re.findall(r"\w+", header.title)
        if len(word) > 1 and word.casefold() not in stop and not word.isdigit()
    ]
    capitals = [word for word in words[1:] if word[:1].isupper()]
    if len(capitals) == len(words) - 1:
        capitals = []  # Title Case: capitals say nothing
    rest = [word for word in reversed(words) if word not in capitals]
    chosen = [w for w in dict.fromkeys(map(ascii_word, [*capitals, *rest])) if w]
    stem = "-".join(chosen[:SLUG_WORDS]) or "report"
    if header.volume is None or header.issue is None:
        return stem
    return f"{header.volume}-{header.issue}-{stem}"
