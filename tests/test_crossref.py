"""A Crossref deposit per issue (issue 16, item 3).

Every deposit is validated against Crossref's own XSD (schema 5.4.0, shipped
in tests/data/crossref-5.4.0 from a PyPI package, loaded offline), and its
facts are read back and compared with the front matter and the BibTeX file
of ``tests/roots/test-doi``.
"""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pybtex.database
import pytest
import xmlschema
from lxml import etree
from pybtex.plugin import find_plugin

from georeport.cli import main
from georeport.deposit.crossref import NAMESPACE
from georeport.editions.build import build_html
from georeport.exports import family_given
from georeport.model import read_report

from .conftest import DATA, ROOTS, journal_of
from .test_bib_crossref import BOOK, CHAPTER, book_facts

ROOT = ROOTS / "test-doi"
XSD = DATA / "crossref-5.4.0"
NS = {"c": NAMESPACE}
#: Where the schema's two remote imports are kept here.
LOCAL = {
    "mathml3.xsd": XSD / "standard-modules" / "mathml3" / "mathml3.xsd",
    "xml.xsd": XSD / "xml.xsd",
}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema11:
    def local(uri: str) -> str:
        name = uri.rsplit("/", 1)[-1]
        return str(LOCAL[name]) if uri.startswith("http") and name in LOCAL else uri

    return xmlschema.XMLSchema11(
        str(XSD / "crossref5.4.0.xsd"), uri_mapper=local, allow="local"
    )


def run(*args: str) -> tuple[int, bytes, str]:
    """``georeport`` as a user runs it: exit status, output, error lines."""
    out, err = io.BytesIO(), io.StringIO()
    text = io.TextIOWrapper(out, encoding="utf-8")
    with redirect_stdout(text), redirect_stderr(err):
        status = main(list(args))
        text.flush()
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the root (a test may change it)."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    return source


def deposit(source: Path, volume: int = 1, issue: int = 1) -> tuple[bytes, str]:
    status, xml, err = run(
        "deposit", "crossref", str(volume), str(issue), "--source", str(source)
    )
    assert status == 0, err
    return xml, err


def texts(element: etree._Element, path: str) -> list[str]:
    return [e.text or "" for e in element.iterfind(path, NS)]


def test_the_deposit_is_valid_and_says_what_the_reports_say(
    project: Path, schema: xmlschema.XMLSchema11
) -> None:
    xml, err = deposit(project)
    schema.validate(etree.fromstring(xml))
    root = etree.fromstring(xml)
    journal = journal_of(project)
    conf = (project / "conf.py").read_text(encoding="utf-8")
    # the journal and the issue
    assert texts(root, ".//c:journal_metadata/c:full_title") == [journal.title]
    (issn,) = root.iterfind(".//c:journal_metadata/c:issn", NS)
    assert (issn.text, issn.get("media_type")) == (journal.issn, "electronic")
    issue = root.find(".//c:journal_issue", NS)
    assert texts(issue, "c:journal_volume/c:volume") == ["1"]
    assert texts(issue, "c:issue") == ["1"]
    # the issue's date: the month of its earliest report (2024-03)
    assert texts(issue, "c:publication_date/c:month") == ["03"]
    assert texts(issue, "c:publication_date/c:year") == ["2024"]
    # one article: the report with a DOI; the other is said to be left out
    report = read_report(
        "reports/1-1-first", project / "reports" / "1-1-first.md", journal
    )
    (article,) = root.iterfind(".//c:journal_article", NS)
    assert article.get("language") == report.language
    assert texts(article, "c:titles/c:title") == [report.title]
    people = list(article.iterfind("c:contributors/c:person_name", NS))
    assert [p.get("sequence") for p in people] == ["first", "additional"]
    assert {p.get("contributor_role") for p in people} == {"author"}
    for person, author in zip(people, report.contributors, strict=True):
        family, given = family_given(author.name)
        assert texts(person, "c:surname") == [family]
        assert texts(person, "c:given_name") == [given]
        assert texts(person, "c:ORCID") == ([author.orcid_url] if author.orcid else [])
        names = texts(person, "c:affiliations/c:institution/c:institution_name")
        assert names == ([author.affiliation] if author.affiliation else [])
    assert texts(people[1], "c:surname") == ["de la Fontaine"]
    date = report.date
    assert texts(article, "c:publication_date/c:year") == [str(date.year)]
    assert texts(article, "c:publication_date/c:month") == [f"{date.month:02d}"]
    assert texts(article, "c:publication_date/c:day") == [f"{date.day:02d}"]
    assert texts(article, "c:doi_data/c:doi") == [report.doi]
    assert texts(article, "c:doi_data/c:resource") == [report.page_url]
    # the works it cites, in order: the DOI where the entry has one
    bib = pybtex.database.parse_file(str(project / "refs.bib"))
    citations = list(article.iterfind("c:citation_list/c:citation", NS))
    assert [c.get("key") for c in citations] == ["ref1", "ref2"]
    assert texts(citations[0], "c:doi") == [
        bib.entries["rossi2020"].fields["doi"].removeprefix("https://doi.org/")
    ]
    assert texts(citations[0], "c:unstructured_citation") == []
    style = find_plugin("pybtex.style.formatting", "georeport")()
    expected = style.format_entry("", bib.entries["petrov2023"]).text.render_as("text")
    assert texts(citations[1], "c:unstructured_citation") == [expected]
    assert "Каспийский Трубопровод" in expected
    # the head: depositor and registrant from conf.py
    head = root.find("c:head", NS)
    assert texts(head, "c:depositor/c:depositor_name") == ["Test Press Production"]
    assert "Test Press Production" in conf
    assert texts(head, "c:depositor/c:email_address") == ["doi@journal.example.org"]
    assert texts(head, "c:registrant") == [journal.publisher]
    assert texts(head, "c:timestamp") == ["20240305000000"]  # the newest report
    assert "reports/1-1-second has no DOI and is left out" in err


def test_made_dois_are_deposited_too(project: Path, schema) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('georeport_doi_prefix = "10.55555"\n')
    xml, err = deposit(project)
    schema.validate(etree.fromstring(xml))
    root = etree.fromstring(xml)
    assert texts(root, ".//c:journal_article/c:doi_data/c:doi") == [
        "10.55555/tj.2024_1.1",  # written, first in the issue (order: 1)
        "10.55555/1-1-second",  # made from its file name
    ]
    assert "left out" not in err


def test_the_same_sources_give_the_same_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, _ = deposit(project)
    again, _ = deposit(project)
    assert first == again
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    later, _ = deposit(project)
    head = etree.fromstring(later).find("c:head", NS)
    assert texts(head, "c:timestamp") == ["20260101000000"]
    # the batch id follows the body, not the time
    ids = [
        texts(etree.fromstring(xml).find("c:head", NS), "c:doi_batch_id")
        for xml in (first, later)
    ]
    assert ids[0] == ids[1]
    report = project / "reports" / "1-1-first.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("Energy corridors", "Energy routes"), "utf-8")
    changed, _ = deposit(project)
    new_id = texts(etree.fromstring(changed).find("c:head", NS), "c:doi_batch_id")
    assert new_id != ids[0]


HOSTILE = '</title><x a="1">&amp; {x} \\ $x^2$ <![CDATA[ ]]> {% raw %}'


def test_a_hostile_title_is_text(project: Path, schema) -> None:
    report = project / "reports" / "1-1-first.md"
    text = report.read_text(encoding="utf-8")
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    report.write_text(
        text.replace(
            "title: Energy corridors of the Caspian Sea", f'title: "{quoted}"'
        ),
        encoding="utf-8",
    )
    xml, _ = deposit(project)
    schema.validate(etree.fromstring(xml))
    root = etree.fromstring(xml)
    assert texts(root, ".//c:journal_article/c:titles/c:title") == [HOSTILE]
    assert list(root.iterfind(".//c:title/*", NS)) == []


def test_an_issue_without_a_doi_is_an_error(project: Path) -> None:
    status, xml, err = run("deposit", "crossref", "1", "2", "--source", str(project))
    assert (status, xml) == (1, b"")
    assert err.startswith("georeport: error: no report of volume 1, issue 2 has a DOI")
    assert "doi: 10.NNNN/" in err and "georeport_doi_prefix" in err
    status, _, err = run("deposit", "crossref", "7", "1", "--source", str(project))
    assert status == 1 and "no report of volume 7, issue 1" in err


def test_missing_depositor_settings_are_named(project: Path) -> None:
    conf = project / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(
        "\n".join(
            line
            for line in text.splitlines()
            if not line.startswith("georeport_crossref_depositor")
        ),
        encoding="utf-8",
    )
    status, xml, err = run("deposit", "crossref", "1", "1", "--source", str(project))
    assert (status, xml) == (1, b"")
    assert "georeport_crossref_depositor_name" in err
    assert "georeport_crossref_depositor_email" in err
    assert "registrant" not in err.split("set ", 1)[1].split(" in conf.py")[0]


def test_a_deposit_written_to_a_file(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    status, xml, err = run(
        "deposit", "crossref", "1", "1", "--source", str(project), "-o", str(out)
    )
    assert (status, xml) == (0, b"")
    assert out.read_bytes() == deposit(project)[0]
    assert f"wrote {out}" in err


def test_the_html_build_writes_the_same_deposits(project: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    build_html(project, build)
    written = build / "deposits" / "1-1.xml"
    assert sorted(p.name for p in (build / "deposits").iterdir()) == ["1-1.xml"]
    assert written.read_bytes() == deposit(project)[0]
    # a build that changes nothing rewrites nothing
    stamp = written.stat().st_mtime_ns
    build_html(project, build, "-E")
    assert written.stat().st_mtime_ns == stamp
    # the issue's only DOI goes: its deposit goes too
    report = project / "reports" / "1-1-first.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("doi:")),
        encoding="utf-8",
    )
    build_html(project, build)
    assert list((build / "deposits").iterdir()) == []


def test_a_cited_chapter_is_cited_in_its_book(project: Path) -> None:
    """``crossref``: the citation is the build's, the book's facts with it."""
    with (project / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(CHAPTER + BOOK)
    first = project / "reports" / "1-1-first.md"
    first.write_text(
        first.read_text("utf-8").replace("`petrov2023`", "`cooley2017`"), "utf-8"
    )
    xml, _err = deposit(project)
    (article,) = etree.fromstring(xml).iterfind(".//c:journal_article", NS)
    citations = list(article.iterfind("c:citation_list/c:citation", NS))
    (text,) = texts(citations[1], "c:unstructured_citation")
    assert text.startswith("Alexander Cooley (2017) Tracking the Flows, in ")
    for fact in book_facts(project):
        assert fact in text, (fact, text)
