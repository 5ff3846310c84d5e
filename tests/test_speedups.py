"""The speed-ups are honest: same bytes, loud on an unchecked library, and
tied to the library's signatures.

:mod:`georeport.sphinxext.bibtex.speedups` answers three of
sphinxcontrib-bibtex's look-ups its own way. These tests compare a build with
``georeport_speedups`` on against one with it off (the library's own code),
fail when a replaced method's signature changes in the installed library, and
check that a library version the speed-ups were not checked against is said
as a ``georeport.speedups`` warning, with the version, and switches them off.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version
from pathlib import Path

import pytest
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

from georeport.editions.build import BuildError, build_html
from georeport.sphinxext.bibtex import domain, speedups
from tools.archive import make_archive

from .conftest import ROOTS


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", speedups.REPLACED)
def test_each_replacement_takes_what_the_library_method_takes(name: str) -> None:
    """A new sphinxcontrib-bibtex that changes a replaced method fails here."""
    library = getattr(BibtexDomain, name)
    assert _parameters(getattr(speedups, name)) == _parameters(library)
    assert _parameters(getattr(domain.ReportsBibtexDomain, name)) == _parameters(
        library
    )


def test_every_domain_override_keeps_the_library_signature() -> None:
    overridden = [
        name
        for name, value in vars(domain.ReportsBibtexDomain).items()
        if callable(value) and hasattr(BibtexDomain, name)
    ]
    assert "get_entries" in overridden
    for name in overridden:
        library = getattr(BibtexDomain, name)
        own = getattr(domain.ReportsBibtexDomain, name)
        assert _parameters(own) == _parameters(library), name


def test_the_filter_visitor_is_built_as_the_speedups_build_it() -> None:
    """``get_filtered_entries`` makes sphinxcontrib-bibtex's private visitor
    with these keywords."""
    assert _parameters(_FilterVisitor.__init__) == [
        "self",
        "entry",
        "docname",
        "cited_docnames",
    ]


def test_the_installed_library_is_a_checked_version() -> None:
    """pyproject.toml admits only the versions the speed-ups were checked on."""
    assert version("sphinxcontrib-bibtex").startswith(speedups.CHECKED)
    assert speedups.checked_version() is None


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six reports (each citing its own copies of the sources), so that the
    filters and the sorting see several documents."""
    base = tmp_path_factory.mktemp("speedups")
    return make_archive(ROOTS / "test-second", base / "source", 6)


def test_the_speedups_change_no_byte(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML edition with the speed-ups and with the library's own code."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_html(archive, tmp_path / "on")
    build_html(archive, tmp_path / "off", "-D", "georeport_speedups=0")
    on, off = _tree(tmp_path / "on" / "html"), _tree(tmp_path / "off" / "html")
    assert len([name for name in on if name.endswith(".html")]) > 6
    assert sorted(on) == sorted(off)
    assert [name for name in on if on[name] != off[name]] == []


def test_the_setting_decides_which_code_answers(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off means the library's methods run: count the replacements' calls."""
    calls: list[str] = []
    original = speedups.get_sorted_entries

    def counted(*args: object) -> object:
        calls.append("sorted")
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(speedups, "get_sorted_entries", counted)
    build_html(archive, tmp_path / "off", "-D", "georeport_speedups=0")
    assert calls == []
    build_html(archive, tmp_path / "on")
    assert calls  # one per References list


def test_an_unchecked_library_version_is_a_named_warning(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sphinxcontrib-bibtex the speed-ups were not checked against: the
    strict build fails on a warning that names the version and the way out."""
    monkeypatch.setattr(speedups, "CHECKED", ("0.1",))
    with pytest.raises(BuildError) as failed:
        build_html(archive, tmp_path / "strict")
    message = str(failed.value)
    assert version("sphinxcontrib-bibtex") in message
    assert "georeport_speedups" in message
    # the warning's subtype silences it; the build then uses the library's code
    calls: list[str] = []
    monkeypatch.setattr(
        speedups, "get_filtered_entries", lambda *a: calls.append("x") or []
    )
    build_html(
        archive, tmp_path / "quiet", "-D", "suppress_warnings=georeport.speedups"
    )
    assert calls == []
    assert (tmp_path / "quiet" / "html" / "reports" / "100-1-caspian.html").is_file()


def test_citations_are_saved_empty_and_made_again(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sphinxcontrib-bibtex's formatted citations are not saved with the
    environment; a rebuild that loads it (one report edited) writes the same
    pages as a clean build of the edited sources."""
    import pickle
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = tmp_path / "source"
    shutil.copytree(archive.parent, source)
    docs = source / archive.name
    build_html(docs, tmp_path / "incremental")
    environment = tmp_path / "incremental" / "doctrees" / "html"
    with (environment / "environment.pickle").open("rb") as stream:
        saved = pickle.load(stream)
    cite = saved.domaindata["cite"]
    assert cite["citations"] == []
    assert cite["citation_refs"], "the citations' sources are still saved"

    report = sorted((docs / "reports").glob("*.md"))[2]
    report.write_text(
        report.read_text(encoding="utf-8") + "\nOne more paragraph.\n",
        encoding="utf-8",
    )
    build_html(docs, tmp_path / "incremental")
    build_html(docs, tmp_path / "clean")
    again = _tree(tmp_path / "incremental" / "html")
    clean = _tree(tmp_path / "clean" / "html")
    assert sorted(again) == sorted(clean)
    differ = [name for name in clean if clean[name] != again[name]]
    # Sphinx keeps emptied words in an incremental search index (ARCHITECTURE)
    assert differ in ([], ["searchindex.js"])
    page = f"reports/{report.stem}.html"
    assert "One more paragraph." in again[page].decode()
    assert again[page] == clean[page]
