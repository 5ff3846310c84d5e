"""An edition is replaced whole, and only by a build that succeeded.

Sphinx and latexmk work in folders of their own (``BUILD/.work/html``,
``BUILD/latex``), which they need again for the next, incremental, build. The
editions a reader gets, ``BUILD/html`` and ``BUILD/pdf``, are copies of them
made at the end of a successful build: the new edition is put together in
``BUILD/.work/<edition>.new`` and takes the old one's place by two renames.
A failed build (a Sphinx error, a full disk, a name too long, a crash) never
reaches this step, and leaves the last good edition as it was, byte for byte.

The files of the new edition that the old one already has are hard links to
the old one's (same inode and time: nothing to copy, and tools that look at
times see no change); the others are copies. A published file is never a hard
link to a file of a work folder, which Sphinx and latexmk rewrite in place.

A build killed between the two renames leaves no edition in its place: the
next build puts the old one back first (:func:`recover`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

#: The folder of ``BUILD`` where the editions are made.
WORK = ".work"

#: Is the published file (second) already the work file (first)?
Same = Callable[[Path, Path], bool]


def _aside(edition: Path, what: str) -> Path:
    return edition.parent / WORK / f"{edition.name}.{what}"


def recover(edition: Path) -> None:
    """Undo what a build killed while publishing ``edition`` left: the last
    good edition goes back in place, the half-made one goes."""
    old, new = _aside(edition, "old"), _aside(edition, "new")
    if old.exists():
        if edition.exists():
            shutil.rmtree(old)
        else:
            os.rename(old, edition)
    if new.exists():
        shutil.rmtree(new)


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
    top-level names in ``skip`` (Sphinx's own records). Folders are there
    too, so that an empty one is published as Sphinx left it."""

    def walk(here: Path, prefix: str) -> Iterator[tuple[str, Path]]:
        with os.scandir(here) as entries:
            for entry in entries:
                if not prefix and entry.name in skip:
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


def publish(files: Mapping[str, Path], edition: Path, same: Same) -> None:
    """Make ``edition`` hold exactly ``files`` (relative path -> file or
    folder of a work folder), in one step for a reader and for a build that
    stops."""
    recover(edition)
    new, old = _aside(edition, "new"), _aside(edition, "old")
    new.mkdir(parents=True)
    for name, source in sorted(files.items()):
        target = new / name
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _put(source, target, edition / name, same)
    if edition.exists():
        os.rename(edition, old)
        os.rename(new, edition)
        shutil.rmtree(old)
    else:
        edition.parent.mkdir(parents=True, exist_ok=True)
        os.rename(new, edition)
