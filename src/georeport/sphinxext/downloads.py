"""Files beside each report page: its PDF edition and its citation exports.

The HTML build copies ``<report>.pdf`` from the PDF edition (where
``georeport_pdf_dir`` says the PDF build left it, :mod:`.context`) and writes
``<report>.bib``, ``.ris`` and ``.json`` next to ``<report>.html``, so that
every link on the page is relative and the folder can be served or archived
as it is.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..exports import exports
from .context import build_context
from .front_matter import all_reports

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_if_changed(path: Path, text: str | bytes) -> None:
    """Write atomically (a reader never sees half a file), and only a change:
    every build puts every report's files in place, and most are as they were."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # a short name: the report's own may be near the system's limit of 255
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
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
    context = build_context(app.env)
    for report in all_reports(app.env):
        folder = Path(app.outdir, report.docname).parent
        pdf = context.pdf_of(report)
        if pdf is not None and not _same(pdf, folder / pdf.name):
            shutil.copyfile(pdf, folder / pdf.name)
        for suffix, text in exports(report, pdf is not None).items():
            write_if_changed(folder / f"{report.slug}.{suffix}", text)
