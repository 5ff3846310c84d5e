"""Every problem of a report reaches the terminal: one line naming its file
and line, as a user runs the editions (issue 23).

One project holds a report for each kind of warning or error that georeport,
sphinxcontrib-bibtex's work in georeport, MyST, docutils and Sphinx give for
a report (:data:`KINDS`); one build of it must print every one. A warning
Sphinx wrote to the log that the editions' filter did not turn into an
``error:`` line was lost once: it followed a status line Sphinx had not ended
("checking consistency... FILE: WARNING: ..."), and the terminal said only
"build finished with problems, 1 warning".

Left out: ``georeport.speedups`` (an installed library's version: no file of
the project), and the problems that end the build, each alone in
``tests/test_bad_input.py``.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import REPORT, ROOTS, Fault
from .test_bad_input import Result, editions, faulty_copy, line_of

#: The report every kind starts from (``tests/roots/test-base``).
BASE_REPORT = (ROOTS / "test-base" / REPORT).read_text(encoding="utf-8")
#: Its one citation and its text.
CLAIM = "A claim about the Caspian Sea.{footcite}`rossi2020`"
#: Its References heading.
REFERENCES = "## References"


@dataclass(frozen=True)
class Kind:
    """One kind of problem, in a report of its own: ``old`` of the base
    report replaced by ``new``."""

    type: str  #: as Sphinx logs it: ``georeport.body``, ``myst.header``
    name: str  #: the report is ``reports/1-1-<name>.md``
    old: str
    new: str
    #: text on the line the message must name; None: Sphinx names the file alone
    at: str | None
    says: str  #: words of the message
    folder: str = "reports"  #: where the report is, in the project
    #: the file the message names, when not the report (relative to the project)
    named: str | None = None

    @property
    def file(self) -> str:
        return f"{self.folder}/1-1-{self.name}.md"

    def text(self) -> str:
        assert BASE_REPORT.count(self.old) == 1, self.old
        return BASE_REPORT.replace(self.old, self.new)


#: A source whose url must not be a link, appended to the project's refs.bib.
UNSAFE = (
    "@online{unsafe,\n  title = {T},\n  year = {2020},\n  url = {javascript:x}\n}\n"
)

KINDS = (
    # georeport's own (guide/warnings.md)
    Kind(
        "georeport.metadata",
        "date",
        'date: "2024"',
        'date: "2024-13"',
        'date: "',
        "date",
    ),
    Kind(
        "georeport.cover",
        "cover",
        'date: "2024"\n',
        'date: "2024"\ncover:\n  path: aktau-port.jpg\n  alt: The port\n',
        "path: aktau-port.jpg",
        "cover.path",
    ),
    Kind(
        "georeport.no_citation",
        "no-citation",
        "{footcite}`rossi2020`",
        "",
        REFERENCES,
        "cites nothing",
    ),
    Kind(
        "georeport.body",
        "second-title",
        REFERENCES,
        f"# A second title\n\n{REFERENCES}",
        "# A second title",
        "title",
    ),
    Kind(
        "georeport.body",
        "open-fence",
        "```{footbibliography}\n```\n",
        "```{footbibliography}\n```\n\n~~~python\nx = 1\n",
        "~~~python",
        "code",
    ),
    Kind(
        "georeport.body",
        "vanished",
        CLAIM,
        f"{CLAIM}\n\n<div>Also {{footcite}}`rossi2020`</div>",
        "<div>Also",
        "did not become a footnote",
    ),
    Kind(
        "georeport.path",
        "image-outside",
        CLAIM,
        f"{CLAIM}\n\n![A photo](../../outside.png)",
        "![A photo]",
        "outside the project",
    ),
    Kind(
        "georeport.url",
        "url",
        CLAIM,
        f"{CLAIM} More.{{footcite}}`unsafe`",
        "url = {javascript:x}",
        "javascript:x",
        named="refs.bib",
    ),
    Kind(
        "georeport.name",
        "report",
        "title: A report",
        "title: A second report of one name",
        None,
        "rename one",
        folder="reports/2023",
    ),
    # sphinxcontrib-bibtex's, where georeport does its work
    Kind(
        "bibtex.key_not_found",
        "key",
        "`rossi2020`",
        "`rossi2O20`",
        "rossi2O20",
        "rossi2O20",
    ),
    Kind(
        "bibtex.footcite",
        "footcite",
        "`rossi2020`",
        "`rossi2020{p. 3`",
        "{p. 3",
        "locator",
    ),
    Kind(
        "bibtex.filter_syntax_error",
        "filter",
        ":filter: docname in docnames",
        ":filter: docname in (",
        ":::{bibliography}",
        "filter",
    ),
    # MyST's, docutils' and Sphinx's
    Kind(
        "toc.not_included",
        "sub-folder",
        "title: A report",
        "title: A report in a folder",
        None,
        "reports/**",
        folder="reports/2023",
    ),
    Kind(
        "myst.header",
        "header",
        CLAIM,
        f"{CLAIM}\n\n### Too deep a heading",
        "### Too deep",
        "header",
    ),
    Kind(
        "myst.xref_missing",
        "xref",
        CLAIM,
        f"{CLAIM} See [the other](missing.md).",
        "[the other]",
        "missing.md",
    ),
    Kind("ref.doc", "doc", CLAIM, f"{CLAIM} See {{doc}}`missing`.", "{doc}", "missing"),
    Kind("ref.ref", "ref", CLAIM, f"{CLAIM} See {{ref}}`nolabel`.", "{ref}", "nolabel"),
    Kind(
        "docutils",
        "label",
        REFERENCES,
        f"(twice)=\n## One\n\n(twice)=\n## Two\n\n{REFERENCES}",
        "(twice)=\n## Two",
        "twice",
    ),
    Kind(
        "myst.directive_unknown",
        "directive",
        CLAIM,
        f"{CLAIM}\n\n```{{nosuchthing}}\n```",
        "{nosuchthing}",
        "nosuchthing",
    ),
    Kind(
        "myst.role_unknown",
        "role",
        CLAIM,
        f"{CLAIM} A {{nosuchrole}}`word`.",
        "{nosuchrole}",
        "nosuchrole",
    ),
    Kind(
        "image.not_readable",
        "image",
        CLAIM,
        f"{CLAIM}\n\n![A photo](nowhere.png)",
        "![A photo]",
        "nowhere.png",
    ),
    Kind(
        "download.not_readable",
        "download",
        CLAIM,
        f"{CLAIM} The {{download}}`data <nowhere.csv>`.",
        "{download}",
        "nowhere.csv",
    ),
    Kind(
        "misc.highlighting_failure",
        "highlight",
        CLAIM,
        f"{CLAIM}\n\n```json\n{{not json\n```",
        "```json",
        "json",
    ),
    Kind(
        "georeport.markup",
        "rst",
        CLAIM,
        f"{CLAIM}\n\n```{{eval-rst}}\nSome *emphasis left open.\n```",
        "```{eval-rst}",
        "{eval-rst} block",
    ),
    Kind(
        "ref.footnote",
        "footnote",
        CLAIM,
        f"{CLAIM}\n\n[^orphan]: A note nothing refers to.",
        "[^orphan]:",
        "not referenced",
    ),
)


def project(destination: Path) -> Path:
    """test-base with a report of each kind beside its own, and a report
    reached through a symbolic link to a file outside the project."""
    source = destination / "source"
    shutil.copytree(ROOTS / "test-base", source)
    (destination / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with (source / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(f"\n{UNSAFE}")
    for kind in KINDS:
        path = source / kind.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(kind.text(), encoding="utf-8")
    elsewhere = destination / "elsewhere.md"
    elsewhere.write_text(BASE_REPORT.replace("A report", "Elsewhere"), "utf-8")
    (source / "reports" / "1-1-linked.md").symlink_to(elsewhere)
    return source


@pytest.fixture(
    scope="module", params=["html", pytest.param("pdf", marks=pytest.mark.pdf)]
)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Result:
    """The project built once, by each edition's Sphinx run."""
    base = tmp_path_factory.mktemp(f"kinds-{request.param}")
    source = project(base)
    result = editions(request.param, source, base / "build")
    assert result.returncode != 0
    return result


def _place(result: Result, kind: Kind) -> str:
    """``FILE:LINE`` (or ``FILE``) the message must name."""
    source = result.build.parent / "source"
    path = source / (kind.named or kind.file)
    if kind.at is None:
        return f"{path}"
    return f"{path}:{line_of(path.read_text(encoding='utf-8'), kind.at)}"


@pytest.mark.parametrize(
    "kind", [pytest.param(k, id=f"{k.type}-{k.name}") for k in KINDS]
)
def test_each_kind_is_one_line_with_its_place(kind: Kind, built: Result) -> None:
    place = _place(built, kind)
    at = re.compile(rf"error: {re.escape(place)}(?::\d+)?: ")  # a column, if known
    lines = [
        line
        for line in built.stderr.splitlines()
        if at.match(line) and kind.says.lower() in line.lower()
    ]
    assert len(lines) == 1, (
        f"no one line at {place} saying {kind.says!r}:\n{built.stderr}"
    )


def test_a_report_linked_from_outside_is_named(built: Result) -> None:
    link = built.build.parent / "source" / "reports" / "1-1-linked.md"
    (line,) = [
        line
        for line in built.stderr.splitlines()
        if line.startswith(f"error: {link}: ")
    ]
    assert (
        "symbolic link reports/1-1-linked.md" in line and "put the file itself" in line
    )


#: A problem anywhere in a line of the log, after a status line Sphinx had
#: not ended too; its place is the word before it (the projects of these
#: tests have no space in their paths). Searched for plainly, not as the
#: editions' filter reads the log.
_LOGGED = re.compile(
    r"(?:(\S+): )?(?:WARNING|ERROR|CRITICAL): (.*?)(?: \[[\w.-]+\])?$", re.MULTILINE
)


def test_every_problem_of_the_log_is_on_the_terminal(built: Result) -> None:
    log = (built.build / "editions.log").read_text(encoding="utf-8")
    logged = [
        f"{where}: {text}" if where else text for where, text in _LOGGED.findall(log)
    ]
    assert len(logged) >= len(KINDS)
    lost = [problem for problem in logged if problem not in built.stderr]
    assert not lost, f"in the log, not on the terminal: {lost}"
    assert "build finished with problems" not in built.stderr


#: A bug (here the project's own code) makes Sphinx crash.
CRASH = Fault(
    "conf.py",
    "",
    '\ndef setup(app):\n    app.connect("builder-inited", lambda app: 1 / 0)\n',
)


def test_a_crash_is_one_line_and_its_traceback_in_the_log(tmp_path: Path) -> None:
    """A crash is no bad input, and Sphinx's report of it is kept: whole in
    the build's log, not in the temporary folder (Sphinx saves a copy there
    at every crash, which no one would remove)."""
    source = faulty_copy(tmp_path / "source", CRASH)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = editions("html", source, tmp_path / "build", {"TMPDIR": str(temporary)})
    assert result.returncode != 0
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("error: ") and "division by zero" in line, line
    log = (tmp_path / "build" / "editions.log").read_text(encoding="utf-8")
    assert f'File "{source / "conf.py"}"' in log  # the whole traceback
    assert not list(temporary.iterdir())
