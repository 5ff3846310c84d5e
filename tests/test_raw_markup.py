"""Markup that would pass into an edition unchecked is an error at its line.

Each case is ``tests/roots/test-base`` with one construct written before the
report's first sentence, built as a user builds it
(``python -m georeport.editions html``): the build exits non-zero with one
line naming the report, the line, and ``georeport_allow_raw_markup``, and
leaves no page. Allowed (a trusted journal), the markup is published, but
TeX still reads no file outside its folder and runs no command: the PDF
edition of a report that tries stops, and nothing of the file is anywhere.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from myst_parser.parsers.sphinx_ import MystParser

from .conftest import REPORT, Fault
from .test_bad_input import BASE, Result, editions, faulty_copy, line_of

#: Text each case's markup holds: no output may hold it.
MARKER = "hostile-marker-7c1e"
#: A line of /etc/passwd on every Linux machine.
PASSWD = "root:x:0:0"
#: The report's first sentence: the cases' markup goes before it (line 9).
CLAIM = "A claim about the Caspian Sea."
SETTING = "georeport_allow_raw_markup"
#: conf.py of a journal that trusts its writers.
ALLOW = Fault("conf.py", "", f"\n{SETTING} = True\n")


@dataclass(frozen=True)
class Markup:
    """A construct of a report's text that passes markup through."""

    name: str
    text: str  #: written before the report's first sentence
    says: tuple[str, ...]  #: words the message holds (case-insensitive)

    @property
    def fault(self) -> Fault:
        return Fault(REPORT, CLAIM, f"{self.text}\n\n{CLAIM}")

    @property
    def at(self) -> str:
        """Text on the line the message names: the construct's first."""
        return self.text.splitlines()[0]


CASES = (
    Markup(
        "raw-html",
        f'```{{raw}} html\n<div onclick="alert(1)">{MARKER}</div>\n```',
        ("{raw} html",),
    ),
    Markup(
        "raw-latex", f"```{{raw}} latex\n\\textbf{{{MARKER}}}\n```", ("{raw} latex",)
    ),
    Markup("raw-role", f"Text {{raw}}`<b>{MARKER}</b>` more.", ("{raw} role",)),
    Markup(
        "eval-rst",
        "```{eval-rst}\n.. raw:: latex\n\n   \\VerbatimInput{/etc/passwd}\n```",
        ("{eval-rst}",),
    ),
    Markup(
        "eval-rst-role",
        "```{eval-rst}\n.. role:: h(raw)\n   :format: html\n\n"
        f":h:`<b>{MARKER}</b>`\n```",
        ("{eval-rst}",),
    ),
    Markup("html-block", f'<div onclick="alert(1)">{MARKER}</div>', ("HTML",)),
    Markup(
        "html-inline",
        # the tags are left out, the word between them is text
        f'Text <span title="{MARKER}" onmouseover="alert(1)">word</span> more.',
        ("HTML",),
    ),
    Markup("math", "Math {math}`\\input{/etc/passwd}` here.", ("math",)),
    Markup("math-block", "```{math}\n\\input{/etc/passwd}\n```", ("math",)),
    Markup(
        "meta",
        f"```{{meta}}\n:http-equiv=refresh: 0;url=https://{MARKER}.example/\n```",
        ("{meta}",),
    ),
    Markup(
        "tabularcolumns",
        "```{tabularcolumns} |l|}\\input{/etc/passwd}{\n```",
        ("{tabularcolumns}",),
    ),
)


#: The editions of a build folder (its work folders hold a copy of the
#: source, which is the report's text as written).
EDITIONS = ("html", "pdf", "epub")


def leaked(build: Path, *markers: str) -> list[str]:
    """Files of the editions in ``build`` holding any of ``markers``."""
    return [
        str(path)
        for edition in EDITIONS
        for path in (build / edition).rglob("*")
        if path.is_file() and any(m.encode() in path.read_bytes() for m in markers)
    ]


def _build(base: Path, name: str, *faults: Fault, edition: str = "html") -> Result:
    source = faulty_copy(base / "source" / name, *faults)
    return editions(edition, source, base / "build" / name)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Every case built once, two at a time."""
    base = tmp_path_factory.mktemp("markup")
    with ThreadPoolExecutor(max_workers=2) as pool:
        built = pool.map(lambda case: _build(base, case.name, case.fault), CASES)
        return {case.name: result for case, result in zip(CASES, built, strict=True)}


def faulty_text(fault: Fault) -> str:
    """The report's text with ``fault`` in it."""
    text = (BASE / fault.file).read_text(encoding="utf-8")
    assert text.count(fault.old) == 1
    return text.replace(fault.old, fault.new)


def _error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_it_is_one_error_at_its_line(case: Markup, results: dict[str, Result]) -> None:
    result = results[case.name]
    assert result.returncode != 0
    (line,) = _error_lines(result)
    expected = line_of(faulty_text(case.fault), case.at)
    assert re.search(rf"{re.escape(REPORT)}:{expected}: ", line), line
    assert line.startswith("error: ")
    for word in (*case.says, SETTING):
        assert word.lower() in line.lower(), line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_nothing_of_it_is_left(case: Markup, results: dict[str, Result]) -> None:
    build = results[case.name].build
    assert not list(build.glob("html/**/*.html"))
    assert leaked(build, MARKER, PASSWD) == []


def test_a_substitution_is_a_name_not_an_expression(tmp_path: Path) -> None:
    """With MyST's substitutions on, ``{{ name }}`` is its value, but any
    other ``{{ ... }}`` is Jinja, which would run code during the build."""
    conf = Fault(
        "conf.py",
        'myst_enable_extensions = ["colon_fence"]',
        'myst_enable_extensions = ["colon_fence", "substitution"]\n'
        f'myst_substitutions = {{"place": "{MARKER}"}}',
    )
    name = Fault(REPORT, CLAIM, "Near {{ place }}.\n\n" + CLAIM)
    result = _build(tmp_path, "name", conf, name)
    assert result.returncode == 0, result.stderr
    page = result.build / "html" / "reports" / "1-1-report.html"
    assert MARKER in page.read_text(encoding="utf-8")

    expression = "{{ env.__class__.__init__.__globals__ }}"
    code = Fault(REPORT, CLAIM, f"Here {expression}.\n\n{CLAIM}")
    result = _build(tmp_path, "code", conf, code)
    assert result.returncode != 0
    (line,) = _error_lines(result)
    assert f"{REPORT}:9: " in line
    assert "Jinja" in line
    assert SETTING in line
    assert leaked(result.build, "__builtins__", "BuildEnvironment") == []


#: MyST's options for one file, in the report's front matter (after its
#: date, line 6): a redirect among the page's head tags.
MYST_OPTIONS = Fault(
    REPORT,
    'date: "2024"\n',
    'date: "2024"\nmyst:\n  html_meta:\n'
    f'    "http-equiv=refresh": "0;url=https://{MARKER}.example/"\n',
)


def test_myst_options_in_the_front_matter_are_refused(tmp_path: Path) -> None:
    result = _build(tmp_path, "myst", MYST_OPTIONS)
    assert result.returncode != 0
    (line,) = _error_lines(result)
    assert f"{REPORT}:{line_of(faulty_text(MYST_OPTIONS), 'myst:')}: " in line
    assert "'myst:' in the front matter" in line
    assert SETTING in line
    assert leaked(result.build, MARKER) == []


def test_allowed_it_is_published(tmp_path: Path) -> None:
    """A journal that trusts its writers gets their HTML as written."""
    html = next(case for case in CASES if case.name == "html-block")
    result = _build(tmp_path, "allowed", ALLOW, html.fault)
    assert result.returncode == 0, result.stderr
    page = result.build / "html" / "reports" / "1-1-report.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("div", onclick="alert(1)").get_text() == MARKER


def test_the_parser_is_myst_parsers_with_another_renderer() -> None:
    """:class:`georeport.sphinxext.raw_markup.Parser` repeats the body of
    myst-parser's ``MystParser.parse`` with the renderer replaced: when
    myst-parser changes that method, read it and do the same again, then
    record its new hash here."""
    source = inspect.getsource(MystParser.parse)
    digest = hashlib.sha256(source.encode()).hexdigest()
    assert digest == "0d71d5731b4a6f7c643ac3d578f5c690f02710b43d18b270160ccdab3b28a0aa"


# -- Allowed, TeX reads nothing outside its folder and runs nothing ----------------

#: Raw LaTeX (and math) that reads a file outside the project or runs a
#: command, with what the message must name. OUTSIDE and TOUCHED are paths
#: under the test's folder, outside the project.
TEX = {
    "eval-rst": (
        "```{eval-rst}\n.. raw:: latex\n\n   \\VerbatimInput{/etc/passwd}\n```",
        "/etc/passwd",
    ),
    "input": ("```{raw} latex\n\\input{/etc/passwd}\n```", "/etc/passwd"),
    "openin": (
        "```{raw} latex\n\\newread\\secret\\openin\\secret=/etc/passwd\n"
        "\\ifeof\\secret\\else\\read\\secret to\\found\\found\\fi\n```",
        "/etc/passwd",
    ),
    "outside": ("```{raw} latex\n\\input{OUTSIDE}\n```", "OUTSIDE"),
    "math": ("Math {math}`\\input{/etc/passwd}` here.", "/etc/passwd"),
    "write18": ("```{raw} latex\n\\immediate\\write18{touch TOUCHED}\n```", "touch"),
    # kpsewhich is among the commands TeX Live's restricted mode runs
    "write18-allowed": (
        "```{raw} latex\n\\immediate\\write18{kpsewhich -var-value=TEXMFROOT}\n```",
        "kpsewhich",
    ),
}


@pytest.mark.pdf
@pytest.mark.parametrize("name", list(TEX))
def test_allowed_latex_reads_no_file_and_runs_nothing(
    name: str, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.tex"
    outside.write_text(MARKER + "\n", encoding="utf-8")
    touched = tmp_path / "touched"
    text, named = TEX[name]
    text = text.replace("OUTSIDE", str(outside)).replace("TOUCHED", str(touched))
    named = named.replace("OUTSIDE", str(outside))
    fault = Fault(REPORT, CLAIM, f"{text}\n\n{CLAIM}")
    result = _build(tmp_path, name, ALLOW, fault, edition="pdf")
    assert result.returncode != 0, result.stdout
    (line,) = _error_lines(result)
    assert line.startswith(f"error: {tmp_path / 'source' / name / REPORT}: ")
    assert named in line
    assert "refused" in line
    assert not list(result.build.glob("pdf/*.pdf"))
    assert not touched.exists()
    assert leaked(result.build, MARKER, PASSWD) == []
