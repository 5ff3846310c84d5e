"""Places of publication, known by the gazetteer rather than by their form."""

from __future__ import annotations

import pytest

from georeport.importer.gazetteer import are_cities, is_place, is_state


@pytest.mark.parametrize(
    "words",
    [
        "Oxford",
        "New Haven and London",
        "London & New York",
        "Bishkek/Brussels",
        "Москва и Санкт-Петербург",
        "Roma e Bari",
    ],
)
def test_a_city_or_cities_joined(words: str) -> None:
    assert are_cities(words)


@pytest.mark.parametrize(
    "words",
    ["Russia and China", "War and Peace", "Central Asia", "Title and London", ""],
)
def test_countries_or_words_joined_are_no_imprint(words: str) -> None:
    assert not are_cities(words)


def test_places_and_states() -> None:
    assert is_place("Алматы") and is_place("Kazakhstan") and is_place("М.")
    assert not is_place("Limes")
    assert is_state("NY") and is_state("D.C.") and not is_state("Limes")
