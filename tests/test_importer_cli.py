"""``georeport import`` through ``main(argv)``: files written, refused, previewed."""

from __future__ import annotations

import re
import runpy
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from georeport.cli import main

REPORT = """\
A short report

Geopolitical Report ISSN 2785-2598 Volume 2 Issue 3
Author: Ani Mejlumyan

A paragraph that cites a source.[1]

[1] Kazakhstan (2021) Freedom House. Retrieved from: https://freedomhouse.org/kz
"""
BIB = "% kept as it is\n@misc{other,\n  title = {Other}\n}\n"


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, Path]:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    bib = tmp_path / "references.bib"
    bib.write_text(BIB, encoding="utf-8")
    docs = tmp_path / "docs" / "reports"
    return {"report": report, "bib": bib, "docs": docs, "md": docs / "2-3-report.md"}


def _run(paths: dict[str, Path], *options: str) -> int:
    argv = ["import", str(paths["report"]), "--docs", str(paths["docs"])]
    return main([*argv, "--bib", str(paths["bib"]), *options])


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_writes_the_report_and_adds_to_the_bibliography(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(paths) == 0
    assert "{footcite}`kazakhstan2021`" in paths["md"].read_text(encoding="utf-8")
    bib = paths["bib"].read_text(encoding="utf-8")
    assert bib.startswith(BIB + "\n@online{kazakhstan2021,\n")
    out, err = capsys.readouterr()
    assert "added 1 entries" in out
    assert 'no date in the header: add date: "YYYY-MM"' in err
    assert [p.name for p in paths["docs"].iterdir()] == ["2-3-report.md"]


def test_an_existing_report_is_not_overwritten_without_force(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    paths["docs"].mkdir(parents=True)
    paths["md"].write_text("mine", encoding="utf-8")
    before = _files(paths["report"].parent)
    assert _run(paths) == 1
    assert _files(paths["report"].parent) == before
    assert capsys.readouterr().err == (
        f"georeport: error: {paths['md']}: exists already. "
        "Fix: pass --force to overwrite it.\n"
    )
    assert _run(paths, "--force") == 0
    assert paths["md"].read_text(encoding="utf-8") != "mine"


def test_a_second_import_adds_nothing(paths: dict[str, Path]) -> None:
    assert _run(paths) == 0
    first = _files(paths["report"].parent)
    assert _run(paths, "--force") == 0
    assert _files(paths["report"].parent) == first


def test_dry_run_prints_and_writes_nothing(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(paths["report"].parent)
    assert _run(paths, "--dry-run") == 0
    assert _files(paths["report"].parent) == before
    out = capsys.readouterr().out
    assert f"==> would write {paths['md']} <==\n---\ntitle: A short report" in out
    assert "==> would add 1 entries" in out and "@online{kazakhstan2021," in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            REPORT.encode("utf-8") + b"caf\xe9\n",
            r"report.txt:9: not UTF-8 \(byte 0xe9\)",
        ),
        (REPORT.replace("[1] Kazakhstan", "Kazakhstan").encode(), r"no footnotes"),
    ],
)
def test_user_errors_exit_1_with_one_line_and_no_traceback(
    paths: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    paths["report"].write_bytes(content)
    assert _run(paths) == 1
    err = capsys.readouterr().err
    assert err.startswith("georeport: error: ") and err.count("\n") == 1
    assert "Fix: " in err
    assert re.search(message, err), err


def test_a_missing_report_file(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    paths["report"].unlink()
    assert _run(paths) == 1
    assert "report.txt: cannot read it (No such file or directory)" in (
        capsys.readouterr().err
    )


def test_python_m_georeport_runs_the_same_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["georeport", "import", "--help"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("georeport", run_name="__main__")
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "--docs" in out and "--dry-run" in out


def test_the_console_script_is_main() -> None:
    (script,) = entry_points(group="console_scripts", name="georeport")
    assert script.value == "georeport.cli:main"
