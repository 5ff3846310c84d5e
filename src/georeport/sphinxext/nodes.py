"""The doctree nodes georeport inserts in a report, shared by its writers.

A node is made when a report is read; the HTML writer (:mod:`.masthead`) and
the LaTeX writer (:mod:`.latex`) each render it from the same
:class:`~georeport.model.Report`. Writers that have no use for them (text,
man, Texinfo) skip them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class masthead(nodes.General, nodes.Element):  # docutils naming
    """Journal, ISSN, volume, issue and date, above the title."""


class byline(nodes.General, nodes.Element):
    """The authors (with their affiliations and ORCID iDs), below the title."""


class abstract(nodes.General, nodes.Element):
    """The abstract: its heading, then its paragraphs (children)."""


class cover_caption(nodes.Part, nodes.TextElement):
    """The cover's caption and credit: a caption Sphinx does not number (the
    cover is no figure of the text), in both editions."""


def skip(translator: object, node: nodes.Element) -> None:
    """For writers that have no use for the node (text, man, ...)."""
    raise nodes.SkipNode


def visitors(**writers: Any) -> dict[str, Any]:
    """``app.add_node`` visitors: ``writers``', and a skip for the others."""
    skipped = (skip, None)
    return {"text": skipped, "man": skipped, "texinfo": skipped, **writers}
