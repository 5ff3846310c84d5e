"""The editions change together, whole, and only when a build succeeded.

Sphinx and latexmk work in folders of their own (``BUILD/.work/html``,
``BUILD/latex``), which they need again for the next, incremental, build.
The editions a reader gets, ``BUILD/html``, ``BUILD/pdf`` and ``BUILD/epub``,
are copies of them made at the end of a build (:class:`Release`): each new
edition is first put together whole beside the published one
(``BUILD/.html.new``; :meth:`Release.stage`), and only when the build made
every edition it was asked for do they all take the old ones' place, in one
step (:meth:`Release.commit`). A failed or stopped build never gets there:
the three editions stay as they were, byte for byte, and what it staged goes.

The step is a file, ``BUILD/.commit``, naming the editions, then two
renames per edition (the old one to ``BUILD/.html.old``, the new one into
place): once the file is written, the new editions are the published ones.
A build killed during the renames leaves some old editions aside and some
new ones not yet in place; the next build finishes them first
(:func:`recover`), and it removes the staged editions of a build killed
before the file was written. Either way it finds all the old editions or all
the new ones. The staged editions are beside the published ones, not in
``.work``, so that the renames stay within one file system.

The files of a new edition that the old one already has are hard links to
the old one's (same inode and time: nothing to copy, and tools that look at
times see no change); the others are copies. A published file is never a
hard link to a file of a work folder, which Sphinx and latexmk rewrite in
place.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..files import TEMPORARY
from . import interrupt

#: The folder of ``BUILD`` where Sphinx writes the HTML edition's pages.
WORK = ".work"
#: The file of ``BUILD`` that says the staged editions are the published ones.
COMMIT = ".commit"
#: An edition staged (``new``) or set aside (``old``) in ``BUILD``.
_ASIDE = re.compile(r"^\.(?P<name>[^./][^/]*)\.(?P<what>new|old)$")

#: Where builds before issue 23 staged an edition: ``BUILD/.work/html.new``.
_BEFORE = re.compile(r"^(?P<name>[^./][^/]*)\.(?P<what>new|old)$")

#: Is the published file (second) already the work file (first)?
Same = Callable[[Path, Path], bool]


def _aside(build: Path, name: str, what: str) -> Path:
    return build / f".{name}.{what}"


def same_stamp(work: Path, published: Path) -> bool:
    """A page Sphinx has not written since it was published: the copy has
    the size and modification time of its work file (:func:`shutil.copy2`).
    A page written again counts as new, even with the same bytes."""
    a, b = work.stat(), published.stat()
    return (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def same_bytes(work: Path, published: Path) -> bool:
    """The same bytes (a PDF typeset again from the same inputs is)."""
    if same_stamp(work, published):
        return True
    if work.stat().st_size != published.stat().st_size:
        return False
    with work.open("rb") as a, published.open("rb") as b:
        while True:
            block = a.read(1 << 20)
            if block != b.read(1 << 20):
                return False
            if not block:
                return True


def tree(folder: Path, skip: frozenset[str] = frozenset()) -> dict[str, Path]:
    """Every file and folder under ``folder`` by its relative path, but the
    top-level names in ``skip`` (Sphinx's own records) and the temporary
    files of a write a killed build cut short (:mod:`georeport.files`).
    Folders are there too, so that an empty one is published as Sphinx left
    it."""

    def walk(here: Path, prefix: str) -> Iterator[tuple[str, Path]]:
        with os.scandir(here) as entries:
            for entry in entries:
                if (not prefix and entry.name in skip) or entry.name.startswith(
                    TEMPORARY
                ):
                    continue
                name = f"{prefix}{entry.name}"
                if entry.is_dir():
                    yield name, Path(entry.path)
                    yield from walk(Path(entry.path), f"{name}/")
                else:
                    yield name, Path(entry.path)

    return dict(walk(folder, "")) if folder.is_dir() else {}


def _put(source: Path, target: Path, old: Path, same: Same) -> None:
    """``target`` is ``old`` (linked) when it is already ``source``, else a
    copy of ``source``."""
    if old.is_file() and same(source, old):
        try:
            os.link(old, target)
            return
        except OSError:  # no hard links here: copy (the time is kept too)
            pass
    shutil.copy2(source, target)


class Release:
    """The editions one build makes, staged in ``build`` beside the published
    ones, and published together by :meth:`commit`."""

    def __init__(self, build: Path) -> None:
        self.build = build
        #: edition name -> its staged folder
        self.staged: dict[str, Path] = {}
        #: the editions are published (the step may not be over)
        self.committed = False

    def folder(self, name: str) -> Path:
        """The edition ``name`` as this release will publish it: staged, or
        the published one."""
        return self.staged.get(name, self.build / name)

    def stage(self, name: str, files: Mapping[str, Path], same: Same) -> None:
        """Put together the edition ``name`` holding exactly ``files``
        (relative path -> file or folder of a work folder)."""
        edition, new = self.build / name, _aside(self.build, name, "new")
        if new.exists():
            shutil.rmtree(new)
        self.staged[name] = new
        new.mkdir(parents=True)
        for path, source in sorted(files.items()):
            target = new / path
            if source.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _put(source, target, edition / path, same)

    def commit(self) -> None:
        """Publish every staged edition in one step (see the module)."""
        names = sorted(self.staged)
        if not names:
            return
        for name in names:  # left by a build that stopped while removing it
            shutil.rmtree(_aside(self.build, name, "old"), ignore_errors=True)
        marker = self.build / COMMIT
        temporary = marker.with_name(f"{TEMPORARY}{COMMIT}")
        temporary.write_text(json.dumps(names), encoding="utf-8")
        with interrupt.deferred():
            os.replace(temporary, marker)
            self.committed = True
            for name in names:
                _swap(self.build, name)
            marker.unlink()
        self.staged = {}
        for name in names:
            old = _aside(self.build, name, "old")
            if old.exists():
                shutil.rmtree(old)


def _swap(build: Path, name: str) -> None:
    """The staged edition ``name`` takes the published one's place, which
    goes aside; done again after a kill, it does what remains."""
    edition, old, new = build / name, *(_aside(build, name, w) for w in ("old", "new"))
    if not new.exists():
        return
    if edition.exists():
        if old.exists():
            shutil.rmtree(old)
        os.rename(edition, old)
    os.rename(new, edition)


def recover(build: Path) -> None:
    """Finish or undo what a build that stopped while publishing left in
    ``build``: a step begun (``.commit`` written) is finished, anything else
    staged goes, and the old editions set aside go, or back in place where
    no edition took theirs."""
    if not build.is_dir():
        return
    marker = build / COMMIT
    with contextlib.suppress(FileNotFoundError):
        for name in json.loads(marker.read_text(encoding="utf-8")):
            _swap(build, name)
        marker.unlink()
    (build / f"{TEMPORARY}{COMMIT}").unlink(missing_ok=True)
    for folder, pattern in ((build, _ASIDE), (build / WORK, _BEFORE)):
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            found = pattern.match(path.name)
            if not found or not path.is_dir():
                continue
            edition = build / found["name"]
            if found["what"] == "old" and not edition.exists():
                os.rename(path, edition)
            else:
                shutil.rmtree(path)


def link_all(edition: Path, folder: Path) -> Path:
    """Make ``folder`` hold each file of the flat folder ``edition`` (a
    staged or published edition, never written in place), as a hard link or
    a copy: a file already there with the same size and time stays. Return
    ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = (
        {p.name: p for p in edition.iterdir() if p.is_file()}
        if edition.is_dir()
        else {}
    )
    for path in folder.iterdir():
        if path.name not in wanted or not path.is_file():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    for name, source in sorted(wanted.items()):
        target = folder / name
        if target.is_file() and same_stamp(source, target):
            continue
        temporary = folder / f"{TEMPORARY}{name}"
        temporary.unlink(missing_ok=True)
        _put(source, temporary, source, same_stamp)
        os.replace(temporary, target)
    return folder
