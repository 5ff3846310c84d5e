"""The journal's pages: front page, issues, volumes, archive, breadcrumbs,
previous and next.

tests/roots/test-journal is a journal of three volumes (1, 2 and 10: file
names sort 10 before 2), four issues and nine reports, two or three an issue,
one in Italian and one whose title is hostile HTML; some say ``order:``. Each
test builds its HTML edition with sphinx.testing (no TeX), warning-free,
with PDFs for some reports, and checks every list and link against the
reports' front matter. The expected order is the rule the guide states
(volume, issue, then ``order:``, then title), written here again, not taken
from georeport's code.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from georeport.model import (
    Journal,
    MetadataError,
    PartialDate,
    Report,
    read_report,
    report_from_source,
)
from georeport.model.catalogue import Catalogue, issue_date
from georeport.sphinxext.journal_pages import JournalProject, check_project

from .conftest import ROOTS, STRICT, built, warnings_of

ROOT = ROOTS / "test-journal"
#: The reports given a PDF: the PDF edition may lack some.
WITH_PDF = ("1-1-water", "2-1-caspian", "10-1-dams")
MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)


class Journal_:
    """A copy of the test journal, built (and built again after changes)."""

    def __init__(self, root: Path, make_app: Callable[..., SphinxTestApp]) -> None:
        self.source = root / "source"
        shutil.copytree(ROOT, self.source)
        self.pdfs = root / "pdf"
        self.pdfs.mkdir()
        for slug in WITH_PDF:
            (self.pdfs / f"{slug}.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        self.out = root / "build"
        self.make_app = make_app
        self.rebuild()

    @property
    def html(self) -> Path:
        return self.out / "html"

    def rebuild(self, builder: str = "html") -> SphinxTestApp:
        overrides = {**STRICT, "georeport_pdf_dir": str(self.pdfs)}
        app = self.make_app(
            builder, srcdir=self.source, builddir=self.out, confoverrides=overrides
        )
        built(app)
        return app

    @property
    def conf(self) -> dict:
        return runpy.run_path(str(self.source / "conf.py"))

    @property
    def journal(self) -> Journal:
        return Journal.from_settings(self.conf)

    def reports(self) -> list[Report]:
        """Every report, read from its front matter, in publication order."""
        found = [
            read_report(f"reports/{path.stem}", path, self.journal)
            for path in (self.source / "reports").glob("*.md")
        ]
        return sorted(found, key=_publication_order)

    def issues(self) -> dict[tuple[int, int], list[Report]]:
        """Each issue's reports, issues oldest first."""
        issues: dict[tuple[int, int], list[Report]] = {}
        for report in self.reports():
            issues.setdefault((report.volume, report.issue), []).append(report)
        return issues

    def page(self, name: str) -> BeautifulSoup:
        text = (self.html / name).read_text(encoding="utf-8")
        return BeautifulSoup(text, "html.parser")

    def target(self, page: str, href: str) -> Path:
        """The file a relative link of ``page`` leads to."""
        path = unquote(urlsplit(href).path)
        return (self.html / page).parent.joinpath(path).resolve()


def _publication_order(report: Report) -> tuple:
    """The guide's rule (``guide/journal-pages.md``): volume, issue,
    ``order:`` first, then title."""
    ordered = report.order is not None
    return (
        report.volume,
        report.issue,
        not ordered,
        report.order or 0,
        report.title.casefold(),
    )


def _label(volume: int, issue: int, reports: list[Report]) -> str:
    """ "Volume 2, Issue 1 — January 2021": the month of the issue's earliest
    report that names one."""
    dated = sorted((r.date.year, r.date.month) for r in reports if r.date.month)
    year, month = dated[0]
    return f"Volume {volume}, Issue {issue} — {MONTHS[month - 1]} {year}"


@pytest.fixture
def journal(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> Journal_:
    return Journal_(tmp_path, make_app)


def _items(list_: object) -> list[tuple[str, str, str]]:
    """(title, href, authors) of each report of a table of contents."""
    found = []
    for item in list_.find_all("li", recursive=False):  # type: ignore[attr-defined]
        link = item.select_one("p.georeport-report-title a")
        authors = item.select_one("p.georeport-report-authors").get_text()
        found.append((link.get_text(), link["href"], authors))
    return found


def _pdf_links(item: object) -> list[str]:
    return [a["href"] for a in item.select("a.georeport-pdf")]  # type: ignore[attr-defined]


# -- The order ----------------------------------------------------------------


def test_the_root_orders_by_order_then_title(journal: Journal_) -> None:
    """The root holds the cases: ``order:`` against the title, and volume 10
    after volume 2 though its file names sort first."""
    titles = [r.title for r in journal.issues()[(1, 1)]]
    assert titles == [
        "Zeta borders of the Fergana Valley",
        "Water and power in Central Asia",
    ]
    assert sorted(r.docname for r in journal.reports())[2].startswith("reports/10-")
    assert [r.volume for r in journal.reports()][-1] == 10


# -- The front page -----------------------------------------------------------


def test_the_front_page_is_the_journals(journal: Journal_) -> None:
    conf, page = journal.conf, journal.page("index.html")
    article = page.select_one("article")
    assert article is not None
    assert [h.get_text(strip=True).rstrip("¶") for h in article.select("h1")] == [
        conf["georeport_journal_title"]
    ]
    facts = article.select_one(".georeport-journal-facts").get_text()
    assert f"ISSN {conf['georeport_issn']}" in facts
    assert conf["georeport_publisher"] in facts
    description = article.select_one(".georeport-description").get_text()
    assert description == conf["georeport_description"]
    logo = article.select_one("img.georeport-logo")
    assert logo["alt"] == conf["georeport_journal_title"]
    assert (
        journal.target("index.html", logo["src"]).read_bytes()
        == (journal.source / conf["georeport_logo"]).read_bytes()
    )


def test_the_front_page_lists_the_newest_issue(journal: Journal_) -> None:
    (volume, number), reports = list(journal.issues().items())[-1]
    page = journal.page("index.html")
    newest = page.select_one(".georeport-newest-issue a")
    assert newest.get_text() == _label(volume, number, reports)
    assert journal.target("index.html", newest["href"]) == (
        journal.html / "issues" / f"{volume}-{number}.html"
    )
    items = page.select_one(".georeport-latest-issue ul.georeport-issue-reports")
    listed = _items(items)
    assert [title for title, _, _ in listed] == [r.title for r in reports]
    for (_, href, text), report, li in zip(
        listed, reports, items.find_all("li", recursive=False), strict=True
    ):
        assert (
            journal.target("index.html", href)
            == journal.html / f"{report.docname}.html"
        )
        assert text == report.authors_line
        pdfs = _pdf_links(li)
        if report.slug in WITH_PDF:
            assert [a.get_text() for a in li.select("a.georeport-pdf")] == ["PDF"]
            assert journal.target("index.html", pdfs[0]).name == report.pdf_name
            assert journal.target("index.html", pdfs[0]).is_file()
        else:
            assert pdfs == []
    assert any(r.slug in WITH_PDF for r in reports)  # the test can see a PDF


def test_the_front_page_links_the_archive_and_about(journal: Journal_) -> None:
    links = journal.page("index.html").select(".georeport-front-links a")
    targets = {journal.target("index.html", a["href"]): a.get_text() for a in links}
    about = (journal.source / "about.md").read_text(encoding="utf-8")
    assert targets == {
        journal.html / "archive.html": "Archive: every volume and issue",
        journal.html / "about.html": about.splitlines()[0].removeprefix("# "),
    }


# -- Issue, volume and archive pages ------------------------------------------


def test_each_issue_has_its_page(journal: Journal_) -> None:
    issues = journal.issues()
    assert len(issues) == 4 and all(len(r) >= 2 for r in issues.values())
    pages = sorted(p.name for p in (journal.html / "issues").glob("*.html"))
    assert pages == sorted(f"{v}-{i}.html" for v, i in issues)
    for (volume, number), reports in issues.items():
        name = f"issues/{volume}-{number}.html"
        page = journal.page(name)
        label = _label(volume, number, reports)
        assert page.select_one("article h1").get_text().rstrip("¶") == label
        assert page.title.get_text().startswith(label)
        items = page.select_one("ul.georeport-issue-reports")
        listed = _items(items)
        assert [t for t, _, _ in listed] == [r.title for r in reports]
        for (_, href, text), report, li in zip(
            listed, reports, items.find_all("li", recursive=False), strict=True
        ):
            assert journal.target(name, href) == journal.html / f"{report.docname}.html"
            assert text == report.authors_line
            assert len(_pdf_links(li)) == (report.slug in WITH_PDF)
            (epub,) = li.select("a.georeport-epub")
            assert journal.target(name, epub["href"]) == (
                journal.html / f"{report.docname}.html"
            ).with_suffix(".epub")


def test_an_issue_page_says_what_it_is_in_json_ld(journal: Journal_) -> None:
    conf = journal.conf
    base = conf["georeport_base_url"]
    for (volume, number), reports in journal.issues().items():
        page = journal.page(f"issues/{volume}-{number}.html")
        (script,) = page.select('script[type="application/ld+json"]')
        data = json.loads(script.string)
        assert data["@type"] == "PublicationIssue"
        assert data["issueNumber"] == str(number)
        assert data["url"] == f"{base}issues/{volume}-{number}.html"
        part = data["isPartOf"]
        assert (part["@type"], part["volumeNumber"]) == (
            "PublicationVolume",
            str(volume),
        )
        periodical = part["isPartOf"]
        assert periodical["@type"] == "Periodical"
        assert periodical["name"] == conf["georeport_journal_title"]
        assert periodical["issn"] == conf["georeport_issn"]
        assert periodical["publisher"]["name"] == conf["georeport_publisher"]
        assert [a["headline"] for a in data["hasPart"]] == [r.title for r in reports]
        assert [[p["name"] for p in a["author"]] for a in data["hasPart"]] == [
            list(r.authors) for r in reports
        ]
        assert [a["inLanguage"] for a in data["hasPart"]] == [
            r.language for r in reports
        ]
        # nothing in a title ends the script element
        assert "</script" not in script.string.lower()


def test_each_volume_lists_its_issues_newest_first(journal: Journal_) -> None:
    issues = journal.issues()
    volumes = sorted({v for v, _ in issues})
    assert volumes == [1, 2, 10]
    for volume in volumes:
        name = f"volumes/{volume}.html"
        page = journal.page(name)
        years = sorted(
            {r.date.year for (v, _), rs in issues.items() if v == volume for r in rs}
        )
        assert page.select_one("article h1").get_text().rstrip("¶") == (
            f"Volume {volume} ({years[0]})"
        )
        mine = [(n, rs) for (v, n), rs in issues.items() if v == volume][::-1]
        listed = page.select_one("ul.georeport-volume-issues")
        items = listed.find_all("li", recursive=False)
        assert len(items) == len(mine)
        for item, (number, reports) in zip(items, mine, strict=True):
            link = item.find("p").find("a")
            label = _label(volume, number, reports)
            assert link.get_text() == label.split(", ", 1)[1]
            assert journal.target(name, link["href"]) == (
                journal.html / "issues" / f"{volume}-{number}.html"
            )
            titles = [a.get_text() for a in item.find("ul").select("a")]
            assert titles == [r.title for r in reports]


def test_the_archive_lists_every_volume_and_issue_newest_first(
    journal: Journal_,
) -> None:
    issues = list(journal.issues())
    page = journal.page("archive.html")
    volumes = page.select_one("ul.georeport-archive").find_all("li", recursive=False)
    expected_volumes = sorted({v for v, _ in issues}, reverse=True)
    assert len(volumes) == len(expected_volumes)
    for item, volume in zip(volumes, expected_volumes, strict=True):
        link = item.find("p").find("a")
        assert link.get_text().startswith(f"Volume {volume} (")
        assert journal.target("archive.html", link["href"]) == (
            journal.html / "volumes" / f"{volume}.html"
        )
        hrefs = [
            journal.target("archive.html", a["href"])
            for a in item.select("p.georeport-issue-name a")
        ]
        numbers = sorted((n for v, n in issues if v == volume), reverse=True)
        assert hrefs == [
            journal.html / "issues" / f"{volume}-{n}.html" for n in numbers
        ]


def test_every_report_is_three_links_from_the_front_page(journal: Journal_) -> None:
    """Google Scholar's "browse by issue": front page, archive, volume,
    issue, following only the links of the pages' content and breadcrumbs."""
    seen, frontier = {journal.html / "index.html"}, [journal.html / "index.html"]
    for _ in range(3):
        found = []
        for path in frontier:
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for a in page.select("article a[href]"):
                href = a["href"]
                if href.startswith("#") or "://" in href or not href.endswith(".html"):
                    continue
                target = journal.target(path.relative_to(journal.html).as_posix(), href)
                assert target.is_file(), (path, href)
                if target not in seen:
                    seen.add(target)
                    found.append(target)
        frontier = found
    for report in journal.reports():
        assert journal.html / f"{report.docname}.html" in seen, report.docname


# -- Breadcrumbs, previous and next -------------------------------------------


def test_a_report_links_its_issue_and_volume(journal: Journal_) -> None:
    conf = journal.conf
    for report in journal.reports():
        name = f"{report.docname}.html"
        nav = journal.page(name).select_one("nav.georeport-breadcrumbs")
        assert nav is not None and nav["aria-label"] == "Breadcrumb"
        crumbs = [
            (a.get_text(), journal.target(name, a["href"])) for a in nav.select("a")
        ]
        issue = journal.issues()[(report.volume, report.issue)]
        label = _label(report.volume, report.issue, issue).split(", ", 1)[1]
        # the journal's words in the report's language (guide, "Reports in
        # other languages"); the root's one Italian report is in 2(1), 2021-01
        archive, volume = "Archive", f"Volume {report.volume}"
        if report.language == "it":
            archive, label = "Archivio", "Fascicolo 1 — gennaio 2021"
        assert crumbs == [
            (conf["georeport_journal_title"], journal.html / "index.html"),
            (archive, journal.html / "archive.html"),
            (volume, journal.html / "volumes" / f"{report.volume}.html"),
            (
                label,
                journal.html / "issues" / f"{report.volume}-{report.issue}.html",
            ),
        ]


def _related(journal: Journal_, name: str) -> dict[str, tuple[str, Path]]:
    """The theme's "Next" and "Previous": (title, target) by kind."""
    page = journal.page(name)
    found = {}
    for kind in ("next", "prev"):
        link = page.select_one(f".related-pages a.{kind}-page")
        if link is not None:
            title = link.select_one(".title").get_text()
            found[kind] = (title, journal.target(name, link["href"]))
        head = page.select_one(f'link[rel="{kind}"]')
        assert (head is None) == (link is None), (name, kind)
        if head is not None:
            assert journal.target(name, head["href"]) == found[kind][1]
    return found


def test_previous_and_next_follow_publication_order(journal: Journal_) -> None:
    reports = journal.reports()
    for index, report in enumerate(reports):
        related = _related(journal, f"{report.docname}.html")
        expected = {}
        if index > 0:
            before = reports[index - 1]
            expected["prev"] = (before.title, journal.html / f"{before.docname}.html")
        if index + 1 < len(reports):
            after = reports[index + 1]
            expected["next"] = (after.title, journal.html / f"{after.docname}.html")
        assert related == expected, report.docname


def test_issue_and_volume_pages_link_their_neighbours(journal: Journal_) -> None:
    issues = list(journal.issues())
    for index, (volume, number) in enumerate(issues):
        related = _related(journal, f"issues/{volume}-{number}.html")
        if index + 1 < len(issues):
            v, n = issues[index + 1]
            assert related["next"][1] == journal.html / "issues" / f"{v}-{n}.html"
        else:
            assert "next" not in related
        assert ("prev" in related) == (index > 0)
    related = _related(journal, "volumes/2.html")
    assert related["prev"][1] == journal.html / "volumes" / "1.html"
    assert related["next"][1] == journal.html / "volumes" / "10.html"


# -- Text stays text ----------------------------------------------------------


def test_a_hostile_title_is_text_on_every_journal_page(journal: Journal_) -> None:
    hostile = next(r for r in journal.reports() if "<b>" in r.title)
    reports = journal.reports()
    after = reports[reports.index(hostile) + 1]
    pages = [
        f"issues/{hostile.volume}-{hostile.issue}.html",
        f"volumes/{hostile.volume}.html",
        f"{after.docname}.html",
    ]
    for name in pages:
        page = journal.page(name)
        texts = [a.get_text() for a in page.select("a")]
        texts += [t.get_text() for t in page.select(".related-pages .title")]
        assert hostile.title in texts, name
        assert page.select("article b, .related-pages b") == [], name
        for author in hostile.authors:
            assert author in page.get_text() or name.startswith("reports/")


# -- Incremental builds -------------------------------------------------------


def _add(journal: Journal_, stem: str, old: str, replacements: dict[str, str]) -> Path:
    text = (journal.source / "reports" / f"{old}.md").read_text(encoding="utf-8")
    for before, after in replacements.items():
        assert before in text
        text = text.replace(before, after)
    path = journal.source / "reports" / f"{stem}.md"
    path.write_text(text, encoding="utf-8")
    return path


def _listed(journal: Journal_, name: str) -> list[str]:
    return [a.get_text() for a in journal.page(name).select("article a")]


def test_a_new_issue_reaches_every_list_and_leaves_with_its_report(
    journal: Journal_,
) -> None:
    html = journal.html
    last = journal.reports()[-1]

    def stamp(name: str) -> int:
        return os.stat(html / name).st_mtime_ns

    untouched = {n: stamp(n) for n in ("volumes/1.html", "issues/1-1.html")}
    title = "A new report of a new issue"
    new = _add(
        journal,
        "10-2-new",
        "10-1-dams",
        {
            "issue: 1\n": "issue: 2\n",
            "Dams of the Syr Darya": title,
            "2022-02": "2022-05",
        },
    )
    journal.rebuild()
    label = "Volume 10, Issue 2 — May 2022"
    assert (html / "issues" / "10-2.html").is_file()
    titles = journal.page("issues/10-2.html").select(".georeport-report-title a")
    assert [a.get_text() for a in titles] == [title]
    assert (
        journal.page("index.html").select_one(".georeport-newest-issue").get_text()
        == label
    )
    assert title in _listed(journal, "index.html")
    assert "Issue 2 — May 2022" in _listed(journal, "archive.html")
    assert title in _listed(journal, "volumes/10.html")
    assert _related(journal, f"{last.docname}.html")["next"][0] == title
    assert {n: stamp(n) for n in untouched} == untouched  # other volumes: not written

    new.unlink()
    journal.rebuild()
    assert not (html / "issues" / "10-2.html").exists()
    assert title not in _listed(journal, "index.html")
    assert "Issue 2 — May 2022" not in _listed(journal, "archive.html")
    assert title not in _listed(journal, "volumes/10.html")
    assert "next" not in _related(journal, f"{last.docname}.html")
    newest = journal.page("index.html").select_one(".georeport-newest-issue").get_text()
    assert newest == _label(10, 1, journal.issues()[(10, 1)])


def test_a_report_added_to_an_issue_is_listed_in_its_order(journal: Journal_) -> None:
    title = "Another report of the first issue"
    new = _add(
        journal,
        "1-1-another",
        "1-1-water",
        {"Water and power in Central Asia": title, "order: 2": "order: 3"},
    )
    journal.rebuild()
    reports = [r.title for r in journal.issues()[(1, 1)]]
    assert reports[-1] == title
    for name in ("issues/1-1.html", "volumes/1.html"):
        listed = [t for t in _listed(journal, name) if t in reports]
        assert listed == reports, name
    # its neighbour in publication order links it
    water = next(r for r in journal.reports() if r.slug == "1-1-water")
    assert _related(journal, f"{water.docname}.html")["next"][0] == title
    new.unlink()
    journal.rebuild()
    assert title not in _listed(journal, "issues/1-1.html")
    assert _related(journal, f"{water.docname}.html")["next"][0] != title


def test_what_a_list_shows_follows_the_report(journal: Journal_) -> None:
    """An abstract added to a report reaches its issue's table of contents
    (which is not read again, only written); a report of a new year reaches
    the foot of every page that is not a report, the "About" page too."""
    water = next(r for r in journal.reports() if r.slug == "1-1-water")
    path = journal.source / f"{water.docname}.md"
    abstract = "Who holds the water of Central Asia holds its power."
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("order: 2\n", f"order: 2\nabstract: {abstract}\n"))

    def opening(page: str) -> str:
        items = journal.page(page).select("li.georeport-report")
        (item,) = [li for li in items if li.a.get_text() == water.title]
        return item.select_one(".georeport-report-opening").get_text()

    assert opening("issues/1-1.html") == "A claim."  # the text's opening
    journal.rebuild()
    assert opening("issues/1-1.html") == abstract

    def rights(page: str) -> str:
        return journal.page(page).select_one(".georeport-footer-rights").get_text()

    with (journal.source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('georeport_rights = "© {year} Steppe Press"\n')
    journal.rebuild()
    years = sorted({r.date.year for r in journal.reports()})
    assert years == [2020, 2021, 2022]
    for name in ("about.html", "archive.html"):
        assert rights(name) == "© 2020\u20132022 Steppe Press"
    assert rights(f"{water.docname}.html") == "© 2020 Steppe Press"
    _add(journal, "10-1-late", "10-1-dams", {"2022-02": "2031-01"})
    journal.rebuild()
    for name in ("about.html", "archive.html"):
        assert rights(name) == "© 2020\u20132031 Steppe Press"
    assert rights(f"{water.docname}.html") == "© 2020 Steppe Press"


# -- Sphinx's side ------------------------------------------------------------


def test_no_path_of_the_build_machine_reaches_the_output(journal: Journal_) -> None:
    """The pages' sources live in the doctree folder; the search index names
    them as if they stood in the project."""
    index = (journal.html / "searchindex.js").read_text(encoding="utf-8")
    assert str(journal.out) not in index and str(journal.source) not in index
    assert '"issues/2-1.md"' in index
    assert not (journal.html / "_sources" / "issues").exists()
    check_project()  # the Sphinx installed is the one JournalProject was written for


def test_the_pdf_edition_typesets_reports_only(journal: Journal_) -> None:
    app = journal.rebuild("latex")
    documents = sorted(docname for docname, *_ in app.config.latex_documents)
    assert documents == sorted(r.docname for r in journal.reports())
    written = sorted(p.stem for p in (journal.out / "latex").glob("*.tex"))
    assert written == sorted(r.slug for r in journal.reports())


def test_a_file_where_a_page_goes_is_said(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    (source / "archive.md").write_text("# My archive\n", encoding="utf-8")
    app = make_app("html", srcdir=source, builddir=tmp_path / "build")
    app.build()
    app.cleanup()
    warnings = warnings_of(app)
    assert re.search(r"archive\.md.*georeport writes the archive here", warnings)


# -- The model ----------------------------------------------------------------


def _report(extra: str) -> str:
    return (
        "---\ntitle: A\nauthors: [Anna Rossi]\nvolume: 1\nissue: 1\n"
        f'date: "2024"\n{extra}---\n\nText.\n'
    )


def test_order_is_a_whole_number() -> None:
    journal = Journal.from_config("J", "2785-2598", "P")
    assert report_from_source("reports/a", _report("order: 2\n"), journal).order == 2
    assert report_from_source("reports/a", _report(""), journal).order is None
    for bad in ("order: first\n", "order: 0\n"):
        with pytest.raises(MetadataError) as error:
            report_from_source("reports/a", _report(bad), journal)
        assert error.value.line == 7
        assert "order" in str(error.value)
    with pytest.raises(MetadataError, match="did you mean 'order'"):
        report_from_source("reports/a", _report("weight: 1\n"), journal)


def test_an_issue_is_dated_by_its_earliest_month() -> None:
    journal = Journal.from_config("J", "2785-2598", "P")

    def report(date: str, title: str = "A") -> Report:
        return report_from_source(
            f"reports/{title.lower()}",
            _report("")
            .replace('date: "2024"', f'date: "{date}"')
            .replace("title: A", f"title: {title}"),
            journal,
        )

    assert issue_date([report("2024"), report("2024-05-02"), report("2024-03")]) == (
        PartialDate(2024, 3)
    )
    assert issue_date([report("2024"), report("2023")]) == PartialDate(2023)
    catalogue = Catalogue.from_reports([report("2024", "B"), report("2024", "a")])
    assert [r.title for r in catalogue.reports] == ["a", "B"]  # case folded


def test_the_project_names_a_page_as_if_it_were_in_the_project(tmp_path: Path) -> None:
    project = JournalProject(tmp_path, [".md"])
    stub = tmp_path.parent / "elsewhere" / "issues" / "1-1.md"
    project.add_page("issues/1-1", stub)
    assert "issues/1-1" in project.docnames
    assert Path(project.doc2path("issues/1-1", absolute=True)) == stub
    assert str(project.doc2path("issues/1-1", absolute=False)) == "issues/1-1.md"
    assert Path(project.doc2path("other", absolute=True)) == tmp_path / "other.md"


# -- Reproducible, valid ----------------------------------------------------------


def test_two_builds_in_two_folders_are_the_same(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    trees = []
    for where in ("one", "elsewhere/two"):
        built = Journal_(tmp_path / where, make_app).html
        trees.append(
            {
                path.relative_to(built).as_posix(): path.read_bytes()
                for path in sorted(built.rglob("*"))
                if path.is_file() and path.name != ".buildinfo"
            }
        )
    assert "issues/2-1.html" in trees[0]
    assert trees[0] == trees[1]


#: The validators of ``./noxw -s validate`` (tools/validate), once installed.
VALIDATE = Path(__file__).resolve().parent.parent / "tools" / "validate"


@pytest.mark.skipif(
    not (VALIDATE / "node_modules" / "axe-core").is_dir()
    or not shutil.which("java")
    or not shutil.which("node"),
    reason="the validators are not installed (./noxw -s validate installs them)",
)
def test_the_journal_pages_pass_the_nu_checker_and_axe(journal: Journal_) -> None:
    result = subprocess.run(
        [sys.executable, str(VALIDATE / "run.py"), str(journal.html)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("index", "archive", "volumes/2", "issues/2-1"):
        assert f"{name}.html: ok" in result.stdout
