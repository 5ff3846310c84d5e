"""The sidebar: the page's volume, newest issue first, not the whole archive.

An archive of 14 reports made from tests/roots/test-second by
``tools.archive`` (12 issues a volume: volume 100 holds issues 1-12,
volume 101 issues 1-2), with an "About" page beside the reports in the front
page's toctree. Expected lists are read from the reports' front matter. Each
test builds the archive's HTML edition afresh with sphinx.testing (no TeX).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from georeport.model import Report, read_report
from tools.archive import make_archive

from .conftest import ROOTS, STRICT, built, journal_of

ABOUT = "# About the journal\n\nWho we are.\n"


class Archive:
    def __init__(self, root: Path, make_app: Callable[..., SphinxTestApp]) -> None:
        self.source = make_archive(ROOTS / "test-second", root / "source", 14)
        (self.source / "about.md").write_text(ABOUT, encoding="utf-8")
        index = self.source / "index.md"
        text = index.read_text(encoding="utf-8").replace(
            "reports/*", "about\nreports/*"
        )
        index.write_text(text, encoding="utf-8")
        self.build = root / "build"
        self.make_app = make_app
        self.rebuild()

    def rebuild(self) -> None:
        """Build the HTML edition (again: Sphinx's incremental build), warning-free."""
        app = self.make_app(
            "html", srcdir=self.source, builddir=self.build, confoverrides=STRICT
        )
        built(app)

    def reports(self) -> list[Report]:
        return [_read(p) for p in sorted((self.source / "reports").glob("*.md"))]

    def page(self, docname: str) -> BeautifulSoup:
        html = (self.build / "html" / f"{docname}.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")

    def sidebar(self, docname: str) -> tuple[list[str], list[tuple[str, str, bool]]]:
        """Captions, and (title, href, current) of each link, in order."""
        tree = self.page(docname).select_one(".sidebar-tree")
        assert tree is not None
        captions = [c.get_text() for c in tree.select(".caption-text")]
        links = [
            (a.get_text(), a["href"], "current" in a.get("class", []))
            for a in tree.select("li > a")
        ]
        return captions, links


def _read(path: Path) -> Report:
    return read_report(f"reports/{path.stem}", path, journal_of(path.parent.parent))


@pytest.fixture
def archive(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> Archive:
    return Archive(tmp_path, make_app)


def _volume(archive: Archive, volume: int) -> list[Report]:
    found = [r for r in archive.reports() if r.volume == volume]
    return sorted(found, key=lambda r: r.issue, reverse=True)


@pytest.mark.parametrize("issue", [1, 7])
def test_a_report_lists_its_volume_newest_first(archive: Archive, issue: int) -> None:
    volume = _volume(archive, 100)
    assert len(volume) == 12
    here = next(r for r in volume if r.issue == issue)
    captions, links = archive.sidebar(here.docname)
    assert captions == ["Volume 100"]
    # a heading for assistive technology, with the level ARIA requires
    caption = archive.page(here.docname).select_one(".sidebar-tree p.caption")
    assert caption is not None
    assert (caption["role"], caption["aria-level"]) == ("heading", "2")
    assert links[0] == ("About the journal", "../about.html", False)
    expected = [
        (r.title, "#" if r is here else f"{r.slug}.html", r is here) for r in volume
    ]
    assert links[1:] == expected


def test_the_front_page_lists_the_newest_volume(archive: Archive) -> None:
    captions, links = archive.sidebar("index")
    newest = _volume(archive, 101)
    assert [r.issue for r in newest] == [2, 1]
    assert captions == ["Volume 101"]
    assert links == [
        ("About the journal", "about.html", False),
        *[(r.title, f"reports/{r.slug}.html", False) for r in newest],
    ]
    # its report list still holds every report
    listed = archive.page("index").select(".georeport-report-list a")
    assert len(listed) == len(archive.reports()) == 14


def test_adding_a_report_rewrites_the_sidebars_of_its_volume(archive: Archive) -> None:
    """A new issue of volume 101: the pages of volume 101 and the front page
    are written again and list it; the pages of volume 100 are not touched."""
    reports = archive.source / "reports"
    first = _volume(archive, 101)[-1]
    text = (reports / f"{first.slug}.md").read_text(encoding="utf-8")
    new = reports / "101-3-new.md"
    new.write_text(
        text.replace("issue: 1\n", "issue: 3\n").replace(
            "(archive copy 13)", "(archive copy 15)"
        ),
        encoding="utf-8",
    )
    html = archive.build / "html"

    def stamp(docname: str) -> int:
        return os.stat(html / f"{docname}.html").st_mtime_ns

    old = _volume(archive, 100)[0].docname
    before = {d: stamp(d) for d in (old, first.docname, "index", "about")}
    archive.rebuild()
    for docname in (first.docname, "index", "about"):
        assert stamp(docname) != before[docname], docname
        titles = [title for title, _, _ in archive.sidebar(docname)[1]]
        assert _read(new).title in titles
    assert stamp(old) == before[old]


def _related(archive: Archive, docname: str) -> dict[str, str]:
    """The theme's "Next" and "Previous" of a page: kind -> href."""
    page = archive.page(docname)
    return {
        kind: link["href"]
        for kind in ("next", "prev")
        if (link := page.select_one(f".related-pages a.{kind}-page")) is not None
    }


def test_previous_and_next_follow_publication_not_file_names(
    archive: Archive,
) -> None:
    """The issue's case: an old report whose file name sorts last (``99-3``
    after ``101-2``) is the first in publication order, not the "Next" of the
    newest report."""
    reports = archive.source / "reports"
    first = _volume(archive, 100)[-1]  # volume 100, issue 1
    text = (reports / f"{first.slug}.md").read_text(encoding="utf-8")
    old = reports / "99-3-old.md"
    old.write_text(
        text.replace("volume: 100\n", "volume: 99\n")
        .replace("issue: 1\n", "issue: 3\n")
        .replace("(archive copy 1)", "(archive copy 99)"),
        encoding="utf-8",
    )
    assert sorted(p.name for p in reports.glob("*.md"))[-1] == old.name
    archive.rebuild()
    newest = _volume(archive, 101)[0]
    assert "next" not in _related(archive, newest.docname)
    assert _related(archive, first.docname)["prev"] == f"{old.stem}.html"
    assert _related(archive, f"reports/{old.stem}") == {"next": f"{first.slug}.html"}
