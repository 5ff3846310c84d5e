"""The toolchain: the lock (constraints.txt), the ``importer`` extra, the
licence check of the runtime dependencies (tools/licences.py)."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from georeport.cli import IMPORTER_LIBRARIES
from tools import licences
from tools.licences import Kind, classify, classify_expression

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins() -> dict[str, str]:
    """constraints.txt: name -> pinned version."""
    text = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)$", text, re.MULTILINE)
    return {canonicalize_name(name): version for name, version in pins}


def _requirements() -> list[Requirement]:
    """Every requirement pyproject.toml names: the dependencies, each extra,
    each dependency group."""
    project = PYPROJECT["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines += extra
    for group in PYPROJECT["dependency-groups"].values():
        lines += [line for line in group if isinstance(line, str)]
    return [Requirement(line) for line in lines]


# -- the lock ------------------------------------------------------------------


def test_constraints_pin_every_requirement_within_its_range() -> None:
    pins = _pins()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in constraints.txt: ./noxw -s lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside {requirement}: "
            "./noxw -s lock"
        )


def test_every_requirement_has_an_upper_bound() -> None:
    unbounded = [
        str(requirement)
        for requirement in _requirements()
        if not any(
            spec.operator in {"<", "<=", "==", "~="} for spec in requirement.specifier
        )
    ]
    assert unbounded == []


def test_the_editions_need_no_ebooklib() -> None:
    # AGPL-3.0 (tools/licences.py would refuse it)
    names = {
        canonicalize_name(Requirement(line).name)
        for line in PYPROJECT["project"]["dependencies"]
    }
    assert "ebooklib" not in names


@pytest.mark.skipif(
    "NOX_CURRENT_SESSION" not in os.environ, reason="a nox session installs the pins"
)
def test_the_session_installed_the_pinned_versions() -> None:
    pins = _pins()
    wrong = {
        name: (distribution.version, pins[name])
        for distribution in importlib.metadata.distributions()
        if (name := canonicalize_name(distribution.metadata["Name"])) in pins
        and distribution.version != pins[name]
    }
    assert wrong == {}


# -- the importer extra ----------------------------------------------------------


def _extra_distributions(extra: str) -> set[str]:
    lines = PYPROJECT["project"]["optional-dependencies"][extra]
    return {canonicalize_name(Requirement(line).name) for line in lines}


def test_the_cli_knows_the_modules_of_the_importer_extra() -> None:
    extra = _extra_distributions("importer")
    modules = {
        module
        for module, distributions in importlib.metadata.packages_distributions().items()
        if extra & {canonicalize_name(name) for name in distributions}
    }
    assert modules == IMPORTER_LIBRARIES


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a new interpreter of this environment, from the repository."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


#: Python that makes each library of the importer extra missing.
WITHOUT_EXTRA = f"""
import sys
for name in {sorted(IMPORTER_LIBRARIES)!r}:
    sys.modules[name] = None
"""


def test_help_and_deposit_import_nothing_of_the_importer() -> None:
    code = f"""
import sys
from georeport.cli import main
for argv in (["--help"], ["deposit", "--help"], ["deposit", "crossref", "-h"]):
    try:
        main(argv)
    except SystemExit:
        pass
libraries = {sorted(IMPORTER_LIBRARIES)!r}
print(sorted(
    name for name in sys.modules
    if name.partition(".")[0] in libraries or name.startswith("georeport.importer")
), file=sys.stderr)
"""
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"


def test_without_the_extra_import_says_what_to_install(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("A title\n\nText.\n", encoding="utf-8")
    result = _python(
        WITHOUT_EXTRA
        + f"""
from georeport.cli import main
raise SystemExit(main(["import", {str(report)!r}, "--dry-run"]))
"""
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("georeport: error: georeport import needs the importer")
    assert "pip install 'georeport[importer]'" in lines[0]


def test_without_the_extra_everything_but_the_importer_imports() -> None:
    """What the editions, the deposit and the command import needs no library
    of the extra (imported lazily or not)."""
    result = _python(
        WITHOUT_EXTRA
        + """
import importlib, pkgutil, georeport
for module in pkgutil.walk_packages(georeport.__path__, "georeport."):
    name = module.name
    if not name.startswith("georeport.importer") and not name.endswith("__main__"):
        importlib.import_module(name)
"""
    )
    assert result.returncode == 0, result.stderr


# -- the licences ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "kind"),
    [
        ("MIT", Kind.PERMISSIVE),
        ("Apache-2.0 OR BSD-2-Clause", Kind.PERMISSIVE),
        ("GPL-3.0-only", Kind.GPL),
        ("GPL-2.0+", Kind.GPL),
        ("AGPL-3.0-or-later", Kind.GPL),
        ("LGPL-2.1-or-later", Kind.WEAK_COPYLEFT),
        ("MPL-2.0", Kind.WEAK_COPYLEFT),
        ("GPL-3.0-or-later OR MIT", Kind.PERMISSIVE),
        ("MIT AND GPL-2.0-only", Kind.GPL),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", Kind.GPL),
        ("(MIT OR GPL-3.0-only) AND Apache-2.0", Kind.PERMISSIVE),
        ("(MIT OR LGPL-3.0-only) AND (GPL-2.0-only OR AGPL-3.0-only)", Kind.GPL),
        ("LicenseRef-Proprietary", Kind.UNKNOWN),
    ],
)
def test_spdx_expressions(expression: str, kind: Kind) -> None:
    assert classify_expression(expression) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("GNU General Public License (GPL)", Kind.GPL),
        ("GNU General Public License v2 or later (GPLv2+)", Kind.GPL),
        ("GNU Affero General Public License v3 or later (AGPLv3+)", Kind.GPL),
        ("GNU Affero General Public License", Kind.GPL),
        ("GPLv3", Kind.GPL),
        ("GNU Lesser General Public License v3 or later (LGPLv3+)", Kind.WEAK_COPYLEFT),
        ("GNU Library or Lesser General Public License (LGPL)", Kind.WEAK_COPYLEFT),
        ("FreeBSD and LGPLv3+", Kind.WEAK_COPYLEFT),
        ("BSD License", Kind.PERMISSIVE),
        (
            "The MIT License: http://www.opensource.org/licenses/mit-license",
            Kind.PERMISSIVE,
        ),
        ("Proprietary", Kind.UNKNOWN),
    ],
)
def test_classifiers_and_licence_fields(text: str, kind: Kind) -> None:
    assert classify(text) is kind


def _distribution(
    folder: Path, name: str, *fields: str, requires: tuple[str, ...] = ()
) -> None:
    """An installed distribution's metadata, in ``folder``."""
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir()
    lines = ["Metadata-Version: 2.4", f"Name: {name}", "Version: 1.0", *fields]
    lines += [f"Requires-Dist: {requirement}" for requirement in requires]
    (info / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _lookup(folder: Path) -> licences.Lookup:
    def find(name: str) -> importlib.metadata.Distribution:
        for distribution in importlib.metadata.distributions(
            name=name, path=[str(folder)]
        ):
            return distribution
        raise importlib.metadata.PackageNotFoundError(name)

    return find


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project needing a permissive, an LGPL and (with its extra ``x``) an
    MPL distribution; one needed only for tests, GPL, is not its concern."""
    _distribution(
        tmp_path,
        "app",
        "License-Expression: MIT",
        requires=(
            "permissive>=1",
            "weak",
            "mpl; extra == 'x'",
            "gpltest; extra == 'test'",
        ),
    )
    _distribution(
        tmp_path, "permissive", "Classifier: License :: OSI Approved :: MIT License"
    )
    _distribution(tmp_path, "weak", "License: LGPL")
    _distribution(tmp_path, "mpl", "License-Expression: MPL-2.0")
    _distribution(tmp_path, "gpltest", "License-Expression: GPL-3.0-only")
    return tmp_path


def test_a_permissive_and_weak_copyleft_closure_passes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert licences.main(["app", "--extra", "x"], lookup=_lookup(project)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert sorted(rows) == ["mpl", "permissive", "weak"]
    assert rows["weak"].endswith("allowed, weak copyleft")


@pytest.mark.parametrize(
    "field",
    [
        "License-Expression: AGPL-3.0-or-later",
        "Classifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)",
        "License: GNU GPL v2",
    ],
)
def test_a_gpl_dependency_fails_naming_it(
    project: Path, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # two levels down, under the extra
    _distribution(project, "gplbelow", field)
    (project / "mpl-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.4\nName: mpl\nVersion: 1.0\n"
        "License-Expression: MPL-2.0\nRequires-Dist: gplbelow\n",
        encoding="utf-8",
    )
    assert licences.main(["app", "--extra", "x", "-q"], lookup=_lookup(project)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    licence = field.partition(": ")[2].rpartition(" :: ")[2]
    assert err == (
        f"licences: gplbelow 1.0 is licensed {licence!r}: GPL or AGPL, which "
        "georeport (MIT) cannot depend on; drop it or find another package\n"
    )


def test_an_unreadable_licence_fails(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _distribution(project, "silent")
    (project / "weak-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.4\nName: weak\nVersion: 1.0\nLicense: LGPL\n"
        "Requires-Dist: silent\n",
        encoding="utf-8",
    )
    assert licences.main(["app", "-q"], lookup=_lookup(project)) == 1
    assert (
        "silent 1.0 is licensed '(none stated)': no licence" in capsys.readouterr().err
    )


def test_a_review_holds_for_the_licence_it_read(project: Path) -> None:
    gpl_classifier = (
        "Classifier: License :: OSI Approved :: GNU General Public License (GPL)"
    )
    _distribution(
        project,
        "docutils",
        "Classifier: License :: Public Domain",
        "Classifier: License :: OSI Approved :: BSD License",
        gpl_classifier,
    )
    lookup = _lookup(project)
    assert licences.licence_of(lookup("docutils")).allowed
    # a new statement of its licence is checked anew
    (project / "docutils-1.0.dist-info" / "METADATA").write_text(
        f"Metadata-Version: 2.4\nName: docutils\nVersion: 1.0\n{gpl_classifier}\n",
        encoding="utf-8",
    )
    assert not licences.licence_of(lookup("docutils")).allowed


def test_a_missing_dependency_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "gpltest-1.0.dist-info" / "METADATA").unlink()
    (project / "gpltest-1.0.dist-info").rmdir()
    assert licences.main(["app", "--extra", "test", "-q"], lookup=_lookup(project)) == 1
    assert "gpltest" in capsys.readouterr().err


def test_georeports_installed_runtime_dependencies_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert licences.main(["georeport", "--extra", "importer"]) == 0, (
        capsys.readouterr().err
    )
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]}
    # the closure: direct dependencies and theirs, the extra's too
    assert {"sphinx", "docutils", "lingua-language-detector", "nameparser"} <= listed
    assert "pytest" not in listed


def test_help_lists_every_command_with_an_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``georeport --help``: each subcommand, and an example line running it."""
    from georeport import cli

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    parser = cli._get_parser()
    (commands,) = [
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    examples = out.split("examples:", 1)[1]
    for name in commands.choices:
        assert f"\n  georeport {name} " in examples, name
