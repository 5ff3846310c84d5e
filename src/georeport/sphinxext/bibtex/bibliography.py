"""A report's References: nodes for the sources it cites, not for the archive.

sphinxcontrib-bibtex's ``{bibliography}`` directive cannot know, when it runs,
which keys its document will cite, so it makes an (empty) citation node for
*every* entry of the BibTeX files and keeps them all in the environment. For
a journal whose ``references.bib`` holds the sources of the whole archive,
each report then carries a node per entry of every other report: the
environment grows with the square of the archive (1.2 GiB at 200 reports),
and a report's ids change whenever another report's sources are added.

A report's References use ``:filter: docname in docnames``: only the entries
the report cites can pass. For that filter this directive makes nodes only for
the keys listed in its content, and :func:`add_cited_entries` (at
``doctree-read``, when every citation of the document is known) adds one for
each key the document cites. The rest is sphinxcontrib-bibtex's: filtering,
sorting, formatting and the transform that fills the list. Such a list depends
on the entries its report cites, not on the whole file
(:mod:`.dependencies`). Other filters, and
projects that name their citation ids (``bibtex_cite_id``), keep the original
behaviour.

A report whose References has nothing to list is a mistake, said here too
(:func:`check_cited`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import docutils.nodes
from sphinxcontrib.bibtex.directives import BibliographyDirective
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node

from ..front_matter import is_report
from ..warnings_ import GeoreportWarning, log
from .cite import citation_fault
from .dependencies import drop_file_dependency
from .domain import bibtex_domain, cited_keys
from .filters import cited_here

if TYPE_CHECKING:
    import ast
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _narrow(env: BuildEnvironment, filter_: ast.AST | str | None) -> bool:
    return cited_here(filter_) and not env.config.bibtex_cite_id


class ReportBibliographyDirective(BibliographyDirective):
    """``{bibliography}`` that makes nodes only for what its document cites
    (with ``:filter: docname in docnames``)."""

    def run(self) -> Sequence[docutils.nodes.Node]:
        if not _narrow(self.env, self.options.get("filter")):
            return super().run()
        with bibtex_domain(self.env).listing([*self.content]):
            return super().run()


def add_cited_entries(app: Sphinx, doctree: docutils.nodes.document) -> None:
    """Give each narrowed bibliography of the document a node per cited key."""
    env = app.env
    domain = bibtex_domain(env)
    here = [v for k, v in domain.bibliographies.items() if k.docname == env.docname]
    bibliographies = [value for value in here if _narrow(env, value.filter_)]
    if not bibliographies:
        return
    # another filter of the same document may list any entry: it keeps the
    # document's dependency on the whole file
    whole = {f for v in here if not _narrow(env, v.filter_) for f in v.bibfiles}
    cited = cited_keys(env, env.docname)  # in citation order
    for bibliography in bibliographies:
        files = [
            domain.bibdata.bibfiles[bibfile].keys for bibfile in bibliography.bibfiles
        ]
        node_class = (
            docutils.nodes.citation
            if bibliography.list_ == "citation"
            else docutils.nodes.list_item
        )
        # a changed entry reads again the reports that cite it, not all
        drop_file_dependency(env, set(bibliography.bibfiles) - whole)
        prefix = bibliography.keyprefix
        for key in cited:
            if key in bibliography.citation_nodes or not key.startswith(prefix):
                continue
            if not any(key[len(prefix) :] in keys for keys in files):
                continue  # an unknown key: the citation role has said so
            node = node_class()
            doctree.note_explicit_target(node, node)  # an id, as the directive's
            bibliography.citation_nodes[key] = node


def check_cited(app: Sphinx, doctree: docutils.nodes.document) -> None:
    """A report whose References section lists nothing is a mistake."""
    env = app.env
    if not is_report(env, env.docname):
        return
    node = next(iter(doctree.findall(bibliography_node)), None)
    if node is None or cited_keys(env, env.docname) or citation_fault(env):
        return  # a citation that failed has said so: this is its consequence
    section = node.parent
    title = section[0] if isinstance(section, docutils.nodes.section) else node
    log(
        GeoreportWarning.NO_CITATION,
        "the report has a References section but cites nothing: cite its "
        "sources with {footcite}`key`, or remove the References section",
        location=title,
        error=True,
    )
