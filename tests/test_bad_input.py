"""Bad input: one clear error, a non-zero exit, and no output that looks finished.

Each bad input is the small project ``tests/roots/test-base/`` (which builds
cleanly) with exactly one fault, a :class:`~tests.conftest.Fault` applied to a
copy of it: a line changed, removed or added in the report, ``refs.bib`` or
``conf.py``, or the report saved as Latin-1. It is built by the command a user
(and every nox session) runs, in 2 GiB of memory::

    python -m georeport.editions html SOURCE BUILD

Four things are asked of every build of a bad input, each its own test:

* ``exit``: the command exits non-zero;
* ``message``: its error output names the file and line (``refs.bib:21``,
  ``reports/1-1-report.md:9``) and says what is wrong and what to do (the
  words of :attr:`Bad.says`);
* ``clear``: the error output is that message alone, in short lines, not
  Sphinx's build log, a traceback or a request to report a bug to Sphinx,
  and no crash report is left in the temporary folder;
* ``clean``: no HTML page is left in ``BUILD/html`` that looks finished.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from georeport.editions.fingerprint import Sources

from .conftest import ALIAS_BOMB, REPORT, ROOTS, UNKNOWN_KEY, Fault

#: The project every case starts from.
BASE = ROOTS / "test-base"
#: The address space each build of a bad input may take (a build of the base
#: takes a tenth of it): a fault that would take more ends in a MemoryError,
#: not in a machine that swaps.
MEMORY = 2 << 30
#: The longest line of an error output: a path and a message that quotes at
#: most a few dozen characters of what the editor wrote.
LONGEST = 400


@dataclass(frozen=True)
class Bad:
    """One bad input and the message that must point the editor to it."""

    name: str
    fault: Fault
    #: text standing (once) on each line the message may name, in the faulty file
    at: tuple[str, ...]
    says: tuple[str, ...]  #: words the message must contain (case-insensitive)

    @property
    def file(self) -> str:
        """The faulty file, relative to the project."""
        return self.fault.file


#: The title (line 3) of the entry rossi2020 (line 1) of the base's refs.bib.
TITLE = "  title = {Pipelines and Power in the Caspian Basin},\n"
#: A second entry rossi2020, added after the last entry (line 19) and a blank
#: line: it starts on line 21.
DUPLICATE = """
@misc{rossi2020,
  author = {Anna Rossi},
  title = {Another Text by the Same Author},
  year = {2020}
}
"""
#: The same key, in another case, for a second entry (line 21).
KEY_CASE = DUPLICATE.replace("{rossi2020,", "{Rossi2020,")
#: The last field of rossi2020 (line 9), and the end of the entry.
LAST_FIELD = "  langid = {english}\n}"


def added(field: str) -> Fault:
    """``field`` added to rossi2020 after its last: on line 10."""
    return Fault("refs.bib", LAST_FIELD, f"  langid = {{english}},\n  {field}\n}}")


#: The base's second entry: its Cyrillic has no Latin-1 bytes.
PETROV = (BASE / "refs.bib").read_text(encoding="utf-8").split("\n\n")[1]
#: That entry in Latin words, for a file saved as Latin-1: "ù" (byte 0xF9)
#: on line 14.
LATIN = """@online{petrov2023,
  author = {Ivan Petrov},
  title = {The Caspian Pipeline},
  organization = {Aktaù Herald},
  year = {2023}
}"""
#: A cover image after the date (line 6): ``cover:`` on line 7, ``path:`` on 8.
COVER = """date: "2024"
cover:
  path: aktau-port.jpg
  alt: Tankers at the port of Aktau
"""

CASES = (
    # {footcite}`rossi2O20` (a letter O for a zero) on line 9
    Bad("unknown-key", UNKNOWN_KEY, ("rossi2O20",), ("rossi2O20", "refs.bib", "add")),
    # title = {Pipelines and {Power ...}: entry on line 1, field on line 3
    Bad(
        "bib-brace",
        Fault("refs.bib", "{Pipelines and Power", "{Pipelines and {Power"),
        ("@article{rossi2020,", "{Power"),
        ("rossi2020", "brace"),
    ),
    # journal = {...} without its comma on line 4 (the parser stops on line 5)
    Bad(
        "bib-comma",
        Fault("refs.bib", "Politics},", "Politics}"),
        ("{Journal of Energy Politics}", "volume = {3},"),
        ("rossi2020", "comma"),
    ),
    # a second @misc{rossi2020, on line 21
    Bad(
        "bib-duplicate",
        Fault("refs.bib", "", DUPLICATE),
        ("@misc{rossi2020,",),
        ("rossi2020", "rename"),
    ),
    # @article{rossi2020, on line 1 has no title; the report cites it
    Bad(
        "bib-no-title",
        Fault("refs.bib", TITLE, ""),
        ("@article{rossi2020,",),
        ("rossi2020", "title"),
    ),
    # @misc{Rossi2020, on line 21: the key of line 1 in another case
    Bad(
        "bib-key-case",
        Fault("refs.bib", "", KEY_CASE),
        ("@misc{Rossi2020,", "@article{rossi2020,"),
        ("Rossi2020", "rossi2020", "case", "rename"),
    ),
    # crossref = {heathershaw2017} on line 10: no entry has that key
    Bad(
        "bib-crossref",
        added("crossref = {heathershaw2017}"),
        ("crossref = {heathershaw2017}",),
        ("heathershaw2017", "rossi2020", "no entry"),
    ),
    # doi = {10.1000/ 182 x} on line 10: a space in a DOI
    Bad(
        "bib-doi",
        added("doi = {10.1000/ 182 x}"),
        ("doi = {10.1000/ 182 x}",),
        ("rossi2020", "doi", "10.1000/182"),
    ),
    # the file saved as Latin-1: "Aktaù" (byte 0xF9) on line 14
    Bad(
        "bib-encoding",
        Fault("refs.bib", PETROV, LATIN, encoding="latin-1"),
        ("Aktaù",),
        ("UTF-8", "0xf9", "save"),
    ),
    # georeport_issn = "2532-8451" on line 4: the check digit should be X
    Bad(
        "issn",
        Fault("conf.py", '"2532-845X"', '"2532-8451"'),
        ("georeport_issn",),
        ("georeport_issn", "2532-845X"),
    ),
    # georeport_license = "CC BY 4.0" added at the end: a name, not its SPDX id
    Bad(
        "licence",
        Fault("conf.py", "", 'georeport_license = "CC BY 4.0"\n'),
        ("georeport_license",),
        ("georeport_license", "SPDX", "CC-BY-4.0"),
    ),
    # no 'volume:' in the front matter, which starts on line 1
    Bad(
        "front-matter",
        Fault(REPORT, "volume: 1\n", ""),
        ("---\ntitle:",),
        ("volume", "front matter"),
    ),
    # cover: (line 7) path: aktau-port.jpg (line 8), no such file
    Bad(
        "cover",
        Fault(REPORT, 'date: "2024"\n', COVER),
        ("cover:", "path: aktau-port.jpg"),
        ("aktau-port.jpg", "cover.path"),
    ),
    # "Aktaù" in Latin-1 (byte 0xF9) on line 9
    Bad(
        "encoding",
        Fault(REPORT, "Caspian Sea.", "Caspian Sea, near Aktaù.", encoding="latin-1"),
        ("Aktaù",),
        ("UTF-8", "save"),
    ),
    # journal = {... 50% ...}: a bare % would cut the rest of the field
    Bad(
        "bib-percent",
        Fault("refs.bib", "{Journal of Energy Politics}", "{Journal of 50% Energy}"),
        ("{Journal of 50% Energy}",),
        ("rossi2020", "journal", "\\%"),
    ),
    # langid = {%ab}: not a language (it ended as a LaTeX error on the .tex)
    Bad(
        "bib-langid",
        Fault("refs.bib", "langid = {english}", "langid = {%ab}"),
        ("langid = {%ab}",),
        ("rossi2020", "langid", "english"),
    ),
    # no citation at all, but "## References" (line 14) and its
    # {bibliography} (line 16)
    Bad(
        "no-citation",
        Fault(REPORT, "{footcite}`rossi2020`", ""),
        ("## References", "{bibliography}"),
        ("References", "footcite"),
    ),
    # volume: as the "billion laughs", its first anchor &a0 on line 5 (it
    # took 40 s, then ended in a MemoryError's traceback)
    Bad("alias-bomb", ALIAS_BOMB, ("&a0",), ("anchor", "no aliases")),
)


def _params() -> list:
    return [pytest.param(case, id=case.name) for case in CASES]


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str
    build: Path
    #: the lines of the faulty file the message may name
    lines: tuple[int, ...] = ()
    #: the files the build left in its temporary folder (``TMPDIR``)
    left: tuple[str, ...] = ()


def editions(
    edition: str,
    source: Path,
    build: Path,
    env: Mapping[str, str] | None = None,
    *,
    memory: int = 0,
) -> Result:
    """``python -m georeport.editions EDITION SOURCE BUILD``, as a user runs it
    (with ``env``'s variables added to this process's); in ``memory`` bytes of
    address space, when given."""
    command = [sys.executable, "-m", "georeport.editions", edition]
    command += [str(source), str(build)]
    if memory:
        # a shell's ulimit: preexec_fn is not safe beside the fixtures' threads
        limit = f'ulimit -v {memory // 1024} && exec "$@"'
        command = ["sh", "-c", limit, "sh", *command]
    completed = subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    return Result(completed.returncode, completed.stdout, completed.stderr, build)


def faulty_copy(destination: Path, *faults: Fault) -> Path:
    """A copy of the base project with ``faults`` applied."""
    shutil.copytree(BASE, destination)
    for fault in faults:
        fault.apply(destination)
    return destination


def line_of(text: str, at: str) -> int:
    """The line on which ``at`` starts; it must stand once in ``text``."""
    assert text.count(at) == 1, f"{at!r} is not once in:\n{text}"
    return text[: text.index(at)].count("\n") + 1


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Every bad input built once, two at a time (each takes a few seconds);
    and the base project without a fault, under the name "base"."""
    base = tmp_path_factory.mktemp("bad")

    def build(case: Bad | None) -> Result:
        name = case.name if case else "base"
        source = faulty_copy(base / "source" / name)
        lines: tuple[int, ...] = ()
        if case:
            text = case.fault.apply(source)
            lines = tuple(line_of(text, at) for at in case.at)
        temporary = base / "tmp" / name  # the build's own TMPDIR, empty
        temporary.mkdir(parents=True)
        result = editions(
            "html",
            source,
            base / "build" / name,
            {"TMPDIR": str(temporary)},
            memory=MEMORY,
        )
        left = tuple(sorted(p.name for p in temporary.iterdir()))
        return dataclasses.replace(result, lines=lines, left=left)

    with ThreadPoolExecutor(max_workers=2) as pool:
        built = list(pool.map(build, [None, *CASES]))
    return {result.build.name: result for result in built}


def test_the_base_builds_cleanly(results: dict[str, Result]) -> None:
    """Without its fault every case builds: each fails for its fault alone."""
    result = results["base"]
    assert result.returncode == 0, result.stderr
    assert not result.stderr
    assert (result.build / "html" / REPORT).with_suffix(".html").is_file()


def _names_place(text: str, case: Bad, lines: tuple[int, ...]) -> bool:
    alternatives = "|".join(str(n) for n in lines)
    pattern = rf"{re.escape(case.file)}:(?:{alternatives})(?!\d)"
    return re.search(pattern, text) is not None


@pytest.mark.parametrize("case", _params())
def test_bad_input_exits_non_zero(case: Bad, results: dict[str, Result]) -> None:
    assert results[case.name].returncode != 0


@pytest.mark.parametrize("case", _params())
def test_message_names_file_line_and_fix(case: Bad, results: dict[str, Result]) -> None:
    error, lines = results[case.name].stderr, results[case.name].lines
    assert lines, case.at
    assert _names_place(error, case, lines), (
        f"stderr names no {case.file}:{'|'.join(map(str, lines))}:\n{error}"
    )
    for word in case.says:
        assert word.lower() in error.lower(), f"{word!r} not in stderr:\n{error}"


@pytest.mark.parametrize("case", _params())
def test_error_is_one_clear_message(case: Bad, results: dict[str, Result]) -> None:
    error = results[case.name].stderr
    for noise in ("Traceback", "please open an issue", "Running Sphinx"):
        assert noise not in error, f"{noise!r} in stderr:\n{error}"
    lines = [line for line in error.splitlines() if line.strip()]
    # one error line (a hint may follow it), not one per layer that passed it on
    assert len(lines) <= 2, error
    assert max(map(len, lines)) <= LONGEST, error
    assert [line for line in lines if line.startswith("error")] == lines[:1], error
    assert sum(case.says[0].lower() in line.lower() for line in lines) == 1, error


@pytest.mark.parametrize("case", _params())
def test_no_crash_report_is_left_behind(case: Bad, results: dict[str, Result]) -> None:
    """Sphinx saves a crash report (``sphinx-err-*.log``) in the temporary
    folder for every exception: bad input is no crash."""
    assert not results[case.name].left


@pytest.mark.parametrize("case", _params())
def test_no_finished_looking_output(case: Bad, results: dict[str, Result]) -> None:
    pages = sorted((results[case.name].build / "html").rglob("*.html"))
    assert not pages, f"a failed build left {[p.name for p in pages]}"


@pytest.mark.pdf
def test_pdf_edition_of_bad_input_writes_no_pdf(tmp_path: Path) -> None:
    source = faulty_copy(tmp_path / "source", UNKNOWN_KEY)
    result = editions("pdf", source, tmp_path / "build")
    assert result.returncode != 0
    assert not list(tmp_path.glob("build/pdf/*.pdf"))


def _pages(html: Path) -> dict[str, bytes]:
    return {str(p.relative_to(html)): p.read_bytes() for p in html.rglob("*.html")}


def test_failed_rebuild_keeps_no_half_written_edition(tmp_path: Path) -> None:
    """Built, broken (and edited), built again: BUILD/html is the good
    edition, or gone."""
    source = faulty_copy(tmp_path / "source")
    build = tmp_path / "build"
    assert editions("html", source, build).returncode == 0
    good = _pages(build / "html")
    UNKNOWN_KEY.apply(source)
    Fault(REPORT, "A claim", "A new claim").apply(source)
    assert editions("html", source, build).returncode != 0
    html = build / "html"
    assert not html.exists() or _pages(html) == good


# -- A report's file name ------------------------------------------------------------

#: A name like an example once given to editors: a space, "&" and "#" (its URL
#: was encoded twice in the sitemap), and what the build says to take instead.
MISNAMED = ("reports/1-1-oil & gas #2.md", "1-1-oil-gas-2.md")


def misnamed_copy(destination: Path) -> Path:
    """The base project with its report saved as :data:`MISNAMED`."""
    source = faulty_copy(destination)
    (source / REPORT).rename(source / MISNAMED[0])
    return source


@pytest.mark.parametrize(
    "edition", ["html", pytest.param("pdf", marks=pytest.mark.pdf)]
)
def test_a_misnamed_report_is_one_line_at_its_line_1(
    edition: str, tmp_path: Path
) -> None:
    source = misnamed_copy(tmp_path / "source")
    result = editions(edition, source, tmp_path / "build", memory=MEMORY)
    assert result.returncode != 0
    (error,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert error.startswith(f"error: {source / MISNAMED[0]}:1: "), error
    assert error.endswith(f": rename it to {MISNAMED[1]}"), error
    assert len(error) <= LONGEST
    build = tmp_path / "build"
    assert not list(build.glob("html/**/*.html")) + list(build.glob("pdf/*.pdf"))
    # TeX never gets the name
    assert not list(build.glob(f"latex/{Path(MISNAMED[0]).stem}.*"))


def test_a_misnamed_report_reaches_no_tex_even_when_silenced(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    """``suppress_warnings`` may silence the error: the report is then built
    as an empty page, and no LaTeX document takes its name."""
    source = misnamed_copy(tmp_path / "source")
    overrides = {"suppress_warnings": ["georeport.metadata"]}
    app = make_app("latex", srcdir=source, confoverrides=overrides)
    app.build()
    app.cleanup()
    assert not app.config.latex_documents
    assert not list(Path(app.outdir).glob("*.tex"))
    assert not Sources.read(source).reports
