"""Reading the reports and references.bib, and writing them safely.

All checks run before the first write, so an error leaves every file as it
was, for one report as for many; each file is written to a temporary file
beside it and moved into place (``os.replace``), so a crash never leaves half
a file.

A report file is never replaced by a *different* report (another title,
volume or issue), ``--force`` or not: two titles that give one slug must be
told apart with ``--slug``. Importing a report again finds the file that
holds it, whatever its name, and replaces it only with ``--force``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as calendar_date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pybtex.database import BibliographyData

from georeport.files import write_if_changed
from georeport.importer import review
from georeport.importer.bibtex import append_entries, parse_bibliography, render_entry
from georeport.importer.convert import convert
from georeport.importer.errors import ImporterError
from georeport.model import split_front_matter
from georeport.model.report import FILE_NAME, ascii_file_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from georeport.importer.convert import Conversion
    from georeport.importer.header import Header

#: what ``--date`` accepts: the front matter's own forms
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Plan:
    """What the import of one report will write."""

    source: Path
    report_path: Path
    report: str
    bib_path: Path
    #: references.bib's text once this report's entries are added
    bib: str
    #: rendered entries that are new to references.bib
    added: list[str]
    #: keys references.bib already holds that the report cites
    kept: list[str]
    warnings: list[str]
    footnotes: int
    #: the review of the import: printed, and written as HTML at review_path
    review_text: str = ""
    review_html: str = ""
    review_path: Path | None = None


def plan_import(
    report: Path,
    docs: Path,
    bib: Path,
    *,
    force: bool,
    date: str = "",
    slug: str = "",
) -> Plan:
    """Read and convert ``report``; raise ImporterError on any problem."""
    (plan,) = plan_imports([report], docs, bib, force=force, date=date, slug=slug)
    return plan


def plan_imports(
    reports: Sequence[Path],
    docs: Path,
    bib: Path,
    *,
    force: bool,
    date: str = "",
    slug: str = "",
) -> list[Plan]:
    """Read and convert every report, each seeing the entries of those before.

    ``date`` (``YYYY-MM[-DD]``) is every report's date; ``slug`` names the
    file of the one report.
    """
    if date:
        check_date(date)
    if slug:
        if len(reports) > 1:
            raise ImporterError(
                str(reports[1]),
                None,
                "--slug names one report's file, and more are imported",
                "import the reports one at a time to give each its --slug",
            )
        check_slug(slug)
    bib_text = read_text(bib) if bib.exists() else ""
    bibliography = parse_bibliography(bib_text, str(bib))
    plans: list[Plan] = []
    for report in reports:
        conversion = convert(
            read_text(report),
            str(report),
            bibliography.entries,
            date=date,
            bib_name=str(bib),
        )
        taken = {plan.report_path: plan.source for plan in plans}
        target = _target(conversion, docs, slug, force, taken, report)
        added = [render_entry(key, source) for key, source in conversion.new.items()]
        reviewed = conversion.review
        bib_text = append_entries(bib_text, added)
        bibliography = _with(bibliography, bib_text, str(bib))
        plans.append(
            Plan(
                report,
                target,
                conversion.report,
                bib,
                bib_text,
                added,
                conversion.reused,
                conversion.warnings,
                conversion.footnotes,
                review.as_text(str(report), reviewed, conversion.form),
                review.as_html(str(report), reviewed, conversion.form),
                review_path(bib, target),
            )
        )
    return plans


def review_path(bib: Path, report: Path) -> Path:
    """Where the review of ``report``'s import is written: beside the build."""
    return bib.parent / "build" / "import" / f"{report.stem}.html"


def write_reviews(plans: Sequence[Plan]) -> None:
    """Write each plan's review page (``--dry-run`` writes these, nothing else)."""
    for plan in plans:
        if plan.review_path is not None:
            plan.review_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(plan.review_path, plan.review_html)


def _with(old: BibliographyData, text: str, name: str) -> BibliographyData:
    """references.bib read again with the entries just added (parse once more:
    the rendered entries are what will be written, so they are what counts)."""
    return parse_bibliography(text, name) if text else old


def _target(
    conversion: Conversion,
    docs: Path,
    slug: str,
    force: bool,
    taken: dict[Path, Path],
    source: Path,
) -> Path:
    """The report's file: ``--slug``, or the file already holding this report,
    or the slug's; refused when it holds another report."""
    header = conversion.header
    if not slug:
        for path in sorted(docs.glob("*.md")) if docs.is_dir() else []:
            if _holds(path) == _identity(header) and path not in taken:
                if not force:
                    raise ImporterError(
                        str(path),
                        None,
                        f"holds this report already ({_describe(header)})",
                        "pass --force to replace it with the import",
                    )
                return path
    target = docs / f"{slug or conversion.slug}.md"
    if target in taken:
        raise ImporterError(
            str(source),
            None,
            f"its file would be {target}, as for {taken[target]}",
            f"pass --slug NAME when importing {source.name} alone",
        )
    if target.exists():
        there = _holds(target)
        if there != _identity(header):
            raise ImporterError(
                str(target),
                None,
                f"holds another report ({_describe_held(there)}), "
                f"not {_describe(header)}; it is never replaced",
                "give the import another file name with --slug NAME",
            )
        if not force:
            raise ImporterError(
                str(target),
                None,
                f"holds this report already ({_describe(header)})",
                "pass --force to replace it with the import",
            )
    return target


def _identity(header: Header) -> tuple[str, str, str]:
    return (" ".join(header.title.split()), str(header.volume), str(header.issue))


def _describe(header: Header) -> str:
    return _describe_held(_identity(header))


def _describe_held(held: tuple[str, str, str] | None) -> str:
    if held is None:
        return "no front matter that names a report"
    title, volume, issue = held
    return f"{title!r}, volume {volume}, issue {issue}"


def _holds(path: Path) -> tuple[str, str, str] | None:
    """The title, volume and issue in a report file's front matter, if any."""
    try:
        found = split_front_matter(path.read_text(encoding="utf-8"))
        values = yaml.safe_load(found[0]) if found else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(values, dict):
        return None
    title = " ".join(str(values.get("title", "")).split())
    return (title, str(values.get("volume")), str(values.get("issue")))


def check_date(value: str) -> str:
    """``value`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` of the calendar."""
    match = _DATE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(part) if part else 1 for part in match.groups())
        calendar_date(year, month, day)
    except ValueError:
        raise ImporterError(
            "--date",
            None,
            f"{value!r} is no date of the calendar",
            "write it as YYYY-MM or YYYY-MM-DD, e.g. --date 2022-01",
        ) from None
    return value


def check_slug(value: str) -> str:
    """``value`` if it can name a report's file (the model's rule,
    :data:`georeport.model.report.FILE_NAME`)."""
    if not FILE_NAME.fullmatch(value):
        raise ImporterError(
            "--slug",
            None,
            f"{value!r} cannot name a report's file",
            "use lower-case ASCII letters, digits and single hyphens, "
            f"e.g. --slug {ascii_file_name(value)}",
        )
    return value


def write_plans(plans: Sequence[Plan]) -> None:
    """Write references.bib once (if anything is added), then each report and
    its review page."""
    if plans and any(plan.added for plan in plans):
        write_atomic(plans[-1].bib_path, plans[-1].bib)
    for plan in plans:
        write_atomic(plan.report_path, plan.report)
    write_reviews(plans)


def write_plan(plan: Plan) -> None:
    """Write one report's plan."""
    write_plans([plan])


def read_text(path: Path) -> str:
    """The file's text; an error names the line of a byte that is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImporterError(
            str(path), None, f"cannot read it ({error.strerror})", "check the path"
        ) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImporterError(
            str(path),
            data.count(b"\n", 0, error.start) + 1,
            f"not UTF-8 (byte {data[error.start]:#04x})",
            "save the file as UTF-8, e.g. iconv -f windows-1252 -t utf-8",
        ) from error


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (:mod:`georeport.files`),
    or say which file could not be written."""
    try:
        write_if_changed(path, text)
    except OSError as error:
        raise ImporterError(
            str(path), None, f"cannot write it ({error.strerror})", "check the path"
        ) from error
