"""A sound PDF edition: valid structure, every font embedded, text extractable.

What a library or an indexer does with the PDF: qpdf finds no structural
error, every font is embedded (none is Type 3, a bitmap font that blurs and
hides its text), and the text reads back from the file as Unicode, Cyrillic
included, with the words of the report in their order.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Project

#: Every test reads the PDFs of the full editions.
pytestmark = pytest.mark.pdf

#: Running heads stand above this share of the page's height, folios below.
HEAD, FOOT = 0.07, 0.93


def squash(text: str) -> str:
    """No white space or hyphens: where a PDF breaks its lines cannot matter."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def pdfs(project: Project) -> list[Path]:
    files = [project.pdf(project.report(path)) for path in project.report_files()]
    assert files, f"no reports in {project.source}"
    return files


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows as dicts, cut where the header has dashes."""
    out = run("pdffonts", str(pdf))
    assert out.returncode == 0, out.stderr
    header, dashes, *rows = out.stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", dashes)]
    names = [header[a:b].strip() for a, b in spans]
    return [
        {n: row[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)}
        for row in rows
        if row.strip()
    ]


def body_text(pdf: Path) -> str:
    """The words set at body size or larger, without running heads and folios:
    the report's text, headings and References, in reading order."""
    out = run("pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-")
    assert out.returncode == 0, out.stderr
    words = []
    for number, page in enumerate(BeautifulSoup(out.stdout, "html.parser")("page")):
        height = float(page["height"])
        for word in page("word"):
            top, bottom = float(word["ymin"]), float(word["ymax"])
            if HEAD * height < top and bottom < FOOT * height:
                key = (number, round(bottom), float(word["xmin"]))
                words.append((key, bottom - top, word.get_text()))
    words.sort(key=lambda item: item[0])
    body = sorted(size for _key, size, _text in words)[len(words) // 2]
    return " ".join(text for _key, size, text in words if size >= 0.9 * body)


def passages(path: Path) -> list[str]:
    """The report's plain paragraphs, cut at each citation (its footnote
    marker is set small), from the Markdown source."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    found = []
    for paragraph in body.split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph or re.match(r"[#`:|>*-]|\d+\.", paragraph):
            continue  # headings, directives, tables, quotes, lists
        if re.search(r"[*_\[\]<>{}$\\]", re.sub(r"\{footcite\}`[^`]*`", "", paragraph)):
            continue  # inline markup: the PDF has the text, not the markup
        parts = re.split(r"\{footcite\}`[^`]*`", paragraph)
        found += [part.strip() for part in parts if part.strip()]
    return found


@pytest.mark.skipif(
    shutil.which("qpdf") is None,
    reason="qpdf is not installed (./noxw -s validate installs it; or apt-get "
    "install qpdf)",
)
def test_qpdf_check_is_clean(project: Project) -> None:
    for pdf in pdfs(project):
        out = run("qpdf", "--check", str(pdf))
        # 0: clean; 2: errors; 3: warnings only
        assert out.returncode == 0, f"{pdf.name}:\n{out.stdout}{out.stderr}"
        assert "No syntax or stream encoding errors" in out.stdout, out.stdout


def test_every_font_is_embedded_none_is_type3(project: Project) -> None:
    for pdf in pdfs(project):
        rows = fonts(pdf)
        assert rows, f"{pdf.name}: no fonts listed"
        for font in rows:
            assert font["emb"] == "yes", f"{pdf.name}: not embedded: {font}"
            assert not font["type"].startswith("Type 3"), f"{pdf.name}: {font}"
            # a ToUnicode map: copying or indexing the text gives its letters
            assert font["uni"] == "yes", f"{pdf.name}: no ToUnicode map: {font}"


def test_text_reads_back_as_unicode(project: Project) -> None:
    for path in project.report_files():
        text = run(
            "pdftotext", "-enc", "UTF-8", str(project.pdf(project.report(path))), "-"
        )
        assert text.returncode == 0, text.stderr
        assert "\ufffd" not in text.stdout, "a glyph with no Unicode value"
        private = {c for c in text.stdout if 0xE000 <= ord(c) <= 0xF8FF}
        assert not private, f"private-use characters: {sorted(private)}"


def test_report_text_is_extractable_in_order(project: Project) -> None:
    for path in project.report_files():
        text = squash(body_text(project.pdf(project.report(path))))
        found = passages(path)
        assert found, f"no plain paragraph in {path}"
        position = -1
        for passage in found:
            at = text.find(squash(passage), position + 1)
            assert at > position, f"{path.name}: not extracted in order: {passage!r}"
            position = at


def test_cyrillic_is_extracted_as_cyrillic(project: Project) -> None:
    cited = {
        key.strip()
        for path in project.report_files()
        for group in project.footnote_groups(path)
        for key in group
    }
    cyrillic = re.compile(r"[\u0400-\u04ff]")
    expected = []
    for key in sorted(cited):
        entry = project.bibliography.entries[key]
        title = entry.fields.get("title", "")
        expected += [title] if cyrillic.search(title) else []
        expected += [
            str(person)
            for person in entry.persons.get("author", [])
            if cyrillic.search(str(person))
        ]
    # both test projects cite Russian sources: none found means the citations
    # were misread, not that there is nothing to check
    assert expected, f"{project.source.name}: no cited Cyrillic title or author found"
    text = squash(
        "".join(
            run("pdftotext", "-enc", "UTF-8", str(pdf), "-").stdout
            for pdf in pdfs(project)
        )
    )
    for value in expected:
        # the house style keeps names given-first; compare the words
        for word in re.findall(r"[\u0400-\u04ff]+", value):
            assert word in text, f"Cyrillic {word!r} (of {value!r}) not in the PDF text"
