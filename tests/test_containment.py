"""Nothing outside the project is read into a page: images, included files
and files read by directives, named in a report's text.

Each case is tests/roots/test-base with one file outside the project named
in the report's text. The strict build stops naming the report and the line;
with the error silenced (``suppress_warnings``), the edition still holds
nothing of the outside file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from georeport.editions.build import BuildError, build_html

from .conftest import REPORT, ROOTS, Fault
from .test_cover import _png

#: What the outside text file holds: no output may hold it.
SECRET = "secret-outside-the-project-51d2"
#: The report's first sentence: the text a case's markup goes before.
CLAIM = "A claim about the Caspian Sea."

CASES = {
    "image": "![A photo](../../outside.png)",
    "figure": "```{figure} ../../outside.png\n:alt: A photo\n\nA caption\n```",
    "include": "```{include} ../../outside.txt\n```",
    "literalinclude": "```{literalinclude} ../../outside.txt\n```",
    "absolute": "![A photo](/../outside.png)",
}


def _project(tmp_path: Path, case: str) -> Path:
    """The base project in ``tmp_path/project``, files beside it, outside."""
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-base", source)
    (tmp_path / "outside.txt").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "outside.png").write_bytes(_png(8, 8))
    Fault(REPORT, CLAIM, f"{CASES[case]}\n\n{CLAIM}").apply(source)
    return source


def _leaked(folder: Path) -> list[str]:
    """Files of ``folder`` that hold the outside files' content."""
    png = _png(8, 8)
    return [
        str(path)
        for path in folder.rglob("*")
        if path.is_file()
        and (SECRET.encode() in path.read_bytes() or path.read_bytes() == png)
    ]


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_outside_the_project_stops_the_build(tmp_path: Path, case: str) -> None:
    source = _project(tmp_path, case)
    with pytest.raises(BuildError) as failed:
        build_html(source, tmp_path / "build")
    message = str(failed.value)
    # the claim stood on line 9: the case's markup starts there (a directive's
    # file is named on its first line)
    assert f"{REPORT}:9:" in message
    assert "outside the project" in message
    assert not (tmp_path / "build" / "html").exists()


@pytest.mark.parametrize("case", list(CASES))
def test_silenced_it_is_still_not_published(tmp_path: Path, case: str) -> None:
    source = _project(tmp_path, case)
    build = tmp_path / "build"
    build_html(source, build, "-D", "suppress_warnings=georeport.path")
    page = build / "html" / "reports" / "1-1-report.html"
    assert CLAIM in page.read_text(encoding="utf-8")
    assert _leaked(build) == []


def test_files_inside_the_project_are_read(tmp_path: Path) -> None:
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-base", source)
    (source / "reports" / "inside.txt").write_text("Included text.\n", "utf-8")
    (source / "reports" / "inside.png").write_bytes(_png(8, 8))
    markup = "![A photo](inside.png)\n\n```{include} inside.txt\n```"
    Fault(REPORT, CLAIM, f"{markup}\n\n{CLAIM}").apply(source)
    build_html(source, tmp_path / "build")
    html = tmp_path / "build" / "html"
    assert "Included text." in (html / "reports" / "1-1-report.html").read_text()
    assert (html / "_images" / "inside.png").read_bytes() == _png(8, 8)
