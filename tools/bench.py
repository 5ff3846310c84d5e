"""How fast the editions build, measured against plain Sphinx (issue #7).

``python -m tools.bench`` (``./noxw -s bench``) builds, each in a fresh
work folder under ``build/bench/work``:

* the repository's own reports (a copy of ``docs/`` and its bibliography),
* for each ``--reports N``, a generated archive of N reports
  (:mod:`tools.archive`: the real reports copied as other volumes and
  issues, each with its own citation keys),
* for each ``--uncited N``, the repository's reports with N more entries in
  their bibliography that no report cites (a journal's whole archive of
  sources: :func:`tools.archive.add_uncited`), with two more steps: an
  uncited entry added, and one edited (issue #13: neither may read a report
  again nor typeset a PDF),

both through ``georeport.editions`` and as a plain ``sphinx-build`` of the
same sources (myst-parser, sphinxcontrib-bibtex and furo without georeport:
:func:`tools.archive.make_baseline`). Each step runs in a child process
whose wall time and peak memory (``getrusage`` of its children) are taken;
the table shows the median of ``--runs`` runs and the ratio georeport /
plain Sphinx. Results go to ``build/bench/bench-<time>.json`` and
``build/bench/latest.json``.

It also times ``./noxw`` with nothing to build, on the repository itself
(``--no-noxw`` leaves it out), and prints each target of issues #7, #13 and
#17 as met or not.

The PDF steps typeset every report of a project, which takes seconds per
report: they run for projects of at most ``--pdf-upto`` reports (the
repository's own by default). Other processes on the machine change the
numbers: the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.archive import (
    add_cjk_source,
    add_uncited,
    copy_project,
    edit_report,
    make_archive,
    make_baseline,
    read_project,
    uncited_entry,
)

#: Runs one command, its output to a log file; prints wall time, exit status
#: and the peak resident memory of the command and its children, as JSON.
_MEASURE = """
import json, os, resource, signal, subprocess, sys, time
log, timeout, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
with open(log, "ab") as out:
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        code = child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        code = None
    seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "returncode": code, "peak_kib": peak}))
"""

#: Steps, in the order of the table: (key, label).
STEPS = (
    ("html_clean", "clean HTML build"),
    ("html_clean_per_report", "  per report"),
    ("html_nochange", "no-change HTML rebuild"),
    ("html_edit", "HTML rebuild after editing one report"),
    ("html_clean_parallel", "clean HTML build, sphinx -j auto"),
    ("html_add_uncited", "HTML rebuild after adding an uncited entry"),
    ("html_edit_uncited", "HTML rebuild after editing an uncited entry"),
    ("pdf_clean", "clean PDF edition (every report)"),
    ("pdf_clean_per_report", "  per report"),
    ("pdf_nochange", "no-change PDF rebuild"),
    ("pdf_edit", "PDF rebuild after editing one report"),
    ("all_nochange", "no-change rebuild of both editions"),
    ("pdf_passes_clean", "LaTeX passes per report, clean"),
    ("pdf_passes_nochange", "LaTeX passes, no-change rebuild"),
    ("pdf_passes_edit", "LaTeX passes, after editing one report"),
    ("peak_mib", "peak memory of a step (MiB)"),
)
_COUNTS = {"pdf_passes_clean", "pdf_passes_nochange", "pdf_passes_edit", "peak_mib"}


@dataclass
class Step:
    seconds: float | None
    peak_kib: int
    log: str


@dataclass
class Runner:
    """Runs and measures commands, keeping each one's log."""

    logs: Path
    timeout: float
    counter: int = 0

    def __call__(self, name: str, command: Sequence[str]) -> Step:
        self.counter += 1
        log = self.logs / f"{self.counter:03d}-{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"$ {shlex.join(command)}\n", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(log), str(self.timeout), *command],
            check=True,
            capture_output=True,
            text=True,
        )
        measured = json.loads(result.stdout)
        text = log.read_text(encoding="utf-8", errors="replace")
        if measured["returncode"] is None:
            print(f"    {name}: stopped after {self.timeout:.0f} s (see {log})")
            return Step(None, measured["peak_kib"], text)
        if measured["returncode"]:
            msg = f"{name} failed (exit {measured['returncode']}): see {log}"
            raise RuntimeError(msg)
        print(f"    {name}: {measured['seconds']:.2f} s")
        return Step(measured["seconds"], measured["peak_kib"], text)


def _editions(edition: str, source: Path, build: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "georeport.editions", edition]
    return [*command, str(source), str(build), *extra]


def _sphinx(builder: str, source: Path, build: Path) -> list[str]:
    """Plain sphinx-build, as its Makefile runs it (``-M``: doctrees beside)."""
    command = [sys.executable, "-m", "sphinx", "-M", builder, str(source)]
    return [*command, str(build), "-n", "--keep-going", "-q"]


def _passes(log: str, reports: int) -> float:
    """LaTeX passes per report that latexmk ran, read from its messages (or
    from georeport.editions's summary of them)."""
    own = re.findall(r"(\d+) LaTeX pass\(es\)", log)
    if own:
        return sum(int(n) for n in own) / reports
    rule = r"^(?:Latexmk: )?Run number \d+ of rule '(?:pdf|xe|lua)?latex"
    runs = re.findall(rule, log, re.M)
    return len(runs) / reports


@dataclass
class Variant:
    """One way of building a project: georeport's editions or plain Sphinx."""

    name: str
    source: Path
    build: Path
    html: Callable[..., list[str]]
    pdf: Callable[..., list[str]]
    both: Callable[..., list[str]]
    parallel: Callable[..., list[str]] | None = None
    results: list[dict[str, float | None]] = field(default_factory=list)


def _uncited_steps(variant: Variant, step: Callable[..., Step]) -> None:
    """An uncited entry added to the bibliography, then one edited.

    Both variants share the bibliography: the number of the added entry comes
    from what earlier steps added, so that no key is added twice.
    """
    bibfile = read_project(variant.source).bibfiles[0]
    number = 1_000_000 + bibfile.read_text(encoding="utf-8").count("-added-")
    added = uncited_entry(number).replace(f"-{number},", f"-added-{number},", 1)
    with bibfile.open("a", encoding="utf-8") as out:
        out.write(f"\n{added}")
    step("html_add_uncited", variant.html())
    # a real edit on every run: the title is revised, or revised back
    text = bibfile.read_text(encoding="utf-8")
    first, revised = ": case 1}", ": case 1, revised}"
    edited = (
        text.replace(revised, first, 1)
        if revised in text
        else text.replace(first, revised, 1)
    )
    assert edited != text, "the first uncited entry is not in the bibliography"
    bibfile.write_text(edited, encoding="utf-8")
    step("html_edit_uncited", variant.html())


def _one_run(
    variant: Variant,
    run: Runner,
    reports: int,
    with_pdf: bool,
    edit: Path,
    uncited: int = 0,
) -> dict[str, float | None]:
    """Every step once, from an empty build folder."""
    found: dict[str, float | None] = {}
    peaks: list[int] = []

    def step(key: str, command: Sequence[str]) -> Step:
        done = run(f"{variant.name}-{key}", command)
        found[key] = done.seconds
        peaks.append(done.peak_kib)
        return done

    shutil.rmtree(variant.build, ignore_errors=True)
    step("html_clean", variant.html())
    clean = found["html_clean"]
    found["html_clean_per_report"] = None if clean is None else clean / reports
    step("html_nochange", variant.html())
    edit_report(edit, 1)
    step("html_edit", variant.html())
    if uncited:
        _uncited_steps(variant, step)
    if variant.parallel is not None:
        other = variant.build.with_name(variant.build.name + "-parallel")
        shutil.rmtree(other, ignore_errors=True)
        step("html_clean_parallel", variant.parallel(other))
        shutil.rmtree(other, ignore_errors=True)
    if with_pdf:
        done = step("pdf_clean", variant.pdf())
        clean = found["pdf_clean"]
        found["pdf_clean_per_report"] = None if clean is None else clean / reports
        found["pdf_passes_clean"] = _passes(done.log, reports)
        done = step("pdf_nochange", variant.pdf())
        found["pdf_passes_nochange"] = _passes(done.log, 1)
        edit_report(edit, 2)
        done = step("pdf_edit", variant.pdf())
        found["pdf_passes_edit"] = _passes(done.log, 1)
        run(f"{variant.name}-all_update", variant.both())  # the HTML catches up
        step("all_nochange", variant.both())
    found["peak_mib"] = max(peaks) / 1024
    return found


def _variants(source: Path, baseline: Path, build: Path) -> list[Variant]:
    geo_build, plain_build = build / "georeport", build / "plain"
    plain_html = _sphinx("html", baseline, plain_build)
    plain_pdf = _sphinx("latexpdf", baseline, plain_build)
    return [
        Variant(
            "georeport",
            source,
            geo_build,
            html=lambda: _editions("html", source, geo_build),
            pdf=lambda: _editions("pdf", source, geo_build),
            both=lambda: _editions("all", source, geo_build),
            parallel=lambda other: _editions("html", source, other, "-j", "auto"),
        ),
        Variant(
            "plain",
            baseline,
            plain_build,
            html=lambda: plain_html,
            pdf=lambda: plain_pdf,
            both=lambda: [
                "sh",
                "-c",
                f"{shlex.join(plain_pdf)} && {shlex.join(plain_html)}",
            ],
        ),
    ]


def _median(values: list[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return (
        statistics.median(numbers) if numbers and len(numbers) == len(values) else None
    )


def bench_project(
    label: str,
    source: Path,
    work: Path,
    reports: int,
    runs: int,
    with_pdf: bool,
    timeout: float,
    *,
    with_plain: bool = True,
    with_parallel: bool = True,
    uncited: int = 0,
) -> dict:
    """Measure one project (``source`` is its georeport copy under ``work``)."""
    baseline = make_baseline(source, source.parent / "baseline")
    variants = _variants(source, baseline, work / "build")[: 2 if with_plain else 1]
    if not with_parallel:
        variants[0].parallel = None
    edited = sorted((source / "reports").glob("*.md"))[reports // 2].name
    run = Runner(work / "logs", timeout)
    for number in range(1, runs + 1):
        for variant in variants:
            print(f"  {label}, run {number}/{runs}: {variant.name}")
            edit = variant.source / "reports" / edited
            variant.results.append(
                _one_run(variant, run, reports, with_pdf, edit, uncited)
            )
    runs_of: dict[str, list[dict[str, float | None]]] = {
        "georeport": [],
        "plain": [],
    } | {v.name: v.results for v in variants}
    medians = {
        name: {key: _median([r.get(key) for r in found]) for key, _ in STEPS}
        for name, found in runs_of.items()
    }
    return {
        "label": label,
        "reports": reports,
        "runs": runs_of,
        "median": medians,
    }


def _cell(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in _COUNTS:
        return f"{value:.0f}" if key == "peak_mib" else f"{value:g}"
    return f"{value:.2f} s"


def table(result: dict) -> str:
    """A Markdown table of one project's medians."""
    geo, plain = result["median"]["georeport"], result["median"]["plain"]
    lines = [
        f"{result['label']} ({result['reports']} report(s), median of "
        f"{len(result['runs']['georeport'])} run(s))",
        "",
        "| step | georeport | plain Sphinx | ratio |",
        "|---|---:|---:|---:|",
    ]
    for key, label in STEPS:
        if geo.get(key) is None and plain.get(key) is None:
            continue
        a, b = geo.get(key), plain.get(key)
        ratio = f"{a / b:.2f}" if a is not None and b and key not in _COUNTS else ""
        lines.append(f"| {label} | {_cell(key, a)} | {_cell(key, b)} | {ratio} |")
    return "\n".join(lines)


def targets(results: list[dict]) -> list[str]:
    """Issue #7's targets, as measured."""
    lines = []
    repo = results[0]["median"]
    geo, plain = repo["georeport"], repo["plain"]
    if geo["html_clean"] and plain["html_clean"]:
        ratio = geo["html_clean"] / plain["html_clean"]
        lines.append(
            f"clean HTML build of the repository's reports: {ratio:.2f} x plain "
            f"Sphinx (target <= 1.3): {'met' if ratio <= 1.3 else 'NOT met'}"
        )
    if geo.get("all_nochange") is not None:
        seconds = geo["all_nochange"]
        lines.append(
            f"no-change rebuild of both editions: {seconds:.2f} s (target <= 2 s): "
            f"{'met' if seconds <= 2 else 'NOT met'}"
        )
    archives = [
        r
        for r in results[1:]
        if r["label"].startswith("archive") and r["median"]["georeport"]["html_clean"]
    ]
    if len(archives) >= 2:
        small, large = archives[0], archives[-1]
        a = small["median"]["georeport"]["html_clean_per_report"]
        b = large["median"]["georeport"]["html_clean_per_report"]
        lines.append(
            f"HTML time per report: {a:.2f} s at N={small['reports']}, {b:.2f} s "
            f"at N={large['reports']} (target: no more): "
            f"{'met' if b <= a else 'NOT met'}"
        )
    lines += _uncited_targets(results)
    lines += _cjk_targets(results)
    lines += _loop_targets(results)
    for result in results:
        g, p = result["median"]["georeport"], result["median"]["plain"]
        if g.get("pdf_passes_clean") is not None:
            plain = p.get("pdf_passes_clean")
            lines.append(
                f"{result['label']}: LaTeX passes per report, clean "
                f"{g['pdf_passes_clean']:g} (plain Sphinx's latexmk: "
                f"{'-' if plain is None else f'{plain:g}'}), no change "
                f"{g['pdf_passes_nochange']:g}, one report edited "
                f"{g['pdf_passes_edit']:g}"
            )
    return lines


def _loop_targets(results: list[dict]) -> list[str]:
    """Issue #17's targets: the editor's loop, and the PDF against plain Sphinx."""
    lines = []
    geo, plain = results[0]["median"]["georeport"], results[0]["median"]["plain"]
    for key, what in (("pdf_clean", "clean PDF"), ("pdf_edit", "PDF after an edit")):
        if geo.get(key) and plain.get(key):
            ratio = geo[key] / plain[key]
            lines.append(
                f"{what} of the repository's reports: {ratio:.2f} x plain Sphinx "
                f"(target <= 1.0): {'met' if ratio <= 1.0 else 'NOT met'}"
            )
    archives = [
        r
        for r in results[1:]
        if r["label"].startswith("archive")
        and r["median"]["georeport"].get("html_edit") is not None
    ]
    if archives:
        large = max(archives, key=lambda r: r["reports"])
        small = min(archives, key=lambda r: r["reports"])
        edit = large["median"]["georeport"]["html_edit"]
        base = small["median"]["georeport"]["html_edit"]
        met = edit <= 1.2 and edit <= 1.2 * base
        lines.append(
            f"HTML after editing one report at N={large['reports']}: {edit:.2f} s, "
            f"{base:.2f} s at N={small['reports']} (target <= 1.2 s and <= 1.2 x "
            f"it): {'met' if met else 'NOT met'}"
        )
    return lines


#: The project whose first report cites a source in Chinese.
CJK_LABEL = "repository, one source in Chinese"


def _cjk_targets(results: list[dict]) -> list[str]:
    """Issue 25's target: the CJK fonts cost a report that cites Chinese at
    most half its PDF's time again."""
    repo = results[0]["median"]["georeport"].get("pdf_clean")
    found = [r for r in results if r["label"] == CJK_LABEL]
    cjk = found[0]["median"]["georeport"].get("pdf_clean") if found else None
    if not repo or not cjk:
        return []
    ratio = cjk / repo
    return [
        f"PDF of a report citing a source in Chinese: {cjk:.2f} s, {ratio:.2f} x "
        f"the repository's {repo:.2f} s (target <= 1.5): "
        f"{'met' if ratio <= 1.5 else 'NOT met'}"
    ]


def _uncited_targets(results: list[dict]) -> list[str]:
    """Issue #13's targets: uncited entries cost little against the repository."""
    lines = []
    repo = results[0]["median"]["georeport"]
    for result in results[1:]:
        if "uncited" not in result["label"]:
            continue
        geo = result["median"]["georeport"]
        for key, limit, says in (
            ("html_clean", lambda base: base * 1.2, "<= 1.2 x"),
            ("html_nochange", lambda base: base + 1, "<= 1 s more than"),
        ):
            if geo.get(key) is None or repo.get(key) is None:
                continue
            met = geo[key] <= limit(repo[key])
            lines.append(
                f"{result['label']}: {key} {geo[key]:.2f} s, the repository's "
                f"{repo[key]:.2f} s (target {says} it): {'met' if met else 'NOT met'}"
            )
    return lines


def noxw_nochange(runs: int, timeout: float) -> float | None:
    """``./noxw`` (the README's build command, on the repository itself) when
    nothing changed: once to bring the editions up to date, then the median
    of ``runs`` timed runs; None when it fails."""
    root = Path(__file__).resolve().parent.parent
    times = []
    for number in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(
            ["./noxw"], cwd=root, capture_output=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            return None
        if number:  # the first run builds what changed
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


def _compile_georeport() -> None:
    """georeport's modules compiled to bytecode, as Sphinx's and every
    installed package's are: an editable install is not, and where Python
    may not write bytecode itself (``PYTHONDONTWRITEBYTECODE``, set on some
    machines) each run compiled about 70 modules again (0.07 s)."""
    import compileall

    import georeport

    compileall.compile_dir(Path(georeport.__file__).parent, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--source", type=Path, default=Path("docs"))
    parser.add_argument(
        "--reports",
        type=int,
        nargs="*",
        default=[10],
        metavar="N",
        help="sizes of the generated archives (default: 10; e.g. 10 50 200)",
    )
    parser.add_argument(
        "--uncited",
        type=int,
        nargs="*",
        default=[],
        metavar="N",
        help="also the repository's reports with N uncited entries added to "
        "their bibliography (e.g. 20000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per project")
    parser.add_argument(
        "--pdf-upto",
        type=int,
        default=1,
        metavar="N",
        help="measure the PDF steps for projects of at most N reports (default 1)",
    )
    parser.add_argument(
        "--plain-upto",
        type=int,
        default=50,
        metavar="N",
        help="build plain Sphinx for projects of at most N reports (default 50: "
        "sphinxcontrib-bibtex alone grows with the cube of N)",
    )
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds one step may take"
    )
    parser.add_argument(
        "--no-parallel",
        action="store_true",
        help="leave out the clean HTML build with sphinx -j auto",
    )
    parser.add_argument(
        "--no-noxw",
        action="store_true",
        help="leave out ./noxw with nothing changed (it builds the repository's "
        "editions in build/ first)",
    )
    parser.add_argument(
        "--no-cjk",
        action="store_true",
        help="leave out the repository's reports with one source in Chinese "
        "(its PDF loads Noto CJK; issue 25)",
    )
    parser.add_argument("--out", type=Path, default=Path("build/bench"))
    args = parser.parse_args(argv)

    out = args.out.resolve()
    work = out / "work"
    _compile_georeport()
    shutil.rmtree(work, ignore_errors=True)
    started = time.time()
    machine = _machine()
    results = []
    projects = [
        ("repository", None, 0),
        *((f"archive of {n}", n, 0) for n in args.reports),
        *((f"repository, {n} uncited entries", None, n) for n in args.uncited),
        *([] if args.no_cjk else [(CJK_LABEL, None, 0)]),
    ]
    for label, count, uncited in projects:
        folder = work / (
            f"archive-{count}"
            if count
            else f"uncited-{uncited}"
            if uncited
            else "cjk"
            if label == CJK_LABEL
            else "repository"
        )
        if count is None:
            source = copy_project(args.source, folder / "src")
            if uncited:
                add_uncited(read_project(source).bibfiles[0], uncited)
            if label == CJK_LABEL:
                add_cjk_source(source)
        else:
            source = make_archive(args.source, folder / "src", count)
        reports = len(list((source / "reports").glob("*.md")))
        print(f"{label}: {reports} report(s)")
        results.append(
            bench_project(
                label,
                source,
                folder,
                reports,
                args.runs,
                reports <= args.pdf_upto,
                args.timeout,
                # plain Sphinx has no font for Chinese: only the PDF's cost
                with_plain=reports <= args.plain_upto and label != CJK_LABEL,
                with_parallel=not args.no_parallel,
                uncited=uncited,
            )
        )
    noxw = None if args.no_noxw else noxw_nochange(args.runs, args.timeout)
    machine["load_average_after"] = os.getloadavg()
    report: dict[str, Any] = {  # written as JSON
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(
            [
                "python",
                "-m",
                "tools.bench",
                *(sys.argv[1:] if argv is None else argv),
            ]
        ),
        "machine": machine,
        "seconds": round(time.time() - started),
        "projects": results,
        "noxw_nochange": noxw,
        "targets": targets(results)
        + (
            []
            if noxw is None
            else [
                f"./noxw with nothing changed: {noxw:.2f} s (target <= 1 s): "
                f"{'met' if noxw <= 1 else 'NOT met'}"
            ]
        ),
    }
    text = "\n\n".join(table(r) for r in results)
    print(f"\n{text}\n")
    for line in report["targets"]:
        print(line)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    for name in (f"bench-{stamp}.json", "latest.json"):
        (out / name).write_text(json.dumps(report, indent=1), encoding="utf-8")
    (out / "latest.md").write_text(text + "\n", encoding="utf-8")
    print(f"\nResults: {out / 'latest.json'} (and {out / 'latest.md'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
