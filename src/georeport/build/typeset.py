"""The PDFs: latexmk on each report's LaTeX document, and only when needed.

A report's PDF is typeset again only when the hash of its inputs (its
``.tex``, the style files, the images it includes, TeX's version, its dates)
differs from the one recorded beside its PDF; several PDFs are typeset at
once, one per core.

PDFs are reproducible (ARCHITECTURE.md, "Reproducible editions"): unless
``SOURCE_DATE_EPOCH`` is set, it is derived from the reports' own dates, and
every date and identifier in a PDF follows it.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .fingerprint import ENVIRONMENT, Sources, digest, tex_identity
from .progress import BuildError, jobs, print_lock, say

#: latexmk as Sphinx's own Makefile calls it: the generated ``latexmkrc``
#: maps "pdf" to the configured engine (xelatex or lualatex).
LATEXMK = ("latexmk", "-pdf", "-dvi-", "-ps-")

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
) -> Typeset:
    """latexmk on one LaTeX document, with ``code`` read before it; what
    latexmk prints is appended to ``log``."""
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
    if log is not None:
        with print_lock, log.open("a", encoding="utf-8") as stream:
            stream.write(result.stdout)
    if result.returncode:
        # TeX's own error lines ("! Undefined control sequence.") say what
        errors = [line for line in result.stdout.splitlines() if line.startswith("!")]
        detail = "".join(f"\n{line}" for line in dict.fromkeys(errors))
        raise BuildError(
            f"LaTeX failed on {tex.name}: see {tex.with_suffix('.log')}{detail}"
        )
    passes = len(
        re.findall(
            r"^Run number \d+ of rule '(?:pdf|xe|lua)?latex", result.stdout, re.M
        )
    )
    return Typeset(tex.with_suffix(".pdf"), passes, time.perf_counter() - start)


def latexmk(tex: Path) -> Path:
    """Typeset one LaTeX document; return its PDF."""
    return typeset(tex).pdf


def _supportdigest(latex_dir: Path, documents: Iterable[Path]) -> str:
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
    log: Path | None = None,
) -> list[Path]:
    """Typeset the documents whose inputs changed, several at once; copy every
    PDF that changed to ``pdf_dir``. Return the PDFs typeset."""
    if not documents:
        return []
    latex_dir = documents[0].parent
    support = _supportdigest(latex_dir, documents)
    images = [p for p in sorted(latex_dir.iterdir()) if p.suffix.lower() in _IMAGES]
    images = [p for p in images if not (latex_dir / f"{p.stem}.tex").exists()]
    context = "\0".join(
        [*tex_identity(engine), *(f"{v}={env.get(v)}" for v in ENVIRONMENT)]
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
        with print_lock:
            number = next(started)
        say(f"PDF [{number}/{total}] typesetting {tex.stem} ...")
        code = pretex(int(own["SOURCE_DATE_EPOCH"]), key)
        done = typeset(tex, own, code, log)
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
