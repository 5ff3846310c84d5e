"""Files beside each report page: its PDF edition and its citation exports.

The HTML build copies ``<report>.pdf`` from the PDF edition (where
``georeport_pdf_dir`` says the PDF build left it, :mod:`.context`) and writes
``<report>.bib``, ``.ris`` and ``.json`` next to ``<report>.html``, so that
every link on the page is relative and the folder can be served or archived
as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..exports import SUFFIXES, exports
from ..files import write_if_changed
from .context import build_context
from .front_matter import all_reports

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Report


def _same(source: Path, copy: Path) -> bool:
    """Is ``copy`` a copy of ``source`` made by :func:`shutil.copy2` (same size
    and time) since ``source`` last changed? Reading every PDF of an archive
    on every build to compare bytes would cost more than copying them."""
    if not copy.is_file():
        return False
    a, b = source.stat(), copy.stat()
    return (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


#: Environment attributes: what each report's exports were made from,
#: ``docname -> (report, with_pdf)``, and the reports whose exports this
#: build writes. Both are set before Sphinx saves its environment (which it
#: does before writing pages), so that the next build knows them.
MADE_FROM = "georeport_exports_made_from"
TO_WRITE = "georeport_exports_to_write"


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Which reports' exports are out of date: front matter, journal or PDF.

    Exports depend on those three alone: a report whose three are as when
    its exports were last written is left alone (an archive of 200 reports
    made every export again on every build).
    """
    context = build_context(env)
    made_from: dict[str, tuple[Report, bool]] = getattr(env, MADE_FROM, {})
    now = {
        report.docname: (report, context.pdf_of(report) is not None)
        for report in all_reports(env)
    }
    setattr(env, TO_WRITE, {d for d, made in now.items() if made_from.get(d) != made})
    setattr(env, MADE_FROM, now)
    return []


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Put the PDF and the exports beside each report's HTML page."""
    if exception is not None or app.builder.format != "html":
        return
    context = build_context(app.env)
    to_write: set[str] = getattr(app.env, TO_WRITE, set())
    for report in all_reports(app.env):
        folder = Path(app.outdir, report.docname).parent
        pdf = context.pdf_of(report)
        if pdf is not None and not _same(pdf, folder / pdf.name):
            shutil.copy2(pdf, folder / pdf.name)
        files = [folder / f"{report.slug}.{suffix}" for suffix in SUFFIXES]
        if report.docname not in to_write and all(path.is_file() for path in files):
            continue
        for suffix, text in exports(report, pdf is not None).items():
            write_if_changed(folder / f"{report.slug}.{suffix}", text)


def setup(app: Sphinx) -> None:
    """The PDF and the exports beside each report's page."""
    app.connect("env-updated", on_env_updated)
    app.connect("build-finished", on_build_finished)
