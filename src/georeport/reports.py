"""Which documents are reports, and their :class:`~georeport.model.Report`.

A document is a report when it lives under ``georeport_reports_dir``. Its
front matter is read once, when Sphinx reads the source, and kept in the
environment so that every renderer (HTML, LaTeX, head, exports) gets the same
checked object, in serial and parallel builds alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.logging import getLogger

from .model import Journal, MetadataError, Report, report_from_source

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = getLogger(__name__)


def is_report(app: Sphinx, docname: str) -> bool:
    """Reports live in the configured folder of the source tree."""
    folder = app.config.georeport_reports_dir.strip("/")
    return docname.startswith(folder + "/")


def report_files(app: Sphinx) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every report source, sorted, before any is read."""
    folder = Path(app.srcdir, app.config.georeport_reports_dir)
    found = []
    for path in sorted(folder.rglob("*.md")):
        if not any(part.startswith((".", "_")) for part in path.parts):
            docname = path.relative_to(app.srcdir).with_suffix("").as_posix()
            found.append((docname, path))
    return found


def _reports(env: BuildEnvironment) -> dict[str, Report]:
    if not hasattr(env, "georeport_reports"):
        env.georeport_reports = {}  # type: ignore[attr-defined]
    return env.georeport_reports  # type: ignore[attr-defined]


def journal(app: Sphinx) -> Journal:
    """The journal's facts from ``conf.py``, checked (an invalid ISSN raises)."""
    config = app.config
    return Journal.from_config(
        config.georeport_journal_title,
        config.georeport_issn,
        config.georeport_publisher,
        config.georeport_base_url,
        config.georeport_rights,
    )


def get_report(env: BuildEnvironment, docname: str) -> Report | None:
    """The report of ``docname``, or None for a page that is not a report."""
    return _reports(env).get(docname)


def node_report(builder: Builder, node: Element) -> Report:
    """The report a masthead/byline/downloads node was made for (writers)."""
    report = get_report(builder.env, node["docname"])
    assert report is not None and report.journal is not None
    return report


def all_reports(env: BuildEnvironment) -> list[Report]:
    """Every report, newest first (volume, then issue)."""
    return sorted(
        _reports(env).values(), key=lambda r: (r.volume, r.issue), reverse=True
    )


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Read and check a report's front matter; log an error that names the line."""
    if not is_report(app, docname):
        return
    reports = _reports(app.env)
    reports.pop(docname, None)
    try:
        reports[docname] = report_from_source(docname, source[0], journal(app))
    except MetadataError as err:
        logger.error(
            "%s (fix the report's front matter)",
            err,
            location=(docname, err.line),
            type="georeport",
            subtype="metadata",
        )


def on_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget a report that is about to be read again or was removed."""
    _reports(env).pop(docname, None)


def on_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the reports read by a parallel worker."""
    theirs = _reports(other)
    _reports(env).update({d: theirs[d] for d in docnames if d in theirs})
