"""Everything of georeport that touches sphinxcontrib-bibtex, in one room.

* :mod:`.domain`: the ``cite`` domain georeport registers in place of the
  library's (its subclass), the look-ups of citations, and ``crossref``
  resolved in every entry it hands out;
* :mod:`.footcite`: ``{footcite}`a,b``` as one footnote for both sources;
* :mod:`.cite`: the library's other citation roles refused in reports, and
  a citation that failed noted;
* :mod:`.bibliography`: a report's References makes nodes only for what it
  cites, and says so when it cites nothing;
* :mod:`.dependencies`: a report is read again when an entry it cites changes;
* :mod:`.entry_cache`: formatted entries kept between builds;
* :mod:`.item_language`: each References item in its source's language;
* :mod:`.speedups`: faster answers to the library's slowest look-ups, behind
  ``georeport_speedups`` and a version check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinxcontrib.bibtex.roles import CiteRole

from . import bibliography, dependencies, domain, entry_cache, footcite, speedups
from .cite import FootnotesOnly, ReportsFootDomain
from .domain import ReportsBibtexDomain
from .item_language import BibliographyLanguageTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the domain, role, directive, transform and event handlers."""
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(ReportsBibtexDomain, override=True)
    app.add_domain(ReportsFootDomain, override=True)
    app.add_role("footcite", footcite.GroupedFootCiteRole(), override=True)
    app.add_role("cite", FootnotesOnly(CiteRole()), override=True)
    app.add_directive(
        "bibliography", bibliography.ReportBibliographyDirective, override=True
    )
    app.add_post_transform(BibliographyLanguageTransform)
    app.connect("builder-inited", speedups.on_builder_inited)
    # after sphinxcontrib-bibtex's (500), which reads the files
    app.connect("builder-inited", domain.resolve_crossrefs, priority=550)
    app.connect("env-before-read-docs", entry_cache.restore)
    app.connect("env-get-outdated", dependencies.outdated)
    app.connect("doctree-read", bibliography.add_cited_entries)
    app.connect("doctree-read", bibliography.check_cited)
    app.connect("env-updated", dependencies.store)
    # after sphinxcontrib-bibtex's handler has formatted every References
    app.connect("env-updated", entry_cache.store, priority=900)
    app.connect("env-updated", speedups.citations_not_saved, priority=900)
