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
            "politiki2020",
        ),
        (Source(title="北京"), "beijing"),
        (Source(("王毅",), "中国—中亚峰会取得丰硕成果", year="2023"), "wangyi2023"),
        (Source(title="中国—中亚峰会取得丰硕成果", year="2023"), "zhongguo2023"),
        (Source(("{新华社}",), "合作协议", year="2024"), "xinhuashe2024"),
        (Source(title="საქართველოს საგარეო პოლიტიკა", year="2021"), "sakartvelos2021"),
        (Source(title="Հայաստանի արտաքին", year="2021"), "hayastani2021"),
        (Source(title="The Caucasus: An Introduction", year="2016"), "caucasus2016"),
        (Source(title="La Russia di Putin", year="2019"), "russia2019"),
        (Source(title="«Большая игра»", year="2008"), "bolshaia2008"),
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


def test_keys_are_the_same_on_every_run() -> None:
    """Keys depend on the sources and the file alone (an import run again
    finds its works in the file first: tests/test_importer_roundtrip.py)."""
    sources = [TURKEY, BIFOLCHI, Source(("Giuliano Bifolchi",), "Other", year="2021")]
    first = assign_keys(sources, {})
    assert first == ["bifolchi2021", "bifolchi", "bifolchi2021a"]  # no year: none
    assert assign_keys(list(sources), {}) == first


@pytest.mark.parametrize(
    ("author", "key"),
    [
        ("{International Crisis Group}", "internationalcrisisgroup2021"),
        ("{World Bank}", "worldbank2021"),
        ("{Ministry of Foreign Affairs of Kazakhstan}", "ministryforeignaffairs2021"),
        ("{ТАСС}", "tass2021"),
        ("Bifolchi, G.", "bifolchi2021"),
    ],
)  # fmt: skip
def test_organisations_are_keyed_by_their_name(author: str, key: str) -> None:
    assert base_key(Source((author,), "Title", year="2021")) == key


def test_a_source_dated_to_the_day_keys_its_year() -> None:
    assert base_key(Source(("Joanna Lillis",), "T", date="2022-01-17")) == "lillis2022"


def test_two_organisations_with_one_stem_do_not_collide() -> None:
    sources = [
        Source(("{World Bank}",), "Kazakhstan Update", year="2021"),
        Source(("{World Bank Group}",), "Other", year="2021"),
    ]
    assert assign_keys(sources, {}) == ["worldbank2021", "worldbankgroup2021"]


def test_an_undated_act_is_keyed_by_the_year_in_its_name() -> None:
    law = Source(
        title="Закон Туркменистана от 20.08.2022 № 512-VI «Об углеводородных ресурсах»"
    )
    assert base_key(law) == "zakon2022"
    # a symbol's digits are no year: not "sres22542254"
    assert base_key(Source(title="S/RES/2254")) == "sres2254"
