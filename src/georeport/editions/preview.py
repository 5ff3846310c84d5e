"""The preview's PDFs: typeset in the background after each HTML rebuild.

``./noxw -s preview`` serves the HTML edition with sphinx-autobuild, which
rebuilds the pages within a second of an edit. Typesetting takes longer, so
after each rebuild it runs ``python -m georeport.editions.preview SOURCE BUILD
PREVIEW``, which returns at once and, in a process of its own, builds the PDF
edition (only the reports that changed: :func:`.build.build_pdf`, one
build at a time by :mod:`.lock`) and puts each new PDF beside its preview
page, where the page's "PDF" link points. What it did, or what
went wrong, is in ``BUILD/preview-pdf.log``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.report import file_name
from ..project import report_files
from .build import build_pdf
from .progress import BuildError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: What the background process wrote, beside the editions.
LOG = "preview-pdf.log"


def place_pdfs(source: Path, pdfs: Path, preview: Path) -> list[Path]:
    """Copy each report's PDF beside its preview page; return those replaced."""
    placed = []
    for docname, _path in report_files(source):
        name = file_name(docname, ".pdf")
        pdf, page = pdfs / name, preview / f"{docname}.html"
        target = page.with_name(name)
        if not (pdf.is_file() and page.is_file()):
            continue
        if target.is_file() and target.read_bytes() == pdf.read_bytes():
            continue
        temporary = target.with_name(f".{name}.tmp")
        shutil.copyfile(pdf, temporary)
        os.replace(temporary, target)  # a reader never gets half a PDF
        placed.append(target)
    return placed


def _in_background(args: argparse.Namespace) -> None:
    """The same command with ``--now``, detached, its output in the log."""
    args.build.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", __spec__.name, "--now"]
    command += [str(args.source), str(args.build), str(args.preview)]
    with (args.build / LOG).open("w", encoding="utf-8") as log:
        subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the background typesetting (or, with ``--now``, do it)."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.editions.preview", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--now", action="store_true", help="typeset in this process")
    parser.add_argument("source", type=Path, help="the Sphinx project (docs)")
    parser.add_argument("build", type=Path, help="the editions' folder (build)")
    parser.add_argument("preview", type=Path, help="the preview's HTML folder")
    args = parser.parse_args(argv)
    if not args.now:
        _in_background(args)
        return 0
    try:
        print(build_pdf(args.source, args.build), end="")
    except (BuildError, OSError) as error:
        print(f"preview: the PDF edition failed: {error}")
        return 1
    for path in place_pdfs(args.source, args.build / "pdf", args.preview):
        print(f"preview: {path} replaced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
