"""``{front-page}``: the journal's front page, from ``conf.py`` and the reports.

The directive makes the page's title (the journal's name), its logo
(``georeport_logo``), "ISSN 2785-2598", the publisher, the description
(``georeport_description``), then a section "Latest issue" with the newest
issue's table of contents (each report's cover, title, authors, the opening
of its abstract, PDF and EPUB), a section "Recent issues" with the issues
before it (when there are), and the links to the archive and to the "About"
page (``about.md``, when the project has one). The journal's words are in
the journal's language (:mod:`georeport.model.i18n`). What comes from
``conf.py`` is made when the page is read (a change of ``conf.py`` reads
every page again); what comes from the reports is a list of
:mod:`.report_list`, made when the page is written and written again when
it changes. Nothing on it is written by
hand, and every value is a text node: shown as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..model.i18n import words
from .context import build_context
from .report_list import placeholder
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class FrontPageDirective(SphinxDirective):
    """The journal's name, facts and newest issue (no arguments)."""

    has_content = False

    def _section(self, title: str, name: str) -> nodes.section:
        section = nodes.section(classes=[f"georeport-{name}"])
        section += nodes.title(title, title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.state.document.note_implicit_target(section, section)
        return section

    def _logo(self, logo: str, alt: str) -> list[nodes.Node]:
        """The logo, relative to the project's folder; a missing file is an
        error (one outside the folder is withheld by :mod:`.containment`)."""
        path = Path(self.env.srcdir, logo)
        if not path.is_file():
            log(
                GeoreportWarning.PATH,
                "georeport_logo %r: no such file (looked for %s): add the file "
                "or correct the setting in conf.py",
                logo,
                path,
                location=self.get_location(),
                error=True,
            )
            return []
        # "/x" is relative to the source folder for Sphinx's image collector
        uri = "/" + Path(logo).as_posix()
        return [nodes.image(uri=uri, alt=alt, classes=["georeport-logo"])]

    def run(self) -> list[nodes.Node]:
        context = build_context(self.env)
        journal = context.journal
        said = words(context.language)
        top = self._section(journal.title, "front-page")
        self.set_source_info(top)
        if journal.logo:
            top += self._logo(journal.logo, journal.title)
        facts = nodes.paragraph(classes=["georeport-journal-facts"])
        facts += nodes.Text(f"ISSN {journal.issn}")
        if journal.publisher:
            facts += nodes.Text(" · ")
            published = said.gettext("Published by {publisher}")
            facts += nodes.Text(published.format(publisher=journal.publisher))
        top += facts
        if journal.description:
            text = journal.description
            top += nodes.paragraph(text, text, classes=["georeport-description"])
        latest = self._section(said.gettext("Latest issue"), "latest-issue")
        latest += placeholder(self.env, "newest")
        top += latest
        # a section of its own when there are issues before the newest
        top += placeholder(self.env, "recent")
        top += placeholder(self.env, "links")
        return [top]


def setup(app: Sphinx) -> None:
    """The ``{front-page}`` directive."""
    app.add_directive("front-page", FrontPageDirective)
