"""Sessions of the Geopolitical Report: build the editions, test, lint.

``./noxw`` (this file through a private nox) builds both editions; see
README.md. Sessions that typeset PDFs install TeX Live from Debian's packages
when it is missing and the user is root, in one ``apt-get`` call.

Every session installs its Python packages with the versions pinned in
constraints.txt, the tested set (``./noxw -s lock`` writes it anew from the
ranges of pyproject.toml); ``./noxw`` installs nox itself from it too.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import nox
import nox.command

# tools/ beside this file: nox runs it with its own Python, not the package's
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tools import apt

nox.options.sessions = ["editions"]
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

#: The tested version of every Python package any session or ./noxw installs:
#: the runtime dependencies, the extras, the tools of [dependency-groups].
CONSTRAINTS = "constraints.txt"
PYPROJECT = nox.project.load_toml("pyproject.toml")


def _group(name: str) -> tuple[str, ...]:
    """The requirements of a ``[dependency-groups]`` group of pyproject.toml."""
    return nox.project.dependency_groups(PYPROJECT, name)


#: Debian packages the PDF edition and its tests need, with the command or
#: file that shows each is there. texlive-fonts-recommended brings the fonts
#: hyperref needs, fonts-freefont-otf covers Latin, Cyrillic and Greek,
#: fonts-noto-core the region's other scripts (Armenian, Georgian, Hebrew,
#: Arabic, Devanagari) and fonts-noto-cjk Chinese, Japanese and Korean
#: (sphinxext/latex_scripts.py); texlive-lang-arabic brings bidi, which
#: polyglossia loads for a report in Arabic or Persian;
#: texlive-lang-cyrillic and texlive-lang-italian bring Russian and Italian
#: hyphenation for polyglossia (reports in those languages); the tests
#: read PDFs with poppler-utils and check them with qpdf.
DEBIAN_PACKAGES = {
    "latexmk": "latexmk",
    "texlive-xetex": "xelatex",
    "texlive-latex-recommended": "/usr/share/texlive/texmf-dist/tex/latex/polyglossia",
    "texlive-latex-extra": "/usr/share/texlive/texmf-dist/tex/latex/hyperxmp",
    "texlive-fonts-recommended": "/usr/share/texlive/texmf-dist/fonts/tfm/adobe",
    "texlive-lang-cyrillic": "/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/"
    "loadhyph/loadhyph-ru.tex",
    "texlive-lang-italian": "/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/"
    "loadhyph/loadhyph-it.tex",
    "texlive-lang-arabic": "/usr/share/texlive/texmf-dist/tex/xelatex/bidi/bidi.sty",
    "fonts-freefont-otf": "/usr/share/fonts/opentype/freefont/FreeSerif.otf",
    "fonts-noto-core": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "poppler-utils": "pdftotext",
    "qpdf": "qpdf",
}


def _missing_packages() -> list[str]:
    """Packages whose command or file is absent from this machine."""
    missing = []
    for package, probe in DEBIAN_PACKAGES.items():
        present = os.path.exists(probe) if "/" in probe else shutil.which(probe)
        if not present:
            missing.append(package)
    return missing


def _ensure_tex(session: nox.Session) -> None:
    """Install the missing TeX Live packages, or say exactly which are needed."""
    missing = _missing_packages()
    if not missing:
        return
    _apt_install(session, missing, "TeX Live")


def _apt_install(session: nox.Session, missing: list[str], what: str) -> None:
    """One apt-get call for the missing packages, or a message naming them."""
    names = " ".join(missing)
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        session.error(
            f"{what} needs these Debian packages: {names}. Install them (as "
            f"root: apt-get install --no-install-recommends {names}) and run "
            "this session again."
        )
    session.log(f"Installing {what} from Debian: {names}")
    try:
        apt.wait(session.log)
        apt.run(["apt-get", "update", "-q"])
        apt.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing])
    except apt.AptError as err:
        session.error(str(err))


def _install(session: nox.Session, *args: str) -> None:
    """``pip install -c constraints.txt ARGS``, only when what it would
    install changed.

    The package is installed editable, so an edit to its code needs no new
    install; what does is a change to pyproject.toml (dependencies, version,
    entry points), to the pins of constraints.txt or to ARGS. All three are
    recorded in the session's virtual environment (a new environment installs
    anew). Installing every time cost ``./noxw`` 3.8 s of its 4.2 s with
    nothing to build (issue 17).
    """
    stamp = hashlib.sha256(
        b"\0".join(
            [
                Path("pyproject.toml").read_bytes(),
                Path(CONSTRAINTS).read_bytes(),
                "\0".join(args).encode(),
            ]
        )
    ).hexdigest()
    location = getattr(session.virtualenv, "location", None)
    record = Path(location, ".georeport-installed") if location else None
    if record is not None and record.is_file() and record.read_text() == stamp:
        record.touch()  # ./georeport compares its time with the inputs'
        return
    session.install("-c", CONSTRAINTS, *args)
    if "-e" in args:
        # bytecode of the editable package, as pip writes for any other: where
        # Python may not write it itself (PYTHONDONTWRITEBYTECODE), each build
        # compiled georeport's modules again
        session.run("python", "-m", "compileall", "-q", "src/georeport", silent=True)
    if record is not None:
        record.write_text(stamp)


def _editions(session: nox.Session, edition: str) -> None:
    """``python -m georeport.editions``; options after ``--`` go to it (``-v``
    shows what Sphinx and LaTeX print, ``-E`` rebuilds everything)."""
    _install(session, "-e", ".")
    session.run(
        "python", "-m", "georeport.editions", edition, "docs", "build", *session.posargs
    )


@nox.session
def html(session: nox.Session) -> None:
    """The HTML edition, in build/html/."""
    _editions(session, "html")


@nox.session
def pdf(session: nox.Session) -> None:
    """The PDF editions, one per report, in build/pdf/."""
    _ensure_tex(session)
    _editions(session, "pdf")


@nox.session
def editions(session: nox.Session) -> None:
    """Both editions: build/html/ and build/pdf/."""
    _ensure_tex(session)
    _editions(session, "all")


def _ensure_java(session: nox.Session) -> None:
    """A Java runtime for EPUBCheck (the jar the ``epubcheck`` package bundles),
    which the tests run on the EPUB edition."""
    if shutil.which("java") is None:
        _apt_install(session, ["default-jre-headless"], "EPUBCheck")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, on freshly built editions (pytest options after --)."""
    _ensure_tex(session)
    _ensure_java(session)
    # the importer's tests need its extra; the preview's, sphinx-autobuild
    _install(session, "-e", ".[test,importer]", *_group("preview"))
    # every core; the tests of one file on one worker (they share builds)
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def georeport(session: nox.Session) -> None:
    """The georeport command, with all it needs (arguments after --); the
    wrapper ``./georeport`` in the repository runs it.

    e.g. ``./noxw -s georeport -- import received/caspian.txt --date 2022-02``
    or ``./georeport import received/caspian.txt --date 2022-02``."""
    _install(session, "-e", ".[importer]")
    session.run("georeport", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, mypy, the import contracts, the workflows, the licences.

    ruff lints and checks the formatting; mypy as [tool.mypy] says;
    lint-imports checks [tool.importlinter]; actionlint the CI workflows of
    .github/workflows; tools/licences.py fails on a GPL
    or AGPL runtime dependency. Each runs even when one before failed; the
    session fails if any did."""
    # mypy and lint-imports read the package and the libraries it imports
    _install(session, "-e", ".[importer]", *_group("lint"))
    checks = [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("mypy",),
        ("lint-imports",),
        ("actionlint", *sorted(map(str, Path(".github/workflows").glob("*.yml")))),
        ("python", "-m", "tools.licences", "-q", "georeport", "--extra", "importer"),
    ]
    failed = []
    for check in checks:
        try:
            session.run(*check)
        except nox.command.CommandFailed:
            failed.append(" ".join(check))
    if failed:
        session.error(f"failed: {'; '.join(failed)}")


#: Debian packages of the ``validate`` session, with the command that shows
#: each is there: Chromium runs axe-core, a Java runtime runs the Nu Html
#: Checker (qpdf, for the PDF checks, is among DEBIAN_PACKAGES). Node.js and
#: npm are not: Debian's Node.js is older than playwright-core needs.
VALIDATE_PACKAGES = {
    "chromium": "chromium",
    "default-jre-headless": "java",
}

#: The validators' npm packages (pinned in its package-lock.json) and runner.
VALIDATE_DIR = "tools/validate"


def _ensure_validators(session: nox.Session) -> None:
    """Install the validators' missing Debian packages, or name them."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        session.error(
            "the validators need Node.js 20 or newer with npm: install them "
            "and run this session again"
        )
    missing = [pkg for pkg, cmd in VALIDATE_PACKAGES.items() if not shutil.which(cmd)]
    if not missing:
        return
    _apt_install(session, missing, "the validators")


@nox.session
def validate(session: nox.Session) -> None:
    """The editions through real validators: the Nu Html Checker and axe-core
    (headless Chromium) on every page of build/html, of a journal of
    several volumes (tests/test_journal_pages.py), of a journal citing
    every script of the region (tests/test_scripts.py) and of the journal's
    face at 1280 and 375 px (tests/test_journal_face.py), W3C EPUBCheck on every
    book of build/epub, then the PDF checks (qpdf, fonts, text) of
    tests/test_pdf_sound.py. Nothing is downloaded but the pinned npm
    packages; no browser, no JDK."""
    _ensure_tex(session)
    _ensure_validators(session)
    _install(session, "-e", ".[test]")
    session.run("python", "-m", "georeport.editions", "html", "docs", "build")
    with session.chdir(VALIDATE_DIR):
        session.run(
            *("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
            external=True,
            env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"},
        )
    session.run("python", f"{VALIDATE_DIR}/run.py", "build/html")
    # every book of the EPUB edition (made with build/html), in one JVM
    session.run("python", "-m", "georeport.editions.epub", "build/epub")
    # the PDF checks, and the journal pages of a journal of several volumes
    journal_pages = "tests/test_journal_pages.py::test_the_journal_pages_pass"
    scripts = "tests/test_scripts.py::test_the_pages_pass_the_nu_checker_and_axe"
    # the journal's face: every page at desktop and phone widths (issue 27)
    face = "tests/test_journal_face.py::test_the_pages_pass_the_validators"
    session.run(
        *(
            "pytest",
            "tests/test_pdf_sound.py",
            f"{journal_pages}_the_nu_checker_and_axe",
            scripts,
            f"{face}_at_every_width",
        ),
        *session.posargs,
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Build times of both editions against plain Sphinx, on the repository's
    reports and a generated archive: a table, and JSON in build/bench/ (see
    ARCHITECTURE.md, "Speed"; options after --, e.g. -- --reports 10 50 200)."""
    _ensure_tex(session)
    _install(session, "-e", ".")
    session.run("python", "-m", "tools.bench", *session.posargs)


@nox.session
def preview(session: nox.Session) -> None:
    """The pages served on http://127.0.0.1:8000 and rebuilt whenever docs/
    or references.bib change, their PDFs typeset in the background, all in
    build/preview/ (sphinx-autobuild; Ctrl-C stops it; options after -- go to
    sphinx-autobuild, e.g. -- --port 8001)."""
    _install(session, "-e", ".", *_group("preview"))
    session.run(
        *("python", "-m", "georeport.editions.preview", "serve", "docs", "build"),
        *session.posargs,
    )


#: The first lines of constraints.txt, above what uv writes.
LOCK_HEADER = """\
# The tested version of every Python package of georeport: its dependencies,
# its extras (importer, test) and the tools of [dependency-groups] (lint,
# preview, nox, lock), for Python 3.11 on Linux. Every nox session and ./noxw
# install with `pip install -c constraints.txt ...`. Do not edit by hand:
# change the ranges in pyproject.toml and run `./noxw -s lock` (it needs
# PyPI); `./noxw -s lock -- --upgrade` takes the newest releases the ranges
# allow, `-- --upgrade-package NAME` one package's.
"""


@nox.session
def lock(session: nox.Session) -> None:
    """constraints.txt anew from pyproject.toml (uv; needs the network).

    ``uv pip compile`` asks PyPI. The pins there stay where the ranges still
    allow them, unless ``-- --upgrade`` (all packages) or ``--
    --upgrade-package NAME``. For Python 3.11 (3.11.0 and newer: Debian 12
    has 3.11.2) on Linux. Then run the tests and the lint."""
    if Path(CONSTRAINTS).is_file():
        _install(session, *_group("lock"))
    else:  # the first lock
        session.install(*_group("lock"))
    groups = [f"pyproject.toml:{name}" for name in PYPROJECT["dependency-groups"]]
    session.run(
        *("uv", "pip", "compile", "pyproject.toml", "--all-extras"),
        *(option for group in groups for option in ("--group", group)),
        *("--python-version", "3.11", "--python-platform", "linux"),
        *("--custom-compile-command", "./noxw -s lock"),
        *("--output-file", CONSTRAINTS, "--quiet"),
        *session.posargs,
        env={"UV_NO_CONFIG": "1"},
    )
    constraints = Path(CONSTRAINTS)
    constraints.write_text(
        LOCK_HEADER + constraints.read_text(encoding="utf-8"), encoding="utf-8"
    )
