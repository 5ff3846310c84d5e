"""Languages of sources: BibTeX ``langid`` names to BCP 47 codes and back.

``langid`` holds babel/polyglossia names (``russian``); HTML wants BCP 47
(``ru``). docutils turns a ``language-ru`` class into ``lang="ru"`` in HTML,
and the LaTeX preamble maps the same class to ``\\foreignlanguage``, so one
class serves both editions. The table is small and written by hand: the
Python libraries that know language names (babel, langcodes) want locale data
this project does not otherwise need.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pybtex.database import Entry

#: polyglossia/babel name -> BCP 47 code, for the languages the journal cites.
LANGUAGES: dict[str, str] = {
    "english": "en",
    "russian": "ru",
    "ukrainian": "uk",
    "kazakh": "kk",
    "italian": "it",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "turkish": "tr",
    "armenian": "hy",
    "georgian": "ka",
    "persian": "fa",
    "arabic": "ar",
    "chinese": "zh",
}


#: A bare ISO 639 code (``ru``, ``kaz``): what else a ``langid`` may hold. It
#: becomes a class and ``lang=""`` in HTML, ``\\foreignlanguage`` in LaTeX.
_CODE = re.compile(r"^[a-z]{2,3}$")


def entry_language(entry: Entry) -> str:
    """BCP 47 code of an entry's ``langid`` (or ``language``), or ``""``."""
    name = (entry.fields.get("langid") or entry.fields.get("language") or "").strip()
    name = name.lower()
    return LANGUAGES.get(name, name if _CODE.match(name) else "")


def language_classes(entry: Entry, document_language: str = "en") -> list[str]:
    """``["language-ru"]`` for a source in another language than the document."""
    code = entry_language(entry)
    return [f"language-{code}"] if code and code != document_language else []


def polyglossia_name(code: str) -> str | None:
    """The polyglossia name of a BCP 47 code, or None when unknown."""
    for name, known in LANGUAGES.items():
        if known == code:
            return name
    return None


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
