"""Nothing outside the project is read into a page: images, included files,
downloads and files read by directives, named in a report's text; nor
anything at an address (``https:``, ``file:``), which no build fetches.

Each case is tests/roots/test-base with one file outside the project (or
one address) named in the report's text. The strict build stops naming the
report and the line; with the error silenced (``suppress_warnings``), the
edition still holds nothing of the outside file. That no address is fetched
is proved with the network cut (``tests/test_offline.py``).
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
    "download": "{download}`../../outside.txt`",
    "csv-table": "```{csv-table}\n:file: ../../outside.txt\n```",
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


#: Addresses a report's text names, which no build fetches: what Sphinx
#: downloads for the PDF (an image at a URL), what docutils opens itself
#: (``:url:``, ``file://`` included).
ADDRESSES = {
    "image": "![A photo](https://example.org/photo.png)",
    "figure": "```{figure} https://example.org/photo.png\n:alt: A photo\n\nA\n```",
    # MyST makes no image of ![](file:///etc/passwd); the directive does
    "image-file": "```{image} file:///etc/passwd\n:alt: A photo\n```",
    "image-data": "![A photo](data:image/png;base64,iVBORw0KGgo=)",
    "csv-table-file": '```{csv-table}\n:url: file:///etc/passwd\n:delim: ":"\n```',
    "csv-table-https": "```{csv-table}\n:url: https://example.org/table.csv\n```",
    "raw-url": "```{raw} html\n:url: file:///etc/passwd\n```",
    "raw-file": "```{raw} html\n:file: ../../outside.txt\n```",
}
#: A trusted journal's conf.py: a {raw} block is allowed, its reads are not.
ALLOW_RAW = "\ngeoreport_allow_raw_markup = True\n"
#: A line of /etc/passwd on every Linux machine.
PASSWD = "root:x:0:0"


def address_project(tmp_path: Path, case: str) -> Path:
    """The base project naming ``ADDRESSES[case]``, raw blocks allowed."""
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-base", source)
    (tmp_path / "outside.txt").write_text(SECRET + "\n", encoding="utf-8")
    Fault(REPORT, CLAIM, f"{ADDRESSES[case]}\n\n{CLAIM}").apply(source)
    Fault("conf.py", "", ALLOW_RAW).apply(source)
    return source


@pytest.mark.parametrize("case", list(ADDRESSES))
def test_an_address_or_a_read_outside_stops_the_build(
    tmp_path: Path, case: str
) -> None:
    source = address_project(tmp_path, case)
    with pytest.raises(BuildError) as failed:
        build_html(source, tmp_path / "build")
    (line,) = str(failed.value).splitlines()
    assert f"{REPORT}:9:" in line
    said = "outside the project" if case == "raw-file" else "no build reads the network"
    assert said in line


@pytest.mark.parametrize("case", list(ADDRESSES))
def test_silenced_no_address_is_read(tmp_path: Path, case: str) -> None:
    source = address_project(tmp_path, case)
    build = tmp_path / "build"
    build_html(source, build, "-D", "suppress_warnings=georeport.path")
    page = build / "html" / "reports" / "1-1-report.html"
    assert CLAIM in page.read_text(encoding="utf-8")
    assert _leaked(build) == []
    published = [p for p in build.rglob("*") if p.is_file() and "/.work/" not in str(p)]
    assert [str(p) for p in published if PASSWD.encode() in p.read_bytes()] == []
    assert "example.org" not in page.read_text(encoding="utf-8")
