"""Citation keys: readable ASCII, the same on every run, never colliding.

A key is the first author's surname (an organisation's first three
significant words), else the first word of the title,
its stopwords left out ("The", "of", "La": never ``the2016``),
transliterated (:func:`ascii_word`: ICAO Doc 9303 for Cyrillic, anyascii for
every other script, accents dropped from Latin), lower-cased, kept to
``[a-z0-9]``, with the year appended; a word that leaves fewer than two
letters gives way to the next word of the title, then of the outlet. The
second and third source with the same base get ``a``, ``b``, ...; a key that
references.bib already holds for another source is skipped the same way,
while one it holds for the same source is reused, so importing a report twice
changes nothing.
"""

# Cyrillic letters and typographic marks in examples, on purpose.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from typing import TYPE_CHECKING

import iuliia
from anyascii import anyascii

from georeport.importer.names import family_name
from georeport.importer.stopwords import any_stopwords

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from pybtex.database import Entry

    from georeport.importer.footnotes import Source

_NOT_KEY = re.compile(r"[^a-z0-9]")
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: the signs of Chinese or Japanese a key takes (most words are two)
_HAN_WORD = 2
_EDGE = "\"'“”«»‘’,.;:()[]"


def ascii_word(word: str) -> str:
    """``word`` in lower-case ASCII letters and digits: ``Полиция`` -> ``politsiia``.

    Cyrillic by ICAO Doc 9303 (iuliia), the table of Russian passports, which
    Russian authors' own Latin names follow; every other script by anyascii,
    one table for all of Unicode (Chinese in pinyin without tones, Georgian,
    Armenian, Greek, Arabic by their usual romanisations): a key needs a
    readable word, not a scholarly transliteration, and a table of each
    script written here would be incomplete where anyascii is not.
    """
    cyrillic = iuliia.ICAO_DOC_9303.translate(word)
    latin = unicodedata.normalize("NFKD", cyrillic)
    latin = "".join(c for c in latin if not unicodedata.combining(c))
    return _NOT_KEY.sub("", anyascii(latin).lower())


def base_key(source: Source) -> str:
    """The key before any suffix: surname (or organisation) or title word, then year.

    An organisation is keyed by its name's significant words, up to three
    (``{International Crisis Group}`` -> ``internationalcrisisgroup``), not
    by a "surname" it does not have.
    """
    words: list[str] = []
    if source.authors and source.authors[0] != "others":
        first = source.authors[0]
        if first.startswith("{") and first.endswith("}"):
            words.append("".join(map(ascii_word, _significant(first[1:-1]))))
        else:
            # "Сыроежкин К.Л." (GOST's order) as "K.L. Syroezhkin": the surname
            words.append("".join(family_name(first).split()))
    words += [
        word
        for word in f"{source.title} {source.note} {source.outlet}".split()
        if word.strip(_EDGE).casefold() not in any_stopwords()
    ]
    # Chinese and Japanese are written without spaces: a word is a few signs
    words = [word[:_HAN_WORD] if _HAN.match(word) else word for word in words]
    stem = next((ascii for ascii in map(ascii_word, words) if len(ascii) > 1), "ref")
    return stem + (source.year or source.date[:4] or _year_in_title(source.title))


def _year_in_title(title: str) -> str:
    """The year an act's name holds ("Закон … от 20.08.2022 № 512-VI"), so
    that an undated law is not keyed by a word alone."""
    found = _TITLE_YEAR.search(title)
    return found[1] if found else ""


#: a year in a title: alone or ending a date ("20.08.2022", "5 aprile 2022")
_TITLE_YEAR = re.compile(r"(?<![\d/-])((?:1[89]|20)\d\d)(?![\d/-])")


#: an organisation's key is made of at most this many of its words
_ORGANISATION_WORDS = 3


def _significant(name: str) -> list[str]:
    """The capitalised words of a name ("of", "the" left out), at most three."""
    words = [word for word in name.split() if word[:1].isupper() or word[:1].isdigit()]
    return (words or name.split())[:_ORGANISATION_WORDS]


def assign_keys(sources: Sequence[Source], existing: Mapping[str, Entry]) -> list[str]:
    """One key per source, in order; a source cited twice keeps its key."""
    chosen: dict[str, Source] = {}
    keys: list[str] = []
    for source in sources:
        key = next((k for k, known in chosen.items() if known == source), None)
        if key is None:
            key = _free_key(base_key(source), chosen, existing)
            chosen[key] = source
        keys.append(key)
    return keys


def _free_key(
    base: str, chosen: Mapping[str, Source], existing: Mapping[str, Entry]
) -> str:
    """The first key of ``base`` that neither this import nor the file uses.

    Sources already in the file are found before keys are given
    (:mod:`.matching`): a source that reaches here is a new work.
    """
    return next(
        key
        for key in (base + suffix for suffix in _suffixes())
        if key not in chosen and key not in existing
    )


def _suffixes() -> Iterator[str]:
    """``""``, ``a`` ... ``z``, ``aa`` ... : the suffixes in order of use."""
    yield ""
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)
