"""A report's DOI: checked once, made from a pattern, unique in the journal.

Pure Python, no Sphinx: the model (:mod:`georeport.model`) checks a DOI
written in front matter, or makes one from ``georeport_doi_prefix`` and
``georeport_doi_pattern``; the HTML head, the masthead, the PDF, the exports
and the Crossref deposit (:mod:`georeport.deposit`) take it from the
:class:`~georeport.model.report.Report`.

A DOI is checked in two steps: its shape with idutils (``10.`` a prefix
``/`` a suffix, written bare, as ``doi:`` or as its doi.org link), then what
Crossref registers: a prefix of 4 to 9 digits (its XSD's ``doi_t``), a
suffix of at most 200 characters from the set Crossref recommends (letters,
digits and ``-._;()/``). The second step is written here because no library
knows Crossref's rules; the character set also means that a DOI is safe as it
is in a URL, in LaTeX's ``\\href`` and in XML (every output still escapes it).

A cited work's DOI (a ``doi`` of ``references.bib``) is checked by the first
step only, and must hold no white space (:func:`cited`): Crossref's rules are
for the DOIs the journal registers with Crossref.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

from .errors import shown

#: The resolver every DOI links to, as Crossref's display guidelines write it.
RESOLVER = "https://doi.org/"
#: What the pattern of made DOIs is when ``conf.py`` sets only the prefix:
#: the report's file name is unique in its folder, so two reports never get
#: one DOI (``10.12345/15-1-kazakhstan``).
DEFAULT_PATTERN = "{prefix}/{slug}"
#: The facts a pattern may name.
PATTERN_FIELDS = ("prefix", "volume", "issue", "slug", "order", "year")
#: A prefix Crossref registers: ``10.`` and 4 to 9 digits (its ``doi_t``).
_PREFIX = re.compile(r"10\.\d{4,9}")
#: The suffix characters Crossref recommends.
_SUFFIX_CHAR = re.compile(r"[A-Za-z0-9\-._;()/]")
_MAX_SUFFIX = 200
#: A DOI's link to shown text: the example of every message.
EXAMPLE = "doi: 10.12345/gr.2024.1"


def normalize(value: str) -> str:
    """The DOI alone (``10.12345/x``) of a DOI written bare, with ``doi:``
    or as its doi.org link; ValueError with the fix when it is no DOI Crossref
    registers."""
    text = value.strip()
    doi = _shaped(text)
    if doi is None:
        msg = (
            f"{shown(text)} is not a DOI: write '10.', the prefix's digits, '/' and "
            f"the suffix, e.g. {EXAMPLE}"
        )
        raise ValueError(msg)
    prefix, _, suffix = doi.partition("/")
    if not _PREFIX.fullmatch(prefix):
        msg = (
            f"the DOI {shown(doi)} has the prefix {shown(prefix)}: a prefix Crossref "
            "registers is '10.' and 4 to 9 digits (copy it from Crossref's "
            f"letter to the journal), e.g. {EXAMPLE}"
        )
        raise ValueError(msg)
    bad = sorted({char for char in suffix if not _SUFFIX_CHAR.fullmatch(char)})
    if bad:
        chars = ", ".join(repr(char) for char in bad[:5]) + (", …" if bad[5:] else "")
        msg = (
            f"the DOI {shown(doi)} holds {chars} in its suffix: use only letters, "
            "digits and - . _ ; ( ) / (the characters Crossref recommends)"
        )
        raise ValueError(msg)
    if len(suffix) > _MAX_SUFFIX:
        msg = (
            f"the DOI {shown(doi)} has a suffix of {len(suffix)} characters: "
            f"Crossref takes at most {_MAX_SUFFIX}"
        )
        raise ValueError(msg)
    return doi


def _shaped(text: str) -> str | None:
    """The DOI alone of ``text`` if it has a DOI's shape (idutils), else None."""
    # imported here: idutils takes 0.2 s to import, and few reports have a DOI
    import idutils

    if not idutils.is_doi(text):
        return None
    doi: str = idutils.normalize_doi(text)  # idutils is untyped
    return doi


#: White space or a control character: no DOI holds one (idutils takes any).
_BLANK = re.compile(r"[\s\x00-\x1f\x7f]")


def cited(value: str) -> str:
    """The DOI alone of a cited work's ``doi`` (bare, ``doi:`` or its link);
    ValueError saying what is wrong when it is no DOI.

    Only the DOI system's syntax (idutils: ``10.``, the registrant's digits,
    ``/``, a suffix), and no white space, not Crossref's rules
    (:func:`normalize`): a source's DOI may be registered by any agency
    (DataCite, mEDRA, JaLC, ...), and Crossref's own older DOIs hold
    characters outside the set it now recommends
    (``10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0``).
    White space is never part of a DOI: it is a copying fault.
    """
    text = value.strip()
    doi = _shaped(text)
    if doi is None:
        msg = f"{text!r} is not a DOI ('10.', the registrant's digits, '/', the suffix)"
        raise ValueError(msg)
    blank = _BLANK.search(doi)
    if blank:
        msg = f"{text!r} holds white space ({blank.group()!r}), which no DOI has"
        raise ValueError(msg)
    return doi


def url(doi: str) -> str:
    """``https://doi.org/10.12345/x``: the DOI's link (its characters need no
    percent-encoding, :func:`normalize`)."""
    return f"{RESOLVER}{doi}" if doi else ""


def check_prefix(prefix: str) -> str:
    """``georeport_doi_prefix``: ``10.`` and 4 to 9 digits (a trailing ``/``
    is dropped); ValueError with the fix."""
    text = prefix.strip().removesuffix("/")
    if not _PREFIX.fullmatch(text):
        msg = (
            f"{prefix!r} is not a DOI prefix Crossref registers: write '10.' "
            "and its 4 to 9 digits, as Crossref gave it, e.g. "
            'georeport_doi_prefix = "10.12345"'
        )
        raise ValueError(msg)
    return text


def check_pattern(pattern: str) -> str:
    """``georeport_doi_pattern``: a Python format string naming only
    :data:`PATTERN_FIELDS`, starting with ``{prefix}/`` and naming something
    of each report; ValueError with the fix."""
    known = ", ".join(f"{{{name}}}" for name in PATTERN_FIELDS)
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name]
    except ValueError as err:
        msg = f"{pattern!r} is not a pattern ({err}): write e.g. {DEFAULT_PATTERN!r}"
        raise ValueError(msg) from None
    unknown = [name for name in names if name not in PATTERN_FIELDS]
    if unknown:
        msg = f"{pattern!r} names {unknown[0]!r}: a pattern may name {known}"
        raise ValueError(msg)
    if not pattern.startswith("{prefix}/"):
        msg = (
            f"{pattern!r} must start with '{{prefix}}/' (the journal's prefix, "
            f"then the suffix), e.g. {DEFAULT_PATTERN!r}"
        )
        raise ValueError(msg)
    if not {"slug", "order"} & set(names):
        msg = (
            f"{pattern!r} would give every report of an issue the same DOI: "
            "name {slug} (the report's file name) or {order} (its place in "
            "its issue), e.g. '{prefix}/gr.{volume}.{issue}.{order}'"
        )
        raise ValueError(msg)
    return pattern


def made(pattern: str, facts: Mapping[str, object]) -> str:
    """The DOI ``pattern`` makes of a report's ``facts`` (unchecked)."""
    return pattern.format(**facts)


class _Identified(Protocol):
    """What :func:`collisions` reads of a report (:class:`.Report` has both)."""

    @property
    def docname(self) -> str: ...

    @property
    def doi(self) -> str: ...


_R = TypeVar("_R", bound=_Identified)


def collisions(reports: Iterable[_R]) -> list[tuple[_R, _R]]:
    """Pairs of reports that have one DOI (DOIs are case-insensitive): the
    first report of that DOI, in file-name order, and each later one."""
    first: dict[str, _R] = {}
    found = []
    for report in sorted(reports, key=lambda r: r.docname):
        if not report.doi:
            continue
        key = report.doi.casefold()
        if key in first:
            found.append((first[key], report))
        else:
            first[key] = report
    return found
