"""One report discovery, from paths relative to the project.

A clone under a folder whose name starts with ``_`` or ``.`` (a CI runner's
``_work``, a ``~/.cache/...`` checkout) once found no report: the LaTeX
builder then had no document and the PDF edition nothing to typeset. A
report in a folder of ``reports/`` reached through a symbolic link was read
by Sphinx (which follows links) and by no one else: no PDF (issue 23).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from georeport.editions.fingerprint import Sources
from georeport.editions.sphinx_run import sphinx
from georeport.project import is_report, report_files
from tools.archive import read_project

from .conftest import ROOTS
from .test_bad_input import editions


@pytest.fixture
def hidden_clone(tmp_path: Path) -> Path:
    """test-second copied under ``_x/.y/``, with a draft and a backup that
    are not reports."""
    source = tmp_path / "_x" / ".y" / "project"
    shutil.copytree(ROOTS / "test-second", source)
    (source / "reports" / "_drafts").mkdir()
    report = source / "reports" / "40-2-caspian.md"
    shutil.copy(report, source / "reports" / "_drafts" / "41-1-draft.md")
    shutil.copy(report, source / "reports" / ".40-2-caspian.md")
    return source


def test_reports_are_found_whatever_folders_hold_the_project(
    hidden_clone: Path,
) -> None:
    expected = [("reports/40-2-caspian", hidden_clone / "reports/40-2-caspian.md")]
    assert report_files(hidden_clone) == expected
    assert list(Sources.read(hidden_clone).reports) == ["40-2-caspian"]
    assert read_project(hidden_clone).reports == [expected[0][1]]


def test_a_report_is_what_discovery_finds() -> None:
    assert is_report("reports/40-2-caspian")
    assert is_report("archive/40-2-caspian", "archive/")
    assert not is_report("index")
    assert not is_report("reports/_drafts/41-1-draft")
    assert not is_report("reportsx/1-1-a")


def test_the_latex_builder_makes_a_document_per_report(
    hidden_clone: Path, tmp_path: Path
) -> None:
    """Sphinx alone (no TeX): one ``.tex`` per report, none for the draft."""
    out = tmp_path / "latex"
    sphinx("latex", hidden_clone, out, doctrees=tmp_path / "doctrees")
    assert sorted(p.name for p in out.glob("*.tex")) == ["40-2-caspian.tex"]


def _in_folders(source: Path) -> tuple[Path, Path]:
    """test-second's report moved to ``reports/2024/``; a second report in
    ``archive/2023/`` (a folder of the project, out of Sphinx's reading),
    reached through the link ``reports/2023``."""
    shutil.copytree(ROOTS / "test-second", source)
    index = source / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("reports/*", "reports/**"), "utf-8"
    )
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nexclude_patterns = ["archive"]\n')
    moved = source / "reports" / "2024" / "40-2-caspian.md"
    moved.parent.mkdir()
    (source / "reports" / "40-2-caspian.md").rename(moved)
    linked = source / "archive" / "2023" / "40-1-caspian.md"
    linked.parent.mkdir(parents=True)
    text = moved.read_text("utf-8").replace("issue: 2", "issue: 1")
    linked.write_text(text.replace("title: '", "title: 'Earlier: "), "utf-8")
    (source / "reports" / "2023").symlink_to(Path("..", "archive", "2023"))
    return moved, source / "reports" / "2023" / "40-1-caspian.md"


def test_reports_in_folders_and_linked_folders_are_found(tmp_path: Path) -> None:
    """As Sphinx finds documents: in folders, through links to folders (not
    round a loop)."""
    source = tmp_path / "project"
    moved, linked = _in_folders(source)
    (source / "reports" / "2024" / "again").symlink_to(Path(".."))  # a loop
    assert report_files(source) == [
        ("reports/2023/40-1-caspian", linked),
        ("reports/2024/40-2-caspian", moved),
    ]
    assert Sources.read(source).reports == {
        "40-1-caspian": linked,
        "40-2-caspian": moved,
    }


@pytest.mark.pdf
def test_a_report_in_a_folder_is_published_whole(tmp_path: Path) -> None:
    """Its page in its folder, every link of it found; its PDF and EPUB, and
    those of a report behind a link, in the editions."""
    source, build = tmp_path / "project", tmp_path / "build"
    _in_folders(source)
    result = editions("all", source, build)
    assert result.returncode == 0, result.stderr
    for name in ("40-1-caspian", "40-2-caspian"):
        assert f"PDF edition: {build / 'pdf' / name}.pdf" in result.stdout
        assert (build / "epub" / f"{name}.epub").is_file()
    page = build / "html" / "reports" / "2024" / "40-2-caspian.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("a[href]")]
    local = [h.split("#")[0] for h in hrefs if "://" not in h and h.split("#")[0]]
    assert "40-2-caspian.pdf" in local
    assert any(h.endswith("issues/40-2.html") for h in local)  # the breadcrumbs
    for href in local:
        assert (page.parent / href).resolve().is_file(), href
    issue = build / "html" / "issues" / "40-2.html"
    listed = BeautifulSoup(issue.read_text("utf-8"), "html.parser").select("a[href]")
    assert any((issue.parent / a["href"]).resolve() == page for a in listed)


def test_a_second_report_of_one_file_name_is_refused(tmp_path: Path) -> None:
    """Two folders may not hold one file name (it names the PDF and EPUB):
    the report later in name order is refused, though it was built before."""
    source, build = tmp_path / "project", tmp_path / "build"
    shutil.copytree(ROOTS / "test-base", source)
    index = source / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("reports/*", "reports/**"), "utf-8"
    )
    first = source / "reports" / "2023" / "1-1-report.md"
    first.parent.mkdir()
    (source / "reports" / "1-1-report.md").rename(first)
    assert editions("html", source, build).returncode == 0
    shutil.copy(first, source / "reports" / "1-1-report.md")  # earlier by name
    result = editions("html", source, build)
    assert result.returncode != 0
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith(f"error: {first}: the report's file name is also that of ")
    assert str(source / "reports" / "1-1-report.md") in line and "rename" in line
