"""A BibTeX file split into its entries at the speed of a regular expression.

The journal keeps the sources of its whole archive in one file: 20,000
entries take pybtex seconds to parse (its scanner is pure Python, a token at
a time), while a build formats the few dozen its reports cite. No library
splits BibTeX without parsing it whole (pybtex, bibtexparser and
sphinxcontrib-bibtex all build every entry), hence this module.

:func:`scan` proves in a few passes of :mod:`re` that a file is written in a
strict subset of BibTeX: ``@type{key, name = value, ...}`` entries whose
values are braced or quoted text (braces nested at most :data:`DEPTH` deep),
numbers or month names, between free text holding no ``@``. It applies to
every entry the checks of :mod:`.checks` apply (a title, no bare ``%``, a
``langid`` that is a language, no repeated key or field, names pybtex can
split), and keeps each entry's text. :class:`LazyEntries` then hands pybtex
one entry at a time, when a report asks for it.

Anything outside the subset or failing a check (``@string``, ``@preamble``,
``@comment``, parentheses for braces, ``#`` concatenation, other macros,
deeper braces, a fault) makes :func:`scan` return None, and the caller
parses the whole file with pybtex as before, with its exact messages: the
subset decides how fast a file is read, never what is read from it
(``tests/test_bib_scan.py`` compares the two on every kind of entry).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
from array import array
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from pybtex.database import BibliographyData
from pybtex.database.input import bibtex
from pybtex.exceptions import PybtexError

from .rules import RAW_FIELDS, entry_problem, field_problem

if TYPE_CHECKING:
    from pathlib import Path

    from pybtex.database import Entry

#: Braces nested deeper than this in one value send the file to pybtex.
DEPTH = 6


def _braced(depth: int) -> str:
    """A ``{...}`` group with balanced braces nested at most ``depth`` deep."""
    inner = r"[^{}]*+"
    for _ in range(depth - 1):
        inner = rf"(?:[^{{}}]++|\{{{inner}\}})*+"
    return rf"\{{{inner}\}}"


_BRACED = _braced(DEPTH)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
#: A field value pybtex reads without macros of the file: braced or quoted
#: text, a number, a month name.
_VALUE = (
    rf"(?:{_BRACED}"
    rf'|"(?:[^"{{}}]++|{_BRACED})*+"'
    r"|[0-9]++"
    rf"|(?i:{_MONTHS})(?![^\s,}}#])"
    r")"
)
_NAME = r"[A-Za-z][A-Za-z0-9_.:+-]*+"


def _unit(name: str = "", value: str = "") -> str:
    """One ``, name = value`` unit of an entry's body, its parts in the
    groups given (a unit may be empty, as pybtex allows ``,,`` and a
    trailing comma)."""
    return rf"\s*+,(?:\s*+({name}{_NAME})\s*+=\s*+({value}{_VALUE}))?"


#: An entry of the subset: its type, key and body (its units), whole.
_ENTRY = re.compile(
    r"@\s*+([A-Za-z][A-Za-z0-9_-]*+)\s*+\{\s*+"
    r"([^\s,{}()\"#%'=\\~@]++)"
    rf"((?:{_unit('?:', '?:')})*+)\s*+\}}"
)
#: The names and values of the units of a body :data:`_ENTRY` matched.
_UNITS = re.compile(_unit())
#: Entry types pybtex treats as commands, not entries.
_COMMANDS = frozenset({"string", "preamble", "comment"})
_GROUP = re.compile(r"\{[^{}]*\}")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


#: A file this large (characters) is scanned in two processes at once.
PARALLEL = 1_000_000


#: What :func:`scan` finds: each entry's span in the text, by key, in file
#: order; and the ``crossref`` of each entry that has one, as pybtex reads it.
Found = tuple[dict[str, tuple[int, int]], dict[str, str]]


def scan(text: str) -> Found | None:
    """Each entry's key and span in ``text``, and its parent; or None: let
    pybtex read it all.

    Keys are in file order; None also when any entry has a fault the checks
    name, so that the message comes from the same code as without this scan.
    A large file (:data:`PARALLEL`) is split at an entry's start near its
    middle, and its second half scanned by a child process meanwhile
    (:func:`_in_two`).
    """
    if len(text) >= PARALLEL and _can_fork():
        return _in_two(text)
    return _scan(text, 0, len(text))


def _can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def _in_two(text: str) -> Found | None:
    """:func:`_scan` of each half of ``text``, the second in a forked child.

    Hand-written with ``os.fork`` and a pipe: starting a process pool costs
    more than half of what the second process saves (20,000 entries: 0.18 s
    in one process, 0.13 s with a pool, about 0.1 s this way). The child
    shares the text (copy on write) and sends back only the spans. A split
    that falls inside an entry fails in both halves, and the file is scanned
    whole, as any answer of the child that cannot be read.
    """
    middle = text.find("\n@", len(text) // 2) + 1
    if middle == 0:
        return _scan(text, 0, len(text))
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: scan, send, and leave without cleaning up
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump(_scan(text, middle, len(text)), out)
        finally:
            os._exit(0)
    os.close(write)
    first = _scan(text, 0, middle)
    try:
        with os.fdopen(read, "rb") as answer:
            second = pickle.load(answer)  # our own child's bytes
    except (EOFError, pickle.UnpicklingError):
        second = None
    finally:
        os.waitpid(child, 0)
    if first is None or second is None:
        return _scan(text, 0, len(text))
    if {key.lower() for key in first[0]} & {key.lower() for key in second[0]}:
        return None  # a key used in both halves: pybtex names it
    return {**first[0], **second[0]}, {**first[1], **second[1]}


def _scan(text: str, start: int, end: int) -> Found | None:
    """:func:`scan` of ``text[start:end]``, which must end between entries.

    Written for 20,000 entries a build: one match an entry, one ``findall``
    of its units, then C-level work (``zip``, ``dict``, ``in``), and a
    field's own check only where it can fail. Where this is stricter than the
    checks (a title of braces alone), pybtex reads the file and they decide.
    """
    spans: dict[str, tuple[int, int]] = {}
    parents: dict[str, str] = {}
    seen: set[str] = set()
    position = start
    while (at := text.find("@", position, end)) != -1:
        match = _ENTRY.match(text, at, end)
        if match is None:
            return None
        kind, key, body = match.groups()
        folded = key.lower()
        if folded in seen or kind.lower() in _COMMANDS or entry_problem(kind):
            return None
        seen.add(folded)
        units = _UNITS.findall(body)
        if not units:
            return None  # no field, so no title
        names, values = zip(*units, strict=True)
        fields = dict(zip(map(str.lower, names), values, strict=True))
        fields.pop("", None)
        author, editor = fields.get("author"), fields.get("editor")
        langid, language = fields.get("langid"), fields.get("language")
        doi, parent = fields.get("doi"), fields.get("crossref")
        if (
            len(fields) != len(names) - names.count("")  # a repeated field
            or not fields.get("title", "").strip('{}" \t\r\n')
            # a names list needs splitting only with braces or 3+ commas
            or (author and _braced_or_commas(author) and not _persons_sound(author))
            or (editor and _braced_or_commas(editor) and not _persons_sound(editor))
            or (langid is not None and _problem("langid", langid))
            or (language is not None and _problem("language", language))
            or (doi is not None and _problem("doi", doi))
            or ("%" in body and _percent(fields))
            or "xdata" in fields
            # a month name is a macro: pybtex's value is another word
            or (parent is not None and parent[:1] not in ("{", '"'))
        ):
            return None
        if parent is not None:
            parents[key] = " ".join(_text(parent).split())
        spans[key] = match.span()
        position = match.end()
    return spans, parents


def _braced_or_commas(value: str) -> bool:
    """Could pybtex refuse to split this names list (see :func:`_splittable`)?"""
    return value.count(",") > 2 or "{" in value[1:-1]


def _percent(fields: dict[str, str]) -> bool:
    """True when a field the checks read as LaTeX holds a bare ``%``."""
    return any(
        _problem(name, value)
        for name, value in fields.items()
        if name not in RAW_FIELDS and "%" in value
    )


def _text(value: str) -> str:
    """A value as pybtex reads it, before macros: without its delimiters."""
    return value[1:-1] if value[:1] in ("{", '"') else value


@functools.lru_cache(maxsize=4096)
def _problem(name: str, value: str | None) -> str:
    """:func:`.rules.field_problem` of a value as written (languages repeat)."""
    if value is None:
        return ""
    return field_problem(name, " ".join(_text(value).split()))


def _persons_sound(value: str | None) -> bool:
    """:func:`_splittable`, for a person field's value as written, if any."""
    return value is None or _splittable(_text(value))


def _splittable(names: str) -> bool:
    """No name of the list has more than two commas outside braces.

    pybtex splits the list at ``and`` outside braces, then each name at its
    commas outside braces, and rejects a fourth part (``InvalidNameString``).
    Braced groups are replaced by a letter, which neither splits nor counts.
    """
    if "{" not in names and names.count(",") <= 2:
        return True
    flat = names
    while "{" in flat:
        flatter = _GROUP.sub("x", flat)
        if flatter == flat:
            return False
        flat = flatter
    return all(name.count(",") <= 2 for name in _AND.split(f" {flat} "))


class LazyEntries(Mapping[str, "Entry"]):
    """A BibTeX file's entries by key, each parsed by pybtex when first read.

    Stands in for :attr:`pybtex.database.BibliographyData.entries`: keys in
    file order, looked up without regard to case as pybtex does, and each
    entry the one pybtex makes of its text. Pickled with the Sphinx
    environment, it keeps the keys, where each entry stands in the file, the
    file's digest and the entries parsed so far (those reports cite: the next
    build reads them again without parsing), not the file: a later build that
    cites another entry reads the file again, and refuses it if it is no
    longer the one scanned (the build's checks scan a changed file again
    before anything reads it, so this happens only when the file changes
    during a build).
    """

    def __init__(
        self,
        path: Path,
        raw: bytes,
        text: str,
        spans: dict[str, tuple[int, int]],
        parents: dict[str, str] | None = None,
    ) -> None:
        self._path = path
        #: the ``crossref`` of each entry that has one (known without parsing)
        self.parents = parents or {}
        self._digest = hashlib.sha256(raw).digest()
        self._keys = tuple(spans)
        self._bounds = array("q", [n for span in spans.values() for n in span])
        self._text: str | None = text
        self._index: dict[str, int] | None = None
        self._parsed: dict[str, Entry] = {}

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_text": None, "_index": None}

    def __getitem__(self, key: str) -> Entry:
        number = self._number(key)
        canonical = self._keys[number]
        entry = self._parsed.get(canonical)
        if entry is None:
            start, end = self._bounds[2 * number], self._bounds[2 * number + 1]
            text = self._source()[start:end]
            entry = bibtex.Parser().parse_string(text).entries[canonical]
            self._parsed[canonical] = entry
        return entry

    def _number(self, key: str) -> int:
        if self._index is None:
            self._index = {key.lower(): n for n, key in enumerate(self._keys)}
        return self._index[key.lower()]

    def _source(self) -> str:
        if self._text is None:
            raw = self._path.read_bytes()
            if hashlib.sha256(raw).digest() != self._digest:
                raise ChangedError(
                    f"{self._path}: the file changed while it was being read: "
                    "build again"
                )
            self._text = raw.decode("utf-8")
        return self._text

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            self._number(key)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def parsed(self) -> frozenset[str]:
        """The keys pybtex has parsed so far (what a build read)."""
        return frozenset(self._parsed)


class ChangedError(PybtexError):
    """The BibTeX file is no longer the one that was scanned."""


def lazy_bibliography(path: Path, raw: bytes) -> BibliographyData | None:
    """The entries of the UTF-8 file ``path`` (its bytes ``raw``), each
    parsed when read; None: let pybtex read it all."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    found = scan(text)
    if found is None:
        return None
    data = BibliographyData()
    data.entries = LazyEntries(path, raw, text, *found)
    return data
