"""Lists of reports, made from the catalogue when a page is written.

Every list of the site's pages has one placeholder node, :class:`report_list`,
whose ``kind`` says what it lists:

* ``reports``: every report, newest issue first (``{report-list}``);
* ``issue``: one issue's reports, with authors and "PDF" (``{issue-reports}``,
  the issue pages);
* ``volume``: one volume's issues, each with its reports' titles
  (``{volume-issues}``, the volume pages);
* ``archive``: every volume with its issues, newest first (``{archive}``, the
  archive page);
* ``newest``: the newest issue and its reports (the front page,
  :mod:`.front_page`);
* ``links``: the links to the archive and the "About" page (the front page).

A list needs every report's metadata, which exists only once all documents
are read, so the directives leave the placeholder and :func:`on_doctree_resolved`
fills it in. Which pages hold which lists is kept in the environment, so that
:func:`pages_to_rewrite` has Sphinx write again exactly the pages whose list
changed (a report added, removed, retitled, moved, its PDF come or gone),
without reading them again.

Titles and names are text nodes: whatever they hold is shown as written.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model.catalogue import ARCHIVE, Catalogue, Issue, Volume
from .context import build_context
from .front_matter import all_reports
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Report

#: Environment attribute: docname -> the lists the page holds.
ENV_ATTRIBUTE = "georeport_lists"
#: Environment attribute: docname -> what its lists showed when last written.
ENV_SHOWN = "georeport_lists_shown"
#: The "About" page the front page links to, when the project has it.
ABOUT = "about"


class report_list(nodes.General, nodes.Element):
    """Placeholder for a list of reports (``kind``: see the module)."""


def catalogue_of(env: BuildEnvironment) -> Catalogue:
    """The catalogue of this build's reports (as read so far)."""
    return Catalogue.from_reports(all_reports(env))


def _lists(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, ENV_ATTRIBUTE):
        setattr(env, ENV_ATTRIBUTE, {})
    lists: dict[str, set[str]] = getattr(env, ENV_ATTRIBUTE)
    return lists


def placeholder(env: BuildEnvironment, kind: str, *numbers: int) -> report_list:
    """A list of ``kind`` in the page being read, noted for rewriting."""
    key = " ".join([kind, *map(str, numbers)])
    _lists(env).setdefault(env.docname, set()).add(key)
    return report_list(kind=kind, numbers=list(numbers))


class _ListDirective(SphinxDirective):
    """A directive that leaves one placeholder of :attr:`kind`."""

    kind = "reports"
    has_content = False

    def run(self) -> list[nodes.Node]:
        numbers = [directives.positive_int(a) for a in self.arguments]
        node = placeholder(self.env, self.kind, *numbers)
        self.set_source_info(node)
        return [node]


class ReportListDirective(_ListDirective):
    """``{report-list}``: every report, newest issue first."""


class IssueReportsDirective(_ListDirective):
    """``{issue-reports} 15 1``: the reports of volume 15, issue 1."""

    kind = "issue"
    required_arguments = 2


class VolumeIssuesDirective(_ListDirective):
    """``{volume-issues} 15``: the issues of volume 15."""

    kind = "volume"
    required_arguments = 1


class ArchiveDirective(_ListDirective):
    """``{archive}``: every volume and issue, newest first."""

    kind = "archive"


# -- Making the lists ------------------------------------------------------------


def link(app: Sphinx, fromdoc: str, todoc: str, text: str) -> nodes.reference:
    """A link from page ``fromdoc`` to page ``todoc``, its text as written."""
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    return nodes.reference("", text, internal=True, refuri=uri)


def pdf_link(app: Sphinx, fromdoc: str, report: Report) -> nodes.reference | None:
    """A link to the report's PDF beside its page, if the edition has one."""
    if not build_context(app.env).has_pdf(report):
        return None
    page = app.builder.get_relative_uri(fromdoc, report.docname)
    uri = posixpath.join(posixpath.dirname(page), quote(report.pdf_name))
    return nodes.reference("", "PDF", refuri=uri, classes=["georeport-pdf"])


def report_item(app: Sphinx, fromdoc: str, report: Report) -> nodes.list_item:
    """One report: its title (a link), its authors, its PDF."""
    paragraph = nodes.paragraph()
    paragraph += nodes.strong("", "", link(app, fromdoc, report.docname, report.title))
    paragraph += nodes.Text(f" — {report.authors_line}")
    pdf = pdf_link(app, fromdoc, report)
    if pdf is not None:
        paragraph += nodes.Text(" · ")
        paragraph += pdf
    return nodes.list_item("", paragraph)


def issue_reports(app: Sphinx, fromdoc: str, issue: Issue) -> nodes.bullet_list:
    """The reports of an issue, in its order."""
    items = nodes.bullet_list(classes=["georeport-issue-reports"])
    for report in issue.reports:
        items += report_item(app, fromdoc, report)
    return items


def _titles(app: Sphinx, fromdoc: str, reports: tuple[Report, ...]) -> nodes.Node:
    items = nodes.bullet_list()
    for report in reports:
        paragraph = nodes.paragraph()
        paragraph += link(app, fromdoc, report.docname, report.title)
        paragraph += nodes.Text(f" — {report.authors_line}")
        items += nodes.list_item("", paragraph)
    return items


def volume_issues(app: Sphinx, fromdoc: str, volume: Volume) -> nodes.bullet_list:
    """The issues of a volume, newest first, each with its reports' titles."""
    items = nodes.bullet_list(classes=["georeport-volume-issues"])
    for issue in reversed(volume.issues):
        paragraph = nodes.paragraph()
        paragraph += link(app, fromdoc, issue.docname, issue.name)
        items += nodes.list_item("", paragraph, _titles(app, fromdoc, issue.reports))
    return items


def archive(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> nodes.bullet_list:
    """Every volume, newest first, with its issues, newest first."""
    items = nodes.bullet_list(classes=["georeport-archive"])
    for volume in reversed(catalogue.volumes):
        paragraph = nodes.paragraph()
        paragraph += link(app, fromdoc, volume.docname, volume.label)
        issues = nodes.bullet_list()
        for issue in reversed(volume.issues):
            line = nodes.paragraph()
            line += link(app, fromdoc, issue.docname, issue.name)
            issues += nodes.list_item("", line)
        items += nodes.list_item("", paragraph, issues)
    return items


def every_report(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> nodes.Node:
    """Every report, newest issue first: title, authors, issue."""
    items = nodes.bullet_list(classes=["georeport-report-list"])
    for report in catalogue.newest_first():
        paragraph = nodes.paragraph()
        paragraph += nodes.strong(
            "", "", link(app, fromdoc, report.docname, report.title)
        )
        paragraph += nodes.Text(f" — {report.authors_line}. {report.issue_line}.")
        items += nodes.list_item("", paragraph)
    return items


def newest(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> list[nodes.Node]:
    """The newest issue (a link to its page) and its reports."""
    issue = catalogue.newest_issue
    if issue is None:
        return []
    paragraph = nodes.paragraph(classes=["georeport-newest-issue"])
    paragraph += link(app, fromdoc, issue.docname, issue.label)
    return [paragraph, issue_reports(app, fromdoc, issue)]


def front_links(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> list[nodes.Node]:
    """The archive and, when the project has one, the "About" page."""
    env = app.env
    targets = []
    if catalogue.volumes:
        targets.append((ARCHIVE, "Archive: every volume and issue"))
    if ABOUT in env.all_docs and ABOUT in env.titles:
        targets.append((ABOUT, env.titles[ABOUT].astext()))
    if not targets:
        return []
    items = nodes.bullet_list(classes=["georeport-front-links"])
    for docname, text in targets:
        items += nodes.list_item(
            "", nodes.paragraph("", "", link(app, fromdoc, docname, text))
        )
    return [items]


def _resolve(
    app: Sphinx, node: report_list, docname: str, catalogue: Catalogue
) -> list[nodes.Node]:
    kind, numbers = node["kind"], node["numbers"]
    if kind == "reports":
        return [every_report(app, docname, catalogue)]
    if kind == "archive":
        return [archive(app, docname, catalogue)] if catalogue.volumes else []
    if kind == "newest":
        return newest(app, docname, catalogue)
    if kind == "links":
        return front_links(app, docname, catalogue)
    page = {"issue": "issues/{}-{}", "volume": "volumes/{}"}[kind]
    found = catalogue.page(page.format(*numbers))
    if found is None:
        what = " ".join([kind, *map(str, numbers)])
        log(
            GeoreportWarning.METADATA,
            "no report is of %s: check the numbers, or remove the list",
            what,
            location=node,
        )
        return []
    if kind == "issue":
        assert isinstance(found, Issue)  # the page of an issue
        return [issue_reports(app, docname, found)]
    assert isinstance(found, Volume)  # the page of a volume
    return [volume_issues(app, docname, found)]


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with its list."""
    found = list(doctree.findall(report_list))
    if not found:
        return
    catalogue = catalogue_of(app.env)
    for node in found:
        node.replace_self(_resolve(app, node, docname, catalogue))


# -- Keeping the lists current ----------------------------------------------------


def _facts(report: Report, with_pdf: bool) -> tuple[Any, ...]:
    """What a list shows of a report."""
    return (
        report.docname,
        report.title,
        report.authors,
        report.volume,
        report.issue,
        report.date,
        report.order,
        with_pdf,
    )


def shown(env: BuildEnvironment) -> dict[str, tuple[Any, ...]]:
    """What the lists of each page show now (by page)."""
    catalogue = catalogue_of(env)
    context = build_context(env)
    facts = {r.docname: _facts(r, context.has_pdf(r)) for r in catalogue.reports}
    everything = tuple(facts.values())
    about = env.titles[ABOUT].astext() if ABOUT in env.titles else None

    def of(key: str) -> tuple[Any, ...]:
        kind, *numbers = key.split()
        if kind in ("reports", "archive", "newest"):
            return everything
        if kind == "links":
            return (bool(catalogue.volumes), about)
        page = catalogue.page(
            "issues/{}-{}".format(*numbers)
            if kind == "issue"
            else f"volumes/{numbers[0]}"
        )
        reports = page.reports if page is not None else ()
        return (key, tuple(facts[r.docname] for r in reports))

    return {
        docname: tuple(of(key) for key in sorted(keys))
        for docname, keys in _lists(env).items()
    }


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages whose lists changed since they were written."""
    before: dict[str, tuple[Any, ...]] = getattr(env, ENV_SHOWN, {})
    now = shown(env)
    setattr(env, ENV_SHOWN, now)
    return sorted(d for d in now if before.get(d) != now[d] and d in env.found_docs)


def on_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget the lists of a page about to be read again or removed."""
    _lists(env).pop(docname, None)


def on_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the lists noted by a parallel reader."""
    theirs = _lists(other)
    _lists(env).update({d: theirs[d] for d in docnames if d in theirs})


def setup(app: Sphinx) -> None:
    """The lists of reports, made when their page is written."""
    app.add_node(report_list)
    app.add_directive("report-list", ReportListDirective)
    app.add_directive("issue-reports", IssueReportsDirective)
    app.add_directive("volume-issues", VolumeIssuesDirective)
    app.add_directive("archive", ArchiveDirective)
    app.connect("env-purge-doc", on_purge_doc)
    app.connect("env-merge-info", on_merge_info)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("doctree-resolved", on_doctree_resolved)
