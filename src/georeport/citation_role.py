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


class Target(NamedTuple):
    """One item of a footcite role: a cited key with its texts, or text alone."""

    key: str  #: "" for text alone (then ``pre`` holds it)
    pre: str = ""
    post: str = ""


def parse_targets(text: str) -> list[Target]:
    """The items of a footcite role's text, in order; ValueError if malformed.

    Empty items (``a,,b``) are left out, as before.
    """
    targets: list[Target] = []
    position = 0
    while position < len(text):
        match = _ITEM.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read {text[position:]!r}")
        position = match.end()
        pre, post, key = _unbrace(match["pre"]), _unbrace(match["post"]), match["key"]
        key = key or ""
        if not key and match["post"] is not None:
            raise ValueError(f"text after text and no key in {match[0].strip()!r}")
        if key or match["pre"] is not None:
            targets.append(Target(key, pre, post))
    return targets


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
