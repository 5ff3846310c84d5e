"""A report's front matter, read and checked once into a :class:`.Report`.

Front matter is parsed here rather than taken from ``env.metadata`` because
docutils flattens it into strings (lists become JSON, ``authors`` is split on
commas) and loses the line numbers an error message needs. Every value keeps
its own line (YAML nodes), and every fault is a :class:`.MetadataError` at
that line, with what to write instead.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from stdnum.iso7064 import mod_11_2

from . import doi as dois
from . import ror as rors
from .dates import DATE as _DATE
from .dates import PartialDate, meant
from .errors import SHOWN, MetadataError, cut, shown
from .funding import Funding, funder_id
from .journal import Journal
from .language import LANGUAGES
from .report import Author, Cover, Report, check_file_name

#: Front matter keys a report must declare.
REQUIRED = ("title", "authors", "volume", "issue", "date")
#: Every key a report's front matter may hold, in the house order. ``myst``
#: is myst-parser's own (settings for one file), read by it, not by georeport.
KEYS = (
    *REQUIRED,
    "language",
    "keywords",
    "abstract",
    "cover",
    "order",
    "translation_of",
    "doi",
    "funding",
    "received",
    "revised",
    "accepted",
    "myst",
)
#: The optional dates of a report's history, in the order they happen; each
#: is written like ``date:`` and none is after it (the publication).
HISTORY = ("received", "revised", "accepted")
#: The keys of ``cover:``.
COVER_KEYS = ("path", "alt", "caption", "credit", "license")
#: The keys of one author written as a map (``- name: Anna Rossi``).
AUTHOR_KEYS = ("name", "affiliation", "ror", "orcid")
#: The keys of one funder of ``funding:``.
FUNDING_KEYS = ("funder", "funder_id", "award")
#: What each required key looks like, for the message that asks for it.
EXAMPLES = {
    "title": "title: Energy corridors of the Caspian Sea",
    "authors": "authors: [Anna Rossi, Ivan Petrov]",
    "volume": "volume: 16",
    "issue": "issue: 2",
    "date": 'date: "2022-02" (YYYY, YYYY-MM or YYYY-MM-DD)',
    "language": "language: en",
    "keywords": "keywords: [Caspian Sea, energy]",
    "abstract": "abstract: The pipelines around the Caspian Sea.",
    "cover": "cover: {path: caspian.jpg, alt: Tankers at the port of Aktau}",
    "order": "order: 1 (first in its issue)",
    "translation_of": "translation_of: 16-2-caspian (the report it translates)",
    "doi": dois.EXAMPLE,
    "funding": "funding: [{funder: European Commission, award: '101004488'}]",
    "received": 'received: "2021-11-20" (YYYY, YYYY-MM or YYYY-MM-DD)',
}
#: What a date must look like.
_DATE_FIX = 'write YYYY, YYYY-MM or YYYY-MM-DD, e.g. date: "2022-02"'
#: A day and a time, as YAML reads an unquoted timestamp (``T``, ``t`` or
#: spaces between them): ``2022-01-05T10:00:00+03:00``.
_TIMED = re.compile(r"^(\d{4}-\d\d?-\d\d?)(?:[Tt]|[ \t]+)\d\d?:")
#: Keys other tools (Jekyll, Hugo, Pandoc, Zotero) use for one of georeport's:
#: suggested when difflib finds no close spelling.
ALIASES = {
    "author": "authors",
    "creator": "authors",
    "creators": "authors",
    "tags": "keywords",
    "subject": "keywords",
    "subjects": "keywords",
    "description": "abstract",
    "summary": "abstract",
    "lang": "language",
    "locale": "language",
    "number": "issue",
    "vol": "volume",
    "published": "date",
    "submitted": "received",
    "revision": "revised",
    "acceptance": "accepted",
    "image": "cover",
    "weight": "order",
    "position": "order",
    "translation": "translation_of",
    "translated_from": "translation_of",
    "original": "translation_of",
    "funders": "funding",
    "grants": "funding",
}
#: Keys an editor may expect that georeport does not read yet: said so,
#: rather than suggesting another key.
NOT_YET: tuple[str, ...] = ()

#: C0 and C1 control characters (tab and newline among them), DEL and the
#: Unicode line and paragraph separators: none can stand in a title, a name,
#: a keyword or a cover field (the abstract may hold newlines).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x09: "tab",
    0x0A: "newline",
    0x0D: "carriage return",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEL",
}
#: Bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066
#: to U+2069): invisible, they reorder the text shown after them, past the
#: field's end when left open (a title shown reversed; "Trojan Source").
#: Right-to-left text needs none. The marks U+200E, U+200F and U+061C stay:
#: editors of Arabic, Hebrew and Persian use them to place punctuation and
#: numbers, and they move nothing but the neutral characters beside them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: A BCP 47 tag's shape (RFC 5646, section 2.1): language (two or three
#: letters: no longer one is registered), extended language, script, region,
#: variants, extensions, private use. The shape only: whether ``xx`` is a
#: registered language is not asked.
_BCP47 = re.compile(
    r"^[a-z]{2,3}(?:-[a-z]{3}){0,3}"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?$",
    re.IGNORECASE,
)
#: An ORCID iD, bare or as its URL: four groups of four, the last character a
#: digit or X (the ISO 7064 MOD 11-2 check character).
_ORCID = re.compile(
    r"^(?:https?://)?(?:orcid\.org/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$",
    re.IGNORECASE,
)
#: What separates names run together in one text ("Anna Rossi, Ivan Petrov").
_NAMES_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+(?:and|&)\s+")
#: What separates keywords run together in one text ("energy, oil").
_KEYWORDS_SEPARATOR = re.compile(r"\s*[,;]\s*")
#: The most digits of a volume, an issue or an order (LaTeX counts to 2^31).
_DIGITS = 9
#: ``16-2-caspian``: the volume and issue a report's file name starts with.
_SLUG = re.compile(r"^(\d+)-(\d+)-")


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML block of a MyST file and the line it ends on, or None.

    A byte order mark before the first ``---`` (some Windows editors write
    one) is not part of the file's text.
    """
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), number
    return None


#: libyaml's parser when PyYAML was built with it: the same nodes and values
#: as ``yaml.safe_load``, several times faster (the editions read every
#: report's front matter before each build).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: How deep :func:`_refuse_anchors_and_depth` lets lists and maps nest: a
#: report's deepest value is an author's field (the front matter, the list of
#: authors, one author's map: 3); myst-parser's ``myst:`` settings go a little
#: deeper. It looks where ``&`` or ``*`` stands, and where the parser fails
#: or recurses too deep; elsewhere a key's type refuses what is nested.
DEPTH = 20
_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_TOO_DEEP = (
    f"lists or maps nested more than {DEPTH} deep: a report's front matter "
    "needs 3 at most (a list of authors, each a map): write plain values"
)


def _refuse_anchors_and_depth(block: str) -> None:
    """Refuse YAML anchors (``&a``), aliases (``*a``) and deep nesting.

    A report's front matter has no use for either: an alias repeats a value
    without copying it, so a few lines of aliases of aliases (the "billion
    laughs") make a value whose every use (a message quoting it, a check
    walking it) takes minutes and gigabytes; lists nested thousands deep end
    in Python's recursion limit. The tokens say where each stands; other
    YAML errors are left to the parser, whose messages say where.
    """
    loader = _FAST_LOADER(block)
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            line = token.start_mark.line + 2
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                mark = "&" if isinstance(token, yaml.AnchorToken) else "*"
                kind = "anchor" if mark == "&" else "alias"
                msg = (
                    f"the YAML {kind} {shown(mark + token.value)} has no place in a "
                    "report's front matter (no anchors, no aliases): write the "
                    f"value in full, in quotes if the '{mark}' is part of it"
                )
                raise MetadataError(msg, line)
            if isinstance(token, _OPENING):
                depth += 1
                if depth > DEPTH:
                    raise MetadataError(_TOO_DEEP, line)
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError as err:
        # libyaml looks ahead through the brackets that open on one line,
        # and stops at 1,000 levels before giving the first
        place = getattr(err, "problem_mark", None)
        if "nesting depth" in str(getattr(err, "problem", "")) and place:
            raise MetadataError(_TOO_DEEP, place.line + 2) from None
    finally:
        loader.dispose()


@dataclass(frozen=True)
class _Value:
    """One value of the front matter, with its YAML node (for its line)."""

    node: yaml.Node
    value: Any
    #: the line of its key (or list item), where messages point
    line: int

    @property
    def text(self) -> str | None:
        """A scalar as the editor wrote it (``no`` stays ``no``, ``1.50``
        stays ``1.50``, where YAML reads a boolean or a number); None when
        empty or ``null``."""
        if self.value is None or not isinstance(self.node, yaml.ScalarNode):
            return None
        # a scalar node's value is its text (the stubs type every node's Any)
        scalar: str = self.node.value
        return scalar


def _line(node: yaml.Node) -> int:
    """The file's line of a node (the YAML block starts on line 2)."""
    return node.start_mark.line + 2


def _written(value: _Value) -> str:
    """What the editor wrote, for a message: a text (quoted, cut), or what
    kind of value (a list's text may be any length)."""
    if isinstance(value.node, yaml.SequenceNode):
        return "a list"
    if isinstance(value.node, yaml.MappingNode):
        return "a mapping"
    return shown(value.text if value.text is not None else str(value.node.value))


class _Document:
    """The front matter as YAML nodes: every value with the line it stands on.

    ``yaml.safe_load`` gives values without places, and a regular expression
    finds only top-level keys; the nodes know where every key, value and list
    item stands.
    """

    def __init__(self, block: str) -> None:
        # the scan costs a third of the reading: only when a sign of an
        # anchor or an alias is there (deep nesting is found by its error)
        if "&" in block or "*" in block:
            _refuse_anchors_and_depth(block)
        self.block = block
        self.loader = _FAST_LOADER(block)
        try:
            self.root = self.loader.get_single_node()
        except yaml.YAMLError:
            self.loader.dispose()
            # libyaml stops at 1,000 levels, where PyYAML's recursion would
            _refuse_anchors_and_depth(block)
            # libyaml's messages have no place: PyYAML's own parser says where
            self.loader = yaml.SafeLoader(block)
            self.root = self.loader.get_single_node()
        except RecursionError:
            raise self._too_deep() from None

    def _too_deep(self) -> MetadataError:
        """The error of nesting too deep for Python, at its line."""
        _refuse_anchors_and_depth(self.block)
        return MetadataError(_TOO_DEEP, 2)  # not reached: the scan finds it

    def value(self, node: yaml.Node, line: int, where: str) -> _Value:
        """The value of ``node``, made by PyYAML's safe constructor."""
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:  # an unknown tag: !!python/object
            problem = getattr(err, "problem", None) or str(err)
            problem = cut(problem, 2 * SHOWN)
            msg = f"'{where}' cannot be read ({problem}): write plain text"
            raise MetadataError(msg, _line(node)) from None
        except ValueError:
            if not node.tag.endswith(":timestamp"):
                # a number of more digits than Python converts: its text
                return _Value(node, str(node.value), line)
            # a YAML date that is no day: 2022-02-30
            msg = f"'{where}' {shown(node.value)} is not in the calendar: {_DATE_FIX}"
            raise MetadataError(msg, _line(node)) from None
        except RecursionError:
            raise self._too_deep() from None
        return _Value(node, value, line)

    def mapping(
        self, node: yaml.Node, keys: tuple[str, ...], where: str
    ) -> dict[str, _Value]:
        """The values of a mapping by key, refusing unknown and repeated keys."""
        found: dict[str, _Value] = {}
        for key_node, value_node in node.value:
            line = _line(key_node)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if key in found:
                msg = (
                    f"{shown(key)} is written twice (lines {found[key].line} and "
                    f"{line}): keep one"
                )
                raise MetadataError(msg, line)
            if key not in keys:
                value = self._written_after(key_node)
                raise MetadataError(_unknown_key(key, keys, where, value), line)
            found[key] = self.value(value_node, line, _qualified(where, key))
        return found

    def _written_after(self, key_node: yaml.Node) -> str:
        """What follows ``key:`` on the key's line, as written."""
        lines = self.block.splitlines()
        number = key_node.start_mark.line
        text = lines[number] if number < len(lines) else ""
        return text[key_node.end_mark.column :].lstrip(" \t:").strip()


def _qualified(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _unknown_key(key: str, keys: tuple[str, ...], where: str, value: str = "") -> str:
    """Why ``key`` is refused, and what to write instead (``value``: what
    follows it on its line, for the line to write)."""
    place = f"'{where}'" if where else "the front matter"
    known = ", ".join(k for k in keys if k != "myst")
    what = f"unknown key {shown(key)} in {place}"
    if not where and key.lower() in NOT_YET:
        return f"georeport does not read '{key}' yet: remove it (the keys are {known})"
    if not where and key in COVER_KEYS:
        return f"{what}: '{key}' belongs under 'cover:', indented by two spaces"
    if not where and key in FUNDING_KEYS:
        return (
            f"{what}: '{key}' belongs to one funder of 'funding:', e.g. "
            f"{EXAMPLES['funding']}"
        )
    if not where and key in AUTHOR_KEYS:
        return (
            f"{what}: '{key}' belongs to one author, e.g. "
            f"authors: [{{name: Anna Rossi, {key}: ...}}]"
        )
    if where and key in KEYS:
        return (
            f"'{key}' is not a key of '{where}': it belongs at the top of the "
            "front matter, without indentation"
        )
    close = difflib.get_close_matches(key.lower(), keys, n=1)
    if not close and key.lower() in ALIASES and ALIASES[key.lower()] in keys:
        close = [ALIASES[key.lower()]]
    if close:
        meant = close[0]
        example = EXAMPLES.get(meant, "").split(" (")[0].partition(": ")[2]
        line = f"{meant}: {cut(value or example)}".rstrip()
        return f"{what}: did you mean '{meant}'? write {line}"
    return f"{what}: use one of {known}"


def _control(text: str, where: str, line: int, *, newlines: bool = False) -> None:
    """Refuse control characters and bidirectional controls (:data:`_BIDI`):
    they would reach pages, PDFs and exports.

    A newline is allowed where ``newlines`` says so (the abstract); in a
    title, name, keyword or cover field it is a title written over several
    lines, whose later lines MyST would read as the report's text.
    """
    bidi = _BIDI.search(text)
    if bidi is not None:
        char = bidi.group()
        msg = (
            f"'{where}' holds U+{ord(char):04X} ({unicodedata.name(char)}), an "
            "invisible control that reorders the text shown after it: delete it "
            "(right-to-left text needs none)"
        )
        raise MetadataError(msg, line)
    for match in _CONTROL.finditer(text):
        char = match.group()
        if char == "\n" and newlines:
            continue
        if char in "\n\r\u2028\u2029":
            key = where.rsplit(".", 1)[-1]
            msg = (
                f"'{where}' runs over several lines: write it on one line after "
                f"'{key}:' (no '|' or '>', no line break)"
            )
            raise MetadataError(msg, line)
        code = ord(char)
        name = f"U+{code:04X}"
        if code in _CONTROL_NAMES:
            name += f" ({_CONTROL_NAMES[code]})"
        fix = "replace it with a space" if char == "\t" else "delete it"
        msg = (
            f"'{where}' holds the control character {name}, which no page shows: {fix}"
        )
        raise MetadataError(msg, line)


def _text(value: _Value, where: str, *, newlines: bool = False) -> str:
    """One non-empty text, on one line (unless ``newlines``), no control
    characters."""
    if isinstance(value.node, yaml.SequenceNode):
        msg = (
            f"'{where}' must be one text, not a list: write {where.split('.')[-1]}: ..."
        )
        raise MetadataError(msg, value.line)
    if isinstance(value.node, yaml.MappingNode):
        msg = (
            f"'{where}' must be one text, not a mapping (is a ': ' in it? "
            "then put the whole text in quotes)"
        )
        raise MetadataError(msg, value.line)
    text = (value.text or "").strip()
    if not text:
        example = EXAMPLES.get(where, "")
        hint = f", e.g. {example}" if example else ""
        end = "" if where in REQUIRED else ", or remove it"
        raise MetadataError(
            f"'{where}' is empty: write its text{hint}{end}", value.line
        )
    _control(text, where, value.line, newlines=newlines)
    return text


def _number(value: _Value, key: str) -> int:
    """A whole number of 1 or more, as written: ``16``, ``"16"`` (YAML would
    read ``016`` as an octal 14)."""
    text = (value.text or "").strip()
    if not (text.isascii() and text.isdigit()):
        got = _written(value)
        msg = f"'{key}' must be a whole number, e.g. {EXAMPLES[key]}; got {got}"
        raise MetadataError(msg, value.line)
    if len(text) > _DIGITS:
        msg = f"'{key}' {shown(text)} is too long: e.g. {EXAMPLES[key]}"
        raise MetadataError(msg, value.line)
    number = int(text)
    if number < 1:
        msg = f"'{key}' must be 1 or more, got {number}: e.g. {EXAMPLES[key]}"
        raise MetadataError(msg, value.line)
    return number


def _items(
    value: _Value, doc: _Document, key: str, separator: re.Pattern[str], example: str
) -> list[_Value]:
    """The items of a list; one text run together with commas is refused, a
    text without them is a list of one."""
    node = value.node
    if isinstance(node, yaml.SequenceNode):
        if not node.value:
            msg = f"'{key}' is an empty list: write at least one, e.g. {example}"
            raise MetadataError(msg, value.line)
        return [doc.value(item, _line(item), key) for item in node.value]
    if isinstance(node, yaml.ScalarNode) and value.value is not None:
        text = node.value.strip()
        if text.startswith("-"):
            msg = (
                f"'{key}' reads {shown(text)}: write a space after each '-' of the list"
            )
            raise MetadataError(msg, value.line)
        parts = [part for part in separator.split(text) if part]
        if len(parts) > 1 or node.start_mark.line != node.end_mark.line:
            listed = cut(", ".join(parts))
            msg = (
                f"'{key}' is one text, {shown(text)}: write one {key[:-1]} a line, "
                f"as a list: {key}: [{listed}]"
            )
            raise MetadataError(msg, value.line)
        return [value]
    msg = f"'{key}' must be a list, e.g. {example}"
    raise MetadataError(msg, value.line)


def _listed_text(item: _Value, key: str, separator: re.Pattern[str]) -> str:
    """One item of a list of names or keywords, not several run together."""
    where = key if key != "authors.name" else "authors"
    text = _text(item, key)
    parts = [part for part in separator.split(text) if part]
    if len(parts) == 2 and where == "authors" and "," in text and " " not in parts[0]:
        msg = (
            f"'authors' item {shown(text)} reads as two authors: write a name "
            f"given name first, - {cut(parts[1])} {cut(parts[0])} (one author "
            "an item)"
        )
        raise MetadataError(msg, item.line)
    if len(parts) > 1:
        kind = where[:-1]
        msg = (
            f"'{where}' item {shown(text)} holds several: write each {kind} as its "
            f"own item, e.g. {where}: [{cut(', '.join(parts))}]"
        )
        raise MetadataError(msg, item.line)
    return text


def _authors(value: _Value, doc: _Document) -> tuple[Author, ...]:
    """``[Anna Rossi, Ivan Petrov]``, or maps with name, affiliation, orcid."""
    example = EXAMPLES["authors"]
    authors = []
    for item in _items(value, doc, "authors", _NAMES_SEPARATOR, example):
        if isinstance(item.node, yaml.MappingNode):
            fields = doc.mapping(item.node, AUTHOR_KEYS, "authors")
            if "name" not in fields:
                msg = "an author written as a map needs 'name': - name: Anna Rossi"
                raise MetadataError(msg, item.line)
            name = _listed_text(fields["name"], "authors.name", _NAMES_SEPARATOR)
            affiliation = (
                _text(fields["affiliation"], "authors.affiliation")
                if "affiliation" in fields
                else ""
            )
            orcid = _orcid(fields["orcid"]) if "orcid" in fields else ""
            ror = _ror(fields["ror"], affiliation) if "ror" in fields else ""
            authors.append(Author(name, affiliation, orcid, ror))
        else:
            authors.append(Author(_listed_text(item, "authors", _NAMES_SEPARATOR)))
    return tuple(authors)


def _orcid(value: _Value) -> str:
    """An ORCID iD (bare or its URL), checked with its ISO 7064 check digit."""
    text = _text(value, "authors.orcid")
    match = _ORCID.match(text)
    if match is None:
        msg = (
            f"'orcid' {shown(text)} is not an ORCID iD: write its 16 characters in "
            "groups of four, e.g. orcid: 0000-0002-1825-0097"
        )
        raise MetadataError(msg, value.line)
    digits = "".join(match.groups()).upper()
    if not mod_11_2.is_valid(digits):
        msg = (
            f"'orcid' {shown(text)} has a wrong check digit (a character is mistyped): "
            "copy the iD from the author's ORCID record"
        )
        raise MetadataError(msg, value.line)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def _ror(value: _Value, affiliation: str) -> str:
    """The ROR ID of the author's affiliation (bare or its URL), its check
    digits verified (:mod:`.ror`); only beside the affiliation it names."""
    text = _text(value, "authors.ror")
    if not affiliation:
        msg = (
            "'ror' names the ROR ID of the author's affiliation: write the "
            "affiliation too, e.g. affiliation: University of Bologna"
        )
        raise MetadataError(msg, value.line)
    try:
        return rors.normalize(text)
    except ValueError as err:
        raise MetadataError(f"'ror': {err}", value.line) from None


def _funding(value: _Value, doc: _Document) -> tuple[Funding, ...]:
    """``funding:``, a list of maps: ``funder`` (required), ``funder_id``
    (a Crossref Funder ID, checked), ``award``."""
    example = EXAMPLES["funding"]
    node = value.node
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        msg = f"'funding' must be a list of funders, each a map: {example}"
        raise MetadataError(msg, value.line)
    found = []
    for item in node.value:
        line = _line(item)
        if not isinstance(item, yaml.MappingNode):
            msg = (
                "each funder of 'funding' is a map with 'funder' (its name) and, "
                f"when known, 'funder_id' and 'award': {example}"
            )
            raise MetadataError(msg, line)
        fields = doc.mapping(item, FUNDING_KEYS, "funding")
        if "funder" not in fields or fields["funder"].value is None:
            msg = f"a funder of 'funding' needs 'funder', its name: {example}"
            raise MetadataError(msg, line)
        name = _text(fields["funder"], "funding.funder")
        identifier = ""
        if "funder_id" in fields:
            try:
                identifier = funder_id(_text(fields["funder_id"], "funding.funder_id"))
            except ValueError as err:
                msg = f"'funder_id': {err}"
                raise MetadataError(msg, fields["funder_id"].line) from None
        award = _text(fields["award"], "funding.award") if "award" in fields else ""
        found.append(Funding(name, identifier, award))
    return tuple(found)


def _keywords(value: _Value, doc: _Document) -> tuple[str, ...]:
    example = "keywords: [Caspian Sea, energy]"
    items = _items(value, doc, "keywords", _KEYWORDS_SEPARATOR, example)
    return tuple(_listed_text(item, "keywords", _KEYWORDS_SEPARATOR) for item in items)


def _language(value: _Value) -> str:
    """A BCP 47 language tag: ``en``, ``ru``, ``pt-BR``."""
    text = _text(value, "language")
    if _BCP47.match(text):
        return text
    guess = LANGUAGES.get(text.lower()) or text.replace("_", "-")
    hint = f": did you mean {shown(guess)}?" if _BCP47.match(guess) else ""
    msg = (
        f"'language' must be a BCP 47 language code such as en, ru or pt-BR, "
        f"got {shown(text)}{hint}"
    )
    raise MetadataError(msg, value.line)


def _translation_of(value: _Value, docname: str) -> str:
    """The report this one translates: its file name (``16-2-caspian`` or
    ``16-2-caspian.md``) or docname (``reports/16-2-caspian``); whether such
    a report exists is asked when every report is read."""
    text = _text(value, "translation_of").removesuffix(".md")
    if text.rsplit("/", 1)[-1] == docname.rsplit("/", 1)[-1]:
        msg = (
            f"'translation_of' names this report itself ({shown(text)}): write the "
            f"file name of the report it translates, e.g. {EXAMPLES['translation_of']}"
        )
        raise MetadataError(msg, value.line)
    return text


def _date(value: _Value, key: str = "date") -> PartialDate:
    """``2022``, ``2022-02`` or ``2022-02-05``, quoted or a YAML date.

    A time is refused, not dropped: a report is published on a day, and
    every edition dates it so (Crossref's deposit, the PDF, the EPUB, the
    Highwire tags, the sitemap); a time zone would also leave in doubt which
    day (``2022-01-05T01:00+03:00`` is the 4th in UTC). ``key`` is the
    front matter's key (``date``, ``received``...), for the messages.
    """
    text = (value.text or "").strip()
    timed = _TIMED.match(text)
    day = ""
    if isinstance(value.value, datetime.datetime):
        day = value.value.date().isoformat()
    elif timed:  # quoted: a text
        year, month, mday = (int(part) for part in timed.group(1).split("-"))
        day = f"{year:04d}-{month:02d}-{mday:02d}"
    if day:
        msg = (
            f"'{key}' {_written(value)} has a time: a report is dated to the day "
            f"at most: write {key}: {day} (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
        raise MetadataError(msg, value.line)
    if isinstance(value.value, datetime.date):
        return PartialDate.parse(value.value)
    fix = _DATE_FIX.replace("date:", f"{key}:")
    if not _DATE.match(text):
        guesses = meant(text)
        if guesses:
            either = " or ".join(f'{key}: "{guess}"' for guess in guesses)
            fix = f"write {either} (YYYY, YYYY-MM or YYYY-MM-DD)"
        msg = f"'{key}' {_written(value)} is not a date georeport reads: {fix}"
        raise MetadataError(msg, value.line)
    try:
        return PartialDate.parse(text)
    except ValueError:
        msg = f"'{key}' {shown(text)} is not in the calendar: {fix}"
        raise MetadataError(msg, value.line) from None


def _after(first: PartialDate, second: PartialDate) -> bool:
    """Is ``first`` surely later than ``second``? Compared to the precision
    both know (``2022-01-05`` is not after ``2022-01``)."""
    a = (first.year, first.month, first.day)
    b = (second.year, second.month, second.day)
    for mine, theirs in zip(a, b, strict=True):
        if mine is None or theirs is None:
            return False
        if mine != theirs:
            return mine > theirs
    return False


def _history(fields: Mapping[str, _Value], date: PartialDate) -> dict[str, PartialDate]:
    """``received``, ``revised`` and ``accepted``, each read like ``date``;
    none after the publication, and each not before the one it follows."""
    found: dict[str, PartialDate] = {}
    for key in HISTORY:
        if key not in fields or fields[key].value is None:
            continue
        when = _date(fields[key], key)
        if _after(when, date):
            msg = (
                f"'{key}' {when.iso()} is after the publication date "
                f"{date.iso()} ('date'): correct one of them"
            )
            raise MetadataError(msg, fields[key].line)
        for earlier, then in found.items():
            if _after(then, when):
                msg = (
                    f"'{key}' {when.iso()} is before '{earlier}' {then.iso()}: "
                    "a report is received, then revised, then accepted"
                )
                raise MetadataError(msg, fields[key].line)
        found[key] = when
    return found


def _doi(value: _Value) -> str:
    """``10.12345/x``, bare, as ``doi:`` or as its doi.org link (:mod:`.doi`)."""
    text = _text(value, "doi")
    try:
        return dois.normalize(text)
    except ValueError as err:
        raise MetadataError(f"'doi': {err}", value.line) from None


def _made_doi(
    journal: Journal,
    docname: str,
    volume: int,
    issue: int,
    order: int | None,
    date: PartialDate,
) -> str:
    """The DOI the journal's pattern makes of the report, or ``""`` when the
    journal sets no prefix; one the pattern cannot make, or makes badly, is
    an error on the first line (no line of the file holds it)."""
    if not journal.doi_prefix:
        return ""
    pattern = journal.doi_pattern
    if "{order}" in pattern and order is None:
        msg = (
            f"georeport_doi_pattern {pattern!r} names {{order}}, and the report "
            f"has no 'order': add e.g. {EXAMPLES['order']}, or write its DOI "
            f"({dois.EXAMPLE})"
        )
        raise MetadataError(msg, 1)
    facts = {
        "prefix": journal.doi_prefix,
        "volume": volume,
        "issue": issue,
        "slug": docname.rsplit("/", 1)[-1],
        "order": order,
        "year": date.year,
    }
    made = dois.made(pattern, facts)
    try:
        return dois.normalize(made)
    except ValueError as err:
        msg = (
            f"georeport_doi_pattern {pattern!r} makes a bad DOI of this report: "
            f"{err}; rename the file, or write its DOI in the front matter "
            f"({dois.EXAMPLE})"
        )
        raise MetadataError(msg, 1) from None


def _cover(value: _Value, doc: _Document) -> Cover:
    if not isinstance(value.node, yaml.MappingNode):
        msg = (
            "'cover' must be a mapping, each of its fields on its own line, "
            f"indented: {', '.join(COVER_KEYS)}"
        )
        raise MetadataError(msg, value.line)
    fields = doc.mapping(value.node, COVER_KEYS, "cover")
    texts = {k: _text(v, f"cover.{k}") for k, v in fields.items()}
    if texts.get("path") and not texts.get("alt"):
        msg = "the cover image needs 'alt' text for screen readers: add cover.alt"
        raise MetadataError(msg, fields["path"].line)
    lines = tuple((k, v.line) for k, v in fields.items())
    return Cover(line=value.line, lines=lines, **texts)


def _space_after_colon(block: str) -> None:
    """``title:A report``: YAML reads no key there (but a text, or an error
    elsewhere); say so at its line."""
    keys = {*KEYS, *COVER_KEYS, *AUTHOR_KEYS, *FUNDING_KEYS}
    for number, line in enumerate(block.splitlines(), start=2):
        match = re.match(r"^\s*(?:-\s+)?([A-Za-z_]\w*):(?=[^\s:/])", line)
        if match and match.group(1) in keys:
            key, rest = match.group(1), line[match.end() :].strip()
            msg = f"no space after the colon of '{key}': write {key}: {cut(rest)}"
            raise MetadataError(msg, number)


def _yaml_error(err: yaml.YAMLError, block: str) -> MetadataError:
    """A YAML error as one line that names its place and, when it can, the fix."""
    lines = block.splitlines()
    mark = getattr(err, "problem_mark", None)
    if isinstance(err, yaml.reader.ReaderError):  # a control character
        line = block[: err.position].count("\n") + 2
        code = err.character if isinstance(err.character, int) else ord(err.character)
        name = f"U+{code:04X}"
        if code in _CONTROL_NAMES:
            name += f" ({_CONTROL_NAMES[code]})"
        msg = f"the front matter holds the control character {name}: delete it"
        return MetadataError(msg, line)
    line = mark.line + 2 if mark is not None else 2
    text = lines[line - 2] if 0 <= line - 2 < len(lines) else ""
    indent = text[: len(text) - len(text.lstrip())]
    if "\t" in indent or "'\\t'" in str(err):
        spaced = cut(text.replace("\t", "  ").rstrip())
        msg = (
            "this line is indented with a tab: YAML indents with spaces only: "
            f"write '{spaced}'"
        )
        return MetadataError(msg, line)
    problem = cut(getattr(err, "problem", None) or "not valid YAML", 2 * SHOWN)
    context = getattr(err, "context", None) or ""
    context_mark = getattr(err, "context_mark", None)
    opened = _open_quote(lines)
    if opened is None and "quoted scalar" in context and context_mark is not None:
        opened = context_mark.line + 2
    if opened is not None:
        return MetadataError(_open_quote_message(lines[opened - 2]), opened)
    key, colon, value = text.strip().partition(": ")
    mapping = problem.startswith("mapping values are not allowed") and colon
    if mapping and indent and key in KEYS:
        msg = (
            f"'{key}' is indented, so YAML reads it as part of the line "
            f"above: write it at the start of the line: {key}: {cut(value)}"
        )
        return MetadataError(msg, line)
    if problem.startswith("mapping values are not allowed") and colon:
        quoted = cut(value).replace("\\", "\\\\").replace('"', '\\"')
        msg = (
            f"the value of '{key}' holds ': ', which YAML reads as a key: "
            f'put the value in quotes: {key}: "{quoted}"'
        )
        return MetadataError(msg, line)
    msg = (
        f"the front matter is not valid YAML ({problem}): check the quotes, "
        "colons and indentation of this line and the one before (a value that "
        'starts with a sign such as @, `, [ or " must be quoted as a whole)'
    )
    return MetadataError(msg, line)


def _open_quote_message(text: str) -> str:
    """The quote of ``key: "value`` left open, and the line to write."""
    match = re.match(r"^\s*(?:-\s+)?([\w-]+):\s+([\"'])(.*)$", text)
    if match is None:
        return "the quote opened on this line is not closed: close it, or remove it"
    key, quote, rest = match.groups()
    return (
        f"the quote opened in '{key}' is not closed: close it, or remove it: "
        f"write {key}: {quote}{cut(rest.strip())}{quote}"
    )


def _open_quote(lines: list[str]) -> int | None:
    """The line of a quoted value left open (``title: "A report``), which
    YAML reads on to the next quote, lines below."""
    for number, line in enumerate(lines, start=2):
        match = re.match(r"^\s*(?:-\s+)?[\w-]+:\s+([\"'])(.*)$", line)
        if match is None:
            continue
        quote, rest = match.groups()
        # \" does not close a double quote, nor '' a single one
        double = quote == '"'
        rest = re.sub(r"\\.", "", rest) if double else rest.replace("''", "")
        if quote not in rest:
            return number
    return None


def _missing(keys: list[str]) -> MetadataError:
    examples = "; ".join(EXAMPLES[key] for key in keys)
    msg = f"the front matter lacks {', '.join(keys)}: add {examples}"
    return MetadataError(msg, 1)


def _agrees_with_file_name(
    docname: str, volume: int, issue: int, fields: Mapping[str, _Value]
) -> None:
    """``16-2-x.md`` is volume 16, issue 2: the front matter must say so too."""
    slug = docname.rsplit("/", 1)[-1]
    match = _SLUG.match(slug)
    if match is None:
        return
    named = int(match.group(1)), int(match.group(2))
    if named == (volume, issue):
        return
    rest = slug[match.end() :]
    wrong = [
        (key, said, expected)
        for key, said, expected in (
            ("volume", volume, named[0]),
            ("issue", issue, named[1]),
        )
        if said != expected
    ]
    said = " and ".join(f"'{key}: {value}'" for key, value, _ in wrong)
    expected = " and ".join(f"{key} {value}" for key, _, value in wrong)
    fix = " and ".join(f"{key}: {value}" for key, _, value in wrong)
    verb = "disagree" if len(wrong) > 1 else "disagrees"
    msg = (
        f"{said} {verb} with the file name {slug}.md ({expected}): "
        f"write {fix}, or rename the file to {volume}-{issue}-{rest}.md"
    )
    raise MetadataError(msg, fields[wrong[0][0]].line)


def report_from_source(docname: str, text: str, journal: Journal) -> Report:
    """Read and check a report's MyST source: its file name (the rule of
    :data:`.report.FILE_NAME`), then its front matter."""
    check_file_name(docname)
    found = split_front_matter(text)
    if found is None:
        opened = text.removeprefix("\ufeff").splitlines()[:1] == ["---"]
        msg = (
            "the front matter opened here is not closed: end it with a line '---'"
            if opened
            else "a report starts with YAML front matter between '---' lines "
            f"declaring {', '.join(REQUIRED)}"
        )
        raise MetadataError(msg, 1)
    block, _end = found
    _space_after_colon(block)
    try:
        doc = _Document(block)
    except yaml.YAMLError as err:
        raise _yaml_error(err, block) from None
    if doc.root is None:
        raise _missing(list(REQUIRED))
    if not isinstance(doc.root, yaml.MappingNode):
        msg = "the front matter must be 'key: value' lines, e.g. title: A report"
        raise MetadataError(msg, _line(doc.root))
    fields = doc.mapping(doc.root, KEYS, "")
    missing = [
        key for key in REQUIRED if key not in fields or fields[key].value is None
    ]
    if missing:
        raise _missing(missing)
    title = _text(fields["title"], "title")
    contributors = _authors(fields["authors"], doc)
    volume = _number(fields["volume"], "volume")
    issue = _number(fields["issue"], "issue")
    date = _date(fields["date"])
    optional = {k: v for k, v in fields.items() if v.value is not None}
    language = (
        _language(optional["language"]) if "language" in optional else journal.language
    )
    keywords = _keywords(optional["keywords"], doc) if "keywords" in optional else ()
    abstract = (
        _text(optional["abstract"], "abstract", newlines=True)
        if "abstract" in optional
        else ""
    )
    cover = _cover(optional["cover"], doc) if "cover" in optional else None
    order = _number(optional["order"], "order") if "order" in optional else None
    translation_of = (
        _translation_of(optional["translation_of"], docname)
        if "translation_of" in optional
        else ""
    )
    funding = _funding(optional["funding"], doc) if "funding" in optional else ()
    history = _history(fields, date)
    _agrees_with_file_name(docname, volume, issue, fields)
    if "doi" in optional:
        doi = _doi(optional["doi"])
    else:
        doi = _made_doi(journal, docname, volume, issue, order, date)
    return Report(
        docname=docname,
        journal=journal,
        title=title,
        authors=tuple(author.name for author in contributors),
        volume=volume,
        issue=issue,
        date=date,
        language=language,
        keywords=keywords,
        abstract=abstract,
        cover=cover,
        contributors=contributors,
        order=order,
        doi=doi,
        translation_of=translation_of,
        translation_of_line=fields["translation_of"].line if translation_of else 0,
        funding=funding,
        received=history.get("received"),
        revised=history.get("revised"),
        accepted=history.get("accepted"),
    )


def read_report(docname: str, path: Path, journal: Journal) -> Report:
    """Read a report from its file (UTF-8 only: say so when it is not)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        msg = f"the file is not UTF-8 (byte {err.start}): save it as UTF-8"
        raise MetadataError(msg, 1) from None
    return report_from_source(docname, text, journal)
