"""BibTeX field values read as BibTeX: one decoder for every output.

pybtex's ``Text.from_latex`` decodes what BibTeX files hold for characters
(``{\\"o}``, ``\\%``, ``\\&``, ``--``) and keeps protected ``{Capitals}``, but
leaves the formatting commands editors write as text: ``\\emph{x}`` becomes
"\\emph x" on the page, in the PDF and in the meta tags. :func:`decode` turns
them into pybtex's own markup (``Tag("em")``, ``Tag("strong")``), which every
pybtex backend renders its way (``<em>`` in HTML, ``\\emph`` in LaTeX, the
bare words in plain text); commands that only change the font's family or
wrap a URL give their content. Written by hand because no decoder does this:
latexcodec and pybtex leave commands alone, and pylatexenc would turn the
whole value into plain text, losing the emphasis and pybtex's protection.

The house style reads every field through :func:`field` (pybtex's ``field``
node with this decoder); the head tags decode with :func:`decode` too.
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.richtext import BaseMultipartText, String, Tag, Text
from pybtex.style.template import FieldIsMissing, node, optional

#: Formatting commands and the pybtex tag each becomes.
EMPHASIS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "mkbibemph": "em",
    "textbf": "strong",
    "mkbibbold": "strong",
}
#: Commands whose argument stands as it is (a font's family, a URL).
PLAIN = frozenset({"textrm", "textsf", "texttt", "textup", "textnormal", "url"})

#: ``\\command `` at the end of a text, before its braced argument.
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*$")


def decode(latex: str) -> Text:
    """A field's LaTeX as pybtex rich text, formatting commands understood."""
    return Text(*_parts(Text.from_latex(latex)))


def _parts(text: BaseMultipartText) -> list[Any]:
    parts = list(text.parts)
    out: list[Any] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        match = (
            _COMMAND.search(part.value)
            if isinstance(part, String) and isinstance(following, BaseMultipartText)
            else None
        )
        if match and (match.group(1) in EMPHASIS or match.group(1) in PLAIN):
            assert isinstance(following, BaseMultipartText)
            before = part.value[: match.start()]
            if before:
                out.append(String(before))
            inner = _parts(following)
            name = match.group(1)
            out.append(
                Tag(EMPHASIS[name], *inner) if name in EMPHASIS else Text(*inner)
            )
            index += 2
            continue
        if isinstance(part, BaseMultipartText):
            part = part._create_similar(_parts(part))
        out.append(part)
        index += 1
    return out


@node
def field(
    children: list[Any],
    context: dict[str, Any],
    name: str,
    apply_func: Any = None,
    raw: bool = False,
) -> Any:
    """pybtex's ``field`` node, its value decoded by :func:`decode`."""
    if children:
        raise ValueError(children)
    entry, bib_data = context["entry"], context.get("bib_data")
    try:
        value = (
            entry.fields[name]
            if bib_data is None
            else entry._find_field(name, bib_data=bib_data)  # pybtex's crossref
        )
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    value = value if raw else decode(value)
    return apply_func(value) if apply_func else value


@node
def optional_field(
    children: list[Any], data: dict[str, Any], *args: Any, **kwargs: Any
) -> Any:
    """pybtex's ``optional_field``, through :func:`field`."""
    if children:
        raise ValueError(children)
    return optional[field(*args, **kwargs)].format_data(data)
