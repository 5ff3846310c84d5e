"""The journal's reports grouped into issues and volumes, in publication order.

Pure Python, no Sphinx: the pages that list reports (the front page, issue,
volume and archive pages, previous and next, breadcrumbs) and whatever else
lists them (a sitemap, a feed) ask one :class:`Catalogue` made from the
reports, rather than sorting and grouping on their own.

Publication order is volume, then issue, then within one issue the reports
that say ``order:`` (smallest first), then the others by title (case folded,
then the file name, so that two reports of one title keep one order). "Newest
first" is that order reversed, issue by issue: the newest issue first, and
within an issue the same order as oldest first (an issue's table of contents
reads one way wherever it is shown).

Each issue and volume has a page of its own, named here once
(:attr:`Issue.docname`, :attr:`Volume.docname`, :data:`ARCHIVE`): the
extension writes them, and any list of the site's pages names them alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from .dates import PartialDate
from .report import Report

#: An issue or a volume.
_Page = TypeVar("_Page", "Issue", "Volume")

#: The archive page: every volume and issue.
ARCHIVE = "archive"
#: The folder of the volume pages (``volumes/15``).
VOLUMES = "volumes"
#: The folder of the issue pages (``issues/15-1``).
ISSUES = "issues"


def within_issue(report: Report) -> tuple[int, int, str, str]:
    """The sort key of a report in its issue: ``order:`` first, then title."""
    has_order = report.order is not None
    return (
        0 if has_order else 1,
        report.order or 0,
        report.title.casefold(),
        report.docname,
    )


def publication_key(report: Report) -> tuple[int, int, tuple[int, int, str, str]]:
    """The sort key of publication order, oldest first."""
    return report.volume, report.issue, within_issue(report)


def issue_date(reports: Iterable[Report]) -> PartialDate:
    """The date of an issue: the month of its earliest report that names one,
    else the earliest year (an issue is dated by month, not by day)."""
    dates = [report.date for report in reports]
    monthly = [d for d in dates if d.month]
    if monthly:
        first = min(monthly, key=lambda d: (d.year, d.month or 0))
        return PartialDate(first.year, first.month)
    return PartialDate(min(d.year for d in dates))


@dataclass(frozen=True)
class Issue:
    """One issue of a volume: its reports in publication order."""

    volume: int
    number: int
    reports: tuple[Report, ...]

    @property
    def date(self) -> PartialDate:
        return issue_date(self.reports)

    @property
    def docname(self) -> str:
        """The issue's page: ``issues/15-1``."""
        return f"{ISSUES}/{self.volume}-{self.number}"

    @property
    def name(self) -> str:
        """``Issue 1 — January 2022``: the issue within its volume."""
        return f"Issue {self.number} — {self.date.human()}"

    @property
    def label(self) -> str:
        """``Volume 15, Issue 1 — January 2022``: the issue page's title."""
        return f"Volume {self.volume}, Issue {self.number} — {self.date.human()}"


@dataclass(frozen=True)
class Volume:
    """One volume: its issues, oldest first."""

    number: int
    issues: tuple[Issue, ...]

    @property
    def docname(self) -> str:
        """The volume's page: ``volumes/15``."""
        return f"{VOLUMES}/{self.number}"

    @property
    def years(self) -> str:
        """``2022``, or ``2022\u20132023``: the years of its issues."""
        years = sorted({issue.date.year for issue in self.issues})
        first, last = years[0], years[-1]
        return str(first) if first == last else f"{first}\u2013{last}"

    @property
    def label(self) -> str:
        """``Volume 15 (2022)``: the volume page's title."""
        return f"Volume {self.number} ({self.years})"

    @property
    def name(self) -> str:
        """``Volume 15``."""
        return f"Volume {self.number}"

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(report for issue in self.issues for report in issue.reports)


@dataclass(frozen=True)
class Catalogue:
    """Every report of the journal, grouped; volumes oldest first."""

    volumes: tuple[Volume, ...]

    @classmethod
    def from_reports(cls, reports: Iterable[Report]) -> Catalogue:
        """Group ``reports`` (any order) into issues and volumes."""
        ordered = sorted(reports, key=publication_key)
        volumes: list[Volume] = []
        issues: list[Issue] = []
        group: list[Report] = []

        def close_issue() -> None:
            if group:
                issues.append(Issue(group[0].volume, group[0].issue, tuple(group)))
                group.clear()

        def close_volume() -> None:
            close_issue()
            if issues:
                volumes.append(Volume(issues[0].volume, tuple(issues)))
                issues.clear()

        for report in ordered:
            if group and report.volume != group[0].volume:
                close_volume()
            elif group and report.issue != group[0].issue:
                close_issue()
            group.append(report)
        close_volume()
        return cls(tuple(volumes))

    @cached_property
    def reports(self) -> tuple[Report, ...]:
        """Every report in publication order, oldest first."""
        return tuple(r for volume in self.volumes for r in volume.reports)

    @cached_property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue, oldest first."""
        return tuple(issue for volume in self.volumes for issue in volume.issues)

    def newest_first(self) -> list[Report]:
        """Every report, newest issue first, each issue in its own order."""
        return [r for issue in reversed(self.issues) for r in issue.reports]

    @property
    def newest_issue(self) -> Issue | None:
        return self.issues[-1] if self.issues else None

    @cached_property
    def _places(self) -> dict[str, tuple[int, Issue, Volume]]:
        places = {}
        index = 0
        for volume in self.volumes:
            for issue in volume.issues:
                for report in issue.reports:
                    places[report.docname] = (index, issue, volume)
                    index += 1
        return places

    def issue_of(self, report: Report) -> Issue:
        return self._places[report.docname][1]

    def volume_of(self, report: Report) -> Volume:
        return self._places[report.docname][2]

    def neighbours(self, report: Report) -> tuple[Report | None, Report | None]:
        """The reports published just before and just after ``report``."""
        index = self._places[report.docname][0]
        before = self.reports[index - 1] if index > 0 else None
        after = self.reports[index + 1] if index + 1 < len(self.reports) else None
        return before, after

    def issue_neighbours(self, issue: Issue) -> tuple[Issue | None, Issue | None]:
        """The issues published just before and just after ``issue``."""
        return _neighbours(self.issues, issue)

    def volume_neighbours(self, volume: Volume) -> tuple[Volume | None, Volume | None]:
        """The volumes just before and just after ``volume``."""
        return _neighbours(self.volumes, volume)

    def page(self, docname: str) -> Issue | Volume | None:
        """The issue or volume whose page is ``docname``, if any."""
        return self.pages.get(docname)

    @cached_property
    def pages(self) -> dict[str, Issue | Volume]:
        """The page of every issue and volume, by docname (not the archive)."""
        found: dict[str, Issue | Volume] = {}
        for volume in self.volumes:
            found[volume.docname] = volume
            for issue in volume.issues:
                found[issue.docname] = issue
        return found

    def page_docnames(self) -> list[str]:
        """Every page the catalogue makes: the archive (when there is a
        report), each volume's and each issue's; sorted."""
        if not self.volumes:
            return []
        return sorted([ARCHIVE, *self.pages])


def _neighbours(
    items: tuple[_Page, ...], item: _Page
) -> tuple[_Page | None, _Page | None]:
    index = [i.docname for i in items].index(item.docname)
    before = items[index - 1] if index > 0 else None
    after = items[index + 1] if index + 1 < len(items) else None
    return before, after
