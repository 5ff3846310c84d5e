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
    return {
        "report": report,
        "bib": bib,
        "docs": docs,
        "md": docs / "2-3-report-short.md",
    }


def _run(paths: dict[str, Path], *options: str) -> int:
    argv = ["import", str(paths["report"]), "--docs", str(paths["docs"])]
    return main([*argv, "--bib", str(paths["bib"]), *options])


def _files(folder: Path) -> dict[str, bytes]:
    """The project's files, the import's review pages (build/import/) aside."""
    return {
        str(p): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "build" not in p.relative_to(folder).parts
    }


def test_import_writes_the_report_and_adds_to_the_bibliography(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(paths) == 0
    assert "{footcite}`kazakhstan2021`" in paths["md"].read_text(encoding="utf-8")
    bib = paths["bib"].read_text(encoding="utf-8")
    assert bib.startswith(BIB + "\n@online{kazakhstan2021,\n")
    out, err = capsys.readouterr()
    assert out == f"wrote {paths['md']}; added 1 entry to {paths['bib']}\n"
    assert 'no date in the header: add date: "YYYY-MM"' in err
    assert [p.name for p in paths["docs"].iterdir()] == ["2-3-report-short.md"]


def test_the_same_report_is_replaced_only_with_force(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(paths) == 0
    paths["md"].write_text(
        paths["md"].read_text(encoding="utf-8") + "An editor's line.\n", "utf-8"
    )
    before = _files(paths["report"].parent)
    assert _run(paths) == 1
    assert _files(paths["report"].parent) == before
    assert capsys.readouterr().err.endswith(
        f"georeport: error: {paths['md']}: holds this report already ('A short "
        "report', volume 2, issue 3). Fix: pass --force to replace it with the "
        "import.\n"
    )
    assert _run(paths, "--force") == 0
    assert "An editor's line." not in paths["md"].read_text(encoding="utf-8")


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize(
    ("held", "described"),
    [
        ("mine", "no front matter that names a report"),
        (
            "---\ntitle: A short report\nvolume: 2\nissue: 4\n---\n",
            "'A short report', volume 2, issue 4",
        ),
        (
            "---\ntitle: Another report\nvolume: 2\nissue: 3\n---\n",
            "'Another report', volume 2, issue 3",
        ),
    ],
)
def test_a_file_holding_another_report_is_never_replaced(
    paths: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    force: list[str],
    held: str,
    described: str,
) -> None:
    paths["docs"].mkdir(parents=True)
    paths["md"].write_text(held, encoding="utf-8")
    before = _files(paths["report"].parent)
    assert _run(paths, *force) == 1
    assert _files(paths["report"].parent) == before
    assert capsys.readouterr().err == (
        f"georeport: error: {paths['md']}: holds another report ({described}), "
        "not 'A short report', volume 2, issue 3; it is never replaced. "
        "Fix: give the import another file name with --slug NAME.\n"
    )
    assert _run(paths, *force, "--slug", "2-3-short") == 0
    assert paths["md"].read_text(encoding="utf-8") == held
    assert (
        (paths["docs"] / "2-3-short.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntitle: A short report\n")
    )


def test_the_same_report_under_another_name_is_found(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing again replaces the report's file, whatever its name."""
    assert _run(paths, "--slug", "2-3-mine") == 0
    assert _run(paths) == 1
    assert "2-3-mine.md: holds this report already" in capsys.readouterr().err
    assert _run(paths, "--force") == 0
    assert [p.name for p in paths["docs"].iterdir()] == ["2-3-mine.md"]


def test_date_is_written_to_the_front_matter(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(paths, "--date", "2022-01-31") == 0
    assert '\ndate: "2022-01-31"\n' in paths["md"].read_text(encoding="utf-8")
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            ["--date", "2022-13"],
            "--date: '2022-13' is no date of the calendar. Fix: write it as "
            "YYYY-MM or YYYY-MM-DD, e.g. --date 2022-01.",
        ),
        (["--date", "January 2022"], "--date: 'January 2022' is no date"),
        (["--slug", "../evil"], "--slug: '../evil' cannot name a report's file"),
        (["--slug", "Kazakhstan"], "--slug: 'Kazakhstan' cannot name"),
    ],
)
def test_bad_options_are_one_error_line(
    paths: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    option: list[str],
    message: str,
) -> None:
    assert _run(paths, *option) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"georeport: error: {message}") and err.count("\n") == 1
    assert not paths["docs"].exists()


def test_several_reports_end_with_a_table(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    second = paths["report"].with_name("second.txt")
    second.write_text(
        REPORT.replace("A short report", "Kazakhstan and the CSTO")
        .replace("Issue 3", "Issue 4")
        .replace("a source.[1]", "a source.[1] And again.[2]")
        + "[2] Ibid.\n",
        encoding="utf-8",
    )
    argv = ["import", str(paths["report"]), str(second), "--date", "2022-02"]
    argv += ["--docs", str(paths["docs"]), "--bib", str(paths["bib"])]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        f"wrote {paths['md']}; added 1 entry to {paths['bib']}",
        f"wrote {paths['docs'] / '2-4-csto-kazakhstan.md'}; added 0 entries to "
        f"{paths['bib']} (1 already there)",
    ]
    table = [line.split() for line in out[2:]]
    assert table == [
        ["report", "footnotes", "new", "entries", "reused", "warnings"],
        ["-" * len(w) for w in out[3].split()],
        ["2-3-report-short.md", "1", "1", "0", "0"],
        ["2-4-csto-kazakhstan.md", "2", "0", "1", "0"],
        ["-" * len(w) for w in out[3].split()],
        ["2", "reports", "3", "1", "1", "0"],
    ]
    bib = paths["bib"].read_text(encoding="utf-8")
    assert bib.count("@online{kazakhstan2021,") == 1


def test_slug_names_one_report_only(
    paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["import", str(paths["report"]), str(paths["report"]), "--slug", "x"]
    assert main([*argv, "--docs", str(paths["docs"])]) == 1
    assert "--slug names one report's file" in capsys.readouterr().err


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
    (page,) = (paths["report"].parent / "build" / "import").iterdir()
    assert page.name == "2-3-report-short.html"  # the review page, and nothing else
    out = capsys.readouterr().out
    assert f"==> would write {paths['md']} <==\n---\ntitle: A short report" in out
    assert "==> would add 1 entry" in out and "@online{kazakhstan2021," in out


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
