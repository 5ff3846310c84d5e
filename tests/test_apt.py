"""Debian packages installed robustly: a held lock is waited for, a failure
shows apt's own words (tools/apt.py, used by noxfile.py's sessions)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tools import apt


def _holder(path: Path) -> subprocess.Popen[str]:
    """Another process holding ``path``'s lock, as apt holds its own."""
    code = textwrap.dedent(
        f"""
        import fcntl, os, sys, time
        fd = os.open({str(path)!r}, os.O_RDWR | os.O_CREAT)
        fcntl.lockf(fd, fcntl.LOCK_EX)
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_a_lock_another_process_holds_is_found(tmp_path: Path) -> None:
    free, taken = tmp_path / "free", tmp_path / "taken"
    free.touch()
    holder = _holder(taken)
    try:
        assert apt.held([str(free), str(tmp_path / "absent")]) is None
        assert apt.held([str(free), str(taken)]) == str(taken)
    finally:
        holder.communicate("")
    assert apt.held([str(taken)]) is None
    # and testing it leaves it free for apt
    fd = os.open(taken, os.O_RDWR)
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(fd)


def test_a_session_says_it_waits_once_and_gives_up_in_time(tmp_path: Path) -> None:
    lock = tmp_path / "lock-frontend"
    holder = _holder(lock)
    said: list[str] = []
    try:
        with pytest.raises(apt.AptError, match="still locked") as raised:
            apt.wait(said.append, [str(lock)], timeout=0.3, pause=0.05)
    finally:
        holder.communicate("")
    assert len(said) == 1
    assert said[0].startswith("Waiting for another apt or dpkg to finish")
    assert str(lock) in said[0]
    assert "run this session again" in str(raised.value)


def test_once_the_lock_is_free_the_wait_ends(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    holder = _holder(lock)
    said: list[str] = []

    def say(line: str) -> None:
        said.append(line)
        holder.communicate("")  # the other apt finishes while we wait

    apt.wait(say, [str(lock)], timeout=30, pause=0.05)
    assert len(said) == 1


def test_a_failure_shows_apts_own_last_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "apt-get"
    fake.write_text(
        "#!/bin/sh\n"
        'for i in $(seq 1 40); do echo "Reading line $i"; done\n'
        'echo "E: Unable to locate package texlive-nothing" >&2\n'
        "exit 100\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(apt.AptError) as raised:
        apt.run(["apt-get", "install", "-y", "texlive-nothing"])
    message = str(raised.value)
    assert message.startswith("apt-get install -y texlive-nothing failed with exit")
    assert "E: Unable to locate package texlive-nothing" in message
    assert "Reading line 40" in message
    assert "Reading line 1\n" not in message  # the last lines, not all
    assert len(message.splitlines()) == apt.SHOWN + 1


def test_apt_is_given_its_own_lock_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "args"
    fake = tmp_path / "apt-get"
    fake.write_text(f'#!/bin/sh\necho "$@" > {seen}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    apt.run(["apt-get", "update", "-q"])
    assert seen.read_text().split() == [
        "-o",
        f"DPkg::Lock::Timeout={apt.WAIT}",
        "update",
        "-q",
    ]
