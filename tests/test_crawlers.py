"""What crawlers and archives read: sitemap, robots.txt, the Atom feed, LOCKSS.

Built with sphinx.testing (no TeX) from tests/roots/test-crawlers, a journal
of three volumes and four issues, two reports in one issue, one in Italian,
dates known to the year, the month and the day. Every expected value comes
from the reports' front matter and the root's ``conf.py`` (through the
model), never from a built file; the sitemap is validated against the
sitemaps.org schema (tests/data/sitemap.xsd), the feed parsed by feedparser
as feed readers parse it and checked against RFC 4287's rules.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
import xmlschema
from bs4 import BeautifulSoup
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from georeport.model import PartialDate, Report

from .conftest import DATA, ROOTS, SECOND, STRICT, Project, built, plain

CRAWLERS = pytest.mark.sphinx("html", testroot="crawlers", confoverrides=STRICT)
#: A test-base build: no base URL, no LOCKSS statement.
BASE = pytest.mark.sphinx("html", testroot="base", confoverrides=STRICT)
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = "{http://www.w3.org/2005/Atom}"
#: Pages Sphinx makes for itself: in no sitemap.
SPHINX_PAGES = {"genindex.html", "search.html"}


def reports(project: Project) -> list[Report]:
    return [project.report(path) for path in project.report_files()]


def first_day(date: PartialDate) -> datetime.date:
    return datetime.date(date.year, date.month or 1, date.day or 1)


def html_pages(project: Project) -> list[str]:
    """Every HTML page of the edition, as a path relative to it."""
    html = project.build / "html"
    return sorted(
        path.relative_to(html).as_posix()
        for path in html.rglob("*.html")
        if not path.relative_to(html).as_posix().startswith("_")
    )


def sitemap(project: Project) -> dict[str, str | None]:
    """URL -> lastmod of the sitemap, after checking it against the schema."""
    path = project.build / "html" / "sitemap.xml"
    xmlschema.XMLSchema(DATA / "sitemap.xsd").validate(str(path))
    tree = etree.parse(str(path))
    urls = {}
    for url in tree.getroot().iterfind("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
        assert loc not in urls, f"{loc} listed twice"
        urls[loc] = url.findtext("s:lastmod", namespaces=SITEMAP_NS)
    return urls


def statement(project: Project) -> str:
    return " ".join(project.conf["georeport_lockss_permission"].split())


# -- sitemap.xml and robots.txt -------------------------------------------------


@CRAWLERS
def test_sitemap_lists_every_page_with_its_date(app: SphinxTestApp) -> None:
    project = built(app)
    base = project.journal.base_url
    urls = sitemap(project)
    pages = [page for page in html_pages(project) if page not in SPHINX_PAGES]
    assert sorted(urls) == sorted(base + page for page in pages)
    # every report, the front page, "About" and a manifest per volume
    every = reports(project)
    assert len(every) == 5
    for report in every:
        assert urls[report.page_url] == first_day(report.date).isoformat()
    newest = max(first_day(report.date) for report in every)
    assert urls[base + "index.html"] == newest.isoformat()
    assert urls[base + "about.html"] is None  # it lists no report
    for volume in {report.volume for report in every}:
        dates = [first_day(r.date) for r in every if r.volume == volume]
        assert urls[f"{base}lockss/volume-{volume}.html"] == max(dates).isoformat()


@CRAWLERS
def test_robots_txt_names_the_sitemap(app: SphinxTestApp) -> None:
    project = built(app)
    base = project.journal.base_url
    robots = RobotFileParser()
    robots.parse((project.build / "html" / "robots.txt").read_text().splitlines())
    assert robots.site_maps() == [base + "sitemap.xml"]
    for url in sitemap(project):
        assert robots.can_fetch("Googlebot", url)


def test_a_year_month_lastmod_is_refused_by_the_schema() -> None:
    """Why a month is written as its first day: the schema takes whole dates."""
    schema = xmlschema.XMLSchema(DATA / "sitemap.xsd")
    url = "<url><loc>https://example.org/a.html</loc><lastmod>{}</lastmod></url>"
    document = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
    assert schema.is_valid(document.format(url.format("2022-01-01")))
    assert not schema.is_valid(document.format(url.format("2022-01")))


@BASE
def test_without_a_base_url_nothing_for_crawlers(app: SphinxTestApp) -> None:
    """Sitemaps and Atom need absolute URLs: without a base URL, neither is
    written, no page links a feed, and the build stays warning-free."""
    project = built(app)
    html = project.build / "html"
    for name in ("sitemap.xml", "robots.txt", "atom.xml"):
        assert not (html / name).exists()
    assert not (html / "lockss").exists()  # no statement configured
    for page in html_pages(project):
        head = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
        assert not head.find_all("link", type="application/atom+xml")


# -- The Atom feed ---------------------------------------------------------------

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def moment(date: PartialDate) -> str:
    return f"{first_day(date).isoformat()}T00:00:00+00:00"


def newest_first(every: list[Report]) -> list[Report]:
    by_name = sorted(every, key=lambda r: r.docname)
    return sorted(
        by_name, key=lambda r: (first_day(r.date), r.volume, r.issue), reverse=True
    )


def check_rfc4287(path: Path) -> etree._Element:
    """The rules of RFC 4287 a feed of this shape must meet (section 4.1)."""
    feed = etree.parse(str(path)).getroot()
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.iterfind(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):  # exactly one each
            assert len(element.findall(f"{ATOM}{name}")) == 1, (element, name)
        assert re.match(r"^https?://", element.findtext(f"{ATOM}id"))
        for date in ("updated", "published"):
            for node in element.findall(f"{ATOM}{date}"):
                assert RFC3339.fullmatch(node.text), node.text
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in element.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == len(set(alternates))  # 4.1.1, 4.1.2
        for link in element.iter(f"{ATOM}link"):
            assert link.get("href")
    for entry in feed.iterfind(f"{ATOM}entry"):
        # no feed-level author: every entry has its own (4.1.1)
        assert entry.findall(f"{ATOM}author/{ATOM}name")
        assert [link for link in entry.iterfind(f"{ATOM}link")]  # no content
    links = feed.findall(f"{ATOM}link")
    self_links = [link for link in links if link.get("rel") == "self"]
    assert len(self_links) == 1
    return feed


@CRAWLERS
def test_feed_entries_are_the_reports_newest_first(app: SphinxTestApp) -> None:
    project = built(app)
    journal = project.journal
    path = project.build / "html" / "atom.xml"
    check_rfc4287(path)
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    every = reports(project)
    expected = newest_first(every)
    assert parsed.feed.title == journal.title
    assert parsed.feed.id == journal.base_url + "atom.xml"
    assert parsed.feed.updated == moment(expected[0].date)
    assert [entry.id for entry in parsed.entries] == [r.page_url for r in expected]
    for entry, report in zip(parsed.entries, expected, strict=True):
        assert entry.title == report.title
        assert entry.link == report.page_url
        assert [a.name for a in entry.authors] == list(report.authors)
        assert entry.published == moment(report.date)
        assert entry.updated == moment(report.date)
        assert [tag.term for tag in entry.get("tags", [])] == list(report.keywords)
        if report.abstract:
            assert entry.summary == report.abstract
        assert entry.rights == report.rights
        (alternate,) = [link for link in entry.links if link.rel == "alternate"]
        assert alternate.type == "text/html"
        assert alternate.hreflang == report.language
        # no PDF edition in this build: no link to one
        assert not [link for link in entry.links if link.type == "application/pdf"]
    tree = etree.parse(str(path)).getroot()
    langs = [e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in tree]
    langs = [lang for lang in langs if lang]
    assert langs == [report.language for report in expected]
    assert "it" in langs


@CRAWLERS
def test_every_page_links_the_feed(app: SphinxTestApp) -> None:
    project = built(app)
    html = project.build / "html"
    expected = project.journal.base_url + "atom.xml"
    pages = html_pages(project)
    assert len(pages) > len(reports(project))
    for page in pages:
        soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
        links = soup.head.find_all("link", rel="alternate", type="application/atom+xml")
        assert [link["href"] for link in links] == [expected], page


@SECOND
def test_hostile_text_in_the_feed_and_the_manifest(app: SphinxTestApp) -> None:
    """Markup in a title, a name or a keyword is text in the feed."""
    project = built(app)
    (report,) = reports(project)
    parsed = feedparser.parse((project.build / "html" / "atom.xml").read_bytes())
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.title == report.title
    assert [a.name for a in entry.authors] == list(report.authors)
    assert [tag.term for tag in entry.tags] == list(report.keywords)
    raw = (project.build / "html" / "atom.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "</script>" not in raw


# -- LOCKSS ------------------------------------------------------------------------


@CRAWLERS
def test_a_lockss_manifest_per_volume(app: SphinxTestApp) -> None:
    project = built(app)
    html = project.build / "html"
    every = reports(project)
    volumes = {report.volume for report in every}
    assert sorted(p.name for p in (html / "lockss").iterdir()) == sorted(
        f"volume-{volume}.html" for volume in volumes
    )
    for volume in volumes:
        path = html / "lockss" / f"volume-{volume}.html"
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        manifest = page.find("section", id="lockss-manifest")
        permission = manifest.select_one(".georeport-lockss-permission")
        assert permission.get_text() == statement(project)
        assert "LOCKSS system has permission to collect, preserve, and serve" in (
            permission.get_text()
        )
        assert f"Volume {volume}" in manifest.h1.get_text()
        links = {
            urljoin(f"lockss/volume-{volume}.html", a["href"]): a.get_text()
            for a in manifest.select(".georeport-lockss-reports a")
        }
        listed = [r for r in every if r.volume == volume]
        assert links == {f"{r.docname}.html": r.title for r in listed}
        for target in links:
            assert (html / target).is_file()


@SECOND
def test_no_manifest_without_a_statement(app: SphinxTestApp) -> None:
    project = built(app)
    assert "georeport_lockss_permission" not in project.conf
    assert not (project.build / "html" / "lockss").exists()


# -- Incremental, reproducible ----------------------------------------------------

NEW_REPORT = """---
title: A report added later
authors: [Ivan Petrov]
volume: 17
issue: 1
date: 2024-05-02
---

A claim about the Caspian Sea.{footcite}`rossi2020`

```{footbibliography}
```

## References

:::{bibliography}
:list: bullet
:filter: docname in docnames
:::
"""


def read_reports(project: Project) -> list[str]:
    """The reports Sphinx read in a build (its "reading sources" lines)."""
    # with its colours on (a setting of the process, left by whichever build
    # ran before), Sphinx starts a progress line by erasing the last one
    # ("\x1b[2K"), not by a new line
    log = plain(project.log)
    lines = (line.strip() for line in re.split(r"\x1b\[2K|[\r\n]+", log))
    pattern = re.compile(r"reading sources\.\.\. \[[ \d]+%\] (\S+)")
    read = [m.group(1) for line in lines if (m := pattern.fullmatch(line))]
    return [name for name in read if name.startswith("reports/")]


def test_adding_a_report_updates_sitemap_feed_and_manifests(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-crawlers", source)
    build = tmp_path / "build"

    def build_once() -> Project:
        app = make_app("html", srcdir=source, builddir=build, confoverrides=STRICT)
        return built(app)

    first = build_once()
    base = first.journal.base_url
    new = source / "reports" / "17-1-later.md"
    new.write_text(NEW_REPORT, encoding="utf-8")
    second = build_once()
    # incremental: the new report read, no other report again
    assert read_reports(second) == ["reports/17-1-later"], second.log[-3000:]
    report = second.report(new)
    urls = sitemap(second)
    assert urls[report.page_url] == "2024-05-02"
    assert urls[base + "index.html"] == "2024-05-02"
    assert urls[base + "lockss/volume-17.html"] == "2024-05-02"
    parsed = feedparser.parse((second.build / "html" / "atom.xml").read_bytes())
    assert parsed.entries[0].id == report.page_url
    assert parsed.feed.updated == moment(report.date)

    new.unlink()
    third = build_once()
    assert read_reports(third) == []
    assert report.page_url not in sitemap(third)
    parsed = feedparser.parse((third.build / "html" / "atom.xml").read_bytes())
    assert report.page_url not in [entry.id for entry in parsed.entries]
    assert not (third.build / "html" / "lockss" / "volume-17.html").exists()


def test_crawlers_files_are_reproducible(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    """Two builds, at different times, in different folders: the same bytes,
    and no date in the feed but the reports'."""
    outputs = []
    for name in ("one", "two"):
        source = tmp_path / name / "source"
        shutil.copytree(ROOTS / "test-crawlers", source)
        app = make_app(
            "html", srcdir=source, builddir=tmp_path / name, confoverrides=STRICT
        )
        project = built(app)
        html = project.build / "html"
        names = ["sitemap.xml", "robots.txt", "atom.xml"]
        names += [f"lockss/{p.name}" for p in sorted((html / "lockss").iterdir())]
        outputs.append({n: (html / n).read_bytes() for n in names})
    assert outputs[0] == outputs[1]
    feed = outputs[0]["atom.xml"].decode()
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}T[\d:+]+", feed))
    every = reports(project)
    assert dates <= {moment(report.date) for report in every}
