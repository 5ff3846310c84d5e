"""JATS XML of a report: what PubMed Central, SciELO, DOAJ and aggregators read.

One ``article`` per report, valid against the JATS Journal Publishing DTD 1.1
(NISO Z39.96-2015), written with lxml (every value a text node or an
attribute, escaped by the library):

* :mod:`.front`: ``front`` from the model: the journal's metadata (title,
  ISSN, publisher) and the article's (title, contributors with ORCID iDs and
  affiliations with ROR IDs, date, volume, issue, DOI, licence, abstract,
  keywords, funding);
* :mod:`.body`: ``body`` from the report's doctree (sections, paragraphs,
  lists, figures with captions, tables) and its footnotes as ``fn``;
* :mod:`.back`: the ``ref-list``: each cited BibTeX entry as an
  ``element-citation``.

Plain Python on the model, pybtex and docutils (no Sphinx): the HTML build
writes the file beside each page (:mod:`georeport.sphinxext.jats_file`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from .back import ref_list
from .body import Body
from .front import front
from .xml import XML_LANG, article_root

if TYPE_CHECKING:
    from docutils import nodes
    from pybtex.database import Entry

    from ..model import Report

#: The DTD the file names, as NLM publishes it.
PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1 20151215//EN"
SYSTEM_ID = "https://jats.nlm.nih.gov/publishing/1.1/JATS-journalpublishing1.dtd"
DOCTYPE = f'<!DOCTYPE article PUBLIC "{PUBLIC_ID}" "{SYSTEM_ID}">'
#: Its media type (RFC 6207), and the file's suffix beside the page (its
#: name: :attr:`georeport.model.Report.jats_name`).
MEDIA_TYPE = "application/jats+xml"
SUFFIX = "xml"


def article(
    report: Report,
    doctree: nodes.document,
    cited: Sequence[Entry],
    *,
    skip: Callable[[nodes.Node], bool] = lambda node: False,
    images: Mapping[str, str] | None = None,
    with_pdf: bool = False,
) -> bytes:
    """The report as a JATS ``article``: ``doctree`` its text (``skip``: the
    nodes that are no part of it: masthead, References, "Cite this report"),
    ``cited`` the entries it cites, ``images`` each image's address from the
    file (the page's folder), ``with_pdf``: the PDF is published beside it."""
    root = article_root()
    root.set(XML_LANG, report.language)
    front(root, report, with_pdf=with_pdf)
    body = Body(skip, images or {})
    body.write(root, doctree)
    back = etree.SubElement(root, "back")
    body.footnotes(back, doctree)
    ref_list(back, cited)
    if not len(back):
        root.remove(back)
    return etree.tostring(
        root,
        xml_declaration=True,
        encoding="UTF-8",
        doctype=DOCTYPE,
        pretty_print=False,
    )
