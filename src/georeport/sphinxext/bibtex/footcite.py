"""``{footcite}`a,b``` as ONE new footnote holding both sources.

sphinxcontrib-bibtex's own footcite role makes one footnote per key, and
cites a key a second time by pointing at its first footnote: a footnote of the
journal that cites two sources would become two footnotes, and a source cited
again (an "Ibid.") would take the number of its first footnote, shifting
every number after it. This role keeps the library's parser, styles, backend
and ``{footbibliography}`` collection, and changes only that: every role is
one new footnote, numbered after the one before it as the author numbered
them, its entries joined by "; " as the journal writes them.

What the role holds, items separated by commas (the syntax of
sphinxcontrib-bibtex's ``{cite}`` roles, plus the text form):

* ``key``: the source, formatted in the house style;
* ``key{p. 3}``: the source, then the locator: "..., p. 3.";
* ``{see}key``: text before the source;
* ``{Ibid.}``, braces and no key: the words as they stand, for a footnote
  part that names no source of the bibliography. ``\\{``, ``\\}`` and
  ``\\\\`` in braces stand for those characters.

It also notes each key as cited in the document (as ``{cite}`` does), so that
``{bibliography}`` with ``:filter: docname in docnames`` lists exactly the
sources a report cites.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import docutils.nodes
from docutils.nodes import make_id
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from sphinx.util.docutils import SphinxRole
from sphinx.util.logging import getLogger
from sphinxcontrib.bibtex.citation_target import CitationTarget
from sphinxcontrib.bibtex.roles import CitationRef
from sphinxcontrib.bibtex.transforms import node_text_transform

from ...citation_role import Target, parse_targets
from ...model.language import language_classes
from .. import places
from ..context import build_context
from ..report_language import document_language
from ..warnings_ import BibtexWarning, GeoreportWarning, log
from .cite import note_citation_fault
from .domain import bibtex_domain

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: sphinxcontrib-bibtex's logger: an unknown key is its ``bibtex.key_not_found``
#: warning, as with its own roles (``suppress_warnings`` works the same).
logger = getLogger("sphinxcontrib.bibtex")

#: The class of a ``{footbibliography}``'s container: where the notes stand
#: (:mod:`georeport.sphinxext.notes`).
NOTES_PLACE = "georeport-notes-place"
#: Between two sources of one footnote, as the journal's footnotes write it.
SEPARATOR = "; "
#: ``Target.post`` of a part that stands for a key no file holds.
MISSING = "\0missing"
#: ``env.temp_data``: the footnote names given in the document being read.
_NAMES = "georeport_footcite_names"


class GroupedFootCiteRole(SphinxRole):
    """One new footnote per role, whatever the number of keys it cites."""

    #: this run's place among the footcite roles of its paragraph
    _index = 0

    def run(
        self,
    ) -> tuple[list[docutils.nodes.Node], list[docutils.nodes.system_message]]:
        """Create the footnote and return a reference to it."""
        domain = bibtex_domain(self.env)
        context = build_context(self.env)
        self._index = places.run_index(self.env, "footcite", self.lineno)
        try:
            targets = parse_targets(self.text)
        except ValueError as error:
            note_citation_fault(self.env)
            logger.warning(
                f"{{footcite}}`{self.text}`: {error}",
                location=self._place(),
                type="bibtex",
                subtype=BibtexWarning.FOOTCITE.value,
            )
            return [], []
        parts: list[tuple[Target, Entry | None]] = []
        entries = domain.bibdata.data.entries
        for target in targets:
            if not target.key:
                parts.append((target, None))
                continue
            entry = entries.get(target.key)
            if entry is None:
                logger.warning(
                    unknown_key(target.key, entries, context.bibfiles),
                    location=self._place(target.key),
                    type="bibtex",
                    subtype=BibtexWarning.KEY_NOT_FOUND.value,
                )
                # a build that goes on (the preview) shows it where it is, and
                # keeps the author's numbering: the footnote stays, saying so
                missing = f"[no source {target.key!r} in {', '.join(context.bibfiles)}]"
                parts.append((Target("", missing, MISSING), None))
                continue
            if entry.key != target.key:
                log(
                    GeoreportWarning.KEY_CASE,
                    f'the key "{target.key}" is written "{entry.key}" in '
                    f"{', '.join(context.bibfiles)}: write it so (BibTeX warns of a "
                    "case mismatch, and biber finds no entry)",
                    location=self._place(target.key),
                )
            parts.append((target, entry))
        keyed = [target for target in targets if target.key]
        if keyed:
            # noted even when unknown: the report does cite, only with a typo
            self._note_cited(domain, keyed)
        if not parts:
            return [], []
        temp = self.env.temp_data
        # Sphinx 9 types temp_data.setdefault "Any | None": it returns the
        # value there or the default given
        bibliography = cast(
            "docutils.nodes.container",
            temp.setdefault("bibtex_foot_bibliography", docutils.nodes.container()),
        )
        # where {footbibliography} places it, the page's "Notes" go (notes.py)
        if NOTES_PLACE not in bibliography["classes"]:
            bibliography["classes"].append(NOTES_PLACE)
        new_refs = cast("set[str]", temp.setdefault("bibtex_foot_new_refs", set()))
        name = self._name([entry.key for _, entry in parts if entry is not None])
        footnote = docutils.nodes.footnote(auto=1)
        footnote["names"].append(name)
        footnote += self._paragraph(domain, parts)
        self.inliner.document.note_autofootnote(footnote)
        self.inliner.document.note_explicit_target(footnote, footnote)
        node_text_transform(footnote)
        bibliography += footnote
        # {footbibliography} places the footnotes when this set is not empty
        new_refs.add(name)
        # as docutils.parsers.rst.states.Body.footnote_reference() does
        refnode = docutils.nodes.footnote_reference(f"[#{name}]_", refname=name, auto=1)
        self.inliner.document.note_autofootnote_ref(refnode)
        self.inliner.document.note_footnote_ref(refnode)
        return [refnode], []

    def _place(self, key: str | None = None) -> str | tuple[str, int]:
        """Where the role (or ``key`` in it) stands: its line and column in
        the file, else the line MyST gave it (its paragraph's first)."""
        found = places.find(self.env, "footcite", self.lineno, self._index, self.text)
        if found is None:
            return (self.env.docname, self.lineno)
        return found.place_of(key) if key else found.place()

    def _name(self, keys: list[str]) -> str:
        """``footcite-key`` the first time, ``footcite-key-2`` the second..."""
        # Sphinx 9 types temp_data.setdefault "Any | None" (see run())
        taken = cast("set[str]", self.env.temp_data.setdefault(_NAMES, set()))
        base = make_id("footcite-" + "-".join(keys)) if keys else "footcite-text"
        name, count = base, 1
        while name in taken or name in self.inliner.document.nameids:
            count += 1
            name = f"{base}-{count}"
        taken.add(name)
        return name

    def _paragraph(
        self, domain: BibtexDomain, parts: list[tuple[Target, Entry | None]]
    ) -> docutils.nodes.paragraph:
        """The footnote's text: each entry formatted, in its own language."""
        context = build_context(self.env)
        style = find_plugin("pybtex.style.formatting", context.style)()
        paragraph = docutils.nodes.paragraph()
        main = document_language(self.env, self.env.docname)
        for index, (target, entry) in enumerate(parts):
            last = index == len(parts) - 1
            if index:
                paragraph += docutils.nodes.Text(SEPARATOR)
            if entry is None and target.post == MISSING:
                paragraph += docutils.nodes.inline(
                    target.pre, target.pre, classes=["georeport-missing-source"]
                )
                continue
            if entry is None:
                paragraph += docutils.nodes.Text(target.pre)
                continue
            text = style.format_entry(label="", entry=entry).text
            if target.pre:
                text = Text(target.pre, " ", text)
            if target.post:
                text = Text(_without_stop(text), ", ", target.post)
                if last and not target.post.endswith((".", "!", "?")):
                    text = Text(text, ".")
            elif not last:
                text = _without_stop(text)  # "Title; Next", not "Title.; Next"
            inline = docutils.nodes.inline(
                "", "", classes=["footcite-entry", *language_classes(entry, main)]
            )
            inline += text.render(domain.backend)
            paragraph += inline
        return paragraph

    def _note_cited(self, domain: BibtexDomain, targets: list[Target]) -> None:
        """Record the keys as cited here, for ``{bibliography}`` filters."""
        domain.citation_refs.append(
            CitationRef(
                citation_ref_id=make_id(f"footcite-ref-{self.lineno}-{targets[0].key}"),
                docname=self.env.docname,
                line=self.lineno,
                targets=[
                    CitationTarget(key=target.key, pre=target.pre, post=target.post)
                    for target in targets
                ],
            )
        )


def _without_stop(text: Text) -> Text:
    return text[:-1] if text.endswith(".") else text


def unknown_key(key: str, keys: Iterable[str], bibfiles: Iterable[str]) -> str:
    """The message of a key no entry has: with the key it probably is, or
    the keys it probably joins (``a;b``: keys are separated by commas)."""
    files = ", ".join(bibfiles)
    known = {name.lower(): name for name in keys}
    parts = [part for part in re.split(r"[;\s]+", key) if part]
    what = f'could not find bibtex key "{key}"'
    if len(parts) > 1 and all(part.lower() in known for part in parts):
        return f"{what}: keys are separated by commas: write {','.join(parts)}"
    close = difflib.get_close_matches(key.lower(), known, n=1)
    if close:
        return (
            f'{what}: did you mean "{known[close[0]]}"? Fix the key, or add an '
            f"entry with this key to {files}"
        )
    return f"{what}: add an entry with this key to {files} or fix the key"
