"""The editions build offline: no build step opens a network connection,
whatever a report's text names (an image at a URL, a table's ``:url:``).

Two guards, each around the command a user runs
(``python -m georeport.editions``):

* a ``sitecustomize`` module, on ``PYTHONPATH`` so that every Python process
  of the build (Sphinx runs in a child process) loads it, makes every
  non-Unix socket connection and name lookup raise, and writes down each
  attempt, so that code that catches the error and carries on is caught too;
* where the tests run as root with ``unshare``, the whole build, TeX
  included, in a new network namespace that has no network at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DOCS, REPORT, ROOTS, Fault
from .test_containment import ADDRESSES, ALLOW_RAW, CLAIM

GUARD = '''
"""Loaded by every Python process of the build: the network is off limits."""
import os
import socket

_LOG = os.environ["GEOREPORT_NETWORK_LOG"]


def _refuse(what, *args):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {what} {args!r}\\n")
    raise OSError(f"network access during the build: {what} {args!r}")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def connect(self, address):
    if self.family == socket.AF_UNIX:
        return _connect(self, address)
    return _refuse("connect", address)


def connect_ex(self, address):
    if self.family == socket.AF_UNIX:
        return _connect_ex(self, address)
    return _refuse("connect_ex", address)


def sendto(self, *args):
    return _refuse("sendto", args[-1])


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.getaddrinfo = lambda *args, **kwargs: _refuse("getaddrinfo", args[:2])
socket.gethostbyname = lambda *args: _refuse("gethostbyname", args)
socket.gethostbyname_ex = lambda *args: _refuse("gethostbyname_ex", args)
'''


def editions(*args: str, env: dict[str, str] | None = None, prefix=()) -> str:
    command = [*prefix, sys.executable, "-m", "georeport.editions", *args]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_guard_refuses_a_connection(tmp_path: Path) -> None:
    """The guard works: a process that tries the network fails and is logged."""
    (tmp_path / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "GEOREPORT_NETWORK_LOG": str(log)}
    code = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert "network access during the build" in result.stderr
    assert "127.0.0.1" in log.read_text(encoding="utf-8")


def _guarded(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """The environment of a build whose Python processes have no network,
    and the log of their attempts."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    path = os.pathsep.join(p for p in (str(guard), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "GEOREPORT_NETWORK_LOG": str(log)}, log


def test_html_edition_builds_with_sockets_blocked(tmp_path: Path) -> None:
    env, log = _guarded(tmp_path)
    editions("html", str(DOCS), str(tmp_path / "build"), env=env)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert not attempts, f"the build tried the network:\n{attempts}"
    assert (tmp_path / "build" / "html" / "index.html").is_file()


def _no_network_prefix() -> list[str] | None:
    """``unshare -n`` if this process may make a network namespace, else None."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return None
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return ["unshare", "-n"] if probe.returncode == 0 else None


@pytest.mark.pdf
@pytest.mark.skipif(
    _no_network_prefix() is None,
    reason="needs root and unshare -n (a network namespace) to cut the network",
)
def test_both_editions_build_with_no_network_at_all(tmp_path: Path) -> None:
    """HTML and PDF (Sphinx, latexmk, XeLaTeX) in a namespace with no network."""
    prefix = _no_network_prefix()
    assert prefix is not None
    build = tmp_path / "build"
    editions("all", str(DOCS), str(build), prefix=prefix)
    assert (build / "html" / "index.html").is_file()
    assert list((build / "pdf").glob("*.pdf"))


@pytest.mark.parametrize(
    "edition", ["html", pytest.param("all", marks=pytest.mark.pdf)]
)
def test_no_address_a_report_names_is_fetched(tmp_path: Path, edition: str) -> None:
    """Every address of ``tests/test_containment.py`` in one report, the
    errors silenced: the build completes, and tried no connection (Sphinx
    downloads an image at a URL for the PDF; docutils opens a ``:url:``)."""
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-base", source)
    (tmp_path / "outside.txt").write_text("outside\n", encoding="utf-8")
    markup = "\n\n".join(ADDRESSES.values())
    Fault(REPORT, CLAIM, f"{markup}\n\n{CLAIM}").apply(source)
    Fault("conf.py", "", ALLOW_RAW + 'suppress_warnings = ["georeport.path"]\n').apply(
        source
    )
    env, log = _guarded(tmp_path)
    editions(edition, str(source), str(tmp_path / "build"), env=env)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert not attempts, f"the build tried the network:\n{attempts}"
