"""What the checks ask of a field's value: one rule for both ways of reading.

A file is read by :mod:`.scan` when it can be, by pybtex otherwise
(:mod:`.checks`); both apply these rules, so that a value is refused, or not,
whichever read it.
"""

from __future__ import annotations

import re

#: Fields read as they are written, not as LaTeX (a URL's ``%20`` is no comment).
RAW_FIELDS = frozenset({"url", "doi", "eprint", "file", "urldate"})
#: A language as BibTeX names it: ``russian``, ``ru``, ``pt-BR``, ``en_GB``.
_LANGUAGE = re.compile(r"^[A-Za-z]+(?:[-_][A-Za-z0-9]+)*$")
#: ``%`` not escaped as ``\%``: LaTeX reads the rest of the line as a comment.
_BARE_PERCENT = re.compile(r"(?<!\\)%")


def field_problem(name: str, value: str) -> str:
    """What is wrong with one field's value, and the fix; ``""`` if nothing.

    These would otherwise come out of the build far from their cause: a bare
    ``%`` silently cuts the text where it stands in both editions, and a
    ``langid`` that is not a language name ends as a LaTeX error on the
    report's ``.tex`` file, naming neither the entry nor the line.
    """
    lowered = name.lower()
    if lowered in ("langid", "language") and not _LANGUAGE.match(value.strip()):
        return (
            f"is {value!r}, which is not a language: write a name such as "
            "english or russian, or a code such as en or ru"
        )
    if lowered not in RAW_FIELDS and _BARE_PERCENT.search(value):
        return (
            "has a bare '%', which BibTeX and LaTeX read as the start of a "
            "comment (the rest of the line would be lost): write it as '\\%'"
        )
    return ""
