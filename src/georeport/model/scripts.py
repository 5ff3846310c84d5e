"""Scripts in text: which characters need a font of their own, and which
stretches run against the direction of the text around them.

The PDF's main fonts (FreeSerif, FreeSans, FreeMono) have every letter of
Latin, Cyrillic and Greek the region writes; Arabic, Hebrew, Armenian,
Georgian, Devanagari and the CJK scripts are each set in a font of their own
(:mod:`georeport.sphinxext.latex_scripts`), chosen by the characters
themselves, so that a title without ``langid`` still typesets. XeTeX has no
font fallback: each stretch of such characters is wrapped where it is.

Direction follows the Unicode bidirectional algorithm in small: a stretch
from the first to the last strong character of the other direction (with
what lies between: spaces, digits, punctuation) turns as one run, and is
isolated, so that the text around it keeps its order. The browser does the
rest in HTML (``dir``); TeX--XeT's ``\\beginR`` does it in the PDF.

Plain Python (``re``, ``bisect``, ``unicodedata``): no Sphinx.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

#: ISO 15924 code -> the code point ranges set in that script's font. Hani
#: holds every CJK script (Han, kana, Hangul) and CJK punctuation: one font
#: family (Noto CJK) has them all.
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "Arab": (
        (0x0600, 0x06FF),
        (0x0750, 0x077F),
        (0x08A0, 0x08FF),
        (0xFB50, 0xFDFF),
        (0xFE70, 0xFEFE),
    ),
    "Hebr": ((0x0591, 0x05F4), (0xFB1D, 0xFB4F)),
    "Armn": ((0x0531, 0x058F), (0xFB13, 0xFB17)),
    "Geor": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
    "Deva": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    "Hani": (
        (0x1100, 0x11FF),
        (0x2E80, 0x2FDF),
        (0x3000, 0x303F),
        (0x3040, 0x30FF),
        (0x3100, 0x312F),
        (0x3130, 0x318F),
        (0x31F0, 0x31FF),
        (0x3200, 0x33FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xA960, 0xA97F),
        (0xAC00, 0xD7FF),
        (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFFEF),
        (0x20000, 0x3134F),
    ),
}
#: Scripts written right to left.
RIGHT_TO_LEFT = frozenset({"Arab", "Hebr"})

_BOUNDS = sorted((a, b, code) for code, ranges in SCRIPTS.items() for a, b in ranges)
_STARTS = [a for a, _b, _code in _BOUNDS]
#: any character of :data:`SCRIPTS`: most text has none, and is left alone
_ANY = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b, _code in _BOUNDS) + "]")
#: a letter of a left-to-right script (Latin, Cyrillic, Greek...)
_LTR_LETTER = re.compile(r"[^\W\d_]")


def script(char: str) -> str:
    """The font script of a character (``Arab``, ``Hani``...), or ``""``
    for one the main fonts set."""
    point = ord(char)
    at = bisect.bisect_right(_STARTS, point) - 1
    if at >= 0 and point <= _BOUNDS[at][1]:
        return _BOUNDS[at][2]
    return ""


def _strong(char: str, direction: str) -> str:
    """``R``, ``L`` or ``""`` (neutral): the character's direction. In
    right-to-left text, European digits count as left to right: TeX--XeT
    has no rules for numbers, and would turn ``2785-2598`` into
    ``2598-2785``."""
    code = script(char)
    if code in RIGHT_TO_LEFT:
        return "R" if unicodedata.category(char)[0] in "LN" else ""
    if _LTR_LETTER.match(char) or (direction == "rtl" and "0" <= char <= "9"):
        return "L"
    return ""


@dataclass(frozen=True)
class Piece:
    """Characters of one font: ``script`` is ``""`` for the main fonts'."""

    text: str
    script: str


@dataclass(frozen=True)
class Run:
    """A stretch of text in one direction. ``turn`` is ``"rtl"`` or
    ``"ltr"`` for a stretch against the text around it, else ``""``."""

    pieces: tuple[Piece, ...]
    turn: str = ""

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def needs_runs(text: str, direction: str = "ltr") -> bool:
    """Does ``text`` hold a character of :data:`SCRIPTS`, or (in right-to-left
    text) a left-to-right letter? Most text does not, and stays as it is."""
    if direction == "rtl":
        return any(_strong(char, direction) == "L" for char in text) or bool(
            _ANY.search(text)
        )
    return bool(_ANY.search(text))


def runs(text: str, direction: str = "ltr") -> list[Run]:
    """``text`` cut into runs of one direction, each into pieces of one font.

    In left-to-right text a run turns from the first right-to-left letter to
    the last one before the next left-to-right letter; in right-to-left
    text, the other way round.
    """
    against = "R" if direction == "ltr" else "L"
    turn = "rtl" if against == "R" else "ltr"
    spans: list[tuple[int, int]] = []
    running = False  # no letter of the text's own direction since the last
    for index, char in enumerate(text):
        kind = _strong(char, direction)
        if kind == against:
            if running:
                spans[-1] = (spans[-1][0], index + 1)
            else:
                spans.append((index, index + 1))
            running = True
        elif kind:
            running = False
    spans = [_bracketed(text, start, end) for start, end in spans]
    found: list[Run] = []
    at = 0
    for start, end in spans:
        if start > at:
            found.append(Run(pieces(text[at:start])))
        found.append(Run(pieces(text[start:end]), turn))
        at = end
    if at < len(text) or not found:
        found.append(Run(pieces(text[at:])))
    return found


_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _bracketed(text: str, start: int, end: int) -> tuple[int, int]:
    """The run with the brackets right around it: ``(2014)`` turns whole,
    since TeX--XeT does not mirror a bracket left outside."""
    while start > 0 and end < len(text) and _PAIRS.get(text[start - 1]) == text[end]:
        start, end = start - 1, end + 1
    for opening, closing in _PAIRS.items():  # "Smith (2022" and its ")"
        inside = text[start:end]
        if (
            inside.count(opening) > inside.count(closing)
            and text[end : end + 1] == closing
        ):
            end += 1
    return start, end


def pieces(text: str) -> tuple[Piece, ...]:
    """``text`` cut where its font changes: combining marks and joiners go
    with the character before them, a space between two characters of one
    script goes with them."""
    codes: list[str] = []
    for char in text:
        code = script(char)
        joins = unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")
        codes.append(codes[-1] if joins and codes else code)
    for index, char in enumerate(text):
        if char == " " and 0 < index < len(text) - 1:
            before, after = codes[index - 1], codes[index + 1]
            if before and before == after:
                codes[index] = before
    found: list[Piece] = []
    for char, code in zip(text, codes, strict=True):
        if found and found[-1].script == code:
            found[-1] = Piece(found[-1].text + char, code)
        else:
            found.append(Piece(char, code))
    return tuple(found)


def letters_script(text: str) -> str:
    """The script most letters of ``text`` are in, as Unicode names them
    (``LATIN``, ``CYRILLIC``, ``ARABIC``, ``CJK``...), or ``""``."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "UNKNOWN").split()[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def cjk_face(language: str, text: str) -> str:
    """Which face of Noto CJK sets Han characters: ``SC`` (simplified
    Chinese), ``TC`` (traditional), ``JP`` or ``KR``, by the language, else
    by the kana or Hangul beside them."""
    parts = language.split("-")
    if parts[0] == "ja":
        return "JP"
    if parts[0] == "ko":
        return "KR"
    if parts[0] == "zh":
        return "TC" if {"Hant", "TW", "HK", "MO"} & set(parts[1:]) else "SC"
    if re.search("[\u3040-\u30ff]", text):
        return "JP"
    if re.search("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]", text):
        return "KR"
    return "SC"
