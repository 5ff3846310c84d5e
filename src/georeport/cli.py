"""The ``georeport`` command.

``main(argv)`` returns the exit status, so tests call it without a
subprocess. A problem in the user's files prints one ``georeport: error:``
line naming the file, the line and the fix, and exits 1 without a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from georeport.importer import ImporterError, plan_import, write_plan

if TYPE_CHECKING:
    from collections.abc import Sequence


def _get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="georeport", description="Tools of the Geopolitical Report."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser(
        "import",
        help="import a report from the journal's footnoted text",
        description=(
            "Write the report as MyST (docs/reports/<volume>-<issue>-<word>.md), "
            "each marker [n] citing footnote n's sources, and add the sources "
            "to references.bib. Nothing is overwritten without --force."
        ),
    )
    command.add_argument(
        "report",
        type=Path,
        metavar="REPORT.txt",
        help="the report as received: header, text with [n] markers, footnotes",
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
        "--force", action="store_true", help="overwrite an existing report file"
    )
    output.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be written, write nothing",
    )
    command.set_defaults(handler=_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``georeport`` with ``argv`` (default: the command line)."""
    args = _get_parser().parse_args(argv)
    try:
        return args.handler(args)
    except ImporterError as error:
        print(f"georeport: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the output went to a pager that quit (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _import(args: argparse.Namespace) -> int:
    plan = plan_import(args.report, args.docs, args.bib, force=args.force)
    for warning in plan.warnings:
        print(f"georeport: warning: {warning}", file=sys.stderr)
    kept = f" ({len(plan.kept)} already there)" if plan.kept else ""
    if args.dry_run:
        print(f"==> would write {plan.report_path} <==\n{plan.report}")
        print(f"==> would add {len(plan.added)} entries to {plan.bib_path}{kept} <==")
        print("\n\n".join(plan.added))
        return 0
    write_plan(plan)
    print(
        f"wrote {plan.report_path}; "
        f"added {len(plan.added)} entries to {plan.bib_path}{kept}"
    )
    return 0
