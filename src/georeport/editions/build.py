"""Build the editions: the one code path for nox, tests and users.

``python -m georeport.editions html|pdf|all [SOURCE] [BUILD]`` runs Sphinx
strictly (nitpicky, warnings are errors, all of them reported) and, for the
PDF, latexmk on each report's LaTeX document. It says what it built and
where, and what is wrong; what Sphinx, LaTeX and the libraries print goes to
``BUILD/editions.log`` (``-v`` shows it too). Outputs:

* ``BUILD/html/`` the HTML edition,
* ``BUILD/pdf/<report>.pdf`` one PDF per report (``BUILD/latex/`` holds the
  LaTeX sources and logs, ``BUILD/.work/html/`` Sphinx's HTML output,
  ``BUILD/doctrees/`` Sphinx's environments and the records below),
* ``BUILD/epub/<report>.epub`` one EPUB per report, made in the HTML
  edition's run (``epub`` builds the two; :mod:`.epub`).

The editions a command builds are published together, whole, at the end of
a build that succeeded (:mod:`.publish`): ``all`` typesets the PDFs, builds
the HTML edition against them (``BUILD/.work/pdf``), then publishes the
three; ``pdf`` publishes the PDF edition alone; ``html`` the HTML and EPUB
editions, linking the published PDFs. A failed build, or one stopped by a
signal (:mod:`.interrupt`), leaves the last good ones as they were. One
build of a BUILD folder runs at a time (:mod:`.lock`); what a failed or
killed build left is not trusted by the next (:mod:`.recovery`); the outputs
of removed reports go (:mod:`.prune`); each PDF is checked before it is
published (:mod:`.verify`).

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
import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..deposit import DepositError
from . import epub, interrupt, lock, prune, publish, recovery, verify
from .fingerprint import (
    Record,
    Sources,
    fingerprint,
    forced,
    fresh_environment,
    outputs,
    tools,
)
from .progress import BuildError, fix_for
from .sphinx_run import sphinx
from .typeset import _require_latexmk, environment, typeset_all

#: Folder of ``BUILD`` that holds Sphinx's environments and these records.
STATE = "doctrees"
#: File of ``BUILD`` with what Sphinx, LaTeX and the libraries printed.
LOG = "editions.log"
#: Show that log as it is written, too (``-v``).
VERBOSE = "GEOREPORT_VERBOSE"
#: What Sphinx keeps in its HTML output folder for itself: not published
#: (``.buildinfo.bak``: the record of a build with other settings).
SPHINX_RECORDS = frozenset({".buildinfo", ".buildinfo.bak", ".doctrees"})
#: Folder of ``BUILD`` with each issue's Crossref deposit (``15-1.xml``).
DEPOSITS = "deposits"


def _verbose() -> bool:
    return bool(os.environ.get(VERBOSE, "").strip())


# -- The editions ------------------------------------------------------------


def _sources(source: Path, extra: Sequence[str]) -> Sources | None:
    """The project as Sphinx will read it, with the ``-D`` overrides of
    ``extra``; None when ``conf.py`` does not run (Sphinx then says why)."""
    try:
        return Sources.read(source, extra)
    except Exception:  # any error of conf.py is Sphinx's to report
        return None


def _up_to_date(edition: str, outdir: Path) -> str:
    message = f"{edition} edition: {outdir} is up to date (no input changed)\n"
    sys.stdout.write(message)
    return message


def _run_sphinx(
    record: Record,
    builder: str,
    source: Path,
    outdir: Path,
    *options: str,
    doctrees: Path,
    env: Mapping[str, str],
    log: Path,
    verbose: bool,
) -> str:
    """Sphinx, with the record saying how far the run got (:mod:`.recovery`)."""
    record.forget(recovery.SPHINX)
    try:
        printed = sphinx(
            builder,
            source,
            outdir,
            *options,
            doctrees=doctrees,
            env=env,
            log=log,
            verbose=verbose,
        )
    except BuildError:
        record.mark(recovery.FAILED)
        raise
    recovery.keep(doctrees)
    record.mark(recovery.AFTER)
    return printed


@dataclass
class _Made:
    """What one edition's step did: Sphinx's messages (or "up to date"), and
    what is left to do once the editions are published."""

    log: str
    then: Callable[[], None] = lambda: None


#: The steps of each command: ``pdf`` typesets, ``html`` runs Sphinx's HTML
#: builder (``epub`` too), ``all`` both.
STEPS = {
    "pdf": ("pdf",),
    "html": ("html",),
    "epub": ("html",),
    "all": ("pdf", "html"),
}
#: The editions each step publishes: the EPUB books are made in the HTML run.
PUBLISHES = {"pdf": ("pdf",), "html": ("html", epub.EDITION)}


def build_pdf(source: Path, build: Path, *extra: str, log: Path | None = None) -> str:
    """One PDF per report in ``build/pdf``; return Sphinx's messages.

    latexmk works in ``build/latex``; ``build/pdf`` is replaced by the new
    PDFs only when every one of them is typeset and checked. What Sphinx and
    LaTeX print goes to ``log`` (``build/editions.log`` by default)."""
    made = build_editions(source, build, STEPS["pdf"], *extra, log=log)
    return "".join(made.values())


def build_html(source: Path, build: Path, *extra: str) -> str:
    """The HTML edition in ``build/html`` and the EPUB edition in
    ``build/epub``; return Sphinx's messages.

    The PDFs of ``build/pdf`` are put beside their pages and linked. Sphinx
    works in ``build/.work/html``; the two editions are replaced by copies of
    what it made only when the build succeeds."""
    return "".join(build_editions(source, build, STEPS["html"], *extra).values())


def build_editions(
    source: Path,
    build: Path,
    steps: Sequence[str],
    *extra: str,
    log: Path | None = None,
) -> dict[str, str]:
    """Take the ``steps`` (of "pdf", "html"), then publish the editions they
    made in one step (:class:`.publish.Release`); return each step's Sphinx
    messages (or its "up to date").

    Nothing is published unless every step succeeded: the HTML pages of
    ``all`` link the new PDFs, which are published with them. What Sphinx
    and LaTeX print is appended to ``log`` (``build/editions.log`` by
    default)."""
    log = log or build / LOG
    with lock.hold(build):
        publish.recover(build)
        release = publish.Release(build)
        made: dict[str, _Made] = {}
        try:
            try:
                if "pdf" in steps:
                    made["pdf"] = _stage_pdf(source, build, extra, release, log)
                if "html" in steps:
                    made["html"] = _stage_html(source, build, extra, release, log)
                release.commit()
                for edition in made.values():
                    edition.then()
            finally:
                publish.recover(build)  # what was staged and not published goes
        except interrupt.Interrupted as stop:
            stop.published = release.committed
            raise
        return {name: edition.log for name, edition in made.items()}


def _stage_pdf(
    source: Path,
    build: Path,
    extra: Sequence[str],
    release: publish.Release,
    log_file: Path,
) -> _Made:
    latex_dir, pdf_dir = build / "latex", build / "pdf"
    sources = _sources(source, extra)
    env = environment(sources, "latex")
    record = Record(build / STATE / "latex.json")
    key = fingerprint(sources, "latex", build, extra, env) if sources else None
    if not forced(extra) and record.fresh(key, pdf_dir):
        return _Made(_up_to_date("PDF", pdf_dir))
    doctrees = build / STATE / "latex"
    options = [*fresh_environment(record, extra), *recovery.prepare(record, doctrees)]
    _require_latexmk()
    verify.require_poppler()
    log = _run_sphinx(
        record,
        "latex",
        source,
        latex_dir,
        *options,
        *extra,
        doctrees=doctrees,
        env=env,
        log=log_file,
        verbose=_verbose(),
    )
    documents = prune.latex(latex_dir, sources)
    engine = sources.settings.text("latex_engine") if sources else "xelatex"
    epochs = sources.report_epochs() if sources else {}
    checked = set(typeset_all(documents, epochs, env, engine, log_file, sources))
    pdfs = {tex.with_suffix(".pdf").name: tex.with_suffix(".pdf") for tex in documents}
    for name, pdf in sorted(pdfs.items()):
        # a PDF new to the edition is checked, whenever it was typeset
        published = pdf_dir / name
        if pdf not in checked and not (
            published.is_file() and publish.same_bytes(pdf, published)
        ):
            verify.check_pdf(pdf, sources.reports.get(pdf.stem) if sources else None)
    release.stage("pdf", pdfs, publish.same_bytes)

    def then() -> None:
        for name in sorted(pdfs):
            print(f"PDF edition: {pdf_dir / name}")
        record.write(key, pdf_dir, tools=tools())

    return _Made(log, then)


def _stage_html(
    source: Path,
    build: Path,
    extra: Sequence[str],
    release: publish.Release,
    log_file: Path,
) -> _Made:
    outdir, work = build / "html", build / publish.WORK / "html"
    epub_dir = build / epub.EDITION  # made in the same run (build/epub.py)
    sources = _sources(source, extra)
    env = environment(sources, "html")
    state = build / STATE
    record = Record(state / "html.json")
    # the PDFs the pages link: those published with them
    pdf_edition = release.folder("pdf")
    pdfs = outputs(pdf_edition) if pdf_edition.is_dir() else {}
    key = fingerprint(sources, "html", build, extra, env) if sources else None
    if key:
        key = hashlib.sha256(f"{key}{sorted(pdfs.items())}".encode()).hexdigest()
    if (
        not forced(extra)
        and record.fresh(key, outdir)
        and epub.intact(record, epub_dir)
    ):
        return _Made(_up_to_date("HTML", outdir))
    # one folder whatever the PDFs' edition: the setting is in Sphinx's record
    # of what its pages were written with (.buildinfo)
    linked = publish.link_all(pdf_edition, build / publish.WORK / "pdf").resolve()
    options = ["-D", f"georeport_pdf_dir={linked}"]
    # a page links to its PDF only if there was one when the page was written
    if sorted(pdfs) != record.data.get("pdfs", sorted(pdfs)):
        options.append("-a")
    options += fresh_environment(record, extra)
    options += recovery.prepare(record, state / "html", (*options, *extra))
    recovery.restore_index(record, work, outdir)
    log = _run_sphinx(
        record,
        "html",
        source,
        work,
        *options,
        *extra,
        doctrees=state / "html",
        env=env,
        log=log_file,
        verbose=_verbose(),
    )
    reports = sorted(sources.docnames) if sources else None
    if sources is not None:
        prune.html(work, record.data.get("reports", []), sources, linked)
        _write_deposits(sources, build / DEPOSITS)
    release.stage("html", publish.tree(work, SPHINX_RECORDS), publish.same_stamp)
    epub.stage(release, work, sources)

    def then() -> None:
        record.write(
            key,
            outdir,
            pdfs=sorted(pdfs),
            tools=tools(),
            reports=reports,
            **epub.record(epub_dir),
        )

    return _Made(log, then)


def _write_deposits(sources: Sources, folder: Path) -> None:
    """Each issue's Crossref deposit, from the sources the HTML edition was
    just built from (nothing when ``conf.py`` names no depositor); a deposit
    that cannot be made fails the build before anything is published."""
    # imported here: a build with nothing to do should not pay for them
    from ..deposit.crossref import configured, write_all
    from ..deposit.reader import Project

    try:
        # without a depositor, the project (its reports and an archive's
        # bibliography) is not read again: stale deposits only go
        project = (
            Project.read(sources.source, sources.settings)
            if configured(sources.settings)
            else None
        )
        written = write_all(project, folder)
    except DepositError as err:
        raise BuildError(f"Crossref deposit: {err}") from None
    for path in written:
        print(f"Crossref deposit: {path}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: which edition, from which sources, into which folder."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.editions",
        description=__doc__.splitlines()[0],
        epilog="Other options go to sphinx-build (e.g. -E to rebuild everything).",
    )
    parser.add_argument("edition", choices=("html", "pdf", "epub", "all"))
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
    steps = STEPS[args.edition]
    try:
        with interrupt.handled(), lock.hold(args.build):
            log.unlink(missing_ok=True)  # the log of this run alone
            output = build_editions(args.source, args.build, steps, *extra)
            if not output.get("html", "HTML edition:").startswith("HTML edition:"):
                print(f"HTML edition: {args.build / 'html'}")  # not "up to date"
                print(f"EPUB edition: {args.build / epub.EDITION}")
    except interrupt.Interrupted as stop:
        with contextlib.suppress(OSError):  # a terminal closed (SIGHUP) is gone
            print(f"error: {interrupted(stop, args.build, steps)}", file=sys.stderr)
        return 128 + stop.signum
    except BuildError as err:
        problems = str(err).splitlines()
    except OSError as err:
        problems = [os_error(err, args.build)]
    else:
        return 0
    for line in dict.fromkeys(problems):  # each problem once
        print(f"error: {line}", file=sys.stderr)
    if log.is_file():
        print(f"The build's full log: {log}")
    return 1


def interrupted(stop: interrupt.Interrupted, build: Path, steps: Sequence[str]) -> str:
    """One line for a build stopped by a signal: which, and what it left."""
    published = {name for step in steps for name in PUBLISHES[step]}
    folders = ", ".join(
        str(build / name) for name in ("html", "pdf", epub.EDITION) if name in published
    )
    if stop.published:
        return (
            f"{build}: the build was interrupted ({stop.name}) once it had "
            f"published the new editions ({folders}): build again to finish it"
        )
    return (
        f"{build}: the build was interrupted ({stop.name}): the editions are as "
        f"they were ({folders}); build again to finish it"
    )


def os_error(err: OSError, build: Path) -> str:
    """One line for an error of the operating system: the path, what the
    system said, and what to do."""
    # a copy fails on its target (filename2), an open on its one file
    path = err.filename2 if err.filename2 is not None else err.filename
    return f"{build if path is None else path}: {err.strerror or err}: " + fix_for(
        err.errno, build
    )


if __name__ == "__main__":
    sys.exit(main())
