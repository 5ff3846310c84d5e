"""A sequence labeller for footnotes: each token gets the field it belongs to.

Citation habits differ in order and punctuation (Chicago's "(Place:
Publisher, Year)", GOST's "// Journal. 2019. Т. 5, № 3. С. 12–25", MLA's
"Container, vol. 4, no. 1, 2017, pp. 1–24", ISO 690's capitals), and one
hand-written grammar per habit would be tuned to the examples it was written
from. Instead a linear-chain CRF (CRFsuite, through python-crfsuite, which
probablepeople already brings) labels each token (``TITLE``, ``AUTHOR``,
``CONTAINER``, ``PLACE``, ``PUBLISHER``, ``YEAR``, ``DATE``, ``VOLUME``,
``NUMBER``, ``PAGES``, ``LOCATOR``...) from its form and its neighbours':
capitals, digits, a year's or a month's shape, quotes and parentheses around
it, a "//" before it, the gazetteer (:mod:`.gazetteer`) for places, the
publisher's words. The model is trained from the development corpora
(``tools/train_footnotes.py``) by :func:`align`, which finds each expected
field's words in its footnote; the set-aside corpora are never used.

A field's value is always a span of the footnote's own text: nothing is
rewritten, only cut.
"""

# The patterns hold Cyrillic letters, dashes and typographic quotes on purpose.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pycrfsuite

from georeport.importer.dates import DATE, iso_date, month_number
from georeport.importer.gazetteer import is_place

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

MODEL = Path(__file__).parent / "data" / "footnotes.crfsuite"

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
#: each opening quotation mark and its closing one ("'" aside: an apostrophe
#: more often than a quote)
QUOTES = {"“": "”", "«": "»", "‘": "’", "„": "“", '"': '"'}
_OPENING = "“«‘„\"'"
_CLOSING = {**QUOTES, "'": "'"}
_PUBLISHER_WORD = re.compile(
    r"^(?:press|up|publish\w*|verlag|editore|edizioni|éditions|books|издательство|"
    r"изд|пресс|university|università|université|universität|университет)$",
    re.I,
)
_ROMAN = re.compile(r"^[IVXLC]+$")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
#: neighbours whose words (not only shapes) are features
_NEAR_WORDS = 3


@dataclass(frozen=True)
class Token:
    """A word or a mark of the footnote, where it stands."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZА-ЯЁ]", "X", word)
    shape = re.sub(r"[a-zа-яё]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    shape = re.sub(r"[^\Wd_]", "l", shape)  # other scripts' letters
    return re.sub(r"(.)\1+", r"\1\1", shape)


def _word_features(token: Token, prefix: str) -> dict[str, str | float | bool]:
    word = token.text
    return {
        f"{prefix}w": word.casefold(),
        f"{prefix}shape": _shape(word),
    }


def _context(tokens: Sequence[Token], text: str) -> list[dict[str, float | bool]]:
    """Where each token stands: in quotes, parentheses, after "//", which sentence."""
    states: list[dict[str, float | bool]] = []
    quote = ""
    paren = bracket = slashes = sentences = commas = colons = 0
    for index, token in enumerate(tokens):
        char = token.text
        state: dict[str, float | bool] = {
            "quoted": bool(quote),
            "paren": paren > 0,
            "bracket": bracket > 0,
            "after//": slashes > 0,
            "sentence": min(sentences, 6),
            "comma": min(commas, 8),
            "colon": min(colons, 3),
        }
        states.append(state)
        if quote and char == _CLOSING[quote] and _closes(text, token):
            quote = ""
        elif not quote and char in _OPENING and _opens(text, token):
            quote = char
        elif char == "(":
            paren += 1
        elif char == ")":
            paren = max(0, paren - 1)
        elif char == "[":
            bracket += 1
        elif char == "]":
            bracket = max(0, bracket - 1)
        elif char == "/" and index and tokens[index - 1].text == "/":
            slashes += 1
            sentences = commas = 0
        elif char == "," and not quote and not paren:
            commas += 1
        elif char == ":" and not quote:
            colons += 1
        elif char in ".?!" and not quote and _ends_sentence(tokens, index, text):
            sentences += 1
            commas = 0
    return states


def _opens(text: str, token: Token) -> bool:
    return token.start == 0 or not text[token.start - 1].isalnum()


def _closes(text: str, token: Token) -> bool:
    return token.end == len(text) or not text[token.end].isalnum()


def _ends_sentence(tokens: Sequence[Token], index: int, text: str) -> bool:
    """A stop after a word of two letters or more, then a space: a sentence ends."""
    if index == 0 or index + 1 >= len(tokens):
        return False
    before = tokens[index - 1].text
    spaced = tokens[index + 1].start > tokens[index].end
    return spaced and (len(before) > 2 or before.isdigit()) and before.isalnum()


#: what separates the parts of a citation: a comma, a stop, a colon, "//", a
#: parenthesis or a bracket (outside quotes)
_SEPARATORS = frozenset(",.:;()[]/–—")


def _segments(tokens: Sequence[Token], text: str) -> list[dict[str, float | bool]]:
    """What each token's part (between separators) looks like as a whole."""
    bounds: list[tuple[int, int]] = []
    begin = 0
    for index, token in enumerate(tokens):
        mark = token.text in _SEPARATORS and (
            token.text != "." or _ends_sentence(tokens, index, text)
        )
        if mark:
            if begin < index:
                bounds.append((begin, index))
            begin = index + 1
    if begin < len(tokens):
        bounds.append((begin, len(tokens)))
    found: list[dict[str, float | bool]] = [{"seg:mark": True} for _ in tokens]
    for number, (first, last) in enumerate(bounds):
        words = text[tokens[first].start : tokens[last - 1].end]
        size = last - first
        described: dict[str, float | bool] = {
            "seg:size": min(size, 8),
            "seg:place": is_place(words),
            "seg:publisher": any(
                _PUBLISHER_WORD.match(t.text) for t in tokens[first:last]
            ),
            "seg:year": any(_YEAR.match(t.text) for t in tokens[first:last]),
            "seg:digits": all(t.text.isdigit() for t in tokens[first:last]),
            "seg:fromend": min(len(bounds) - 1 - number, 4),
            "seg:index": min(number, 6),
            "seg:capitals": all(
                t.text[:1].isupper() or not t.text[:1].isalpha() or len(t.text) <= 3
                for t in tokens[first:last]
            ),
        }
        for index in range(first, last):
            found[index] = {**described, "seg:start": index == first}
    return found


def _document(text: str) -> dict[str, bool]:
    """What the whole footnote looks like: features every token carries."""
    return {
        "doc//": "//" in text,
        "docparenyear": bool(re.search(r"\((?:1[5-9]|20)\d\d[a-z]?[),]", text[:80])),
        "docCAPS": bool(re.match(r"^[A-ZА-ЯЁ]{2,}[A-ZА-ЯЁ'\- ]*,", text)),
        "docquote": bool(re.search(r"[“«‘\"]", text)),
        "docplacepub": bool(re.search(r"\([^()]+:[^()]+,\s*(?:1[5-9]|20)\d\d\)", text)),
    }


def features(text: str, tokens: Sequence[Token] | None = None) -> list[dict]:
    """CRFsuite's features of each token of ``text``."""
    tokens = tokenize(text) if tokens is None else tokens
    states = _context(tokens, text)
    segments = _segments(tokens, text)
    document = _document(text)
    count = len(tokens)
    rows: list[dict] = []
    for index, token in enumerate(tokens):
        word = token.text
        row: dict = {
            "bias": 1.0,
            **_word_features(token, ""),
            "suffix": word[-3:].casefold(),
            "upper": word.isupper() and len(word) > 1,
            "title": word[:1].isupper(),
            "digit": word.isdigit(),
            "year": bool(_YEAR.match(word)),
            "month": month_number(word) is not None and not word.isdigit(),
            "roman": bool(_ROMAN.match(word)),
            "initial": len(word) == 1 and word.isupper(),
            "place": word[:1].isupper() and is_place(word),
            "publisher": bool(_PUBLISHER_WORD.match(word)),
            "position": round(4 * index / max(count, 1)),
            "first": index == 0,
            "last": index == count - 1,
            "spaced": index > 0 and tokens[index - 1].end < token.start,
            **{f"at:{k}": v for k, v in states[index].items()},
            **segments[index],
            **document,
        }
        row["mark-"] = next(
            (t.text for t in reversed(tokens[:index]) if not t.text[0].isalnum()), "^"
        )
        row["mark+"] = next(
            (t.text for t in tokens[index + 1 :] if not t.text[0].isalnum()), "$"
        )
        if index + 1 < count:
            pair = f"{word} {tokens[index + 1].text}"
            row["place2"] = word[:1].isupper() and is_place(pair)
        if index > 0:
            pair = f"{tokens[index - 1].text} {word}"
            row["place2-"] = word[:1].isupper() and is_place(pair)
        for offset in (-3, -2, -1, 1, 2, 3):
            near = index + offset
            if 0 <= near < count:
                row[f"{offset}:shape"] = _shape(tokens[near].text)
                if abs(offset) <= _NEAR_WORDS:
                    row[f"{offset}:w"] = tokens[near].text.casefold()
            else:
                row[f"{offset}:edge"] = True
        rows.append(row)
    return rows


# -- labelling ---------------------------------------------------------------------


@functools.cache
def _tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


@dataclass(frozen=True)
class Run:
    """Consecutive tokens of one label: a field's words, ``text[start:end]``."""

    label: str
    start: int
    end: int
    #: the labeller's mean probability of the run's labels
    confidence: float


#: the words that make names an editor's ("ed.", "edited by", "a cura di",
#: "под ред.", "Hrsg."): without one, no name is an editor's
_EDITOR_CUE = re.compile(
    r"\b(?:eds?|edd|edited|editors?|edn|hrsg|dir|coord|a\s+cura)\b|\bред\.|редакц",
    re.I,
)
#: labels a run may not take in place of another: numbers keep their own
_NOT_TITLE = frozenset({"YEAR", "DATE", "VOLUME", "NUMBER", "PAGES", "LOCATOR", "O"})


def _runs_of(labels: Sequence[str]) -> list[tuple[int, int]]:
    """(first, end) of each run of one label."""
    bounds: list[tuple[int, int]] = []
    begin = 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or labels[index] != labels[begin]:
            bounds.append((begin, index))
            begin = index
    return bounds


def _constrained(tagger: pycrfsuite.Tagger, labels: list[str], text: str) -> list[str]:
    """What every source is: it has a title, and names are an editor's only
    where a word says so. A run that breaks this takes the label it is most
    likely to have instead (the labeller's marginal probabilities)."""
    labels = list(labels)
    known = set(tagger.labels())

    def mean(label: str, first: int, end: int) -> float:
        if label not in known:
            return 0.0
        total = sum(float(tagger.marginal(label, i)) for i in range(first, end))
        return total / (end - first)

    if "EDITOR" in labels and not _EDITOR_CUE.search(text):
        for first, end in _runs_of(labels):
            if labels[first] != "EDITOR":
                continue
            others = [k for k in known if k != "EDITOR"]
            best = max(others, key=lambda k: mean(k, first, end))
            labels[first:end] = [best] * (end - first)
    if "TITLE" not in labels:
        runs = [
            (first, end)
            for first, end in _runs_of(labels)
            if labels[first] not in _NOT_TITLE
        ]
        if runs:
            first, end = max(runs, key=lambda r: mean("TITLE", *r))
            labels[first:end] = ["TITLE"] * (end - first)
    return labels


def label(text: str) -> list[Run]:
    """The runs of labelled tokens of ``text``, in order (``O`` runs left out)."""
    tokens = tokenize(text)
    if not tokens:
        return []
    tagger = _tagger()
    labels = _constrained(tagger, tagger.tag(features(text, tokens)), text)
    marginals = [tagger.marginal(lab, i) for i, lab in enumerate(labels)]
    runs: list[Run] = []
    begin = 0
    for index in range(1, len(tokens) + 1):
        if index < len(tokens) and labels[index] == labels[begin]:
            continue
        if labels[begin] != "O":
            sure = sum(marginals[begin:index]) / (index - begin)
            runs.append(
                Run(labels[begin], tokens[begin].start, tokens[index - 1].end, sure)
            )
        begin = index
    return runs


def unlabelled_words(text: str) -> list[str]:
    """The word tokens of ``text`` the labeller put in no field (label ``O``)."""
    tokens = tokenize(text)
    if not tokens:
        return []
    labels = _tagger().tag(features(text, tokens))
    return [t.text for t, lab in zip(tokens, labels, strict=True) if lab == "O"]


# -- training data: the expected fields found in their footnote ---------------------

#: a corpus field -> its label; the outlet's fields share one label
LABELS = {
    "author": "AUTHOR",
    "editor": "EDITOR",
    "title": "TITLE",
    "journal": "CONTAINER",
    "booktitle": "CONTAINER",
    "organization": "CONTAINER",
    "institution": "CONTAINER",
    "school": "CONTAINER",
    "publisher": "PUBLISHER",
    "address": "PLACE",
    "date": "DATE",
    "year": "YEAR",
    "volume": "VOLUME",
    "number": "NUMBER",
    "pages": "PAGES",
    "edition": "EDITION",
    "type": "TYPE",
    "series": "SERIES",
    "locator": "LOCATOR",
    "pagetotal": "PAGETOTAL",
    "note": "NOTE",
}
#: the order fields are looked for: long, distinctive values first, so that a
#: year inside a title is the title's and a bare number finds its own place
_ORDER = (
    "title", "journal", "booktitle", "organization", "institution", "school",
    "note", "author", "editor", "publisher", "type", "series", "address", "date",
    "pages", "edition", "locator", "pagetotal", "year", "volume", "number",
)  # fmt: skip


#: the fields whose words, written twice, are the later ones: "World Bank,
#: Title (Washington, DC: World Bank, 2018)" names its author first
_LAST_FIRST = frozenset({"organization", "institution", "publisher", "school"})


def align(text: str, fields: Mapping[str, object]) -> list[str] | None:
    """Each token's label from the fields a footnote gives, or None if one is
    not found in its text (a case the labeller cannot learn from)."""
    tokens = tokenize(text)
    labels = ["O"] * len(tokens)
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}

    def place(spans: Iterable[tuple[int, int]], name: str) -> bool:
        for start, end in spans:
            first, last = starts.get(start), ends.get(end)
            if first is None or last is None:
                continue
            if all(labels[i] == "O" for i in range(first, last + 1)):
                for i in range(first, last + 1):
                    labels[i] = name
                return True
        return False

    for field in _ORDER:
        value = fields.get(field)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        for one in values:
            one = str(one)
            if one == "others":
                spans = _spans(text, r"et\s+al\.?|и\s+др\.?|e\s+altri")
                if not place(spans, "ETAL"):
                    return None
                continue
            if field in ("author", "editor") and one.startswith("{"):
                one = one[1:-1]
            spans = _value_spans(text, field, one)
            if field in _LAST_FIRST:
                spans.reverse()
            if not place(spans, LABELS[field]):
                return None
    return labels


def _spans(text: str, pattern: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]


def _value_spans(text: str, field: str, value: str) -> list[tuple[int, int]]:
    if field == "pages" and "--" in value:
        first, last = value.split("--", 1)
        pattern = rf"(?<!\w){re.escape(first)}\s*[-–—]+\s*{re.escape(last)}(?!\w)"
        return _spans(text, pattern)
    if field == "date":
        return (
            [(m.start(), m.end()) for m in DATE.finditer(text) if iso_date(m) == value]
            + _russian_dates(text, value)
            + _day_and_month(text, value)
        )
    return [(m.start(), m.end()) for m in re.finditer(re.escape(value), text)]


def _day_and_month(text: str, value: str) -> list[tuple[int, int]]:
    """ "November 29" or "8 February" whose year is written apart ("(2023, ...")."""
    spans = []
    pattern = (
        r"(?<!\w)(?:(\d{1,2})[°º]?\s+([^\W\d_]+)|([^\W\d_]+)\.?\s+(\d{1,2}))"
        r"(?![\w,]*\s*\d{4})"
    )
    for match in re.finditer(pattern, text):
        day, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        number = month_number(f"{month}.")  # or its cut, "берез"
        if number and value[5:] == f"{number:02d}-{int(day):02d}":
            spans.append((match.start(), match.end()))
    return spans


def _russian_dates(text: str, value: str) -> list[tuple[int, int]]:
    """GOST's "2024. 29 нояб.": the year before the day and the month."""
    spans = []
    for match in re.finditer(
        r"((?:1[5-9]|20)\d\d)\.\s+(\d{1,2})\s+([^\W\d_]+)\.?", text
    ):
        month = month_number(f"{match[3]}.")
        if month and f"{match[1]}-{month:02d}-{int(match[2]):02d}" == value:
            spans.append((match.start(), match.end()))
    return spans
