"""What indexers and archives read (issue 28): JATS, Signposting, DOAJ, the
fuller Crossref deposit, the licence, ROR IDs and funding in every channel.

Every file is read by a validator nobody here wrote (the JATS Publishing
DTD 1.1, Crossref's XSDs 5.4.0 and 5.3.1, DOAJ's ``doajArticles.xsd``: all
in ``tests/data``, loaded offline) and every expected value comes from the
model (front matter, ``conf.py``, the BibTeX file), never from an output.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from urllib.parse import urljoin

import pybtex.database
import pytest
import rispy
import xmlschema
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from georeport.cli import main
from georeport.deposit import crossref
from georeport.editions import epub as epub_edition
from georeport.model import Report

from .conftest import DATA, JOURNAL, ROOTS, STRICT, Project, built
from .test_cross_edition import html_footnotes

DTD_DIR = DATA / "jats-publishing-1.1"
XLINK = "{http://www.w3.org/1999/xlink}href"
ALI = "{http://www.niso.org/schemas/ali/1.0/}license_ref"


# -- validators nobody here wrote ----------------------------------------------


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    """The JATS Journal Publishing DTD 1.1, its modules read from tests/data."""
    return etree.DTD(str(DTD_DIR / "JATS-journalpublishing1.dtd"))


def _local(files: dict[str, Path]):
    def mapper(uri: str) -> str:
        name = uri.rsplit("/", 1)[-1]
        return str(files[name]) if uri.startswith("http") and name in files else uri

    return mapper


@pytest.fixture(scope="module")
def crossref_schemas() -> dict[str, xmlschema.XMLSchema11]:
    """Crossref's schemas 5.4.0 and 5.3.1; their remote imports mapped here."""
    v540, v531 = DATA / "crossref-5.4.0", DATA / "crossref-5.3.1"
    return {
        "5.4.0": xmlschema.XMLSchema11(
            str(v540 / "crossref5.4.0.xsd"),
            uri_mapper=_local(
                {
                    "mathml3.xsd": v540 / "standard-modules/mathml3/mathml3.xsd",
                    "xml.xsd": v540 / "xml.xsd",
                }
            ),
            allow="local",
        ),
        "5.3.1": xmlschema.XMLSchema11(
            str(v531 / "crossref5.3.1.xsd"),
            uri_mapper=_local({"xml.xsd": v531 / "xml.xsd"}),
            allow="local",
        ),
    }


@pytest.fixture(scope="module")
def doaj_schema() -> xmlschema.XMLSchema11:
    folder = DATA / "doaj"
    return xmlschema.XMLSchema11(
        str(folder / "doajArticles.xsd"),
        uri_mapper=_local({"iso_639-2b.xsd": folder / "iso_639-2b.xsd"}),
        allow="local",
    )


def jats_of(project: Project, report: Report) -> etree._ElementTree:
    path = project.build / "html" / Path(report.docname).parent / report.jats_name
    return etree.parse(str(path), etree.XMLParser(no_network=True))


def valid_jats(dtd: etree.DTD, tree: etree._ElementTree) -> None:
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    # the DOCTYPE names the DTD as NLM's own file says to invoke it
    invocation = (DTD_DIR / "JATS-journalpublishing1.dtd").read_text()
    public = re.search(r'^"(-//NLM//DTD JATS[^"]+)"$', invocation, re.M)
    assert public is not None
    assert tree.docinfo.public_id == public.group(1)
    assert tree.docinfo.system_url.endswith(
        "/publishing/1.1/JATS-journalpublishing1.dtd"
    )


def run(*args: str) -> bytes:
    out, err = io.BytesIO(), io.StringIO()
    text = io.TextIOWrapper(out, encoding="utf-8")
    with redirect_stdout(text), redirect_stderr(err):
        status = main(list(args))
        text.flush()
    assert status == 0, err.getvalue()
    return out.getvalue()


def texts(element: etree._Element, path: str, ns: dict[str, str] | None = None):
    return [" ".join("".join(e.itertext()).split()) for e in element.iterfind(path, ns)]


def the_report(project: Project) -> Report:
    (path,) = project.report_files()
    return project.report(path)


# -- the project every channel is read from -------------------------------------


@pytest.fixture(scope="module")
def indexers(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """tests/roots/test-indexers, built once (the HTML edition, its PDF a
    stand-in from pdf/ put beside the page)."""
    source = tmp_path_factory.mktemp("indexers") / "source"
    shutil.copytree(ROOTS / "test-indexers", source)
    return built(SphinxTestApp("html", srcdir=source, confoverrides=STRICT))


# -- JATS --------------------------------------------------------------------


def test_jats_is_valid_and_its_front_says_what_the_model_says(
    indexers: Project, dtd: etree.DTD
) -> None:
    report = the_report(indexers)
    journal = report.journal
    tree = jats_of(indexers, report)
    valid_jats(dtd, tree)
    root = tree.getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == report.language
    meta = root.find("front/journal-meta")
    assert texts(meta, "journal-title-group/journal-title") == [journal.title]
    assert texts(meta, "issn") == [journal.issn]
    assert texts(meta, "publisher/publisher-name") == [journal.publisher]
    article = root.find("front/article-meta")
    # a title of markup is text: the characters, escaped by lxml
    assert texts(article, "title-group/article-title") == [report.title]
    assert "<b>" in report.title
    assert texts(article, "article-id[@pub-id-type='doi']") == [report.doi]
    contribs = article.findall("contrib-group/contrib")
    affs = {aff.get("id"): aff for aff in article.iterfind("contrib-group/aff")}
    assert len(contribs) == len(report.people)
    for contrib, author in zip(contribs, report.people, strict=True):
        orcid = texts(contrib, "contrib-id[@contrib-id-type='orcid']")
        assert orcid == ([author.orcid_url] if author.orcid else [])
        names = texts(contrib, "name/given-names") + texts(contrib, "name/surname")
        assert " ".join(names) == author.name
        rids = [x.get("rid") for x in contrib.iterfind("xref[@ref-type='aff']")]
        if not author.affiliation:
            assert rids == []
            continue
        (aff,) = (affs[rid] for rid in rids)
        assert texts(aff, "institution-wrap/institution") == [author.affiliation]
        ror = texts(aff, "institution-wrap/institution-id[@institution-id-type='ror']")
        assert ror == [author.ror_url]
    date = report.date
    pub = article.find("pub-date")
    assert texts(pub, "year") + texts(pub, "month") + texts(pub, "day") == [
        str(date.year),
        f"{date.month:02d}",
        f"{date.day:02d}",
    ]
    assert texts(article, "volume") == [str(report.volume)]
    assert texts(article, "issue") == [str(report.issue)]
    assert texts(article, "abstract/p") == list(report.abstract_paragraphs)
    assert texts(article, "kwd-group/kwd") == list(report.keywords)
    (licence,) = article.iterfind("permissions/license")
    assert licence.get(XLINK) == report.licence.url
    assert texts(licence, ALI) == [report.licence.url]
    assert texts(article, "permissions/copyright-statement") == [report.rights]
    awards = article.findall("funding-group/award-group")
    assert len(awards) == len(report.funding)
    for award, funding in zip(awards, report.funding, strict=True):
        wrap = "funding-source/institution-wrap/"
        assert texts(award, wrap + "institution") == [funding.funder]
        ids = texts(award, wrap + "institution-id")
        assert ids == ([funding.funder_id_url] if funding.funder_id else [])
        assert texts(award, "award-id") == ([funding.award] if funding.award else [])
    uris = {u.get("content-type"): u.get(XLINK) for u in article.iter("self-uri")}
    assert uris == {"html": report.page_url, "pdf": report.pdf_url}


def test_jats_body_and_back(indexers: Project, dtd: etree.DTD) -> None:
    """Sections, figure, table, list, footnotes as the page has them; the
    ref-list from the BibTeX file, every field the style prints."""
    report = the_report(indexers)
    root = jats_of(indexers, report).getroot()
    page = indexers.html(report)
    source = (indexers.source / f"{report.docname}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#{2,3} (.+)$", source, re.M)
    titles = texts(root, ".//body//sec/title")
    assert titles == [t for t in headings if t != "References"]
    (fig,) = root.iter("fig")
    assert texts(fig, "caption/p") == ["The main pipelines around the Caspian Sea."]
    (graphic,) = fig.iter("graphic")
    image = indexers.build / "html" / "reports" / graphic.get(XLINK)
    assert image.read_bytes().startswith(b"\x89PNG")
    assert texts(graphic, "alt-text") == [
        "A map of the pipelines around the Caspian Sea"
    ]
    assert texts(root, ".//table-wrap//tr/*") == [
        "Port", "Tonnes", "Aktau", "12", "Baku", "20"
    ]  # fmt: skip
    assert texts(root, ".//body//list/list-item/p") == [
        "Atyrau to Samara",
        "Tengiz to Novorossiysk",
    ]
    (link,) = root.iterfind(".//body//ext-link")
    assert link.get(XLINK) == "https://example.org/archive"
    # each footnote: its mark in the text, its words as the page's
    notes = root.findall("back/fn-group/fn")
    marks = [x.get("rid") for x in root.iterfind(".//body//xref[@ref-type='fn']")]
    assert marks == [fn.get("id") for fn in notes]
    assert [(texts(fn, "label")[0], " ".join(texts(fn, "p"))) for fn in notes] == [
        (label, text) for label, text in html_footnotes(page)
    ]
    # the ref-list: each cited entry, in the order of its first citation
    bib = indexers.bibliography.entries
    refs = root.findall("back/ref-list/ref/element-citation")
    assert len(refs) == 5
    journal_article, book, chapter, paper, online = refs
    rossi = bib["rossi2020"]
    assert journal_article.get("publication-type") == "journal"
    assert texts(journal_article, "article-title") == [rossi.fields["title"]]
    assert texts(journal_article, "source") == [rossi.fields["journal"]]
    assert texts(journal_article, "person-group/name/surname") == [
        "Rossi",
        "de la Fontaine",
    ]
    for field in ("volume", "year"):
        assert texts(journal_article, field) == [rossi.fields[field]]
    assert texts(journal_article, "issue") == [rossi.fields["number"]]
    assert texts(journal_article, "fpage") + texts(journal_article, "lpage") == (
        rossi.fields["pages"].split("--")
    )
    assert texts(journal_article, "pub-id[@pub-id-type='doi']") == [
        rossi.fields["doi"].removeprefix("https://doi.org/")
    ]
    berg = bib["berg2019"]
    assert texts(book, "source") == [berg.fields["title"]]
    assert texts(book, "edition") == [berg.fields["edition"]]
    assert texts(book, "series") == [berg.fields["series"]]
    assert texts(book, "publisher-loc") == [berg.fields["address"]]
    assert texts(book, "publisher-name") == [berg.fields["publisher"]]
    assert texts(book, "isbn") == [berg.fields["isbn"]]
    novak = bib["novak2021"]
    assert texts(chapter, "article-title") == [novak.fields["title"]]
    assert texts(chapter, "source") == [novak.fields["booktitle"]]
    assert texts(chapter, "person-group[@person-group-type='editor']/name/surname")
    ewing = bib["ewing2022"]
    assert texts(paper, "institution") == [ewing.fields["institution"]]
    assert texts(paper, "comment") == [
        f"{ewing.fields['type']} {ewing.fields['number']}"
    ]
    petrov = bib["petrov2023"]
    assert texts(online, "source") == [petrov.fields["organization"]]
    assert texts(online, "ext-link") == [petrov.fields["url"]]
    assert texts(online, "date-in-citation") == [petrov.fields["urldate"]]


@JOURNAL
def test_the_seed_reports_jats_holds_its_text_word_for_word(
    sphinx_app: SphinxTestApp, dtd: etree.DTD
) -> None:
    """The repository's report: each heading and paragraph of its Markdown
    (the {footcite} roles taken out) is, in order, a title or a ``p`` of the
    JATS body, nothing added or dropped; each footnote is the page's."""
    project = built(sphinx_app)
    (path,) = project.report_files()
    report = project.report(path)
    tree = jats_of(project, report)
    valid_jats(dtd, tree)
    source = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    source = source.split("```{footbibliography}")[0]
    expected = []
    for block in re.split(r"\n\s*\n", source):
        text = re.sub(r"\{footcite\}`[^`]*`", "", block.strip())
        if text:
            expected.append(" ".join(text.removeprefix("## ").split()))
    body = tree.getroot().find("body")
    found = []
    for element in body.iter("p", "title"):
        copy = etree.fromstring(etree.tostring(element))
        for mark in copy.iter("xref"):  # the footnote marks
            mark.text = ""
        found.append(" ".join("".join(copy.itertext()).split()))
    assert found == expected
    assert len(found) > 10
    notes = tree.getroot().findall("back/fn-group/fn")
    page = project.html(report)
    assert [(texts(fn, "label")[0], " ".join(texts(fn, "p"))) for fn in notes] == [
        (label, text) for label, text in html_footnotes(page)
    ]


# -- Signposting -----------------------------------------------------------------


#: What a file of each media type must be, read by its own reader.
def _bibtex(data: bytes) -> None:
    assert pybtex.database.parse_string(data.decode(), "bibtex").entries


def _ris(data: bytes) -> None:
    assert rispy.loads(data.decode())[0]["type_of_reference"] == "JOUR"


def _csl(data: bytes) -> None:
    assert json.loads(data)[0]["type"] == "article-journal"


def _pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")


def _epub(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.read("mimetype") == b"application/epub+zip"


READERS = {
    "application/x-bibtex": _bibtex,
    "application/x-research-info-systems": _ris,
    "application/vnd.citationstyles.csl+json": _csl,
    "application/pdf": _pdf,
    "application/epub+zip": _epub,
}


def test_signposting_links_lead_to_files_of_their_type(
    indexers: Project, dtd: etree.DTD
) -> None:
    report = the_report(indexers)
    page = indexers.html(report)
    links: dict[str, list] = {}
    for link in page.head.find_all("link"):
        for rel in link["rel"]:
            links.setdefault(rel, []).append(link)
    (cite_as,) = links["cite-as"]
    assert cite_as["href"] == report.doi_url
    assert [a["href"] for a in links["author"]] == [
        a.orcid_url for a in report.people if a.orcid
    ]
    (licence,) = links["license"]
    assert licence["href"] == report.licence.url
    assert [t["href"] for t in links["type"]] == [
        "https://schema.org/ScholarlyArticle",
        "https://schema.org/AboutPage",
    ]
    base = indexers.journal.base_url
    html = indexers.build / "html"
    described = {link["type"] for link in links["describedby"]}
    assert described == {
        "application/x-bibtex",
        "application/x-research-info-systems",
        "application/vnd.citationstyles.csl+json",
        "application/jats+xml",
    }
    items = {link["type"] for link in links["item"]}
    assert items == {"application/pdf", "application/epub+zip"}
    for link in links["describedby"] + links["item"]:
        url = urljoin(report.page_url, link["href"])
        assert url.startswith(base)
        data = (html / url.removeprefix(base)).read_bytes()
        if link["type"] == "application/jats+xml":
            valid_jats(dtd, etree.ElementTree(etree.fromstring(data)))
        else:
            READERS[link["type"]](data)
    # the JATS file announced for Scholar and as an alternate too
    (xml_url,) = [
        m["content"]
        for m in page.head.find_all("meta", attrs={"name": "citation_xml_url"})
    ]
    (alternate,) = page.head.find_all(
        "link", rel="alternate", type="application/jats+xml"
    )
    assert urljoin(report.page_url, alternate["href"]) == xml_url


# -- the deposits ------------------------------------------------------------------


def test_crossref_deposit_carries_licence_ror_funding_abstract_and_full_text(
    crossref_schemas: dict[str, xmlschema.XMLSchema11],
) -> None:
    source = ROOTS / "test-indexers"
    project = Project(source, source, "")
    report = the_report(project)
    for version, schema in crossref_schemas.items():
        xml = run("deposit", "crossref", "1", "1", "--source", str(source),
                  "--schema", version)  # fmt: skip
        root = etree.fromstring(xml)
        schema.validate(root)
        ns = {
            "c": crossref.namespace(version),
            "jats": crossref.JATS,
            "fr": crossref.FUNDREF,
            "ai": crossref.ACCESS,
        }
        (article,) = root.iterfind(".//c:journal_article", ns)
        people = article.findall("c:contributors/c:person_name", ns)
        for person, author in zip(people, report.people, strict=True):
            ids = texts(person, ".//c:institution_id[@type='ror']", ns)
            assert ids == ([author.ror_url] if author.ror else [])
        assert texts(article, "jats:abstract/jats:p", ns) == list(
            report.abstract_paragraphs
        )
        (licence,) = article.iterfind("ai:program/ai:license_ref", ns)
        assert licence.text == report.licence.url
        assert licence.get("applies_to") == "vor"
        assert licence.get("start_date") == report.date.iso()
        groups = article.findall("fr:program/fr:assertion[@name='fundgroup']", ns)
        for group, funding in zip(groups, report.funding, strict=True):
            (name,) = group.iterfind("fr:assertion[@name='funder_name']", ns)
            assert name.text == funding.funder
            ids = texts(name, "fr:assertion[@name='funder_identifier']", ns)
            assert ids == ([funding.funder_id_url] if funding.funder_id else [])
            awards = texts(group, "fr:assertion[@name='award_number']", ns)
            assert awards == ([funding.award] if funding.award else [])
        assert len(groups) == len(report.funding)
        data = article.find("c:doi_data", ns)
        mining = texts(
            data, "c:collection[@property='text-mining']/c:item/c:resource", ns
        )
        crawled = data.findall("c:collection[@property='crawler-based']/c:item", ns)
        assert mining == [report.pdf_url]
        assert [i.get("crawler") for i in crawled] == ["iParadigms"]
        assert texts(crawled[0], "c:resource", ns) == [report.pdf_url]


def test_doaj_xml_is_valid_and_holds_every_report_of_the_issue(
    doaj_schema: xmlschema.XMLSchema11,
) -> None:
    """DOAJ XML needs no DOI: test-doi's issue 1 has a report without one."""
    for root_name, volume, issue in (("test-indexers", 1, 1), ("test-doi", 1, 1)):
        source = ROOTS / root_name
        project = Project(source, source, "")
        reports = sorted(
            (project.report(p) for p in project.report_files()),
            key=lambda r: (r.volume, r.issue, r.order or 0),
        )
        reports = [r for r in reports if (r.volume, r.issue) == (volume, issue)]
        xml = run("deposit", "doaj", str(volume), str(issue), "--source", str(source))
        root = etree.fromstring(xml)
        doaj_schema.validate(root)
        records = root.findall("record")
        assert texts(root, "record/title") == [r.title for r in reports]
        for record, report in zip(records, reports, strict=True):
            assert texts(record, "language") == ["eng"]
            assert texts(record, "eissn") == [report.journal.issn]
            assert texts(record, "publicationDate") == [report.date.iso()]
            assert texts(record, "doi") == ([report.doi] if report.doi else [])
            assert texts(record, "fullTextUrl") == [report.page_url]
            assert texts(record, "authors/author/name") == list(report.authors)
            assert texts(record, "authors/author/orcid_id") == [
                a.orcid_url for a in report.people if a.orcid
            ]
            names = {
                a.get("affiliationId"): a.text
                for a in record.iterfind("affiliationsList/affiliationName")
            }
            for author, element in zip(
                report.people, record.iterfind("authors/author"), strict=True
            ):
                ids = texts(element, "affiliationId")
                assert [names[i] for i in ids] == (
                    [author.affiliation] if author.affiliation else []
                )
            assert texts(record, "keywords/keyword") == list(report.keywords)
    assert any(not r.doi for r in reports)


# -- one report, every channel -------------------------------------------------------


def test_licence_ror_and_funding_reach_every_channel(indexers: Project) -> None:
    """What each format can hold of them (guide/publishing.md says which
    holds what); the PDF's XMP: test_pdf_xmp_carries_the_licence."""
    report = the_report(indexers)
    licence = report.licence
    page = indexers.html(report)
    folder = indexers.build / "html" / "reports"

    def metas(name: str) -> list[str]:
        return [m["content"] for m in page.head.find_all("meta", attrs={"name": name})]

    # the head: Dublin Core, Highwire, JSON-LD
    assert metas("DC.rights") == [report.rights, licence.url]
    assert metas("dcterms.license") == [licence.url]
    assert metas("citation_author_institution") == [
        a.affiliation for a in report.people if a.affiliation
    ]
    (script,) = page.head.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["license"] == licence.url
    affiliations = [a.get("affiliation") for a in data["author"]]
    assert [a["identifier"] for a in affiliations if a] == [
        a.ror_url for a in report.people if a.ror
    ]
    assert [g["funder"]["name"] for g in data["funding"]] == [
        f.funder for f in report.funding
    ]
    assert [g.get("identifier") for g in data["funding"]] == [
        f.award or None for f in report.funding
    ]
    # the exports: BibTeX's copyright (Zotero's Rights), CSL-JSON's license
    bib = pybtex.database.parse_file(str(folder / f"{report.slug}.bib"))
    (entry,) = bib.entries.values()
    assert licence.url in entry.fields["copyright"]
    assert report.rights.removeprefix("© ") in entry.fields["copyright"]
    (item,) = json.loads((folder / f"{report.slug}.json").read_text())
    assert item["license"] == licence.url
    # the EPUB's package
    with zipfile.ZipFile(folder / report.epub_name) as book:
        opf = etree.fromstring(book.read("EPUB/content.opf"))
    ns = {
        "opf": "http://www.idpf.org/2007/opf",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    assert texts(opf, ".//dc:rights", ns) == [report.rights_and_licence]
    assert texts(opf, ".//opf:meta[@property='dcterms:license']", ns) == [licence.url]
    book = folder / report.epub_name
    assert epub_edition.check([book]) == {book: []}  # EPUBCheck takes it
    # JATS, Crossref, DOAJ: the tests above; the page links the licence
    assert [link["href"] for link in page.head.find_all("link", rel="license")] == [
        licence.url
    ]


@pytest.mark.pdf
def test_pdf_xmp_carries_the_licence(tmp_path: Path) -> None:
    """hyperxmp: dc:rights holds the rights and the licence, and
    xmpRights:WebStatement the licence's address."""
    import subprocess

    from georeport.editions.build import build_pdf

    source = tmp_path / "source"
    shutil.copytree(ROOTS / "test-indexers", source)
    build_pdf(source, tmp_path / "build")
    project = Project(source, tmp_path / "build", "")
    report = the_report(project)
    out = subprocess.run(
        ["pdfinfo", "-meta", str(project.pdf(report))], check=True, capture_output=True
    ).stdout
    start, end = out.index(b"<x:xmpmeta"), out.index(b"</x:xmpmeta>") + 12
    xmp = etree.fromstring(out[start:end])
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    }
    assert texts(xmp, ".//dc:rights//rdf:li", ns) == [report.rights_and_licence]
    statements = texts(xmp, ".//xmpRights:WebStatement", ns) + [
        d.get(f"{{{ns['xmpRights']}}}WebStatement", "")
        for d in xmp.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    ]
    assert report.licence.url in statements
