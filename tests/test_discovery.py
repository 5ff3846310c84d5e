"""One report discovery, from paths relative to the project.

A clone under a folder whose name starts with ``_`` or ``.`` (a CI runner's
``_work``, a ``~/.cache/...`` checkout) once found no report: the LaTeX
builder then had no document and the PDF edition nothing to typeset.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from georeport.editions.fingerprint import Sources
from georeport.editions.sphinx_run import sphinx
from georeport.project import is_report, report_files
from tools.archive import read_project

from .conftest import ROOTS


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
