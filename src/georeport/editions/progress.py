"""What a user sees while the editions build: one line per step, whole.

PDFs are typeset in parallel threads; :func:`say` keeps each line whole.
Library chatter goes to the build's log instead (:mod:`.sphinx_run`).
"""

from __future__ import annotations

import errno
import os
import re
import threading
from pathlib import Path

print_lock = threading.Lock()


class BuildError(RuntimeError):
    """A build step failed; the message says which and where the log is."""


def say(message: str) -> None:
    """One line of progress, whole even when PDFs are typeset in parallel."""
    with print_lock:
        print(message, flush=True)


def jobs() -> int:
    """How many processes to run at once: the cores this process may use."""
    if env := os.environ.get("GEOREPORT_JOBS", "").strip():
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: What to do about an error of the operating system, by its number.
_FIXES = {
    errno.ENOSPC: "free some space on that disk, or build into a folder on another",
    errno.EDQUOT: "free some space (your disk quota is used up), or build elsewhere",
    errno.EACCES: "give yourself access to it, or build into another folder",
    errno.EPERM: "give yourself access to it, or build into another folder",
    errno.EROFS: "build into a folder on a disk that can be written",
    errno.ENOTDIR: "a file stands where a folder is needed: move that file, or "
    "build into another folder",
    errno.EISDIR: "a folder stands where a file is needed: move that folder",
    errno.ENAMETOOLONG: "the name is too long for the file system: shorten the "
    "report's file name or the path of the build folder",
}
#: How Sphinx's messages quote an error of the operating system.
_ERRNO = re.compile(r"\[Errno (\d+)\]|OSError\((\d+),")


def fix_for(number: int | None, build: Path | None = None) -> str:
    """What to do about the operating system's error ``number``."""
    fix = _FIXES.get(number or 0, "check that the build folder can be written")
    return f"{fix} (build folder: {build})" if build is not None else fix


def with_fix(line: str) -> str:
    """A problem line quoting an error of the operating system, with what to
    do about it (Sphinx's messages say only what happened)."""
    found = _ERRNO.search(line)
    if not found:
        return line
    return f"{line}: {fix_for(int(found[1] or found[2]))}"
