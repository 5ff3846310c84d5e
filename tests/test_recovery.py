"""One build at a time, and builds that recover from the one before.

* A second build of the same BUILD folder waits for the first (it says so
  once), instead of writing the same files at the same time.
* A build killed anywhere (Ctrl-C, a CI timeout's SIGKILL), while Sphinx runs
  or while LaTeX typesets, leaves nothing the next build trusts: that build
  succeeds with no cleanup by hand, and its editions are those of a clean
  build, byte for byte.
* What LaTeX cannot typeset is an error, not a PDF with holes: a character
  the PDF's fonts lack names the file and line that hold it; a PDF that is
  cut short is not published.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from georeport.editions import lock, typeset, verify
from georeport.editions.build import BuildError, build_html, build_pdf
from tools.archive import make_archive

from .conftest import EDIT, EDITED, REPORT, ROOTS, Fault, fold
from .test_publish import BASE, command, tree

FIRST = EDITED


def start(*args: str | Path) -> subprocess.Popen[str]:
    """``python -m georeport.editions ARGS`` in a process group of its own (a
    terminal's Ctrl-C and a CI timeout reach every process of the build)."""
    return subprocess.Popen(
        [sys.executable, "-m", "georeport.editions", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # each line as it comes
    )


def kill_after(
    process: subprocess.Popen[str], text: str, delay: float, group: bool = True
) -> str:
    """SIGKILL the build's process group (or its main process alone, leaving
    latexmk and TeX running) ``delay`` seconds after it printed a line
    holding ``text``; return what it printed."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if text in line:
            time.sleep(delay)
            break
    else:
        pytest.fail(f"the build ended before printing {text!r}:\n{''.join(seen)}")
    if group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return "".join(seen)


# -- One build at a time --------------------------------------------------------


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(BASE, source)
    with lock.hold(build):  # the first build
        second = start("html", source, build)
        assert second.stdout is not None
        line = second.stdout.readline()
        assert line.startswith("Waiting for another build of"), line
        assert str(os.getpid()) in line  # the first build's process
        time.sleep(1)
        assert second.poll() is None  # still waiting
        assert not (build / "html").exists()
    rest = second.stdout.read()
    assert second.wait(timeout=300) == 0, rest
    assert "Waiting" not in rest  # said once
    assert (build / "html" / REPORT).with_suffix(".html").is_file()


def test_the_lock_of_a_killed_build_is_free(tmp_path: Path) -> None:
    """The operating system releases the lock of a build that is killed."""
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(BASE, source)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from georeport.editions import lock\n"
            "with lock.hold(Path(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(600)",
            str(build),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    result = command("html", source, build)
    assert result.returncode == 0, result.stderr
    assert "Waiting" not in result.stdout


def test_the_programs_a_build_starts_keep_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """latexmk and the TeX programs it runs get the lock's descriptor: a TeX
    program left running (its build killed) holds the folder until it ends,
    and the next build waits for it instead of typesetting beside it."""
    programs = tmp_path / "bin"
    programs.mkdir()
    fake = programs / "latexmk"  # leaves a program running, as a killed build
    fake.write_text("#!/bin/sh\nsleep 5 >/dev/null 2>&1 &\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    tex = tmp_path / "report.tex"
    tex.write_text("", encoding="utf-8")
    build = tmp_path / "build"
    with lock.hold(build):
        typeset.typeset(tex)
    fd = os.open(build / lock.NAME, os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


@pytest.mark.pdf
def test_two_pdf_builds_at_once_both_give_a_sound_pdf(tmp_path: Path) -> None:
    """Two builds of one folder started together: one waits, both succeed,
    and the PDF they leave is whole and as a single build makes it."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-second", source)
    builds = [start("pdf", source, tmp_path / "build") for _ in range(2)]
    outputs = [b.communicate(timeout=600)[0] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert sum("Waiting for another build" in out for out in outputs) <= 1
    pdf = tmp_path / "build" / "pdf" / "40-2-caspian.pdf"
    assert verify.pdf_problem(pdf) is None
    build_pdf(source, tmp_path / "alone")
    assert pdf.read_bytes() == (tmp_path / "alone" / "pdf" / pdf.name).read_bytes()


# -- Killed builds ----------------------------------------------------------------


def _pdftext(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    return fold(out)


def _as_a_clean_build(build: Path, clean: Path) -> None:
    """The editions of ``build`` are those of a clean build, byte for byte."""
    for edition in EDITIONS:
        assert tree(build / edition) == tree(clean / edition), edition


#: The three editions, which a build changes together or not at all.
EDITIONS = ("html", "pdf", "epub")

#: Where a build is killed: after it printed a line holding this text, and
#: this many seconds later (with ``-v`` Sphinx's lines are printed too); and
#: whether the whole process group is killed (a CI timeout) or the build's
#: main process alone. Every edition is then still the last good one: ``all``
#: publishes the three together, once the HTML pages link the new PDFs.
KILLS = [
    pytest.param("reading sources", 0.0, True, id="sphinx-latex-reading"),
    pytest.param("writing output", 0.1, True, id="sphinx-latex-writing"),
    pytest.param("typesetting", 0.3, True, id="typesetting-early"),
    pytest.param("typesetting", 0.6, True, id="typesetting-late"),
    pytest.param("copying static files", 0.0, True, id="sphinx-html"),
    # the build's main process alone killed: latexmk and TeX left running
    pytest.param("typesetting", 0.2, False, id="typesetting-main-process-only"),
]


@pytest.mark.pdf
@pytest.mark.parametrize(("text", "delay", "group"), KILLS)
def test_a_build_killed_anywhere_is_followed_by_a_good_one(
    edited: tuple[Path, Path],
    pristine: tuple[Path, Path, Path],
    text: str,
    delay: float,
    group: bool,
) -> None:
    source, build = edited
    published = {edition: tree(build / edition) for edition in EDITIONS}
    kill_after(start("-v", "all", source, build), text, delay, group)
    # killed: the editions are the last good ones
    for edition, files in published.items():
        assert tree(build / edition) == files, edition
    result = command("all", source, build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stderr
    pdf = build / "pdf" / f"{FIRST}.pdf"
    assert verify.pdf_problem(pdf) is None
    assert EDIT in _pdftext(pdf)
    page = (build / "html" / "reports" / f"{FIRST}.html").read_text("utf-8")
    assert EDIT in page
    _as_a_clean_build(build, pristine[2])


def test_a_page_a_killed_run_was_writing_is_written_again(tmp_path: Path) -> None:
    """What a run killed while Sphinx writes pages leaves, made on purpose: the
    record says Sphinx was running, and a page of the work folder is cut
    short. Sphinx alone would take it as written (it is newer than its
    source); the next build writes every page again."""
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 2)
    build = tmp_path / "build"
    build_html(source, build)
    good = tree(build / "html")
    second = "reports/100-2-caspian.html"
    page = build / ".work" / "html" / second
    page.write_bytes(page.read_bytes()[:100])
    record = build / "doctrees" / "html.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    del data["key"]
    record.write_text(json.dumps({**data, "run": "sphinx"}), encoding="utf-8")
    build_html(source, build)
    assert tree(build / "html") == good


@pytest.mark.pdf
def test_what_a_killed_typesetting_left_is_not_trusted(
    edited: tuple[Path, Path],
) -> None:
    """What LaTeX and latexmk leave when killed mid-pass, as found after one
    such kill: the record of the report's inputs gone (it is written last),
    the bookmarks file ``.out`` cut short, latexmk's state cut short. Every
    later build once failed on it ("File ended while scanning use of
    \\@@BOOKMARK"), ``-E`` included."""
    source, build = edited
    latex = build / "latex"
    (latex / f"{FIRST}.inputs").unlink()
    for suffix in (".out", ".fdb_latexmk"):
        path = latex / f"{FIRST}{suffix}"
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    result = command("pdf", source, build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert EDIT in _pdftext(build / "pdf" / f"{FIRST}.pdf")


# -- What LaTeX cannot typeset ------------------------------------------------------

#: A character no font of the PDF edition has.
EMOJI = "\N{SLIGHTLY SMILING FACE}"


@pytest.mark.pdf
@pytest.mark.parametrize(
    "fault",
    [
        Fault(REPORT, "title: A report", f"title: A report {EMOJI}"),
        Fault("refs.bib", "Power in the Caspian", f"Power {EMOJI} in the Caspian"),
    ],
    ids=["report", "source"],
)
def test_a_character_the_fonts_lack_is_an_error(tmp_path: Path, fault: Fault) -> None:
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    text = fault.apply(source)
    line = text[: text.index(EMOJI)].count("\n") + 1
    build = tmp_path / "build"
    for _attempt in range(2):  # and again: the report is not taken as done
        result = command("pdf", source, build)
        assert result.returncode == 1
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        message = lines[0]
        assert message.startswith(f"error: {source / fault.file}:{line}: ")
        for words in (EMOJI, f"U+{ord(EMOJI):04X}", "remove it", "font"):
            assert words in message, message
        assert not list(build.glob("pdf/*.pdf"))


@pytest.mark.pdf
def test_a_pdf_cut_short_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """latexmk reports success but the PDF is cut short (a full disk, another
    program): an error, and the last good PDF stays."""
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    build = tmp_path / "build"
    build_pdf(source, build)
    good = tree(build / "pdf")
    Fault(REPORT, "A claim", "A new claim").apply(source)
    real = typeset.typeset

    def cut(*args: object, **kwargs: object) -> typeset.Typeset:
        done = real(*args, **kwargs)  # type: ignore[arg-type]
        data = done.pdf.read_bytes()
        done.pdf.write_bytes(data[: len(data) // 2])
        return done

    monkeypatch.setattr(typeset, "typeset", cut)
    with pytest.raises(BuildError, match=r"1-1-report\.md: the PDF .* is damaged"):
        build_pdf(source, build)
    assert tree(build / "pdf") == good
    monkeypatch.undo()
    build_pdf(source, build)  # typeset again, not taken as done
    assert "A new claim" in _pdftext(build / "pdf" / "1-1-report.pdf")


def _minimal_pdf(page: bytes) -> bytes:
    """A PDF of one page whose content stream is ``page``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1"
        b" /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page), page),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.mark.pdf
def test_a_pdf_is_checked_for_pages_and_text(tmp_path: Path) -> None:
    text = tmp_path / "text.pdf"
    text.write_bytes(_minimal_pdf(b"BT /F1 12 Tf 20 100 Td (Report) Tj ET"))
    assert verify.pdf_problem(text) is None
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(_minimal_pdf(b""))
    assert verify.pdf_problem(empty) == "it has no text"
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(text.read_bytes()[:-40])
    assert "cut short" in (verify.pdf_problem(cut) or "")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnothing here\n%%EOF\n")
    assert "cannot open" in (verify.pdf_problem(broken) or "")


def test_the_lock_is_taken_again_within_one_build(tmp_path: Path) -> None:
    """``all`` holds the lock for both editions, and each edition takes it
    again: within one process that does not wait; the descriptor is handed to
    latexmk while held, and closed after."""
    build = tmp_path / "build"
    with lock.hold(build), lock.hold(build):
        (fd,) = lock.inherited()
        assert os.get_inheritable(fd) is False  # passed on by pass_fds alone
    assert not lock.inherited()


def test_an_edition_that_fails_raises_before_publishing(tmp_path: Path) -> None:
    """The library call (nox, the tests) fails as the command does."""
    source = tmp_path / "source"
    shutil.copytree(BASE, source)
    Fault(REPORT, "{footcite}`rossi2020`", "{footcite}`rossi2O20`").apply(source)
    with pytest.raises(BuildError, match="rossi2O20"):
        build_html(source, tmp_path / "build")
    assert not (tmp_path / "build" / "html").exists()
