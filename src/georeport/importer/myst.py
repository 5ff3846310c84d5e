"""The report as MyST Markdown: front matter, text with citations, references.

Front matter holds only what is the report's own (title, authors, volume,
issue, date, language, keywords, cover); the journal's name and ISSN live in
``docs/conf.py``. Each marker ``[n]`` becomes one ``{footcite}`` role citing
every source of footnote n, with its locator (``key{p. 3}``), and nothing else
in the text changes.

The author's text is untrusted and must publish as the characters it holds,
never as markup: every character MyST (CommonMark, its roles, directives,
HTML, math, comments and targets) could read as markup is escaped with a
backslash, which CommonMark allows before any ASCII punctuation and which
leaves the character itself on the page. Inline, that is ``\\ ` * _ [ ] <
> & $ { } ~ | ^ ! #`` wherever they stand; at the start of a paragraph also
what only starts a block there (``+ - = % : (`` and the ``.`` or ``)`` of
``1.``). A text that has none of them, like the seed's, is written as it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import yaml

from georeport.citation_role import Target, format_targets
from georeport.importer.header import MARKER

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from georeport.importer.document import Document
    from georeport.importer.header import Header

#: what follows the text in every report: its footnotes and its reference list
REFERENCES = """\
```{footbibliography}
```

## References

:::{bibliography}
:list: bullet
:filter: docname in docnames
:::
"""


#: what MyST may read as markup wherever it stands
_INLINE = re.compile(r"([\\`*_\[\]<>&${}~|^!#])")
#: what starts a block only at a line's start (after the inline escapes)
_BLOCK_START = re.compile(r"^(?:([+\-=%:(])|(\d+)([.)]))")
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Item:
    """One part of a footnote: a cited key and its locator, or text alone."""

    key: str  #: "" for text alone: the author's words, in ``text``
    text: str = ""  #: the locator ("p. 3"), or the words of a text alone
    pre: str = ""  #: the footnote's words before the source ("See", a remark)


def render_report(
    document: Document, items: Mapping[int, Sequence[Item]], language: str = "en"
) -> str:
    """The report file's text; ``items`` maps footnote numbers to what they cite."""
    parts = [front_matter(document.header, language)]
    for block in document.blocks:
        if block.heading:
            parts.append(f"## {escape_inline(block.text)}")
            continue
        pieces = MARKER.split(block.text)
        text = escape_block(pieces[0])
        for number, after in zip(pieces[1::2], pieces[2::2], strict=True):
            text += role(items[int(number)]) + escape_inline(after)
        parts.append(text)
    parts.append(REFERENCES)
    return "\n\n".join(parts)


def escape_inline(text: str) -> str:
    """``text`` with every character MyST reads as inline markup escaped."""
    return _INLINE.sub(r"\\\1", text)


def escape_block(text: str) -> str:
    """``text`` escaped as a paragraph's start: inline markup and block starts."""
    return _BLOCK_START.sub(
        lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escape_inline(text)
    )


def role(items: Sequence[Item]) -> str:
    """``{footcite}`key{p. 3},{text alone}```, as the footcite role reads it.

    Braced text escapes braces and backslashes (the role's own syntax); the
    role's backticks outnumber any run of backticks the text holds.
    """
    content = format_targets(
        [
            Target(item.key, pre=item.pre, post=item.text)
            if item.key
            else Target("", item.text)
            for item in items
        ]
    )
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * (longest + 1)
    return f"{{footcite}}{fence}{content}{fence}"


def front_matter(header: Header, language: str = "en") -> str:
    """YAML front matter between ``---`` lines, keys in the house order."""
    lines = ["---", f"title: {_scalar(header.title)}"]
    if header.authors:
        lines += ["authors:", *(f"  - {_scalar(name)}" for name in header.authors)]
    if header.volume is not None:
        lines.append(f"volume: {header.volume}")
    if header.issue is not None:
        lines.append(f"issue: {header.issue}")
    if header.date:
        lines.append(f"date: {_quoted(header.date)}")
    lines.append(f"language: {language}")
    if header.keywords:
        lines += ["keywords:", *(f"  - {_scalar(word)}" for word in header.keywords)]
    if header.cover:
        cover = asdict(header.cover)
        lines += ["cover:"]
        lines += [f"  {key}: {_scalar(value)}" for key, value in cover.items() if value]
    return "\n".join([*lines, "---"])


#: White space that is a control character (a tab, a form feed, a line
#: separator), with the spaces around it: georeport refuses control
#: characters in front matter, so each run becomes one space.
_CONTROL_SPACE = re.compile(r" *[\t\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+ *")


def _scalar(value: str) -> str:
    """``value`` plain when YAML reads it back as the same string, else quoted;
    a tab (or other white space that is a control character) is a space."""
    value = _CONTROL_SPACE.sub(" ", value)
    if value[:1].isdigit():
        return _quoted(value)
    try:
        plain = yaml.safe_load(f"key: {value}") == {"key": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else _quoted(value)


def _quoted(value: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(value, ensure_ascii=False)
