"""The report's masthead, byline, cover and abstract, in the doctree of both
editions.

They are inserted as nodes when a report is read, so that the HTML and the
LaTeX writers each render them in their own way (HTML here, LaTeX in
:mod:`.latex`) from the same :class:`~georeport.model.Report`. The journal's
words among them ("Volume", "Issue", "Abstract", the cover's credit) are in
the report's language (:mod:`georeport.i18n`).

The byline names the authors; when the front matter gives an affiliation or
an ORCID iD, each author is an item with them, the iD as ORCID's display
guidelines ask: its icon and its full https://orcid.org/ address, a link.
The abstract is an abstract (its heading and ``doc-abstract``), not an
admonition; the cover's caption is not numbered (:class:`.nodes.cover_caption`),
so that the figures of the text are Fig. 1, 2... in every edition.
"""

from __future__ import annotations

import difflib
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from ..model.i18n import words
from . import latex
from .front_matter import get_report, node_report
from .nodes import abstract, byline, cover_caption, masthead, visitors
from .report_language import lang_attribute, translations_html
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ..model import Report


#: The id of a report's cover figure (a report has one cover at most).
COVER_ID = "georeport-cover"
#: The class of a report's abstract, after its byline and cover.
ABSTRACT_CLASS = "georeport-abstract"


def cover_nodes(app: Sphinx, report: Report) -> list[nodes.Node]:
    """The cover figure with its credit, or the credit alone when no file is set."""
    cover = report.cover
    if cover is None:
        return []
    said = words(report.language)
    credit = said.gettext("(Credits: {credit})").format(credit=cover.credit)
    credit = f" {credit}" if cover.credit else ""
    if not cover.path:
        text = said.gettext("Cover photo: {caption}").format(caption=cover.caption)
        text = f"{text}{credit}".replace(": (", ": ")
        return [nodes.paragraph(text, text, classes=["georeport-cover-credit"])]
    source = Path(app.env.doc2path(report.docname))
    # symbolic links followed: what would be copied into the editions
    image_path = (source.parent / cover.path).resolve()
    project = Path(app.srcdir).resolve()
    line = cover.line_of("path")
    if Path(cover.path).is_absolute() or not image_path.is_relative_to(project):
        log(
            GeoreportWarning.PATH,
            "cover image %r is an absolute path or lies outside the project's "
            "folder %s (it is %s), and nothing outside it is published: copy "
            "the image into the project (beside the report) and give "
            "'cover.path' relative to the report",
            cover.path,
            project,
            image_path,
            location=(report.docname, line),
            error=True,
        )
        return []
    if not image_path.is_file():
        near = _near(image_path)
        log(
            GeoreportWarning.COVER,
            "cover image %r not found (looked for %s): %s",
            cover.path,
            image_path,
            f"did you mean {Path(cover.path).with_name(near).as_posix()!r}? "
            "correct 'cover.path' in the front matter"
            if near
            else "add the file or correct 'cover.path' in the front matter",
            location=(report.docname, line),
            error=True,
        )
        return []
    # an id of its own: Sphinx numbers captioned figures by id, and stops
    # the build on one without ("Any IDs not assigned for figure node")
    figure = nodes.figure("", ids=[COVER_ID], classes=["georeport-cover"])
    # relative to the report, as an image in its text would be
    figure += nodes.image(uri=cover.path, alt=cover.alt)
    caption = f"{cover.caption}{credit}".strip()
    if caption:
        figure += cover_caption(caption, caption)
    return [figure]


def _near(path: Path) -> str:
    """The name of a file beside ``path`` spelt nearly as it is (another
    case, a letter missing), as the cover's path would give it; ``""``."""
    if not path.parent.is_dir():
        return ""
    files = {p.name.lower(): p.name for p in path.parent.iterdir() if p.is_file()}
    close = difflib.get_close_matches(path.name.lower(), files, n=1)
    return files[close[0]] if close else ""


def abstract_nodes(report: Report) -> list[nodes.Node]:
    """The abstract as a journal prints it: headed, after the byline.

    Text, never markup: each paragraph (a blank line in the front matter
    starts one) is a ``nodes.Text``. The :class:`.nodes.abstract` node
    carries its heading (``label``, in the report's language); HTML makes a
    ``doc-abstract`` section of it, LaTeX sets it apart from the text.
    """
    paragraphs = [
        " ".join(part.split()) for part in re.split(r"\n\s*\n", report.abstract)
    ]
    paragraphs = [text for text in paragraphs if text]
    if not paragraphs:
        return []
    label = words(report.language).gettext("Abstract")
    node = abstract(docname=report.docname, label=label, classes=[ABSTRACT_CLASS])
    for text in paragraphs:
        node += nodes.paragraph(text, "", nodes.Text(text))
    return [node]


def _docutils_abstract(doctree: nodes.document) -> None:
    """Remove the abstract docutils made of the front matter's field: it
    stands above the masthead, and MyST read it as Markdown."""
    for topic in list(doctree.children):
        if isinstance(topic, nodes.topic) and "abstract" in topic["classes"]:
            doctree.remove(topic)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Put masthead, byline, cover and abstract around the title of a report."""
    report = get_report(app.env, app.env.docname)
    if report is None:
        return
    _docutils_abstract(doctree)
    section = doctree.next_node(nodes.section)
    if section is None or not isinstance(section[0], nodes.title):
        doctree[0:0] = abstract_nodes(report)
        return
    # The title is text, never markup: MyST parsed it as Markdown.
    section[0].children = []
    section[0] += nodes.Text(report.title)
    section.parent.insert(
        section.parent.index(section), masthead(docname=report.docname)
    )
    section.insert(1, byline(docname=report.docname))
    # the facts (:mod:`.facts`) come between the byline and the cover
    after_title = [*cover_nodes(app, report), *abstract_nodes(report)]
    for offset, node in enumerate(after_title, start=2):
        section.insert(offset, node)


def visit_masthead_html(translator: HTML5Translator, node: masthead) -> None:
    """``<div>`` with the journal's name, ISSN and the issue, the DOI, and
    the report's translations."""
    report = node_report(translator.builder, node)
    journal = report.journal
    said = words(report.language)
    # the journal's words, marked when no catalogue has the report's language
    lang = lang_attribute(said.language, report.language)
    issue = escape(report.issue_line_in())
    issue = f"<span{lang}>{issue}</span>" if lang else issue
    translator.body.append(
        '<div class="georeport-masthead">'
        f'<p class="georeport-journal">{escape(journal.title)}</p>'
        '<p class="georeport-issue">'
        f'<span class="georeport-issn">ISSN {escape(journal.issn)}</span> · '
        f"{issue}</p>"
        f"{doi_html(report)}{translations_html(translator.builder, report)}</div>\n"
    )
    raise nodes.SkipNode


def doi_html(report: Report) -> str:
    """The DOI as its https://doi.org/ link, shown whole and with no "DOI:"
    label (as Crossref's display guidelines ask), on a line of its own;
    ``""`` without a DOI."""
    if not report.doi:
        return ""
    link = escape(report.doi_url)
    return f'<p class="georeport-doi"><a href="{link}">{link}</a></p>'


def orcid_html(url: str) -> str:
    """An ORCID iD as ORCID's guidelines show it: the iD icon (the link's
    ``::before``, georeport.css) and the full address, linked."""
    link = escape(url)
    return f'<a class="georeport-orcid" href="{link}">{link}</a>'


def visit_byline_html(translator: HTML5Translator, node: byline) -> None:
    """The authors on their own line; with affiliations or ORCID iDs, a
    list of the authors, each with theirs."""
    report = node_report(translator.builder, node)
    authors = report.contributors
    if not any(a.affiliation or a.orcid for a in authors):
        translator.body.append(
            f'<p class="georeport-byline">{escape(report.authors_line_in())}</p>\n'
        )
        raise nodes.SkipNode
    items = []
    for author in authors:
        # dir="auto": a name or affiliation in a right-to-left script is
        # ordered in its own direction, isolated from the page's (as <bdi>)
        name = escape(author.name)
        parts = [f'<span class="georeport-author-name" dir="auto">{name}</span>']
        if author.affiliation:
            affiliation = escape(author.affiliation)
            parts.append(
                f'<span class="georeport-affiliation" dir="auto">{affiliation}</span>'
            )
        if author.orcid:
            parts.append(orcid_html(author.orcid_url))
        items.append(f'<li class="georeport-author">{"".join(parts)}</li>')
    translator.body.append(
        f'<ul class="georeport-byline georeport-authors">{"".join(items)}</ul>\n'
    )
    raise nodes.SkipNode


def visit_abstract_html(translator: HTML5Translator, node: abstract) -> None:
    """``<section role="doc-abstract">`` and its heading; the paragraphs
    follow as the writer makes them."""
    report = node_report(translator.builder, node)
    said = words(report.language)
    lang = lang_attribute(said.language, report.language)
    classes = escape(" ".join(node["classes"]))
    translator.body.append(
        f'<section class="{classes}" role="doc-abstract">'
        f'<h2 class="georeport-abstract-title"{lang}>{escape(node["label"])}</h2>\n'
    )


def depart_abstract_html(translator: HTML5Translator, node: abstract) -> None:
    translator.body.append("</section>\n")


def visit_cover_caption_html(translator: HTML5Translator, node: cover_caption) -> None:
    """``<figcaption>``, as Sphinx writes a caption, with no number."""
    translator.body.append('<figcaption>\n<p><span class="caption-text">')


def depart_cover_caption_html(translator: HTML5Translator, node: cover_caption) -> None:
    # docutils closes the <figcaption> at the figure's end (a legend may follow)
    translator.body.append("</span></p>\n")


def setup(app: Sphinx) -> None:
    """The masthead, byline, abstract and cover caption nodes, made when a
    report is read."""
    # before Sphinx's collectors (priority 500), so that the cover image is
    # collected as the page's
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.add_node(
        masthead,
        **visitors(
            html=(visit_masthead_html, None),
            latex=(latex.visit_masthead_latex, None),
        ),
    )
    app.add_node(
        byline,
        **visitors(
            html=(visit_byline_html, None),
            latex=(latex.visit_byline_latex, None),
        ),
    )
    app.add_node(
        abstract,
        **visitors(
            html=(visit_abstract_html, depart_abstract_html),
            latex=(latex.visit_abstract_latex, latex.depart_abstract_latex),
        ),
    )
    app.add_node(
        cover_caption,
        **visitors(
            html=(visit_cover_caption_html, depart_cover_caption_html),
            latex=(latex.visit_cover_caption_latex, latex.depart_cover_caption_latex),
        ),
    )
