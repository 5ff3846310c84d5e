"""Languages of sources: BibTeX ``langid`` names to BCP 47 codes and back.

``langid`` holds babel/polyglossia names (``russian``); HTML wants BCP 47
(``ru``). docutils turns a ``language-ru`` class into ``lang="ru"`` in HTML,
and the LaTeX preamble maps the same class to ``\\foreignlanguage``, so one
class serves both editions. The table is small and written by hand: the
Python libraries that know language names (babel, langcodes) want locale data
this project does not otherwise need.

A ``langid`` may also be a BCP 47 tag with a script or a region
(``zh-Hant``, ``zh-TW``, ``sr-Latn``): Chinese has two written forms, and
the tag is how a source says which.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pybtex.database import Entry

#: ``langid`` name -> BCP 47 code, for the languages of the region the
#: journal cites; the first name of a code is the one georeport writes.
LANGUAGES: dict[str, str] = {
    "english": "en",
    "russian": "ru",
    "ukrainian": "uk",
    "kazakh": "kk",
    "kyrgyz": "ky",
    "kirghiz": "ky",
    "tajik": "tg",
    "uzbek": "uz",
    "azerbaijani": "az",
    "azeri": "az",
    "turkmen": "tk",
    "mongolian": "mn",
    "serbian": "sr",
    "italian": "it",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "turkish": "tr",
    "greek": "el",
    "armenian": "hy",
    "georgian": "ka",
    "hebrew": "he",
    "persian": "fa",
    "farsi": "fa",
    "arabic": "ar",
    "urdu": "ur",
    "pashto": "ps",
    "hindi": "hi",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
}

#: The languages above that polyglossia (1.59, TeX Live 2022) has a
#: ``gloss-*.ldf`` for; the others (Kazakh, Kyrgyz, Tajik, Uzbek,
#: Azerbaijani, Pashto) are set in their script without one.
POLYGLOSSIA = frozenset(
    {
        *("english", "russian", "ukrainian", "turkmen", "mongolian", "serbian"),
        *("italian", "french", "german", "spanish", "turkish", "greek"),
        *("armenian", "georgian", "hebrew", "persian", "arabic", "urdu", "hindi"),
        *("chinese", "japanese", "korean"),
    }
)

#: Languages whose letters the PDF's main fonts (FreeSerif...) lack: their
#: text is set in its script's font, run by run, never through polyglossia's
#: ``\\foreignlanguage`` (which would set the house style's Latin words
#: around a title in that font too).
OWN_SCRIPT = frozenset(
    {"hy", "ka", "he", "fa", "ar", "ur", "ps", "hi", "zh", "ja", "ko"}
)

#: Languages written right to left (primary subtags).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur", "ps", "he", "yi", "ug", "ckb", "dv"})

#: A bare ISO 639 code (``ru``, ``kaz``) or a BCP 47 tag with a script and a
#: region (``zh-Hant``, ``zh-TW``): what else a ``langid`` may hold. It
#: becomes a class and ``lang=""`` in HTML.
_CODE = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$")


def _tag(name: str) -> str:
    """A BCP 47 tag in its usual case (``zh-Hant``, ``pt-BR``), or ``""``."""
    found = _CODE.match(name.replace("_", "-"))
    if found is None:
        return ""
    language, script, region = found.groups()
    return "-".join(
        [
            language,
            *([script.title()] if script else []),
            *([region.upper()] if region else []),
        ]
    )


def entry_language(entry: Entry) -> str:
    """BCP 47 code of an entry's ``langid`` (or ``language``), or ``""``."""
    name = (entry.fields.get("langid") or entry.fields.get("language") or "").strip()
    name = name.lower()
    return LANGUAGES.get(name) or _tag(name)


def language_classes(entry: Entry, document_language: str = "en") -> list[str]:
    """``["language-ru"]`` for a source in another language than the document."""
    code = entry_language(entry)
    return [f"language-{code}"] if code and code != document_language else []


def primary(code: str) -> str:
    """The language of a tag, without script or region: ``zh-Hant`` -> ``zh``."""
    return code.split("-", 1)[0].lower()


def direction(code: str) -> str:
    """``"rtl"`` for a language written right to left, else ``"ltr"``."""
    return "rtl" if primary(code) in RIGHT_TO_LEFT else "ltr"


def in_main_fonts(code: str) -> bool:
    """Is the language written in Latin, Cyrillic or Greek, which the main
    fonts set?"""
    return primary(code) not in OWN_SCRIPT


def langid_name(code: str) -> str | None:
    """The ``langid`` name of a BCP 47 code (``ru`` -> ``russian``), or None."""
    return next((name for name, known in LANGUAGES.items() if known == code), None)


def polyglossia_name(code: str) -> str | None:
    """The polyglossia name of a BCP 47 code, or None when polyglossia has
    no such language."""
    name = langid_name(code)
    return name if name in POLYGLOSSIA else None


#: ISO 639-2's bibliographic codes where they differ from its terminology
#: codes (the 20 such languages), terminology -> bibliographic.
_BIBLIOGRAPHIC = {
    "sqi": "alb",
    "hye": "arm",
    "eus": "baq",
    "mya": "bur",
    "zho": "chi",
    "ces": "cze",
    "nld": "dut",
    "fra": "fre",
    "kat": "geo",
    "deu": "ger",
    "ell": "gre",
    "isl": "ice",
    "mkd": "mac",
    "mri": "mao",
    "msa": "may",
    "fas": "per",
    "ron": "rum",
    "slk": "slo",
    "bod": "tib",
    "cym": "wel",
}


def iso639_2b(tag: str) -> str:
    """The ISO 639-2/B code of a BCP 47 tag's language (``de-AT``: ``ger``,
    ``en``: ``eng``), as DOAJ takes it, or ``""`` when it has none. The
    three-letter code comes from CLDR's aliases (babel), which list each
    two-letter code's ISO 639-2/T code."""
    from babel.core import get_global  # CLDR's data: only when asked

    primary = tag.split("-", 1)[0].lower()
    if len(primary) == 3:
        return _BIBLIOGRAPHIC.get(primary, primary)
    aliases = get_global("language_aliases")
    codes = sorted(
        alias for alias, code in aliases.items() if code == primary and len(alias) == 3
    )
    # CLDR also aliases individual languages to their macrolanguage ("cmn",
    # Mandarin, to "zh"): ISO 639-2's own code is the one of the table, else
    # the one that starts as the two-letter code does ("en": "eng")
    table = [code for code in codes if code in _BIBLIOGRAPHIC]
    alike = [code for code in codes if code[0] == primary[0]]
    chosen = (table or alike or codes or [""])[0]
    return _BIBLIOGRAPHIC.get(chosen, chosen)
