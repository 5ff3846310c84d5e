"""Deposits of the journal's metadata with registration agencies.

Sphinx-free, fed by the model (:class:`~georeport.model.Report`) and the
BibTeX entries the reports cite, as every other renderer is
(ARCHITECTURE.md, "One model"):

* :mod:`.project`: a project read without Sphinx (``conf.py``, the reports,
  the bibliography), for the ``georeport deposit`` command and the editions;
* :mod:`.crossref`: one Crossref ``doi_batch`` (schema 5.4.0) per issue.
"""

from __future__ import annotations


class DepositError(ValueError):
    """A deposit cannot be made: the message names what to set or fix."""
