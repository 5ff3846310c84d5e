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
    ``%`` silently cuts the text where it stands in both editions, a
    ``langid`` that is not a language name ends as a LaTeX error on the
    report's ``.tex`` file, naming neither the entry nor the line, and a
    ``doi`` that is no DOI was printed as text without a word.
    """
    lowered = name.lower()
    if lowered == "doi" and value.strip():
        return _doi_problem(value)
    if lowered == "xdata":
        return XDATA
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


def _doi_problem(value: str) -> str:
    """A cited work's DOI: the DOI system's syntax (:func:`..model.doi.cited`)."""
    # imported here: the model (and idutils) only when a file has a DOI
    from ..model.doi import cited

    try:
        cited(value)
    except ValueError as err:
        return (
            f"is not a DOI: {err}: copy the DOI whole from the work's page, "
            "e.g. doi = {10.1000/182}"
        )
    return ""


#: What georeport says of biblatex's ``xdata`` (a field or an ``@xdata`` entry).
XDATA = (
    "uses biblatex's xdata, which georeport does not read (pybtex does not "
    "know it): copy the shared fields into each entry, or make the shared "
    "entry a parent that each names with crossref = {key}"
)


def entry_problem(kind: str) -> str:
    """What is wrong with an entry of type ``kind``, and the fix; ``""`` if nothing.

    An ``@xdata`` entry holds fields for others to take and has no title:
    without this, its message would be a missing title.
    """
    return XDATA if kind.lower() == "xdata" else ""
