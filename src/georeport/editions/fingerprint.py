"""What a build reads, in one hash, and the record of an edition's last build.

An edition whose inputs (sources, bibliographies, templates, configuration,
georeport's own files, installed packages, TeX) are all as they were at its
last successful build, and whose outputs are as that build wrote them, is not
built again: Sphinx does not even start (ARCHITECTURE.md, "Speed"). The records are
kept in ``BUILD/doctrees/``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from ..model import MetadataError, report_from_source
from ..model.report import good_file_name
from ..project import Settings, read_settings, walk

#: Environment variables that change what a build writes.
ENVIRONMENT = (
    "SOURCE_DATE_EPOCH",
    "FORCE_SOURCE_DATE",
    "LATEXOPTS",
    "XINDYOPTS",
    "TEXINPUTS",
    "LANG",
    "LC_ALL",
)


# -- What a build reads ------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """What a build reads, beyond its source folder: the project's settings
    (read once, :func:`georeport.project.read_settings`) and its reports."""

    settings: Settings
    #: report file stem -> its source, for the reports whose name keeps the
    #: rule (:data:`georeport.model.report.FILE_NAME`): the others have no
    #: LaTeX document, no PDF to check, and their error is said by Sphinx
    reports: dict[str, Path]

    @classmethod
    def read(cls, source: Path, arguments: Sequence[str] = ()) -> Sources:
        """The project in ``source``, with the ``-D`` overrides of the
        sphinx-build ``arguments`` (Sphinx will see the same values)."""
        settings = read_settings(source, arguments)
        reports = {
            path.stem: path
            for docname, path in settings.report_files()
            if good_file_name(docname)
        }
        return cls(settings, reports)

    @property
    def source(self) -> Path:
        return self.settings.source

    @property
    def docnames(self) -> frozenset[str]:
        """Each report's name as Sphinx knows it (``reports/15-1-x``)."""
        return frozenset(
            path.relative_to(self.source).with_suffix("").as_posix()
            for path in self.reports.values()
        )

    def extra_paths(self) -> list[Path]:
        """Files and folders ``conf.py`` names, resolved from the source."""
        names: list[str] = []
        for key in (
            "bibtex_bibfiles",
            "html_static_path",
            "templates_path",
            "html_extra_path",
            "latex_additional_files",
        ):
            value = self.settings.get(key) or []
            names += [value] if isinstance(value, str) else [str(v) for v in value]
        for key in ("html_logo", "html_favicon", "latex_logo"):
            value = self.settings.get(key)
            if isinstance(value, str) and "://" not in value:
                names.append(value)
        return [(self.source / name).resolve() for name in names]

    def report_epochs(self) -> dict[str, int]:
        """Each report's date (its first day when only month or year is
        known), as seconds since 1970 UTC; reports that do not parse are left
        to Sphinx to report."""
        try:
            journal = self.settings.journal
        except MetadataError:
            return {}  # Sphinx says what is wrong with the journal
        epochs = {}
        for stem, path in self.reports.items():
            try:
                text = path.read_text(encoding="utf-8")
                date = report_from_source(stem, text, journal).date
            except (MetadataError, ValueError, OSError):
                continue
            day = datetime.datetime(
                date.year, date.month or 1, date.day or 1, tzinfo=datetime.UTC
            )
            epochs[stem] = int(day.timestamp())
        return epochs


def _files(root: Path, skip: Iterable[Path] = ()) -> Iterator[Path]:
    """Every file under ``root`` (or ``root`` itself), sorted, hidden ones and
    build folders left out."""
    if root.is_file():
        yield root
        return
    skipped = {s.resolve() for s in skip}
    for here, dirs, files in walk(root):  # into linked folders, as Sphinx reads
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and d not in ("_build", "__pycache__")
            and (here / d).resolve() not in skipped
        ]
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith((".pyc", "~")):
                yield here / name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _packages() -> tuple[tuple[str, str], ...]:
    """Every installed distribution and its version: Sphinx, its extensions,
    the theme, pybtex, and whatever ``conf.py`` may load."""
    found = {
        (dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions()
    }
    return tuple(sorted(found))


@cache
def tex_identity(engine: str) -> tuple[str, ...]:
    """TeX as installed: engine and latexmk versions, and the dates of TeX's
    file database and format (package updates rewrite both)."""

    def run(*command: str) -> str:
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, check=False
            )
        except OSError:
            return ""
        return result.stdout.strip()

    # four programs of about 25 ms each: at once, a PDF build waits for one
    with ThreadPoolExecutor(max_workers=4) as pool:
        version, latexmk, texmfdist, fmt = pool.map(
            lambda command: run(*command),
            [
                (engine, "--version"),
                ("latexmk", "-v"),
                ("kpsewhich", "-var-value=TEXMFDIST"),
                (
                    "kpsewhich",
                    f"-engine={engine.replace('latex', 'tex')}",
                    f"{engine}.fmt",
                ),
            ],
        )
    found = [version.split("\n", 1)[0], latexmk.split("\n")[-1]]
    for name in (f"{texmfdist}/ls-R" if texmfdist else "", fmt):
        if name and os.path.isfile(name):
            stat = os.stat(name)
            found.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return tuple(found)


@cache
def tools() -> str:
    """A hash of the code that builds: Python, every installed package and
    georeport's own files. Sphinx notices a changed source or configuration,
    not a changed extension: when this differs from the last build's, the
    editions start Sphinx with a fresh environment (``-E``)."""
    h = hashlib.sha256()
    h.update(f"{sys.version}\0{sys.executable}\0".encode("utf-8", "surrogateescape"))
    for name, version in _packages():
        h.update(f"{name}={version}\0".encode())
    package = Path(__file__).resolve().parent.parent  # georeport/
    for path in _files(package):
        h.update(f"{path.relative_to(package)}\0{digest(path)}\0".encode())
    return h.hexdigest()


def fingerprint(
    sources: Sources,
    builder: str,
    build: Path,
    extra: Sequence[str],
    env: Mapping[str, str],
) -> str:
    """One hash of everything a Sphinx build of ``builder`` reads."""
    h = hashlib.sha256()

    def feed(*parts: object) -> None:
        for part in parts:
            h.update(str(part).encode("utf-8", "surrogateescape"))
            h.update(b"\0")

    feed("georeport.editions", 3, builder, *extra, tools())
    feed(*(f"{var}={env.get(var)}" for var in ENVIRONMENT))
    roots = [sources.source, *sources.extra_paths()]
    seen: set[Path] = set()
    for root in roots:
        for path in _files(root, skip=[build]):
            if path in seen or not path.is_file():
                continue
            seen.add(path)
            # the name Sphinx reads it by (a report's docname), and the file
            feed(path, path.resolve(), digest(path))
    if builder == "latex":
        feed(*tex_identity(sources.settings.text("latex_engine")))
    return h.hexdigest()


def outputs(folder: Path) -> dict[str, list[int]]:
    """``relative path -> [size, mtime]`` of every file of an output folder."""
    listing = {}
    for path in _files(folder):
        stat = path.stat()
        listing[path.relative_to(folder).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return listing


class Record:
    """What the last successful build of an edition read and wrote.

    When the inputs hash the same and every output is still as it was written,
    the edition is up to date and Sphinx need not start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def fresh(self, key: str | None, outdir: Path) -> bool:
        if not key or self.data.get("key") != key:
            return False
        return bool(self.data.get("outputs")) and outputs(outdir) == self.data.get(
            "outputs"
        )

    def forget(self, run: str = "sphinx") -> None:
        """A build is starting: until it succeeds, nothing is up to date (what
        the last good build read stays known), and ``run`` says how far it got
        (:mod:`.recovery`)."""
        self.data = {k: v for k, v in self.data.items() if k != "key"}
        self.mark(run)

    def mark(self, run: str) -> None:
        """The build got this far (:mod:`.recovery`)."""
        self.data["run"] = run
        self._save(self.data)

    def write(self, key: str | None, outdir: Path, **more: object) -> None:
        data = {"key": key, "outputs": outputs(outdir), **more}
        self._save({k: v for k, v in data.items() if v is not None})

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=0, sort_keys=True), "utf-8")
        os.replace(temporary, self.path)


def fresh_environment(record: Record, extra: Sequence[str]) -> list[str]:
    """``-E`` when the code that builds changed since the last good build
    (or the record, from an older georeport, does not say)."""
    changed = record.data and record.data.get("tools") != tools()
    return ["-E"] if changed and not forced(extra) else []


def forced(extra: Sequence[str]) -> bool:
    """``-E`` or ``-a`` asks for everything to be built again."""
    return any(arg in ("-E", "-a", "--fresh-env", "--write-all") for arg in extra)
