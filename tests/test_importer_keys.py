"""Citation keys: readable, stable across runs, never colliding."""

from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, parse_string

from georeport.importer.bibtex import render_entry
from georeport.importer.footnotes import Source
from georeport.importer.keys import ascii_word, assign_keys, base_key

BIFOLCHI = Source(("Giuliano Bifolchi",), "Central Asian security", "SpecialEurasia")
TURKEY = Source(("Giuliano Bifolchi",), "Turkey and pan-Turkism", year="2021")


@pytest.mark.parametrize(
    ("source", "key"),
    [
        (Source(("Ani Mejlumyan",), "Armenians", year="2022"), "mejlumyan2022"),
        (Source(("V.V. Evseev",), "Авторитаризм", year="2013"), "evseev2013"),
        (Source(("Владимир Евсеев",), "Авторитаризм", year="2013"), "evseev2013"),
        (Source(("Ursula von der Leyen",), "Speech", year="2020"), "vonderleyen2020"),
        (Source(("Silvia Boltuč",), "Geopolitics", year="2021"), "boltuc2021"),
        (Source(title="Полиция Алма-Аты задержала", year="2022"), "politsiia2022"),
        (Source(title="U.S. Has Questions", year="2022"), "us2022"),
        (Source(title="Protest and state of emergency"), "protest"),
        (
            Source(title="Η πολιτική", outlet="Kathimerini", year="2020"),
            "kathimerini2020",
        ),
        (Source(title="北京"), "ref"),
        (Source(note="Ibid."), "ibid"),
    ],
)
def test_base_key(source: Source, key: str) -> None:
    assert base_key(source) == key


def test_ascii_word_uses_icao_doc_9303() -> None:
    assert ascii_word("Искандарян") == "iskandarian"
    assert ascii_word("Майк") == "maik"
    assert ascii_word("Арабские") == "arabskie"


def test_same_base_gets_letter_suffixes_first_one_plain() -> None:
    sources = [Source(title="Kazakhstan", outlet=o, year="2021") for o in "ABC"]
    assert assign_keys(sources, {}) == [
        "kazakhstan2021",
        "kazakhstan2021a",
        "kazakhstan2021b",
    ]


def test_a_source_cited_twice_keeps_its_key() -> None:
    assert assign_keys([TURKEY, BIFOLCHI, TURKEY], {}) == [
        "bifolchi2021",
        "bifolchi",
        "bifolchi2021",
    ]


def _bib(*entries: tuple[str, Source]) -> BibliographyData:
    return parse_string("\n\n".join(render_entry(k, s) for k, s in entries), "bibtex")


def test_a_key_held_by_another_source_is_skipped() -> None:
    other = Source(("Giuliano Bifolchi",), "Russia in the Caucasus", year="2021")
    existing = _bib(("bifolchi2021", other))
    assert assign_keys([TURKEY], existing.entries) == ["bifolchi2021a"]


def test_a_key_held_by_the_same_source_is_reused() -> None:
    existing = _bib(("bifolchi2021a", TURKEY))
    assert assign_keys([TURKEY], existing.entries) == ["bifolchi2021a"]


def test_an_entry_enriched_by_an_editor_is_still_the_same_source() -> None:
    text = render_entry("bifolchi2021", TURKEY).replace(
        "  year", "  url = {https://www.specialeurasia.com/x},\n  year"
    )
    existing = parse_string(text, "bibtex")
    assert assign_keys([TURKEY], existing.entries) == ["bifolchi2021"]


def test_keys_are_the_same_when_the_import_runs_again() -> None:
    sources = [TURKEY, BIFOLCHI, Source(("Giuliano Bifolchi",), "Other", year="2021")]
    first = assign_keys(sources, {})
    existing = _bib(*zip(first, sources, strict=True))
    assert assign_keys(sources, existing.entries) == first
