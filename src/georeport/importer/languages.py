"""The language of a source (``langid``) from its script and its words.

The script decides where it can (Greek, Armenian, Georgian, Hebrew,
Devanagari, Hangul, kana, Han: simplified or traditional by the characters
only one of them has). Then letters only one language of the region writes
(:data:`_LETTERS`: Azerbaijani ``ə``, Uzbek's turned comma, Turkmen ``ň``, Kazakh
``ә``, Tajik ``ҷ``, Serbian ``ђ``, Pashto ``ځ``, Urdu ``ے``...): lingua
knows neither Kyrgyz, Tajik, Uzbek, Turkmen nor Pashto, and a few words are
too few for it anyway. The rest goes to lingua, restricted to the languages
the journal cites in that script, so that a short title is not taken for a
language nobody cites. Lingua answers only when one language clearly leads
(a minimum relative distance); an unsure Latin title is English, the
journal's language, an unsure Cyrillic one Russian and an unsure Arabic one
Arabic. Only names :data:`georeport.language.LANGUAGES` knows (or the tag
``zh-Hant``) are returned, so that every ``langid`` written becomes a
``lang`` attribute.
"""

# The transliteration patterns hold the apostrophe of a soft sign on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from lingua import Language, LanguageDetectorBuilder

from georeport.importer.stopwords import stopwords
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
_CYRILLIC = (Language.RUSSIAN, Language.UKRAINIAN, Language.KAZAKH, Language.MONGOLIAN)
_ARABIC = (Language.ARABIC, Language.PERSIAN, Language.URDU)
#: scripts whose language needs no detection (Unicode's names' first word)
_SCRIPT_LANGUAGE = {
    "GREEK": "greek",
    "ARMENIAN": "armenian",
    "GEORGIAN": "georgian",
    "HEBREW": "hebrew",
    "DEVANAGARI": "hindi",
    "HANGUL": "korean",
    "HIRAGANA": "japanese",
    "KATAKANA": "japanese",
}
#: (script, letters only that language writes, its langid), in this order:
#: Tajik before Kazakh (both write ғ and қ), Urdu's ٹ ڈ ڑ are not Pashto's
#: ټ ډ ړ
_LETTERS = tuple(
    (script, re.compile(letters), name)
    for script, letters, name in (
        ("LATIN", "[əƏ]", "azerbaijani"),
        ("LATIN", "\u02bb", "uzbek"),  # the turned comma of o and g
        ("LATIN", "[ňŇ]", "turkmen"),
        ("LATIN", "[ūŪ]|(?=.*[ıİ]).*[ñÑäÄ]", "kazakh"),  # 2021's alphabet
        ("CYRILLIC", "[їєґЇЄҐ]", "ukrainian"),
        ("CYRILLIC", "[ӣӯҳҷӢӮҲҶ]", "tajik"),
        ("CYRILLIC", "[ђћџљњјЂЋЏЉЊЈ]", "serbian"),
        ("CYRILLIC", "[әғқұһӘҒҚҰҺ]", "kazakh"),
        ("CYRILLIC", "[ңҢ]", "kyrgyz"),  # without Kazakh's own letters
        ("ARABIC", "[ټډړښږځڅګېۍ]", "pashto"),
        ("ARABIC", "[ٹڈڑںےۓ]", "urdu"),
    )
)
#: letters of the other Cyrillic alphabets that Russian lacks: without them
#: a Cyrillic title is Russian, whatever lingua makes of a few words
_NOT_RUSSIAN = re.compile("[іїєґәғқңөұүһІЇЄҐӘҒҚҢӨҰҮҺ]")
#: common characters each form of Chinese writes and the other does not
_SIMPLIFIED = set("与国亚组织问题关系经济发展义东华为时说对会学过这还们来个")
_TRADITIONAL = set("與國亞組織問題關係經濟發展義東華為時說對會學過這還們來個")
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
    if script in {"HIRAGANA", "KATAKANA", "CJK", "HANGUL"}:
        return _east_asian(text)
    if script in _SCRIPT_LANGUAGE:
        return _known(_SCRIPT_LANGUAGE[script])
    if script not in {"LATIN", "CYRILLIC", "ARABIC"}:
        return ""
    for where, letters, name in _LETTERS:
        if where == script and letters.search(text):
            return _known(name)
    if script == "CYRILLIC" and not _NOT_RUSSIAN.search(text):
        return "russian"  # Ukrainian and Kazakh words seldom lack their letters
    if script == "LATIN" and _transliterated_russian(text):
        return "russian"
    hinted = _url_language(url) if script == "LATIN" else None
    detector = _detector(script)
    if hinted is not None and (
        detector.compute_language_confidence(text, hinted) >= _PLAUSIBLE
    ):
        return _known(hinted.name.lower())
    found = detector.detect_language_of(text)
    if script == "LATIN":
        found = _by_stopwords(text, found)
    if found is None and context.strip():
        # a short title ("Il Caucaso del Nord") said with the rest of its
        # source's words: the outlet, the publisher, the place
        found = detector.detect_language_of(f"{text} {context}")
    if found is None:
        default = {"LATIN": "english", "CYRILLIC": "russian", "ARABIC": "arabic"}
        return _known(default[script])
    return _known(found.name.lower())


#: Russian words in Latin letters, as scholars transliterate them (ISO 9,
#: the Library of Congress, BGN): their endings and their short words
_RUSSIAN_ENDING = re.compile(
    r"(?:sk(?:ij|ii|iy|aja|aya|oe|ogo|om|ie|ikh|ix)|[nv](?:yj|yi|ye|ykh)|"
    r"ogo|ost[’']|osti|ija|iia|ii|stvo|stva|enie|enija|anie|aja|yj)$"
)
_RUSSIAN_WORD = frozenset((
    "v", "i", "na", "po", "ot", "dlja", "dlia", "pri", "posle", "k", "s", "ob",
    "iz", "bez", "pod", "nad", "mezhdu", "meždu",
))  # fmt: skip
#: the háček of ISO 9 and scholarly transliteration (č, š, ž): no language of
#: the journal written in Latin letters has it
_HACEK = re.compile("[čšžČŠŽ]")


def _transliterated_russian(text: str) -> bool:
    """ "Politika Rossii v Kaspijskom regione", "Počemu Baku zakryvaet
    Russkij dom": lingua reads them as Turkish or Spanish."""
    words = re.findall(r"[^\W\d_][\w’']*", text)
    endings = sum(bool(_RUSSIAN_ENDING.search(w.casefold())) for w in words)
    short = sum(w.casefold() in _RUSSIAN_WORD for w in words)
    if _HACEK.search(text):
        return endings >= 1
    return endings >= 2 and (endings + short) / max(len(words), 1) >= 0.3


def _by_stopwords(text: str, found: Language | None) -> Language | None:
    """The language whose stopwords the title holds, where lingua's choice
    holds none of its own: "Turkmenistan e il gas cinese" reads English to
    lingua for its names, but "e" and "il" are Italian."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    hits = {
        language: sum(
            word in stopwords(language.iso_code_639_1.name.lower()) for word in words
        )
        for language in _LATIN
    }
    best = max(hits, key=hits.__getitem__)
    runner_up = max(count for language, count in hits.items() if language is not best)
    if (
        hits[best] >= _STOPWORDS
        and hits[best] > runner_up
        and (found is None or hits[found] == 0)
    ):
        return best
    return found


#: how many of a language's stopwords make a title that language
_STOPWORDS = 2
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


def _east_asian(text: str) -> str:
    """Japanese with kana, Korean with Hangul, else Chinese: traditional
    (``zh-Hant``) when more of its characters are traditional's alone."""
    names = {unicodedata.name(char, "").split(" ")[0] for char in text}
    if names & {"HIRAGANA", "KATAKANA"}:
        return "japanese"
    if "HANGUL" in names:
        return "korean"
    chars = set(text)
    return (
        "zh-Hant" if len(chars & _TRADITIONAL) > len(chars & _SIMPLIFIED) else "chinese"
    )


def _known(name: str) -> str:
    return name if name in LANGUAGES else ""


def english_likeness(text: str) -> float:
    """lingua's confidence (0 to 1) that ``text`` is English, among Latin languages.

    Organisations' names are English words ("Freedom House"); people's names
    seldom read as English to lingua ("Giuliano Bifolchi" reads Italian).
    """
    detector = _detector("LATIN")
    return detector.compute_language_confidence(text, Language.ENGLISH)
