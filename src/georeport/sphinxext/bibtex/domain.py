"""sphinxcontrib-bibtex's domain, as georeport's reports use it.

:class:`ReportsBibtexDomain` is sphinxcontrib-bibtex's ``cite`` domain
(registered in its place, ``add_domain(..., override=True)``) with two
additions, both georeport's own code rather than patches of the library:

* :meth:`~ReportsBibtexDomain.listing`: while a report's ``{bibliography}``
  directive runs, the domain offers it only the entries its content lists
  (:mod:`.bibliography` adds the cited ones later);
* the three look-ups every bibliography makes go through
  :mod:`.speedups` when ``georeport_speedups`` is on and the installed
  sphinxcontrib-bibtex is a version they were checked against.

Every module of georeport that reads citations asks here
(:func:`bibtex_domain`, :func:`cited_keys`), and reads entries whose
``crossref`` is resolved (:func:`resolve_crossrefs`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, cast

from sphinxcontrib.bibtex.domain import BibtexDomain

from ...bib.crossref import Resolved
from . import speedups
from .cite import refused

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class ReportsBibtexDomain(BibtexDomain):
    """The ``cite`` domain, with listed-only entries and the speed-ups; its
    roles (``{cite:p}``...) refused in reports (:mod:`.cite`)."""

    roles = refused(BibtexDomain.roles)
    _listed: dict[str, None] | None = None

    @contextlib.contextmanager
    def listing(self, keys: Sequence[str]) -> Iterator[None]:
        """Within the block, :meth:`get_entries` yields only ``keys``."""
        self._listed = dict.fromkeys(keys)
        try:
            yield
        finally:
            self._listed = None

    def get_entries(self, bibfiles: list[Path]) -> Iterable[Entry]:
        if self._listed is None:
            return super().get_entries(bibfiles)
        data, listed = self.bibdata, self._listed
        return [
            data.data.entries[key]
            for bibfile in bibfiles
            for key in listed
            if key in data.bibfiles[bibfile].keys
        ]

    def get_filtered_entries(
        self, bibliography_key: Any
    ) -> Iterable[tuple[str, Entry]]:
        if speedups.active(self.env):
            return speedups.get_filtered_entries(self, bibliography_key)
        return super().get_filtered_entries(bibliography_key)

    def get_all_cited_keys(self, docnames: list[str]) -> Iterable[str]:
        if speedups.active(self.env):
            return speedups.get_all_cited_keys(self, docnames)
        keys: Iterable[str] = super().get_all_cited_keys(docnames)  # untyped there
        return keys

    def get_sorted_entries(
        self, bibliography_key: Any, docnames: list[str]
    ) -> Iterable[tuple[str, Entry]]:
        if speedups.active(self.env):
            return speedups.get_sorted_entries(self, bibliography_key, docnames)
        return super().get_sorted_entries(bibliography_key, docnames)


def bibtex_domain(env: BuildEnvironment) -> ReportsBibtexDomain:
    """The ``cite`` domain: its bibliographies and citations."""
    return cast("ReportsBibtexDomain", env.get_domain("cite"))


def cited_keys(env: BuildEnvironment, docname: str) -> list[str]:
    """The keys ``docname`` cites, in the order of its citations, each once."""
    keys: dict[str, None] = {}
    for ref in bibtex_domain(env).citation_refs:
        if ref.docname == docname:
            keys.update((target.key, None) for target in ref.targets)
    return list(keys)


def resolve_crossrefs(app: Sphinx) -> None:
    """Every entry read from the domain has its ``crossref`` resolved.

    ``builder-inited``, once sphinxcontrib-bibtex has read the files (or
    kept its last parse): footnotes, References, head tags, languages and
    dependencies read the same entries (:class:`~georeport.bib.crossref.Resolved`),
    and the library formats them without the database pybtex would need.
    """
    data = bibtex_domain(app.env).bibdata.data
    if not isinstance(data.entries, Resolved):
        data.entries = Resolved(data.entries)
