"""The report's masthead, byline and cover, in the doctree of both editions.

They are inserted as nodes when a report is read, so that the HTML and the
LaTeX writers each render them in their own way (HTML here, LaTeX in
:mod:`.latex`) from the same :class:`~georeport.model.Report`. The journal's
words among them ("Volume", "Issue", "Download PDF", "Abstract", the cover's
credit) are in the report's language (:mod:`georeport.i18n`).
"""

from __future__ import annotations

import difflib
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from ..model.i18n import words
from . import epub, latex
from .context import build_context
from .front_matter import get_report, node_report
from .nodes import byline, masthead, visitors
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
        figure += nodes.caption(caption, caption)
    return [figure]


def _near(path: Path) -> str:
    """The name of a file beside ``path`` spelt nearly as it is (another
    case, a letter missing), as the cover's path would give it; ``""``."""
    if not path.parent.is_dir():
        return ""
    files = {p.name.lower(): p.name for p in path.parent.iterdir() if p.is_file()}
    close = difflib.get_close_matches(path.name.lower(), files, n=1)
    return files[close[0]] if close else ""


#: The label of the abstract, in English: the catalogue's message id
#: (:func:`abstract_nodes` prints it in the report's language).
ABSTRACT_LABEL = "Abstract"


def abstract_nodes(report: Report) -> list[nodes.Node]:
    """The abstract as a journal prints it: labelled, after the byline.

    Text, never markup: each paragraph (a blank line in the front matter
    starts one) is a ``nodes.Text``. The docutils ``topic`` with class
    ``abstract`` is what both writers know: HTML marks it ``doc-abstract``,
    LaTeX sets it apart from the text.
    """
    paragraphs = [
        " ".join(part.split()) for part in re.split(r"\n\s*\n", report.abstract)
    ]
    paragraphs = [text for text in paragraphs if text]
    if not paragraphs:
        return []
    topic = nodes.topic("", classes=["abstract", ABSTRACT_CLASS])
    label = words(report.language).gettext("Abstract")
    topic += nodes.title(label, label)
    for text in paragraphs:
        topic += nodes.paragraph(text, "", nodes.Text(text))
    return [topic]


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
    after_title = [*cover_nodes(app, report), *abstract_nodes(report)]
    for offset, node in enumerate(after_title, start=2):
        section.insert(offset, node)


def visit_masthead_html(translator: HTML5Translator, node: masthead) -> None:
    """``<header>`` with the journal's name, ISSN and the issue."""
    report = node_report(translator.builder, node)
    journal = report.journal
    said = words(report.language)
    # the journal's words, marked when no catalogue has the report's language
    lang = lang_attribute(said.language, report.language)
    pdf = ""
    if build_context(translator.builder.env).has_pdf(report):
        href = escape(quote(report.pdf_name))  # a file name, as a URL
        label = escape(said.gettext("Download PDF"))
        pdf = f' · <a class="georeport-pdf" href="{href}"{lang}>{label}</a>'
    if epub.enabled(translator.builder):  # made beside the page (.epub)
        href = escape(quote(report.epub_name))
        label = escape(said.gettext("Download EPUB"))
        pdf += f' · <a class="georeport-epub" href="{href}"{lang}>{label}</a>'
    issue = escape(report.issue_line_in())
    issue = f"<span{lang}>{issue}</span>" if lang else issue
    translator.body.append(
        '<div class="georeport-masthead">'
        f'<p class="georeport-journal">{escape(journal.title)}</p>'
        '<p class="georeport-issue">'
        f'<span class="georeport-issn">ISSN {escape(journal.issn)}</span> · '
        f"{issue}{pdf}</p>"
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


def visit_byline_html(translator: HTML5Translator, node: byline) -> None:
    """The authors on their own line."""
    report = node_report(translator.builder, node)
    translator.body.append(
        f'<p class="georeport-byline">{escape(report.authors_line_in())}</p>\n'
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """The masthead and byline nodes, made when a report is read."""
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
