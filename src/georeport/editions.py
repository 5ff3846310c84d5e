"""Build the HTML and PDF editions: the one code path for nox, tests and users.

``python -m georeport.editions html|pdf|all [SOURCE] [BUILD]`` runs Sphinx
strictly (nitpicky, warnings are errors, all of them reported) and, for the
PDF, latexmk on each report's LaTeX document. Outputs:

* ``BUILD/html/`` the HTML edition,
* ``BUILD/pdf/<report>.pdf`` one PDF per report (``BUILD/latex/`` holds the
  LaTeX sources and logs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: Sphinx options of every build: nitpicky, warnings fail, but all are shown.
STRICT = ("-n", "-W", "--keep-going")

#: latexmk as Sphinx's own Makefile calls it: the generated ``latexmkrc``
#: maps "pdf" to the configured engine (xelatex or lualatex).
LATEXMK = ("latexmk", "-pdf", "-dvi-", "-ps-")


class BuildError(RuntimeError):
    """A build step failed; the message says which and where the log is."""


def sphinx(builder: str, source: Path, outdir: Path, *extra: str) -> str:
    """Run ``sphinx-build -b BUILDER`` strictly; return what it printed."""
    command = [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, *extra]
    command += [str(source), str(outdir)]
    result = subprocess.run(
        command,
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    sys.stdout.write(result.stdout)
    if result.returncode:
        msg = f"sphinx-build -b {builder} failed:\n{result.stdout[-6000:]}"
        raise BuildError(msg)
    return result.stdout


def build_html(source: Path, build: Path, *extra: str) -> str:
    """The HTML edition in ``build/html``; return Sphinx's messages.

    PDFs already in ``build/pdf`` are put beside their pages and linked.
    """
    pdf_dir = f"georeport_pdf_dir={(build / 'pdf').resolve()}"
    return sphinx("html", source, build / "html", "-D", pdf_dir, *extra)


def latexmk(tex: Path) -> Path:
    """Typeset one LaTeX document; return its PDF."""
    if shutil.which("latexmk") is None:
        msg = (
            "latexmk is not installed: run the 'pdf' nox session, which installs "
            "TeX Live, or install the Debian packages listed in README.md"
        )
        raise BuildError(msg)
    env = dict(os.environ)
    env.setdefault("LATEXOPTS", "-interaction=nonstopmode -halt-on-error")
    env.setdefault("XINDYOPTS", "")
    result = subprocess.run(
        [*LATEXMK, tex.name],
        cwd=tex.parent,
        env=env,
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    if result.returncode:
        sys.stdout.write(result.stdout[-4000:])
        log = tex.with_suffix(".log")
        raise BuildError(f"LaTeX failed on {tex.name}: see {log}")
    return tex.with_suffix(".pdf")


def build_pdf(source: Path, build: Path, *extra: str) -> str:
    """One PDF per report in ``build/pdf``; return Sphinx's messages."""
    latex_dir = build / "latex"
    log = sphinx("latex", source, latex_dir, *extra)
    pdf_dir = build / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for tex in sorted(latex_dir.glob("*.tex")):
        target = pdf_dir / tex.with_suffix(".pdf").name
        shutil.copyfile(latexmk(tex), target)
        print(f"PDF edition: {target}")
    return log


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: which edition, from which sources, into which folder."""
    parser = argparse.ArgumentParser(
        prog="python -m georeport.editions", description=__doc__.splitlines()[0]
    )
    parser.add_argument("edition", choices=("html", "pdf", "all"))
    parser.add_argument("source", nargs="?", default="docs", type=Path)
    parser.add_argument("build", nargs="?", default="build", type=Path)
    args, extra = parser.parse_known_args(argv)
    try:
        # PDFs first, so that the HTML pages can link to them
        if args.edition in ("pdf", "all"):
            build_pdf(args.source, args.build, *extra)
        if args.edition in ("html", "all"):
            build_html(args.source, args.build, *extra)
            print(f"HTML edition: {args.build / 'html'}")
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
