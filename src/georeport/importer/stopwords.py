"""The stopwords of a language: Snowball's lists, as Sphinx ships them.

Used where a few chief words stand for a title (a report's file name, a
citation key): "the", "of", "и" say nothing of it.
"""

from __future__ import annotations

import functools

from sphinx.search import languages
from sphinx.util import import_object

#: the languages whose stopwords no key or file name starts with
KEY_LANGUAGES = ("en", "it", "fr", "de", "es", "pt", "ru")


@functools.cache
def stopwords(language: str) -> frozenset[str]:
    """Snowball's stopwords of ``language``, as Sphinx ships them (or none)."""
    found = languages.get(language)
    if isinstance(found, str):
        found = import_object(found)
    return frozenset(word.casefold() for word in getattr(found, "stopwords", ()))


@functools.cache
def any_stopwords() -> frozenset[str]:
    """The stopwords of every language of :data:`KEY_LANGUAGES`."""
    return frozenset().union(*map(stopwords, KEY_LANGUAGES))
