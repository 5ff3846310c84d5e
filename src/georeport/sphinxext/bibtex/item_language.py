"""Each item of a ``{bibliography}`` list set in the language of its source.

sphinxcontrib-bibtex's ``BibliographyTransform`` (a post-transform of priority
5) replaces each ``bibliography`` node by a list whose items are the citation
nodes it made at parse time, one per entry, and records each item's id in the
domain's ``citations`` (``Citation.citation_id``, with the entry and the
docname of its ``{bibliography}``). The item keeps that id and gets a
``docname`` attribute, so this transform, run right after it (and before
Sphinx resolves references, priority 10), maps every item back to its entry
without depending on the order of the list.

The text of each item (its paragraphs: for ``:list: bullet`` and
``enumerated`` the formatted entry, for citations the entry after its label)
is wrapped in an inline of class ``bibliography-entry`` plus the entry's
``language-xx`` class (:func:`georeport.language.language_classes`), as
:mod:`.footcite` does for footnotes: ``lang="ru"`` in HTML,
``\\foreignlanguage{russian}`` in LaTeX (``texinputs/georeport.sty``). The
class names a language other than the report's own (its ``language:``, else
the project's): a Russian source in a Russian report has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...model.language import language_classes
from ..report_language import document_language
from .domain import bibtex_domain

if TYPE_CHECKING:
    from pybtex.database import Entry

#: Class of the inline that holds an item's formatted entry.
ENTRY_CLASS = "bibliography-entry"


class BibliographyLanguageTransform(SphinxPostTransform):
    """Tag each bibliography item with its source's language."""

    #: After sphinxcontrib-bibtex's BibliographyTransform (5), before
    #: Sphinx's ReferencesResolver (10).
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        """Wrap the text of every item the bibliography transform made."""
        items = [n for n in self.document.findall(nodes.Element) if _is_item(n)]
        here = {item["docname"] for item in items}  # a PDF may hold several
        domain = bibtex_domain(self.env)
        entries: dict[tuple[str, str], Entry] = {
            (citation.bibliography_key.docname, citation.citation_id): citation.entry
            for citation in domain.citations
            if citation.bibliography_key.docname in here
        }
        for item in items:
            key = (item["docname"], item["ids"][0] if item["ids"] else "")
            entry = entries.get(key)
            if entry is not None:
                main = document_language(self.env, item["docname"])
                tag(item, [ENTRY_CLASS, *language_classes(entry, main)])


def _is_item(node: nodes.Node) -> bool:
    """A list item or citation made by the bibliography transform."""
    return isinstance(node, nodes.list_item | nodes.citation) and "docname" in node


def _is_entry(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and ENTRY_CLASS in node["classes"]


def tag(item: nodes.Element, classes: list[str]) -> None:
    """Wrap the content of each paragraph of ``item`` in an inline."""
    for paragraph in item.children:
        if not isinstance(paragraph, nodes.paragraph):
            continue
        children = list(paragraph.children)
        if len(children) == 1 and _is_entry(children[0]):
            continue  # tagged already
        inline = nodes.inline("", "", classes=classes)
        paragraph.clear()
        inline.extend(children)
        paragraph += inline
