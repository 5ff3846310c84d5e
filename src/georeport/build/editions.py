"""Build the HTML and PDF editions: the one code path for nox, tests and users.

``python -m georeport.build html|pdf|all [SOURCE] [BUILD]`` runs Sphinx
strictly (nitpicky, warnings are errors, all of them reported) and, for the
PDF, latexmk on each report's LaTeX document. It says what it built and
where, and what is wrong; what Sphinx, LaTeX and the libraries print goes to
``BUILD/editions.log`` (``-v`` shows it too). Outputs:

* ``BUILD/html/`` the HTML edition,
* ``BUILD/pdf/<report>.pdf`` one PDF per report (``BUILD/latex/`` holds the
  LaTeX sources and logs, ``BUILD/doctrees/`` Sphinx's environments and the
  records below).

Builds are incremental (ARCHITECTURE.md, "Speed"):

* an edition whose inputs (sources, bibliographies, templates, configuration,
  georeport's own files, installed packages, TeX) are all as they were at its
  last successful build is not built again: Sphinx does not even start
  (:mod:`.fingerprint`);
* otherwise Sphinx rebuilds what changed (:mod:`.sphinx_run`), and a
  report's PDF is typeset again only when the hash of its inputs (its
  ``.tex``, the style files, the images it includes, TeX's version, its dates)
  differs from the one recorded beside its PDF; several PDFs are typeset at
  once, one per core (:mod:`.typeset`).

Builds are reproducible (ARCHITECTURE.md, "Reproducible editions"): unless
``SOURCE_DATE_EPOCH`` is set, it is derived from the reports' own dates, and
every date and identifier in a PDF follows it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .fingerprint import (
    Record,
    Sources,
    fingerprint,
    forced,
    fresh_environment,
    outputs,
    tools,
)
from .progress import BuildError
from .sphinx_run import sphinx
from .typeset import _require_latexmk, environment, typeset_all

#: Folder of ``BUILD`` that holds Sphinx's environments and these records.
STATE = "doctrees"
#: File of ``BUILD`` with what Sphinx, LaTeX and the libraries printed.
LOG = "editions.log"
#: Show that log as it is written, too (``-v``).
VERBOSE = "GEOREPORT_VERBOSE"


def _verbose() -> bool:
    return bool(os.environ.get(VERBOSE, "").strip())


# -- The editions ------------------------------------------------------------


def _sources(source: Path) -> Sources | None:
    """``conf.py`` read as Sphinx will; None when it does not run (Sphinx
    then says why)."""
    try:
        return Sources.read(source)
    except Exception:  # any error of conf.py is Sphinx's to report
        return None


def _up_to_date(edition: str, outdir: Path) -> str:
    message = f"{edition} edition: {outdir} is up to date (no input changed)\n"
    sys.stdout.write(message)
    return message


def _documents(sources: Sources | None, latex_dir: Path, pdf_dir: Path) -> list[Path]:
    """The LaTeX documents of this build: one per report (the PDF of a report
    that is no more is removed), or every ``.tex`` when the project makes its
    own ``latex_documents``."""
    found = sorted(latex_dir.glob("*.tex"))
    if sources is None or not sources.conf.get("georeport_latex_documents", True):
        return found
    documents = [tex for tex in found if tex.stem in sources.reports]
    for gone in sorted(set(found) - set(documents)):
        (pdf_dir / f"{gone.stem}.pdf").unlink(missing_ok=True)
    return documents


def build_pdf(source: Path, build: Path, *extra: str) -> str:
    """One PDF per report in ``build/pdf``; return Sphinx's messages."""
    latex_dir, pdf_dir = build / "latex", build / "pdf"
    sources = _sources(source)
    env = environment(sources, "latex")
    record = Record(build / STATE / "latex.json")
    key = fingerprint(sources, "latex", build, extra, env) if sources else None
    if not forced(extra) and record.fresh(key, pdf_dir):
        return _up_to_date("PDF", pdf_dir)
    fresh = fresh_environment(record, extra)
    record.forget()
    _require_latexmk()
    doctrees = build / STATE / "latex"
    log = sphinx(
        *("latex", source, latex_dir, *fresh, *extra),
        doctrees=doctrees,
        env=env,
        log=build / LOG,
        verbose=_verbose(),
    )
    documents = _documents(sources, latex_dir, pdf_dir)
    engine = str(sources.conf.get("latex_engine", "xelatex")) if sources else "xelatex"
    epochs = sources.report_epochs() if sources else {}
    typeset_all(documents, pdf_dir, epochs, env, engine, build / LOG)
    record.write(key, pdf_dir, tools=tools())
    return log


def build_html(source: Path, build: Path, *extra: str) -> str:
    """The HTML edition in ``build/html``; return Sphinx's messages.

    PDFs already in ``build/pdf`` are put beside their pages and linked.
    """
    outdir, pdf_dir = build / "html", (build / "pdf").resolve()
    sources = _sources(source)
    env = environment(sources, "html")
    state = build / STATE
    record = Record(state / "html.json")
    pdfs = outputs(pdf_dir) if pdf_dir.is_dir() else {}
    key = fingerprint(sources, "html", build, extra, env) if sources else None
    if key:
        key = hashlib.sha256(f"{key}{sorted(pdfs.items())}".encode()).hexdigest()
    if not forced(extra) and record.fresh(key, outdir):
        return _up_to_date("HTML", outdir)
    options = ["-D", f"georeport_pdf_dir={pdf_dir}"]
    # a page links to its PDF only if there was one when the page was written
    if sorted(pdfs) != record.data.get("pdfs", sorted(pdfs)):
        options.append("-a")
    options += fresh_environment(record, extra)
    record.forget()
    # Sphinx's records live outside the edition, which holds only what a
    # reader gets: its environment in BUILD/doctrees/html, and .buildinfo
    # (the configuration's hash, with this build's paths) beside it
    shutil.rmtree(outdir / ".doctrees", ignore_errors=True)
    buildinfo = state / "html.buildinfo"
    if buildinfo.is_file() and outdir.is_dir():
        shutil.copyfile(buildinfo, outdir / ".buildinfo")
    log = sphinx(
        *("html", source, outdir, *options, *extra),
        doctrees=state / "html",
        env=env,
        log=build / LOG,
        verbose=_verbose(),
    )
    if (outdir / ".buildinfo").is_file():
        state.mkdir(parents=True, exist_ok=True)
        os.replace(outdir / ".buildinfo", buildinfo)
    record.write(key, outdir, pdfs=sorted(pdfs), tools=tools())
    return log


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: which edition, from which sources, into which folder."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.build",
        description=__doc__.splitlines()[0],
        epilog="Other options go to sphinx-build (e.g. -E to rebuild everything).",
    )
    parser.add_argument("edition", choices=("html", "pdf", "all"))
    parser.add_argument("source", nargs="?", default="docs", type=Path)
    parser.add_argument("build", nargs="?", default="build", type=Path)
    parser.add_argument(
        "--jobs",
        type=int,
        help="PDFs typeset at once (default: one per core; also GEOREPORT_JOBS)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=f"show what Sphinx and LaTeX print (always kept in BUILD/{LOG})",
    )
    args, extra = parser.parse_known_args(argv)
    if args.jobs:
        os.environ["GEOREPORT_JOBS"] = str(args.jobs)
    if args.verbose:
        os.environ[VERBOSE] = "1"
    log = args.build / LOG
    log.unlink(missing_ok=True)  # the log of this run alone
    try:
        # PDFs first, so that the HTML pages can link to them
        if args.edition in ("pdf", "all"):
            build_pdf(args.source, args.build, *extra)
        if args.edition in ("html", "all"):
            output = build_html(args.source, args.build, *extra)
            if not output.startswith("HTML edition:"):  # not "up to date"
                print(f"HTML edition: {args.build / 'html'}")
    except BuildError as err:
        for line in str(err).splitlines():
            print(f"error: {line}", file=sys.stderr)
        if log.is_file():
            print(f"The build's full log: {log}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
