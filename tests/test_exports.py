"""The exports and the head's dates, for a date known to the year, the month
or the day: each read back with the library a reference manager would use
(rispy, pybtex, a CSL processor's input), and each value from the model."""

from __future__ import annotations

import json
import re

import pybtex.database
import pytest
import rispy

from georeport.exports import exports, ris_date
from georeport.model import Journal, PartialDate, Report
from georeport.sphinxext.report_head import month_date, scholar_date

JOURNAL = Journal.from_config(
    "Test Journal", "2532-845X", "Test Press", "https://example.org/j/"
)
DATES = {"2022": (2022,), "2022-01": (2022, 1), "2022-01-15": (2022, 1, 15)}
#: Zotero's RIS import reads DA with this pattern (RIS.js, dateRIStoZotero)
ZOTERO_RIS_DATE = re.compile(
    r"^(\d+)(?:/(\d{0,2})(?:/(\d{0,2})(?:(?:/|\s)([^/]*))?)?)?$"
)


def report(date: str, language: str = "en") -> Report:
    return Report(
        docname="reports/15-1-x",
        journal=JOURNAL,
        title="A report",
        authors=("Anna Rossi", "Ivan Petrov"),
        volume=15,
        issue=1,
        date=PartialDate.parse(date),
        language=language,
    )


@pytest.mark.parametrize("date", DATES)
def test_ris_date_keeps_every_part(date: str) -> None:
    value = ris_date(report(date))
    match = ZOTERO_RIS_DATE.match(value)
    assert match is not None
    parts = tuple(int(p) for p in match.groups()[:3] if p)
    assert parts == DATES[date]
    assert value.count("/") == 3  # the specification's YYYY/MM/DD/other


@pytest.mark.parametrize("date", DATES)
def test_scholar_and_reference_manager_dates(date: str) -> None:
    """Scholar's tag holds a full date or a year alone; citation_date adds the
    month where only it can hold it, and nowhere else."""
    item = report(date)
    published = scholar_date(item)
    assert re.fullmatch(r"\d{4}(/\d{2}/\d{2})?", published)
    parts = DATES[date]
    if len(parts) == 2:
        assert published == "2022"
        assert month_date(item) == "2022/01"
    else:
        assert tuple(int(p) for p in published.split("/")) == parts
        assert month_date(item) == ""


def test_ris_names_the_journal_and_the_pdf() -> None:
    item = report("2022-01")
    text = exports(item, with_pdf=True)["ris"]
    # a record starts at its TY line, as the RIS format and Zotero write it
    # (rispy's own writer put a counter, "1.", before it)
    assert text.startswith("TY  - JOUR\n"), text
    assert text.endswith("ER  - \n"), text
    (record,) = rispy.loads(text)
    assert record["secondary_title"] == JOURNAL.title  # T2
    assert record["alternate_title3"] == JOURNAL.title  # JF
    assert "journal_name" not in record  # JO: the abbreviation's tag
    assert record["urls"] == [item.page_url]
    assert record["file_attachments1"] == item.pdf_url  # L1
    assert item.pdf_url.rsplit("/", 1)[0] == item.page_url.rsplit("/", 1)[0]
    assert not re.search(r"^(JO|L1  - $)", text, re.M)
    (record,) = rispy.loads(exports(item)["ris"])
    assert "file_attachments1" not in record


@pytest.mark.parametrize(("code", "name"), [("en", "english"), ("it", "italian")])
def test_bibtex_language_beside_langid(code: str, name: str) -> None:
    data = pybtex.database.parse_string(
        exports(report("2022-01", code))["bib"], "bibtex"
    )
    (entry,) = data.entries.values()
    assert entry.fields["langid"] == name
    assert entry.fields["language"] == name


@pytest.mark.parametrize("date", DATES)
def test_csl_json_has_the_journal_and_the_whole_date(date: str) -> None:
    item = report(date, "it")
    (csl,) = json.loads(exports(item)["json"])
    assert csl["container-title"] == JOURNAL.title
    assert csl["ISSN"] == JOURNAL.issn
    assert (csl["volume"], csl["issue"]) == ("15", "1")
    assert csl["issued"] == {"date-parts": [list(DATES[date])]}
    assert csl["language"] == "it"
    assert csl["URL"] == item.page_url
