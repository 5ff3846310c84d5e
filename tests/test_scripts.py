"""Every script of the region in every edition (tests/roots/test-scripts).

One English report cites a source in each script and language the journal
meets (Latin with the Turkic letters, Cyrillic with the Kazakh, Kyrgyz,
Tajik, Mongolian, Ukrainian and Serbian ones, Greek, Armenian, Georgian,
Hebrew, Arabic, Persian, Urdu, Pashto, Devanagari, simplified and
traditional Chinese, Japanese, Korean) and names countries in their own
scripts in its text; one report is written in Arabic. Titles are read from
the BibTeX file, languages from each ``langid`` (as written here, once, in
BCP 47), and found again in the PDF's text (pdftotext), the page and the
book.

What pdftotext gives back is not the text as written, in three ways that
are pdftotext's, not the PDF's: Arabic comes back as presentation forms
(NFKC folds them), right-to-left lines come back with their parts reordered
around punctuation (each part between punctuation marks is looked for), and
Devanagari's vowel sign ि comes back before the consonant it follows, as it
is drawn (put back after it), with a space now and then inside a word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import bs4
import pytest

from .conftest import ROOTS, Project, full_build
from .test_bad_input import editions, line_of

SOURCE = ROOTS / "test-scripts"
SCRIPTS = "reports/1-1-scripts.md"
ARABIC = "reports/1-2-qazwin.md"

#: ``langid`` -> the language the page must give the source (BCP 47).
LANG = {
    "english": "en",
    "turkish": "tr",
    "azerbaijani": "az",
    "uzbek": "uz",
    "kazakh": "kk",
    "turkmen": "tk",
    "kyrgyz": "ky",
    "tajik": "tg",
    "mongolian": "mn",
    "ukrainian": "uk",
    "serbian": "sr",
    "greek": "el",
    "armenian": "hy",
    "georgian": "ka",
    "hebrew": "he",
    "arabic": "ar",
    "persian": "fa",
    "urdu": "ur",
    "pashto": "ps",
    "hindi": "hi",
    "chinese": "zh",
    "zh-Hant": "zh-Hant",
    "japanese": "ja",
    "korean": "ko",
}
RIGHT_TO_LEFT = {"he", "ar", "fa", "ur", "ps"}
#: The Noto family each script's titles must be set in (pdffonts' names).
FONTS = {
    "Armenian": "NotoSerifArmenian",
    "Georgian": "NotoSerifGeorgian",
    "Hebrew": "NotoSerifHebrew",
    "Arabic": "NotoNaskhArabic",
    "Devanagari": "NotoSerifDevanagari",
    "CJK": "NotoSerifCJK",
}

_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONSONANTS = "[\u0915-\u0939\u0958-\u095f]"
_DRAWN_FIRST = re.compile(f"\u093f({_CONSONANTS}(?:\u094d{_CONSONANTS})*)")
#: a space pdftotext puts between two letters of scripts without one there
_NO_SPACE = re.compile(
    "(?<=[\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff])\\s+(?=[\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff])"
)


def normal(text: str, *, drawn: bool = False) -> str:
    """Text as pdftotext's (``drawn``) and as written compare (see the
    module's doc)."""
    text = _BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    if drawn:
        text = _DRAWN_FIRST.sub("\\1\u093f", text)
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return _NO_SPACE.sub("", " ".join(text.split()))


def parts(title: str) -> list[str]:
    """A right-to-left title's parts between punctuation marks."""
    return [p.strip() for p in re.split(r"[^\w\s]+", normal(title)) if p.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Both editions and the EPUB of the root, as the editions make them."""
    return full_build(SOURCE, tmp_path_factory.mktemp("scripts"))


def cited(project: Project, name: str) -> list[str]:
    path = project.source / name
    return [key for group in project.footnote_groups(path) for key in group]


def language_of(project: Project, key: str) -> str:
    return LANG[project.bibliography.entries[key].fields["langid"]]


def title(project: Project, key: str) -> str:
    return project.bibliography.entries[key].fields["title"]


def test_the_corpus_has_every_language() -> None:
    """One source per language of :data:`LANG`, all cited by one report."""
    project = Project(SOURCE, SOURCE, "")
    langids = {
        project.bibliography.entries[key].fields["langid"]
        for key in cited(project, SCRIPTS)
    }
    assert langids == set(LANG)


# -- the PDF -------------------------------------------------------------------


@pytest.mark.pdf
def test_every_title_comes_back_from_the_pdf(built: Project) -> None:
    report = built.report(SOURCE / SCRIPTS)
    text = normal(built.pdftext(report), drawn=True)
    for key in cited(built, SCRIPTS):
        written = title(built, key)
        if language_of(built, key) in RIGHT_TO_LEFT:
            for part in parts(written):
                assert part in text, (key, part)
        else:
            assert normal(written) in text, key


@pytest.mark.pdf
def test_each_script_in_its_font_every_font_embedded(built: Project) -> None:
    report = built.report(SOURCE / SCRIPTS)
    out = subprocess.run(
        ["pdffonts", str(built.pdf(report))], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    names = {row[0].split("+", 1)[1] for row in rows}
    for script, family in FONTS.items():
        assert any(name.startswith(family) for name in names), (script, names)
    for row in rows:
        # emb, sub, uni: the columns before the object number
        assert row[-5:-2] == ["yes", "yes", "yes"], row


@pytest.mark.pdf
def test_no_character_is_missing(built: Project) -> None:
    for name in (SCRIPTS, ARABIC):
        report = built.report(SOURCE / name)
        log = built.build / "latex" / built.pdf(report).with_suffix(".log").name
        assert "Missing character" not in log.read_text(errors="replace")


@pytest.mark.pdf
def test_the_arabic_report_is_set_right_to_left(built: Project) -> None:
    """Its main language is polyglossia's Arabic (bidi, after hyperref), its
    title comes back, and its English sources keep their words."""
    report = built.report(SOURCE / ARABIC)
    tex = (built.build / "latex" / f"{report.slug}.tex").read_text("utf-8")
    assert tex.index(r"\usepackage{hyperref}") < tex.index(
        r"\setmainlanguage[numerals=maghrib]{arabic}"
    )
    text = normal(built.pdftext(report), drawn=True)
    for part in parts(report.title):
        assert part in text
    for key in cited(built, ARABIC):
        if language_of(built, key) not in RIGHT_TO_LEFT:
            assert normal(title(built, key)) in text, key


# -- the page and the book ----------------------------------------------------


def page(project: Project, name: str) -> bs4.BeautifulSoup:
    return project.html(project.report(SOURCE / name))


def nearest(element: bs4.Tag, attribute: str) -> str | None:
    for tag in [element, *element.parents]:
        if isinstance(tag, bs4.Tag) and tag.has_attr(attribute):
            return tag[attribute]
    return None


@pytest.mark.pdf
def test_each_source_carries_its_language_and_direction(built: Project) -> None:
    """In the footnotes and the References: ``lang`` from ``langid`` on the
    whole entry, ``dir="rtl"`` around each right-to-left title."""
    html = page(built, SCRIPTS)
    entries = html.select("span.footcite-entry") + html.select(
        "span.bibliography-entry"
    )
    seen = set()
    for key in cited(built, SCRIPTS):
        written, lang = title(built, key), language_of(built, key)
        holding = [e for e in entries if written in e.get_text()]
        assert len(holding) == 2, key  # its footnote and its References item
        for entry in holding:
            assert nearest(entry, "lang") == lang, key
            if lang in RIGHT_TO_LEFT:
                (node,) = [s for s in entry.find_all(string=True) if written in s]
                assert nearest(node.parent, "dir") == "rtl", key
            else:
                assert not entry.find_all(dir=True), key
        seen.add(lang)
    assert seen == set(LANG.values())


_ROLE = re.compile(r"\{lang\}`([^`<]*?)\s*<([^>]+)>`")


def passages() -> list[tuple[str, str]]:
    """The report's own words in other languages, as its roles tag them."""
    return _ROLE.findall((SOURCE / SCRIPTS).read_text(encoding="utf-8"))


@pytest.mark.pdf
def test_the_text_names_countries_in_their_scripts(built: Project) -> None:
    """The report's own words in other scripts, on the page in their
    language (the right-to-left ones isolated) and in the PDF as written;
    an untagged word in Georgian is set all the same."""
    assert len(passages()) >= 10
    html = page(built, SCRIPTS)
    (first,) = [p for p in html.find_all("p") if "Georgia is" in p.get_text()]
    pdf = normal(built.pdftext(built.report(SOURCE / SCRIPTS)), drawn=True)
    for words, tag in passages():
        (node,) = [s for s in first.find_all(string=True) if words in s]
        assert nearest(node.parent, "lang") == tag, words
        turned = tag.split("-")[0] in RIGHT_TO_LEFT
        assert (nearest(node.parent, "dir") == "rtl") == turned, words
        assert normal(words) in pdf, words
    (untagged,) = [s for s in first.find_all(string=True) if "თბილისი" in s]
    assert nearest(untagged.parent, "lang") == "en"
    assert "თბილისი" in pdf


@pytest.mark.pdf
def test_the_arabic_page_and_book_read_right_to_left(built: Project) -> None:
    html = page(built, ARABIC)
    root = html.find("html")
    assert (root["lang"], root["dir"]) == ("ar", "rtl")
    english = [s for s in html.find_all(string=True) if "Great Games, Local Rules" in s]
    assert english and all(nearest(s.parent, "dir") == "ltr" for s in english)
    report = built.report(SOURCE / ARABIC)
    with zipfile.ZipFile(built.build / "epub" / report.epub_name) as book:
        opf = book.read("EPUB/content.opf").decode()
        content = book.read("EPUB/report.xhtml").decode()
    assert 'page-progression-direction="rtl"' in opf
    assert re.search(r'<html[^>]* dir="rtl"', content)


@pytest.mark.pdf
def test_the_books_pass_epubcheck(built: Project) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "georeport.editions.epub", str(built.build / "epub")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- sources without langid, characters no font has ---------------------------


def _copy(base: Path, edit: str, new: str) -> tuple[Path, int]:
    source = base / "source"
    shutil.copytree(SOURCE, source)
    bib = source / "refs.bib"
    text = bib.read_text("utf-8")
    assert text.count(edit) == 1
    bib.write_text(text.replace(edit, new), "utf-8")
    return source, line_of(text, "@article{nodia2019")


@pytest.mark.pdf
def test_a_source_without_langid_is_set_by_script_and_named(tmp_path: Path) -> None:
    source, line = _copy(tmp_path, "  langid = {georgian}\n", "")
    result = editions("html", source, tmp_path / "build")
    assert result.returncode != 0
    (said,) = [x for x in result.stderr.splitlines() if "nodia2019" in x]
    assert said.startswith(f"error: {source / 'refs.bib'}:{line}: ")
    assert "has no langid" in said and "Georgian" in said
    # silenced, the PDF sets its title in the Georgian font all the same
    conf = source / "conf.py"
    conf.write_text(conf.read_text() + '\nsuppress_warnings = ["georeport.langid"]\n')
    result = editions("all", source, tmp_path / "build")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "build" / "pdf" / "1-1-scripts.pdf"
    text = normal(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
        drawn=True,
    )
    assert "საქართველოს საგარეო პოლიტიკა" in text


@pytest.mark.pdf
def test_a_letter_no_font_has_still_stops_the_pdf(tmp_path: Path) -> None:
    """Old Persian cuneiform, which no installed font has, in a Georgian
    title: the build names its line."""
    old = "title = {საქართველოს"
    source, _ = _copy(tmp_path, old, "title = {\U000103a0\U000103a1 საქართველოს")
    text = (source / "refs.bib").read_text("utf-8")
    result = editions("pdf", source, tmp_path / "build")
    assert result.returncode != 0
    line = line_of(text, "\U000103a0")
    (said,) = [x for x in result.stderr.splitlines() if "U+103A0" in x]
    assert said.startswith(f"error: {source / 'refs.bib'}:{line}: ")


def test_a_lang_role_without_its_language_is_named(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    report = source / SCRIPTS
    text = report.read_text("utf-8")
    text = text.replace("{lang}`საქართველო <ka>`", "{lang}`საქართველო`")
    report.write_text(text, "utf-8")
    result = editions("html", source, tmp_path / "build")
    assert result.returncode != 0
    (said,) = [x for x in result.stderr.splitlines() if "{lang}" in x]
    line = line_of(text, "{lang}`საქართველო`")
    assert said.startswith(f"error: {report}:{line}: "), said


#: The validators of ``./noxw -s validate`` (tools/validate), once installed.
VALIDATE = Path(__file__).resolve().parent.parent / "tools" / "validate"


@pytest.mark.pdf
@pytest.mark.skipif(
    not (VALIDATE / "node_modules" / "axe-core").is_dir()
    or not shutil.which("java")
    or not shutil.which("node"),
    reason="the validators are not installed (./noxw -s validate installs them)",
)
def test_the_pages_pass_the_nu_checker_and_axe(built: Project) -> None:
    """Every script's ``lang`` and ``dir`` as the Nu Html Checker and axe
    read them (``./noxw -s validate`` runs this test)."""
    result = subprocess.run(
        [sys.executable, str(VALIDATE / "run.py"), str(built.build / "html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in (SCRIPTS, ARABIC):
        assert f"{Path(name).with_suffix('.html').as_posix()}: ok" in result.stdout
