"""Each report's front matter, read once into a :class:`~georeport.model.Report`.

A document is a report when :func:`georeport.project.is_report` says so.
Its front matter is read when Sphinx reads the source and kept in the
environment, so that every renderer (HTML, LaTeX, head, exports) gets the same
checked object, in serial and parallel builds alike.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING

from .. import project
from ..model import MetadataError, Report, report_from_source
from .context import build_context
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Environment attribute: docname -> Report.
ENV_ATTRIBUTE = "georeport_reports"
#: Environment attribute: each report refused for its file name -> the
#: report that has it first (:func:`georeport.project.same_names`).
SAME_NAME = "georeport_same_name"


def _reports(env: BuildEnvironment) -> dict[str, Report]:
    if not hasattr(env, ENV_ATTRIBUTE):
        setattr(env, ENV_ATTRIBUTE, {})
    reports: dict[str, Report] = getattr(env, ENV_ATTRIBUTE)
    return reports


def is_report(env: BuildEnvironment, docname: str) -> bool:
    """Is ``docname`` a report of this project?"""
    return project.is_report(docname, build_context(env).reports_dir)


def get_report(env: BuildEnvironment, docname: str) -> Report | None:
    """The report of ``docname``, or None for a page that is not a report."""
    return _reports(env).get(docname)


def node_report(builder: Builder, node: Element) -> Report:
    """The report a masthead/byline/downloads node was made for (writers)."""
    report = get_report(builder.env, node["docname"])
    if report is None:  # the node is made only for a report
        msg = f"no report for {node['docname']!r}"
        raise LookupError(msg)
    return report


def all_reports(env: BuildEnvironment) -> list[Report]:
    """Every report, newest first (volume, then issue)."""
    return sorted(
        _reports(env).values(), key=lambda r: (r.volume, r.issue), reverse=True
    )


def on_builder_inited(app: Sphinx) -> None:
    """The reports kept from the last build take this build's journal (its
    base URL may have changed without any report being read again)."""
    journal = build_context(app.env).journal
    reports = _reports(app.env)
    for docname, report in reports.items():
        if report.journal != journal:
            reports[docname] = dataclasses.replace(report, journal=journal)


def outside_project(app: Sphinx, docname: str) -> Path | None:
    """Where a report's file really is, when a symbolic link (of the file or
    of a folder above it) puts it outside the project's folder; else None."""
    if not is_report(app.env, docname):
        return None
    path = Path(app.env.doc2path(docname)).resolve()
    return None if path.is_relative_to(Path(app.srcdir).resolve()) else path


def _link_out(srcdir: Path, path: Path) -> Path:
    """The symbolic link that leads ``path`` out of ``srcdir``: the report's
    file itself, or a folder above it (``reports/2023``)."""
    parts = path.relative_to(srcdir).parts
    steps = [srcdir.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]
    inside = srcdir.resolve()
    leading_out = (
        step
        for step in steps
        if step.is_symlink() and not step.resolve().is_relative_to(inside)
    )
    return next(leading_out, path)


def _refuse_outside(app: Sphinx, docname: str) -> None:
    """Name the link that leads a report out of the project, and what to do."""
    srcdir = Path(app.srcdir)
    link = _link_out(srcdir, Path(app.env.doc2path(docname)))
    log(
        GeoreportWarning.PATH,
        "the report is reached through the symbolic link %s, to %s, outside "
        "the project's folder %s, and nothing outside it is published: put "
        "the %s itself in the project in place of the link",
        link.relative_to(srcdir),
        link.resolve(),
        srcdir.resolve(),
        "folder" if link.is_dir() else "file",
        location=(docname, None),
        error=True,
    )


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Find the reports whose file name an earlier report has; read again
    those refused or built before that are not now, and the reverse."""
    before: dict[str, str] = getattr(env, SAME_NAME, {})
    now = project.same_names(d for d in env.found_docs if is_report(env, d))
    setattr(env, SAME_NAME, now)
    return sorted(set(before).symmetric_difference(now))


def same_name_as(env: BuildEnvironment, docname: str) -> str | None:
    """The report that has ``docname``'s file name first, when one does (its
    handler of ``env-get-outdated`` runs before journal_pages's)."""
    twins: dict[str, str] = getattr(env, SAME_NAME, {})
    return twins.get(docname)


def _refuse_same_name(app: Sphinx, docname: str, first: str) -> None:
    log(
        GeoreportWarning.NAME,
        "the report's file name is also that of %s, and a report's PDF and "
        "EPUB are named by its file name alone: rename one of the two files",
        app.env.doc2path(first),
        location=(docname, None),
        error=True,
    )


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Read and check a report's front matter; log an error that names the line."""
    if not is_report(app.env, docname):
        return
    reports = _reports(app.env)
    reports.pop(docname, None)
    if outside_project(app, docname) is not None:
        _refuse_outside(app, docname)
        _withhold(source, docname)
        return
    first = same_name_as(app.env, docname)
    if first is not None:
        _refuse_same_name(app, docname, first)
        _withhold(source, docname)
        return
    journal = build_context(app.env).journal
    try:
        reports[docname] = report_from_source(docname, source[0], journal)
    except MetadataError as err:
        log(
            GeoreportWarning.METADATA,
            "%s",
            err.in_report(),
            location=(docname, err.line),
            error=True,
        )
        # a refused front matter may hold anything (a title over several
        # lines that MyST would read as markup): none of it is built
        _withhold(source, docname)


def _withhold(source: list[str], docname: str) -> None:
    """Replace a refused report's text: a page titled by its name, no more."""
    source[0] = f"---\ntitle: {json.dumps(docname)}\n---\n"


def on_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget a report that is about to be read again or was removed."""
    _reports(env).pop(docname, None)


def on_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the reports read by a parallel worker."""
    theirs = _reports(other)
    _reports(env).update({d: theirs[d] for d in docnames if d in theirs})


def setup(app: Sphinx) -> None:
    """Each report's front matter read with its source, kept in the
    environment."""
    # with the context's, before sphinxcontrib-bibtex reads the BibTeX files
    app.connect("builder-inited", on_builder_inited, priority=400)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("source-read", on_source_read)
    app.connect("env-purge-doc", on_purge_doc)
    app.connect("env-merge-info", on_merge_info)
