"""Whole reports, imported as an editor would, build both editions warning-free.

The seed (tests/data/report-15-1.txt) and three reports written for these
tests (tests/data/reports/): other authors and topics, Italian prose, Russian
sources, organisations, back-references with locators ("Ibid., p. 14", "Ivi",
"Там же. С. 90", "World Bank, op. cit.", "Смирнова, указ. соч."), sources
cited twice, sources references.bib already holds, and prose full of what
MyST would read as markup (``*``, ``_``, ``#``, ``1.``, ``<b>``, backticks,
``{footcite}`x```, ``<img src=x onerror=...>``, a fenced
``{literalinclude} /etc/passwd``).

Three more (18-1, 18-2, 18-3) were written as a trial on reports nobody had
seen: a sentence of commentary before a source, editors before the year,
chapters with commas in their titles, "DOI 10.…", Cyrillic institutions,
"op. cit." after "Pérouse de Montclos", a DOI or a URL alone.

Three more (19-1, 19-2, 19-3, issue 26) in other habits and forms: Chicago
notes with superscript markers and notes numbered "1.", GOST in Russian with
digits after punctuation and notes numbered "1)", the Italian habit with
notes numbered "1" (Google Docs); each with the entries it must give
(``<report>.expected.yaml``, written from its footnotes), and sources
references.bib holds written in another form (``reuse:``).

Two more (20-1, 20-2) were written after the rules of issue 26's seventh
round, by a helper who saw none of them: the Italian habit with notes
numbered "1. " (Word), the house form with "[1]"; they read 96.9 % and
96.7 % of fields right before any rule was written from them.

All are imported at once (``georeport import FILES --date``) into one
copy of the journal, which is built once: HTML here (sphinx, strict), both
editions in the ``pdf`` tests.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pybtex.database
import pytest
import yaml

from georeport.cli import main
from georeport.editions.build import build_html
from georeport.importer.document import parse_document
from georeport.importer.footnotes import parse_footnote
from georeport.importer.forms import normalise
from georeport.importer.header import MARKER
from georeport.model import Report
from tools.archive import copy_project

from .conftest import DATA, DOCS, Project, full_build
from .test_cross_edition import (
    FOOTNOTE_LINE_END,
    html_footnotes,
    match_in_order,
    pdf_lines,
)
from .test_importer_corpus import parsed_fields

SOURCES = [DATA / "report-15-1.txt", *sorted((DATA / "reports").glob("*.txt"))]
HOSTILE = [
    "*stars*, _underscores_, <b>bold tags</b>, `backticks`",
    "{footcite}`x`",
    "# FreeKazakhstan was the hashtag",
    "1. The first demand",
    "<img src=x onerror=alert(1)> was posted",
    "```{literalinclude} /etc/passwd ```",
    "$x$ math, [a link](https://example.org), | a | table |, > a quote, - a dash, "
    "--- a rule, % a comment and <!-- an HTML comment -->.",
]


@dataclass
class Imported:
    source: Path  #: the project's docs/
    out: str  #: what the import printed
    bib_before: str


def test_there_are_four_whole_reports() -> None:
    assert len(SOURCES) >= 4


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    source = copy_project(DOCS, tmp_path_factory.mktemp("imported") / "journal")
    bib = source.parent / "references.bib"
    before = bib.read_text(encoding="utf-8")
    argv = ["import", *map(str, SOURCES), "--date", "2022-01", "--force"]
    argv += ["--docs", str(source / "reports"), "--bib", str(bib)]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return Imported(source, out.getvalue(), before)


@pytest.fixture(scope="module")
def html(imported: Imported, tmp_path_factory: pytest.TempPathFactory) -> Project:
    build = tmp_path_factory.mktemp("imported-html")
    return Project(imported.source, build, build_html(imported.source, build))


def _footnote_count(path: Path) -> int:
    return len(parse_document(path.read_text(encoding="utf-8"), str(path)).notes)


def _report_of(project: Project, source: Path) -> Report:
    """The imported report of ``source``: the one with its title."""
    title = source.read_text(encoding="utf-8").strip().splitlines()[0]
    (report,) = [
        project.report(path)
        for path in project.report_files()
        if project.report(path).title == title
    ]
    return report


def test_each_report_has_its_own_file_and_a_row(imported: Imported) -> None:
    names = sorted(p.name for p in (imported.source / "reports").glob("*.md"))
    assert names == [
        "15-1-kazakhstan.md",  # the seed's committed file, found by its front matter
        "16-2-caspian-basin.md",
        "16-3-caspio-gas.md",
        "17-1-central-asia.md",
        "18-1-south-caucasus.md",
        "18-2-sea-route.md",
        "18-3-russia-sahel.md",
        "19-1-valley-kyrgyz.md",
        "19-2-goda-tranzit.md",
        "19-3-sahel-wagner.md",
        "20-1-azerbaigian-washington.md",
        "20-2-central-asia.md",
    ]
    table = imported.out.splitlines()[len(SOURCES) :]
    assert table[0].split() == [
        "report", "footnotes", "new", "entries", "reused", "warnings"
    ]  # fmt: skip
    rows = {line.split()[0]: line.split()[1:] for line in table[2:-2]}
    project = Project(imported.source, imported.source, "")
    for source in SOURCES:
        name = Path(_report_of(project, source).docname).name + ".md"
        assert rows[name][0] == str(_footnote_count(source))


def test_one_work_one_entry(imported: Imported) -> None:
    bib = (imported.source.parent / "references.bib").read_text(encoding="utf-8")
    assert bib.startswith(imported.bib_before.rstrip())  # only ever added to
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.M)
    assert len(keys) == len(set(keys))
    entries = pybtex.database.parse_string(bib, "bibtex").entries
    titles = [" ".join(e.fields["title"].lower().split()) for e in entries.values()]
    assert len(titles) == len(set(titles)), "one work, two entries"


def test_importing_again_changes_nothing(imported: Imported, tmp_path: Path) -> None:
    bib = imported.source.parent / "references.bib"
    before = (
        bib.read_bytes(),
        {p: p.read_bytes() for p in (imported.source / "reports").glob("*.md")},
    )
    argv = ["import", *map(str, SOURCES), "--date", "2022-01", "--force"]
    argv += ["--docs", str(imported.source / "reports"), "--bib", str(bib)]
    assert main(argv) == 0
    after = (
        bib.read_bytes(),
        {p: p.read_bytes() for p in (imported.source / "reports").glob("*.md")},
    )
    assert after == before


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_marker_is_its_own_footnote_as_numbered(
    html: Project, source: Path
) -> None:
    page = html.html(_report_of(html, source))
    count = _footnote_count(source)
    labels = [label for label, _ in html_footnotes(page)]
    assert labels == [str(n) for n in range(1, count + 1)]
    refs = page.select("a.footnote-reference")
    assert [ref.get_text().strip("[]") for ref in refs] == labels
    targets = [ref["href"] for ref in refs]
    assert len(set(targets)) == count


def _paragraphs(source: Path) -> list[str]:
    """The author's paragraphs (markers taken out), from the text's file."""
    text = normalise(source.read_text(encoding="utf-8"), str(source)).text
    body = text[: text.index("\n[1] ")]
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", body)]
    return [MARKER.sub("", b) for b in blocks if MARKER.search(b)]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_prose_is_the_author_s_characters(html: Project, source: Path) -> None:
    page = html.html(_report_of(html, source))
    for ref in page.select("a.footnote-reference"):
        ref.decompose()
    # white space folded: "Borders, [4] while" is "Borders,  while" without [4]
    shown = [" ".join(p.get_text().split()) for p in page.select("article section p")]
    for paragraph in _paragraphs(source):
        assert " ".join(paragraph.split()) in shown


def test_hostile_prose_is_text_not_markup(html: Project) -> None:
    source = DATA / "reports" / "17-1-media.txt"
    page = html.html(_report_of(html, source))
    article = page.select_one("article")
    assert article is not None
    text = " ".join(article.get_text().split())
    for words in HOSTILE:
        assert words in text
    assert not article.select("img, script, b, code, pre, h1 + ol, blockquote, table")
    assert not [t for t in article.find_all(True) if t.has_attr("onerror")]
    assert "root:" not in page.get_text()


def test_a_locator_follows_its_source(html: Project) -> None:
    page = html.html(_report_of(html, DATA / "reports" / "16-2-caspian.txt"))
    notes = dict(html_footnotes(page))
    # [1] World Bank ...; [2] Ibid., p. 14.; [6] World Bank, op. cit., p. 20.
    assert notes["2"] == notes["1"].removesuffix(".") + ", p. 14."
    assert notes["6"] == notes["1"].removesuffix(".") + ", p. 20."
    assert notes["10"] == notes["1"]
    assert notes["9"] == notes["8"].removesuffix(".") + ", pp. 50-52."


# -- both editions ---------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(imported: Imported, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One build of both editions of all the imported reports."""
    return full_build(imported.source, tmp_path_factory.mktemp("imported-all"))


@pytest.mark.pdf
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_pdf_has_the_html_s_footnotes(editions: Project, source: Path) -> None:
    report = _report_of(editions, source)
    notes = html_footnotes(editions.html(report))
    assert len(notes) == _footnote_count(source)
    lines = pdf_lines(editions, report, small=True)
    missing = [
        html
        for html, found in match_in_order(lines, notes, FOOTNOTE_LINE_END)
        if not found
    ]
    assert not missing


@pytest.mark.pdf
def test_the_pdf_prints_hostile_prose_as_text(editions: Project) -> None:
    report = _report_of(editions, DATA / "reports" / "17-1-media.txt")
    text = " ".join(editions.pdftext(report).split())
    for words in HOSTILE:
        assert words in text
    assert "root:" not in text


# -- reports in other habits: their fields, and no second entry (issue 26) -------

EXPECTED = sorted((DATA / "reports").glob("*.expected.yaml"))
#: fields right in each report, as the issue asks
REPORT_THRESHOLD = 0.95
#: reports below the threshold today: the gap is known and said, not hidden
BELOW: dict[str, str] = {}


def _text_of(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.yaml", ".txt"))


def test_each_new_report_has_its_expected_entries() -> None:
    assert len(EXPECTED) >= 3
    for expected in EXPECTED:
        assert _text_of(expected).is_file()


def _report_score(expected: Path) -> tuple[int, int, list[str]]:
    source = _text_of(expected)
    wanted = yaml.safe_load(expected.read_text(encoding="utf-8"))
    document = parse_document(source.read_text(encoding="utf-8"), str(source))
    right = total = 0
    errors = []
    for note in document.notes:
        got = [parsed_fields(s) for s in parse_footnote(note.text)[0]]
        want = [
            {k: v for k, v in s.items() if k != "reuse"} for s in wanted[note.number]
        ]
        for index in range(max(len(got), len(want))):
            one = want[index] if index < len(want) else {}
            have = got[index] if index < len(got) else {}
            for name in sorted(set(one) | set(have)):
                total += 1
                if name in one and have.get(name) == one[name]:
                    right += 1
                else:
                    said = f"{one.get(name)!r} | {have.get(name)!r}"
                    errors.append(f"[{note.number}] {name}: {said}")
    return right, total, errors


@pytest.mark.parametrize(
    "expected",
    [
        pytest.param(
            path,
            id=path.name.split(".")[0],
            marks=[pytest.mark.xfail(reason=BELOW[name], strict=True)]
            if (name := path.name.split(".")[0]) in BELOW
            else [],
        )
        for path in EXPECTED
    ],
)
def test_fields_right_in_each_report(expected: Path) -> None:
    right, total, errors = _report_score(expected)
    print(f"\n{expected.name}: {right / total:.1%} ({right}/{total})")
    assert right / total >= REPORT_THRESHOLD, "\n".join(errors)


def test_sources_references_bib_holds_are_reused(imported: Imported) -> None:
    """Written in another habit (GOST for a Latin entry, Chicago's "8, no. 1"
    for "Vol.8(1)"), a work references.bib holds is cited by its key."""
    project = Project(imported.source, imported.source, "")
    for expected in EXPECTED:
        report = _report_of(project, _text_of(expected))
        text = (imported.source / f"{report.docname}.md").read_text(encoding="utf-8")
        wanted = yaml.safe_load(expected.read_text(encoding="utf-8"))
        for number, sources in wanted.items():
            for source in sources:
                if "reuse" in source:
                    assert f"`{source['reuse']}`" in text, (expected.name, number)
