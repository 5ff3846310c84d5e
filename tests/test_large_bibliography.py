"""A journal's whole archive of sources in one BibTeX file: the cost of a
build follows what the reports cite, not what the file holds (issue #13).

Projects are copies of tests/roots/test-second (``tools.archive``) with
entries no report cites added (:func:`tools.archive.add_uncited`, several
types and languages). Proven from behaviour, never from timings (the bench,
``python -m tools.bench --uncited 20000``, measures those): the file is
checked whole and pybtex parses only the entries reports cite; only those
are formatted and signed; adding or editing an uncited entry, even in a
language no report uses, reads, writes and typesets no report again; a
broken uncited entry still stops the build.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable
from pathlib import Path

import pybtex.plugin
import pytest
from pybtex.database.input import bibtex as bibtex_input
from sphinx.testing.util import SphinxTestApp
from sphinxcontrib.bibtex import bibfile

from georeport.bib.crossref import Resolved
from georeport.bib.scan import LazyEntries
from georeport.editions.build import build_html, build_pdf
from georeport.sphinxext.bibtex import dependencies, speedups
from georeport.sphinxext.bibtex.domain import bibtex_domain
from tools.archive import add_uncited, make_archive, uncited_entry

from .conftest import ROOTS, STRICT, built
from .test_bad_input import editions, line_of

FIRST, SECOND = "100-1-caspian", "100-2-caspian"
UNCITED = 60


def _project(where: Path, reports: int = 2) -> Path:
    source = make_archive(ROOTS / "test-second", where, reports)
    add_uncited(source / "refs.bib", UNCITED)
    return source


def _append(bib: Path, text: str) -> None:
    with bib.open("a", encoding="utf-8") as out:
        out.write(f"\n{text}")
    _later(bib)


def _later(path: Path) -> None:
    """A later mtime even on a coarse clock: the edit is an edit to every tool."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _cited(app: SphinxTestApp) -> set[str]:
    """The keys the project's documents cite (footnotes and roles)."""
    refs = bibtex_domain(app.env).citation_refs
    return {target.key for ref in refs for target in ref.targets}


def test_pybtex_parses_only_the_cited_entries(
    tmp_path: Path,
    make_app: Callable[..., SphinxTestApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file is checked whole, and pybtex reads the entries reports cite."""
    source = _project(tmp_path / "source")
    whole: list[str] = []
    parse_file = bibtex_input.Parser.parse_file

    def counting(self: bibtex_input.Parser, filename: object, **kw: object) -> object:
        whole.append(str(filename))
        return parse_file(self, filename, **kw)

    monkeypatch.setattr(bibtex_input.Parser, "parse_file", counting)
    app = make_app("html", srcdir=source, confoverrides=STRICT)
    built(app)
    assert whole == []  # neither the checks nor the library parse it whole
    data = bibtex_domain(app.env).bibdata
    # read through crossref's resolution, which parses nothing more
    assert isinstance(data.data.entries, Resolved)
    entries = data.data.entries.entries
    assert isinstance(entries, LazyEntries)
    assert entries.parsed == _cited(app)
    # what the library holds is the whole file, in its order
    keys = list(data.bibfiles[(source / "refs.bib").resolve()].keys)
    assert keys == list(entries)
    assert len(keys) > UNCITED
    assert keys[-1] == f"archive-uncited-{UNCITED}"


def test_the_shared_parse_is_the_librarys_record(tmp_path: Path) -> None:
    """:func:`speedups.share_parse` writes sphinxcontrib-bibtex's own record of
    a parsed file: fails when the library's record or its check change shape,
    or when the installed version is not one the speed-ups were checked with."""
    assert speedups.checked_version() is None
    assert bibfile.BibData._fields == ("encoding", "bibfiles", "data")
    assert bibfile.BibFile._fields == ("mtime", "keys")
    assert list(inspect.signature(bibfile.process_bibdata).parameters) == [
        "bibdata",
        "bibfilenames",
        "encoding",
    ]
    bib = tmp_path / "refs.bib"
    bib.write_text(uncited_entry(1) + uncited_entry(2), encoding="utf-8")
    theirs = bibfile.parse_bibdata([bib], "utf-8-sig")
    mtime = bib.lstat().st_mtime
    ours = bibfile.BibData(
        encoding="utf-8-sig",
        bibfiles={
            bib: bibfile.BibFile(mtime=mtime, keys=dict.fromkeys(theirs.data.entries))
        },
        data=theirs.data,
    )
    assert ours.bibfiles == theirs.bibfiles
    # the library takes it as up to date: no second parse
    assert bibfile.process_bibdata(ours, [bib], "utf-8-sig") is ours


def test_only_cited_entries_are_formatted_and_signed(
    tmp_path: Path,
    make_app: Callable[..., SphinxTestApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = _project(tmp_path / "source", reports=1)
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", "georeport")
    formatted: set[str] = set()
    format_entry = style.format_entry

    def counting(self: object, label: str, entry: object, **kw: object) -> object:
        formatted.add(entry.key)  # type: ignore[attr-defined]
        return format_entry(self, label, entry, **kw)

    monkeypatch.setattr(style, "format_entry", counting)
    app = make_app("html", srcdir=source, confoverrides=STRICT)
    built(app)
    cited = _cited(app)
    assert cited  # the report cites sources
    # the report's own citation ("Cite this report") is formatted too
    sources = formatted & set(bibtex_domain(app.env).bibdata.data.entries)
    assert sources and sources <= cited
    assert not any(key.startswith("archive-uncited") for key in formatted)
    assert set(getattr(app.env, dependencies.ENV_ATTRIBUTE)) == cited


def test_a_broken_uncited_entry_still_stops_the_build(tmp_path: Path) -> None:
    source = _project(tmp_path / "source", reports=1)
    bib = source / "refs.bib"
    _append(bib, "@misc{nobody-cites-me,\n  author = {Some One},\n  year = {2020}\n}\n")
    line = line_of(bib.read_text(encoding="utf-8"), "@misc{nobody-cites-me,")
    result = editions("html", source, tmp_path / "build")
    assert result.returncode != 0
    error = f"error: {bib}:{line}: entry 'nobody-cites-me' has no title"
    assert error in result.stderr, result.stderr


class _Copy:
    def __init__(self, source: Path, build: Path) -> None:
        self.source, self.build = source, build

    def build_all(self) -> str:
        return build_pdf(self.source, self.build) + build_html(self.source, self.build)

    def stamps(self) -> dict[str, tuple[int, int]]:
        """Inode and modification time: a file written again changes them."""
        paths = [f"pdf/{s}.pdf" for s in (FIRST, SECOND)]
        paths += [
            f"latex/{s}.{e}" for s in (FIRST, SECOND) for e in ("log", "pdf", "tex")
        ]
        paths += [f"html/reports/{s}.html" for s in (FIRST, SECOND)]
        stats = {path: (self.build / path).stat() for path in paths}
        return {path: (s.st_ino, s.st_mtime_ns) for path, s in stats.items()}


@pytest.mark.pdf
def test_adding_or_editing_an_uncited_entry_rebuilds_nothing(tmp_path: Path) -> None:
    """Neither a report read again (its page is not written again), nor its
    LaTeX written again, nor its PDF typeset again: even when the new entry
    declares a language no report uses (which used to change the preamble of
    every report)."""
    copy = _Copy(_project(tmp_path / "source"), tmp_path / "build")
    copy.build_all()
    bib = copy.source / "refs.bib"
    before = copy.stamps()
    added = "@book{added-later,\n  title = {Historia},\n  author = {Nowak, Jan},\n"
    _append(bib, added + "  year = {2001},\n  langid = {spanish}\n}\n")
    log = copy.build_all()
    assert "Running Sphinx" in log  # the bibliography did change
    assert copy.stamps() == before
    text = bib.read_text(encoding="utf-8")
    old = f"case {UNCITED // 2}}}"
    assert old in text
    bib.write_text(text.replace(old, f"case {UNCITED // 2}, revised}}"), "utf-8")
    _later(bib)
    (copy.build / "editions.log").unlink(missing_ok=True)  # this build's only
    copy.build_all()
    assert copy.stamps() == before
    # Sphinx read the front page (it lists the reports), and no report
    reading = [
        line
        for line in re.split(
            r"\x1b\[2K|[\r\n]+", (copy.build / "editions.log").read_text("utf-8")
        )
        if line.startswith("reading sources")
    ]
    assert not any("reports/" in line for line in reading), reading
