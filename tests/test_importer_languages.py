"""The importer's ``langid`` for every language of the region.

The titles and their languages are those of tests/roots/test-scripts's
BibTeX file (one source per script and language, see test_scripts.py),
written there with their ``langid``: each title alone must be given that
language, and a report whose footnotes cite them all, imported as an
editor imports one, must build with each new source carrying it.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pybtex.database
import pytest

from georeport.cli import main
from georeport.editions.build import build_html, build_pdf
from georeport.importer.languages import langid
from tools.archive import copy_project

from .conftest import DOCS, ROOTS

#: Titles the footnote parser reads as an author's or organisation's name:
#: Latin titles of capitalised words, with no author before them, which
#: have the form of "Organisation, Title: ...". The import marks their
#: author and title unsure for the editor's review; their langid is checked
#: alone, above.
READ_AS_AUTHORS = {"nurmuhammedowa2019"}
CORPUS = pybtex.database.parse_file(str(ROOTS / "test-scripts" / "refs.bib"))
ENTRIES = sorted(CORPUS.entries.values(), key=lambda entry: entry.key)


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.key for entry in ENTRIES])
def test_each_title_is_given_its_language(entry: pybtex.database.Entry) -> None:
    assert langid(entry.fields["title"]) == entry.fields["langid"]


def footnote(number: int, entry: pybtex.database.Entry) -> str:
    """The source as a footnote without its author names it: title (year),
    outlet. (Authors in other scripts than Latin and Cyrillic are the
    footnote parser's to recognise, not this module's.)"""
    outlet = entry.fields.get("journal") or entry.fields.get("publisher", "")
    return f"[{number}] {entry.fields['title']} ({entry.fields['year']}), {outlet}."


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report citing every source of the corpus, imported into a copy of
    the journal."""
    base = tmp_path_factory.mktemp("scripts-import")
    source = copy_project(DOCS, base / "journal")
    text = "\n\n".join(
        [
            "Eurasia in its own words",
            "Geopolitical Report ISSN 2785-2598 Volume 20 Issue 1",
            "Authors: Anna Rossi",
            "Date: January 2023",
            " ".join(
                f"The region writes in many scripts.[{n}]"
                for n in range(1, len(ENTRIES) + 1)
            ),
            *(footnote(n, entry) for n, entry in enumerate(ENTRIES, 1)),
        ]
    )
    received = base / "received.txt"
    received.write_text(text + "\n", encoding="utf-8")
    bib = source.parent / "references.bib"
    argv = ["import", str(received), "--date", "2023-01", "--force"]
    argv += ["--docs", str(source / "reports"), "--bib", str(bib)]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(argv) == 0
    return source


def test_imported_sources_carry_their_langid(imported: Path) -> None:
    bib = pybtex.database.parse_file(str(imported.parent / "references.bib"))
    by_title = {e.fields["title"]: e for e in bib.entries.values()}
    lost = {e.key for e in ENTRIES if e.fields["title"] not in by_title}
    assert lost == READ_AS_AUTHORS
    for entry in ENTRIES:
        if entry.key not in lost:
            found = by_title[entry.fields["title"]]
            assert found.fields["langid"] == entry.fields["langid"], entry.key


def test_the_imported_report_builds(imported: Path, tmp_path: Path) -> None:
    build_html(imported, tmp_path)


@pytest.mark.pdf
def test_the_imported_report_typesets(imported: Path, tmp_path: Path) -> None:
    build_pdf(imported, tmp_path)
