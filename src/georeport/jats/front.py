"""The ``front`` of a report's JATS file: the journal's and the article's
metadata, each fact asked of the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..exports import family_given
from .xml import ALI, HREF, add

if TYPE_CHECKING:
    from lxml import etree

    from ..model import Author, Report


def _journal_meta(front: etree._Element, report: Report) -> None:
    journal = report.journal
    meta = add(front, "journal-meta")
    add(meta, "journal-id", journal.title, journal_id_type="publisher-id")
    add(add(meta, "journal-title-group"), "journal-title", journal.title)
    add(meta, "issn", journal.issn, publication_format="electronic", pub_type="epub")
    if journal.publisher:
        add(add(meta, "publisher"), "publisher-name", journal.publisher)


def _affiliations(report: Report) -> dict[tuple[str, str], str]:
    """Each affiliation (name, ROR ID) once, with its id (``aff1``...)."""
    found: dict[tuple[str, str], str] = {}
    for author in report.people:
        if author.affiliation:
            key = (author.affiliation, author.ror)
            found.setdefault(key, f"aff{len(found) + 1}")
    return found


def _name(contrib: etree._Element, author: Author) -> None:
    """``name`` (surname, given names) as the exports split it; a name with
    no surname (one word read as a first name) is a ``string-name``."""
    family, given = family_given(author.name)
    if not family:
        add(contrib, "string-name", author.name)
        return
    name = add(contrib, "name")
    add(name, "surname", family)
    if given:
        add(name, "given-names", given)


def _contributors(meta: etree._Element, report: Report) -> None:
    group = add(meta, "contrib-group")
    affiliations = _affiliations(report)
    for author in report.people:
        contrib = add(group, "contrib", contrib_type="author")
        if author.orcid:
            add(
                contrib,
                "contrib-id",
                author.orcid_url,
                contrib_id_type="orcid",
                authenticated="false",
            )
        _name(contrib, author)
        if author.affiliation:
            rid = affiliations[(author.affiliation, author.ror)]
            add(contrib, "xref", ref_type="aff", rid=rid)
    for (name, ror), rid in affiliations.items():
        wrap = add(add(group, "aff", id=rid), "institution-wrap")
        if ror:
            add(
                wrap,
                "institution-id",
                f"https://ror.org/{ror}",
                institution_id_type="ror",
            )
        add(wrap, "institution", name)


def _date(meta: etree._Element, report: Report) -> None:
    date = report.date
    element = add(meta, "pub-date", publication_format="electronic", date_type="pub")
    element.set("iso-8601-date", date.iso())
    if date.day:
        add(element, "day", f"{date.day:02d}")
    if date.month:
        add(element, "month", f"{date.month:02d}")
    add(element, "year", f"{date.year:04d}")


def _permissions(meta: etree._Element, report: Report) -> None:
    """The rights statement and the licence (JATS4R's: ``license`` with its
    address, and NISO ALI's ``license_ref``)."""
    licence = report.licence
    if not report.rights and licence is None:
        return
    permissions = add(meta, "permissions")
    if report.rights:
        add(permissions, "copyright-statement", report.rights)
        add(permissions, "copyright-year", str(report.date.year))
    if licence is not None:
        element = add(permissions, "license")
        element.set(HREF, licence.url)
        add(element, f"{{{ALI}}}license_ref", licence.url)
        paragraph = add(element, "license-p", "This work is published under the ")
        link = add(paragraph, "ext-link", licence.name, ext_link_type="uri")
        link.set(HREF, licence.url)
        link.tail = f" licence ({licence.spdx})."


def _funding(meta: etree._Element, report: Report) -> None:
    if not report.funding:
        return
    group = add(meta, "funding-group")
    for number, funding in enumerate(report.funding, start=1):
        award = add(group, "award-group", id=f"award{number}")
        source = add(award, "funding-source")
        wrap = add(source, "institution-wrap")
        add(wrap, "institution", funding.funder)
        if funding.funder_id:
            add(
                wrap,
                "institution-id",
                funding.funder_id_url,
                institution_id_type="doi",
            )
        if funding.award:
            add(award, "award-id", funding.award)


def front(root: etree._Element, report: Report, *, with_pdf: bool = False) -> None:
    """``front``: ``journal-meta`` and ``article-meta``, in the DTD's order."""
    element = add(root, "front")
    _journal_meta(element, report)
    meta = add(element, "article-meta")
    if report.doi:
        add(meta, "article-id", report.doi, pub_id_type="doi")
    add(add(meta, "title-group"), "article-title", report.title)
    _contributors(meta, report)
    _date(meta, report)
    add(meta, "volume", str(report.volume))
    add(meta, "issue", str(report.issue))
    _permissions(meta, report)
    if report.page_url:
        add(meta, "self-uri", content_type="html").set(HREF, report.page_url)
    if with_pdf and report.pdf_url:
        add(meta, "self-uri", content_type="pdf").set(HREF, report.pdf_url)
    if report.abstract_paragraphs:
        abstract = add(meta, "abstract")
        for paragraph in report.abstract_paragraphs:
            add(abstract, "p", paragraph)
    if report.keywords:
        group = add(meta, "kwd-group", kwd_group_type="author")
        for keyword in report.keywords:
            add(group, "kwd", keyword)
    _funding(meta, report)
