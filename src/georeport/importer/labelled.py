"""A source from the labeller's runs (:mod:`.labeller`): fields cut from the text.

Each run of one label is a field's words as the footnote wrote them; here they
are only trimmed of the punctuation around them and put in their forms: pages
with ``--``, dates in ISO form, names one by one. The entry's type follows
from what was found (a container with a volume is a journal's; editors and a
book title, a chapter; a report's series; the thesis's, the conference's
words), and words the labeller placed nowhere, unless they are the form words
of citations it learnt ("vol.", "pp.", "In:", "ed."), go to ``note``: nothing
is dropped.
"""

# The patterns hold Cyrillic letters, dashes and typographic quotes on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from georeport.importer.dates import find_date, month_number
from georeport.importer.gazetteer import STATE, are_cities
from georeport.importer.kinds import CONFERENCE, REPORT_SERIES, thesis_kind
from georeport.importer.labeller import MODEL, QUOTES, Run, label, tokenize
from georeport.importer.names import ET_AL, split_authors

if TYPE_CHECKING:
    from georeport.importer.identifiers import Identifiers

#: the words of citations that name no fact ("vol.", "pp.", "In:", "ed."),
#: those the labeller left unlabelled in its training corpus
FORM_WORDS = MODEL.with_name("form-words.txt")
#: below this probability a field is shown as unsure on the review page
SURE = 0.85
_SINGLE = (
    "TITLE", "CONTAINER", "PUBLISHER", "PLACE", "TYPE", "SERIES", "EDITION",
    "VOLUME", "NUMBER", "PAGES", "LOCATOR", "PAGETOTAL", "YEAR", "DATE", "NOTE",
)  # fmt: skip
_FIELD = {
    "TITLE": "title",
    "CONTAINER": "outlet",
    "PUBLISHER": "publisher",
    "PLACE": "address",
    "TYPE": "report_type",
    "SERIES": "series",
    "EDITION": "edition",
    "VOLUME": "volume",
    "NUMBER": "number",
    "PAGES": "pages",
    "LOCATOR": "locator",
    "PAGETOTAL": "pagetotal",
    "NOTE": "note",
}
_OPEN = "“«‘„\"'(["
_CLOSE = "”»’“\"')]"
#: what stands between two names of a list
_NAME_GAP = re.compile(
    r"^[\s,;&]*(?:(?<!\w)(?:and|e|и|und|et|y|і|та|және|ve|və|va|ва|და|և)(?!\w))?[\s,;&\[]*$"
)
#: a UN document's symbol: "S/RES/2254", "A/HRC/RES/50/20", "A/78/327"
_SYMBOL = re.compile(r"^[A-Z]{1,6}(?:/[A-Z0-9.]+)+")


@dataclass(frozen=True)
class Labelled:
    """What the labeller read of one source."""

    values: dict[str, str | tuple[str, ...]]
    #: Source field names whose words the labeller was unsure of
    unsure: tuple[str, ...]
    #: words it placed nowhere
    notes: list[str]
    #: the lowest probability of a run, 1.0 when all were sure
    confidence: float


def read_labelled(ids: Identifiers) -> Labelled:
    """The fields of the words left once the identifiers are out (``ids.rest``)."""
    text = ids.rest
    runs = _whole_quotes(text, label(text))
    if not ids.url:  # on the web, "Place: Organisation" names the site's owner
        runs = _place_publisher(text, _cities_before_publisher(text, runs))
    runs = _et_al_after_names(text, _dated_name(text, _state_after_city(text, runs)))
    values: dict[str, str | tuple[str, ...]] = {}
    unsure: list[str] = []
    notes: list[str] = []
    authors: list[str] = []
    editors: list[str] = []
    by_label: dict[str, list[Run]] = {}
    previous: Run | None = None
    late: list[str] = []
    for run in runs:
        by_label.setdefault(run.label, []).append(run)
        words = _trim(text[run.start : run.end])
        if run.label in ("AUTHOR", "EDITOR", "ETAL"):
            names = authors if run.label != "EDITOR" else editors
            # a list of names: runs with only separators between them
            listed = previous is not None and _NAME_GAP.match(
                text[previous.end : run.start]
            )
            same = previous is not None and _family(previous) == _family(run)
            if names and not (listed and same):
                late.append(words)  # a name again, after the title: an issuer
            elif run.label == "ETAL":
                if ET_AL.search(words) or not words.strip(" ,;.&"):
                    names.append("others")
                else:  # words the labeller took for "et al.": kept
                    notes.append(words)
            elif ET_AL.fullmatch(" " + words.strip(" ,;[]")):
                names.append("others")  # an editor's "et al."
            else:
                names.extend(
                    n for n in (split_authors(words, named=True) or (words,)) if n
                )
        previous = run
    for name, found in by_label.items():
        if name not in _SINGLE:
            continue
        value, extra = _joined(text, found)
        notes += extra
        field = _FIELD.get(name, "")
        if name == "YEAR":
            found_year = re.search(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)", value)
            if found_year:
                values["year"] = found_year.group()
            else:  # no year ("(00)"): its words are kept, in the note
                notes.append(value)
        elif name == "DATE":
            year = str(values.get("year", "")) or _year_of(text, by_label)
            date = _iso(value, year)
            if date:
                values["date"] = date
            else:
                notes.append(value)
        elif name == "PAGES":
            values["pages"] = re.sub(r"\s*[-–—]+\s*", "--", value)
        elif value:
            values[field] = value
    for run in runs:
        if run.confidence < SURE:
            field = _SOURCE_FIELD.get(run.label, "")
            if field and field not in unsure:
                unsure.append(field)
    for words in late:
        # "International Crisis Group, Title, ... (Brussels: International
        # Crisis Group, 2002)": the author named again publishes the work
        if "outlet" not in values:
            values["outlet"] = words
        elif "publisher" not in values:
            values["publisher"] = words
        else:
            notes.append(words)
    if authors:
        values["authors"] = tuple(authors)
    if editors:
        values["editors"] = tuple(editors)
    notes += _unplaced(text, runs)
    _by_form(values, notes)
    values["kind"] = _kind(values, text)
    schooled = values["kind"] in ("report", "phdthesis", "mastersthesis")
    if schooled and "outlet" not in values and "publisher" in values:
        # a report's or a thesis's body is its institution or school
        values["outlet"] = values.pop("publisher")
    elif _publisher_by_place(values) and not ids.url:
        # "Roma, Sandro Teti Editore, 2019": beside the place, a publisher
        values["publisher"] = values.pop("outlet")
    sure = min((run.confidence for run in runs), default=1.0)
    return Labelled(values, tuple(unsure), notes, sure)


_SOURCE_FIELD = {
    **{label: field for label, field in _FIELD.items()},
    "AUTHOR": "authors",
    "EDITOR": "editors",
    "ETAL": "authors",
    "YEAR": "year",
    "DATE": "date",
}


def _whole_quotes(text: str, runs: list[Run]) -> list[Run]:
    """A title that opens a quotation ends where the quotation closes.

    Titles in quotes hold commas ("“Central Asian security problems:
    authoritarianism, economic crisis and foreign influence,”"): the quotation
    marks say where the title ends better than the labeller's guess.
    """
    for run in runs:
        before = text[: run.start].rstrip()
        if run.label != "TITLE" or not before or before[-1] not in QUOTES:
            continue
        close = text.find(QUOTES[before[-1]], run.end)
        if close < 0 or close == run.end:
            continue
        end = len(text[:close].rstrip(" ,.;:"))
        whole = Run("TITLE", run.start, end, run.confidence)
        inside = [r for r in runs if r is not run and run.start <= r.start < close]
        return [whole if r is run else r for r in runs if r not in inside]
    return runs


#: a US state or district after its city: "Washington, DC", "Cambridge, MA"
_STATE = re.compile(rf",\s*{STATE}(?=\W|$)")


def _state_after_city(text: str, runs: list[Run]) -> list[Run]:
    """A place's state, which the labeller read as the next field, is the
    place's: "Washington, DC" is one place, not a city and a publisher."""
    found: list[Run] = []
    for run in runs:
        before = found[-1] if found else None
        state = _STATE.match(text, before.end) if before else None
        if (
            before is not None
            and state is not None
            and before.label == "PLACE"
            and run.start <= state.end()
            and run.end <= state.end() + 1
        ):
            found[-1] = Run("PLACE", before.start, state.end(), before.confidence)
            continue
        found.append(run)
    return found


#: "Закон … от 20.07.2000", "Конвенция … от 12 августа 2018 г.": the date of
#: an act after "от" (Ukrainian "від", Kazakh has it before) is in its name
_OF_DATE = re.compile(r"^\s+(?:от|від)\s+$")


#: a UN document's symbol after a resolution's name and date: "A/RES/68/262"
_UN_SYMBOL_AFTER = re.compile(r"\b[A-Z]{1,6}(?:/[A-Z0-9.]+)+")
#: a name that ends in "от" (or "від") and a date: "… 68/262 от 27 марта 2014 г."
_ENDS_DATED = re.compile(
    r"\s(?:от|від)\s+(?P<date>\d{1,2}(?:\.\d{1,2}\.|\s+[^\W\d_]+\s+)\d{4}"
    r"(?:\s*(?:года|г|р)\.?)?)$"
)


def _dated_name(text: str, runs: list[Run]) -> list[Run]:
    """An act's name, "от", a date ("Федеральный закон от 14.07.2022 № 255-ФЗ",
    "Конвенция … от 12 августа 2018 г."): the date is part of the name. A
    UN resolution's, before its symbol ("… 68/262 от 27 марта 2014 г.
    A/RES/68/262"), is its date."""
    found: list[Run] = []
    for run in runs:
        before = found[-1] if found else None
        resolution = bool(_UN_SYMBOL_AFTER.search(text[run.end :]))
        if (
            before is not None
            and before.label == "TITLE"
            and run.label in ("DATE", "YEAR")
            and _OF_DATE.match(text[before.end : run.start])
            and not resolution
        ):
            end = run.end
            if text[end:].startswith((" г.", " г")):
                end += 3 if text[end:].startswith(" г.") else 2
            found[-1] = Run("TITLE", before.start, end, before.confidence)
            continue
        dated = _ENDS_DATED.search(text[run.start : run.end])
        if run.label == "TITLE" and dated and resolution:
            cut = run.start + dated.start()
            found += [
                Run("TITLE", run.start, cut, run.confidence),
                Run("DATE", run.start + dated.start("date"), run.end, run.confidence),
            ]
            continue
        found.append(run)
    return found


def _et_al_after_names(text: str, runs: list[Run]) -> list[Run]:
    """ "[и др.]", "et al." right after names end the list, whatever label
    the labeller gave their words."""
    found = list(runs)
    for index in range(1, len(found)):
        before, run = found[index - 1], found[index]
        words = text[run.start : run.end]
        if (
            before.label in ("AUTHOR", "EDITOR")
            and run.label not in ("AUTHOR", "EDITOR")
            and (run.label != "ETAL" or before.label == "EDITOR")
            and _NAME_GAP.match(text[before.end : run.start])
            and ET_AL.fullmatch(" " + words.strip(" ,;[]"))
        ):
            label = "EDITOR" if before.label == "EDITOR" else "ETAL"
            found[index] = Run(label, run.start, run.end, run.confidence)
    return found


def _place_publisher(text: str, runs: list[Run]) -> list[Run]:
    """ "Place: Publisher" in every habit: after a place and a colon, an
    outlet's words are the publisher's (when no other publisher is read)."""
    if any(run.label == "PUBLISHER" for run in runs):
        return runs
    found = list(runs)
    for index in range(1, len(found)):
        before, run = found[index - 1], found[index]
        between = text[before.end : run.start]
        if (
            before.label == "PLACE"
            and run.label == "CONTAINER"
            and between.strip() == ":"
        ):
            found[index] = Run("PUBLISHER", run.start, run.end, run.confidence)
            break
    return found


def _cities_before_publisher(text: str, runs: list[Run]) -> list[Run]:
    """ "(New Haven and London: Yale University Press": cities joined, then a
    colon and the publisher, end the run before them (a title, most often),
    and are its place."""
    found = list(runs)
    for index in range(1, len(found)):
        before, run = found[index - 1], found[index]
        if before.label == "PLACE" or text[before.end : run.start].strip() != ":":
            continue
        if run.label != "PUBLISHER":
            continue
        head = re.search(r"[(.,]\s*([^(.,]+)$", text[before.start : before.end])
        if head is None or not are_cities(head[1]):
            continue
        start = before.start + head.start(1)
        cut = before.start + head.start()
        if cut <= before.start:
            continue
        found[index - 1 : index] = [
            Run(before.label, before.start, cut, before.confidence),
            Run("PLACE", start, before.end, before.confidence),
        ]
        break
    return found


def _family(run: Run) -> str:
    return "EDITOR" if run.label == "EDITOR" else run.label.replace("ETAL", "AUTHOR")


#: GOST's and the French habit's "/ под ред.", "/ sous la dir. de" at a
#: title's end: the editors' names follow, the words only announce them
_RESPONSIBILITY = re.compile(
    r"\s*/\s*(?:под\s+(?:общ\.\s*)?ред|отв\.\s*ред|упоряд|за\s+ред|"
    r"sous\s+la\s+dir(?:\.|ection)?(?:\s+de)?|ed\.\s+by|edited\s+by)\.?$",
    re.I,
)


def _trim(words: str) -> str:
    """A run's words without the punctuation and unmatched quotes around them."""
    words = _RESPONSIBILITY.sub("", words).strip(" ,;:/–—-")
    changed = True
    while changed and words:
        changed = False
        if words[0] in _OPEN and not _quotes(words[1:], _CLOSE[_OPEN.index(words[0])]):
            words, changed = words[1:].strip(" ,;:"), True
        elif words[-1] in _CLOSE and not _quotes(
            words[:-1], _OPEN[_CLOSE.index(words[-1])]
        ):
            words, changed = words[:-1].strip(" ,;:"), True
        elif (
            len(words) > 2
            and words[0] in "'‘"
            and words[-1] in "'’"
            and not _quotes(words[1:-1], "'’")
        ):
            # "'Kazakh president says 225 killed'": Harvard's straight quotes
            # around the whole title, apostrophes inside ("Russia's") only
            words, changed = words[1:-1].strip(" ,;:"), True
        elif words[-1] == "." and not _keeps_stop(words):
            words, changed = words[:-1].rstrip(" ,;:"), True
    return words


def _quotes(words: str, marks: str) -> bool:
    """``words`` hold one of ``marks`` as a quotation mark: an apostrophe
    between two letters ("Russia's", "L’Asia") is none."""
    return any(
        char in marks
        and not (
            char in "'’"
            and 0 < index < len(words) - 1
            and words[index - 1].isalpha()
            and words[index + 1].isalpha()
        )
        for index, char in enumerate(words)
    )


def _keeps_stop(words: str) -> bool:
    """A final stop that is the words' own: an initial, "ed.", "М.", "n.d."."""
    last = words.split()[-1] if words.split() else ""
    return bool(re.fullmatch(r"(?:[^\W\d_]{1,4}\.-?)+", last))  # "J.-S."


def _joined(text: str, runs: list[Run]) -> tuple[str, list[str]]:
    """The first run's words, and the next runs' when only marks stand between
    them; runs further away are words placed nowhere else (notes)."""
    first = runs[0]
    end = first.end
    notes: list[str] = []
    for run in runs[1:]:
        between = text[end : run.start]
        if not re.search(r"\w", between):
            end = run.end
        else:
            notes.append(_trim(text[run.start : run.end]))
    if text[first.start : end].count("(") > text[first.start : end].count(")"):
        end += text[end:].startswith(")")  # "5 (32)": the parenthesis it opened
    return _trim(_quoted_whole(text, first.start, end)), [n for n in notes if n]


def _quoted_whole(text: str, start: int, end: int) -> str:
    """A run's words with the quotation mark it holds one half of: the title
    «Мягкая сила» Турции read from its second word, a law's «О свободе
    совести» read to its last word but one."""
    words = text[start:end]
    for opening, closing in (("«", "»"), ("“", "”"), ("„", "“")):
        if words.count(closing) > words.count(opening) and text[:start].endswith(
            opening
        ):
            start -= 1
        elif words.count(opening) > words.count(closing) and text[end:].startswith(
            closing
        ):
            end += 1
    return text[start:end]


def _year_of(text: str, by_label: dict[str, list[Run]]) -> str:
    for run in by_label.get("YEAR", []):
        year = re.search(r"(?:1[5-9]|20)\d\d", text[run.start : run.end])
        if year:
            return year.group()
    return ""


def _iso(words: str, year: str) -> str:
    """A date's ISO form: "29 Nov. 2024", "2024. 29 нояб.", "8 February" of ``year``."""
    found = find_date(words)
    if found is not None and len(found[1]) >= 7:
        return found[1]
    match = re.search(
        r"(?:((?:1[5-9]|20)\d\d)\.?\s+)?"
        r"(?:(\d{1,2})[°º]?\s+([^\W\d_]+)|([^\W\d_]+)\.?\s+(\d{1,2}))",
        words,
    )
    if match is None:
        return found[1] if found else ""
    day, month = (match[2], match[3]) if match[2] else (match[5], match[4])
    number = month_number(f"{month}.")  # or its cut, "берез"
    year = match[1] or year
    if not number or not year or not 1 <= int(day) <= 31:
        return ""
    return f"{year}-{number:02d}-{int(day):02d}"


#: the words that say a work is a thesis, read into its entry type: no note
_KIND_WORD = re.compile(
    r"PhD|Ph|diss|dissertation|thesis|master['’]?s?|MA|MPhil|MSc|doctoral|"
    r"tesi|laurea|magistrale|dottorato|thèse|mémoire",
    re.I,
)


@functools.cache
def _form_words() -> frozenset[str]:
    if not FORM_WORDS.is_file():
        return frozenset()
    return frozenset(FORM_WORDS.read_text(encoding="utf-8").split())


#: days from one to another, with their months: "June 27–30", "31 March–2 April"
_DAY_RANGE = re.compile(
    r"(?:[^\W\d_]{3,9}\.?\s+)?\d{1,2}(?:\s+[^\W\d_]{3,9}\.?)?\s*[–-]\s*"
    r"(?:[^\W\d_]{3,9}\.?\s+)?\d{1,2}\b(?:\s+[^\W\d_]{3,9}\b)?"
)


def _unplaced(text: str, runs: list[Run]) -> list[str]:
    """Each stretch of words outside every run, as written, unless it holds
    only the form words of citations: "</script>" and "x/y" keep their marks."""
    covered = [(run.start, run.end) for run in runs]
    covered += [  # "June 27–30": a conference's days, which only the year keeps
        match.span()
        for match in _DAY_RANGE.finditer(text)
        if any(month_number(word) for word in re.findall(r"[^\W\d_]+", match[0]))
    ]
    stretches: list[list[tuple[int, int]]] = [[]]
    for token in tokenize(text):
        if any(start <= token.start < end for start, end in covered):
            stretches.append([])
        elif any(char.isalnum() for char in token.text) and not (
            token.text in _form_words() or _KIND_WORD.fullmatch(token.text)
        ):
            stretches[-1].append((token.start, token.end))
    notes = []
    for words in filter(None, stretches):
        start, end = words[0][0], words[-1][1]
        while start and text[start - 1] in _GLUED and not _inside(covered, start - 1):
            start -= 1
        while end < len(text) and text[end] in _GLUED and not _inside(covered, end):
            end += 1
        notes.append(_trim(text[start:end]))
    return [note for note in notes if note]


#: marks glued to a word placed nowhere, kept with it ("</script>")
_GLUED = "<>/\\*_#`{}|=&~^@$%+"


def _inside(covered: list[tuple[int, int]], index: int) -> bool:
    return any(start <= index < end for start, end in covered)


def _by_form(values: dict[str, str | tuple[str, ...]], notes: list[str]) -> None:
    """Values whose form says what they are, wherever the labeller put them: a
    UN symbol ("S/RES/2626") is the number, a report's series ("Policy Paper")
    left over is its type."""
    for field in ("outlet", "publisher", "note"):
        value = str(values.get(field, ""))
        if value and _SYMBOL.fullmatch(value) and not values.get("number"):
            values["number"] = values.pop(field)
    for note in list(notes):
        numbered = _NUMBERED.fullmatch(note)
        if numbered and _series(numbered["series"]) and not values.get("number"):
            # "OIES Paper NG 155" left whole: the series and its number
            values["report_type"] = numbered["series"]
            values["number"] = numbered["number"]
            notes.remove(note)
            continue
        if _series(note) and not values.get("report_type"):
            values["report_type"] = note
            notes.remove(note)
            volume = str(values.get("volume", ""))
            if (
                volume.isdigit()
                and not values.get("number")
                and not values.get("pages")
            ):
                # "OIES Paper NG 155": the series' number, not a volume
                values["number"] = values.pop("volume")
    days = _DAYS_BEFORE.match(str(values.get("title", "")))
    if days and values.get("year"):
        # APA's "(2022, November 10–13). Title": the days closed the year's
        # parenthesis; one day is the date, a span only says the year
        values["title"] = str(values["title"])[days.end() :]
        number = month_number(days["month"])
        if number and not days["last"] and "date" not in values:
            values["date"] = f"{values['year']}-{number:02d}-{int(days['day']):02d}"
    title, comma, tail = str(values.get("title", "")).rpartition(", ")
    words = tail.split()
    if (
        comma
        and values.get("number")
        and not values.get("report_type")
        and len(words) <= _SERIES_WORDS + 2
        and words
        and REPORT_SERIES.fullmatch(words[-1])
    ):  # "Title, Europe and Central Asia Briefing" no. 93: the series
        values["title"], values["report_type"] = title, tail


#: a month and its days before a title, the rest of APA's date group
_DAYS_BEFORE = re.compile(
    r"^(?P<month>[^\W\d_]{3,9})\.?\s+(?P<day>\d{1,2})(?:\s*[–-]\s*(?P<last>\d{1,2}))?\)\.?\s+"
)
#: a report's series is a few words ("Policy Paper", "Europe Report")
_SERIES_WORDS = 4
#: words, then a number: a series and its number ("Policy Brief No. 12")
_NUMBERED = re.compile(
    r"(?P<series>.+?)\s+(?:No\.?\s*|N°\s*|n\.\s*|№\s*|Nr\.?\s*)?(?P<number>\d[\w/.-]*)"
)
#: a series' letters after its word: "OIES Paper NG", "CSIS Brief EU"
_SERIES_CODE = re.compile(r"[A-Z]{1,4}")


def _series(words: str) -> bool:
    """Whether the words name a report's series: a few words ending in a
    series word ("Europe Report"), or in its code ("OIES Paper NG")."""
    split = words.split()
    if not split or len(split) > _SERIES_WORDS:
        return False
    if REPORT_SERIES.fullmatch(split[-1]):
        return True
    return (
        len(split) >= 2
        and _SERIES_CODE.fullmatch(split[-1]) is not None
        and REPORT_SERIES.fullmatch(split[-2]) is not None
    )


def _publisher_by_place(values: dict[str, str | tuple[str, ...]]) -> bool:
    """An outlet with a place and nothing of a periodical's or a web page's
    (no volume, issue, pages, day) is the book's publisher."""
    return (
        "outlet" in values
        and "publisher" not in values
        and "address" in values
        and not values.get("kind")
        and not any(values.get(k) for k in ("volume", "number", "pages", "date"))
    )


def _kind(values: dict[str, str | tuple[str, ...]], text: str) -> str:
    """The entry's type from the fields found and the words that name a kind."""
    outlet = str(values.get("outlet", ""))
    report_type = str(values.get("report_type", ""))
    title = str(values.get("title", ""))
    words = text.replace(title, " ") if title else text  # not a title's words
    thesis = thesis_kind(words)
    if thesis and not CONFERENCE.search(outlet):
        return thesis
    if outlet and CONFERENCE.search(words) and not values.get("volume"):
        return "inproceedings"
    if values.get("editors") and outlet:
        return "incollection"
    if _SYMBOL.match(str(values.get("number", ""))) or (
        report_type and REPORT_SERIES.search(report_type)
    ):
        return "report"
    return ""
