"""Sources are set in their own language in both editions.

An entry's language is its ``langid`` in the project's BibTeX file. A Russian
source carries ``lang="ru"`` on the HTML element that holds its whole text (in
its footnote and in the References list) and is set through polyglossia's
``\\foreignlanguage{russian}`` in the PDF (Russian hyphenation, Cyrillic
script); an English source carries no ``lang`` of its own and reads in the
page's language, English, which stays the main language of the PDF.

The HTML pages and the LaTeX sources are Sphinx's (sphinx.testing builds, no
TeX); what XeLaTeX made of them is read from the full editions (``pdf``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import bs4
import pytest
from sphinx.testing.util import SphinxTestApp

from georeport.model import Report
from georeport.sphinxext.bibtex.item_language import ENTRY_CLASS

from .conftest import Project, built

#: ``langid`` -> the ``lang`` the HTML edition must give the entry's text.
LANG = {"russian": "ru"}


def langid(project: Project, key: str) -> str:
    return project.bibliography.entries[key].fields.get("langid", "").lower()


def expected_lang(project: Project, key: str, page_lang: str) -> str:
    return LANG.get(langid(project, key), page_lang)


def reading_lang(element: bs4.Tag) -> str | None:
    """The language a reader (or browser) gives the element's text."""
    for tag in [element, *element.parents]:
        if isinstance(tag, bs4.Tag) and tag.has_attr("lang"):
            return tag["lang"]
    return None


def own_langs(element: bs4.Tag) -> set[str]:
    """The ``lang`` attributes on the element and inside it."""
    found = {element["lang"]} if element.has_attr("lang") else set()
    return found | {tag["lang"] for tag in element.find_all(lang=True)}


def reference_key(project: Project, item: bs4.Tag, keys: set[str]) -> str:
    """The key of the cited entry whose title a References item holds (the
    longest such title: "Kazakhstan" is in "Kazakhstan. Legacy of ...")."""
    text = " ".join(item.get_text().split())
    titles = {k: project.bibliography.entries[k].fields["title"] for k in keys}
    found = [k for k in keys if titles[k] in text]
    assert found, text
    return max(found, key=lambda k: len(titles[k]))


def reference_keys(project: Project, items: list[bs4.Tag], keys: set[str]):
    """The key of each item; every cited key once."""
    found = [reference_key(project, item, keys) for item in items]
    assert sorted(found) == sorted(keys)
    return found


def report_pages(project: Project):
    files = project.report_files()
    assert files
    for path in files:
        report = project.report(path)
        yield path, report, project.html(report)


def cited_keys(project: Project, path) -> set[str]:
    return {key for group in project.footnote_groups(path) for key in group}


def test_both_languages_are_cited(html_project: Project) -> None:
    """The tests below see Russian and English sources in every project."""
    project = html_project
    for path, _report, _page in report_pages(project):
        langs = {langid(project, key) for key in cited_keys(project, path)}
        assert {"russian", "english"} <= langs, langs


def test_html_footnote_entries_carry_their_language(html_project: Project) -> None:
    project = html_project
    for path, _report, page in report_pages(project):
        main = page.find("html")["lang"]
        assert main == "en"
        asides = page.select("aside.footnote")
        groups = project.footnote_groups(path)
        assert len(asides) == len(groups)
        for aside, keys in zip(asides, groups, strict=True):
            entries = aside.select("span.footcite-entry")
            assert len(entries) == len(keys), aside
            for span, key in zip(entries, keys, strict=True):
                lang = expected_lang(project, key, main)
                assert reading_lang(span) == lang, (key, span)
                inner = own_langs(span)
                assert inner == ({lang} if lang != main else set()), (key, inner)


def test_html_references_items_carry_their_language(html_project: Project) -> None:
    project = html_project
    for path, _report, page in report_pages(project):
        main = page.find("html")["lang"]
        section = page.find("section", id="references")
        items = section.find_all("li")
        keys = reference_keys(project, items, cited_keys(project, path))
        for item, key in zip(items, keys, strict=True):
            lang = expected_lang(project, key, main)
            (entry,) = item.select(f"span.{ENTRY_CLASS}")
            # the whole item, and nothing but the item, is the tagged entry
            assert entry.get_text() == item.get_text().strip(), key
            assert reading_lang(entry) == lang, (key, entry)
            assert own_langs(item) == ({lang} if lang != main else set()), key


def latex_source(project: Project, report: Report) -> str:
    tex = project.build / "latex" / project.pdf(report).with_suffix(".tex").name
    return tex.read_text(encoding="utf-8")


@pytest.fixture
def latex_project(
    html_project: Project, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> Project:
    """The same project's LaTeX sources, by Sphinx's latex builder (no TeX)."""
    app = make_app(
        "latex",
        srcdir=html_project.source,
        builddir=tmp_path / "latex-build",
        confoverrides=html_project.overrides,
    )
    return built(app)


def _entry_languages(latex: str, role: str) -> list[str]:
    """The ``language-xx`` role of each entry role, or "" (main language)."""
    pattern = rf"\\DUrole\{{{role}\}}\{{(?:\\DUrole\{{language-([a-z]+)\}}\{{)?"
    return [code or "" for code in re.findall(pattern, latex)]


def test_latex_sets_russian_entries_in_russian(
    html_project: Project, latex_project: Project
) -> None:
    project = html_project
    for path, report, page in report_pages(project):
        latex = latex_source(latex_project, report)
        assert r"\setmainlanguage{english}" in latex
        assert r"\georeportlanguage{ru}{russian}" in latex
        notes = re.findall(
            r"\\begin\{footnote\}\[\d+\]\\sphinxAtStartFootnote\n(.*?)\\end\{footnote\}",
            latex,
            flags=re.DOTALL,
        )
        groups = project.footnote_groups(path)
        assert len(notes) == len(groups)
        for note, keys in zip(notes, groups, strict=True):
            wanted = [LANG.get(langid(project, key), "") for key in keys]
            assert _entry_languages(note, "footcite-entry") == wanted, keys
        # the References items, in the order of the HTML page (one doctree)
        references = latex.rsplit(r"\section{References}", 1)[1]
        references = references.split(r"\end{itemize}", 1)[0]
        items = page.find("section", id="references").find_all("li")
        keys = reference_keys(project, items, cited_keys(project, path))
        wanted = [LANG.get(langid(project, key), "") for key in keys]
        assert _entry_languages(references, ENTRY_CLASS) == wanted


def xelatex_log(project: Project, report: Report) -> str:
    log = project.build / "latex" / project.pdf(report).with_suffix(".log").name
    return log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.pdf
def test_xelatex_hyphenates_russian(project: Project) -> None:
    """polyglossia loaded Russian, with its patterns (else it warns)."""
    for _path, report, _page in report_pages(project):
        log = xelatex_log(project, report)
        assert "gloss-russian.ldf" in log
        assert "No hyphenation patterns" not in log


@pytest.mark.pdf
def test_xelatex_found_every_glyph(project: Project) -> None:
    """Every Cyrillic letter is in the fonts set for it."""
    for _path, report, _page in report_pages(project):
        assert "Missing character" not in xelatex_log(project, report)
