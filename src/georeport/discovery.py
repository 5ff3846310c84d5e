"""Which files of a project are reports: one answer for every part of georeport.

A report is a ``.md`` file under the reports folder (``georeport_reports_dir``,
``reports`` by default) of the source tree. Files and folders whose name
starts with ``.`` or ``_`` *below that folder* are not reports (drafts,
editors' backups, ``_build``); the folders *above* it do not count, so a
project cloned under ``_work/`` or ``~/.cache/`` finds its reports all the
same. The Sphinx extension (one LaTeX document per report), the editions
(dates, fingerprints) and the developers' archive generator all ask here.
"""

from __future__ import annotations

from pathlib import Path

#: The reports folder when ``conf.py`` does not set ``georeport_reports_dir``.
DEFAULT_FOLDER = "reports"


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_")) for part in relative.parts)


def report_files(source: Path, folder: str = DEFAULT_FOLDER) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every report of the project in ``source``, sorted
    by docname (``reports/15-1-kazakhstan``, its ``.md`` file)."""
    root = Path(source, folder.strip("/") or ".")
    found = []
    for path in root.rglob("*.md"):
        if path.is_file() and not _hidden(path.relative_to(root)):
            docname = path.relative_to(source).with_suffix("").as_posix()
            found.append((docname, path))
    return sorted(found)


def is_report(docname: str, folder: str = DEFAULT_FOLDER) -> bool:
    """Is the document ``docname`` (as Sphinx names it) a report?"""
    prefix = folder.strip("/")
    if not docname.startswith(prefix + "/"):
        return False
    return not _hidden(Path(docname[len(prefix) + 1 :]))


def hidden_patterns(folder: str = DEFAULT_FOLDER) -> list[str]:
    """Sphinx ``exclude_patterns`` for what is under the reports folder but
    is not a report, so that a draft is not published as a page either."""
    prefix = folder.strip("/")
    return [f"{prefix}/{part}{start}*" for part in ("", "**/") for start in "_."]
