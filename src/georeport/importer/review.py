"""What an import did, footnote by footnote, for the editor to check.

Each footnote's words beside what was read from them: a new entry's fields
(those the reading is unsure of flagged), an entry of references.bib reused
and why (the same DOI, the same URL, a similar title with the same author and
year), the source a back-reference points to. Printed as text by
``georeport import`` and written as one HTML page beside the build
(``build/import/<report>.html``), where everything the author wrote is text:
every value is escaped, nothing of the footnote becomes markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

#: what became of one source of a footnote
NEW, AGAIN, REUSED, BACK, WORDS = "new", "again", "reused", "back", "words"
_SAYS = {
    NEW: "new entry",
    AGAIN: "cited before",
    REUSED: "reused",
    BACK: "back-reference",
    WORDS: "kept as words",
}


@dataclass(frozen=True)
class Item:
    """One source of a footnote, as the import took it."""

    kind: str
    key: str = ""
    #: BibTeX fields read from the footnote (a new entry's, or the reused
    #: entry's as the footnote gives them)
    fields: dict[str, str] = field(default_factory=dict)
    #: the fields the reading is unsure of
    unsure: tuple[str, ...] = ()
    #: why a references.bib entry was reused, or a back-reference's words
    reason: str = ""
    entry_type: str = ""


@dataclass(frozen=True)
class Reviewed:
    """One footnote: its number, line, words and sources."""

    number: int
    line: int
    text: str
    items: list[Item]


def as_text(name: str, notes: list[Reviewed], form: str = "") -> str:
    """The review as the terminal shows it: ``?`` before an unsure field."""
    lines = [f"==> review of {name} <=="]
    if form:
        lines.append(f"read: {form}")
    for note in notes:
        lines.append(f"[{note.number}] {note.text}")
        for item in note.items:
            head = f"    {_SAYS[item.kind]}"
            if item.key:
                head += f" {item.key}"
            if item.entry_type:
                head += f" @{item.entry_type}"
            if item.reason:
                head += f" ({item.reason})"
            lines.append(head)
            lines += [
                f"      {'?' if n in item.unsure else ' '} {n}: {v}"
                for n, v in _shown(item).items()
            ]
    unsure = sum(bool(i.unsure) for n in notes for i in n.items)
    lines.append(f"{len(notes)} footnotes; {unsure} sources with fields to check (?)")
    return "\n".join(lines)


_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; width: 100%; }
td, th { border-top: 1px solid #ccc; padding: .4em .6em; vertical-align: top; }
th { text-align: left; }
td.note { width: 40%; } .n { color: #666; white-space: nowrap; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 .8em; }
dt { color: #555; } dd { margin: 0; }
.unsure { background: #fff3b0; } .unsure::after { content: " ?"; font-weight: bold; }
.kind { font-weight: bold; } .reason { color: #555; }
.reused .kind { color: #05628a; } .new .kind { color: #1b6e20; }
.words .kind { color: #a40000; }
"""


def as_html(name: str, notes: list[Reviewed], form: str = "") -> str:
    """The review as one HTML page; every value of the footnotes escaped."""
    unsure = sum(bool(i.unsure) for n in notes for i in n.items)
    rows = "\n".join(_row(note) for note in notes)
    title = html.escape(f"Import of {name}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{title}</h1>\n"
        f"<p>Read: {html.escape(form or 'footnotes as [n]')}.</p>\n"
        f"<p>{len(notes)} footnotes; {unsure} sources have fields marked "
        '<span class="unsure">like this</span>: the two readings of the footnote '
        "differ there, or the labeller is unsure. Check those first.</p>\n"
        "<table><thead><tr><th>#</th><th>footnote</th><th>read as</th></tr>"
        f"</thead><tbody>\n{rows}\n</tbody></table></body></html>\n"
    )


def _row(note: Reviewed) -> str:
    items = "".join(_item(item) for item in note.items)
    return (
        f'<tr id="fn{note.number}"><td class="n">[{note.number}]<br>'
        f"line {note.line}</td>"
        f'<td class="note">{html.escape(note.text)}</td><td>{items}</td></tr>'
    )


_UNSURE = ' class="unsure"'
#: what an unsure field that this reading left empty shows: the other
#: reading found words there, the editor looks for them in the footnote
NOT_READ = "(none read)"


def _shown(item: Item) -> dict[str, str]:
    """The fields read, then the unsure ones left empty."""
    missing = {name: NOT_READ for name in item.unsure if name not in item.fields}
    return {**item.fields, **missing}


def _item(item: Item) -> str:
    head = f'<span class="kind">{html.escape(_SAYS[item.kind])}</span>'
    if item.key:
        head += f" <code>{html.escape(item.key)}</code>"
    if item.entry_type:
        head += f" @{html.escape(item.entry_type)}"
    if item.reason:
        head += f' <span class="reason">({html.escape(item.reason)})</span>'
    pairs = "".join(
        f"<dt>{html.escape(name)}</dt>"
        f"<dd{_UNSURE if name in item.unsure else ''}>{html.escape(value)}</dd>"
        for name, value in _shown(item).items()
    )
    listing = f"<dl>{pairs}</dl>" if pairs else ""
    return f'<div class="{html.escape(item.kind)}">{head}{listing}</div>'
