"""Speed-ups for an archive of many reports: three library hot spots.

Measured on a generated archive (``python -m georeport.bench``), a clean HTML
build grew with the cube of the number of reports (50 reports: 66 s; 200:
not done after 15 minutes), from code outside georeport:

* pybtex finds every plugin (the house style, its name, label and sorting
  styles) by scanning the entry points of every installed package, each time a
  footnote or a bibliography is formatted: milliseconds, thousands of times.
  The scan's answers are kept (runtime plugins, ``register_plugin``, still
  come first, as pybtex looks them up before entry points).
* sphinxcontrib-bibtex, for each ``{bibliography}`` and each entry of the
  BibTeX files, scans every citation of every document to learn where the
  entry is cited: reports x entries x citations. An index of citations by key,
  made once per build, answers the same; for the reports' own filter,
  ``docname in docnames``, only the entries the document cites are examined.
* sphinxcontrib-bibtex sorts citations by ``docnames.index(docname)``, and
  each bibliography walks every citation of the archive to order its entries:
  a position table, and each key's first place computed once per build,
  answer the same.

Each replacement returns what the original returns, in the same order; they
are put in place only over the versions they were written for (otherwise the
originals stay). :func:`main` runs sphinx-build with them, as
``georeport.editions`` does: ``python -m georeport.speedups [sphinx-build
options]``.
"""

from __future__ import annotations

import functools
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from .references import cited_here

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: The versions these replacements were written and checked against.
_KNOWN = {"pybtex": ("0.24", "0.25", "0.26"), "sphinxcontrib-bibtex": ("2.6", "2.7")}


def _known(package: str) -> bool:
    try:
        found = version(package)
    except Exception:  # not installed
        return False
    return found.startswith(_KNOWN[package])


# -- pybtex ------------------------------------------------------------------


def _cached_entry_points(original: Any) -> Any:
    @functools.cache
    def lookup(group: str, name: str) -> tuple[Any, ...]:
        return tuple(original(group=group, name=name))

    def entry_points(**selection: str) -> Iterable[Any]:
        if set(selection) == {"group", "name"}:
            return lookup(selection["group"], selection["name"])
        return original(**selection)

    entry_points.georeport_speedup = True  # type: ignore[attr-defined]
    return entry_points


# -- sphinxcontrib-bibtex ----------------------------------------------------


class _Index:
    """Where each key is cited, in which order, and where each entry sits in
    its BibTeX file: made once per build, looked up by every bibliography."""

    def __init__(self, domain: BibtexDomain) -> None:
        self.refs = domain.citation_refs
        self.count = len(self.refs)
        self.docnames: dict[str, set[str]] = defaultdict(set)  # key -> docnames
        self.keys: dict[str, set[str]] = defaultdict(set)  # docname -> keys
        for ref in self.refs:
            for target in ref.targets:
                self.docnames[target.key].add(ref.docname)
                self.keys[ref.docname].add(target.key)
        self._order_of: list[str] | None = None
        self._order: dict[str, int] = {}
        self._places: dict[int, tuple[dict[str, None], dict[str, int]]] = {}

    @classmethod
    def of(cls, domain: BibtexDomain) -> _Index:
        index = getattr(domain, "_georeport_index", None)
        refs = domain.citation_refs
        if index is None or index.refs is not refs or index.count != len(refs):
            index = cls(domain)
            domain._georeport_index = index  # type: ignore[attr-defined]
        return index

    def first_cited(self, docnames: list[str]) -> dict[str, int]:
        """Each key's place in ``get_all_cited_keys(docnames)``, first time."""
        if self._order_of is not docnames:
            order: dict[str, int] = {}
            for key in _get_all_cited_keys_of(self.refs, docnames):
                order.setdefault(key, len(order))
            self._order_of, self._order = docnames, order
        return self._order

    def in_file_order(self, wanted: set[str], keys: dict[str, None]) -> list[str]:
        """The ``wanted`` keys a BibTeX file holds (``keys``), in its order."""
        kept = self._places.get(id(keys))
        if kept is None or kept[0] is not keys or len(kept[1]) != len(keys):
            kept = self._places[id(keys)] = (keys, {k: n for n, k in enumerate(keys)})
        place = kept[1]
        return sorted((key for key in wanted if key in place), key=place.__getitem__)


def _get_filtered_entries(
    self: BibtexDomain, bibliography_key: Any
) -> Iterator[tuple[str, Entry]]:
    """As ``BibtexDomain.get_filtered_entries``, with the citations indexed."""
    from sphinxcontrib.bibtex.domain import _FilterVisitor, logger

    bibliography = self.bibliographies[bibliography_key]
    index = _Index.of(self)
    docname = bibliography_key.docname
    prefix = bibliography.keyprefix
    entries: Iterable[Entry]
    if cited_here(bibliography.filter_):
        # only entries cited here (or listed by the directive) can pass:
        # take them from the files, in the files' order
        wanted = {k[len(prefix) :] for k in index.keys[docname] if k.startswith(prefix)}
        wanted |= set(bibliography.keys)
        data = self.bibdata
        entries = [
            data.data.entries[key]
            for bibfile in bibliography.bibfiles
            for key in index.in_file_order(wanted, data.bibfiles[bibfile].keys)
        ]
    else:
        entries = self.get_entries(bibliography.bibfiles)
    for entry in entries:
        key = prefix + entry.key
        cited_docnames = set(index.docnames.get(key, ()))
        visitor = _FilterVisitor(
            entry=entry, docname=docname, cited_docnames=cited_docnames
        )
        try:
            success = visitor.visit(bibliography.filter_)
        except ValueError as err:
            logger.warning(
                f"syntax error in :filter: expression; {err}",
                location=(docname, bibliography.line),
                type="bibtex",
                subtype="filter_syntax_error",
            )
            success = bool(cited_docnames)  # as the original recovers
        if success or entry.key in bibliography.keys:
            yield key, entry


def _get_all_cited_keys_of(refs: list[Any], docnames: list[str]) -> Iterator[str]:
    position = {docname: number for number, docname in enumerate(docnames)}
    for ref in sorted(refs, key=lambda ref: position[ref.docname]):
        for target in ref.targets:
            yield target.key


def _get_all_cited_keys(self: BibtexDomain, docnames: list[str]) -> Iterator[str]:
    """As ``BibtexDomain.get_all_cited_keys``, positions looked up once."""
    return _get_all_cited_keys_of(self.citation_refs, docnames)


def _get_sorted_entries(
    self: BibtexDomain, bibliography_key: Any, docnames: list[str]
) -> Iterator[tuple[str, Entry]]:
    """As ``BibtexDomain.get_sorted_entries``: the entries cited anywhere, in
    the order first cited, then the others; each key's first place is
    computed once per build, not once per bibliography."""
    entries = dict(self.get_filtered_entries(bibliography_key))
    first = _Index.of(self).first_cited(docnames)
    for key in sorted((k for k in entries if k in first), key=first.__getitem__):
        yield key, entries.pop(key)
    yield from entries.items()


# -- Installing --------------------------------------------------------------


def install() -> list[str]:
    """Put the replacements in place (once); return what was replaced."""
    done = []
    if _known("pybtex"):
        import pybtex.plugin

        if not getattr(pybtex.plugin.entry_points, "georeport_speedup", False):
            pybtex.plugin.entry_points = _cached_entry_points(
                pybtex.plugin.entry_points
            )
        done.append("pybtex plugin look-ups")
    if _known("sphinxcontrib-bibtex"):
        from sphinxcontrib.bibtex.domain import BibtexDomain

        BibtexDomain.get_filtered_entries = _get_filtered_entries  # type: ignore[method-assign]
        BibtexDomain.get_all_cited_keys = _get_all_cited_keys  # type: ignore[method-assign]
        BibtexDomain.get_sorted_entries = _get_sorted_entries  # type: ignore[method-assign]
        done.append("sphinxcontrib-bibtex bibliography filters")
    return done


def main(argv: list[str] | None = None) -> int:
    """``sphinx-build`` with the speed-ups in place."""
    install()
    from sphinx.cmd.build import main as sphinx_build

    return sphinx_build(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
