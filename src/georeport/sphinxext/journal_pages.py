"""The issue, volume and archive pages: Sphinx documents no editor writes.

One page per issue (``issues/15-1``, "Volume 15, Issue 1 — January 2022"),
one per volume (``volumes/15``) and the archive (``archive``), named by
:mod:`georeport.catalogue` from the reports' front matter.

**Why real documents.** Sphinx offers two ways to add pages. Pages of
``html-collect-pages`` are rendered from a template after the documents are
written: they have no doctree, so they are not in the search index, no
toctree can hold them (the archive could not stand in the sidebar), no
``{doc}`` link can reach them (an "About" page could not link the archive),
and they are written again on every build. Documents are all of that, and
Sphinx rebuilds them like any other page. Sphinx reads documents only from
files of the source folder, and the editors' folder (``docs/``) is theirs
(and its files are what the editions hash to know whether anything changed),
so the pages' sources are written elsewhere: a few lines each (the title and
one directive) in ``<doctrees>/georeport-pages/``, and Sphinx's project is
told where they are (:class:`JournalProject`, the one place that relies on
how Sphinx's :class:`~sphinx.project.Project` names files; checked in
:func:`check_project`).

**Incremental builds.** The pages are known before Sphinx reads anything
(``env-get-outdated``): the catalogue is made from the reports Sphinx keeps
and, for the reports it is about to read, from their front matter read here
(a report whose front matter is refused is left out: it stops the build when
it is read). A page's source changes only when its title does (an issue
dated anew), and only then is it read again; its list is made when it is
written (:mod:`.report_list`), and it is written again when what the list
shows changed. A page whose issue or volume is gone is forgotten by Sphinx
and its HTML removed from the output folder (Sphinx leaves the pages of
removed documents behind). A file of the project where a page would be
(``docs/archive.md``) is an error: the page is not made.
"""

from __future__ import annotations

import inspect
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.environment import CONFIG_OK
from sphinx.errors import ExtensionError
from sphinx.project import Project

from ..files import write_if_changed
from ..model import MetadataError, Report, read_report
from ..model.catalogue import ARCHIVE, ISSUES, VOLUMES, Catalogue, Issue, Volume
from ..model.i18n import Words, words
from .context import Page, build_context, meta
from .front_matter import get_report, is_report, outside_project, same_name_as
from .json_ld import issue_json, script_json, volume_json
from .report_list import catalogue_of, has_list
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Journal

#: Folder of the pages' sources, in Sphinx's doctree folder.
SOURCES = "georeport-pages"
#: Environment attribute: the docnames of the pages made by the last build.
ENV_ATTRIBUTE = "georeport_pages"
#: The HTML files of pages this module may have written (``issues/15-1.html``).
_PAGE_FILE = re.compile(rf"^(?:{ISSUES}/\d+-\d+|{VOLUMES}/\d+|{ARCHIVE})$")


class JournalProject(Project):
    """Sphinx's project, with the pages georeport writes beside its files.

    A page's source is the file this module wrote; its name as a source
    (``doc2path(..., absolute=False)``, which Sphinx writes into the search
    index) is the docname's, as if the file stood in the project: no path of
    the machine that built the site reaches the output.
    """

    def __init__(self, srcdir: Any, source_suffix: Iterable[str]) -> None:
        super().__init__(srcdir, source_suffix)
        self.generated: dict[str, Path] = {}

    def discover(self, *args: Any, **kwargs: Any) -> set[str]:
        self.generated = {}
        return super().discover(*args, **kwargs)

    def add_page(self, docname: str, path: Path) -> None:
        """Make ``docname`` a document of the project, read from ``path``."""
        self.docnames.add(docname)
        self.generated[docname] = path

    def doc2path(self, docname: str, absolute: bool) -> Any:
        path = self.generated.get(docname)
        if path is None:
            return super().doc2path(docname, absolute)
        kind = type(super().doc2path(docname, absolute))  # Sphinx's path type
        return kind(path if absolute else f"{docname}.md")


def check_project() -> None:
    """Stop when Sphinx's project is not the one :class:`JournalProject`
    was written for (it overrides ``discover`` and ``doc2path``)."""
    wanted = {
        "doc2path": ["self", "docname", "absolute"],
        "restore": ["self", "other"],
    }
    for name, parameters in wanted.items():
        method = getattr(Project, name, None)
        found = list(inspect.signature(method).parameters) if method else None
        if found != parameters:
            msg = (
                f"sphinx.project.Project.{name} is not what georeport's issue "
                f"and volume pages were written for (parameters {found}, "
                f"expected {parameters}): install a Sphinx version of "
                "pyproject.toml's range"
            )
            raise ExtensionError(msg)


def use_journal_project(app: Sphinx) -> None:
    """``builder-inited``: Sphinx's project becomes a :class:`JournalProject`."""
    if isinstance(app.env.project, JournalProject):
        return
    check_project()
    project = JournalProject(app.srcdir, app.config.source_suffix)
    project.restore(app.env.project)
    app.project = app.env.project = project


# -- The pages' sources --------------------------------------------------------


def source(catalogue: Catalogue, docname: str) -> str:
    """The MyST source of a page: its title and its list.

    The title is made of numbers and month names only (no front matter
    text), so it can stand in Markdown as it is.
    """
    page = catalogue.page(docname)
    if isinstance(page, Issue):
        title, name, numbers = (
            page.label,
            "issue-reports",
            f" {page.volume} {page.number}",
        )
    elif isinstance(page, Volume):
        title, name, numbers = page.label, "volume-issues", f" {page.number}"
    else:
        title, name, numbers = "Archive", "archive", ""
    fence = "```"
    return (
        f"---\norphan: true\n---\n\n# {title}\n\n{fence}{{{name}}}{numbers}\n{fence}\n"
    )


def _reports(app: Sphinx, env: BuildEnvironment, outdated: set[str]) -> list[Report]:
    """This build's reports: those Sphinx keeps, and those it will read."""
    journal: Journal = build_context(env).journal
    found = []
    for docname in sorted(env.found_docs):
        if not is_report(env, docname) or same_name_as(env, docname):
            continue  # a second report of one file name is refused
        kept = get_report(env, docname)
        if kept is not None and docname not in outdated:
            found.append(kept)
            continue
        if outside_project(app, docname):
            continue  # refused when it is read
        try:
            found.append(read_report(docname, Path(env.doc2path(docname)), journal))
        except (MetadataError, OSError):
            continue  # said, at its line, when it is read
    return found


def _taken(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    what = "archive" if docname == ARCHIVE else f"page of {docname}"
    log(
        GeoreportWarning.METADATA,
        "georeport writes the %s here, from the reports: rename this file "
        "(the journal's page of that name is not made while it exists)",
        what,
        location=(docname, None),
        error=True,
    )


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Make this build's pages documents; return those to read."""
    project = env.project
    if not isinstance(project, JournalProject):  # no builder-inited of ours
        return []
    catalogue = Catalogue.from_reports(_reports(app, env, added | changed))
    folder = Path(app.doctreedir, SOURCES)
    fresh = env.config_status != CONFIG_OK
    pages: list[str] = []
    to_read: list[str] = []
    for docname in catalogue.page_docnames():
        if docname in env.found_docs:
            _taken(app, env, docname)
            continue
        path = folder / f"{docname}.md"
        written = write_if_changed(path, source(catalogue, docname))
        project.add_page(docname, path)
        removed.discard(docname)
        pages.append(docname)
        if written or fresh or docname not in env.all_docs:
            to_read.append(docname)
    _forget(app, env, folder, set(pages))
    setattr(env, ENV_ATTRIBUTE, pages)
    return to_read


def _forget(app: Sphinx, env: BuildEnvironment, folder: Path, pages: set[str]) -> None:
    """Remove the sources and HTML of pages this build does not make."""
    before = set(getattr(env, ENV_ATTRIBUTE, ()))
    for docname in before - pages:
        (folder / f"{docname}.md").unlink(missing_ok=True)
    builder = app.builder
    if builder.format != "html" or not hasattr(builder, "get_outfilename"):
        return
    outdir = Path(builder.outdir)
    written = {
        path.relative_to(outdir).with_suffix("").as_posix()
        for where in (ISSUES, VOLUMES)
        for path in (outdir / where).glob("*.html")
    }
    if (outdir / f"{ARCHIVE}.html").is_file():
        written.add(ARCHIVE)
    for docname in sorted((before | written) - pages):
        if _PAGE_FILE.match(docname) and docname not in env.found_docs:
            Path(builder.get_outfilename(docname)).unlink(missing_ok=True)


def is_page(env: BuildEnvironment, docname: str) -> bool:
    """Is ``docname`` one of the pages this module makes?"""
    project = env.project
    return isinstance(project, JournalProject) and docname in project.generated


# -- The pages' metadata ---------------------------------------------------------


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """No copy of a generated page's source in ``_sources``: it is
    georeport's, not the editors'."""
    if is_page(app.env, pagename):
        context["sourcename"] = ""


def description(env: BuildEnvironment, docname: str) -> str:
    """What a listing page is, written for it (its ``<meta name=
    "description">`` and ``og:description``, which sphinxext-opengraph would
    cut from its text): an issue's table of contents, a volume's issues, the
    archive's volumes, the front page's journal and newest issue; ``""`` for
    another page. In the journal's language."""
    context = build_context(env)
    journal, said = context.journal, words(context.language)
    catalogue = catalogue_of(env)
    found = catalogue.page(docname)
    where = {"journal": journal.title, "issn": journal.issn}
    # "Geopolitical Report (ISSN 2785-2598), Volume 15 (2022): Issue 1 — ..."
    contents = said.gettext("{journal} (ISSN {issn}), {part}: {contents}.")
    if isinstance(found, Issue):
        reports = "; ".join(f"{r.title} ({r.authors_line})" for r in found.reports)
        return contents.format(part=_issue(said, found), contents=reports, **where)
    if isinstance(found, Volume):
        issues = ", ".join(said.issue(i.number, i.date) for i in found.issues)
        volume = f"{said.volume(found.number)} ({found.years})"
        return contents.format(part=volume, contents=issues, **where)
    if docname == ARCHIVE and is_page(env, docname):
        volumes = ", ".join(
            f"{said.volume(v.number)} ({v.years})" for v in reversed(catalogue.volumes)
        )
        text = said.gettext(
            "Every volume and issue of {journal} (ISSN {issn}): {volumes}."
        )
        return text.format(volumes=volumes, **where)
    if has_list(env, docname, "newest"):
        about = journal.description or said.gettext(
            "{journal} (ISSN {issn}), published by {publisher}."
        ).format(publisher=journal.publisher, **where)
        newest = catalogue.newest_issue
        if newest is None:
            return about
        latest = said.gettext("Latest issue: {issue}.")
        return f"{about} {latest.format(issue=_issue(said, newest))}"
    return ""


def _issue(said: Words, issue: Issue) -> str:
    """``Volume 15, Issue 1 — January 2022``, in ``said``'s language."""
    return f"{said.volume(issue.volume)}, {said.issue(issue.number, issue.date)}"


def head_tags(page: Page) -> list[str]:
    """A listing page's description, and an issue page's or a volume page's
    JSON-LD (:data:`.head.HEAD`)."""
    env = page.app.env
    summary = description(env, page.name) if page.report is None else ""
    found = [meta("name", "description", summary)] if summary else []
    if not is_page(env, page.name):
        return found
    catalogue = catalogue_of(env)
    issue_or_volume = catalogue.page(page.name)
    journal = build_context(env).journal
    if isinstance(issue_or_volume, Issue):
        volume = next(
            v for v in catalogue.volumes if v.number == issue_or_volume.volume
        )
        data = issue_json(journal, issue_or_volume, volume)
    elif isinstance(issue_or_volume, Volume):
        data = {
            "@context": "https://schema.org",
            **volume_json(journal, issue_or_volume.number, issue_or_volume.docname),
        }
    else:
        return found
    return [*found, script_json(data)]


def open_graph_description(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """A listing page's ``og:description``: its description, through the
    page's fields that :func:`.head.open_graph` hands sphinxext-opengraph
    (escaped here: it escapes only ``"`` of them)."""
    if app.builder.format != "html" or get_report(app.env, pagename) is not None:
        return
    summary = description(app.env, pagename)
    if summary:
        fields = {**(context.get("meta") or {})}  # env.metadata's, not changed
        fields["og:description"] = escape(summary, quote=False)
        context["meta"] = fields


def setup(app: Sphinx) -> None:
    """The issue, volume and archive pages: documents known before reading."""
    # with the context's, before sphinxcontrib-bibtex reads the BibTeX files
    app.connect("builder-inited", use_journal_project, priority=400)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("html-page-context", on_html_page_context)
    # before head.py's handler (priority 400), which hands the fields on
    app.connect("html-page-context", open_graph_description, priority=390)
