"""The PDF's text in every script: each run in a font that has its letters,
each run against its paragraph's direction turned.

XeTeX has no font fallback, and polyglossia switches fonts by declared
language only: a Georgian title without ``langid``, or the English words of
the house style inside an Arabic source, would lose their letters. So the
LaTeX writer cuts every text it writes by script (:func:`.scripts.runs`) and
wraps each run of Arabic, Hebrew, Armenian, Georgian, Devanagari or CJK
characters in ``\\georeportscript{key}{...}``, each run against the
paragraph's direction in ``\\georeportrtl`` or ``\\georeportltr``
(``texinputs/georeport-scripts.tex``). Polyglossia keeps what it does well
for the languages written in the main fonts' scripts: hyphenation.

The fonts are Debian's Noto families (``fonts-noto-core``,
``fonts-noto-cjk``). A report declares only the fonts its text uses, in its
own preamble: one in Latin and Cyrillic alone is written as before, and
loads nothing more; only a report that cites Chinese loads Noto CJK.

Urdu and Pashto are set in Noto Naskh Arabic, not Noto Nastaliq Urdu:
Nastaliq's glyphs map back to dotless letters, so the PDF's text would not
be the title written (``پاکستان`` read back as ``ٮاکسٮان``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.language import primary
from ..model.scripts import Run, cjk_face, runs

#: The TeX of the commands, copied into a preamble that needs them.
MACROS = Path(__file__).parent / "texinputs" / "georeport-scripts.tex"

#: script -> (serif font, sans serif font, fontspec features)
FONTS: dict[str, tuple[str, str, str]] = {
    "Arab": ("Noto Naskh Arabic", "Noto Sans Arabic", "Script=Arabic"),
    "Hebr": ("Noto Serif Hebrew", "Noto Sans Hebrew", "Script=Hebrew"),
    "Armn": ("Noto Serif Armenian", "Noto Sans Armenian", "Script=Armenian"),
    "Geor": ("Noto Serif Georgian", "Noto Sans Georgian", "Script=Georgian"),
    "Deva": ("Noto Serif Devanagari", "Noto Sans Devanagari", "Script=Devanagari"),
    "Hani": ("Noto Serif CJK {face}", "Noto Sans CJK {face}", "Script=CJK"),
}
#: (script, language) -> the OpenType language whose letter forms it takes
_LANGUAGE_FEATURE = {("Arab", "fa"): "Persian", ("Arab", "ur"): "Urdu"}
#: Noto CJK's face -> (OpenType language, line-breaking locale)
_CJK = {
    "SC": ("Chinese Simplified", "zh"),
    "TC": ("Chinese Traditional", "zh"),
    "JP": ("Japanese", "ja"),
    "KR": ("Korean", "ko"),
}


def font_key(script: str, language: str, text: str) -> str:
    """The fonts that set ``text`` of ``script`` in ``language``: ``Arab``,
    ``Arab-fa``, ``Hani-JP``..."""
    if script == "Hani":
        return f"Hani-{cjk_face(language, text)}"
    if (script, primary(language)) in _LANGUAGE_FEATURE:
        return f"{script}-{primary(language)}"
    return script


def declaration(key: str) -> str:
    """``\\georeportscriptfont{key}{serif}{sans}{features}{setup}``."""
    script, _, variant = key.partition("-")
    serif, sans, features = FONTS[script]
    setup = ""
    if script == "Hani":
        language, locale = _CJK[variant]
        serif, sans = serif.format(face=variant), sans.format(face=variant)
        features += f",Language={language}"
        # a line may break between any two ideographs (ICU's rules: not
        # before closing punctuation), stretching a little
        setup = rf'\XeTeXlinebreaklocale "{locale}"\XeTeXlinebreakskip=0pt plus 1pt'
    elif (script, variant) in _LANGUAGE_FEATURE:
        features += f",Language={_LANGUAGE_FEATURE[script, variant]}"
    return (
        rf"\georeportscriptfont{{{key}}}{{{serif}}}{{{sans}}}{{{features}}}{{{setup}}}"
    )


@dataclass
class ScriptWriter:
    """Writes text with its scripts and directions, remembering the fonts it
    used for the document's preamble."""

    keys: set[str] = field(default_factory=set)

    def write(
        self, text: str, encode: Callable[[str], str], language: str, direction: str
    ) -> str:
        """``text`` as LaTeX (``encode`` escapes a piece of it), in a
        paragraph of ``direction`` whose language is ``language``."""
        return "".join(
            self._run(run, encode, language) for run in runs(text, direction)
        )

    def _run(self, run: Run, encode: Callable[[str], str], language: str) -> str:
        out = []
        for piece in run.pieces:
            if piece.script:
                key = font_key(piece.script, language, piece.text)
                self.keys.add(key)
                out.append(rf"\georeportscript{{{key}}}{{{encode(piece.text)}}}")
            else:
                out.append(encode(piece.text))
        text = "".join(out)
        if run.turn:
            self.keys.add("")  # the commands, without a font
            return rf"\georeport{run.turn}{{{text}}}"
        return text

    def preamble(self) -> str:
        """The commands and the fonts used, or ``""`` when none was."""
        if not self.keys:
            return ""
        fonts = [declaration(key) for key in sorted(self.keys) if key]
        return "\n".join([MACROS.read_text(encoding="utf-8"), *fonts, ""])
