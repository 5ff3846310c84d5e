"""Importing the seed report gives the committed report and its entries.

The committed files were written by hand from the seed and
reference-facts.md: they hold what the footnotes say and a few facts an editor
confirmed later (URLs, dates, a publisher). These tests show exactly which
fields those are, and that the import loses none of the others.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file, parse_string

from georeport.importer.bibtex import append_entries, render_entry
from georeport.importer.convert import Conversion, convert
from georeport.importer.files import plan_import

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "report-15-1.txt"
COMMITTED_REPORT = REPO / "docs" / "reports" / "15-1-kazakhstan.md"
COMMITTED_BIB = REPO / "references.bib"

#: front matter the header does not give: the editor adds it (the import warns)
ADDED_BY_THE_EDITOR = {"date", "keywords"}
#: fields of committed entries that no footnote holds, confirmed later
CONFIRMED_LATER = {
    "evseev2013": {"publisher", "url", "note"},
    "kazakhstan2021": {"url"},
    "kazakhstan2021a": {"url", "note"},
    "kazakhstan2021b": {"date", "url"},
    "gabrielan2022": {"url"},
    "mejlumyan2022": {"url"},
    "bifolchi2021a": {"date", "url", "issn"},
    "us2022": {"url"},
}


@pytest.fixture(scope="module")
def imported() -> Conversion:
    return convert(SEED.read_text(encoding="utf-8"), SEED.name, {})


def _split(report: str) -> tuple[dict, str]:
    _, front, body = report.split("---\n", 2)
    return yaml.safe_load(front), body


def _added(imported: Conversion) -> list[str]:
    return [render_entry(key, source) for key, source in imported.new.items()]


def test_the_text_is_the_committed_text(imported: Conversion) -> None:
    # the title's chief words; the committed file, named before, is found by
    # its front matter (test_importing_again_...)
    assert imported.slug == "15-1-kazakhstan-crisis"
    ours, body = _split(imported.report)
    theirs, committed_body = _split(COMMITTED_REPORT.read_text(encoding="utf-8"))
    assert body == committed_body
    assert set(theirs) - set(ours) == ADDED_BY_THE_EDITOR
    assert ours == {k: v for k, v in theirs.items() if k not in ADDED_BY_THE_EDITOR}


def test_the_missing_date_is_the_only_warning(imported: Conversion) -> None:
    assert imported.warnings == [
        f'{SEED.name}: no date in the header: add date: "YYYY-MM" to the front matter'
    ]


def test_each_entry_is_the_committed_one_less_what_was_confirmed_later(
    imported: Conversion,
) -> None:
    ours = parse_string(append_entries("", _added(imported)), "bibtex").entries
    theirs = parse_file(str(COMMITTED_BIB)).entries
    assert list(ours) == list(theirs)
    for key, entry in ours.items():
        committed = theirs[key]
        assert entry.type == committed.type, key
        assert entry.persons == committed.persons, key
        assert {k: committed.fields[k] for k in entry.fields} == dict(entry.fields)
        assert set(committed.fields) - set(entry.fields) == CONFIRMED_LATER.get(
            key, set()
        ), key


def test_entries_are_written_in_the_committed_layout(imported: Conversion) -> None:
    """Each imported entry's lines appear, in order, in the committed entry."""
    committed = COMMITTED_BIB.read_text(encoding="utf-8").split("\n\n")
    for ours, theirs in zip(_added(imported), committed, strict=True):
        remaining = (line.rstrip(",") for line in theirs.strip().splitlines())
        assert all(line.rstrip(",") in remaining for line in ours.splitlines()), ours


def test_importing_again_adds_nothing_and_cites_the_same_keys(
    imported: Conversion,
) -> None:
    """Against the committed bibliography, each source is the committed entry:
    no entry is added, none is said to lack what the footnote gives, and the
    report replaces (with --force) the committed file, under its own name."""
    plan = plan_import(SEED, COMMITTED_REPORT.parent, COMMITTED_BIB, force=True)
    assert plan.added == []
    assert plan.kept == list(parse_file(str(COMMITTED_BIB)).entries)
    assert plan.report == imported.report
    assert plan.report_path == COMMITTED_REPORT
    assert [w.replace(str(SEED), SEED.name) for w in plan.warnings] == (
        imported.warnings
    )
