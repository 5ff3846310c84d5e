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
