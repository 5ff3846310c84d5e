"""Hostile input: files outside the project, unsafe links, titles that look like code.

Three promises, each checked on real output, parsed back:

* **Inputs stay inside the project.** A cover image or a report that lies
  outside the source folder (an absolute path, ``..``, a symbolic link) is an
  error (``georeport.path``) naming the report and the line, and nothing of it
  reaches an edition.
* **Links are safe.** A source's ``url`` is a link only when it is http,
  https, ftp, mailto or a DOI; any other is text in both editions and a
  ``georeport.url`` warning naming the entry. The file names georeport links
  to are percent-encoded.
* **Title, authors and keywords are text everywhere.** Each string of
  :data:`HOSTILE` (what attackers and editors really write) is a report's
  title, author and keyword, and comes back as the same text from every
  output: the page (title, byline, "How to cite", the front page's
  list), its head (Highwire, Dublin Core, Open Graph, JSON-LD), the BibTeX,
  RIS and CSL-JSON exports, and the PDF (its text, information dictionary
  and XMP).

The HTML checks run on sphinx.testing builds; those that read PDFs are
marked ``pdf``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup
from lxml import etree
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from sphinx.testing.util import SphinxTestApp

from georeport.bib.style import link_target
from georeport.deposit import crossref
from georeport.deposit.reader import Project as DepositProject
from georeport.exports import formatted
from georeport.model import Report

from .conftest import (
    REPORT,
    ROOTS,
    STRICT,
    Fault,
    Project,
    built,
    fold,
    full_build,
    pdf_text,
    warnings_of,
)
from .test_bad_input import editions
from .test_crawlers import sitemap
from .test_journal_face import context_object

# -- The corpus ------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """One string an attacker or an editor writes, and where it may stand."""

    name: str  #: the test's id
    text: str
    #: the model refuses names holding ",", ";", " and ", " & " (several
    #: authors run together) and keywords holding "," or ";"
    author: bool = True
    keyword: bool = True
    #: in the PDF edition too (the fonts of its title block have the letters)
    pdf: bool = True


HOSTILE = (
    Hostile("html", "<img src=x onerror=alert(1)>"),
    Hostile("script", "</script><script>alert(1)</script>"),
    Hostile("quotes", "\"quotes\" & 'apostrophes'", author=False),
    Hostile("percent", "50% of {x}"),
    Hostile("latex", r"\textbf{x} \input{/etc/passwd}"),
    Hostile("math", "$x^2$ costs 5$"),
    Hostile("jinja", "{% raw %}{{ x }} {# c #}"),
    Hostile("path", r"C:\path\new"),
    Hostile("brace", "a lone { brace"),
    Hostile("closing", "a } before { reversed"),
    Hostile("specials", r"~ _ # ^ \\ trailing\\"),
    Hostile("ligatures", "A -- B --- C ``q'' ?` !` << >>"),
    Hostile("cyrillic", "Каспийский трубопровод «Восток»"),
    # FreeSans (the PDF's titles) has no Arabic: the PDF edition refuses it
    # (a character the fonts lack is an error), the HTML edition shows it
    Hostile("arabic", "النفط والغاز في \u200fبحر قزوين", pdf=False),
    Hostile("combining", "Cafe\u0301 Zo\u0308e n\u0303 \u1ea1\u0300"),
)
IDS = [hostile.name for hostile in HOSTILE]

#: Every report's second author and keyword: plain text beside the hostile one.
PLAIN_AUTHOR = "Anna Rossi"
PLAIN_KEYWORD = "Caspian Sea"
#: The base URL of the generated journal (test-base has none).
BASE_URL = "https://journal.example.org/archive/"


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def report_source(number: int, hostile: Hostile) -> str:
    """A report of volume ``number``, issue 1, whose metadata is ``hostile``:
    its title, an author, the other author's affiliation, a keyword."""
    authors = [_yaml(hostile.text)] if hostile.author else []
    authors.append(
        f"{{name: {_yaml(PLAIN_AUTHOR)}, affiliation: {_yaml(hostile.text)}}}"
    )
    keywords = [hostile.text] if hostile.keyword else []
    return (
        "---\n"
        f"title: {_yaml(hostile.text)}\n"
        f"authors: [{', '.join(authors)}]\n"
        f"volume: {number}\n"
        "issue: 1\n"
        'date: "2024-05-06"\n'
        f"keywords: [{', '.join(map(_yaml, [*keywords, PLAIN_KEYWORD]))}]\n"
        "---\n\n"
        "A claim about the Caspian Sea.{footcite}`rossi2020`\n\n"
        "```{footbibliography}\n```\n"
    )


def hostile_project(destination: Path, *, pdf: bool = False) -> Path:
    """test-base with a base URL and one report per string of :data:`HOSTILE`
    (its own report stays: the journal is test-base's); for the ``pdf``
    edition, only the strings its fonts can set."""
    shutil.copytree(ROOTS / "test-base", destination)
    (destination / "index.md").write_text(
        "# Test Journal\n\n```{report-list}\n```\n\n"
        "```{toctree}\n:hidden:\n:glob:\n\nreports/*\n```\n",
        encoding="utf-8",
    )
    with (destination / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"georeport_base_url = {BASE_URL!r}\n")
    for number, hostile in enumerate(HOSTILE, start=2):
        if pdf and not hostile.pdf:
            continue
        path = destination / "reports" / f"{number}-1-{hostile.name}.md"
        path.write_text(report_source(number, hostile), encoding="utf-8")
    return destination


@dataclass(frozen=True)
class Built:
    """The generated journal, built, and the report of each hostile string."""

    project: Project

    def report(self, hostile: Hostile) -> Report:
        number = HOSTILE.index(hostile) + 2
        path = self.project.source / "reports" / f"{number}-1-{hostile.name}.md"
        return self.project.report(path)


@pytest.fixture(scope="module")
def html_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The HTML edition, by sphinx.testing (no TeX)."""
    base = tmp_path_factory.mktemp("hostile-html")
    source = hostile_project(base / "source")
    app = SphinxTestApp(
        "html", srcdir=source, builddir=base / "build", confoverrides=STRICT
    )
    return Built(built(app))


@pytest.fixture(scope="module")
def editions_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Both editions, as ``python -m georeport.editions all`` makes them."""
    base = tmp_path_factory.mktemp("hostile-editions")
    source = hostile_project(base / "source", pdf=True)
    return Built(full_build(source, base / "build"))


def _hostile(name: str) -> Hostile:
    return next(hostile for hostile in HOSTILE if hostile.name == name)


def each() -> Any:
    return pytest.mark.parametrize("name", IDS)


def same(shown: str, text: str) -> bool:
    """Equal as text: white space folded, Unicode composed (NFC)."""
    return unicodedata.normalize("NFC", fold(shown)) == unicodedata.normalize(
        "NFC", fold(text)
    )


# -- The page ----------------------------------------------------------------------


def _metas(page: BeautifulSoup, attribute: str, name: str) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={attribute: name})]


@each()
def test_the_page_shows_the_text(name: str, html_built: Built) -> None:
    """Title, browser title, byline, "How to cite", as written."""
    report = html_built.report(_hostile(name))
    page = html_built.project.html(report)
    article = page.body
    assert article.find("h1").get_text().rstrip("¶") == report.title
    assert len(article.find_all("h1")) == 1
    assert page.title.get_text().startswith(report.title + " ")
    byline = article.select_one(".georeport-byline")
    names = [span.get_text() for span in byline.select(".georeport-author-name")]
    assert names == list(report.authors)
    affiliations = [a.affiliation for a in report.contributors if a.affiliation]
    shown = [span.get_text() for span in byline.select(".georeport-affiliation")]
    assert shown == affiliations == [report.title]
    tags = {tag.name for tag in byline.find_all(True)}
    assert tags == {"li", "span"}, "the byline holds markup"
    citation = article.select_one("#cite-this-report .georeport-citation")
    assert same(citation.get_text(), formatted(report, "georeport").render_as("text"))
    text = fold(citation.get_text())
    assert fold(report.title) in text
    for author in report.authors:
        assert fold(author) in text
    # the only link in the citation is to the page itself; the only other
    # element, a run against the paragraph's direction in its own
    elements = citation.find_all(True)
    assert [a["href"] for a in elements if a.name == "a"] == [report.page_url]
    for other in (e for e in elements if e.name != "a"):
        assert other.name == "span" and set(other.attrs) == {"dir"}, other


@each()
def test_no_markup_of_the_text_reaches_the_page(name: str, html_built: Built) -> None:
    """What the text would be as HTML (an image, a script) is not on the page."""
    report = html_built.report(_hostile(name))
    page = html_built.project.html(report)
    assert not page.find_all("img", onerror=True)
    for script in page.find_all("script"):
        assert "alert(1)" not in (script.string or "") or script.get("type") == (
            "application/ld+json"
        )


@each()
def test_the_front_page_lists_the_text(name: str, html_built: Built) -> None:
    report = html_built.report(_hostile(name))
    index = html_built.project.build / "html" / "index.html"
    page = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    items = page.select(".georeport-report-list li")
    (item,) = [li for li in items if li.a["href"] == f"{report.docname}.html"]
    assert item.a.get_text() == report.title
    assert same(
        item.get_text(),
        f"{report.title} — {report.authors_line}. {report.issue_line}.",
    )
    # the report as a reference manager reads it from the list (COinS)
    (span,) = item.select("span.Z3988")
    fields = context_object(span["title"])
    assert fields["rft.atitle"] == [report.title]
    assert fields["rft.au"] == list(report.authors)
    assert fields["rft.subject"] == list(report.keywords)


@each()
def test_the_head_holds_the_text(name: str, html_built: Built) -> None:
    """Highwire, Dublin Core, Open Graph: each value as written."""
    report = html_built.report(_hostile(name))
    page = html_built.project.html(report)
    authors, keywords = list(report.authors), list(report.keywords)
    assert _metas(page, "name", "citation_title") == [report.title]
    assert _metas(page, "name", "citation_author") == authors
    assert _metas(page, "name", "citation_keywords") == ["; ".join(keywords)]
    assert _metas(page, "name", "DC.title") == [report.title]
    assert _metas(page, "name", "DC.creator") == authors
    assert _metas(page, "name", "DC.subject") == keywords
    assert _metas(page, "property", "og:title") == [report.title]
    assert _metas(page, "property", "article:author") == authors
    assert _metas(page, "property", "article:tag") == keywords


@each()
def test_json_ld_holds_the_text(name: str, html_built: Built) -> None:
    report = html_built.report(_hostile(name))
    page = html_built.project.html(report)
    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["headline"] == data["name"] == report.title
    assert [a["name"] for a in data["author"]] == list(report.authors)
    assert data["keywords"] == list(report.keywords)


# -- The exports -------------------------------------------------------------------


def _export(built_: Built, report: Report, suffix: str) -> str:
    folder = built_.project.build / "html" / report.docname.rsplit("/", 1)[0]
    return (folder / f"{report.slug}.{suffix}").read_text(encoding="utf-8")


#: The escapes of the four characters pybtex's reading of LaTeX (latexcodec,
#: then braces as groups) cannot give back: LaTeX reads them as the character
#: (test_bibtex_export_typesets_as_the_text), pybtex leaves them as commands.
_UNREAD = {
    r"\textbraceleft{}": "\ufdd0",
    r"\textbraceright{}": "\ufdd1",
    r"\{": "\ufdd0",
    r"\}": "\ufdd1",
    r"\$": "\ufdd2",
    r"\textasciicircum{}": "\ufdd3",
}
_UNREAD_PATTERN = re.compile("|".join(map(re.escape, _UNREAD)))
_READ = str.maketrans({"\ufdd0": "{", "\ufdd1": "}", "\ufdd2": "$", "\ufdd3": "^"})


def bibtex_text(latex: str) -> str:
    """What a BibTeX value says, read by pybtex (and, for the four escapes
    latexcodec does not know, as LaTeX reads them)."""
    marked = _UNREAD_PATTERN.sub(lambda m: _UNREAD[m.group()], latex)
    return str(Text.from_latex(marked)).translate(_READ)


def given_first(person: pybtex.database.Person) -> str:
    """A parsed BibTeX name as the front matter writes it, given names first."""
    parts = person.first_names + person.middle_names
    parts += person.prelast_names + person.last_names + person.lineage_names
    return " ".join(bibtex_text(part) for part in parts)


@each()
def test_bibtex_export_reads_back_as_the_text(name: str, html_built: Built) -> None:
    report = html_built.report(_hostile(name))
    data = pybtex.database.parse_string(_export(html_built, report, "bib"), "bibtex")
    (entry,) = data.entries.values()
    assert bibtex_text(entry.fields["title"]) == report.title
    assert [given_first(p) for p in entry.persons["author"]] == list(report.authors)
    assert bibtex_text(entry.fields["keywords"]) == ", ".join(report.keywords)
    assert entry.fields["url"] == report.page_url


@each()
def test_ris_export_reads_back_as_the_text(name: str, html_built: Built) -> None:
    report = html_built.report(_hostile(name))
    (record,) = rispy.loads(_export(html_built, report, "ris"))
    assert record["title"] == report.title
    names = [" ".join(reversed(a.split(", ", 1))) for a in record["authors"]]
    assert names == list(report.authors)
    assert record["keywords"] == list(report.keywords)


@each()
def test_jats_holds_the_text(name: str, html_built: Built) -> None:
    """The JATS file beside the page: title, names, keywords, abstract as
    text nodes, no element of the text's markup."""
    report = html_built.report(_hostile(name))
    root = etree.fromstring(_export(html_built, report, "xml").encode())
    meta = root.find("front/article-meta")
    (title,) = meta.iterfind("title-group/article-title")
    assert not len(title)
    assert title.text == report.title
    contribs = meta.findall("contrib-group/contrib")
    for contrib, author in zip(contribs, report.people, strict=True):
        parts = [
            contrib.findtext(path)
            for path in ("name/given-names", "name/surname", "string-name")
        ]
        assert " ".join(filter(None, parts)) == author.name
    assert [k.text for k in meta.iterfind("kwd-group/kwd")] == list(report.keywords)
    abstract = [p.text for p in meta.iterfind("abstract/p")]
    assert abstract == list(report.abstract_paragraphs)
    tags = {e.tag for e in root.iter() if isinstance(e.tag, str)}
    assert not tags & {"script", "img", "b", "a", "span", "div", "style"}


@each()
def test_csl_json_export_reads_back_as_the_text(name: str, html_built: Built) -> None:
    report = html_built.report(_hostile(name))
    (item,) = json.loads(_export(html_built, report, "json"))
    assert item["title"] == report.title
    names = [" ".join(filter(None, (a["given"], a["family"]))) for a in item["author"]]
    assert names == list(report.authors)
    assert item["keyword"] == ", ".join(report.keywords)


def visible(text: str) -> str:
    """The text as a PDF shows it: without the invisible format characters
    (a right-to-left mark has no glyph), composed, white space folded, and
    none after a mark that stays combining (pdftotext puts one there)."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cf")
    composed = unicodedata.normalize("NFC", fold(kept))
    return "".join(
        char
        for n, char in enumerate(composed)
        if not (char == " " and n and unicodedata.category(composed[n - 1]) == "Mn")
    )


def typeset(folder: Path, values: list[str]) -> list[str]:
    """What XeLaTeX prints for each LaTeX text of ``values`` (TeX's ligatures
    off: "--" would be a dash, "'" a curly quote), read back by pdftotext."""
    lines = "\n".join(
        rf"\par\noindent [{n}]{latex}[/{n}]" for n, latex in enumerate(values)
    )
    (folder / "values.tex").write_text(
        "\\documentclass{article}\n\\usepackage{fontspec}\n"
        "\\setmainfont{FreeSerif}[Ligatures=TeXOff]\n"
        "\\begin{document}\n" + lines + "\n\\end{document}\n",
        encoding="utf-8",
    )
    command = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "values.tex"]
    subprocess.run(command, cwd=folder, check=True, capture_output=True)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "values.pdf", "-"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = dict(re.findall(r"\[(\d+)\](.*?)\[/\1\]", fold(out)))
    return [found.get(str(n), "") for n in range(len(values))]


@pytest.mark.pdf
def test_bibtex_export_typesets_as_the_text(html_built: Built, tmp_path: Path) -> None:
    """LaTeX, given the title and keywords of each export as a BibTeX style
    passes them on, typesets the text: no command runs, nothing is lost."""
    texts, values = [], []
    for hostile in (hostile for hostile in HOSTILE if hostile.pdf):
        report = html_built.report(hostile)
        bib = _export(html_built, report, "bib")
        (entry,) = pybtex.database.parse_string(bib, "bibtex").entries.values()
        texts += [report.title, ", ".join(report.keywords)]
        values += [entry.fields["title"], entry.fields["keywords"]]
    for text, shown in zip(texts, typeset(tmp_path, values), strict=True):
        assert visible(shown) == visible(text)


# -- The PDF -------------------------------------------------------------------------

#: The strings hyperxmp 5.9 (TeX Live 2022) changes on the way to XMP: it reads
#: each value's PDF escapes twice (a backslash goes, with "\n" a line break)
#: and turns "_" into a space in lists (authors, keywords). Fixing it means
#: redefining two of its macros in georeport.sty, which changes every PDF.
XMP_LOSSY = {"latex", "path", "specials"}


def in_pdf() -> Any:
    return pytest.mark.parametrize(
        "name", [hostile.name for hostile in HOSTILE if hostile.pdf]
    )


def in_xmp() -> Any:
    xfail = pytest.mark.xfail(
        strict=True,
        reason=(
            "hyperxmp 5.9 (TeX Live 2022) reads escapes twice on the way into "
            "XMP: a backslash, and '_' in authors and keywords, are lost there; "
            "the PDF's information dictionary, its text and every other output "
            "keep them (ARCHITECTURE.md, 'Untrusted input'). Strict: a fixed "
            "hyperxmp makes this test fail, so the mark is removed then."
        ),
    )
    return pytest.mark.parametrize(
        "name",
        [
            pytest.param(h.name, marks=[xfail] if h.name in XMP_LOSSY else [])
            for h in HOSTILE
            if h.pdf
        ],
    )


@pytest.mark.pdf
@in_pdf()
def test_the_pdf_shows_the_text(name: str, editions_built: Built) -> None:
    """The title block and "Cite as" of the PDF, as written."""
    project = editions_built.project
    report = editions_built.report(_hostile(name))
    first = visible(project.pdftext(report, 1))
    assert visible(report.title) in first
    for author in report.contributors:  # each on a line, with its affiliation
        assert visible(author.name) in first
        assert visible(author.affiliation) in first
    citation = visible(formatted(report, "georeport").render_as("text"))
    body = visible(pdf_text(project, report, small=False))
    assert re.sub(r"\s", "", citation) in re.sub(r"\s", "", body)


def pdf_info(path: Path) -> dict[str, str]:
    """The information dictionary, as pdfinfo prints it."""
    out = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(
        (key, value.strip())
        for key, value in (line.split(":", 1) for line in out.splitlines())
    )


@pytest.mark.pdf
@in_pdf()
def test_the_pdf_information_holds_the_text(name: str, editions_built: Built) -> None:
    report = editions_built.report(_hostile(name))
    info = pdf_info(editions_built.project.pdf(report))
    assert info["Title"] == report.title
    assert info["Author"] == ", ".join(report.authors)
    assert info["Keywords"] == ", ".join(report.keywords)


XMP = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


@pytest.mark.pdf
@in_xmp()
def test_the_pdf_xmp_holds_the_text(name: str, editions_built: Built) -> None:
    report = editions_built.report(_hostile(name))
    out = subprocess.run(
        ["pdfinfo", "-meta", str(editions_built.project.pdf(report))],
        check=True,
        capture_output=True,
    ).stdout
    start, end = out.index(b"<x:xmpmeta"), out.index(b"</x:xmpmeta>") + 12
    tree = etree.fromstring(out[start:end])

    def texts(element: str) -> list[str]:
        return [li.text or "" for li in tree.iterfind(f".//dc:{element}//rdf:li", XMP)]

    assert texts("title") == [report.title]
    assert texts("creator") == list(report.authors)
    assert texts("subject") == list(report.keywords)


# -- Inputs stay inside the project --------------------------------------------------

#: What a file outside the project holds: no output may hold it.
SECRET = "secret-outside-the-project-8c1f"


def cover(path: str) -> Fault:
    """A cover image after the date (line 6): ``cover:`` on line 7, ``path:`` on 8."""
    return Fault(
        REPORT,
        'date: "2024"\n',
        f'date: "2024"\ncover:\n  path: {_yaml(path)}\n  alt: A photograph\n',
    )


def outputs_holding(folder: Path, secret: str) -> list[Path]:
    """Every file of ``folder`` whose bytes hold ``secret``."""
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    ]


def _build(
    app_params: Any, make_app: Callable[..., SphinxTestApp], *faults: Fault
) -> SphinxTestApp:
    """The base root with ``faults``, built by sphinx.testing, and beside it
    a folder ``outside`` holding a :data:`SECRET` ``photo.jpg``."""
    args, kwargs = app_params
    source = Path(kwargs["srcdir"])
    outside = source.parent / "outside"
    outside.mkdir()
    (outside / "photo.jpg").write_text(SECRET, encoding="utf-8")
    for fault in faults:
        fault.apply(source)
    app = make_app(*args, **kwargs)
    app.build()
    app.cleanup()
    return app


def _one_path_error(app: SphinxTestApp, file: str, line: int | None) -> str:
    (warning,) = warnings_of(app).splitlines()
    where = (
        f"{Path(app.srcdir, file)}:{line}:" if line else f"{Path(app.srcdir, file)}:"
    )
    assert warning.startswith(where), warning
    assert "ERROR" in warning
    assert warning.endswith("[georeport.path]"), warning
    return warning


@pytest.mark.sphinx("html", testroot="base", srcdir="cover-dots", confoverrides=STRICT)
def test_cover_above_the_project_is_an_error(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """``../`` out of the project: named (report, line of ``path:``), not copied."""
    app = _build(app_params, make_app, cover("../../outside/photo.jpg"))
    warning = _one_path_error(app, REPORT, 8)
    assert "outside the project" in warning and "cover.path" in warning
    assert not outputs_holding(Path(app.outdir), SECRET)


@pytest.mark.sphinx("html", testroot="base", srcdir="cover-abs", confoverrides=STRICT)
def test_cover_at_an_absolute_path_is_an_error(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    photo = Path(app_params.kwargs["srcdir"]).parent / "outside" / "photo.jpg"
    app = _build(app_params, make_app, cover(str(photo)))
    _one_path_error(app, REPORT, 8)
    assert not outputs_holding(Path(app.outdir), SECRET)


@pytest.mark.sphinx("html", testroot="base", srcdir="cover-link", confoverrides=STRICT)
def test_cover_linked_to_outside_is_an_error(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """A symbolic link in the project to a file outside: followed, refused."""
    source = Path(app_params.kwargs["srcdir"])
    (source / "reports" / "photo.jpg").symlink_to(
        source.parent / "outside" / "photo.jpg"
    )
    app = _build(app_params, make_app, cover("photo.jpg"))
    _one_path_error(app, REPORT, 8)
    assert not outputs_holding(Path(app.outdir), SECRET)


@pytest.mark.parametrize("path", ["photo.jpg", "../images/photo.jpg"])
@pytest.mark.sphinx("html", testroot="base", srcdir="cover-in", confoverrides=STRICT)
def test_cover_inside_the_project_is_published(
    path: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """A link to a file of the project, and ``..`` that stays in it, are fine."""
    args, kwargs = app_params
    source = Path(kwargs["srcdir"])
    (source / "images").mkdir()
    (source / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photograph")
    (source / "reports" / "photo.jpg").symlink_to(Path("../images/photo.jpg"))
    cover(path).apply(source)
    project = built(make_app(*args, **kwargs))
    report = project.report(source / REPORT)
    (image,) = project.html(report).select("figure.georeport-cover img")
    page = project.build / "html" / report.docname
    assert (page.parent / image["src"]).read_bytes().endswith(b"a photograph")


@pytest.mark.sphinx("html", testroot="base", srcdir="report-link", confoverrides=STRICT)
def test_report_linked_from_outside_is_an_error(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """A report that is a link to a file outside: named, none of its text
    published (not even Sphinx's copy of the source)."""
    args, kwargs = app_params
    source = Path(kwargs["srcdir"])
    outside = source.parent / "elsewhere"
    outside.mkdir()
    text = (source / REPORT).read_text(encoding="utf-8")
    (outside / "report.md").write_text(text.replace("A claim", SECRET), "utf-8")
    (source / REPORT).unlink()
    (source / REPORT).symlink_to(outside / "report.md")
    app = make_app(*args, **kwargs)
    app.build()
    app.cleanup()
    warning = _one_path_error(app, REPORT, None)
    assert str(outside / "report.md") in warning
    assert not outputs_holding(Path(app.outdir), SECRET)


def test_cover_outside_fails_the_editions_with_one_message(tmp_path: Path) -> None:
    """What a user sees: ``error: FILE:LINE: ...``, a non-zero exit, no edition."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    (tmp_path / "photo.jpg").write_text(SECRET, encoding="utf-8")
    cover("../../photo.jpg").apply(source)
    result = editions("html", source, tmp_path / "build")
    assert result.returncode != 0
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith(f"error: {source / REPORT}:8: "), line
    assert "cover image" in line and "cover.path" in line
    assert not list((tmp_path / "build" / "html").rglob("*.html"))
    assert not outputs_holding(tmp_path / "build", SECRET)


# -- Links are safe ----------------------------------------------------------------

#: The second source of the base's refs.bib, its URL made a script.
JS_URL = Fault("refs.bib", "https://example.org/caspian", "javascript:alert(1)")
#: The base report cites both sources in its footnote.
CITE_BOTH = Fault(REPORT, "{footcite}`rossi2020`", "{footcite}`rossi2020,petrov2023`")
#: The first source gets a DOI for a URL.
DOI_URL = Fault(
    "refs.bib",
    "  langid = {english}\n}",
    "  langid = {english},\n  url = {doi:10.1000/182}\n}",
)


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("ftp://ftp.example.org/file.txt", "ftp://ftp.example.org/file.txt"),
        ("mailto:editor@example.org", "mailto:editor@example.org"),
        ("doi:10.1000/182", "https://doi.org/10.1000/182"),
        ("DOI: 10.1002/(SICI)1097-4571", "https://doi.org/10.1002/(SICI)1097-4571"),
        ("https://doi.org/10.1000/182", "https://doi.org/10.1000/182"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
        ("www.example.org", None),
        ("//example.org/a", None),
        ("doi:not-a-doi", None),
    ],
)
def test_which_urls_are_links(url: str, target: str | None) -> None:
    assert link_target(url) == target


def test_the_house_style_alone_writes_no_unsafe_link() -> None:
    """The style is a pybtex plugin: without Sphinx too, a script is text."""
    entry = pybtex.database.Entry(
        "online", fields={"title": "T", "year": "2020", "url": "javascript:alert(1)"}
    )
    style = find_plugin("pybtex.style.formatting", "georeport")()
    html = style.format_entry("1", entry).text.render_as("html")
    page = BeautifulSoup(html, "html.parser")
    assert not page.find_all("a")
    assert "javascript:alert(1)" in page.get_text()


def _unlinked(page: BeautifulSoup) -> list[str]:
    """The texts that show the script URL, and no link to it anywhere."""
    assert not [a for a in page.find_all("a") if "script" in a.get("href", "").lower()]
    return [e.get_text() for e in page.find_all("span") if "alert(1)" in e.get_text()]


@pytest.mark.sphinx("html", testroot="base", srcdir="js-url", confoverrides=STRICT)
def test_unsafe_url_is_text_and_a_warning(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    source = Path(app_params.kwargs["srcdir"])
    bib = JS_URL.apply(source)
    line = bib[: bib.index("javascript:")].count("\n") + 1
    CITE_BOTH.apply(source)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    app.cleanup()
    (warning,) = warnings_of(app).splitlines()
    assert warning.startswith(f"{source / 'refs.bib'}:{line}: WARNING: "), warning
    assert "'petrov2023'" in warning and "javascript:alert(1)" in warning
    assert warning.endswith("[georeport.url]")
    page = BeautifulSoup(
        (Path(app.outdir) / "reports" / "1-1-report.html").read_text("utf-8"),
        "html.parser",
    )
    shown = _unlinked(page)
    assert len(shown) == 2, shown  # the footnote and the References


@pytest.mark.sphinx(
    "html",
    testroot="base",
    srcdir="js-url-suppressed",
    confoverrides={**STRICT, "suppress_warnings": ["georeport.url"]},
)
def test_unsafe_url_warning_can_be_suppressed(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    source = Path(app_params.kwargs["srcdir"])
    JS_URL.apply(source)
    CITE_BOTH.apply(source)
    project = built(make_app(*app_params.args, **app_params.kwargs))
    page = project.html(project.report(source / REPORT))
    assert len(_unlinked(page)) == 2


@pytest.mark.sphinx("html", testroot="base", srcdir="doi-url", confoverrides=STRICT)
def test_doi_is_a_link_to_doi_org(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    source = Path(app_params.kwargs["srcdir"])
    DOI_URL.apply(source)
    project = built(make_app(*app_params.args, **app_params.kwargs))
    page = project.html(project.report(source / REPORT))
    links = {a.get_text(): a["href"] for a in page.select("a.reference.external")}
    assert links["doi:10.1000/182"] == "https://doi.org/10.1000/182"


@pytest.mark.pdf
def test_unsafe_url_is_no_link_in_the_pdf(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    for fault in (JS_URL, CITE_BOTH, DOI_URL):
        fault.apply(source)
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('suppress_warnings = ["georeport.url"]\n')
    project = full_build(source, tmp_path / "build")
    pdf = project.pdf(project.report(source / REPORT))
    out = subprocess.run(
        ["pdfinfo", "-url", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    urls = {line.split()[-1] for line in out.splitlines()[1:]}
    assert urls == {"https://doi.org/10.1000/182"}
    assert "javascript:alert(1)" in fold(
        project.pdftext(project.report(source / REPORT))
    )


# -- Every character of a URL ---------------------------------------------------

#: A character (or two) of URLs as editors paste them, by name: RFC 3986's
#: delimiters and unreserved marks, a space percent-encoded, and what
#: browsers take though RFC 3986 does not (``^``, braces, which BibTeX
#: wants in pairs).
URL_CHARACTERS = {
    "caret": "^",
    "braces": "{}",
    "percent": "%20",
    "hash": "#",
    "tilde": "~",
    "underscore": "_",
    "ampersand": "&",
    "dollar": "$",
    "brackets": "[]",
    "apostrophe": "'",
    "parentheses": "()",
    "plus": "+",
    "comma": ",",
    "semicolon": ";",
    "equals": "=",
    "at": "@",
    "colon": ":",
    "exclamation": "!",
    "asterisk": "*",
    "hyphens": "--",
}


def character_url(name: str) -> str:
    """The URL of the source named ``name``: its characters inside the path."""
    return f"https://example.org/{name}/a{URL_CHARACTERS[name]}b"


@pytest.fixture(scope="module")
def url_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """test-base whose report cites one web page per character, both editions."""
    base = tmp_path_factory.mktemp("url-characters")
    source = base / "source"
    shutil.copytree(ROOTS / "test-base", source)
    entries = "".join(
        f"\n@online{{url-{name},\n  title = {{The {name}}},\n"
        f"  url = {{{character_url(name)}}}\n}}\n"
        for name in URL_CHARACTERS
    )
    Fault("refs.bib", "", entries).apply(source)
    keys = ",".join(f"url-{name}" for name in URL_CHARACTERS)
    Fault(REPORT, "{footcite}`rossi2020`", f"{{footcite}}`{keys}`").apply(source)
    return full_build(source, base / "build")


def _links(tags: list[Any], name: str) -> list[tuple[str, str]]:
    """(href, text) of the links to the page of ``name``."""
    return [(a["href"], a.get_text()) for a in tags if f"/{name}/" in a.get("href", "")]


@pytest.mark.parametrize("name", URL_CHARACTERS)
def test_a_urls_characters_in_the_page_and_the_book(
    name: str, url_project: Project
) -> None:
    url = character_url(name)
    report = url_project.report(url_project.source / REPORT)
    page = url_project.html(report)
    # the footnote and the References: linked, and shown as written
    assert _links(page.find_all("a"), name) == [(url, url)] * 2
    with zipfile.ZipFile(url_project.build / "epub" / f"{report.slug}.epub") as book:
        (content,) = [
            n for n in book.namelist() if n.endswith(".xhtml") and "nav" not in n
        ]
        xhtml = BeautifulSoup(book.read(content), "xml")
    assert _links(xhtml.find_all("a"), name) == [(url, url)] * 2


def _pdf_uris(pdf: Path) -> list[str]:
    """The ``/URI`` of every link annotation, as qpdf decodes the strings."""
    out = subprocess.run(
        ["qpdf", "--json=2", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            uri = value.get("/URI")
            if isinstance(uri, str):
                assert uri.startswith("u:"), uri  # a text string
                found.append(uri.removeprefix("u:"))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(out))
    return found


@pytest.mark.pdf
@pytest.mark.parametrize("name", URL_CHARACTERS)
def test_a_urls_characters_in_the_pdf(name: str, url_project: Project) -> None:
    """pdftotext shows it, qpdf reads it from the link: the URL as written."""
    url = character_url(name)
    report = url_project.report(url_project.source / REPORT)
    # a URL may break across lines: the words joined again
    text = "".join(url_project.pdftext(report).split())
    assert text.count(url) == 2, text  # the footnote and the References
    links = [uri for uri in _pdf_uris(url_project.pdf(report)) if f"/{name}/" in uri]
    assert links and set(links) == {url}, links


# -- The file names georeport links to -------------------------------------------

#: A folder of reports whose name a URL must percent-encode: a space, "&",
#: "#", "%" (encoded twice, "%20" shows as "%2520") and a letter outside
#: ASCII. The report's own name keeps the rule (lower-case a-z, digits and
#: hyphens: tests/test_front_matter.py), so its folder is what is encoded.
ODD_FOLDER = "50% città & #2"
#: What the journal of :func:`odd_project` says besides test-base's conf.py:
#: everything that writes a URL (sitemap and feed, LOCKSS, DOIs, a deposit).
ODD_CONF = f"""
georeport_base_url = {BASE_URL!r}
georeport_lockss_permission = (
    "LOCKSS system has permission to collect, preserve, and serve this "
    "Archival Unit."
)
georeport_doi_prefix = "10.12345"
georeport_crossref_depositor_name = "Test Press Production"
georeport_crossref_depositor_email = "doi@journal.example.org"
"""


@pytest.fixture
def odd_project(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> tuple[Project, Report]:
    """The base report in :data:`ODD_FOLDER`, with a PDF to link, in a journal
    that writes every output with a URL."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-base", source)
    folder = source / "reports" / ODD_FOLDER
    folder.mkdir()
    (source / REPORT).rename(folder / "1-1-report.md")
    Fault("index.md", "reports/*", "reports/**").apply(source)
    Fault("conf.py", "", ODD_CONF).apply(source)
    pdfs = tmp_path / "pdf"
    pdfs.mkdir()
    (pdfs / "1-1-report.pdf").write_bytes(b"%PDF-1.5 not really\n")
    overrides = {**STRICT, "georeport_pdf_dir": str(pdfs)}
    project = built(make_app("html", srcdir=source, confoverrides=overrides))
    return project, project.report(folder / "1-1-report.md")


def test_links_to_files_beside_the_page_are_percent_encoded(
    odd_project: tuple[Project, Report],
) -> None:
    project, report = odd_project
    page = project.html(report)
    beside = (project.build / "html" / report.docname).parent
    # the page's own files: its PDF (the journal's feed is not beside it)
    pdfs = page.head.find_all("link", rel="alternate", type="application/pdf")
    hrefs = [link["href"] for link in pdfs]
    hrefs += [a["href"] for a in page.select(".georeport-downloads a")]
    assert len(hrefs) == 6  # head PDF, PDF, EPUB, three exports
    for href in hrefs:
        assert " " not in href and "#" not in href, href
        assert (beside / unquote(href)).is_file(), href
    # and its issue's table of contents, which links them from elsewhere
    issue = project.build / "html" / "issues" / f"{report.volume}-{report.issue}.html"
    toc = BeautifulSoup(issue.read_text(encoding="utf-8"), "html.parser")
    links = toc.select(".georeport-report-links a.georeport-pdf")
    links += toc.select(".georeport-report-links a.georeport-epub")
    assert len(links) == 2
    for link in links:
        href = link["href"]
        assert " " not in href and "#" not in href, href
        assert (issue.parent / unquote(href)).is_file(), href


def _strings(value: Any) -> list[str]:
    """Every string of a JSON value, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _urls_by_output(project: Project, report: Report) -> dict[str, list[str]]:
    """Each URL of the report's page and PDF that each output writes, made
    absolute where it is relative (the LOCKSS manifest's links)."""
    html = project.build / "html"
    mine = f"/{report.slug}."  # the page's, the PDF's, the exports' URLs
    found: dict[str, list[str]] = {}
    found["sitemap"] = list(sitemap(project))
    feed = etree.parse(str(html / "atom.xml"))
    atom = "{http://www.w3.org/2005/Atom}"
    found["feed"] = [e.text or "" for e in feed.iter(f"{atom}id")]
    found["feed"] += [link.get("href", "") for link in feed.iter(f"{atom}link")]
    manifest = "lockss/volume-1.html"
    lockss = BeautifulSoup((html / manifest).read_text("utf-8"), "html.parser")
    found["lockss"] = [
        urljoin(BASE_URL + manifest, a["href"])
        for a in lockss.select(".georeport-lockss-reports a")
    ]
    for path in sorted(html.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(html).as_posix()
        head = [m.get("content", "") for m in page.head.find_all("meta")]
        head += [link.get("href", "") for link in page.head.find_all("link")]
        found[f"head of {where}"] = head
        found[f"JSON-LD of {where}"] = [
            text
            for script in page.find_all("script", type="application/ld+json")
            for text in _strings(json.loads(script.string))
        ]
    beside = (html / report.docname).parent / report.slug
    bib = pybtex.database.parse_file(str(beside.with_suffix(".bib")))
    found["BibTeX export"] = [e.fields["url"] for e in bib.entries.values()]
    (ris,) = rispy.loads(beside.with_suffix(".ris").read_text(encoding="utf-8"))
    found["RIS export"] = [*ris["urls"], *ris.get("file_attachments1", [])]
    csl = json.loads(beside.with_suffix(".json").read_text(encoding="utf-8"))
    found["CSL-JSON export"] = [item["URL"] for item in csl]
    with zipfile.ZipFile(beside.with_suffix(".epub")) as book:
        (opf,) = [n for n in book.namelist() if n.endswith(".opf")]
        package = etree.fromstring(book.read(opf))
    dc = "{http://purl.org/dc/elements/1.1/}"
    found["EPUB package"] = [e.text or "" for e in package.iter(f"{dc}source")]
    deposit = crossref.deposit(DepositProject.read(project.source), 1, 1)
    resources = etree.fromstring(deposit.xml).iter(f"{{{crossref.NAMESPACE}}}resource")
    found["Crossref deposit"] = [e.text or "" for e in resources]
    return {
        output: [url for url in urls if mine in url and "://" in url]
        for output, urls in found.items()
    }


def test_every_output_percent_encodes_each_url_once(
    odd_project: tuple[Project, Report],
) -> None:
    """Each URL of the report, in every output, is its file's path in the
    HTML edition percent-encoded once: decoded once it names the file (the
    sitemap encoded twice: "%2520"), and it holds nothing to encode (a
    space, a "#", a letter outside ASCII)."""
    project, report = odd_project
    html = project.build / "html"
    urls = _urls_by_output(project, report)
    for output in (
        "sitemap",
        "feed",
        "lockss",
        f"head of {report.docname}.html",
        f"JSON-LD of {report.docname}.html",
        "BibTeX export",
        "RIS export",
        "CSL-JSON export",
        "EPUB package",
        "Crossref deposit",
    ):
        assert urls[output], f"no URL of the report in the {output}"
    for output, found in urls.items():
        for url in found:
            assert url.isascii() and " " not in url, (output, url)
            assert url.startswith(BASE_URL), (output, url)
            path = unquote(urlsplit(url).path)[len(urlsplit(BASE_URL).path) :]
            assert path.startswith(f"reports/{ODD_FOLDER}/"), (output, url)
            assert (html / path).is_file(), (output, url)
