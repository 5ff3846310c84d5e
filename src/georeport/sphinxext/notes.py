"""A report's notes under a heading, before its References, on the page.

myst-parser moves every footnote to the end of the document, after a rule
(its ``CollectFootnotes`` transform), so that the page showed them after
everything else, "Cite this report" too, with no heading. The PDF sets them
at the foot of their pages, before the References. Here the page's notes go
into a section "Notes" (in the report's language) where the report writes
``{footbibliography}`` (the place :mod:`.bibtex.footcite` marks), so they
stand where they stood in the PDF: after the text, before the References; a
report with no such place gets them at the end of its text. The section is
in the page's table of contents and the EPUB's.

LaTeX sets each footnote at its mark (Sphinx's own footnote transform), and
the section, left with its heading alone, is taken out of the PDF's
document (:func:`on_doctree_resolved`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..model.i18n import words
from .bibtex.footcite import NOTES_PLACE
from .front_matter import get_report

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The class of the "Notes" section.
NOTES_CLASS = "georeport-notes"


def _places(doctree: nodes.document) -> list[nodes.container]:
    return [
        node
        for node in doctree.findall(nodes.container)
        if NOTES_PLACE in node["classes"]
    ]


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Gather a report's footnotes into its "Notes" section."""
    report = get_report(app.env, app.env.docname)
    places = _places(doctree)
    notes = list(doctree.findall(nodes.footnote))
    if report is None or not notes:
        return
    for rule in list(doctree.findall(nodes.transition)):
        if "footnotes" in rule["classes"]:  # myst-parser's, before the notes
            rule.parent.remove(rule)
    title = words(report.language).gettext("Notes")
    section = nodes.section(classes=[NOTES_CLASS], names=["notes"])
    section += nodes.title(title, title)
    for note in notes:
        note.parent.remove(note)
        section += note
    doctree.set_id(section)
    top = doctree.next_node(nodes.section) or doctree
    # a heading of the References' level: after the section of the text
    # where {footbibliography} stands (at the end without one)
    anchor: nodes.Element | None = places[0] if places else None
    while anchor is not None and anchor.parent is not top:
        anchor = anchor.parent
    if anchor is None:
        top.append(section)
    else:
        top.insert(top.index(anchor) + (anchor is not places[0]), section)
    for place in places:
        if place.parent is not None:
            place.parent.remove(place)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the PDF, the notes are at their marks: no heading is left alone."""
    if app.builder.format != "latex":
        return
    for section in list(doctree.findall(nodes.section)):
        if NOTES_CLASS in section["classes"] and not list(
            section.findall(nodes.footnote)
        ):
            section.parent.remove(section)


def setup(app: Sphinx) -> None:
    """The notes of each report under their heading."""
    # after myst-parser's transforms (they run while the page is read), with
    # the masthead's, before Sphinx's collectors (priority 500): the section
    # is in the table of contents
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.connect("doctree-resolved", on_doctree_resolved)
