"""What a user sees while the editions build: one line per step, whole.

PDFs are typeset in parallel threads; :func:`say` keeps each line whole.
Library chatter goes to the build's log instead (:mod:`.sphinx_run`).
"""

from __future__ import annotations

import os
import threading

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
