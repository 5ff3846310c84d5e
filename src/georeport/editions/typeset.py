"""The PDFs: latexmk on each report's LaTeX document, and only when needed.

A report's PDF is typeset again only when the hash of its inputs (its
``.tex``, the style files, the images it includes, TeX's version, its dates)
differs from the one recorded beside its PDF; several PDFs are typeset at
once, one per core.

That record (``<report>.inputs``) is written only once the report's PDF is
typeset and checked (:mod:`.verify`); a report without one (its last run
failed, or the build was killed while typesetting it) is typeset from a clean
slate: latexmk's state and LaTeX's auxiliary files of an unfinished run (a
truncated ``.out`` made every later run fail) are removed first
(:func:`clean`).

PDFs are reproducible (ARCHITECTURE.md, "Reproducible editions"): unless
``SOURCE_DATE_EPOCH`` is set, it is derived from the reports' own dates, and
every date and identifier in a PDF follows it.
"""

from __future__ import annotations

import contextlib
import datetime
import glob
import hashlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from . import lock, verify
from .fingerprint import ENVIRONMENT, Sources, digest, tex_identity
from .progress import BuildError, jobs, print_lock, say

#: latexmk, with the rules of the ``latexmkrc`` Sphinx writes for the engine.
LATEXMK = ("latexmk", "-dvi-", "-ps-")
#: latexmk's mode for an engine, when not Sphinx's Makefile's ``-pdf`` (which
#: the ``latexmkrc`` maps to the engine writing a PDF on every pass): with
#: XeLaTeX, ``-pdfxe`` has each pass write only its XDV and converts the last
#: one to PDF (0.2 s of every pass that is not the last).
MODES = {"xelatex": "-pdfxe"}
#: The engine of Sphinx's ``latexmkrc``: its "pdf" rule's program.
_RC_ENGINE = re.compile(r"^\$pdflatex\s*=\s*'(\w+)", re.MULTILINE)


def engine_of(latex_dir: Path) -> str:
    """The engine the LaTeX folder's documents are written for, as Sphinx's
    ``latexmkrc`` there says (``conf.py``'s ``latex_engine``, or a ``-D``
    given to the build); "" when it does not say."""
    try:
        found = _RC_ENGINE.search((latex_dir / "latexmkrc").read_text("utf-8"))
    except OSError:
        return ""
    return found[1] if found else ""


#: latexmk code run after ``latexmkrc``: the engine reads ``-pretex`` code
#: (%P) before the document (%S), whichever engine the rc file configured.
_PRETEX_RULES = "; ".join(
    f"${rule} =~ s/%S/%P/" for rule in ("latex", "pdflatex", "xelatex", "lualatex")
)

#: Files of the LaTeX folder that LaTeX writes, never reads as an input.
_LATEX_PRODUCTS = frozenset(
    {".aux", ".log", ".pdf", ".fls", ".fdb_latexmk", ".out", ".toc", ".idx", ".ind"}
    | {".ilg", ".xdv", ".gz", ".inputs", ".bbl", ".blg", ".lof", ".lot", ".glo"}
)
#: Files LaTeX writes for a document whose names have two suffixes.
_OWN_PRODUCTS = frozenset({".synctex.gz"})
#: kpathsea's settings (texmf.cnf, overridden by the environment) for every
#: TeX program latexmk starts: a document reads and writes files only in
#: its folder and below ("p", paranoid: no absolute path, no "..", no dot
#: file), and runs no command (no \write18, whatever LATEXOPTS says of it
#: being restricted). A report's text reaches TeX when a journal allows raw
#: LaTeX or math; it then still cannot print /etc/passwd.
SANDBOX = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}
#: What a TeX program prints when the sandbox refuses a file...
_REFUSED_FILE = re.compile(
    r"^\S+: Not (reading from|writing to) (.+?) \(open(?:in|out)_any = p\)\.?$",
    re.MULTILINE,
)
#: ... and writes into its log when it refuses a command (\write18), the
#: line broken where TeX breaks the log's lines (79 characters)
_REFUSED_COMMAND = re.compile(r"runsystem\((.*?)\)\.\.\.disabled")


def sandboxed(output: str, log: Path) -> list[str]:
    """What the sandbox (:data:`SANDBOX`) refused a TeX run, from what it
    printed and its log: "read /etc/passwd", "run 'touch x'"."""
    refused = [
        f"{'read' if verb == 'reading from' else 'write'} {name}"
        for verb, name in _REFUSED_FILE.findall(output)
    ]
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    commands = _REFUSED_COMMAND.findall(text.replace("\n", ""))
    refused += [f"run {command!r}" for command in commands]
    return list(dict.fromkeys(refused))


#: Files of the LaTeX folder that documents include as pictures.
_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".eps", ".pdf"})


# -- Dates -------------------------------------------------------------------


def environment(sources: Sources | None, builder: str) -> dict[str, str]:
    """The environment of a Sphinx run, with ``SOURCE_DATE_EPOCH`` set.

    The user's value wins. Otherwise: the HTML run gets the newest report's
    date, the LaTeX run the oldest's (Sphinx writes it into every ``.tex`` as
    ``\\date``, which no report prints: a new report then changes no other
    report's LaTeX source). Each PDF is dated with its own report
    (:func:`report_epoch`).
    """
    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env:
        epochs = sorted(sources.report_epochs().values()) if sources else []
        if epochs:
            env["SOURCE_DATE_EPOCH"] = str(epochs[-1 if builder == "html" else 0])
    return env


def _pdf_date(epoch: int) -> str:
    moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def pretex(epoch: int, key: str) -> str:
    """TeX read before each report: its dates and XMP instance identifier.

    XeTeX's ``\\filemoddate`` ignores ``SOURCE_DATE_EPOCH``, and hyperxmp takes
    the PDF's dates (and the seed of ``xmpMM:InstanceID``) from it: set them
    here instead, from the epoch, and the identifier from the report's inputs.
    """
    date = _pdf_date(epoch)
    instance = uuid.uuid5(uuid.NAMESPACE_URL, f"georeport:{key}")
    settings = (
        f"pdfcreationdate={{{date}}},pdfmoddate={{{date}}},"
        f"pdfmetadate={{{date}}},pdfinstanceid={{uuid:{instance}}}"
    )
    return (
        r"\AtBeginDocument{\csname @ifpackageloaded\endcsname{hyperxmp}"
        rf"{{\hypersetup{{{settings}}}}}{{}}}}"
    )


# -- LaTeX -------------------------------------------------------------------


def _require_latexmk() -> None:
    if shutil.which("latexmk") is None:
        msg = (
            "latexmk is not installed: run the 'pdf' nox session, which installs "
            "TeX Live, or install the Debian packages listed in README.md"
        )
        raise BuildError(msg)


@dataclass
class Typeset:
    """One run of latexmk: the PDF and how many LaTeX passes it took."""

    pdf: Path
    passes: int
    seconds: float


def typeset(
    tex: Path,
    env: Mapping[str, str] | None = None,
    code: str = "",
    log: Path | None = None,
    source: Path | None = None,
) -> Typeset:
    """latexmk on one LaTeX document, with ``code`` read before it; what
    latexmk prints is appended to ``log``. ``source`` (the report's file) is
    named in the error message.

    latexmk and the TeX programs it starts keep the build's lock
    (:func:`.lock.inherited`): left running by a killed build, they hold the
    BUILD folder until they end. They are a process group of their own, which
    :func:`stop` ends when the build is interrupted."""
    _require_latexmk()
    environ = dict(os.environ if env is None else env)
    environ.setdefault("LATEXOPTS", "-interaction=nonstopmode -halt-on-error")
    environ.setdefault("XINDYOPTS", "")
    environ.update(SANDBOX)
    command = [*LATEXMK, MODES.get(engine_of(tex.parent), "-pdf")]
    if code:
        command += [f"-pretex={code}", "-e", _PRETEX_RULES]
    start = time.perf_counter()
    with subprocess.Popen(
        [*command, tex.name],
        cwd=tex.parent,
        env=environ,
        # TeX asking for input gets none (a group of its own reading the
        # terminal would be stopped there)
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        pass_fds=lock.inherited(),
        process_group=0,  # latexmk and its TeX programs, stopped together
    ) as process:
        _runs.add(process)
        try:
            output, _ = process.communicate()
        finally:
            _runs.discard(process)
    if log is not None:
        with print_lock, log.open("a", encoding="utf-8") as stream:
            stream.write(output)
    where = f"{source}: " if source else ""
    refused = sandboxed(output, tex.with_suffix(".log"))
    if refused:
        # a refused read may leave no error (\openin, then \ifeof), a
        # refused command none at all: never silent
        raise BuildError(
            f"{where}LaTeX of {tex.name} tried to {'; '.join(refused)}, and was "
            "refused: a report's LaTeX (raw, or math) reads and writes no file "
            "outside its folder and runs no command: remove what names it "
            r"(\input, \openin, \VerbatimInput, \write18...)"
        )
    if process.returncode:
        # TeX's own error lines ("! Undefined control sequence.") say what
        errors = [line for line in output.splitlines() if line.startswith("!")]
        what = "; ".join(dict.fromkeys(e.lstrip("! ") for e in errors))
        raise BuildError(
            f"{where}LaTeX failed on {tex.name}{f' ({what})' if what else ''}: "
            f"see {tex.with_suffix('.log')}"
        )
    passes = len(
        re.findall(r"^Run number \d+ of rule '(?:pdf|xe|lua)?latex", output, re.M)
    )
    return Typeset(tex.with_suffix(".pdf"), passes, time.perf_counter() - start)


class _Runs:
    """The latexmk runs under way, each a process group, for :func:`stop`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen[str]] = set()
        self.stopping = False  #: no run may go on (one starting is ended)

    def add(self, process: subprocess.Popen[str]) -> None:
        with self.lock:
            self.running.add(process)
            if self.stopping:
                self._end(process)

    def discard(self, process: subprocess.Popen[str]) -> None:
        with self.lock:
            self.running.discard(process)

    def stop(self) -> None:
        with self.lock:
            self.stopping = True
            for process in self.running:
                self._end(process)

    @staticmethod
    def _end(process: subprocess.Popen[str]) -> None:
        if process.returncode is None:  # not waited for: its group is its own
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)


_runs = _Runs()


def stop() -> None:
    """End every latexmk run under way and the TeX programs it started, and
    any about to start (a SIGTERM to the build, or a Ctrl-C, reaches the
    build alone)."""
    _runs.stop()


def latexmk(tex: Path) -> Path:
    """Typeset one LaTeX document; return its PDF."""
    return typeset(tex).pdf


def clean(tex: Path) -> None:
    """Remove what LaTeX and latexmk wrote for ``tex`` (its PDF and log, the
    auxiliary files, latexmk's state, the record of its inputs), not ``tex``."""
    for path in tex.parent.glob(f"{glob.escape(tex.stem)}.*"):
        rest = path.name[len(tex.stem) :].lower()  # ".aux", ".synctex.gz"
        if rest in _LATEX_PRODUCTS or rest in _OWN_PRODUCTS:
            path.unlink(missing_ok=True)


#: The first line of every LaTeX document Sphinx writes.
_SPHINX_DOCUMENT = b"%% Generated by Sphinx."


def is_document(path: Path) -> bool:
    """Is ``path`` a LaTeX document Sphinx wrote (not a file it copied)?"""
    if path.suffix != ".tex":
        return False
    with path.open("rb") as stream:
        return stream.read(len(_SPHINX_DOCUMENT)) == _SPHINX_DOCUMENT


def _supportdigest(latex_dir: Path, documents: Iterable[Path]) -> str:
    """The files every document of the LaTeX folder reads: classes, styles,
    latexmkrc and the like (Sphinx's and georeport's). Documents are not
    among them, those of reports that are no more neither."""
    skip = {d.name for d in documents}
    h = hashlib.sha256()
    for path in sorted(latex_dir.iterdir()):
        suffix = path.suffix.lower()
        if (
            not path.is_file()
            or path.name in skip
            or suffix in _LATEX_PRODUCTS
            or suffix in _IMAGES
            or is_document(path)
        ):
            continue
        h.update(f"{path.name}\0{digest(path)}\0".encode())
    return h.hexdigest()


def _inputs_key(tex: Path, support: str, images: Sequence[Path], context: str) -> str:
    """The hash of everything one report's PDF is made from."""
    text = tex.read_bytes()
    h = hashlib.sha256(text)
    h.update(f"\0{support}\0{context}\0".encode())
    for image in images:
        if image.stem.encode() in text:
            h.update(f"{image.name}\0{digest(image)}\0".encode())
    return h.hexdigest()


def typeset_all(
    documents: Sequence[Path],
    epochs: Mapping[str, int],
    env: Mapping[str, str],
    engine: str,
    log: Path | None = None,
    sources: Sources | None = None,
) -> list[Path]:
    """Typeset the documents whose inputs changed, several at once, and check
    each PDF (:mod:`.verify`). Return the PDFs typeset (and checked) now."""
    if not documents:
        return []
    latex_dir = documents[0].parent
    support = _supportdigest(latex_dir, documents)
    images = [p for p in sorted(latex_dir.iterdir()) if p.suffix.lower() in _IMAGES]
    images = [p for p in images if not (latex_dir / f"{p.stem}.tex").exists()]
    context = "\0".join(
        [*tex_identity(engine), *(f"{v}={env.get(v)}" for v in ENVIRONMENT)]
    )
    reports = sources.reports if sources else {}
    others = _other_inputs(sources)
    work = []
    for tex in documents:
        own = dict(env)
        if "SOURCE_DATE_EPOCH" not in os.environ and tex.stem in epochs:
            # each PDF carries its own report's date
            own["SOURCE_DATE_EPOCH"] = str(epochs[tex.stem])
        own.setdefault("SOURCE_DATE_EPOCH", "0")
        own["FORCE_SOURCE_DATE"] = "1"  # TeX's \year, \month, \day, \time too
        key = _inputs_key(tex, support, images, context + own["SOURCE_DATE_EPOCH"])
        record = tex.with_suffix(".inputs")
        pdf = tex.with_suffix(".pdf")
        if not record.is_file():
            # its last run did not complete (failed, or killed): nothing it
            # left is trusted, a truncated .out least of all
            clean(tex)
        elif record.read_text(encoding="utf-8").strip() == key and pdf.is_file():
            continue
        record.unlink(missing_ok=True)
        work.append((tex, own, key, record))
    total, fresh = len(work), len(documents) - len(work)
    workers = max(1, min(jobs(), total))
    if total:
        say(
            f"PDF edition: {total} of {len(documents)} report(s) to typeset "
            f"({fresh} up to date), {workers} at a time"
        )
    else:
        say(f"PDF edition: all {len(documents)} report(s) up to date")

    started = iter(range(1, total + 1))

    def one(item: tuple[Path, dict[str, str], str, Path]) -> Typeset:
        tex, own, key, record = item
        with print_lock:
            number = next(started)
        say(f"PDF [{number}/{total}] typesetting {tex.stem} ...")
        code = pretex(int(own["SOURCE_DATE_EPOCH"]), key)
        source = reports.get(tex.stem)
        done = typeset(tex, own, code, log, source)
        verify.check_characters(tex.with_suffix(".log"), source, others)
        verify.check_pdf(done.pdf, source)
        # written last: the report's run completed, and its PDF is sound
        record.write_text(key + "\n", encoding="utf-8")
        return done

    typeset_now: list[Path] = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(one, item): item[0] for item in work}
            try:
                for finished, future in enumerate(as_completed(futures), start=1):
                    tex = futures[future]
                    done = future.result()  # a LaTeX error stops here, with its message
                    typeset_now.append(done.pdf)
                    say(
                        f"PDF [{finished}/{total}] {tex.stem} done: {done.passes} "
                        f"LaTeX pass(es), {done.seconds:.1f} s; "
                        f"{total - finished} remaining"
                    )
            except BaseException as stopped:
                if not isinstance(stopped, Exception):  # interrupted: at once
                    pool.shutdown(wait=False, cancel_futures=True)
                    stop()
                raise
    finally:
        _runs.stopping = False
    return typeset_now


def _other_inputs(sources: Sources | None) -> list[Path]:
    """Files besides a report whose text goes into its PDF: the BibTeX files
    and ``conf.py`` (the journal's facts)."""
    if sources is None:
        return []
    bibfiles = sources.settings.get("bibtex_bibfiles") or []
    if isinstance(bibfiles, str):
        bibfiles = [bibfiles]
    return [*(sources.source / str(b) for b in bibfiles), sources.source / "conf.py"]
