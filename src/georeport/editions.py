"""Build the HTML and PDF editions: the one code path for nox, tests and users.

``python -m georeport.editions html|pdf|all [SOURCE] [BUILD]`` runs Sphinx
strictly (nitpicky, warnings are errors, all of them reported) and, for the
PDF, latexmk on each report's LaTeX document. Outputs:

* ``BUILD/html/`` the HTML edition,
* ``BUILD/pdf/<report>.pdf`` one PDF per report (``BUILD/latex/`` holds the
  LaTeX sources and logs, ``BUILD/doctrees/`` Sphinx's environments and the
  records below).

Builds are incremental (README.md, "Speed"):

* an edition whose inputs (sources, bibliographies, templates, configuration,
  georeport's own files, installed packages, TeX) are all as they were at its
  last successful build is not built again: Sphinx does not even start;
* otherwise Sphinx rebuilds what changed, and a report's PDF is typeset again
  only when the hash of its inputs (its ``.tex``, the style files, the images
  it includes, TeX's version, its dates) differs from the one recorded beside
  its PDF; several PDFs are typeset at once, one per core.

Builds are reproducible (README.md, "Reproducible editions"): unless
``SOURCE_DATE_EPOCH`` is set, it is derived from the reports' own dates, and
every date and identifier in a PDF follows it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import io
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TextIO

#: Sphinx options of every build: nitpicky, warnings fail, but all are shown.
STRICT = ("-n", "-W", "--keep-going")

#: latexmk as Sphinx's own Makefile calls it: the generated ``latexmkrc``
#: maps "pdf" to the configured engine (xelatex or lualatex).
LATEXMK = ("latexmk", "-pdf", "-dvi-", "-ps-")

#: latexmk code run after ``latexmkrc``: the engine reads ``-pretex`` code
#: (%P) before the document (%S), whichever engine the rc file configured.
_PRETEX_RULES = "; ".join(
    f"${rule} =~ s/%S/%P/" for rule in ("latex", "pdflatex", "xelatex", "lualatex")
)

#: Environment variables that change what a build writes.
_ENVIRONMENT = (
    "SOURCE_DATE_EPOCH",
    "FORCE_SOURCE_DATE",
    "LATEXOPTS",
    "XINDYOPTS",
    "TEXINPUTS",
    "LANG",
    "LC_ALL",
)

#: Files of the LaTeX folder that LaTeX writes, never reads as an input.
_LATEX_PRODUCTS = frozenset(
    {".aux", ".log", ".pdf", ".fls", ".fdb_latexmk", ".out", ".toc", ".idx", ".ind"}
    | {".ilg", ".xdv", ".gz", ".inputs", ".bbl", ".blg", ".lof", ".lot", ".glo"}
)
#: Files of the LaTeX folder that documents include as pictures.
_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".eps", ".pdf"})

#: Folder of ``BUILD`` that holds Sphinx's environments and these records.
STATE = "doctrees"

_print_lock = threading.Lock()


class BuildError(RuntimeError):
    """A build step failed; the message says which and where the log is."""


def say(message: str) -> None:
    """One line of progress, whole even when PDFs are typeset in parallel."""
    with _print_lock:
        print(message, flush=True)


def jobs() -> int:
    """How many processes to run at once: the cores this process may use."""
    if env := os.environ.get("GEOREPORT_JOBS", "").strip():
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- Sphinx ------------------------------------------------------------------


class _Tee(io.TextIOBase):
    """Sphinx's output, shown as it comes and kept for the caller."""

    def __init__(self, shown: TextIO) -> None:
        self.shown = shown
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        self.shown.write(text)
        return len(text)

    def flush(self) -> None:
        self.shown.flush()

    def isatty(self) -> bool:
        return False  # no colour codes in what the caller keeps


@contextlib.contextmanager
def _environ(env: Mapping[str, str] | None) -> Iterator[None]:
    """``os.environ`` as ``env`` for the duration (Sphinx reads it)."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def sphinx(
    builder: str,
    source: Path,
    outdir: Path,
    *extra: str,
    doctrees: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Run ``sphinx-build -b BUILDER`` strictly; return what it printed.

    Sphinx runs in this process (its modules are loaded once for both
    editions), with :mod:`georeport.speedups` in place.
    """
    from sphinx.cmd.build import build_main

    from .speedups import install

    install()
    # -N: no colour codes, whatever the terminal or CI says (FORCE_COLOR):
    # the log is kept and read by problems()
    argv = ["-b", builder, "-N", *STRICT]
    if doctrees is not None:
        argv += ["-d", str(doctrees)]
    argv += [*extra, str(source), str(outdir)]
    tee = _Tee(sys.stdout)
    with (
        _environ(env),
        contextlib.redirect_stdout(tee),
        contextlib.redirect_stderr(tee),
    ):
        try:
            code = build_main(argv)
        except SystemExit as stop:  # conf.py may exit
            code = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    output = tee.kept.getvalue()
    if code:
        if builder != "latex":
            # no page of a failed build may look like an edition (the LaTeX
            # folder holds no edition, but each PDF's record of its inputs)
            shutil.rmtree(outdir, ignore_errors=True)
        raise BuildError("\n".join(problems(output)))
    return output


#: A problem Sphinx reports: ``[path:[line:]] WARNING|ERROR|CRITICAL: text [type]``.
_PROBLEM = re.compile(
    r"^(?:(?P<where>\S+?:(?:\d+:)?) )?(?:WARNING|ERROR|CRITICAL): (?P<text>.*?)"
    r"(?: \[[\w.]+\])?$",
    re.MULTILINE,
)
#: The message of Sphinx's crash report (Sphinx 9 reports every exception so,
#: georeport's InputError and ConfigError too): ``    module.Class: message``
#: and its further lines, indented as much.
_CRASH = re.compile(
    r"^    (?:[\w.]+: )?(?P<text>\S.*(?:\n    \S.*)*)\n+The full traceback",
    re.MULTILINE,
)


def problems(log: str) -> list[str]:
    """The problems of a failed Sphinx run, one line each, without the log."""
    found = [
        f"{m['where']} {m['text']}" if m["where"] else m["text"]
        for m in _PROBLEM.finditer(log)
    ]
    crash = _CRASH.search(log)
    if crash:
        found += [line.strip() for line in crash["text"].splitlines()]
    return found or [log.strip().splitlines()[-1] if log.strip() else "no output"]


# -- What a build reads ------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """What ``conf.py`` says a build reads, beyond its source folder."""

    source: Path
    conf: dict
    reports: dict[str, Path]  #: report file stem -> its source

    @classmethod
    def read(cls, source: Path) -> Sources:
        source = source.resolve()
        cwd = Path.cwd()
        os.chdir(source)  # as Sphinx runs conf.py
        try:
            conf = runpy.run_path(str(source / "conf.py"))
        finally:
            os.chdir(cwd)
        folder = source / str(conf.get("georeport_reports_dir", "reports"))
        reports = {
            path.stem: path
            for path in sorted(folder.rglob("*.md"))
            if not any(p.startswith((".", "_")) for p in path.relative_to(folder).parts)
        }
        return cls(source, conf, reports)

    def extra_paths(self) -> list[Path]:
        """Files and folders ``conf.py`` names, resolved from the source."""
        names: list[str] = []
        for key in (
            "bibtex_bibfiles",
            "html_static_path",
            "templates_path",
            "html_extra_path",
            "latex_additional_files",
        ):
            value = self.conf.get(key) or []
            names += [value] if isinstance(value, str) else [str(v) for v in value]
        for key in ("html_logo", "html_favicon", "latex_logo"):
            value = self.conf.get(key)
            if isinstance(value, str) and "://" not in value:
                names.append(value)
        return [(self.source / name).resolve() for name in names]

    def report_epochs(self) -> dict[str, int]:
        """Each report's date (its first day when only month or year is
        known), as seconds since 1970 UTC; reports that do not parse are left
        to Sphinx to report."""
        from .model import MetadataError, report_from_source

        epochs = {}
        for stem, path in self.reports.items():
            try:
                date = report_from_source(stem, path.read_text(encoding="utf-8")).date
            except (MetadataError, ValueError, OSError):
                continue
            day = datetime.datetime(
                date.year, date.month or 1, date.day or 1, tzinfo=datetime.UTC
            )
            epochs[stem] = int(day.timestamp())
        return epochs


def _files(root: Path, skip: Iterable[Path] = ()) -> Iterator[Path]:
    """Every file under ``root`` (or ``root`` itself), sorted, hidden ones and
    build folders left out."""
    if root.is_file():
        yield root
        return
    skipped = {s.resolve() for s in skip}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in ("_build", "__pycache__")
            and (here / d).resolve() not in skipped
        )
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith((".pyc", "~")):
                yield here / name


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _packages() -> tuple[tuple[str, str], ...]:
    """Every installed distribution and its version: Sphinx, its extensions,
    the theme, pybtex, and whatever ``conf.py`` may load."""
    found = {
        (dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions()
    }
    return tuple(sorted(found))


@cache
def _tex_identity(engine: str) -> tuple[str, ...]:
    """TeX as installed: engine and latexmk versions, and the dates of TeX's
    file database and format (package updates rewrite both)."""

    def run(*command: str) -> str:
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, check=False
            )
        except OSError:
            return ""
        return result.stdout.strip()

    found = [
        run(engine, "--version").split("\n", 1)[0],
        run("latexmk", "-v").split("\n")[-1],
    ]
    texmfdist = run("kpsewhich", "-var-value=TEXMFDIST")
    fmt = run("kpsewhich", f"-engine={engine.replace('latex', 'tex')}", f"{engine}.fmt")
    for name in (f"{texmfdist}/ls-R" if texmfdist else "", fmt):
        if name and os.path.isfile(name):
            stat = os.stat(name)
            found.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return tuple(found)


def fingerprint(
    sources: Sources,
    builder: str,
    build: Path,
    extra: Sequence[str],
    env: Mapping[str, str],
) -> str:
    """One hash of everything a Sphinx build of ``builder`` reads."""
    h = hashlib.sha256()

    def feed(*parts: object) -> None:
        for part in parts:
            h.update(str(part).encode("utf-8", "surrogateescape"))
            h.update(b"\0")

    feed("georeport.editions", 2, builder, *extra, sys.version, sys.executable)
    feed(*(f"{name}={version}" for name, version in _packages()))
    feed(*(f"{var}={env.get(var)}" for var in _ENVIRONMENT))
    package = Path(__file__).resolve().parent
    roots = [sources.source, *sources.extra_paths(), package]
    seen: set[Path] = set()
    for root in roots:
        for path in _files(root, skip=[build]):
            resolved = path.resolve()
            if resolved in seen or not resolved.is_file():
                continue
            seen.add(resolved)
            feed(resolved, _digest(resolved))
    if builder == "latex":
        feed(*_tex_identity(str(sources.conf.get("latex_engine", "xelatex"))))
    return h.hexdigest()


def _outputs(folder: Path) -> dict[str, list[int]]:
    """``relative path -> [size, mtime]`` of every file of an output folder."""
    listing = {}
    for path in _files(folder):
        stat = path.stat()
        listing[path.relative_to(folder).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return listing


class Record:
    """What the last successful build of an edition read and wrote.

    When the inputs hash the same and every output is still as it was written,
    the edition is up to date and Sphinx need not start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def fresh(self, key: str | None, outdir: Path) -> bool:
        if not key or self.data.get("key") != key:
            return False
        return bool(self.data.get("outputs")) and _outputs(outdir) == self.data.get(
            "outputs"
        )

    def forget(self) -> None:
        """A build is starting: until it succeeds, nothing is up to date (what
        the last good build read stays known)."""
        if self.path.exists():
            self._save({k: v for k, v in self.data.items() if k != "key"})

    def write(self, key: str | None, outdir: Path, **more: object) -> None:
        data = {"key": key, "outputs": _outputs(outdir), **more}
        self._save({k: v for k, v in data.items() if v is not None})

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=0, sort_keys=True), "utf-8")
        os.replace(temporary, self.path)


def _forced(extra: Sequence[str]) -> bool:
    """``-E`` or ``-a`` asks for everything to be built again."""
    return any(arg in ("-E", "-a", "--fresh-env", "--write-all") for arg in extra)


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


def typeset(tex: Path, env: Mapping[str, str] | None = None, code: str = "") -> Typeset:
    """latexmk on one LaTeX document, with ``code`` read before it."""
    _require_latexmk()
    environ = dict(os.environ if env is None else env)
    environ.setdefault("LATEXOPTS", "-interaction=nonstopmode -halt-on-error")
    environ.setdefault("XINDYOPTS", "")
    command = [*LATEXMK]
    if code:
        command += [f"-pretex={code}", "-e", _PRETEX_RULES]
    start = time.perf_counter()
    result = subprocess.run(
        [*command, tex.name],
        cwd=tex.parent,
        env=environ,
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    if result.returncode:
        with _print_lock:
            sys.stdout.write(result.stdout[-4000:])
        log = tex.with_suffix(".log")
        raise BuildError(f"LaTeX failed on {tex.name}: see {log}")
    passes = len(
        re.findall(
            r"^Run number \d+ of rule '(?:pdf|xe|lua)?latex", result.stdout, re.M
        )
    )
    return Typeset(tex.with_suffix(".pdf"), passes, time.perf_counter() - start)


def latexmk(tex: Path) -> Path:
    """Typeset one LaTeX document; return its PDF."""
    return typeset(tex).pdf


def _support_digest(latex_dir: Path, documents: Iterable[Path]) -> str:
    """The files every document of the LaTeX folder reads: classes, styles,
    latexmkrc and the like (Sphinx's and georeport's)."""
    skip = {d.name for d in documents}
    h = hashlib.sha256()
    for path in sorted(latex_dir.iterdir()):
        suffix = path.suffix.lower()
        if (
            not path.is_file()
            or path.name in skip
            or suffix in _LATEX_PRODUCTS
            or suffix in _IMAGES
        ):
            continue
        h.update(f"{path.name}\0{_digest(path)}\0".encode())
    return h.hexdigest()


def _inputs_key(tex: Path, support: str, images: Sequence[Path], context: str) -> str:
    """The hash of everything one report's PDF is made from."""
    text = tex.read_bytes()
    h = hashlib.sha256(text)
    h.update(f"\0{support}\0{context}\0".encode())
    for image in images:
        if image.stem.encode() in text:
            h.update(f"{image.name}\0{_digest(image)}\0".encode())
    return h.hexdigest()


def _same_file(a: Path, b: Path) -> bool:
    return (
        b.is_file()
        and a.stat().st_size == b.stat().st_size
        and a.read_bytes() == b.read_bytes()
    )


def typeset_all(
    documents: Sequence[Path],
    pdf_dir: Path,
    epochs: Mapping[str, int],
    env: Mapping[str, str],
    engine: str,
) -> list[Path]:
    """Typeset the documents whose inputs changed, several at once; copy every
    PDF that changed to ``pdf_dir``. Return the PDFs typeset."""
    if not documents:
        return []
    latex_dir = documents[0].parent
    support = _support_digest(latex_dir, documents)
    images = [p for p in sorted(latex_dir.iterdir()) if p.suffix.lower() in _IMAGES]
    images = [p for p in images if not (latex_dir / f"{p.stem}.tex").exists()]
    context = "\0".join(
        [*_tex_identity(engine), *(f"{v}={env.get(v)}" for v in _ENVIRONMENT)]
    )
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
        if (
            pdf.is_file()
            and record.is_file()
            and record.read_text(encoding="utf-8").strip() == key
        ):
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
        with _print_lock:
            number = next(started)
        say(f"PDF [{number}/{total}] typesetting {tex.stem} ...")
        code = pretex(int(own["SOURCE_DATE_EPOCH"]), key)
        done = typeset(tex, own, code)
        record.write_text(key + "\n", encoding="utf-8")
        return done

    typeset_now: list[Path] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(one, item): item[0] for item in work}
        for finished, future in enumerate(as_completed(futures), start=1):
            tex = futures[future]
            done = future.result()  # a LaTeX error stops here, with its message
            typeset_now.append(done.pdf)
            say(
                f"PDF [{finished}/{total}] {tex.stem} done: {done.passes} LaTeX "
                f"pass(es), {done.seconds:.1f} s; {total - finished} remaining"
            )
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for tex in documents:
        built = tex.with_suffix(".pdf")
        target = pdf_dir / built.name
        if not _same_file(built, target):
            shutil.copyfile(built, target)
        print(f"PDF edition: {target}")
    return typeset_now


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
    if not _forced(extra) and record.fresh(key, pdf_dir):
        return _up_to_date("PDF", pdf_dir)
    record.forget()
    _require_latexmk()
    doctrees = build / STATE / "latex"
    log = sphinx("latex", source, latex_dir, *extra, doctrees=doctrees, env=env)
    documents = _documents(sources, latex_dir, pdf_dir)
    engine = str(sources.conf.get("latex_engine", "xelatex")) if sources else "xelatex"
    epochs = sources.report_epochs() if sources else {}
    typeset_all(documents, pdf_dir, epochs, env, engine)
    record.write(key, pdf_dir)
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
    pdfs = _outputs(pdf_dir) if pdf_dir.is_dir() else {}
    key = fingerprint(sources, "html", build, extra, env) if sources else None
    if key:
        key = hashlib.sha256(f"{key}{sorted(pdfs.items())}".encode()).hexdigest()
    if not _forced(extra) and record.fresh(key, outdir):
        return _up_to_date("HTML", outdir)
    options = ["-D", f"georeport_pdf_dir={pdf_dir}"]
    # a page links to its PDF only if there was one when the page was written
    if sorted(pdfs) != record.data.get("pdfs", sorted(pdfs)):
        options.append("-a")
    record.forget()
    # Sphinx's records live outside the edition, which holds only what a
    # reader gets: its environment in BUILD/doctrees/html, and .buildinfo
    # (the configuration's hash, with this build's paths) beside it
    shutil.rmtree(outdir / ".doctrees", ignore_errors=True)
    buildinfo = state / "html.buildinfo"
    if buildinfo.is_file() and outdir.is_dir():
        shutil.copyfile(buildinfo, outdir / ".buildinfo")
    log = sphinx(
        "html", source, outdir, *options, *extra, doctrees=state / "html", env=env
    )
    if (outdir / ".buildinfo").is_file():
        state.mkdir(parents=True, exist_ok=True)
        os.replace(outdir / ".buildinfo", buildinfo)
    record.write(key, outdir, pdfs=sorted(pdfs))
    return log


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: which edition, from which sources, into which folder."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.editions",
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
    args, extra = parser.parse_known_args(argv)
    if args.jobs:
        os.environ["GEOREPORT_JOBS"] = str(args.jobs)
    try:
        # PDFs first, so that the HTML pages can link to them
        if args.edition in ("pdf", "all"):
            build_pdf(args.source, args.build, *extra)
        if args.edition in ("html", "all"):
            build_html(args.source, args.build, *extra)
            print(f"HTML edition: {args.build / 'html'}")
    except BuildError as err:
        for line in str(err).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
