"""The report as MyST Markdown: front matter, text with citations, references.

Front matter holds only what is the report's own (title, authors, volume,
issue, date, language, keywords, cover); the journal's name and ISSN live in
``docs/conf.py``. Each marker ``[n]`` becomes one ``{footcite}`` role citing
every source of footnote n, and nothing else in the text changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import TYPE_CHECKING

import yaml

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


def render_report(document: Document, citations: Mapping[int, Sequence[str]]) -> str:
    """The report file's text; ``citations`` maps footnote numbers to keys."""
    parts = [front_matter(document.header)]
    for block in document.blocks:
        if block.heading:
            parts.append(f"## {block.text}")
        else:
            parts.append(
                MARKER.sub(
                    lambda m: "{footcite}`" + ",".join(citations[int(m[1])]) + "`",
                    block.text,
                )
            )
    parts.append(REFERENCES)
    return "\n\n".join(parts)


def front_matter(header: Header) -> str:
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
    lines.append("language: en")
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
