"""Files beside each report page: its PDF edition and its citation exports.

The HTML build copies ``<report>.pdf`` from ``georeport_pdf_dir`` (where the
PDF build left it) and writes ``<report>.bib``, ``.ris`` and ``.json`` next to
``<report>.html``, so that every link on the page is relative and the folder
can be served or archived as it is.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .citation import exports
from .reports import all_reports

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .model import Report


def pdf_source(builder: Builder, report: Report) -> Path | None:
    """The report's built PDF, if the PDF edition was built first."""
    folder = builder.config.georeport_pdf_dir
    if not folder:
        return None
    path = Path(builder.confdir, folder, f"{report.slug}.pdf")
    return path if path.is_file() else None


def has_pdf(builder: Builder, report: Report) -> bool:
    """Whether the page can link to its PDF edition."""
    return pdf_source(builder, report) is not None


def _write(path: Path, text: str) -> None:
    """Write atomically (a reader never sees half a file), and only a change:
    every build puts every report's files in place, and most are as they were."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
    path.chmod(0o644)


def _same(source: Path, copy: Path) -> bool:
    """Is ``copy`` already a copy of ``source``, byte for byte?"""
    return copy.is_file() and filecmp.cmp(source, copy, shallow=False)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Put the PDF and the exports beside each report's HTML page."""
    if exception is not None or app.builder.format != "html":
        return
    for report in all_reports(app.env):
        folder = Path(app.outdir, report.docname).parent
        pdf = pdf_source(app.builder, report)
        if pdf is not None and not _same(pdf, folder / pdf.name):
            shutil.copyfile(pdf, folder / pdf.name)
        for suffix, text in exports(report).items():
            _write(folder / f"{report.slug}.{suffix}", text)
