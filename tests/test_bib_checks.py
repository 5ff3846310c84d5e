"""BibTeX field checks: a fault names the entry, the field and its line; what
editors legitimately write passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from georeport.bib.checks import check_bibfile, crossref_problems, parse_checked

ENTRY = """@online{{key2024,
  author = {{Anna Rossi}},
  title = {{A Title}},
  {field} = {{{value}}},
  year = {{2024}}
}}
"""


def _problems(tmp_path: Path, field: str, value: str) -> list[str]:
    path = tmp_path / "refs.bib"
    path.write_text(ENTRY.format(field=field, value=value), encoding="utf-8")
    return check_bibfile(path)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", "https://example.org/a%20b?q=50%25"),  # percent-encoding in a URL
        ("doi", "10.1000/a%b"),
        ("note", r"50\% of the vote"),
        ("langid", "russian"),
        ("langid", "pt-BR"),
        ("language", "en_GB"),
        ("langid", "kk"),
    ],
)
def test_what_editors_write_passes(tmp_path: Path, field: str, value: str) -> None:
    assert _problems(tmp_path, field, value) == []


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("note", "50% of the vote", r"'\%'"),
        ("journal", "Oil & gas: 50% down", r"'\%'"),
        ("langid", "%ab", "not a language"),
        ("langid", "english (UK)", "not a language"),
        ("language", "", "not a language"),
    ],
)
def test_a_fault_names_entry_field_and_line(
    tmp_path: Path, field: str, value: str, says: str
) -> None:
    problems = _problems(tmp_path, field, value)
    line = 4
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{tmp_path / 'refs.bib'}:{line}: ")
    assert f"'{field}' of entry 'key2024'" in problems[0]
    assert says in problems[0]


# -- DOIs of cited works ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "10.1000/182",
        "doi:10.5281/zenodo.1",  # DataCite
        "https://doi.org/10.1000/182",
        # Crossref's own, from before its recommended character set
        "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
        "10.1000.10/123",  # a sub-prefix
    ],
)
def test_a_cited_works_doi_of_any_agency_passes(tmp_path: Path, value: str) -> None:
    assert _problems(tmp_path, "doi", value) == []


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("10.1000/ 182 x", "white space"),
        ("182", "is not a DOI"),
        ("https://example.org/10.1000/182", "is not a DOI"),
        ("10.abc/182", "is not a DOI"),
    ],
)
def test_a_malformed_doi_is_named_at_its_line(
    tmp_path: Path, value: str, says: str
) -> None:
    (problem,) = _problems(tmp_path, "doi", value)
    assert problem.startswith(f"{tmp_path / 'refs.bib'}:4: the field 'doi' of entry ")
    assert "'key2024'" in problem and says in problem
    assert "doi = {10.1000/182}" in problem  # the fix


# -- Keys, bytes, files ---------------------------------------------------------------


def _file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "refs.bib"
    path.write_bytes(text.encode(encoding))
    return path


def _line(text: str, at: str) -> int:
    assert text.count(at) == 1, at
    return text[: text.index(at)].count("\n") + 1


OTHER = "@book{{{key},\n  title = {{Another}},\n  year = {{2021}}\n}}\n"


def test_keys_equal_but_for_case_are_named_at_both_lines(tmp_path: Path) -> None:
    text = ENTRY.format(field="note", value="x") + "\n" + OTHER.format(key="KEY2024")
    (problem,) = check_bibfile(_file(tmp_path, text))
    first, second = _line(text, "{key2024,"), _line(text, "{KEY2024,")
    assert problem.startswith(f"{tmp_path / 'refs.bib'}:{second}: ")
    assert f"'KEY2024' differs only in case from 'key2024' on line {first}" in problem
    assert "rename one" in problem


def test_a_byte_of_another_encoding_is_named_at_its_line_and_column(
    tmp_path: Path,
) -> None:
    text = "".join(OTHER.format(key=f"pad{n}") + "\n" for n in range(8))
    text += "@misc{aktau,\n  title = {Akta\u00f9 port}\n}\n"
    path = tmp_path / "refs.bib"
    path.write_bytes(text.encode("latin-1"))
    (problem,) = check_bibfile(path)
    line = _line(text, "Akta")
    assert line > 40
    column = text.splitlines()[line - 1].index("\u00f9") + 1
    assert problem.startswith(f"{path}:{line}: the file is not UTF-8 (byte 0xf9 ")
    assert f"column {column})" in problem and "save it as UTF-8" in problem


def test_an_xdata_entry_is_refused_with_the_fix(tmp_path: Path) -> None:
    text = ENTRY.format(field="xdata", value="shared") + "\n"
    text += "@xdata{shared,\n  publisher = {Shared Press}\n}\n"
    problems = check_bibfile(_file(tmp_path, text))
    assert [p.split(": ", 1)[0] for p in problems] == [
        f"{tmp_path / 'refs.bib'}:4",
        f"{tmp_path / 'refs.bib'}:{_line(text, '@xdata')}",
    ]
    assert all("xdata, which georeport does not read" in p for p in problems)
    assert all("crossref = {key}" in p for p in problems)


# -- crossref ------------------------------------------------------------------------


BOOK = "@book{{{key},\n  title = {{The Book}},\n  {field} = {{{value}}}\n}}\n"


def test_a_crossref_to_no_entry_is_named_at_its_line(tmp_path: Path) -> None:
    text = ENTRY.format(field="crossref", value="book2071") + "\n"
    text += BOOK.format(key="book2017", field="year", value="2017")
    (problem,) = check_bibfile(_file(tmp_path, text))
    assert problem.startswith(f"{tmp_path / 'refs.bib'}:4: entry 'key2024' ")
    assert "crossref = {book2071}, and no entry has that key" in problem


def test_a_crossref_may_name_an_entry_of_another_file(tmp_path: Path) -> None:
    """BibTeX reads the files of a document as one database."""
    one = _file(tmp_path, ENTRY.format(field="crossref", value="Book2017"))
    other = tmp_path / "books.bib"
    other.write_text(BOOK.format(key="book2017", field="year", value="2017"), "utf-8")
    files = []
    for path in (one, other):
        problems, data = parse_checked(path)
        assert not problems and data is not None
        files.append((path, data))
    assert crossref_problems(files) == []
    assert "no entry has that key" in crossref_problems(files[:1])[0]


def test_a_circle_of_crossrefs_is_named_once(tmp_path: Path) -> None:
    text = ENTRY.format(field="crossref", value="book2017") + "\n"
    text += BOOK.format(key="book2017", field="crossref", value="KEY2024")
    (problem,) = check_bibfile(_file(tmp_path, text))
    assert problem.startswith(f"{tmp_path / 'refs.bib'}:4: entry 'key2024' ")
    assert "(key2024 -> book2017 -> key2024)" in problem


# -- Syntax: the entry or field at fault, not where pybtex gave up -----------------

#: Two entries, the second starting on line 7.
TWO = """@article{rossi2020,
  author = {Anna Rossi},
  title = {Pipelines and Power},
  year = {2020}
}

@online{petrov2023,
  title = {The Caspian Pipeline},
  year = {2023}
}
"""


@pytest.mark.parametrize(
    ("old", "new", "at", "says"),
    [
        # pybtex: "'}' expected" at the next entry's line
        (
            "{2020}\n}",
            "{2020}\n",
            "@article{rossi2020,",
            "the entry 'rossi2020' opened here is not closed: add its closing '}' "
            "after its last field (line 4)",
        ),
        # the last entry: pybtex says "premature end of file"
        (
            "{2023}\n}",
            "{2023},",
            "@online{petrov2023,",
            "the entry 'petrov2023' opened here is not closed: add its closing '}'",
        ),
        # pybtex reads on; BibTeX stops ("I was expecting a `,'")
        (
            "{rossi2020,",
            "{rossi2020",
            "@article{rossi2020",
            "a comma is missing after the key 'rossi2020' of this entry: write "
            "@article{rossi2020,",
        ),
        ("{rossi2020,", "{rossi 2020,", "@article{rossi 2020,", "holds a space"),
        # pybtex: "unbalanced braces" five lines below
        (
            "  year = {2020}",
            '  note = "draft,\n  year = {2020}',
            "note =",
            "the field 'note' of entry 'rossi2020' opens a quote it does not close",
        ),
        (
            "title = {Pipelines",
            "title {Pipelines",
            "title {",
            "has no '=' before its value: write title = {Pipelines and Power},",
        ),
        # pybtex: "undefined string"
        (
            "  year = {2020}",
            "  publisher = @Energy Press,\n  year = {2020}",
            "publisher =",
            "is not in braces: write publisher = {@Energy Press},",
        ),
    ],
)
def test_a_syntax_fault_is_named_where_it_is(
    tmp_path: Path, old: str, new: str, at: str, says: str
) -> None:
    assert TWO.count(old) == 1, old
    text = TWO.replace(old, new)
    (problem,) = check_bibfile(_file(tmp_path, text))
    assert problem.startswith(f"{tmp_path / 'refs.bib'}:{_line(text, at)}: "), problem
    assert says in problem, problem


def test_an_at_sign_starting_a_line_inside_braces_is_no_entry(tmp_path: Path) -> None:
    """Only an entry's ``@type{`` starts an entry: a value may hold ``@``."""
    text = TWO.replace(
        "  year = {2020}", "  note = {Follow\n@energy on X},\n  year = {2020}"
    )
    assert check_bibfile(_file(tmp_path, text)) == []
