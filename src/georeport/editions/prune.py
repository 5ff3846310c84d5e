"""Removed and renamed reports disappear from every edition on the next build.

Sphinx forgets a document whose source is gone but leaves its page in the
output folder, and georeport's files beside it (its PDF and its exports);
Sphinx's LaTeX builder leaves its ``.tex``, and latexmk its PDF. Which reports
there are is the sources' answer (:class:`.fingerprint.Sources`, from
:mod:`georeport.project`); a file is removed only when it is the output of
a report that is no more, named as the editions name a report's outputs:

* HTML: ``<reports>/<name>.html``, the files ``<name>.pdf|bib|ris|json|epub|xml``
  beside it, and Sphinx's copy of its source ``_sources/<docname>.md.txt``,
  for each report of the last successful build (its record in
  ``BUILD/doctrees/html.json``) that is no report now: a file the project
  puts there (``html_extra_path``) is no report's output, and stays;
* LaTeX: ``<name>.tex`` (a document Sphinx wrote, not a file ``conf.py``
  copies there) and what LaTeX wrote for it, when georeport makes the LaTeX
  documents (``georeport_latex_documents``);
* the PDF and EPUB editions are published from the current documents alone
  (:mod:`.publish`, :mod:`.epub`).

A report's PDF beside its page also goes when the PDF edition has none: the
page no longer links to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..project import is_report
from .fingerprint import Sources
from .typeset import clean, is_document

#: Files put beside each report's page (``sphinxext/downloads.py``,
#: ``sphinxext/epub.py``, ``sphinxext/jats_file.py``: its JATS XML).
BESIDE = ("pdf", "bib", "ris", "json", "epub", "xml")


def _outputs(work: Path, docname: str) -> list[Path]:
    page = work / f"{docname}.html"
    slug = page.stem
    return [
        page,
        *(page.with_name(f"{slug}.{suffix}") for suffix in BESIDE),
        work / "_sources" / f"{docname}.md.txt",
    ]


def html(
    work: Path, before: Iterable[str], sources: Sources, pdf_dir: Path
) -> list[str]:
    """Remove from Sphinx's HTML folder the outputs of the reports of the
    last successful build (``before``) that are no more; return their names."""
    current = sources.docnames
    gone = sorted(
        name
        for name in set(before) - current
        if is_report(name, sources.settings.reports_dir)
    )
    for docname in gone:
        for path in _outputs(work, docname):
            path.unlink(missing_ok=True)
    for docname in current:
        beside = _outputs(work, docname)[1]  # <name>.pdf beside the page
        if beside.is_file() and not (pdf_dir / beside.name).is_file():
            beside.unlink()
    return gone


def latex(latex_dir: Path, sources: Sources | None) -> list[Path]:
    """The LaTeX documents of this build: one per report (the files of a
    report that is no more are removed), or every ``.tex`` when the project
    makes its own ``latex_documents``."""
    found = sorted(latex_dir.glob("*.tex"))
    if sources is None or not sources.settings.get("georeport_latex_documents", True):
        return found
    documents = [tex for tex in found if tex.stem in sources.reports]
    for gone in sorted(set(found) - set(documents)):
        if not is_document(gone):
            continue  # a file conf.py has copied here (latex_additional_files)
        clean(gone)
        gone.unlink(missing_ok=True)
    return documents
