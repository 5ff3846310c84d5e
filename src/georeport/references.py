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
(:mod:`.bib_dependencies`). Other filters, and
projects that name their citation ids (``bibtex_cite_id``), keep the original
behaviour.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import docutils.nodes
from sphinxcontrib.bibtex.directives import BibliographyDirective

from .bib_dependencies import bibtex_domain, drop_file_dependency

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: The reports' filter, as sphinxcontrib-bibtex parses it (``ast.parse``).
CITED_HERE = ast.dump(ast.parse("docname in docnames"))


def cited_here(filter_: ast.AST | str | None) -> bool:
    """Does this filter keep exactly the entries cited in the document?"""
    if isinstance(filter_, str):
        try:
            filter_ = ast.parse(filter_)
        except SyntaxError:
            return False
    return filter_ is not None and ast.dump(filter_) == CITED_HERE


def _narrow(env: BuildEnvironment, filter_: ast.AST | str | None) -> bool:
    return cited_here(filter_) and not env.config.bibtex_cite_id


class _ListedEntries:
    """Stands in for ``BibtexDomain.get_entries`` while the directive runs:
    only the entries its content lists."""

    def __init__(self, domain: BibtexDomain, keys: Sequence[str]) -> None:
        self.domain = domain
        self.keys = dict.fromkeys(keys)

    def __call__(self, bibfiles: list[Path]) -> Iterator[Entry]:
        data = self.domain.bibdata
        for bibfile in bibfiles:
            held = data.bibfiles[bibfile].keys
            yield from (data.data.entries[key] for key in self.keys if key in held)

    def __enter__(self) -> None:
        self.domain.get_entries = self  # type: ignore[method-assign]

    def __exit__(self, *_: object) -> None:
        del self.domain.get_entries  # the class's method again


class ReportBibliographyDirective(BibliographyDirective):
    """``{bibliography}`` that makes nodes only for what its document cites
    (with ``:filter: docname in docnames``)."""

    def run(self) -> Sequence[docutils.nodes.Node]:
        if not _narrow(self.env, self.options.get("filter")):
            return super().run()
        with _ListedEntries(bibtex_domain(self.env), [*self.content]):
            return super().run()


def _cited_keys(domain: BibtexDomain, docname: str) -> Iterable[str]:
    for ref in domain.citation_refs:
        if ref.docname == docname:
            for target in ref.targets:
                yield target.key


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
    cited = dict.fromkeys(_cited_keys(domain, env.docname))  # in citation order
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


def setup(app: Sphinx) -> None:
    """Replace the directive; add the nodes once the document is read."""
    app.add_directive("bibliography", ReportBibliographyDirective, override=True)
    app.connect("doctree-read", add_cited_entries)
