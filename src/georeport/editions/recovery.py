"""What a failed or killed build leaves is not trusted: start from the last good one.

Each edition's record (:class:`.fingerprint.Record`) says how far its last
run got when it did not succeed: ``"sphinx"`` (Sphinx was running: the build
was killed, or crashed, there), ``"failed"`` (Sphinx reported errors) or
``"after"`` (Sphinx succeeded; the build stopped while typesetting or
publishing). The build lock (:mod:`.lock`) makes sure no other build is
running when a build reads it.

Sphinx keeps its environment between builds and reads again only the
documents that changed since. After a failed run that environment already
holds the faulty documents as read, so the next build would not read them
again, would repeat none of their errors, and would publish them: Sphinx's
environment of the last successful run is therefore kept beside it
(:func:`keep`) and put back before the next run (:func:`prepare`), which
then reads again every document the failed run read. After a kill, pages
may also be half written: every page is written again (``-a``).

The PDFs' own state (latexmk's files and the auxiliary files of LaTeX) is
handled per report in :mod:`.typeset`: a report whose last typesetting did not
complete is typeset from a clean slate.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .fingerprint import Record

#: Sphinx's environment in its doctrees folder (sphinx.application's name).
ENVIRONMENT = "environment.pickle"

#: How far a run got (``Record.data["run"]``), when it did not succeed.
SPHINX, FAILED, AFTER = "sphinx", "failed", "after"


def _good(doctrees: Path) -> Path:
    """Where the environment of the last successful run is kept."""
    return doctrees.with_name(f"{doctrees.name}.{ENVIRONMENT}")


def _copy(source: Path, target: Path) -> None:
    """Copy whole or not at all (a kill leaves the old file)."""
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copy2(source, temporary)
    os.replace(temporary, target)


def _same(a: Path, b: Path) -> bool:
    """Copied by :func:`_copy` and not written since (size and time kept)."""
    if not (a.is_file() and b.is_file()):
        return False
    sa, sb = a.stat(), b.stat()
    return (sa.st_size, sa.st_mtime_ns) == (sb.st_size, sb.st_mtime_ns)


def prepare(record: Record, doctrees: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """Undo what an unfinished last run left in Sphinx's environment; return
    the Sphinx options this run then needs."""
    run = record.data.get("run")
    if run not in (SPHINX, FAILED):
        return []
    environment, good = doctrees / ENVIRONMENT, _good(doctrees)
    if good.is_file():
        if not _same(good, environment):
            _copy(good, environment)
    else:  # no run ever succeeded: start afresh
        environment.unlink(missing_ok=True)
    if run == SPHINX and not {"-a", "--write-all"} & set(extra):
        return ["-a"]  # pages may be half written
    return []


def keep(doctrees: Path) -> None:
    """Sphinx succeeded: its environment is the one to go back to."""
    environment, good = doctrees / ENVIRONMENT, _good(doctrees)
    if environment.is_file() and not _same(environment, good):
        _copy(environment, good)


#: Files of the HTML work folder that Sphinx updates from what they hold,
#: rather than writes anew: its search index.
UPDATED = ("searchindex.js",)


def restore_index(record: Record, work: Path, published: Path) -> None:
    """After a run that did not succeed, the search index of the last good
    edition goes back in the work folder, with the environment.

    Sphinx updates ``searchindex.js`` from the one it finds: the words of the
    pages a failed run wrote would stay in it (Sphinx empties a word's list
    of pages but keeps the word), and a fixed build would publish an index
    that is not the one of its sources. With no good edition yet, there is
    no index to go back to, nor an environment: Sphinx starts afresh.
    """
    if record.data.get("run") not in (SPHINX, FAILED):
        return
    for name in UPDATED:
        good, target = published / name, work / name
        if good.is_file():
            if not _same(good, target):
                _copy(good, target)
        else:
            target.unlink(missing_ok=True)
