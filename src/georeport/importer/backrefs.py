"""Back-references: "Ibid.", "Ibidem", "Id.", "Ivi", "Там же", "Сонда",
"Bifolchi, op. cit.", "Kut, a.g.e.", and shortened notes ("Hiro 212",
"Suslov, “‘Russian World’ Concept,” 335", "Роган Ю. Title. С. 312").

A back-reference cites a source an earlier footnote gave; it is never a new
entry. This module only recognises one, with its locator ("Ibid., p. 3"):
:mod:`georeport.importer.convert` resolves it to the earlier source's key.
The patterns are the Latin, Italian, German, Russian, Ukrainian, Kazakh and
Turkish abbreviations scholars write; no library lists them.
"""

# The patterns hold Cyrillic letters, dashes and typographic quotes on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import re

from georeport.importer.labeller import QUOTES

#: a back-reference standing alone, "Ibid." and its equivalents
_ALONE = re.compile(
    r"^(?P<ref>ibid(?:em)?\.?|ivi\.?|id\.|idem\.?|ead\.|eadem\.?|ebd\.|ebenda\.?|"
    r"там\s+же\.?|там\s+само\.?|сонда\.?)"
    r"(?:\s*[,.:]?\s*[–—]?\s*(?P<loc>.*?))?[\s.]*$",
    re.I,
)
#: a footnote named by its number: "supra, nota 3", "note 12 above", "см.
#: выше, прим. 4": that note's source (one below is not read yet)
_DIRECTION = r"supra|infra|sopra|sotto|above|below|выше|ниже"
_NOTE_WORD = r"(?:nota|note|nt|n|fn|прим|сноск[аиу])\.?\s*"
_NOTE = (
    rf"(?:(?:{_DIRECTION})\s*,?\s*)?{_NOTE_WORD}(?P<note>\d+)"
    rf"(?:\s*,?\s*(?:{_DIRECTION}))?"
)
_NOTE_ALONE = re.compile(rf"^(?P<ref>{_NOTE})(?:\s*[,.:]\s*(?P<loc>.*?))?[\s.]*$", re.I)
#: "op. cit." after an author (and maybe a title)
_CITED = re.compile(
    r"^(?P<who>.+?)[\s,.]+(?P<ref>op\.\s*cit\.?|loc\.\s*cit\.?|art\.\s*cit\.?|"
    rf"cit\.\s*(?:{_DIRECTION})\s*,?\s*{_NOTE_WORD}\d+|cit\.|"
    r"указ\.\s*соч\.?|цит\.\s*соч\.?|(?:зазнач|вказ|цит)\.\s*праця\.?|"
    r"a\.\s?g\.\s?[em]\.?)"
    r"(?:\s*[,.:]?\s*(?P<loc>.*?))?[\s.]*$",
    re.I,
)
#: what a locator may say: pages, paragraphs, chapters, notes, folios
LOCATOR = re.compile(
    r"^(?:passim|(?:(?:(?:pp?|pag|para|paras|par|ch|chap|cap|fol|ff?|n|nn|sec|sez|s|ss|"
    r"art|с|стр|гл|vol|t|tomo|б|səh|bet|էջ|გვ|nota|note|fn|tab|tav|fig|graf|table|"
    r"col|c)\.?\s*)?"
    r"[\divxlcdm]+(?:\s*[-–—]\s*[\divxlcdm]+)?"
    r"(?:\s*(?:ff?|sgg?|segg|ss|sqq|e\s+s|e\s+ss|e\s+sgg?|e\s+segg|et\s+seq|et\s+sqq|"
    r"(?:e|and)\s+passim)\.?)?[,;\s]*)+)$",
    re.I,
)
_QUOTES = "\"'“”‘’«»„"


def read_back_reference(
    text: str, *, short: bool = True
) -> tuple[str, str, tuple[str, ...], str] | None:
    """``(words as written, locator, authors, title)`` of a back-reference.

    ``None`` when ``text`` is not one. A short form ("Hiro 212") is given as
    ``"short"``; ``short=False`` reads it as none, for a short form that
    points to no earlier source. Authors and title are those an "op.
    cit." names, as written.
    """
    words = " ".join(text.split()).strip()
    match = _ALONE.match(words)
    if match and _is_locator(match["loc"]):
        return _ref(match["ref"]), _loc(_stopped(words, match["loc"])), (), ""
    match = _NOTE_ALONE.match(words)
    if match and _has_direction(match["ref"]) and _is_locator(match["loc"]):
        return match["ref"], _loc(_stopped(words, match["loc"])), (), ""
    match = _CITED.match(words)
    if match and _is_locator(match["loc"]):
        from georeport.importer.names import split_authors

        who, _comma, title = _with_stop(words, match["who"]).partition(",")
        authors = split_authors(who) or (who.strip(),)
        title = title.strip(" ,.").strip(_QUOTES).strip()
        if authors == (who.strip(),) and not _capitalised_words(who):
            return None
        return _ref(match["ref"]), _loc(_stopped(words, match["loc"])), authors, title
    shortened = _shortened(words) if short else None
    if shortened is not None:
        return ("short", *shortened)
    return None


#: Chicago's and ISO 690's shortened note, "Suslov, “‘Russian World’
#: Concept,” 335", "VAN HERPEN, Putin’s Wars, p. 98", "O’Loughlin et al.
#: 760", and GOST's "Роган Ю. Падение Османской империи. С. 312": names, a
#: short title maybe, a page; no year, no publisher
_SHORTENED = re.compile(
    r"^(?P<who>[^,“”«»\"]{2,60}?)(?:,\s*(?P<title>[^()]{2,120}?))?,?\s+"
    r"(?P<loc>(?:(?:pp?|pag|S|С|с)\.\s*)?\d+(?:\s*[-–—]\s*\d+)?)\.?$"
)
_GOST_SHORTENED = re.compile(
    r"^(?P<who>[A-ZА-ЯЁ][\w’'-]+\s+(?:[A-ZА-ЯЁ]\.\s?){1,2})\s*"
    r"(?P<title>[^.]{3,120}?)\.\s*(?P<loc>[СS]\.\s*\d+(?:\s*[-–]\s*\d+)?)\.?$"
)
_ET_AL = re.compile(r"\s+(?:et\s+al\.?|и\s+др\.?)$")
_YEAR_IN = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _shortened(words: str) -> tuple[str, tuple[str, ...], str] | None:
    """``(locator, authors, title)`` of a shortened note, or None."""
    from georeport.importer.names import split_authors

    if _YEAR_IN.search(words) or "http" in words:
        return None  # a full source names its year (or its address)
    match = _GOST_SHORTENED.match(words) or _SHORTENED.match(words)
    if match is None:
        return None
    who = match["who"].strip()
    others = _ET_AL.search(who)
    if others:
        who = who[: others.start()]
    names = re.split(r"\s+(?:and|&|e|и|ve)\s+", who)
    if not all(_capitalised_words(name) for name in names):
        return None
    authors = tuple(split_authors(who) or (who,)) + (("others",) if others else ())
    title = _unquoted((match["title"] or "").strip().rstrip(","))
    if "," in title and not match["title"].lstrip().startswith(tuple(_QUOTES)):
        return None  # "Russia in the Caucasus, Limes": a title and an outlet
    return match["loc"], authors, title


def _unquoted(title: str) -> str:
    """A quoted short title without its quotation marks and the comma inside
    them (“Public Opinion,” -> Public Opinion), inner quotes kept."""
    closing = QUOTES.get(title[:1])
    if closing and title.endswith(closing):
        title = title[1:-1]
    elif closing and title.endswith(closing + ","):
        title = title[1:-2]
    return title.rstrip(",").strip()


#: an author-date short form: "Kulyk (2016, p. 597)", "Tsygankov (2012), p. 6",
#: "Gerber and Zavisca (2016, p. 84)", "Frye et al. (2017)"
_PAGE = r"(?:pp?|S|С|с)\.\s*[\divxlc]+(?:\s*[-–—]\s*[\divxlc]+)?"
_WHO = (
    r"[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'-]+){0,3}"  # "Norwegian Refugee Council"
    r"(?:\s+(?:and|&|e|и|ve)\s+[A-ZА-ЯЁ][\w’'-]+)?(?:\s+et\s+al\.)?"
)
_DATED = re.compile(
    rf"^(?P<who>{_WHO})\s+\((?P<year>(?:1[5-9]|20)\d\d[a-z]?)"
    rf"(?:,\s*(?P<inside>{_PAGE}))?\)(?:,\s*(?P<after>{_PAGE}))?\.?$"
)
#: APA's parenthetical citation, alone or one of several cut at ";":
#: "(Farahani, 2016, p. 81", "Rahmonova & Lindqvist, 2022, p. 7)."
_PARENTHETICAL = re.compile(
    rf"^\(?(?P<who>{_WHO}),\s+(?P<year>(?:1[5-9]|20)\d\d[a-z]?)"
    rf"(?:,\s*(?P<inside>{_PAGE}))?\)?\.?$"
)


def read_dated_short(text: str) -> tuple[tuple[str, ...], str, str] | None:
    """``(authors, year, locator)`` of an author-date short form ("Kulyk
    (2016, p. 597)"), which names an earlier source by its author and year;
    ``None`` for anything else."""
    words = " ".join(text.split()).strip()
    bracketed = words.startswith("(") or words.rstrip(".").endswith(")")
    match = _DATED.match(words) or (_PARENTHETICAL.match(words) if bracketed else None)
    if match is None:
        return None
    from georeport.importer.names import split_authors

    who = match["who"]
    authors = split_authors(who) or (who,)
    after = match.groupdict().get("after")
    return authors, match["year"], match["inside"] or after or ""


def _with_stop(words: str, who: str) -> str:
    """``who`` with the stop of its last initial ("Юнусов А.С." before "Указ.
    соч.") or abbreviation ("Id., op. cit."), which the separator took."""
    abbreviated = r"(?:^|[\s.])(?:\w|Id|Ead|Eid|Idd|AA\.\s?VV)$"  # "Id.", "AA.VV."
    if words[len(who) : len(who) + 1] == "." and re.search(abbreviated, who):
        return who + "."
    return who


def _ref(written: str) -> str:
    """The words as written; the stop after a whole word ("Ibidem.", "Ivi.")
    ends the sentence, and is no part of them."""
    words = " ".join(written.split())
    if words.rstrip(".").casefold() in _WHOLE_WORDS:
        return words.rstrip(".")
    return words


#: back-references that are whole words, not abbreviations
_WHOLE_WORDS = {"ibidem", "idem", "ivi", "ebenda"}


def _stopped(words: str, locator: str | None) -> str:
    """The locator with the stop that ends the footnote after it."""
    if locator and words.endswith(f"{locator}."):
        return f"{locator}."
    return locator or ""


def _loc(locator: str | None) -> str:
    """The locator as written, its abbreviation's stop kept ("p. 73 e ss.")."""
    words = (locator or "").strip(" ,;")
    if re.search(r"\b(?:ss|sgg?|segg|ff|seq|sqq|e s)\.$", words):
        return words
    return words.strip(" ,;.")


def _has_direction(words: str) -> bool:
    """ "supra, nota 3", not "n. 3" alone (an issue's number)."""
    return bool(re.search(_DIRECTION, words, re.I))


def named_note(back_reference: str) -> int | None:
    """The footnote a back-reference names ("supra, nota 3": 3)."""
    match = re.search(_NOTE, back_reference, re.I)
    return int(match["note"]) if match else None


def _is_locator(text: str | None) -> bool:
    return not text or not text.strip(" .,") or bool(LOCATOR.match(text.strip(" .")))


def _capitalised_words(text: str) -> bool:
    """Capitalised words, name particles aside ("Pérouse de Montclos")."""
    from georeport.importer.names import is_particle

    words = text.split()
    return (
        bool(words)
        and len(words) <= 6
        and any(w[0].isupper() for w in words)
        and all(
            w[0].isupper() or is_particle(w) or re.match(r"[dl][’'][^\W\d_]", w)
            for w in words
        )
    )
