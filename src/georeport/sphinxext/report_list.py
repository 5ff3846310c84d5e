"""Lists of reports, made from the catalogue when a page is written.

Every list of the site's pages has one placeholder node, :class:`report_list`,
whose ``kind`` says what it lists:

* ``reports``: every report, newest issue first (``{report-list}``);
* ``issue``: one issue's table of contents: each report's cover, title,
  authors, the opening of its abstract, PDF, EPUB and DOI
  (``{issue-reports}``, the issue pages);
* ``volume``: one volume's issues, each with its cover, date and reports
  (``{volume-issues}``, the volume pages);
* ``archive``: every volume with its issues, newest first (``{archive}``, the
  archive page);
* ``newest``: the newest issue and its table of contents (the front page,
  :mod:`.front_page`); ``recent``: the issues before it;
* ``links``: the links to the archive and the "About" page (the front page).

What each entry shows is :mod:`.listing`'s; each report of a list carries
its COinS span (:mod:`.coins`) for reference managers. The opening of a
report without an abstract is the first paragraph of its text, kept when the
report is read.

A list needs every report's metadata, which exists only once all documents
are read, so the directives leave the placeholder and :func:`on_doctree_resolved`
fills it in. Which pages hold which lists is kept in the environment, so that
:func:`pages_to_rewrite` has Sphinx write again exactly the pages whose list
changed (a report added, removed, retitled, moved, its PDF come or gone),
without reading them again.

Titles and names are text nodes: whatever they hold is shown as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model.catalogue import ARCHIVE, Catalogue, Issue, Volume
from ..model.i18n import words
from . import coins, listing
from .context import build_context
from .front_matter import all_reports, get_report
from .report_head import description
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Report

#: Environment attribute: docname -> the lists the page holds.
ENV_ATTRIBUTE = "georeport_lists"
#: Environment attribute: docname -> what its lists showed when last written.
ENV_SHOWN = "georeport_lists_shown"
#: Environment attribute: docname -> the first paragraph of a report's text
#: (what a list shows of a report without an abstract).
ENV_OPENINGS = "georeport_openings"
#: The "About" page the front page links to, when the project has it.
ABOUT = "about"


class report_list(nodes.General, nodes.Element):
    """Placeholder for a list of reports (``kind``: see the module)."""


def catalogue_of(env: BuildEnvironment) -> Catalogue:
    """The catalogue of this build's reports (as read so far)."""
    return Catalogue.from_reports(all_reports(env))


def _openings(env: BuildEnvironment) -> dict[str, str]:
    if not hasattr(env, ENV_OPENINGS):
        setattr(env, ENV_OPENINGS, {})
    openings: dict[str, str] = getattr(env, ENV_OPENINGS)
    return openings


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the opening of a report's text, for the lists."""
    report = get_report(app.env, app.env.docname)
    if report is not None and not report.abstract:
        _openings(app.env)[report.docname] = listing.opening(
            description(report, doctree)
        )


def _lists(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, ENV_ATTRIBUTE):
        setattr(env, ENV_ATTRIBUTE, {})
    lists: dict[str, set[str]] = getattr(env, ENV_ATTRIBUTE)
    return lists


def has_list(env: BuildEnvironment, docname: str, kind: str) -> bool:
    """Does the page hold a list of ``kind`` (``newest``: the front page)?"""
    return any(key.split()[0] == kind for key in _lists(env).get(docname, ()))


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


def issue_reports(app: Sphinx, fromdoc: str, issue: Issue) -> nodes.bullet_list:
    """The table of contents of an issue, in its order (:mod:`.listing`)."""
    items = nodes.bullet_list(classes=["georeport-issue-reports"])
    openings = _openings(app.env)
    for report in issue.reports:
        text = report.abstract or openings.get(report.docname, "")
        items += listing.report_entry(app, fromdoc, report, text)
    return items


def issue_list(
    app: Sphinx, fromdoc: str, issues: list[Issue], *, volumes: bool = False
) -> nodes.bullet_list:
    """Issues, each with its cover, name and date, and reports; with
    ``volumes``, named with their volume (the front page's recent issues)."""
    items = nodes.bullet_list(classes=["georeport-issue-list"])
    for issue in issues:
        name = issue.label if volumes else issue.name
        items += listing.issue_entry(app, fromdoc, issue, name)
    return items


def volume_issues(app: Sphinx, fromdoc: str, volume: Volume) -> nodes.bullet_list:
    """The issues of a volume, newest first."""
    found = issue_list(app, fromdoc, list(reversed(volume.issues)))
    found["classes"].append("georeport-volume-issues")
    return found


def archive(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> nodes.bullet_list:
    """Every volume, newest first, with its issues, newest first."""
    items = nodes.bullet_list(classes=["georeport-archive"])
    for volume in reversed(catalogue.volumes):
        paragraph = nodes.paragraph(classes=["georeport-volume-name"])
        paragraph += listing.link(app, fromdoc, volume.docname, volume.label)
        issues = issue_list(app, fromdoc, list(reversed(volume.issues)))
        items += nodes.list_item("", paragraph, issues)
    return items


def every_report(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> nodes.Node:
    """Every report, newest issue first: title, authors, issue."""
    items = nodes.bullet_list(classes=["georeport-report-list"])
    for report in catalogue.newest_first():
        paragraph = nodes.paragraph()
        paragraph += nodes.strong(
            "", "", listing.link(app, fromdoc, report.docname, report.title)
        )
        paragraph += nodes.Text(f" — {report.authors_line}. {report.issue_line}.")
        paragraph += coins.node(report)
        items += nodes.list_item("", paragraph)
    return items


def newest(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> list[nodes.Node]:
    """The newest issue (a link to its page) and its table of contents."""
    issue = catalogue.newest_issue
    if issue is None:
        return []
    paragraph = nodes.paragraph(classes=["georeport-newest-issue"])
    paragraph += listing.link(app, fromdoc, issue.docname, issue.label)
    return [paragraph, issue_reports(app, fromdoc, issue)]


#: How many issues before the newest the front page shows.
RECENT = 4


def recent(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> list[nodes.Node]:
    """A section "Recent issues": the issues before the newest, newest first
    (:data:`RECENT` of them); nothing when there is none."""
    issues = list(reversed(catalogue.issues[:-1]))[:RECENT]
    if not issues:
        return []
    title = words(build_context(app.env).language).gettext("Recent issues")
    section = nodes.section(ids=["recent-issues"], classes=["georeport-recent-issues"])
    section += nodes.title(title, title)
    section += issue_list(app, fromdoc, issues, volumes=True)
    return [section]


def front_links(app: Sphinx, fromdoc: str, catalogue: Catalogue) -> list[nodes.Node]:
    """The archive and, when the project has one, the "About" page."""
    env = app.env
    said = words(build_context(env).language)
    targets = []
    if catalogue.volumes:
        targets.append((ARCHIVE, said.gettext("Archive: every volume and issue")))
    if ABOUT in env.all_docs and ABOUT in env.titles:
        targets.append((ABOUT, env.titles[ABOUT].astext()))
    if not targets:
        return []
    items = nodes.bullet_list(classes=["georeport-front-links"])
    for docname, text in targets:
        items += nodes.list_item(
            "", nodes.paragraph("", "", listing.link(app, fromdoc, docname, text))
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
    if kind == "recent":
        return recent(app, docname, catalogue)
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


def _facts(report: Report, with_pdf: bool, opening: str) -> tuple[Any, ...]:
    """What a list shows of a report (the report itself: title, authors,
    abstract, cover, DOI, dates...), its PDF and its text's opening."""
    return (report, with_pdf, opening)


def shown(env: BuildEnvironment) -> dict[str, tuple[Any, ...]]:
    """What the lists of each page show now (by page)."""
    catalogue = catalogue_of(env)
    context = build_context(env)
    openings = _openings(env)
    facts = {
        r.docname: _facts(r, context.has_pdf(r), openings.get(r.docname, ""))
        for r in catalogue.reports
    }
    everything = tuple(facts.values())
    about = env.titles[ABOUT].astext() if ABOUT in env.titles else None

    def of(key: str) -> tuple[Any, ...]:
        kind, *numbers = key.split()
        if kind in ("reports", "archive", "newest", "recent"):
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
    _openings(env).pop(docname, None)


def on_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the lists noted by a parallel reader."""
    theirs = _lists(other)
    _lists(env).update({d: theirs[d] for d in docnames if d in theirs})
    openings = _openings(other)
    _openings(env).update({d: openings[d] for d in docnames if d in openings})


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
    app.connect("doctree-read", on_doctree_read)
    app.connect("doctree-resolved", on_doctree_resolved)
