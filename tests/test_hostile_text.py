"""A report's hostile text through every output: nothing of it passes.

One journal holds every hostile input of the report's *text* the other
tests try one at a time: markup that passes through
(``tests/test_raw_markup.py``), addresses and files outside the project
(``tests/test_containment.py``), refused images and covers
(``tests/test_images.py``), a ``javascript:`` link. Its errors silenced
(``suppress_warnings``), it is built as a user builds it, with the network
cut for every Python process: the build completes without trying a
connection, and no page, PDF (its text, by pdftotext) or EPUB (unzipped)
holds any of it: no marker, no line of ``/etc/passwd``, no script, event
attribute or ``javascript:`` link, no refused file.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import REPORT, ROOTS, Fault
from .test_containment import ADDRESSES, CLAIM, SECRET
from .test_images import FILES
from .test_images import MARKER as IMAGE_MARKER
from .test_offline import _guarded, editions
from .test_raw_markup import CASES, MARKER, PASSWD

#: Every warning the corpus raises, silenced: what is withheld stays withheld.
SILENCED = ["georeport.markup", "georeport.path", "georeport.image", "georeport.url"]
#: A link a directive makes, to an address no reader may follow.
LINK = "```{image} photo.png\n:alt: A photo\n:target: javascript:alert(1)\n```"


def _file(name: str) -> bytes:
    return next(file.data for file in FILES if file.name == name)


#: Second and third reports: a cover that is a script, one that is a PDF.
COVERS = {"2-1-script-cover": "script.svg", "3-1-pdf-cover": "cover.png"}


def corpus(destination: Path) -> Path:
    """test-base, its report holding every hostile text, two reports with
    hostile covers, and the files they name."""
    shutil.copytree(ROOTS / "test-base", destination)
    (destination.parent / "outside.txt").write_text(SECRET + "\n", encoding="utf-8")
    (destination.parent / "outside.png").write_bytes(_file("photo.png"))
    reports = destination / "reports"
    for name in ("photo.png", "notes.png", "onload.svg", "anim.gif", "script.svg"):
        (reports / name).write_bytes(_file(name))
    (reports / "cover.png").write_bytes(_file("cover.png"))
    texts = [
        *(case.text for case in CASES),
        *ADDRESSES.values(),
        "![A map](notes.png)",
        "```{figure} onload.svg\n:alt: A map\n\nA caption\n```",
        "![An animation](anim.*)",
        "![Outside](../../outside.png)",
        "```{include} ../../outside.txt\n```",
        LINK,
    ]
    Fault(REPORT, CLAIM, "\n\n".join([*texts, CLAIM])).apply(destination)
    base = (destination / REPORT).read_text(encoding="utf-8")
    base = base.split("---", 2)[2]  # the text, without the front matter
    for number, (name, path) in enumerate(COVERS.items(), start=2):
        (reports / f"{name}.md").write_text(
            f"---\ntitle: Report {number}\nauthors: [Anna Rossi]\nvolume: {number}\n"
            f'issue: 1\ndate: "2024"\ncover:\n  path: {path}\n  alt: A cover\n'
            # MyST's options for the file: a redirect in the head
            f'myst:\n  html_meta:\n    "http-equiv=refresh": "0;url={MARKER}"\n---'
            + base.replace(CLAIM, f"{CLAIM} Report {number}."),
            encoding="utf-8",
        )
    conf = f"\nsuppress_warnings = {SILENCED!r}\nhtml_copy_source = False\n"
    Fault("conf.py", "", conf).apply(destination)
    (destination / "index.md").write_text(
        "# Test Journal\n\n```{toctree}\n:hidden:\n:glob:\n\nreports/*\n```\n",
        encoding="utf-8",
    )
    return destination


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions of the corpus, as ``georeport.editions all`` makes them,
    the network cut; the build folder."""
    base = tmp_path_factory.mktemp("hostile-text")
    source = corpus(base / "project")
    env, log = _guarded(base)
    editions("all", str(source), str(base / "build"), env=env)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert not attempts, f"the build tried the network:\n{attempts}"
    return base / "build"


#: What no output may hold.
MARKERS = (MARKER, IMAGE_MARKER, PASSWD, SECRET, "alert(", "javascript:")
#: The bytes of every refused file.
REFUSED = [_file(name) for name in ("notes.png", "onload.svg", "script.svg")]
REFUSED += [_file(name) for name in ("anim.gif", "cover.png")]


def _holds_markup(html: str) -> list[str]:
    """Elements of a page that run or pass markup: scripts other than its
    JSON-LD and Sphinx's, event attributes, javascript: links."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        str(tag)[:80]
        for tag in soup.find_all(True)
        if any(name.startswith("on") for name in tag.attrs)
    ]
    found += [
        str(a)[:80]
        for a in soup.find_all("a", href=True)
        if ":" in a["href"]
        and a["href"].split(":", 1)[0].lower() not in ("http", "https", "mailto")
    ]
    found += [str(meta)[:80] for meta in soup.find_all("meta", {"http-equiv": True})]
    return found


@pytest.mark.pdf
def test_the_reports_are_published_without_it(build: Path) -> None:
    """The build completed: every report has its page, PDF and book."""
    for name in ("1-1-report", *COVERS):
        assert (build / "html" / "reports" / f"{name}.html").is_file()
        assert (build / "pdf" / f"{name}.pdf").is_file()
        assert (build / "epub" / f"{name}.epub").is_file()


@pytest.mark.pdf
def test_no_page_holds_it(build: Path) -> None:
    for page in (build / "html").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in MARKERS:
            assert marker not in html, f"{marker!r} in {page}"
        assert _holds_markup(html) == [], page
        assert CLAIM in html or "reports" not in page.parts


@pytest.mark.pdf
def test_no_file_of_the_html_edition_holds_it(build: Path) -> None:
    """Its images, downloads, search index, exports, feeds: all but the
    theme's own scripts and styles (``_static``), which hold no report."""
    for path in (build / "html").rglob("*"):
        if path.is_file() and "_static" not in path.parts:
            data = path.read_bytes()
            assert not any(m.encode() in data for m in MARKERS), path
            assert data not in REFUSED, path


@pytest.mark.pdf
def test_no_pdf_holds_it(build: Path) -> None:
    for pdf in (build / "pdf").glob("*.pdf"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert CLAIM in " ".join(text.split())
        for marker in MARKERS:
            assert marker not in text, f"{marker!r} in {pdf}"


@pytest.mark.pdf
def test_no_book_holds_it(build: Path) -> None:
    for epub in (build / "epub").glob("*.epub"):
        with zipfile.ZipFile(epub) as book:
            for name in book.namelist():
                data = book.read(name)
                assert not any(m.encode() in data for m in MARKERS), (epub, name)
                assert data not in REFUSED, (epub, name)
                if name.endswith(".xhtml"):
                    assert _holds_markup(data.decode("utf-8")) == [], (epub, name)
