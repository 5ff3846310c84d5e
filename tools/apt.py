"""Debian packages installed by the nox sessions, robustly (``noxfile.py``).

Another apt or dpkg (unattended-upgrades, a second terminal) may hold
Debian's package locks when a session starts: the session says it waits and
waits, a bounded time, rather than fail with apt's exit code 100 and nothing
else. When apt fails, its own last lines are shown: ``-qq`` and a quiet
session would hide its reason.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from collections.abc import Callable, Sequence

#: The locks apt and dpkg hold while they run (``fcntl`` record locks).
LOCKS = (
    "/var/lib/dpkg/lock-frontend",
    "/var/lib/dpkg/lock",
    "/var/lib/apt/lists/lock",
    "/var/cache/apt/archives/lock",
)
#: How long a session waits for them, in seconds.
WAIT = 600
#: How many of apt's last lines a failure shows.
SHOWN = 25


class AptError(Exception):
    """apt could not install: the message says why, in apt's words."""


def held(locks: Sequence[str] = LOCKS) -> str | None:
    """The first of ``locks`` another process holds, or None."""
    for path in locks:
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:  # absent, or not ours to open: apt will say
            continue
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return path
        else:
            fcntl.lockf(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    return None


def wait(
    say: Callable[[str], None],
    locks: Sequence[str] = LOCKS,
    timeout: float = WAIT,
    pause: float = 2.0,
) -> None:
    """Return once no other apt or dpkg holds the locks; say so once when
    waiting, and give up after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    said = False
    while (path := held(locks)) is not None:
        if not said:
            say(
                f"Waiting for another apt or dpkg to finish ({path} is locked), "
                f"at most {timeout / 60:.0f} minutes"
            )
            said = True
        if time.monotonic() >= deadline:
            msg = (
                f"{path} is still locked after {timeout / 60:.0f} minutes: "
                "another apt or dpkg is running; let it finish (ps aux | grep -e "
                "apt -e dpkg) and run this session again"
            )
            raise AptError(msg)
        time.sleep(pause)


def run(command: Sequence[str], timeout: float = WAIT) -> None:
    """Run one apt-get command; on failure, raise with apt's last lines.

    apt's own lock timeout covers the moment between :func:`wait` and its
    start, when another apt may take the lock first.
    """
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    full = [command[0], "-o", f"DPkg::Lock::Timeout={int(timeout)}", *command[1:]]
    result = subprocess.run(
        full, env=env, capture_output=True, text=True, errors="replace", check=False
    )
    if result.returncode == 0:
        return
    lines = (result.stdout + result.stderr).strip().splitlines()[-SHOWN:]
    shown = "\n".join(f"    {line}" for line in lines)
    msg = f"{' '.join(command)} failed with exit code {result.returncode}:\n{shown}"
    raise AptError(msg)
