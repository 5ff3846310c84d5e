"""Citation keys: readable ASCII, the same on every run, never colliding.

A key is the first author's surname, else the first word of the title,
transliterated (ICAO Doc 9303 for Cyrillic, accents dropped from Latin),
lower-cased, kept to ``[a-z0-9]``, with the year appended; a word that leaves
nothing (Greek, Chinese) gives way to the next word of the title, then of the
outlet. The second and third source with the same base get ``a``, ``b``, ...;
a key that references.bib already holds for another source is skipped the same
way, while one it holds for the same source is reused, so importing a report
twice changes nothing.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from typing import TYPE_CHECKING

import iuliia
from pybtex.database import Person

from georeport.importer.bibtex import same_source

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from pybtex.database import Entry

    from georeport.importer.footnotes import Source

_NOT_KEY = re.compile(r"[^a-z0-9]")


def ascii_word(word: str) -> str:
    """``word`` in lower-case ASCII letters and digits: ``Полиция`` -> ``politsiia``."""
    latin = unicodedata.normalize("NFKD", iuliia.ICAO_DOC_9303.translate(word))
    return _NOT_KEY.sub("", latin.lower())


def base_key(source: Source) -> str:
    """The key before any suffix: surname or first title word, then year."""
    words: list[str] = []
    if source.authors:
        person = Person(source.authors[0])
        words.append("".join(person.prelast_names + person.last_names))
    words += f"{source.title} {source.note} {source.outlet}".split()
    stem = next((ascii for ascii in map(ascii_word, words) if ascii), "ref")
    return stem + source.year


def assign_keys(sources: Sequence[Source], existing: Mapping[str, Entry]) -> list[str]:
    """One key per source, in order; a source cited twice keeps its key."""
    chosen: dict[str, Source] = {}
    keys: list[str] = []
    for source in sources:
        key = next((k for k, known in chosen.items() if known == source), None)
        if key is None:
            key = _free_key(base_key(source), source, chosen, existing)
            chosen[key] = source
        keys.append(key)
    return keys


def _free_key(
    base: str,
    source: Source,
    chosen: Mapping[str, Source],
    existing: Mapping[str, Entry],
) -> str:
    """An existing key of ``base`` for the same source, else the first free one."""
    pattern = re.compile(re.escape(base) + "[a-z]*", re.I)
    same = sorted(
        (len(key), key)
        for key, entry in existing.items()
        if pattern.fullmatch(key) and key not in chosen and same_source(entry, source)
    )
    if same:
        return same[0][1]
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
