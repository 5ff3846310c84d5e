"""The fast split of a BibTeX file (:mod:`georeport.bib.scan`) decides only
how fast a file is read, never what is read from it.

Wherever :func:`scan` answers, pybtex's strict parse of the whole file must
succeed, with the same keys in the same order, each entry equal to the one
pybtex makes of it alone, and the checks must find nothing; where it does not
answer, the slow path decides. Files an editor writes must take the fast path.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pybtex.errors
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database.input import bibtex

from georeport.bib import checks
from georeport.bib import scan as scan_module
from georeport.bib.scan import ChangedError, LazyEntries, lazy_bibliography, scan
from georeport.bib.syntax import head_problems
from tools.archive import uncited_entry

from .conftest import REPO, ROOTS


def _strict(text: str) -> bibtex.BibliographyData | Exception:
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        return bibtex.Parser().parse_string(text)
    except Exception as error:
        return error
    finally:
        pybtex.errors.set_strict_mode(previous)


def _agrees(text: str, tmp_path: Path) -> bool:
    """Assert the fast path's promise for ``text``; True if it answered."""
    found = scan(text)
    if found is None:
        return False
    spans, parents = found
    full = _strict(text)
    assert not isinstance(full, Exception), (full, text)
    assert list(spans) == list(full.entries)
    # each entry's parent, known without parsing it, is pybtex's crossref
    assert parents == {
        key: entry.fields["crossref"]
        for key, entry in full.entries.items()
        if "crossref" in entry.fields
    }
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    # the slow path's own checks agree: nothing the fast path let through
    assert checks._entry_problems(path, full) == []
    assert head_problems(path, text.splitlines()) == []
    data = lazy_bibliography(path, path.read_bytes())
    assert data is not None
    # a parent no entry has is named alike, whichever read the file
    named = checks.crossref_problems([(path, data)])
    assert named == checks.crossref_problems([(path, full)])
    assert checks.check_bibfile(path) == named
    for key, entry in full.entries.items():
        assert data.entries[key] == entry
        assert data.entries[key].key == entry.key
    return True


EDITORS_FILES = [
    REPO / "references.bib",
    *sorted(ROOTS.glob("*/*.bib")),
]


@pytest.mark.parametrize("path", EDITORS_FILES, ids=lambda p: p.parent.name)
def test_the_journals_files_take_the_fast_path(path: Path, tmp_path: Path) -> None:
    assert _agrees(path.read_text(encoding="utf-8"), tmp_path)


def test_the_archive_generator_takes_the_fast_path(tmp_path: Path) -> None:
    text = "".join(uncited_entry(n) + "\n" for n in range(1, 301))
    assert _agrees(text, tmp_path)


ENTRY = "@article{{key,\n  title = {{Title}},\n{extra}}}\n"


@pytest.mark.parametrize(
    "extra",
    [
        "  author = {Rossi, Anna and {United Nations}}",
        "  author = {von Neumann, Jr, John}",
        "  AUTHOR = {Smith, J.},\n  Editor = {Doe, Jane and others}",
        "  month = jan,\n  year = 2020",
        '  journal = "Quoted {with} braces",',
        "  note = {Deep {a {b {c {d}}}} nesting}",
        "  note = {50\\% of votes},\n  url = {https://x.org/a%20b}",
        "  langid = {russian},\n  language = {en_GB},",
        "  ,,  note = {empty units},,",
        "  note = {an @ sign, and = signs, and , commas}",
        "  title2 = {field names with digits}",
        "  doi = {https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID>3.0.CO;2-0}",
        '  crossref = " Parent  Book "',  # no such entry: named alike (below)
    ],
)
def test_what_editors_write_agrees(extra: str, tmp_path: Path) -> None:
    assert _agrees(ENTRY.format(extra=extra), tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        # faults: the slow path names them
        ENTRY.format(extra="  title = {Again}"),  # repeated field
        "@article{key,\n  year = {2020}\n}\n",  # no title
        "@article{key,\n  title = { }\n}\n",
        ENTRY.format(extra="  author = {A, B, C, D}"),
        ENTRY.format(extra="  note = {50% of votes}"),
        ENTRY.format(extra="  langid = {english (UK)}"),
        ENTRY.format(extra="  doi = {10.1000/ 182 x}"),
        ENTRY.format(extra="  doi = {182}"),
        "@xdata{key,\n  publisher = {Shared}\n}\n",
        ENTRY.format(extra="  xdata = {shared}"),
        ENTRY.format(extra="  note = {unclosed"),
        ENTRY.format(extra="  note = {x} year = {2020}"),  # missing comma
        ENTRY + ENTRY,  # repeated key
        ENTRY + ENTRY.replace("{key,", "{KEY,"),  # pybtex keys ignore case
        # outside the subset, perhaps right: pybtex reads it
        "@string{me = {Anna}}\n" + ENTRY.format(extra="  author = me"),
        "@preamble{{x}}\n" + ENTRY.format(extra=""),
        "@comment{x}\n" + ENTRY.format(extra=""),
        "@article(key,\n  title = {T}\n)\n",
        ENTRY.format(extra="  note = {a} # {b}"),
        ENTRY.format(extra="  note = mymacro"),
        ENTRY.format(extra="  crossref = jan"),  # a month: pybtex reads January
        ENTRY.format(extra="  note = {a{b{c{d{e{f{g}}}}}}}"),
        "% mail me@example.org\n" + ENTRY.format(extra=""),
        "@article{key}\n",
    ],
)
def test_the_rest_goes_to_pybtex(text: str) -> None:
    assert scan(text) is None


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
#: Field text as editors write it, with the characters that matter to BibTeX
#: now and then (a bare ``%``, braces, quotes, ``and``, commas, ``@``).
_WORDS = st.lists(
    st.one_of(
        st.sampled_from(["Anna", "Rossi", "Война", "and", "von", "{UN}", "{x {y}}"]),
        st.sampled_from([",", " ", "=", "@", "\\%", "%", '"', "{", "}", "#", "~"]),
        _TEXT,
    ),
    max_size=6,
).map(" ".join)
_FIELD = st.sampled_from(
    [
        *("author", "editor", "journal", "note", "year", "langid", "url", "month"),
        *("Title", "doi", "crossref", "CrossRef", "xdata"),
    ]
)
_VALUE = st.one_of(
    _WORDS.map(lambda s: "{" + s + "}"),
    _WORDS.map(lambda s: '"' + s + '"'),
    st.integers(0, 3000).map(str),
    st.sampled_from(["jan", "Feb", "dec", "junk", "english", "{english}"]),
    # DOIs and keys of the entries below (a parent, perhaps the entry itself)
    st.sampled_from(["{10.1000/182}", "{doi: 10.1000/1 8}", "{ a }", '"B"', "{x:y}"]),
)
_ENTRY = st.tuples(
    st.sampled_from(["article", "Book", "online", "string", "misc"]),
    st.sampled_from(["a", "b", "A", "smith2020", "x:y"]),
    st.lists(st.tuples(_FIELD, _VALUE), max_size=4),
    st.sampled_from(["", ",", ",\n", " ,, "]),
)


def _render(entry: tuple[str, str, list[tuple[str, str]], str]) -> str:
    kind, key, fields, tail = entry
    fields = [("title", "{A title}"), *fields]  # most entries have one
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}{tail}}}\n"


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(_ENTRY, min_size=1, max_size=3),
    junk=_TEXT.filter(lambda s: "@" not in s),
)
def test_wherever_the_scan_answers_pybtex_agrees(
    entries: list[tuple[str, str, list[tuple[str, str]], str]],
    junk: str,
    tmp_path: Path,
) -> None:
    _agrees(junk + "\n".join(map(_render, entries)), tmp_path)


def test_lazy_entries_pickle_without_the_file(tmp_path: Path) -> None:
    """The environment keeps where each entry is, not the file; a changed
    file is refused, not misread."""
    path = tmp_path / "refs.bib"
    path.write_text(uncited_entry(1) + uncited_entry(2), encoding="utf-8")
    data = lazy_bibliography(path, path.read_bytes())
    assert data is not None
    first, second = list(data.entries)
    assert data.entries.parsed == frozenset()
    kept = pickle.dumps(data.entries)
    assert b"case 1" not in kept  # the titles stay in the file
    again: LazyEntries = pickle.loads(kept)
    assert again[second.upper()] == _strict(path.read_text()).entries[second]
    assert second.upper() in again and "nobody" not in again
    assert again.parsed == {second}
    # what a build parsed is kept: the next one does not parse it again
    assert pickle.loads(pickle.dumps(again)).parsed == {second}
    path.write_text(uncited_entry(1) + uncited_entry(3), encoding="utf-8")
    with pytest.raises(ChangedError, match="changed"):
        pickle.loads(kept)[first]


def _archive(count: int) -> str:
    return "".join(uncited_entry(n) + "\n" for n in range(1, count + 1))


@pytest.mark.skipif(
    not hasattr(os, "fork"),
    reason="os.fork is POSIX only; without it (Windows) a file is scanned in one "
    "process, which the other tests here cover",
)
def test_a_large_file_is_scanned_in_two_with_the_same_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _archive(400)
    whole = scan_module._scan(text, 0, len(text))
    assert whole is not None
    monkeypatch.setattr(scan_module, "PARALLEL", 1)
    monkeypatch.setattr(scan_module, "_can_fork", lambda: True)  # one core too
    halves = scan(text)
    assert halves == whole and halves is not None and list(halves[0]) == list(whole[0])
    # a key in both halves is a repeated key: pybtex names it
    first = text.index("@", len(text) // 2)
    assert (
        scan(text + text[:first].replace("archive-uncited-", "ARCHIVE-UNCITED-"))
        is None
    )
    # a split inside an entry (a line of a value starting with "@") reads whole
    inside = text.replace(
        "title = {", "note = {\n@ not an entry},\n  title = {", 1
    ).replace("title = {", "note = {x\n@ also not},\n  title = {")
    assert scan(inside) == scan_module._scan(inside, 0, len(inside))
    # a fault in either half is found
    broken = text[: len(text) - 10] + "%" + text[len(text) - 10 :]
    assert scan(broken) is None


@pytest.mark.parametrize("tail", ["", ","])
def test_an_entry_left_open_is_named_at_its_first_line(
    tail: str, tmp_path: Path
) -> None:
    """No closing brace before the next ``@type{`` at the start of a line:
    the scan does not answer, and the checks name the entry left open (pybtex
    names the next entry's line)."""
    text = f"@article{{rossi2020,\n  title = {{T}}{tail}\n\n"
    text += "@misc{b,\n  title = {U}\n}\n"
    assert scan(text) is None
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    (problem,) = checks.check_bibfile(path)
    assert problem == (
        f"{path}:1: the entry 'rossi2020' opened here is not closed: add its "
        "closing '}' after its last field (line 2)"
    )
