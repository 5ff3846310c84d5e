"""BibTeX field checks: a fault names the entry, the field and its line; what
editors legitimately write passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from georeport.bib.checks import check_bibfile

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
