"""``georeport check``: whether the built site is ready to go online.

A journal of three volumes is built once, ready (base URL, rights, licence);
each test copies it, makes one slip an editor or a broken build makes, and
reads what ``georeport check`` says: one line naming the file (and line),
and exit status 1; nothing, and status 0, for the ready site.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from georeport import cli
from georeport.editions.build import build_html

from .conftest import ROOTS

#: What makes the journal of tests/roots/test-journal ready to go online.
READY = 'georeport_rights = "© {year} Steppe Press"\ngeoreport_license = "CC-BY-4.0"\n'


@pytest.fixture(scope="module")
def ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal, ready, and its HTML edition: ``base/source``, ``base/build``."""
    base = tmp_path_factory.mktemp("ready")
    source = base / "source"
    shutil.copytree(ROOTS / "test-journal", source)
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(READY)
    build_html(source, base / "build")
    return base


@pytest.fixture
def site(ready: Path, tmp_path: Path) -> Path:
    """A copy of the ready journal and its build, for one test to change."""
    shutil.copytree(ready, tmp_path / "copy", symlinks=True)
    copy = tmp_path / "copy"
    # copytree keeps times: the build stays newer than its sources
    return copy


def run(base: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = cli.main(
        ["check", "--source", str(base / "source"), "--build", str(base / "build")]
    )
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    if status == 0:
        assert err == ""
        assert "is ready to go online" in out
    return status, lines


def _problems(lines: list[str]) -> list[str]:
    """The problem lines, without the closing summary."""
    assert lines[-1].startswith("georeport check: "), lines
    return lines[:-1]


def test_a_ready_site_is_ready(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = run(site, capsys)
    assert (status, lines) == (0, [])


def test_every_page_and_link_is_looked_at(ready: Path) -> None:
    from georeport.editions.check import check

    found = check(ready / "source", ready / "build")
    pages = [
        p
        for p in (ready / "build" / "html").rglob("*.html")
        if not p.relative_to(ready / "build" / "html").as_posix().startswith("_")
    ]
    assert found.pages == len(pages) > 9
    assert found.links > found.pages * 10


@pytest.mark.parametrize(
    ("setting", "line", "says"),
    [
        ("georeport_license", 'georeport_license = "CC-BY-4.0"\n', "SPDX identifier"),
        (
            "georeport_rights",
            'georeport_rights = "© {year} Steppe Press"\n',
            "copyright",
        ),
    ],
)
def test_a_missing_setting_names_conf_py(
    site: Path, capsys: pytest.CaptureFixture[str], setting: str, line: str, says: str
) -> None:
    conf = site / "source" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(line, ""), "utf-8")
    _older_than_the_build(conf, site)
    status, lines = run(site, capsys)
    assert status == 1
    (problem,) = _problems(lines)
    assert problem.startswith(f"{conf}:1: {setting} is not set: ")
    assert says in problem


def test_an_http_base_url_is_said_at_its_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = site / "source" / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text.replace('"https://steppe', '"http://steppe'), "utf-8")
    _older_than_the_build(conf, site)
    status, lines = run(site, capsys)
    line = text[: text.index("georeport_base_url")].count("\n") + 1
    assert status == 1
    (problem,) = [p for p in _problems(lines) if "georeport_base_url" in p]
    assert problem.startswith(f"{conf}:{line}: georeport_base_url 'http://")
    assert "https" in problem.split(": ", 2)[2]


def test_deposits_need_a_doi_for_every_report(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = site / "source" / "conf.py"
    with conf.open("a", encoding="utf-8") as file:
        file.write('georeport_crossref_depositor_name = "Steppe Press"\n')
    _older_than_the_build(conf, site)
    status, lines = run(site, capsys)
    reports = sorted((site / "source" / "reports").glob("*.md"))
    assert status == 1
    assert _problems(lines) == [
        f"{path}:1: the report has no DOI, and its issue's Crossref deposit is "
        "configured: add doi: to its front matter, or set georeport_doi_prefix "
        "in conf.py to make one"
        for path in reports
    ]


def test_a_report_edited_since_the_build_is_said(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = site / "source" / "reports" / "2-2-rail.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nA new line.\n", "utf-8")
    status, lines = run(site, capsys)
    assert status == 1
    assert _problems(lines) == [
        f"{report}: changed since build/html was built: build again (./noxw)"
    ]


def test_a_page_of_a_removed_report_is_said(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "source" / "reports" / "2-2-rail.md").unlink()
    _older_than_the_build(site / "source" / "reports", site)
    status, lines = run(site, capsys)
    page = site / "build" / "html" / "reports" / "2-2-rail.html"
    assert status == 1
    assert any(p.startswith(f"{page}: a page of no report") for p in _problems(lines))


def test_a_drafts_page_is_said(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = site / "build" / "html" / "reports"
    shutil.copy(html / "2-2-rail.html", html / "_draft.html")
    status, lines = run(site, capsys)
    assert status == 1
    (problem,) = [p for p in _problems(lines) if "_draft.html" in p]
    assert problem.startswith(f"{html / '_draft.html'}: a draft's page is in")


@pytest.mark.parametrize(
    ("href", "says"),
    [
        ("missing.html", "no such file in build/html"),
        ("2-1-alpha.html#nowhere", "2-1-alpha.html has no #nowhere"),
        ("/journal/index.html", "breaks when the site is served under a path"),
        ("../../../etc/passwd", "leads outside build/html"),
    ],
)
def test_a_broken_link_names_its_page(
    site: Path, capsys: pytest.CaptureFixture[str], href: str, says: str
) -> None:
    page = site / "build" / "html" / "reports" / "2-2-rail.html"
    text = page.read_text(encoding="utf-8")
    assert text.count("</article>") == 1
    page.write_text(text.replace("</article>", f'<a href="{href}">x</a></article>'))
    status, lines = run(site, capsys)
    assert status == 1
    assert _problems(lines) == [f"{page}: a {href!r}: {_fix(says, lines)}"]


def _fix(says: str, lines: list[str]) -> str:
    """The problem's words, which must hold ``says``."""
    (words,) = [line.split(": ", 2)[2] for line in lines[:-1]]
    assert says in words
    return words


def test_a_sitemap_address_outside_the_base_url_is_said(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sitemap = site / "build" / "html" / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(
        text.replace(
            "https://steppe.example.org/journal/", "https://elsewhere.example/", 1
        )
    )
    status, lines = run(site, capsys)
    assert status == 1
    (problem,) = _problems(lines)
    assert problem.startswith(f"{sitemap}: 'https://elsewhere.example/")
    assert "not under the base URL https://steppe.example.org/journal/" in problem


def test_no_html_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-journal", source)
    status, lines = run(tmp_path, capsys)
    assert status == 1
    assert f"{tmp_path / 'build' / 'html'}: no HTML edition: build it (./noxw)" in lines


def _older_than_the_build(path: Path, base: Path) -> None:
    """Date ``path`` before the build, as if changed before it ran."""
    built = (base / "build" / "doctrees" / "html.json").stat().st_mtime
    os.utime(path, (time.time(), built - 60))
