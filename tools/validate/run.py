"""Validate the HTML edition with the Nu Html Checker and axe-core.

    python tools/validate/run.py [BUILD/html]

Runs, on every page of the built HTML edition (default ``build/html``):

* the Nu Html Checker (npm ``vnu-jar``, run with the machine's Java) with
  ``--errors-only``, less the known messages of ``vnu-filters.txt``;
* ``axe.mjs``: axe-core in Debian's headless Chromium on the pages served
  from 127.0.0.1 (see that file for what fails).

The npm packages must be installed first (``npm ci`` in this folder, which
``./noxw -s validate`` does); nothing here downloads anything. Exits 1 when a
validator reports a problem, 2 when a tool is missing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = HERE / "axe.mjs"
FILTERS = HERE / "vnu-filters.txt"


def _missing_tools() -> list[str]:
    missing = [tool for tool in ("java", "node") if shutil.which(tool) is None]
    if not VNU.is_file() or not (HERE / "node_modules" / "axe-core").is_dir():
        missing.append(f"the npm packages (run 'npm ci' in {HERE})")
    return missing


def vnu(html: Path) -> bool:
    """The Nu Html Checker, errors only; True when it finds none."""
    command = ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html"]
    command += ["--filterfile", str(FILTERS), str(html)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    for line in errors:
        print(f"vnu: {line}", file=sys.stderr)
    pages = sum(1 for _ in html.rglob("*.html"))
    print(f"Nu Html Checker: {pages} page(s), {len(errors)} error(s)")
    return result.returncode == 0 and not errors


def axe(html: Path) -> bool:
    """axe-core in headless Chromium; True when nothing serious is found."""
    result = subprocess.run(["node", str(AXE), str(html)], cwd=HERE, check=False)
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="?", default="build/html", type=Path)
    args = parser.parse_args(argv)
    html = args.html.resolve()
    if not (html / "index.html").is_file():
        print(f"validate: no HTML edition in {html}: build it first", file=sys.stderr)
        return 2
    missing = _missing_tools()
    if missing:
        print(f"validate: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    passed = {"Nu Html Checker": vnu(html), "axe-core": axe(html)}
    failed = [name for name, ok in passed.items() if not ok]
    if failed:
        print(f"validate: FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("validate: the HTML edition passes the Nu Html Checker and axe-core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
