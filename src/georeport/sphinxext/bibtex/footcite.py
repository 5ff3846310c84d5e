"""``{footcite}`a,b``` as ONE footnote holding both sources.

sphinxcontrib-bibtex's own footcite role makes one footnote per key, so a
footnote of the journal that cites two sources would become two footnotes
and shift every number after it. This role keeps its parser, styles, backend
and ``{footbibliography}`` collection, and changes only the grouping: one
role, one footnote, its entries joined by "; " as the journal writes them.

It also notes each key as cited in the document (as ``{cite}`` does), so that
``{bibliography}`` with ``:filter: docname in docnames`` lists exactly the
sources a report cites.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import docutils.nodes
from docutils.nodes import make_id
from pybtex.plugin import find_plugin
from sphinx.util.docutils import SphinxRole
from sphinx.util.logging import getLogger
from sphinxcontrib.bibtex.citation_target import CitationTarget
from sphinxcontrib.bibtex.roles import CitationRef
from sphinxcontrib.bibtex.transforms import node_text_transform

from ...language import language_classes
from ..context import build_context
from .domain import bibtex_domain

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: sphinxcontrib-bibtex's logger: an unknown key is its ``bibtex.key_not_found``
#: warning, as with its own roles (``suppress_warnings`` works the same).
logger = getLogger("sphinxcontrib.bibtex")

#: Between two sources of one footnote, as the journal's footnotes write it.
SEPARATOR = "; "


class GroupedFootCiteRole(SphinxRole):
    """One footnote per role, whatever the number of keys it cites."""

    def run(
        self,
    ) -> tuple[list[docutils.nodes.Node], list[docutils.nodes.system_message]]:
        """Create (or reuse) the footnote and return a reference to it."""
        domain = bibtex_domain(self.env)
        context = build_context(self.env)
        keys = [key.strip() for key in self.text.split(",") if key.strip()]
        entries: list[Entry] = []
        for key in keys:
            entry = domain.bibdata.data.entries.get(key)
            if entry is None:
                logger.warning(
                    f'could not find bibtex key "{key}": add an entry with this key '
                    f"to {', '.join(context.bibfiles)} or fix the key",
                    location=(self.env.docname, self.lineno),
                    type="bibtex",
                    subtype="key_not_found",
                )
            else:
                entries.append(entry)
        # noted even when unknown: the report does cite, only with a typo
        self._note_cited(domain, keys)
        if not entries:
            return [], []
        temp = self.env.temp_data
        bibliography = temp.setdefault(
            "bibtex_foot_bibliography", docutils.nodes.container()
        )
        old_refs: set[str] = temp.setdefault("bibtex_foot_old_refs", set())
        new_refs: set[str] = temp.setdefault("bibtex_foot_new_refs", set())
        group = ",".join(entry.key for entry in entries)
        name = make_id("footcite-" + "-".join(entry.key for entry in entries))
        if group not in old_refs | new_refs:
            footnote = docutils.nodes.footnote(auto=1)
            footnote["names"].append(name)
            footnote += self._paragraph(domain, entries)
            self.inliner.document.note_autofootnote(footnote)
            self.inliner.document.note_explicit_target(footnote, footnote)
            node_text_transform(footnote)
            bibliography += footnote
            new_refs.add(group)
        # as docutils.parsers.rst.states.Body.footnote_reference() does
        refnode = docutils.nodes.footnote_reference(f"[#{name}]_", refname=name, auto=1)
        self.inliner.document.note_autofootnote_ref(refnode)
        self.inliner.document.note_footnote_ref(refnode)
        return [refnode], []

    def _paragraph(
        self, domain: BibtexDomain, entries: list[Entry]
    ) -> docutils.nodes.paragraph:
        """The footnote's text: each entry formatted, in its own language."""
        context = build_context(self.env)
        style = find_plugin("pybtex.style.formatting", context.style)()
        paragraph = docutils.nodes.paragraph()
        main = context.language
        for index, entry in enumerate(entries):
            if index:
                paragraph += docutils.nodes.Text(SEPARATOR)
            text = style.format_entry(label="", entry=entry).text
            if index < len(entries) - 1 and text.endswith("."):
                text = text[:-1]  # "Title; Next" rather than "Title.; Next"
            inline = docutils.nodes.inline(
                "", "", classes=["footcite-entry", *language_classes(entry, main)]
            )
            inline += text.render(domain.backend)
            paragraph += inline
        return paragraph

    def _note_cited(self, domain: BibtexDomain, keys: list[str]) -> None:
        """Record the keys as cited here, for ``{bibliography}`` filters."""
        domain.citation_refs.append(
            CitationRef(
                citation_ref_id=make_id(f"footcite-ref-{self.lineno}-{keys[0]}"),
                docname=self.env.docname,
                line=self.lineno,
                targets=[CitationTarget(key=key, pre="", post="") for key in keys],
            )
        )
