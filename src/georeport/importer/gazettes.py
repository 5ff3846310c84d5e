"""A law or an EU act cited with the official gazette that published it.

The Italian habit and ISO 690 write the act's kind, date and number as its
title and the gazette after it: "Legge 9 luglio 1990, n. 185, Nuove norme…, in
Gazzetta Ufficiale n. 163 del 14 luglio 1990", "Regolamento (UE) n. 833/2014
del Consiglio…, GU L 229 del 31.7.2014". The gazette's number and date are not
the act's: read field by field they became a journal's issue, a year and a
publisher. The act is ``@misc``, the gazette kept whole in its note. GOST's
"// Собрание законодательства РФ" and MLA's gazette as a container are a
journal's article, read by the form's own readers.
"""

# The patterns hold Cyrillic letters on purpose.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re

from georeport.importer.kinds import LEGAL_ACT

#: the gazette after the act, to the end: "in Gazzetta Ufficiale n. 163 del…"
_GAZETTE = re.compile(
    r"[,.]\s+(?P<gazette>(?:in\s+)?(?:Gazzetta\s+Ufficiale|G\.\s?U\.|GU(?:UE)?\s+L\b|"
    r"GU\b|Official\s+Journal|OJ\s+[LC]\b|Resm[iî]\s+Gazete|Journal\s+officiel|"
    r"Bundesgesetzblatt|BGBl\.|Собрание\s+законодательства|Відомості\s+Верховної|"
    r"Ведомости\s+Парламента|Бюллетень\s+международных\s+договоров)[^;]*?)[\s.]*$",
)
#: an act by its kind first: "Legge", "L.", "D.lgs.", "Decreto-legge",
#: "D.P.R.", "Regolamento (UE)", "Федеральный закон", "7262 sayılı … Kanun"
_ACT_FIRST = re.compile(
    r"^(?:L\.|D\.\s?lgs\.|D\.\s?L\.|D\.\s?P\.\s?R\.|\d+\s+sayılı\b)"
    rf"|^(?:\S+\s+){{0,2}}?(?:{LEGAL_ACT.pattern})",
    re.I,
)


def read_gazette_act(words: str) -> tuple[str, str] | None:
    """The act's title and the gazette's words, when ``words`` are an act
    numbered or dated before its gazette; ``None`` otherwise."""
    if "//" in words:
        return None
    match = _GAZETTE.search(words)
    if match is None:
        return None
    title = words[: match.start()].strip(" ,.")
    if not (_ACT_FIRST.match(title) and re.search(r"\d", title)):
        return None
    return title, match["gazette"]
