"""Reports in other languages than the journal's (tests/roots/test-languages).

The journal is English; one report is Italian and translates an English one,
one is Russian. Each report's page, PDF and metadata are in its language;
the journal's fixed words come from the message catalogue
(``src/georeport/locale``); its sources are tagged against its own language;
the two translations link each other; the journal's own pages stay English.

The journal's words each language must show are written here, once, as a
journal in that language writes them (``fascicolo``, ``выпуск``, ``Come
citare``, ``Как цитировать``): the catalogue is checked against them, not
copied into them. Facts (titles, names, dates) are read from the front matter.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import babel
import bs4
import pybtex.database
import pytest
import rispy
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from georeport.editions.build import build_html
from georeport.model import Report
from georeport.model.i18n import DOMAIN, LOCALE_DIR, words

from .conftest import ROOTS, Fault, Project, fold, full_build
from .test_bad_input import editions, line_of

SOURCE = ROOTS / "test-languages"
PACKAGE = LOCALE_DIR.parent
#: The Italian translation of the English report.
ITALIAN = "reports/1-1-caspio.md"
RUSSIAN = "reports/1-2-kaspiy.md"

#: The journal's words, as journals in each language write them.
WORDS = {
    "en": {
        "volume": "Volume",
        "issue": "Issue",
        "Issue": "Issue",
        "and": "and",
        "cite": "How to cite",
        "cite as": "Cite as",
        "download": "Download",
        "notes": "Notes",
        "published": "Published",
        "abstract": "Abstract",
        "cover": "Cover photo:",
        "credits": "Credits:",
        "archive": "Archive",
        "others": "This report in other languages:",
        "name": "English",
    },
    "it": {
        "volume": "Volume",
        "issue": "fascicolo",
        "Issue": "Fascicolo",
        "and": "e",
        "cite": "Come citare",
        "cite as": "Citare come",
        "download": "Scarica",
        "notes": "Note",
        "published": "Pubblicato",
        "abstract": "Riassunto",
        "cover": "Foto di copertina:",
        "credits": "Crediti:",
        "archive": "Archivio",
        "others": "Questo rapporto in altre lingue:",
        "name": "Italiano",
    },
    "ru": {
        "volume": "Том",
        "issue": "выпуск",
        "Issue": "Выпуск",
        "and": "и",
        "cite": "Как цитировать",
        "cite as": "Для цитирования",
        "download": "Скачать",
        "notes": "Примечания",
        "published": "Опубликована",
        "abstract": "Аннотация",
        "cover": "Фото на обложке:",
        "credits": "Источник:",
        "archive": "Архив",
        "others": "Этот доклад на других языках:",
        "name": "Русский",
    },
}
#: The dates of the root's reports, and their issues' months, as each
#: language writes them (Russian: the month alone in the nominative).
DATES = {
    ("en", "2022-01"): "January 2022",
    ("it", "2022-01"): "gennaio 2022",
    ("it", "2022-01-15"): "15 gennaio 2022",
    ("ru", "2022-06"): "июнь 2022",
}
#: A BibTeX ``langid`` and the report's language, as polyglossia names them.
POLYGLOSSIA = {"en": "english", "it": "italian", "ru": "russian"}
LANGID = {name: code for code, name in POLYGLOSSIA.items()}


def reports(project: Project) -> list[tuple[Path, Report, bs4.BeautifulSoup]]:
    found = [(p, project.report(p)) for p in project.report_files()]
    assert {r.language for _, r in found} == set(WORDS)  # the root has all three
    return [(path, report, project.html(report)) for path, report in found]


def meta(page: bs4.BeautifulSoup, attribute: str, name: str) -> list[str]:
    return [tag["content"] for tag in page.find_all("meta", {attribute: name})]


def issue_line(report: Report) -> str:
    said = WORDS[report.language]
    date = DATES[report.language, report.date.iso()]
    return f"{said['volume']} {report.volume}, {said['issue']} {report.issue}, {date}"


def text(tag: bs4.Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text().split())


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The root's HTML edition, as ``python -m georeport.editions html`` makes
    it (strict: a warning fails it)."""
    build = tmp_path_factory.mktemp("languages")
    return Project(SOURCE, build, build_html(SOURCE, build))


# -- the page ----------------------------------------------------------------


def test_page_is_in_the_reports_language(html: Project) -> None:
    """``<html lang>`` is the report's; the journal's pages keep conf.py's."""
    for _path, report, page in reports(html):
        assert page.find("html")["lang"] == report.language
    journal = html.conf["language"]
    for name in ("index", "archive", "issues/1-1", "volumes/1"):
        page = bs4.BeautifulSoup(
            (html.build / "html" / f"{name}.html").read_text("utf-8"), "html.parser"
        )
        assert page.find("html")["lang"] == journal, name


def test_metadata_is_in_the_reports_language(html: Project) -> None:
    """Highwire, Dublin Core, Open Graph, JSON-LD and the three exports."""
    for _path, report, page in reports(html):
        lang = report.language
        assert meta(page, "name", "citation_language") == [lang]
        assert meta(page, "name", "DC.language") == [lang]
        (locale,) = meta(page, "property", "og:locale")
        assert locale.split("_")[0] == lang and len(locale) == 5
        (ld,) = [
            json.loads(s.string)
            for s in page.find_all("script", type="application/ld+json")
            if "ScholarlyArticle" in s.string
        ]
        assert ld["inLanguage"] == lang
        beside = html.build / "html" / "reports" / report.slug
        bib = pybtex.database.parse_file(f"{beside}.bib")
        (entry,) = bib.entries.values()
        assert entry.fields["langid"] == entry.fields["language"] == POLYGLOSSIA[lang]
        (ris,) = rispy.load(io.StringIO(Path(f"{beside}.ris").read_text("utf-8")))
        assert ris["language"] == lang
        (csl,) = json.loads(Path(f"{beside}.json").read_text("utf-8"))
        assert csl["language"] == lang


def test_journal_words_are_in_the_reports_language(html: Project) -> None:
    """Masthead, byline, facts ("Published", "Download", "How to cite"),
    cover credit, abstract, notes and breadcrumbs, from the message
    catalogue."""
    for _path, report, page in reports(html):
        said = WORDS[report.language]
        masthead = page.select_one(".georeport-masthead .georeport-issue")
        assert issue_line(report) in text(masthead)
        names = list(report.authors)
        byline = f"{', '.join(names[:-1])} {said['and']} {names[-1]}"
        assert text(page.select_one(".georeport-byline")) == byline
        abstract = page.select_one("section.georeport-abstract[role=doc-abstract]")
        assert text(abstract.find("h2")) == said["abstract"]
        labels = [text(dt) for dt in page.select("dl.georeport-facts dt")]
        assert labels[0] == said["published"]
        assert labels[-2:] == [said["download"], said["cite"]]
        assert page.select_one("#cite-this-report dt") is not None
        notes = page.select_one("section.georeport-notes h2")
        assert text(notes).rstrip("¶") == said["notes"]
        if report.cover is not None:
            cover = report.cover
            credit = (
                f"{said['cover']} {cover.caption} ({said['credits']} {cover.credit})"
            )
            assert text(page.select_one(".georeport-cover-credit")) == credit
        crumbs = [text(a) for a in page.select("nav.georeport-breadcrumbs a")]
        month = DATES[report.language, report.date.iso()[:7]]
        assert crumbs[1:] == [
            said["archive"],
            f"{said['volume']} {report.volume}",
            f"{said['Issue']} {report.issue} — {month}",
        ]
        # the words are the page's language: no lang of their own
        assert not page.select(".georeport-masthead [lang]:not(a)")


def _expected_lang(project: Project, key: str) -> str:
    langid = project.bibliography.entries[key].fields["langid"]
    return LANGID[langid.lower()]


def _reading_lang(element: bs4.Tag) -> str | None:
    for tag in [element, *element.parents]:
        if isinstance(tag, bs4.Tag) and tag.has_attr("lang"):
            return tag["lang"]
    return None


def _key_of(project: Project, entry: bs4.Tag) -> str:
    content = text(entry)
    (key,) = [
        k
        for k, e in project.bibliography.entries.items()
        if e.fields["title"] in content
    ]
    return key


def test_references_are_tagged_against_the_reports_language(html: Project) -> None:
    """An English source in the Italian report is ``lang="en"``; a Russian
    source in the Russian report has no ``lang`` of its own."""
    for _path, report, page in reports(html):
        entries = page.select("span.bibliography-entry")
        assert len(entries) == len(html.bibliography.entries)
        for entry in entries:
            lang = _expected_lang(html, _key_of(html, entry))
            assert _reading_lang(entry) == lang
            assert entry.has_attr("lang") == (lang != report.language), entry


def test_footnotes_are_tagged_against_the_reports_language(html: Project) -> None:
    """The same holds for the sources of each footnote."""
    for path, report, page in reports(html):
        entries = page.select("aside.footnote span.footcite-entry")
        keys = [k for group in html.footnote_groups(path) for k in group]
        assert len(entries) == len(keys)
        for entry, key in zip(entries, keys, strict=True):
            lang = _expected_lang(html, key)
            assert _reading_lang(entry) == lang, (report.docname, key)
            assert entry.has_attr("lang") == (lang != report.language), entry


# -- translations ------------------------------------------------------------


def _alternates(page: bs4.BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate")
        if link.has_attr("hreflang")
    }


def _groups(project: Project) -> dict[str, set[str]]:
    """docname -> the docnames of its translations (itself included), from
    the front matter alone."""
    found = {r.docname: r for _p, r, _page in reports(project)}
    slugs = {r.slug: r.docname for r in found.values()}
    groups: dict[str, set[str]] = {d: {d} for d in found}
    for docname, report in found.items():
        if report.translation_of:
            name = report.translation_of
            target = name if name in found else slugs[name]
            merged = groups[docname] | groups[target]
            for member in merged:
                groups[member] = merged
    return groups


def check_translations(project: Project) -> None:
    """Each page of a group of translations links the others; a report
    without translations links none."""
    by_docname = {r.docname: (r, page) for _p, r, page in reports(project)}
    for docname, group in _groups(project).items():
        report, page = by_docname[docname]
        alternates = _alternates(page)
        others = [by_docname[d][0] for d in sorted(group - {docname})]
        paragraph = page.select_one(".georeport-masthead .georeport-translations")
        if not others:
            assert alternates == {} and paragraph is None, docname
            assert meta(page, "property", "og:locale:alternate") == []
            continue
        assert alternates == {
            by_docname[d][0].language: by_docname[d][0].page_url for d in group
        }
        said = WORDS[report.language]
        assert text(paragraph).startswith(said["others"])
        links = paragraph.find_all("a")
        assert len(links) == len(others)
        for link, other in zip(
            links, sorted(others, key=lambda r: r.language), strict=True
        ):
            assert link["hreflang"] == link["lang"] == other.language
            assert text(link) == WORDS[other.language]["name"]
            target = (project.build / "html" / docname).parent / link["href"]
            assert (
                target.resolve()
                == (project.build / "html" / f"{other.docname}.html").resolve()
            )
        locales = meta(page, "property", "og:locale:alternate")
        assert [loc.split("_")[0] for loc in locales] == [o.language for o in others]


def test_translations_link_each_other(html: Project) -> None:
    groups = _groups(html)
    assert any(len(group) == 2 for group in groups.values())  # the pair
    check_translations(html)


def test_a_group_of_three_and_a_language_without_catalogue(tmp_path: Path) -> None:
    """The Russian report named as a translation of the Italian one (by its
    docname): the three link each other. A German report (no catalogue)
    is ``lang="de"``, its journal's words English, and marked so."""
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    Fault(
        RUSSIAN, "language: ru\n", "language: ru\ntranslation_of: reports/1-1-caspio\n"
    ).apply(source)
    german = (
        (source / RUSSIAN)
        .read_text("utf-8")
        .replace("language: ru\n", "language: de\n")
    )
    german = german.replace("translation_of: reports/1-1-caspio\n", "")
    (source / "reports" / "1-2-pipelines.md").write_text(german, "utf-8")
    project = Project(
        source, tmp_path / "build", build_html(source, tmp_path / "build")
    )
    with pytest.raises(AssertionError):  # reports() wants en, it and ru only
        reports(project)
    WORDS["de"] = WORDS["en"]
    try:
        check_translations(project)
        (path,) = [p for p in project.report_files() if p.name == "1-2-pipelines.md"]
        page = project.html(project.report(path))
    finally:
        del WORDS["de"]
    assert page.find("html")["lang"] == "de"
    issue = page.select_one(".georeport-issue span[lang]")
    assert issue["lang"] == "en" and text(issue).startswith("Volume 1, Issue 2")
    assert meta(page, "property", "og:locale") == ["de_DE"]


#: Faults of ``translation_of:``: (name, fault, the text it names the line
#: of, words the message must hold).
FAULTS = [
    (
        "unknown",
        Fault(ITALIAN, "translation_of: 1-1-caspian", "translation_of: 1-1-caspain"),
        "translation_of:",
        ["1-1-caspain", "no report", "did you mean '1-1-caspian'"],
    ),
    (
        "page",
        Fault(ITALIAN, "translation_of: 1-1-caspian", "translation_of: index"),
        "translation_of:",
        ["index", "no report"],
    ),
    (
        "itself",
        Fault(ITALIAN, "translation_of: 1-1-caspian", "translation_of: 1-1-caspio.md"),
        "translation_of:",
        ["itself", "file name of the report it translates"],
    ),
    (
        "same-language",
        Fault(ITALIAN, "language: it", "language: en"),
        "translation_of:",
        ["1-1-caspian", "in en", "another language"],
    ),
    (
        "second-italian",
        Fault(RUSSIAN, "language: ru\n", "language: it\ntranslation_of: 1-1-caspian\n"),
        "translation_of:",
        ["1-1-caspio", "already"],
    ),
]


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    base = tmp_path_factory.mktemp("translation-faults")

    def build(case: tuple) -> tuple:
        name, fault, at, _says = case
        source = base / "source" / name
        shutil.copytree(SOURCE, source)
        line = line_of(fault.apply(source), at)
        return name, line, editions("html", source, base / "build" / name)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return {name: (line, result) for name, line, result in pool.map(build, FAULTS)}


@pytest.mark.parametrize("case", FAULTS, ids=[case[0] for case in FAULTS])
def test_translation_faults_name_file_line_and_fix(case: tuple, faulty: dict) -> None:
    name, fault, _at, says = case
    line, result = faulty[name]
    assert result.returncode != 0
    error = result.stderr
    assert re.search(rf"{re.escape(fault.file)}:{line}(?!\d)", error), error
    for word in says:
        assert word.lower() in error.lower(), (word, error)
    lines = [each for each in error.splitlines() if each.strip()]
    assert len(lines) <= 2 and lines[0].startswith("error"), error


# -- the LaTeX sources (no TeX) ----------------------------------------------


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sphinx's LaTeX sources of the root (no TeX)."""
    out = tmp_path_factory.mktemp("languages-latex")
    command = [sys.executable, "-m", "sphinx", "-b", "latex", "-n", "-W", "-q"]
    subprocess.run([*command, str(SOURCE), str(out)], check=True, capture_output=True)
    return out


def test_latex_main_language_is_the_reports(html: Project, latex: Path) -> None:
    """polyglossia's main language and the class option; sources tagged
    against the report's language; every cited language declared."""
    for path, report, _page in reports(html):
        tex = (latex / f"{report.slug}.tex").read_text("utf-8")
        name = POLYGLOSSIA[report.language]
        assert re.search(rf"\\documentclass\[[^]]*,{name}\]", tex)
        assert tex.count(r"\setmainlanguage") == 1
        assert rf"\setmainlanguage{{{name}}}" in tex
        assert rf"\hypersetup{{pdflang={{{report.language}}}}}" in tex
        references = tex.rsplit(r"\begin{itemize}", 1)[1].split(r"\end{itemize}")[0]
        tagged = re.findall(
            r"\\DUrole\{bibliography-entry\}\{(?:\\DUrole\{language-([a-z]+)\})?",
            references,
        )
        cited = {k for group in html.footnote_groups(path) for k in group}
        wanted = {_expected_lang(html, k) for k in cited} - {report.language}
        assert set(filter(None, tagged)) == wanted
        for code in wanted:
            assert rf"\georeportlanguage{{{code}}}{{{POLYGLOSSIA[code]}}}" in tex


# -- the message catalogue ---------------------------------------------------


def catalogues() -> list[Path]:
    found = sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    assert {p.parent.parent.name for p in found} >= {"it", "ru"}
    return found


def _messages(catalog: Catalog) -> dict[str, object]:
    """A catalogue's translations and header, less the version of Babel
    that wrote it (which a newer Babel changes, and nothing reads)."""
    header = [line for line in catalog.mime_headers if line[0] != "Generated-By"]
    return {"header": header, **{str(m.id): m.string for m in catalog if m.id}}


def test_each_mo_is_its_po_compiled() -> None:
    """The committed ``.mo`` holds what Babel compiles of the ``.po`` beside
    it (``pybabel compile -d src/georeport/locale -D georeport``), byte for
    byte when written by the same Babel."""
    for po in catalogues():
        with po.open("rb") as file:
            catalog = read_po(file)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        committed = po.with_suffix(".mo").read_bytes()
        with po.with_suffix(".mo").open("rb") as file:
            assert _messages(read_mo(file)) == _messages(catalog), po
        compiled.seek(0)
        assert _messages(read_mo(compiled)) == _messages(catalog), po
        if f"Babel {babel.__version__}".encode() in committed:
            assert committed == compiled.getvalue(), po


def _placeholders(message: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", message))


def test_catalogues_translate_every_word_the_code_uses() -> None:
    """The template holds every word the code asks for (Babel's extraction),
    and each catalogue translates each of them, with the same placeholders."""
    used = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(PACKAGE)
    }
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as file:
        template = {m.id for m in read_po(file) if m.id}
    assert template == used
    for po in catalogues():
        with po.open("rb") as file:
            catalog = read_po(file)
        messages = {m.id: m for m in catalog if m.id}
        assert set(messages) == used, po
        for message in messages.values():
            assert message.string and not message.fuzzy, (po, message.id)
            assert _placeholders(message.string) == _placeholders(message.id)
        language = po.parent.parent.name
        assert words(language).language == language
        assert words(language).gettext("How to cite") == messages["How to cite"].string


# -- the PDF edition (TeX) ---------------------------------------------------


@pytest.fixture(scope="module")
def editions_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return full_build(SOURCE, tmp_path_factory.mktemp("languages-pdf"))


def _xmp_languages(pdf: Path) -> list[str]:
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    bag = re.search(r"<dc:language>(.*?)</dc:language>", meta, re.S)
    assert bag, meta
    return re.findall(r"<rdf:li>([^<]*)</rdf:li>", bag.group(1))


def _catalog_lang(pdf: Path) -> str:
    def show(number: str) -> str:
        return subprocess.run(
            ["qpdf", f"--show-object={number}", str(pdf)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    (root,) = re.findall(r"/Root (\d+) 0 R", show("trailer"))
    found = re.search(r"/Lang \(([^)]*)\)", show(root))
    return found.group(1) if found else ""


@pytest.mark.pdf
def test_pdf_is_in_the_reports_language(editions_built: Project) -> None:
    """Main language and hyphenation, /Lang and XMP, and the journal's words."""
    project = editions_built
    for _path, report, _page in reports(project):
        said = WORDS[report.language]
        pdf = project.pdf(report)
        log = (project.build / "latex" / f"{report.slug}.log").read_text(
            "utf-8", errors="replace"
        )
        name = POLYGLOSSIA[report.language]
        assert f"gloss-{name}.ldf" in log
        assert "No hyphenation patterns" not in log, name
        assert "Missing character" not in log
        assert _xmp_languages(pdf) == [report.language]
        assert _catalog_lang(pdf) == report.language
        first = fold(project.pdftext(report, 1))
        assert issue_line(report) in first
        assert said["abstract"] in first
        assert said["cite as"] in first
        assert said["published"] in first
        info = subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        assert issue_line(report) in info
