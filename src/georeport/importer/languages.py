"""The language of a source (``langid``) from its script and its words.

The script decides where it can (Armenian, Georgian, Han); Cyrillic and Latin
titles go to lingua, restricted to the languages the journal cites in that
script, so that a short title is not taken for a language nobody cites. Lingua
answers only when one language clearly leads (a minimum relative distance);
an unsure Latin title is English, the journal's language, and an unsure
Cyrillic one Russian. Only names :data:`georeport.language.LANGUAGES` knows
are returned, so that every ``langid`` written becomes a ``lang`` attribute.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from lingua import Language, LanguageDetectorBuilder

from georeport.model.language import LANGUAGES

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: the languages the journal cites, by script; the first is the default
_LATIN = (
    Language.ENGLISH,
    Language.ITALIAN,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.TURKISH,
)
_CYRILLIC = (Language.RUSSIAN, Language.UKRAINIAN, Language.KAZAKH)
_ARABIC = (Language.ARABIC, Language.PERSIAN)
#: scripts whose language needs no detection
_SCRIPT_LANGUAGE = {"ARMENIAN": "armenian", "GEORGIAN": "georgian", "CJK": "chinese"}
#: letters of the Ukrainian and Kazakh alphabets that Russian lacks: without
#: them a Cyrillic title is Russian, whatever lingua makes of a few words
_NOT_RUSSIAN = re.compile("[іїєґәғқңөұүһІЇЄҐӘҒҚҢӨҰҮҺ]")
#: how far the best language must lead the second (lingua's relative distance)
_LEAD = 0.15


@functools.cache
def _detector(script: str) -> LanguageDetector:
    languages = {"LATIN": _LATIN, "CYRILLIC": _CYRILLIC, "ARABIC": _ARABIC}[script]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_minimum_relative_distance(_LEAD)
        .build()
    )


def script_of(text: str) -> str:
    """The script most letters of ``text`` are written in (``LATIN``, ...)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = unicodedata.name(char, "UNKNOWN").split()[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def langid(text: str, url: str = "", context: str = "") -> str:
    """The ``langid`` of a source whose title (or words) is ``text``, or ``""``.

    A URL that names its page's language (``/en/``, ``?lang=fr``) decides
    between the Latin-script languages lingua finds plausible: a short title
    ("TAP: a European corridor") reads as Spanish as much as English.
    ``context``, the source's other words, decides where the title alone
    leaves lingua unsure.
    """
    script = script_of(text)
    if script in _SCRIPT_LANGUAGE:
        return _known(_SCRIPT_LANGUAGE[script])
    if script not in {"LATIN", "CYRILLIC", "ARABIC"}:
        return ""
    if script == "CYRILLIC" and not _NOT_RUSSIAN.search(text):
        return "russian"  # Ukrainian and Kazakh words seldom lack their letters
    hinted = _url_language(url) if script == "LATIN" else None
    detector = _detector(script)
    if hinted is not None and (
        detector.compute_language_confidence(text, hinted) >= _PLAUSIBLE
    ):
        return _known(hinted.name.lower())
    found = detector.detect_language_of(text)
    if found is None and context.strip():
        # a short title ("Il Caucaso del Nord") said with the rest of its
        # source's words: the outlet, the publisher, the place
        found = detector.detect_language_of(f"{text} {context}")
    if found is None:
        default = {"LATIN": "english", "CYRILLIC": "russian", "ARABIC": "arabic"}
        return _known(default[script])
    return _known(found.name.lower())


#: lingua's confidence above which the URL's language is taken
_PLAUSIBLE = 0.15
#: a language code as a URL's path segment or query value
_URL_LANGUAGE = re.compile(
    r"^[a-z][a-z0-9+.-]*://[^/?#]+(?:/[^?#]*)?/(?P<path>[a-z]{2})(?:[-_][a-z]{2})?(?:/|$)"
    r"|[?&](?:lang|language|hl|locale)=(?P<query>[a-z]{2})\b",
    re.I,
)


def _url_language(url: str) -> Language | None:
    """The Latin-script language a URL names (``/en/``, ``?lang=fr``), if any."""
    codes = {language.iso_code_639_1.name.lower(): language for language in _LATIN}
    for match in _URL_LANGUAGE.finditer(url):
        code = (match["path"] or match["query"] or "").lower()
        if code in codes:
            return codes[code]
    return None


def _known(name: str) -> str:
    return name if name in LANGUAGES else ""


def english_likeness(text: str) -> float:
    """lingua's confidence (0 to 1) that ``text`` is English, among Latin languages.

    Organisations' names are English words ("Freedom House"); people's names
    seldom read as English to lingua ("Giuliano Bifolchi" reads Italian).
    """
    detector = _detector("LATIN")
    return detector.compute_language_confidence(text, Language.ENGLISH)
