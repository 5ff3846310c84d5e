"""The journal as a reader meets it: what a journal's pages and PDFs show.

tests/roots/test-face is a journal of three volumes; its report 3(1)
"Energy corridors" has everything a report's front matter may say (authors
with affiliations and ORCID iDs, received, revised and accepted dates, a DOI,
keywords, an abstract of two paragraphs, a cover, a figure and a table), the
others less. Its licence is set here (``confoverrides``, ``-D``), as
docs/conf.py sets none. Each test reads the built HTML (BeautifulSoup), the
EPUB or the PDF's text (pdftotext, by page), and takes what it expects from
the front matter, conf.py and the licence's own deed, never from georeport's
output. An OJS article page and a JOSS paper are the models: authors with
their affiliations and ORCID iDs, the dates, DOI, keywords, licence, how to
cite and the downloads before the text; the notes, then the References.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from georeport.editions import epub as epub_edition
from georeport.exports import formatted
from georeport.model import Report

from .conftest import ROOTS, STRICT, Project, built, fold, full_build

ROOT = ROOTS / "test-face"
#: The licence of the tests' journal, and what Creative Commons calls it and
#: where its deed is (creativecommons.org, not georeport).
LICENCE = {"georeport_license": "CC-BY-4.0"}
LICENCE_NAME = "CC BY 4.0"
DEED = "https://creativecommons.org/licenses/by/4.0/"
#: The report with everything, and the labels of its facts as the guide
#: names them.
FULL = "reports/3-1-pipelines"
MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)


def human(report_date: object) -> str:
    """A date as the journal prints it: ``15 March 2023``, ``October 2022``."""
    year, month, day = (getattr(report_date, k) for k in ("year", "month", "day"))
    if not month:
        return str(year)
    name = MONTHS[month - 1]
    return f"{day} {name} {year}" if day else f"{name} {year}"


def context_object(title: str) -> dict[str, list[str]]:
    """A COinS span's ``title`` read as Zotero reads it (its OpenURL
    parser): ``&`` between pairs, ``=`` in each, ``+`` and ``%2B`` a space,
    then percent-decoding."""
    fields: dict[str, list[str]] = {}
    for pair in title.split("&"):
        key, value = pair.split("=")  # a second "=" would cut the value
        decoded = unquote(re.sub(r"\+|%2[bB]", " ", value))
        fields.setdefault(key, []).append(decoded)
    return fields


@pytest.fixture(scope="module")
def face(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The HTML edition of test-face (sphinx.testing, warning-free), each
    report with a PDF to link."""
    base = tmp_path_factory.mktemp("face")
    source = base / "source"
    shutil.copytree(ROOT, source)
    pdfs = base / "pdf"
    pdfs.mkdir()
    for path in (source / "reports").glob("*.md"):
        (pdfs / f"{path.stem}.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    overrides = {**STRICT, **LICENCE, "georeport_pdf_dir": str(pdfs)}
    app = SphinxTestApp(
        "html", srcdir=source, builddir=base / "build", confoverrides=overrides
    )
    project = built(app)
    project.overrides = LICENCE
    return project


def reports(project: Project) -> list[Report]:
    return [project.report(path) for path in project.report_files()]


def full(project: Project) -> Report:
    (found,) = [r for r in reports(project) if r.docname == FULL]
    return found


def page(project: Project, name: str) -> BeautifulSoup:
    path = project.build / "html" / name
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def target(project: Project, name: str, href: str) -> Path:
    """The file a relative link of page ``name`` leads to."""
    html = project.build / "html"
    return (html / name).parent.joinpath(unquote(urlsplit(href).path)).resolve()


def text(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text().split()).removesuffix("¶").strip()


def paragraphs(abstract: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", abstract) if p.strip()]


# -- A report's page ------------------------------------------------------------------


def test_the_root_holds_every_case(face: Project) -> None:
    report = full(face)
    assert report.received and report.revised and report.accepted and report.doi
    assert any(a.orcid for a in report.contributors)
    assert any(a.affiliation and not a.orcid for a in report.contributors)
    assert any(not (a.affiliation or a.orcid) for a in report.contributors)
    assert len(paragraphs(report.abstract)) == 2
    assert any(not r.abstract for r in reports(face))
    assert any(r.cover is None for r in reports(face))


def test_the_authors_with_their_affiliations_and_orcid_ids(face: Project) -> None:
    """Each author's name, affiliation and ORCID iD, the iD as ORCID's
    guidelines show it: the full https://orcid.org/ address, a link (its
    icon is the link's ::before, in the stylesheet)."""
    for report in reports(face):
        article = page(face, f"{report.docname}.html").article
        detailed = any(a.affiliation or a.orcid for a in report.contributors)
        if not detailed:
            assert text(article.select_one("p.georeport-byline")) == report.authors_line
            continue
        items = article.select("ul.georeport-byline > li.georeport-author")
        assert len(items) == len(report.contributors)
        for item, author in zip(items, report.contributors, strict=True):
            name = item.select_one(".georeport-author-name")
            assert text(name) == author.name
            affiliation = item.select_one(".georeport-affiliation")
            assert (text(affiliation) if affiliation else "") == author.affiliation
            # each in its own direction (an Arabic or Hebrew name, affiliation)
            for words in filter(None, (name, affiliation)):
                assert words.get("dir") == "auto", words
            orcid = item.select("a.georeport-orcid")
            if author.orcid:
                url = f"https://orcid.org/{author.orcid}"
                assert [(a["href"], text(a)) for a in orcid] == [(url, url)]
            else:
                assert orcid == []
    css = (face.build / "html" / "_static" / "georeport.css").read_text()
    assert re.search(r"a\.georeport-orcid::before\s*{[^}]*A6CE39", css)


def _facts(article: Tag) -> dict[str, Tag]:
    """The facts under the byline: label -> value."""
    found = {}
    for row in article.select("dl.georeport-facts > div"):
        found[text(row.find("dt"))] = row.find("dd")
    return found


def test_the_facts_come_before_the_text(face: Project) -> None:
    """Dates, DOI, keywords, licence, downloads and how to cite under the
    byline: before the cover, the abstract and the text, where a reader
    finds them without scrolling to the end."""
    report = full(face)
    article = page(face, f"{report.docname}.html").article
    order = [tag for tag in article.find_all(True)]
    facts = article.select_one("dl.georeport-facts")
    first_paragraph = next(
        p
        for p in article.select("section > p")
        if "georeport" not in str(p.get("class"))
    )
    for later in (
        article.select_one("figure.georeport-cover"),
        article.select_one("section.georeport-abstract"),
        first_paragraph,
        article.select_one("section.georeport-notes"),
    ):
        assert order.index(facts) < order.index(later)
    masthead = article.select_one(".georeport-masthead .georeport-doi a")
    assert (masthead["href"], text(masthead)) == (report.doi_url, report.doi_url)
    assert order.index(masthead) < order.index(facts)


def test_the_facts_say_dates_keywords_licence_downloads_citation(
    face: Project,
) -> None:
    conf = {**face.conf, **LICENCE}
    for report in reports(face):
        article = page(face, f"{report.docname}.html").article
        facts = _facts(article)
        dates = [
            (label, when)
            for label, when in (
                ("Received", report.received),
                ("Revised", report.revised),
                ("Accepted", report.accepted),
                ("Published", report.date),
            )
            if when is not None
        ]
        labels = [label for label, _ in dates]
        if report.keywords:
            labels.append("Keywords")
        labels += ["Licence", "Download", "How to cite"]
        assert list(facts) == labels
        for label, when in dates:
            time = facts[label].find("time")
            assert (time["datetime"], text(time)) == (when.iso(), human(when))
        if report.keywords:
            keywords = [text(li) for li in facts["Keywords"].select("li")]
            assert keywords == list(report.keywords)
        licence = facts["Licence"].find("a", rel="license")
        assert (licence["href"], text(licence)) == (DEED, LICENCE_NAME)
        rights = conf["georeport_rights"].replace("{year}", str(report.date.year))
        assert text(facts["Licence"]) == f"{LICENCE_NAME} · {rights}"
        links = {text(a): a["href"] for a in facts["Download"].find_all("a")}
        assert list(links) == ["PDF", "EPUB", "BibTeX", "RIS", "CSL-JSON"]
        name = f"{report.docname}.html"
        for label, href in links.items():
            suffix = {"CSL-JSON": "json", "BibTeX": "bib"}.get(label, label.lower())
            assert target(face, name, href).name == f"{report.slug}.{suffix}"
            assert target(face, name, href).is_file()
        expected = fold(formatted(report, "georeport").render_as("text"))
        citation = facts["How to cite"].select_one("p.georeport-citation")
        assert fold(citation.get_text()) == expected
        assert citation.parent.parent["id"] == "cite-this-report"


def test_without_a_licence_the_rights_are_shown(
    tmp_path: Path,
) -> None:
    """docs/conf.py sets no licence: no licence is invented, the rights stay."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    app = SphinxTestApp(
        "html", srcdir=source, builddir=tmp_path / "build", confoverrides=STRICT
    )
    project = built(app)
    report = full(project)
    facts = _facts(page(project, f"{report.docname}.html").article)
    assert "Licence" not in facts
    assert text(facts["Copyright"]) == f"© {report.date.year} Caspian Press"
    assert not page(project, "index.html").select('a[rel="license"]')


def test_the_abstract_is_set_as_an_abstract(face: Project) -> None:
    """A heading and the text, a doc-abstract section: not an admonition."""
    for report in reports(face):
        article = page(face, f"{report.docname}.html").article
        found = article.select("section.georeport-abstract")
        if not report.abstract:
            assert found == []
            continue
        (abstract,) = found
        assert abstract["role"] == "doc-abstract"
        assert text(abstract.find("h2")) == "Abstract"
        assert [text(p) for p in abstract.find_all("p")] == paragraphs(report.abstract)
        assert not article.select(".admonition, aside.topic")


def test_the_notes_stand_under_a_heading_before_the_references(
    face: Project,
) -> None:
    """As in the PDF (each note at the foot of its page): the text, its
    notes, then the References; no rule and no notes after them."""
    for report in reports(face):
        article = page(face, f"{report.docname}.html").article
        notes = article.select_one("section.georeport-notes")
        assert text(notes.find("h2")) == "Notes"
        assert notes.select("aside.footnote") == article.select("aside.footnote")
        following = [s for s in notes.find_next_siblings("section")]
        assert [s["id"] for s in following] == ["references"]
        assert not article.select("hr.footnotes")
        # the same section as the References, after the text's sections
        assert notes.parent is article.select_one("section#references").parent


def test_figures_and_tables_are_numbered_as_in_the_pdf(face: Project) -> None:
    """Fig. 1 and Table 1, as LaTeX numbers them; the cover is no figure of
    the text: its caption has no number."""
    article = page(face, f"{FULL}.html").article
    numbers = [text(span) for span in article.select(".caption-number")]
    assert numbers == ["Fig. 1", "Table 1"]
    cover = article.select_one("figure.georeport-cover")
    assert cover.select(".caption-number") == []
    assert text(cover.select_one("figcaption .caption-text")).startswith("The port")


# -- Every page -----------------------------------------------------------------------


def test_every_page_ends_with_the_journals_footer(face: Project) -> None:
    """Journal, ISSN, publisher, licence and rights with their years; the
    theme's credit kept, small; no Sphinx credit, no copyright without a
    year."""
    conf = face.conf
    years = sorted({r.date.year for r in reports(face)})
    span = f"{years[0]}\u2013{years[-1]}"
    html = face.build / "html"
    pages = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html"))
    for name in pages:
        soup = page(face, name)
        footer = soup.select_one("footer .georeport-footer")
        assert footer is not None, name
        line = text(footer.select_one(".georeport-footer-journal"))
        assert line == (
            f"{conf['georeport_journal_title']} · ISSN {conf['georeport_issn']} · "
            f"Published by {conf['georeport_publisher']}"
        )
        licence = footer.find("a", rel="license")
        assert (licence["href"], text(licence)) == (DEED, LICENCE_NAME)
        report = next((r for r in reports(face) if f"{r.docname}.html" == name), None)
        year = str(report.date.year) if report else span
        rights = conf["georeport_rights"].replace("{year}", year)
        assert text(footer.select_one(".georeport-footer-rights")) == (
            f"Licence: {LICENCE_NAME} · {rights}"
        )
        bottom = soup.select_one("footer .bottom-of-page")
        assert (
            "Sphinx" not in bottom.get_text() and "Copyright" not in bottom.get_text()
        )
        assert "Furo" in bottom.get_text()


# -- The journal's pages --------------------------------------------------------------


def _issues(project: Project) -> list[tuple[tuple[int, int], list[Report]]]:
    """Each issue and its reports in the guide's order (``order:``, then
    title), oldest first."""
    found: dict[tuple[int, int], list[Report]] = {}
    for report in reports(project):
        found.setdefault((report.volume, report.issue), []).append(report)
    ordered = sorted(found.items())
    return [
        (
            key,
            sorted(
                rs, key=lambda r: (r.order is None, r.order or 0, r.title.casefold())
            ),
        )
        for key, rs in ordered
    ]


def _entries(project: Project, name: str, listed: Tag, expected: list[Report]) -> None:
    """A table of contents: each report's title, authors, the opening of
    its abstract (of its text), its files, its DOI and its cover."""
    items = listed.find_all("li", recursive=False)
    assert len(items) == len(expected)
    for item, report in zip(items, expected, strict=True):
        title = item.select_one(".georeport-report-title a")
        assert text(title) == report.title
        assert target(project, name, title["href"]) == (
            project.build / "html" / f"{report.docname}.html"
        )
        assert text(item.select_one(".georeport-report-authors")) == report.authors_line
        opening = text(item.select_one(".georeport-report-opening"))
        whole = " ".join(report.abstract.split()) if report.abstract else None
        if whole is not None:
            assert whole.startswith(opening.removesuffix("…"))
            assert opening == whole or opening.endswith("…")
            assert len(opening) <= 301
        links = {text(a): a["href"] for a in item.select(".georeport-report-links a")}
        assert target(project, name, links["PDF"]).name == report.pdf_name
        assert target(project, name, links["EPUB"]).name == report.epub_name
        assert links.get(report.doi_url) == report.doi_url
        image = item.select_one("img.georeport-thumbnail")
        if report.cover and report.cover.path:
            cover = project.source / Path(report.docname).parent / report.cover.path
            assert (
                target(project, name, image["src"]).read_bytes() == cover.read_bytes()
            )
            assert image["alt"] == ""  # beside its title: decorative
        else:
            assert image is None


def test_an_issue_page_is_a_table_of_contents(face: Project) -> None:
    for (volume, number), expected in _issues(face):
        name = f"issues/{volume}-{number}.html"
        listed = page(face, name).select_one("article ul.georeport-issue-reports")
        _entries(face, name, listed, expected)


def test_the_front_page_shows_the_journal_its_newest_and_recent_issues(
    face: Project,
) -> None:
    conf = face.conf
    soup = page(face, "index.html")
    article = soup.article
    assert text(article.find("h1")) == conf["georeport_journal_title"]
    facts = text(article.select_one(".georeport-journal-facts"))
    assert (
        facts
        == f"ISSN {conf['georeport_issn']} · Published by {conf['georeport_publisher']}"
    )
    assert text(article.select_one(".georeport-description")) == " ".join(
        conf["georeport_description"].split()
    )
    logo = article.select_one("img.georeport-logo")
    assert (
        target(face, "index.html", logo["src"]).read_bytes()
        == (face.source / conf["georeport_logo"]).read_bytes()
    )
    issues = _issues(face)
    (volume, number), newest = issues[-1]
    latest = article.select_one("section.georeport-latest-issue")
    assert text(latest.find("h2")) == "Latest issue"
    link = latest.select_one(".georeport-newest-issue a")
    assert target(face, "index.html", link["href"]).name == f"{volume}-{number}.html"
    _entries(
        face, "index.html", latest.select_one("ul.georeport-issue-reports"), newest
    )
    recent = article.select_one("section.georeport-recent-issues")
    assert text(recent.find("h2")) == "Recent issues"
    shown = [text(a) for a in recent.select(".georeport-issue-name a")]
    older = [key for key, _ in reversed(issues[:-1])]
    assert [re.match(r"Volume (\d+), Issue (\d+)", s).groups() for s in shown] == [
        (str(v), str(n)) for v, n in older
    ]
    links = {text(a): a["href"] for a in article.select(".georeport-front-links a")}
    assert target(
        face, "index.html", links["Archive: every volume and issue"]
    ).name == ("archive.html")


def test_volume_and_archive_pages_list_issues_with_dates_and_covers(
    face: Project,
) -> None:
    issues = _issues(face)
    for name in (
        "archive.html",
        *(f"volumes/{v}.html" for v in {v for (v, _), _ in issues}),
    ):
        soup = page(face, name)
        mine = [
            (key, rs)
            for key, rs in reversed(issues)
            if name == "archive.html" or name == f"volumes/{key[0]}.html"
        ]
        entries = soup.article.select("li.georeport-issue")
        assert len(entries) == len(mine)
        for entry, ((_, number), expected) in zip(entries, mine, strict=True):
            month = min((r.date.year, r.date.month or 13) for r in expected)
            date = (
                f"{MONTHS[month[1] - 1]} {month[0]}"
                if month[1] != 13
                else str(month[0])
            )
            assert text(entry.select_one(".georeport-issue-name a")) == (
                f"Issue {number} — {date}"
            )
            titles = [text(a) for a in entry.select(".georeport-issue-titles a")]
            assert titles == [r.title for r in expected]
            covered = next((r for r in expected if r.cover and r.cover.path), None)
            image = entry.select_one("img.georeport-thumbnail")
            assert (image is None) == (covered is None)
            if covered is not None:
                cover = face.source / Path(covered.docname).parent / covered.cover.path
                assert (
                    target(face, name, image["src"]).read_bytes() == cover.read_bytes()
                )


def test_listing_pages_offer_each_report_to_reference_managers(
    face: Project,
) -> None:
    """A COinS span per report on the issue, volume and archive pages and the
    front page: Zotero's COinS translator offers each as a journal article."""
    conf = {**face.conf, **LICENCE}
    issues = _issues(face)
    every = [r for _, rs in issues for r in rs]
    pages = {
        "archive.html": every,
        "index.html": [r for _, rs in issues for r in rs],  # newest and recent
        **{f"issues/{v}-{n}.html": rs for (v, n), rs in issues},
        **{
            f"volumes/{v}.html": [r for (w, _), rs in issues if w == v for r in rs]
            for v in {v for (v, _), _ in issues}
        },
    }
    for name, expected in pages.items():
        spans = page(face, name).article.select("span.Z3988")
        found = [context_object(span["title"]) for span in spans]
        assert sorted(f["rft.atitle"][0] for f in found) == sorted(
            r.title for r in expected
        ), name
        for fields in found:
            (report,) = [r for r in expected if [r.title] == fields["rft.atitle"]]
            assert fields["ctx_ver"] == ["Z39.88-2004"]
            assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"]
            assert fields["rft.genre"] == ["article"]
            assert fields["rft.jtitle"] == [conf["georeport_journal_title"]]
            assert fields["rft.issn"] == [conf["georeport_issn"]]
            assert fields["rft.volume"] == [str(report.volume)]
            assert fields["rft.issue"] == [str(report.issue)]
            assert fields["rft.date"] == [report.date.iso()]
            assert fields["rft.au"] == list(report.authors)
            assert fields.get("rft.subject", []) == list(report.keywords)
            assert fields["rft.pub"] == [conf["georeport_publisher"]]
            assert fields["rft.rights"] == [report.rights, LICENCE_NAME]
            ids = [
                f"info:doi/{report.doi}",
                f"{conf['georeport_base_url']}{report.docname}.html",
            ]
            assert fields["rft_id"] == ids
            abstract = " ".join(report.abstract.split())
            assert fields.get("rft.description", [""]) == [abstract]


def test_listing_pages_describe_themselves(face: Project) -> None:
    """A description written for the page (search engines, link previews),
    the same in <meta name="description"> and og:description: not cut from
    the page's text."""
    conf = face.conf
    issues = _issues(face)
    journal = f"{conf['georeport_journal_title']} (ISSN {conf['georeport_issn']})"
    for name, must in {
        "index.html": [
            " ".join(conf["georeport_description"].split()),
            "Latest issue:",
        ],
        "archive.html": ["Every volume and issue of", journal],
        **{
            f"issues/{v}-{n}.html": [journal, *(r.title for r in rs)]
            for (v, n), rs in issues
        },
        **{f"volumes/{v}.html": [journal, f"Volume {v}"] for (v, _), _ in issues},
    }.items():
        soup = page(face, name)
        (description,) = soup.head.find_all("meta", attrs={"name": "description"})
        (og,) = soup.head.find_all("meta", attrs={"property": "og:description"})
        assert description["content"] == og["content"], name
        for part in must:
            assert part in description["content"], (name, part)
        body = " ".join(soup.article.get_text().split())
        assert not body.startswith(description["content"].rstrip("…. ")), name


# -- The EPUB edition -----------------------------------------------------------------


def test_the_book_shows_what_the_page_shows(face: Project) -> None:
    """The byline, the facts (not the downloads: the book is one), the
    abstract, the numbered figure, the notes under their heading."""
    report = full(face)
    book = face.build / "html" / Path(report.docname).parent / report.epub_name
    with zipfile.ZipFile(book) as archive:
        xhtml = archive.read("EPUB/report.xhtml").decode("utf-8")
    content = BeautifulSoup(xhtml, "html.parser")
    names = [text(s) for s in content.select(".georeport-author-name")]
    assert names == list(report.authors)
    facts = _facts(content)
    assert "Download" not in facts and "Keywords" in facts and "How to cite" in facts
    assert content.select_one("section.georeport-abstract[role=doc-abstract]")
    assert [text(s) for s in content.select(".caption-number")] == ["Fig. 1", "Table 1"]
    notes = content.select_one("section.georeport-notes")
    assert text(notes.find("h2")) == "Notes"
    assert notes.find_next_sibling("section")["id"] == "references"
    assert epub_edition.check([book]) == {book: []}


# -- Print, phone, validators ---------------------------------------------------------


@pytest.mark.skipif(not shutil.which("chromium"), reason="no Chromium to print with")
def test_printing_a_report_prints_its_article(face: Project, tmp_path: Path) -> None:
    """The print stylesheet: the article, not the sidebar, search or theme
    toggles."""
    report = full(face)
    html = face.build / "html" / f"{report.docname}.html"
    pdf = tmp_path / "printed.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "chromium",
                *("--headless", "--no-sandbox", "--disable-gpu"),
                *("--disable-background-networking", "--no-first-run"),
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    printed = fold(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert fold(report.title) in printed
    assert "ABSTRACT" in printed.upper() and "How to cite" in printed
    footer = page(face, f"{report.docname}.html").select_one(".georeport-footer")
    for line in footer.find_all("p"):
        assert text(line) in printed
    html = page(face, f"{report.docname}.html")
    article = text(html.select_one("article"))
    sidebar = html.select_one(".sidebar-drawer")
    # what only the sidebar says ("About the journal", the other report's
    # title; not "Volume 3", which the masthead says too)
    only = [text(a) for a in sidebar.select("a") if text(a) not in article]
    assert "About the journal" in only
    for words in only:
        assert fold(words) not in printed, words
    assert "Search" not in printed and "Back to top" not in printed
    assert "Made with" not in printed and "Skip to content" not in printed


#: The validators of ``./noxw -s validate`` (tools/validate), once installed.
VALIDATE = Path(__file__).resolve().parent.parent / "tools" / "validate"


@pytest.mark.skipif(
    not (VALIDATE / "node_modules" / "axe-core").is_dir()
    or not shutil.which("java")
    or not shutil.which("node"),
    reason="the validators are not installed (./noxw -s validate installs them)",
)
def test_the_pages_pass_the_validators_at_every_width(face: Project) -> None:
    """Nu Html Checker and axe-core on every page, and no page scrolls
    sideways on a phone (375 px wide): tools/validate's checks."""
    result = subprocess.run(
        [sys.executable, str(VALIDATE / "run.py"), str(face.build / "html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("index", "archive", "issues/3-1", FULL):
        assert f"{name}.html: ok" in result.stdout


# -- The PDF edition ------------------------------------------------------------------


@pytest.fixture(scope="module")
def face_editions(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Both editions of test-face, with the licence (``-D``)."""
    base = tmp_path_factory.mktemp("face-editions")
    source = base / "source"
    shutil.copytree(ROOT, source)
    project = full_build(source, base / "build", "-D", "georeport_license=CC-BY-4.0")
    project.overrides = LICENCE
    return project


@pytest.mark.pdf
def test_the_pdfs_first_page_says_what_a_journal_says(face_editions: Project) -> None:
    """Affiliations, ORCID iDs, keywords, DOI, licence, the dates and a
    "Cite as" line with the report's own reference."""
    project = face_editions
    conf = {**project.conf, **LICENCE}
    for report in reports(project):
        first = fold(project.pdftext(report, 1))
        assert fold(report.title) in first
        for author in report.contributors:
            assert author.name in first
            assert author.affiliation in first
            if author.orcid:
                assert f"iD https://orcid.org/{author.orcid}" in first
        for label, when in (
            ("Received", report.received),
            ("Revised", report.revised),
            ("Accepted", report.accepted),
            ("Published", report.date),
        ):
            if when is None:
                assert f"{label} " not in first
            else:
                assert f"{label} {human(when)}" in first
        if report.keywords:
            assert f"Keywords {', '.join(report.keywords)}" in first
        assert report.doi_url in first
        rights = conf["georeport_rights"].replace("{year}", str(report.date.year))
        assert f"Licence {LICENCE_NAME} ({DEED}) · {rights}" in first
        citation = fold(formatted(report, "georeport").render_as("text"))
        squeezed = re.sub(r"\s", "", first)
        assert "Citeas" + re.sub(r"\s", "", citation) in squeezed
        if report.abstract:
            assert "Abstract" in first


@pytest.mark.pdf
def test_the_pdf_numbers_figures_as_the_page_and_ends_with_its_references(
    face_editions: Project,
) -> None:
    project = face_editions
    report = full(project)
    whole = fold(project.pdftext(report))
    assert "Fig. 1: The capacity of the five main pipelines" in whole
    assert "Table 1: Pipelines of the Caspian basin" in whole
    assert "Fig. 2" not in whole  # the cover is no figure
    for each in reports(project):
        pdf = fold(project.pdftext(each))
        assert "Cite this report" not in pdf
        pages = project.pdftext(each).split("\f")
        last = fold(next(p for p in reversed(pages) if p.strip()))
        assert "•" in last  # the last page holds References
