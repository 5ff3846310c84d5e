"""Both editions say the same: every footnote and every References item of the
PDF is, character for character, the text of the HTML edition.

The comparison is exact up to what typesetting alone changes, and nothing else.
The PDF side is read line by line from pdftotext's word boxes (the words, their
order and their size classes are those of conftest's :func:`pdf_text`, which a
test checks), so that a line end is known to be one and is never guessed from a
hyphen. Then the HTML text (its white space folded) must match the PDF text
where, and only where, LaTeX may break a line:

* at a space of the HTML: a space or a line end;
* between two letters of one word: nothing, or ``-`` + line end (TeX's
  hyphenation; a hyphen that is not at a line end is never taken away);
* right after a hyphen or dash the HTML has: nothing, or a line end (TeX breaks
  after an explicit hyphen without adding one);
* inside a URL (``http://``, ``https://``): nothing, or a line end (URLs break
  without a hyphen);
* at a line end, a page may turn: the page number and the running head are
  dropped beforehand (they are recognised by place and by exact text), and in
  the footnotes the next page's footnote marks, set in the body above the rest
  of a footnote that goes on there, may come between.

Each footnote must start at its label and end at a line end, each References
item at its bullet and a line end; whatever else the footnote area holds must
be footnote marks, and the References nothing else up to the next heading:
nothing is added, dropped or changed, not even a trailing full stop.

conftest's :func:`fold` is not used: it joins any ``word-`` + line end, which
would also take away a hyphen of the text ("МГИМО-" + line end +
"Университета"). One ambiguity is left, because a PDF cannot resolve it: a
hyphen between two letters at a line end may be the text's or TeX's. Everywhere
else a hyphen must be in both editions or in neither.

Comparing the editions needs the PDF: those tests are ``pdf``; the tests of
:func:`pattern` alone, and of the HTML another style writes, need no TeX.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from georeport.model import Report

from .conftest import (
    ROOTS,
    STRICT,
    Project,
    body_height,
    built,
    full_build,
    pdf_text,
    pdfwords,
)

#: Line end in the text built by :func:`pdf_lines`; a new page is a line ``\f``.
PAGE = "\f"
DASHES = "-\u2010\u2011\u2013\u2014"


def spaces(text: str) -> str:
    """White space folded to single spaces (no-break spaces too), nothing else."""
    return " ".join(text.split())


def pdf_lines(
    project: Project, report: Report, *, small: bool, furniture: bool = False
) -> str:
    """The words of :func:`pdf_text`, in its order, one line of the page a line.

    Words are ordered as conftest's ``pdfwords`` orders them (page, rounded
    baseline, left edge); a line is the words of one page with one rounded
    baseline (a superscript label is a line of its own). Pages are separated
    by a line ``\\f``; each page's page number (its lowest line, the number
    alone) and running head (its highest line, the journal and the issue) are
    left out unless ``furniture``.
    """
    words = pdfwords(project, report)
    body = body_height(words)
    # every word of the page, so that furniture is recognised by its place
    pages: dict[int, dict[int, list[tuple[bool, str]]]] = {}
    for word in words:
        line = pages.setdefault(word.page, {}).setdefault(word.baseline, [])
        line.append(((word.height < 0.9 * body) == small, word.text))
    head = f"{project.journal.title} {report.issue_line}"
    kept: list[str] = []
    for page, lines in sorted(pages.items()):
        baselines = sorted(lines)
        dropped = set()
        if not furniture:
            if " ".join(t for _s, t in lines[baselines[-1]]) == str(page + 1):
                dropped.add(baselines[-1])
            if " ".join(t for _s, t in lines[baselines[0]]) == head:
                dropped.add(baselines[0])
        if page:
            kept.append(PAGE)
        for baseline in baselines:
            text = " ".join(t for wanted, t in lines[baseline] if wanted)
            if text and baseline not in dropped:
                kept.append(text)
    return "\n".join(kept)


def _is_url(token: str) -> bool:
    return token.startswith(("http://", "https://"))


def pattern(html: str, *, line_end: str) -> str:
    """Regular expression of the PDF text that ``html`` may become (module doc)."""
    parts = []
    for number, token in enumerate(spaces(html).split(" ")):
        if number:
            parts.append(f"(?: |{line_end})")
        url = _is_url(token)
        for index, char in enumerate(token):
            if index:
                before = token[index - 1]
                if url or before in DASHES:
                    parts.append(f"(?:{line_end})?")
                elif before.isalpha() and char.isalpha():
                    parts.append(f"(?:-{line_end})?")
            parts.append(re.escape(char))
    return "".join(parts)


#: Line end in the footnote area: the page may turn, and the next page's body
#: footnote marks (lines of numbers alone) come before the rest of a note.
FOOTNOTE_LINE_END = rf"\n(?:{PAGE}\n(?:\d+(?: \d+)*\n)*)?"
#: Line end in the body: the page may turn (its furniture is left out already).
BODY_LINE_END = rf"\n(?:{PAGE}\n)?"


def html_footnotes(page: BeautifulSoup) -> list[tuple[str, str]]:
    """``(label, text)`` of each footnote of the HTML page, in page order."""
    notes = []
    for aside in page.select("aside.footnote"):
        label = aside.select_one("span.label").get_text(strip=True).strip("[]")
        notes.append((label, spaces(" ".join(p.get_text() for p in aside("p")))))
    return notes


def html_references(page: BeautifulSoup) -> list[str]:
    section = page.find("section", id="references")
    assert section is not None, "no References section"
    return [spaces(li.get_text()) for li in section.find_all("li")]


def match_in_order(
    text: str, items: list[tuple[str, str]], line_end: str
) -> Iterator[tuple[str, re.Match[str] | None]]:
    """Match each ``(lead, html)`` in turn, after the previous one: the lead
    (footnote label, bullet) at a line start, the text up to a line end."""
    position = 0
    for lead, html in items:
        regex = re.compile(
            rf"(?:^|(?<=\n)){re.escape(lead)}[ \n]"
            + pattern(html, line_end=line_end)
            + r"(?=\n|\Z)"
        )
        found = regex.search(text, position)
        yield html, found
        if found:
            position = found.end()


def residue(text: str, matches: list[re.Match[str]]) -> list[str]:
    """The lines of ``text`` outside the matches (page breaks left out)."""
    rest, position = [], 0
    for found in matches:
        rest.append(text[position : found.start()])
        position = found.end()
    rest.append(text[position:])
    return [line for line in "\n".join(rest).split("\n") if line not in ("", PAGE)]


def reports(project: Project) -> list[Report]:
    files = project.report_files()
    assert files, f"no reports in {project.source}"
    return [project.report(path) for path in files]


@pytest.mark.pdf
def test_pdf_lines_are_pdf_text_with_its_line_ends(project: Project) -> None:
    """The line-aware reading is conftest's reading, word for word."""
    for report in reports(project):
        for small in (True, False):
            lines = pdf_lines(project, report, small=small, furniture=True)
            assert " ".join(lines.split()) == pdf_text(project, report, small=small)


def test_pattern_allows_only_line_breaks() -> None:
    end = BODY_LINE_END

    def ok(html: str, pdf: str) -> bool:
        return re.fullmatch(pattern(html, line_end=end), pdf) is not None

    assert ok("Вестник МГИМО-Университета", "Вестник\nМГИМО-\nУниверситета")
    assert ok("Вестник МГИМО-Университета", "Вестник МГИМО-Университета")
    assert ok("Geopolitical Report", "Geopo-\nlitical\nReport")
    assert ok("see https://rsf.org/en/x", "see https:\n//rsf.\norg/en/x")
    assert ok("Radio Liberty. Retrieved", "Radio Liberty.\n\f\nRetrieved")
    assert not ok("Geopolitical", "Geopo-litical")  # a hyphen inside a line
    assert not ok("Geopolitical", "Geopo\nlitical")  # a break without hyphen
    assert not ok("МГИМО-Университета", "МГИМО-\n-Университета")
    assert not ok("МГИМО-Университета", "МГИМОУниверситета")
    assert not ok("Vol.5(32)", "Vol.5(\n32)")  # no break between non-letters
    assert not ok("pp. 101-107.", "pp. 101-107")
    assert not ok("Report.", "Report. .")
    assert not ok("a b", "a  b")


@pytest.mark.pdf
def test_footnotes_are_the_same_in_both_editions(project: Project) -> None:
    for report in reports(project):
        notes = html_footnotes(project.html(report))
        assert notes, report.docname
        text = pdf_lines(project, report, small=True)
        found = list(match_in_order(text, notes, FOOTNOTE_LINE_END))
        for html, match in found:
            assert match, f"{report.docname}: footnote not in the PDF as {html!r}"
        extra = residue(text, [m for _h, m in found if m])
        assert all(word.isdigit() for line in extra for word in line.split()), extra


@pytest.mark.pdf
def test_references_are_the_same_in_both_editions(project: Project) -> None:
    """From the References heading on, the items and nothing else; after the
    last item comes the page's next heading, if any."""
    for report in reports(project):
        page = project.html(report)
        items = html_references(page)
        assert items, report.docname
        text = pdf_lines(project, report, small=False)
        heading = text.rfind("\nReferences\n")
        assert heading >= 0, "no References heading in the PDF"
        text = text[heading + len("\nReferences\n") :]
        found = list(match_in_order(text, [("•", i) for i in items], BODY_LINE_END))
        for html, match in found:
            assert match, f"{report.docname}: References item not in the PDF: {html!r}"
        matches = [m for _h, m in found if m]
        assert residue(text[: matches[-1].end()], matches) == []
        after = residue(text[matches[-1].end() :], [])
        assert not after or after[0] in headings(page), after[:3]


def headings(page: BeautifulSoup) -> set[str]:
    """The texts of the page's headings, without their permalink."""
    return {
        spaces(h.get_text()).removesuffix("¶").strip()
        for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    }


@pytest.mark.parametrize(
    ("html", "pdf"),
    [
        ("Kazakhstan. Legacy", "Kazakh-\nstan. Legacy"),
        ("Авторитаризм В", "Авто-\nритаризм\nВ"),
    ],
)
def test_pattern_undoes_hyphenation_in_every_script(html: str, pdf: str) -> None:
    assert re.fullmatch(pattern(html, line_end=BODY_LINE_END), pdf)


# -- Another pybtex style, one setting away ------------------------------------


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """tests/roots/test-plain-style: test-second with ``bibtex_default_style =
    "plain"`` (pybtex's own), built strictly (-n -W) into both editions."""
    return full_build(ROOTS / "test-plain-style", tmp_path_factory.mktemp("plain"))


@pytest.mark.pdf
def test_another_style_builds_warning_free(plain_project: Project) -> None:
    """Into both editions, neither of which has the house style's words."""
    assert plain_project.conf["bibtex_default_style"] == "plain"
    assert "WARNING" not in plain_project.log
    assert "ERROR" not in plain_project.log
    for path in plain_project.report_files():
        report = plain_project.report(path)
        assert "Retrieved from:" not in plain_project.html(report).get_text()
        assert "Retrieved from:" not in spaces(plain_project.pdftext(report))


@pytest.mark.sphinx("html", testroot="plain-style", confoverrides=STRICT)
def test_another_style_formats_footnotes_and_references(app: SphinxTestApp) -> None:
    """Every footnote and References item is there, as ``plain`` writes it
    (titles in sentence case, hence compared case-insensitively)."""
    project = built(app)
    assert project.conf["bibtex_default_style"] == "plain"
    for path in project.report_files():
        page = project.html(project.report(path))
        groups = project.footnote_groups(path)
        notes = page.select("aside.footnote")
        assert [n.select_one("span.label").get_text().strip("[]") for n in notes] == [
            str(n) for n in range(1, len(groups) + 1)
        ]
        items = html_references(page)
        assert len(items) == len({key for group in groups for key in group})
        for note, keys in zip(notes, groups, strict=True):
            entries = note.select("span.footcite-entry")
            assert len(entries) == len(keys)
            for span, key in zip(entries, keys, strict=True):
                title = spaces(project.bibliography.entries[key].fields["title"])
                assert title.casefold() in spaces(span.get_text()).casefold(), key
                assert any(title.casefold() in i.casefold() for i in items), key
        # none in the house style's words: the setting took effect
        for text in [*items, *(note.get_text() for note in notes)]:
            assert "Retrieved from:" not in text


@pytest.mark.pdf
def test_another_style_is_the_same_in_both_editions(plain_project: Project) -> None:
    test_footnotes_are_the_same_in_both_editions(plain_project)
    test_references_are_the_same_in_both_editions(plain_project)
