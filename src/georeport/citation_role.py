"""The text of a ``{footcite}`` role: one syntax for whoever writes or reads it.

Items separated by commas (the syntax of sphinxcontrib-bibtex's ``{cite}``
roles, plus a text form): ``key``; ``key{p. 3}`` (a locator after the
source); ``{see}key`` (text before it); ``{Ibid.}`` (braces and no key: words
that name no source). In braces, ``\\{``, ``\\}`` and ``\\\\`` stand for those
characters. The importer writes it (:mod:`georeport.importer.myst`), the
extension reads it (:mod:`georeport.sphinxext.bibtex.footcite`,
:mod:`georeport.sphinxext.body_checks`), and so do the tools and the tests.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: One item of the role: ``{pre}key{post}``, each part optional; braced text
#: may hold ``\\`` escapes. Hand-written because sphinxcontrib-bibtex's own
#: parser (``parse_citation_targets``) needs a key and has no escapes.
_BRACED = r"\{(?:[^{}\\]|\\.)*\}"
_ITEM = re.compile(
    rf"\s*(?P<pre>{_BRACED})?\s*(?P<key>[^{{}}\s,\\]+)?\s*(?P<post>{_BRACED})?\s*(?:,|$)",
    re.S,
)
_ESCAPE = re.compile(r"\\(.)", re.S)
#: A role as written in a source: ``{footcite}``, then its text between runs
#: of as many backticks, within one paragraph (no blank line in it).
WRITTEN = re.compile(r"\{footcite\}(`+)((?:(?!\n[ \t>]*\n).)+?)\1", re.DOTALL)


class Target(NamedTuple):
    """One item of a footcite role: a cited key with its texts, or text alone."""

    key: str  #: "" for text alone (then ``pre`` holds it)
    pre: str = ""
    post: str = ""


def parse_targets(text: str) -> list[Target]:
    """The items of a footcite role's text, in order; ValueError if malformed,
    saying what is wrong and what to write.

    Empty items (``a,,b``) are left out, as before.
    """
    if problem := _brace_problem(text):
        raise ValueError(problem)
    targets: list[Target] = []
    position = 0
    while position < len(text):
        match = _ITEM.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(_unreadable(text[position:], targets))
        position = match.end()
        pre, post, key = _unbrace(match["pre"]), _unbrace(match["post"]), match["key"]
        key = key or ""
        if not key and match["post"] is not None:
            raise ValueError(
                f"text after text and no key in {match[0].strip()!r}: write text "
                "before a key, {see}key, or after it, key{p. 3}"
            )
        if key or match["pre"] is not None:
            targets.append(Target(key, pre, post))
    return targets


#: What a locator starts with: ``p. 3``, ``pp. 10-12``, ``ch. 2``, ``§ 4``, ``12``.
_LOCATOR = re.compile(r"(?:pp?|ch|chap|sec|para|vol|fig|no?|art|§)\.?\s*\d|\d", re.I)
_TWO_WORDS = re.compile(r"\s*([^{}\s,\\]+)\s+(\S.*)", re.S)


def _brace_problem(text: str) -> str:
    """Braces that do not pair: one left open, one closing nothing, or one
    inside another (the role's braces do not nest)."""
    opened = -1
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\" and opened >= 0:
            position += 2
            continue
        if char == "{" and opened >= 0:
            return (
                f"{text[opened:]!r} holds a brace inside braces: write \\{{ and "
                "\\} for a brace in the text"
            )
        if char == "{":
            opened = position
        elif char == "}" and opened < 0:
            return (
                f"a '}}' closes no brace in {text!r}: remove it (write \\}} for a "
                "brace in the text)"
            )
        elif char == "}":
            opened = -1
        position += 1
    if opened < 0:
        return ""
    what = "locator" if opened and not text[opened - 1].isspace() else "text"
    before = text[:opened].rstrip()
    return (
        f"the {what} {text[opened:]!r} is not closed: add its '}}': "
        f"{before}{text[opened:].rstrip()}}}".lstrip(",")
    )


def _unreadable(rest: str, before: list[Target]) -> str:
    """Why the item ``rest`` cannot be read, and what to write instead."""
    words = _TWO_WORDS.match(rest)
    key = before[-1].key if before and not before[-1].post else ""
    locator = ""
    if key and _LOCATOR.match(rest.strip()):  # "rossi2020, p. 3"
        locator = rest.strip()
    elif words and _LOCATOR.match(words.group(2)):  # "rossi2020 p. 3"
        key, locator = words.group(1), words.group(2).strip()
    if key and locator:
        return (
            f"{locator!r} is no key: a locator goes in braces right after its "
            f"key: {key}{{{locator}}}"
        )
    if words and "{" not in rest:
        first, second = words.group(1), words.group(2).split()[0]
        return (
            f"a comma is missing between {first!r} and {second!r}: write "
            f"{first},{second}"
        )
    return (
        f"cannot read {rest.strip()!r}: write keys separated by commas, a "
        "locator in braces after its key (key{p. 3})"
    )


def _unbrace(part: str | None) -> str:
    return _ESCAPE.sub(r"\1", part[1:-1]) if part and part.startswith("{") else ""


def escape_text(text: str) -> str:
    """``text`` as braced text of the role: braces and backslashes escaped."""
    return "{" + re.sub(r"([{}\\])", r"\\\1", text) + "}"


def format_targets(targets: list[Target]) -> str:
    """The role's text for ``targets``: what :func:`parse_targets` reads back."""
    return ",".join(
        escape_text(target.pre) * bool(target.pre or not target.key)
        + target.key
        + (escape_text(target.post) if target.post else "")
        for target in targets
    )
