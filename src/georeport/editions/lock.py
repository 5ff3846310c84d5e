"""One build of a BUILD folder at a time: a second one waits for the first.

Two builds writing the same ``BUILD/latex`` once published a truncated PDF
with exit status 0, which every later build took as up to date. A build
holds an exclusive ``flock`` on ``BUILD/.lock`` from its start to its end; a
second build (an editor's second terminal, a file watcher) says once that it
waits, and goes on when the first is done: it then builds what changed in the
meantime, where stopping it would lose that change.

The lock belongs to the open file, not to the process: the operating system
releases it when the build ends in any way, a kill included, so it is never
left stuck. The file descriptor is handed to latexmk and the TeX programs it
runs (:func:`inherited`), so that a build killed while typesetting keeps the
folder locked until the TeX programs it left running have finished too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from .progress import say

#: The lock file, in the BUILD folder.
NAME = ".lock"

_guard = threading.Lock()
#: Locks this process holds: resolved BUILD folder -> [file descriptor, depth].
_held: dict[Path, list[int]] = {}


def _owner(fd: int) -> str:
    """The process id the holder wrote into the lock file, if any."""
    with contextlib.suppress(OSError, ValueError):
        text = os.pread(fd, 32, 0).decode("ascii").strip()
        if text:
            return f" (process {int(text)})"
    return ""


@contextlib.contextmanager
def hold(build: Path) -> Iterator[None]:
    """Hold the lock of ``build`` for the duration; wait for another build.

    Re-entrant within this process: ``all`` holds it for both editions, and
    each edition takes it again.
    """
    folder = build.resolve()
    with _guard:
        if folder in _held:
            _held[folder][1] += 1
            entered = True
        else:
            entered = False
    if entered:
        try:
            yield
        finally:
            with _guard:
                _held[folder][1] -= 1
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Waiting for another build of {build} to finish{_owner(fd)} ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        with _guard:
            _held[folder] = [fd, 1]
        try:
            yield
        finally:
            with _guard:
                del _held[folder]
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


def inherited() -> tuple[int, ...]:
    """The lock files' descriptors, for the programs a build starts to keep
    (``subprocess.run(pass_fds=...)``)."""
    with _guard:
        return tuple(fd for fd, _depth in _held.values())
