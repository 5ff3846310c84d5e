"""What every renderer of a build shares: the journal, the style, the PDFs;
and the page being written.

Made once per build (``builder-inited``), before any source is read, and kept
on the environment so that parallel readers and writers (forked after it) see
the same object. Renderers ask it, never ``conf.py`` or the disk: the journal
is built and checked here once, and whether a report has a PDF to link is
decided here once, from the folder the PDF edition was built into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Journal, MetadataError
from .config import journal_settings
from .warnings_ import in_conf, stop

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Report

#: Environment attribute holding this build's :class:`BuildContext`.
ENV_ATTRIBUTE = "georeport_context"


@dataclass(frozen=True)
class BuildContext:
    """The facts of this build that are not a report's."""

    journal: Journal
    #: pybtex style of footnotes, References and "How to cite".
    style: str
    #: The project's language (``conf.py``), the default of every report.
    language: str
    #: BibTeX files, as ``conf.py`` names them (for messages).
    bibfiles: tuple[str, ...]
    #: Folder of the reports in the source tree.
    reports_dir: str
    #: Folder the PDF edition was built into, if the HTML links PDFs.
    pdf_dir: Path | None
    #: File names of the PDFs in it when this build started.
    pdfs: frozenset[str]

    def pdf_of(self, report: Report) -> Path | None:
        """The report's built PDF, if the page may link to one."""
        if self.pdf_dir is None or report.pdf_name not in self.pdfs:
            return None
        return self.pdf_dir / report.pdf_name

    def has_pdf(self, report: Report) -> bool:
        """Whether the page links to its PDF edition."""
        return self.pdf_of(report) is not None


def _journal(app: Sphinx) -> Journal:
    """The journal of ``conf.py``; a bad fact stops the build, naming its line."""
    try:
        return Journal.from_settings(journal_settings(app.config))
    except MetadataError as err:
        setting = str(err).split(":", 1)[0]  # e.g. "georeport_issn"
        stop(f"{in_conf(app, setting)}: {err}")


def _pdfs(app: Sphinx) -> tuple[Path | None, frozenset[str]]:
    folder = app.config.georeport_pdf_dir
    if not folder:
        return None, frozenset()
    path = Path(app.confdir, folder)
    names = frozenset(p.name for p in path.glob("*.pdf") if p.is_file())
    return path, names


def make_context(app: Sphinx) -> None:
    """``builder-inited``: build this build's context."""
    config = app.config
    pdf_dir, pdfs = _pdfs(app)
    context = BuildContext(
        journal=_journal(app),
        style=config.bibtex_default_style,
        language=config.language or "en",
        bibfiles=tuple(config.bibtex_bibfiles or ()),
        reports_dir=config.georeport_reports_dir,
        pdf_dir=pdf_dir,
        pdfs=pdfs,
    )
    setattr(app.env, ENV_ATTRIBUTE, context)


def build_context(env: BuildEnvironment) -> BuildContext:
    """This build's context (made at ``builder-inited``)."""
    context: BuildContext = getattr(env, ENV_ATTRIBUTE)
    return context


@dataclass
class Page:
    """One HTML page as it is written (``html-page-context``): what the
    sources of its ``<head>`` read (:data:`.head.HEAD`)."""

    app: Sphinx
    #: the page's name (``reports/15-1-x``)
    name: str
    #: the template's context
    context: dict[str, Any]
    doctree: nodes.document | None
    #: the page's report, or None for a page that is not one
    report: Report | None
    #: the head's tags written so far, in order
    written: list[str] = field(default_factory=list)


def setup(app: Sphinx) -> None:
    """The build's context, first of georeport's handlers."""
    # before sphinxcontrib-bibtex's (priority 500), which reads the BibTeX
    # files: a bad ISSN stops the build before anything is read
    app.connect("builder-inited", make_context, priority=400)


def meta(attribute: str, name: str, content: str) -> str:
    """One ``<meta>`` tag, its values escaped for an attribute."""
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'
