"""The editions change together, or not at all.

``all`` typesets the PDFs, builds the HTML edition against the new PDFs,
then publishes the three editions in one step. A build that fails (a disk
that fills up) or is stopped (SIGTERM) at any step, from Sphinx reading the
sources to publishing, leaves ``BUILD/html``, ``BUILD/pdf`` and
``BUILD/epub`` as they were, byte for byte, and nothing staged behind it; a
build killed while publishing leaves all the old editions or all the new
ones to the next build. The next build gives a clean build's bytes. And an
edition holds only its own files: nothing Sphinx keeps for itself
(``.buildinfo.bak``), no temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from georeport.editions import build as editions
from georeport.editions import publish
from georeport.model.report import file_name
from georeport.project import report_files
from tools.archive import make_archive

from .conftest import EDIT, EDITED, ROOTS
from .test_publish import command, tree
from .test_recovery import EDITIONS, _as_a_clean_build, _pdftext


def _snapshot(build: Path) -> dict[str, dict[str, bytes]]:
    return {edition: tree(build / edition) for edition in EDITIONS}


def _as_they_were(build: Path, before: dict[str, dict[str, bytes]]) -> None:
    """The three editions are ``before``, and nothing staged is left."""
    for edition, files in before.items():
        assert tree(build / edition) == files, edition
    staged = [p.name for p in build.iterdir() if p.name.endswith((".new", ".old"))]
    assert not staged
    assert not (build / publish.COMMIT).exists()


def _then_a_clean_build(source: Path, build: Path, clean: Path) -> None:
    result = command("all", source, build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stderr
    assert EDIT in _pdftext(build / "pdf" / f"{EDITED}.pdf")
    _as_a_clean_build(build, clean)


def _one_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def _lock_is_free(build: Path) -> bool:
    """Nothing the build started holds its lock (latexmk and TeX inherit it)."""
    fd = os.open(build / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


class Build:
    """``python -m georeport.editions -v ARGS`` running, its lines read as
    they come (its error lines apart)."""

    def __init__(self, *args: str | Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "georeport.editions", "-v", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            # Ctrl-C as in a terminal (a shell's background job ignores it)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.seen: list[str] = []

    def wait_for(self, *texts: str) -> None:
        """Until it printed a line holding each text, in this order."""
        assert self.process.stdout is not None
        for text in texts:
            for line in self.process.stdout:
                self.seen.append(line)
                if text in line:
                    break
            else:
                pytest.fail(f"the build ended before {text!r}:\n{''.join(self.seen)}")

    def end(self) -> tuple[int, str]:
        """Its exit status and error output, once it ended."""
        _rest, errors = self.process.communicate(timeout=600)
        return self.process.returncode, errors


# -- Stopped by a signal ----------------------------------------------------------

#: Where a build gets a signal (SIGTERM: ``kill``, a CI's cancel; SIGINT:
#: Ctrl-C): once it printed lines holding these texts, in this order, and
#: this many seconds later.
TERMS = [
    pytest.param(
        ("building [latex]", "reading sources"), 0.0, signal.SIGTERM, id="latex-reading"
    ),
    pytest.param(
        ("building [latex]", "processing"), 0.0, signal.SIGTERM, id="latex-writing"
    ),
    pytest.param(("typesetting",), 0.5, signal.SIGTERM, id="typesetting"),
    pytest.param(("typesetting",), 0.5, signal.SIGINT, id="typesetting-ctrl-c"),
    pytest.param(
        ("building [html]", "reading sources"), 0.0, signal.SIGTERM, id="html-reading"
    ),
    pytest.param(
        ("building [html]", "writing output"), 0.0, signal.SIGTERM, id="html-writing"
    ),
    pytest.param(
        ("building [html]", "writing output"),
        0.0,
        signal.SIGINT,
        id="html-writing-ctrl-c",
    ),
]


@pytest.mark.pdf
@pytest.mark.parametrize(("texts", "delay", "signum"), TERMS)
def test_a_build_stopped_anywhere_leaves_the_editions_as_they_were(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    texts: tuple[str, ...],
    delay: float,
    signum: signal.Signals,
) -> None:
    source, build = edited
    before = _snapshot(build)
    running = Build("all", source, build)
    running.wait_for(*texts)
    time.sleep(delay)
    running.process.send_signal(signum)
    status, errors = running.end()
    assert status == 128 + signum
    line = _one_error(errors)
    assert f"interrupted ({signum.name})" in line
    assert "as they were" in line
    _as_they_were(build, before)
    assert _lock_is_free(build)  # latexmk and TeX were stopped too
    _then_a_clean_build(source, build, pristine[2])


@pytest.fixture
def in_main_thread() -> None:
    """Signals reach Python's main thread, where ``main`` handles them."""
    assert threading.current_thread() is threading.main_thread()


def _signal_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, number: int = 1
) -> list[int]:
    """SIGTERM to this process at the ``number``-th call of ``publish.NAME``."""
    real = getattr(publish, name)
    calls = []

    def signalling(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == number:
            os.kill(os.getpid(), signal.SIGTERM)
        return real(*args, **kwargs)

    monkeypatch.setattr(publish, name, signalling)
    return calls


@pytest.mark.pdf
def test_a_build_stopped_while_publishing_leaves_the_editions_as_they_were(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_main_thread: None,
) -> None:
    """SIGTERM while the new editions are put together, the PDF edition
    staged and the HTML edition half: the staged editions go."""
    source, build = edited
    before = _snapshot(build)
    calls = _signal_on_call(monkeypatch, "_put", number=5)
    capsys.readouterr()
    assert editions.main(["all", str(source), str(build)]) == 128 + signal.SIGTERM
    assert len(calls) == 5  # stopped there
    line = _one_error(capsys.readouterr().err)
    assert "interrupted (SIGTERM)" in line and "as they were" in line
    _as_they_were(build, before)
    monkeypatch.undo()
    _then_a_clean_build(source, build, pristine[2])


@pytest.mark.pdf
def test_a_signal_during_the_renames_takes_effect_after_them(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_main_thread: None,
) -> None:
    """The step that publishes is not cut in two: SIGTERM before its first
    rename stops the build once the three new editions are in place, and
    the build says so."""
    source, build = edited
    _signal_on_call(monkeypatch, "_swap")
    capsys.readouterr()
    assert editions.main(["all", str(source), str(build)]) == 128 + signal.SIGTERM
    line = _one_error(capsys.readouterr().err)
    assert "interrupted (SIGTERM)" in line and "published the new editions" in line
    _as_they_were(build, _snapshot(pristine[2]))  # all three new
    monkeypatch.undo()
    _then_a_clean_build(source, build, pristine[2])


#: A build whose process is killed (SIGKILL: no clean-up) at a step of the
#: publishing: the ``number``-th rename, replacement or removal of a file once
#: the editions are put together (0: before ``.commit`` is written; 1: before
#: the first edition goes aside; 4: between the two renames of the second
#: edition; 7: before ``.commit`` is removed; 8: while the old editions are).
KILLED = textwrap.dedent(
    """
    import os, signal, sys
    from georeport.editions import build, publish

    number = int(sys.argv[1])
    real = {name: getattr(os, name) for name in ("rename", "replace", "unlink")}

    def counting(name):
        def step(*args, **kwargs):
            global number
            if number == 0:
                os.kill(os.getpid(), signal.SIGKILL)
            number -= 1
            return real[name](*args, **kwargs)
        return step

    commit = publish.Release.commit

    def killing(release):
        for name in real:
            setattr(os, name, counting(name))
        commit(release)

    publish.Release.commit = killing
    sys.exit(build.main(sys.argv[2:]))
    """
)


@pytest.mark.pdf
@pytest.mark.parametrize(
    ("step", "found"), [(0, "old"), (1, "new"), (4, "new"), (7, "new"), (8, "new")]
)
def test_a_build_killed_while_publishing_leaves_all_old_or_all_new(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    step: int,
    found: str,
) -> None:
    source, build = edited
    old, new = _snapshot(build), _snapshot(pristine[2])
    killed = subprocess.run(
        [sys.executable, "-c", KILLED, str(step), "all", str(source), str(build)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    publish.recover(build)  # what the next build does first
    _as_they_were(build, old if found == "old" else new)
    _then_a_clean_build(source, build, pristine[2])


# -- A disk that fills up -----------------------------------------------------------

#: The size of the file system that holds the build (it holds about 3 MB).
SIZE = "16m"


@pytest.fixture
def small_disk() -> Iterator[Callable[[Path], Path]]:
    """Put a folder on a file system of its own, of :data:`SIZE` (a tmpfs;
    root may mount one, as the tests and CI run)."""
    mounted: list[Path] = []

    def mount(folder: Path) -> Path:
        aside = folder.with_name(f"{folder.name}.disk")
        folder.rename(aside)
        folder.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            folder.rmdir()
            aside.rename(folder)
            pytest.skip(f"cannot mount a file system here: {result.stderr.strip()}")
        mounted.append(folder)
        shutil.copytree(aside, folder, symlinks=True, dirs_exist_ok=True)
        shutil.rmtree(aside)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(disk: Path) -> Path:
    """Write to ``disk`` until its file system is full; return the file."""
    filler = disk / "filler"
    with filler.open("ab", buffering=0) as stream:
        try:
            while True:
                stream.write(bytes(1 << 16))
        except OSError as err:
            assert err.errno == errno.ENOSPC
    return filler


@contextlib.contextmanager
def kept_full(disk: Path) -> Iterator[Path]:
    """``disk`` filled, and kept full while in the block: what a build frees
    there (a file it writes anew, smaller) is taken at once."""
    filler = fill(disk)
    done = threading.Event()

    def keep() -> None:
        with filler.open("ab", buffering=0) as stream:
            while not done.is_set():
                try:
                    stream.write(bytes(4096))
                except OSError as err:
                    assert err.errno == errno.ENOSPC
                    time.sleep(0.0005)

    keeper = threading.Thread(target=keep)
    keeper.start()
    try:
        yield filler
    finally:
        done.set()
        keeper.join()


#: Which folder of the build is on the small disk: all of it, or only the
#: work folder, where Sphinx writes the HTML pages.
DISKS = [pytest.param("", id="build"), pytest.param(publish.WORK, id="work-folder")]


@pytest.mark.pdf
@pytest.mark.parametrize("folder", DISKS)
def test_a_disk_full_while_sphinx_writes_leaves_the_editions_as_they_were(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    small_disk: Callable[[Path], Path],
    folder: str,
) -> None:
    """The PDFs are typeset and staged, then the disk fills up while Sphinx
    writes the HTML pages: the new PDFs are not published either."""
    source, build = edited
    before = _snapshot(build)
    disk = small_disk(build / folder)
    running = Build("all", source, build)
    running.wait_for("building [html]")
    with kept_full(disk) as filler:
        status, errors = running.end()
    assert status == 1
    line = _one_error(errors)
    assert "No space left on device" in line and "free some space" in line
    _as_they_were(build, before)
    filler.unlink()
    _then_a_clean_build(source, build, pristine[2])


@pytest.mark.pdf
def test_a_disk_full_while_publishing_leaves_the_editions_as_they_were(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    small_disk: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The disk fills up once the PDF edition is staged, as the HTML edition
    is: one line naming the file and what to do, and the staged PDF edition
    goes with the rest."""
    source, build = edited
    before = _snapshot(build)
    disk = small_disk(build)
    real = publish.Release.stage
    filled = []

    def stage(release: publish.Release, name: str, *args: object) -> None:
        if name == "html":
            filled.append(fill(disk))
        real(release, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(publish.Release, "stage", stage)
    capsys.readouterr()
    assert editions.main(["all", str(source), str(build)]) == 1
    assert filled
    line = _one_error(capsys.readouterr().err)
    assert f"{build / '.html.new'}/" in line  # the file it could not write
    assert "No space left on device" in line and "free some space" in line
    _as_they_were(build, before)
    monkeypatch.undo()
    filled[0].unlink()
    _then_a_clean_build(source, build, pristine[2])


# -- Only an edition's files --------------------------------------------------------


def _holds_only_its_files(build: Path, clean: Path, source: Path) -> None:
    """Each edition holds what a clean build's does, and nothing hidden: the
    PDF and EPUB editions one file per report, the HTML edition the pages,
    their assets and the files beside them."""
    reports = [docname for docname, _path in report_files(source)]
    expected = {
        "pdf": {file_name(docname, ".pdf") for docname in reports},
        "epub": {file_name(docname, ".epub") for docname in reports},
        "html": set(tree(clean / "html")),
    }
    for edition, names in expected.items():
        published = set(tree(build / edition))
        assert published == names, edition
        hidden = [n for n in published if any(p.startswith(".") for p in n.split("/"))]
        assert not hidden, edition


@pytest.mark.pdf
def test_the_editions_hold_only_their_files(tmp_path: Path) -> None:
    """``./noxw`` then ``./noxw -s html``, nothing edited, then with another
    base URL (Sphinx sets its record of the last settings aside as
    ``.buildinfo.bak``), after a build killed while writing a file beside a
    page (its temporary file is left in the work folder)."""
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 2)
    build, clean = tmp_path / "build", tmp_path / "clean"
    assert command("all", source, build).returncode == 0
    result = command("html", source, build)
    assert "up to date" in result.stdout
    assert command("all", source, clean).returncode == 0
    _holds_only_its_files(build, clean, source)
    work = build / publish.WORK / "html"
    (work / "reports" / ".tmp-k1ll3d").write_bytes(b"half a file")
    other = ("-D", "georeport_base_url=https://other.example.org/journal/")
    result = command("html", source, build, *other)
    assert result.returncode == 0, result.stderr
    assert (work / ".buildinfo.bak").is_file()  # the case in point
    shutil.rmtree(clean)
    assert command("all", source, clean, *other).returncode == 0
    _holds_only_its_files(build, clean, source)


# -- One edition alone ----------------------------------------------------------------


@pytest.mark.pdf
def test_one_edition_alone_publishes_that_edition(
    edited: tuple[Path, Path], pristine: tuple[Path, Path, Path]
) -> None:
    """``pdf`` publishes the PDF edition alone: the pages keep the PDFs they
    were built with. ``html`` publishes the HTML and EPUB editions, with the
    published PDFs beside the pages."""
    source, build = edited
    before = _snapshot(build)
    result = command("pdf", source, build)
    assert result.returncode == 0, result.stderr
    assert tree(build / "pdf") != before["pdf"]
    assert EDIT in _pdftext(build / "pdf" / f"{EDITED}.pdf")
    for edition in ("html", "epub"):
        assert tree(build / edition) == before[edition], edition
    result = command("html", source, build)
    assert result.returncode == 0, result.stderr
    beside = build / "html" / "reports" / f"{EDITED}.pdf"
    assert beside.read_bytes() == (build / "pdf" / f"{EDITED}.pdf").read_bytes()
    _as_a_clean_build(build, pristine[2])
