"""The guide's references are written from the code and kept current.

``guide/configuration.md`` lists every setting of the one declaration,
``guide/warnings.md`` every subtype of the one enumeration; a declaration
changed without running ``python -m tools.reference`` fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from georeport.project import OTHER_SETTINGS, SETTINGS
from georeport.sphinxext.warnings_ import BibtexWarning, GeoreportWarning
from tools import reference


def test_the_checked_in_references_are_current() -> None:
    for name, write in reference.PAGES.items():
        text = (reference.GUIDE / name).read_text(encoding="utf-8")
        assert text == write(), f"guide/{name} is stale: python -m tools.reference"


def _headings(name: str) -> list[str]:
    text = (reference.GUIDE / name).read_text(encoding="utf-8")
    return re.findall(r"^### `([^`]+)`$", text, re.MULTILINE)


def test_every_setting_is_in_the_configuration_reference() -> None:
    documented = [s.name for s in OTHER_SETTINGS if s.doc]
    assert _headings("configuration.md") == [s.name for s in SETTINGS] + documented
    assert all(s.doc for s in SETTINGS)


def test_every_warning_is_in_the_warnings_reference() -> None:
    expected = [f"georeport.{w.value}" for w in GeoreportWarning]
    expected += [f"bibtex.{w.value}" for w in BibtexWarning]
    assert _headings("warnings.md") == expected


def test_check_says_when_a_page_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in reference.PAGES:
        (tmp_path / name).write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(reference, "GUIDE", tmp_path)
    assert reference.main(["--check"]) == 1
    assert reference.main([]) == 0
    assert reference.main(["--check"]) == 0
