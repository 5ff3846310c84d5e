"""Publishing: an edition is replaced whole, and only by a build that succeeds.

Sphinx and latexmk work in folders of their own (``BUILD/.work/html``,
``BUILD/latex``); ``BUILD/html`` and ``BUILD/pdf`` are replaced at the end of
a successful build. So a failed build (a Sphinx error, a crash, a full disk)
leaves the last good editions byte for byte; a removed or renamed report
disappears from every edition; and an error of the operating system is one
``error:`` line naming the path and what to do, not a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from georeport.editions import build as editions
from georeport.editions import publish
from georeport.editions.build import build_html, build_pdf
from tools.archive import make_archive

from .conftest import REPORT, ROOTS, UNKNOWN_KEY, Fault

BASE = ROOTS / "test-base"
#: An opening brace too many in the title of refs.bib's first entry: the
#: BibTeX check stops the build before Sphinx reads a page (a crash of the run).
BIB_BRACE = Fault("refs.bib", "{Pipelines and Power", "{Pipelines and {Power")
FIRST, SECOND = "100-1-caspian", "100-2-caspian"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def command(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m georeport.editions ARGS``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "georeport.editions", *map(str, args)],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=600,
        check=False,
    )


@pytest.fixture
def base(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    return source


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("fault", [UNKNOWN_KEY, BIB_BRACE], ids=["error", "crash"])
def test_a_failed_build_leaves_the_last_edition_byte_for_byte(
    base: Path, tmp_path: Path, fault: Fault
) -> None:
    build = tmp_path / "build"
    assert command("html", base, build).returncode == 0
    good = tree(build / "html")
    assert f"{Path(REPORT).with_suffix('.html')}" in good
    fault.apply(base)
    Fault(REPORT, "A claim", "A new claim").apply(base)  # pages to write too
    result = command("html", base, build)
    assert result.returncode == 1
    assert tree(build / "html") == good


def test_a_failed_build_fails_again_until_the_fault_is_fixed(
    base: Path, tmp_path: Path
) -> None:
    """Sphinx keeps what it read; after a failed run the documents it read
    are read again, so the same build fails the same way, and is published
    once fixed."""
    build = tmp_path / "build"
    assert command("html", base, build).returncode == 0
    good = tree(build / "html")
    UNKNOWN_KEY.apply(base)
    first, second = command("html", base, build), command("html", base, build)
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr
    assert "rossi2O20" in second.stderr
    assert tree(build / "html") == good
    Fault(REPORT, "rossi2O20", "rossi2020").apply(base)
    fixed = command("html", base, build)
    assert fixed.returncode == 0, fixed.stderr
    assert tree(build / "html") == good  # the same sources as the first build


def test_an_error_while_publishing_leaves_the_last_edition(
    base: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A full disk while the new edition is put together: one error line that
    names the file and says what to do; the old edition stays."""
    build = tmp_path / "build"
    build_html(base, build)
    good = tree(build / "html")
    Fault(REPORT, "A claim", "A new claim").apply(base)
    copied = []

    def full(source: Path, target: Path) -> None:
        if copied:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        copied.append(target)
        shutil.copyfile(source, target)

    monkeypatch.setattr(publish.shutil, "copy2", full)
    capsys.readouterr()
    assert editions.main(["html", str(base), str(build)]) == 1
    err = capsys.readouterr().err
    lines = _error_lines(err)
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert str(build / ".html.new") in lines[0]  # where it was staged
    assert "free some space" in lines[0]
    assert tree(build / "html") == good
    # the next build, with room on the disk, publishes
    monkeypatch.undo()
    assert editions.main(["html", str(base), str(build)]) == 0
    page = (build / "html" / REPORT).with_suffix(".html").read_text("utf-8")
    assert "A new claim" in page


@pytest.mark.parametrize("edition", ["html", "pdf", "all"])
def test_a_build_folder_that_cannot_be_made_is_one_error(
    base: Path, tmp_path: Path, edition: str
) -> None:
    """BUILD under a regular file (tests run as root, where a folder without
    write permission does not stop a write)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = command(edition, base, blocker / "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = _error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert str(blocker / "build") in lines[0]
    assert "a file stands where a folder is needed" in lines[0]


def _publish(work: Path, edition: Path) -> None:
    release = publish.Release(edition.parent)
    release.stage(edition.name, publish.tree(work), publish.same_stamp)
    release.commit()


def test_an_unchanged_file_is_published_as_it_was(tmp_path: Path) -> None:
    """Publishing links what the last edition already had (same inode and
    time) and copies what is new; it never links a work file, which Sphinx
    and latexmk rewrite in place."""
    work, edition = tmp_path / "work", tmp_path / "edition"
    (work / "sub").mkdir(parents=True)
    (work / "same.txt").write_text("same", encoding="utf-8")
    (work / "sub" / "new.txt").write_text("one", encoding="utf-8")
    (work / "gone.txt").write_text("gone", encoding="utf-8")
    _publish(work, edition)
    first = {p: (edition / p).stat() for p in ("same.txt", "sub/new.txt")}
    (work / "gone.txt").unlink()
    (work / "sub" / "new.txt").write_text("two", encoding="utf-8")
    _publish(work, edition)
    assert tree(edition) == {"same.txt": b"same", "sub/new.txt": b"two"}
    same = (edition / "same.txt").stat()
    assert (same.st_ino, same.st_mtime_ns) == (
        first["same.txt"].st_ino,
        first["same.txt"].st_mtime_ns,
    )
    assert (edition / "sub" / "new.txt").stat().st_ino != first["sub/new.txt"].st_ino
    for name in ("same.txt", "sub/new.txt"):
        assert not os.path.samefile(edition / name, work / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition", "work"]


def _editions(build: Path, text: str) -> None:
    for name in ("epub", "html", "pdf"):
        (build / name).mkdir(parents=True)
        (build / name / "index").write_text(text, encoding="utf-8")


#: What a build killed while publishing leaves, made on purpose: the step
#: ``.commit`` begun or not, and how far its renames got (editions in the
#: order the step takes them); the editions the next build must then find.
STOPPED = [
    pytest.param(False, 0, "old", id="staged"),
    pytest.param(True, 0, "new", id="committed"),
    pytest.param(True, 3, "new", id="between-two-renames"),
    pytest.param(True, 6, "new", id="renamed"),
]


@pytest.mark.parametrize(("committed", "renames", "found"), STOPPED)
def test_a_build_killed_while_publishing_leaves_all_old_or_all_new(
    tmp_path: Path, committed: bool, renames: int, found: str
) -> None:
    build = tmp_path / "build"
    _editions(build, "old")
    for name in ("epub", "html", "pdf"):
        (build / f".{name}.new").mkdir()
        (build / f".{name}.new" / "index").write_text("new", encoding="utf-8")
    if committed:
        (build / publish.COMMIT).write_text('["epub", "html", "pdf"]', "utf-8")
    steps = [
        (build / name, build / f".{name}.{what}")
        for name in ("epub", "html", "pdf")
        for what in ("old", "new")
    ]
    for number, (edition, aside) in enumerate(steps[:renames]):
        if number % 2 == 0:
            os.rename(edition, aside)  # the old edition aside
        else:
            os.rename(aside, edition)  # the new one in its place
    publish.recover(build)
    for name in ("epub", "html", "pdf"):
        assert tree(build / name) == {"index": found.encode()}, name
    assert sorted(p.name for p in build.iterdir()) == ["epub", "html", "pdf"]


def test_an_edition_set_aside_by_an_older_build_goes_back(tmp_path: Path) -> None:
    """Builds before the editions changed together staged one edition at a
    time in ``.work``; killed between its two renames, it left the old
    edition there."""
    build = tmp_path / "build"
    aside = build / publish.WORK
    aside.mkdir(parents=True)
    (aside / "html.old").mkdir()
    (aside / "html.old" / "index.html").write_text("good", encoding="utf-8")
    (aside / "html.new").mkdir()
    (aside / "html.new" / "half.html").write_text("half", encoding="utf-8")
    publish.recover(build)
    assert tree(build / "html") == {"index.html": b"good"}
    assert not list(aside.iterdir())


# -- Removed and renamed reports ------------------------------------------------


def _remove_and_rename(source: Path) -> str:
    """Remove the second report, rename the first; return the new name."""
    reports = source / "reports"
    (reports / f"{SECOND}.md").unlink(missing_ok=True)
    renamed = "100-1-caspian-renamed"
    (reports / f"{FIRST}.md").rename(reports / f"{renamed}.md")
    return renamed


def test_removed_and_renamed_reports_leave_the_html_edition(tmp_path: Path) -> None:
    """Built, a report removed and another renamed, built again: the edition
    has exactly the files of a clean build of the same sources, each with the
    same bytes (no page, PDF or export of the old names; nothing else gone)."""
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 2)
    build = tmp_path / "build"
    build_html(source, build)
    before = tree(build / "html")
    for stem in (FIRST, SECOND):
        for suffix in ("html", "bib", "ris", "json"):
            assert f"reports/{stem}.{suffix}" in before
    renamed = _remove_and_rename(source)
    build_html(source, build)
    clean = tmp_path / "clean"
    build_html(source, clean)
    after = tree(build / "html")
    assert sorted(after) == sorted(tree(clean / "html"))
    assert not [name for name in after if FIRST in name and renamed not in name]
    assert not [name for name in after if SECOND in name]
    assert f"reports/{renamed}.html" in after
    front = BeautifulSoup(after["index.html"], "html.parser")
    links = {a["href"] for a in front.find_all("a", href=True)}
    assert f"reports/{renamed}.html" in links
    assert not [link for link in links if SECOND in link or f"{FIRST}.html" in link]


def test_a_page_under_the_reports_folder_that_is_no_report_stays(
    tmp_path: Path,
) -> None:
    """Only the outputs of reports that are no more go: a file the project
    puts under ``reports/`` of the edition (``html_extra_path``) stays."""
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 2)
    extra = source / "_extra" / "reports"
    extra.mkdir(parents=True)
    (extra / "notes.html").write_text("<p>notes</p>\n", encoding="utf-8")
    (extra / f"{SECOND}-notes.html").write_text("<p>notes</p>\n", encoding="utf-8")
    conf = source / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nhtml_extra_path = ["_extra"]\n',
        encoding="utf-8",
    )
    build = tmp_path / "build"
    build_html(source, build)
    (source / "reports" / f"{SECOND}.md").unlink()
    build_html(source, build)
    published = build / "html" / "reports"
    assert (published / "notes.html").is_file()
    assert (published / f"{SECOND}-notes.html").is_file()
    assert not (published / f"{SECOND}.html").exists()


@pytest.mark.pdf
def test_removed_and_renamed_reports_leave_every_edition(tmp_path: Path) -> None:
    """Both editions: the PDF of a removed or renamed report leaves
    ``BUILD/pdf``, the page's folder and ``BUILD/latex`` (its ``.tex``, its
    PDF and its auxiliary files); the report that stays is not typeset again."""
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 2)
    build = tmp_path / "build"
    build_pdf(source, build)
    build_html(source, build)
    (source / "reports" / f"{SECOND}.md").unlink()
    kept_log = (build / "latex" / f"{FIRST}.log").stat()
    build_pdf(source, build)
    build_html(source, build)
    assert sorted(p.name for p in (build / "pdf").iterdir()) == [f"{FIRST}.pdf"]
    assert not list((build / "latex").glob(f"{SECOND}.*"))
    assert not list((build / "html").rglob(f"{SECOND}.*"))
    assert (build / "html" / "reports" / f"{FIRST}.pdf").is_file()
    log = (build / "latex" / f"{FIRST}.log").stat()
    assert (log.st_ino, log.st_mtime_ns) == (kept_log.st_ino, kept_log.st_mtime_ns)
    renamed = _remove_and_rename(source)
    build_pdf(source, build)
    build_html(source, build)
    assert sorted(p.name for p in (build / "pdf").iterdir()) == [f"{renamed}.pdf"]
    assert not list((build / "latex").glob(f"{FIRST}.*"))
    assert not list((build / "html").rglob(f"{FIRST}.*"))
    assert (build / "html" / "reports" / f"{renamed}.pdf").is_file()


def test_a_report_name_near_the_systems_limit_builds(
    base: Path, tmp_path: Path
) -> None:
    """A 244-character file name (the system allows 255): the files written
    beside its page (``NAME.json``) once had a longer temporary name."""
    long_name = "1-1-" + "x" * 240
    (base / REPORT).rename(base / "reports" / f"{long_name}.md")
    build_html(base, tmp_path / "build")
    beside = tmp_path / "build" / "html" / "reports"
    assert (beside / f"{long_name}.html").is_file()
    assert (beside / f"{long_name}.json").is_file()
