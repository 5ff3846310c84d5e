"""Incremental editions: a build does only the work its changed inputs need.

A copy of tests/roots/test-second with two reports (made by
``tools.archive``, each with its own citation keys) is built into both
editions; then built again with nothing changed (no Sphinx, no LaTeX), after
editing one report (that report's page and PDF only), and after editing one
bibliography entry (the page and PDF of the report citing it only), and after
adding entries no report cites (nothing). "Not typeset
again" is read from the files: a PDF's inode and modification time, and the
LaTeX log latexmk would rewrite. No timings are asserted. Those builds typeset
PDFs (``pdf``); that a page depends on no other report's sources is Sphinx's
doing alone, checked on sphinx.testing builds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from georeport.editions.build import BuildError, build_html, build_pdf
from georeport.model import Report
from georeport.sphinxext import downloads
from tools.archive import make_archive

from .conftest import REPORT, ROOTS, STRICT, built, fold
from .test_bad_input import editions

FIRST, SECOND = "100-1-caspian", "100-2-caspian"


@dataclass
class Copy:
    source: Path
    build: Path

    def report(self, stem: str) -> Path:
        return self.source / "reports" / f"{stem}.md"

    def stamp(self, path: str) -> tuple[int, int]:
        """Inode and modification time: a file written again changes them."""
        stat = (self.build / path).stat()
        return stat.st_ino, stat.st_mtime_ns

    def stamps(self) -> dict[str, tuple[int, int]]:
        paths = [f"pdf/{s}.pdf" for s in (FIRST, SECOND)]
        paths += [f"latex/{s}.log" for s in (FIRST, SECOND)]
        paths += [f"latex/{s}.pdf" for s in (FIRST, SECOND)]
        paths += [f"html/reports/{s}.html" for s in (FIRST, SECOND)]
        # the PDF and an export beside each page: put there again only if new
        paths += [f"html/reports/{s}.pdf" for s in (FIRST, SECOND)]
        paths += [f"html/reports/{s}.bib" for s in (FIRST, SECOND)]
        return {path: self.stamp(path) for path in paths}

    def build_all(self) -> str:
        # as ``python -m georeport.editions all`` does: PDFs first
        return build_pdf(self.source, self.build) + build_html(self.source, self.build)

    def page(self, stem: str) -> str:
        return (self.build / "html" / "reports" / f"{stem}.html").read_text("utf-8")

    def pdftext(self, stem: str) -> str:
        pdf = self.build / "pdf" / f"{stem}.pdf"
        command = ["pdftotext", "-enc", "UTF-8", str(pdf), "-"]
        return fold(
            subprocess.run(command, check=True, capture_output=True).stdout.decode()
        )


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 2)
    built = Copy(source, tmp_path / "build")
    built.build_all()
    return built


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # a later mtime even on a coarse clock: the edit is an edit to every tool
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.mark.pdf
def test_nothing_changed_nothing_built(copy: Copy) -> None:
    first = copy.report(FIRST).read_text(encoding="utf-8")
    second = copy.report(SECOND).read_text(encoding="utf-8")
    assert "-a1`" in first and "-a1`" not in second and "-a2`" in second
    before = copy.stamps()
    log = copy.build_all()
    assert "Running Sphinx" not in log  # Sphinx did not even start
    assert "up to date" in log
    assert copy.stamps() == before


@pytest.mark.pdf
def test_editing_one_report_rebuilds_that_report_only(copy: Copy) -> None:
    before = copy.stamps()
    sentence = "An edited sentence of the first report only."
    _edit(copy.report(FIRST), "\n## References", f"\n{sentence}\n\n## References")
    copy.build_all()
    after = copy.stamps()
    # the edited report: its page and its PDF are new, with the new words
    for path in (
        f"pdf/{FIRST}.pdf",
        f"latex/{FIRST}.log",
        f"html/reports/{FIRST}.html",
    ):
        assert after[path] != before[path], path
    assert sentence in copy.pdftext(FIRST)
    page = (copy.build / "html" / "reports" / f"{FIRST}.html").read_text("utf-8")
    assert sentence in page
    # the other report: neither typeset again nor its page written again
    for path in (f"pdf/{SECOND}.pdf", f"latex/{SECOND}.log", f"latex/{SECOND}.pdf"):
        assert after[path] == before[path], path
    for path in (f"html/reports/{SECOND}.{s}" for s in ("html", "pdf", "bib")):
        assert after[path] == before[path], path
    assert after[f"html/reports/{FIRST}.pdf"] != before[f"html/reports/{FIRST}.pdf"]
    assert sentence not in copy.pdftext(SECOND)


@pytest.mark.pdf
def test_editing_a_cited_entry_rebuilds_the_pdf_that_cites_it(copy: Copy) -> None:
    bib = copy.source / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    # the first entry cited by the second report only (its keys end in -a2)
    match = re.search(r"@\w+\{([^,]+-a2),[^@]*?title\s*=\s*\{", text)
    assert match is not None
    before = copy.stamps()
    _edit(bib, match.group(0), match.group(0) + "Revised: ")
    copy.build_all()
    after = copy.stamps()
    assert after[f"pdf/{SECOND}.pdf"] != before[f"pdf/{SECOND}.pdf"]
    assert "Revised:" in copy.pdftext(SECOND)
    # its page too: the footnote (formatted when the report is read) and the
    # References both show the new title
    page = BeautifulSoup(copy.page(SECOND), "html.parser")
    footnotes = page.select("aside.footnote")
    references = page.select("section#references li")
    assert footnotes and references
    for found in (footnotes, references):
        assert any("Revised:" in item.get_text() for item in found)
    # the first report cites no entry of the second: nothing of it is redone
    for path in (
        f"pdf/{FIRST}.pdf",
        f"latex/{FIRST}.log",
        f"html/reports/{FIRST}.html",
    ):
        assert after[path] == before[path], path


@pytest.mark.pdf
def test_adding_the_sources_of_a_new_report_rebuilds_no_report(copy: Copy) -> None:
    """The next report's entries go into the journal's one bibliography: the
    reports already published cite none of them, and are neither read, written
    nor typeset again (sphinxcontrib-bibtex alone would read every report)."""
    bib = copy.source / "refs.bib"
    new = "@misc{next2026,\n  author = {Nova Autrice},\n  title = {Next},\n}\n\n"
    before = copy.stamps()
    _edit(bib, "@", new + "@")  # first in the file: no other entry moves
    log = copy.build_all()
    assert "Running Sphinx" in log  # the bibliography did change
    assert copy.stamps() == before


def test_a_page_does_not_depend_on_other_reports_sources(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    """A report's page is the same, byte for byte, whatever else the
    bibliography holds (its References make no node for other entries)."""
    pages = []
    for name, extra in (("alone", ""), ("more", _UNCITED)):
        source = make_archive(ROOTS / "test-second", tmp_path / name / "source", 1)
        bib = source / "refs.bib"
        bib.write_text(extra + bib.read_text(encoding="utf-8"), encoding="utf-8")
        build = tmp_path / name / "build"
        built(make_app("html", srcdir=source, builddir=build, confoverrides=STRICT))
        pages.append(build / "html" / "reports" / f"{FIRST}.html")
    assert pages[0].read_bytes() == pages[1].read_bytes()


_UNCITED = "".join(
    f"@misc{{other{n},\n  author = {{Other Author}},\n  title = {{Other {n}}},\n}}\n\n"
    for n in range(3)
)


@pytest.mark.pdf
def test_a_lost_output_or_a_request_builds_again(copy: Copy) -> None:
    """A PDF deleted from the edition is put back, without typesetting it; and
    ``-E`` (Sphinx's fresh environment) runs Sphinx whatever the records say."""
    log_before = copy.stamp(f"latex/{FIRST}.log")
    (copy.build / "pdf" / f"{FIRST}.pdf").unlink()
    log = build_pdf(copy.source, copy.build)
    assert "Running Sphinx" in log  # an output is missing: not up to date
    assert (copy.build / "pdf" / f"{FIRST}.pdf").is_file()
    assert copy.stamp(f"latex/{FIRST}.log") == log_before
    assert "Running Sphinx" in build_html(copy.source, copy.build, "-E")


@pytest.mark.pdf
def test_a_bibliography_broken_after_a_good_build_still_stops_it(copy: Copy) -> None:
    """A bibliography that passed is not checked again while unchanged; once
    changed, it is, and a repeated key stops the build as on a first build."""
    bib = copy.source / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@")
    first = text[start : text.index("\n}\n", start) + 3]
    key = first[first.index("{") + 1 : first.index(",")]
    _edit(bib, text, text + "\n" + first)  # the first entry once more
    with pytest.raises(BuildError, match=rf"entry key '{key}' is already used on line"):
        build_html(copy.source, copy.build)


@pytest.mark.pdf
def test_changed_code_writes_every_page_again(copy: Copy) -> None:
    """Sphinx notices a changed source or configuration, not a changed
    extension or package: when the code that builds is not the last build's
    (as its record says), both editions start from a fresh environment."""
    before = copy.stamps()
    for name in ("html.json", "latex.json"):
        record = copy.build / "doctrees" / name
        data = json.loads(record.read_text(encoding="utf-8"))
        data.update(key="from an older georeport", tools="an older georeport")
        record.write_text(json.dumps(data), encoding="utf-8")
    log = copy.build_all()
    assert "Running Sphinx" in log
    after = copy.stamps()
    for stem in (FIRST, SECOND):
        path = f"html/reports/{stem}.html"
        assert after[path] != before[path], path
    # the PDFs are the same: read again, but not typeset again
    for stem in (FIRST, SECOND):
        assert after[f"latex/{stem}.log"] == before[f"latex/{stem}.log"]


def test_exports_are_made_again_only_for_a_changed_report(
    tmp_path: Path,
    make_app: Callable[..., SphinxTestApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An archive's rebuild makes the exports of the reports whose front
    matter changed, and leaves the others' as they were (issue 17)."""
    source = make_archive(ROOTS / "test-second", tmp_path / "source", 3)
    build = tmp_path / "build"
    made: list[str] = []
    real = downloads.exports

    def counting(report: Report, with_pdf: bool = False) -> dict[str, str]:
        made.append(report.docname)
        return real(report, with_pdf)

    monkeypatch.setattr(downloads, "exports", counting)

    def run() -> dict[str, tuple[int, bytes]]:
        built(make_app("html", srcdir=source, builddir=build, confoverrides=STRICT))
        files = sorted((build / "html" / "reports").glob("*.ris"))
        return {f.name: (f.stat().st_mtime_ns, f.read_bytes()) for f in files}

    first = run()
    assert len(first) == 3 and len(made) == 3
    report = sorted((source / "reports").glob("*.md"))[1]
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("title: '", "title: 'Revised ", 1), encoding="utf-8")
    os.utime(report, ns=(0, report.stat().st_mtime_ns + 2_000_000_000))
    made.clear()
    second = run()
    assert made == [f"reports/{report.stem}"]  # the others' are not made again
    changed = {name for name in first if first[name] != second[name]}
    assert changed == {report.with_suffix(".ris").name}
    assert b"Revised " in second[report.with_suffix(".ris").name][1]
    # a lost export is made again, though nothing changed
    (build / "html" / "reports" / report.with_suffix(".ris").name).unlink()
    assert (
        run()[report.with_suffix(".ris").name][1]
        == second[report.with_suffix(".ris").name][1]
    )


def test_an_edit_through_a_linked_folder_builds_again(tmp_path: Path) -> None:
    """``reports/2023``, a symbolic link to a folder of the project that Sphinx
    reads through it alone (``.years/2023``): an edit of its report, or the
    link renamed, is a change (the editions' hash follows links, as Sphinx
    does; it once went on saying "up to date" until ``-E``)."""
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(ROOTS / "test-base", source)
    index = source / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("reports/*", "reports/**"), "utf-8"
    )
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nexclude_patterns = [".years"]\n')
    years = source / ".years" / "2023"
    years.mkdir(parents=True)
    (source / REPORT).rename(years / "1-1-report.md")
    (source / "reports" / "2023").symlink_to(Path("..", ".years", "2023"))
    assert editions("html", source, build).returncode == 0
    page = build / "html" / "reports" / "2023" / "1-1-report.html"
    _edit(years / "1-1-report.md", "A claim", "An edited claim")
    result = editions("html", source, build)
    assert result.returncode == 0, result.stderr
    assert "up to date" not in result.stdout
    assert "An edited claim" in page.read_text(encoding="utf-8")
    (source / "reports" / "2023").rename(source / "reports" / "2024")
    assert editions("html", source, build).returncode == 0
    assert (build / "html" / "reports" / "2024" / "1-1-report.html").is_file()
    assert not page.exists()
