"""The journal's fixed words in a report's language: a gettext catalogue.

A report's page and PDF print a few words of the journal's own around the
author's text ("Volume 15, Issue 1", "How to cite", "Published", "Notes",
the breadcrumbs' "Archive"). They are written in English in the code (the
catalogue's message ids) and translated by the message catalogue
``locale/<language>/LC_MESSAGES/georeport.po``, compiled with Babel into the
``.mo`` beside it, as Sphinx and its extensions keep theirs. Sphinx's own
translator (``sphinx.locale.get_translation``) follows ``conf.py``'s
``language`` only, and one build writes reports in several languages: each
language gets its own ``gettext.translation``, made once per process.

Month names come from Babel's CLDR data (``gennaio 2022``, ``январь 2022``,
``5 января 2022``), never from the C library's locale, which a build machine
may not have. A language without a catalogue gets every word in English,
dates included, and says so (:attr:`Words.language` is ``"en"``), so that a
page can mark those words as English.

Plain Python (gettext and Babel): no Sphinx.
"""

from __future__ import annotations

import datetime
import functools
import gettext
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date

if TYPE_CHECKING:
    from .dates import PartialDate

#: The catalogue's domain: ``georeport.po`` / ``georeport.mo``.
DOMAIN = "georeport"
#: Where the catalogues are: ``locale/<language>/LC_MESSAGES/georeport.mo``.
LOCALE_DIR = Path(__file__).parent.parent / "locale"
#: The language of the message ids, which needs no catalogue.
SOURCE_LANGUAGE = "en"

#: CLDR patterns of a date known to the month, and to the day: the
#: stand-alone month (``LLLL``: Russian ``январь 2022``) and the month of a
#: day (``MMMM``: ``5 января 2022``), as the journal prints them in English
#: (``January 2022``, ``5 January 2022``).
MONTH_PATTERN = "LLLL y"
DAY_PATTERN = "d MMMM y"


def gettext_name(tag: str) -> str:
    """A BCP 47 tag as gettext and Babel name locales: ``pt-BR`` -> ``pt_BR``."""
    return tag.replace("-", "_")


@dataclass(frozen=True)
class Words:
    """The journal's words in one language.

    ``language`` is the language they are really in: the one asked for when
    a catalogue has it, else ``"en"`` (the message ids).
    """

    language: str
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        """``message`` (an English message id) in this language."""
        return self.translations.gettext(message)

    def date(self, date: PartialDate) -> str:
        """``January 2022``, ``5 January 2022`` or ``2022``, in this language."""
        if not date.month:
            return str(date.year)
        day = datetime.date(date.year, date.month, date.day or 1)
        pattern = DAY_PATTERN if date.day else MONTH_PATTERN
        return format_date(day, pattern, locale=_locale(self.language))

    def issue_line(self, volume: int, issue: int, date: PartialDate) -> str:
        """``Volume 15, Issue 1, January 2022``: a report's place, for its
        masthead and running heads."""
        line = self.gettext("Volume {volume}, Issue {issue}, {date}")
        return line.format(volume=volume, issue=issue, date=self.date(date))

    def authors(self, names: Sequence[str]) -> str:
        """``A, B and C``: the names as a byline joins them."""
        if len(names) <= 1:
            return "".join(names)
        joined = self.gettext("{names} and {last}")
        return joined.format(names=", ".join(names[:-1]), last=names[-1])

    def volume(self, number: int) -> str:
        """``Volume 15``: a volume in the breadcrumbs."""
        return self.gettext("Volume {number}").format(number=number)

    def issue(self, number: int, date: PartialDate) -> str:
        """``Issue 1 — January 2022``: an issue within its volume."""
        name = self.gettext("Issue {number} — {date}")
        return name.format(number=number, date=self.date(date))


@functools.cache
def words(language: str) -> Words:
    """The journal's words in ``language`` (a BCP 47 tag), English when no
    catalogue has them; made once per process and language."""
    names = [gettext_name(language)]
    if gettext.find(DOMAIN, LOCALE_DIR, languages=names) is None:
        return Words(SOURCE_LANGUAGE, gettext.NullTranslations())
    return Words(language, gettext.translation(DOMAIN, LOCALE_DIR, languages=names))


def catalogued() -> list[str]:
    """The languages the catalogue translates into, as gettext names them."""
    found = LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    return sorted(path.parent.parent.name for path in found)


@functools.cache
def _locale(language: str) -> Locale:
    """Babel's locale of a tag; English for one CLDR does not know."""
    try:
        return Locale.parse(gettext_name(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def language_name(language: str) -> str:
    """The language's name in that language, as a link to it reads:
    ``English``, ``Italiano``, ``Русский``, ``Português (Brasil)``.

    CLDR writes some names in lower case (``italiano``, ``русский``), as a
    sentence would; a link standing alone starts with a capital. A tag CLDR
    does not know is shown as it is written.
    """
    try:
        name = Locale.parse(gettext_name(language)).get_display_name() or ""
    except (UnknownLocaleError, ValueError):
        name = ""
    return name[:1].upper() + name[1:] if name else language


def open_graph_locale(language: str) -> str:
    """The ``og:locale`` of a tag, ``language_TERRITORY`` as Open Graph
    asks: the tag's own territory, else CLDR's likeliest one (``it`` ->
    ``it_IT``, ``en`` -> ``en_US``); ``""`` for a tag CLDR does not know."""
    try:
        locale = Locale.parse(gettext_name(language))
        territory = (
            locale.territory
            or Locale.parse(
                get_global("likely_subtags").get(locale.language, "")
            ).territory
        )
    except (UnknownLocaleError, ValueError):
        return ""
    return f"{locale.language}_{territory}" if territory else ""
