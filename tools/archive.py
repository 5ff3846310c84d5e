"""A generated archive: N reports made from the real ones, for benchmarks.

A developers' tool (the bench and the tests use it), not part of georeport.


``make_archive(docs, dest, n)`` copies the Sphinx project ``docs`` (its
``conf.py``, front page, static files and templates) to ``dest/docs`` and
writes ``n`` reports there, each a copy of one of the real reports (taken in
turn) as a report of its own: its own volume and issue, its own title, and its
own citation keys (``key`` becomes ``key-a7`` in copy 7), with the matching
entries written to the bibliography. ``make_baseline`` writes beside it the
same sources as a plain Sphinx project (myst-parser, sphinxcontrib-bibtex and
furo, without georeport), the baseline the bench compares against.

The bibliography keeps its path relative to the project (``../references.bib``
in ``docs/conf.py`` is ``dest/references.bib``), so the baseline in
``dest/baseline`` reads the same file.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from georeport.citation_role import format_targets, parse_targets
from georeport.model import Journal, report_from_source, split_front_matter
from georeport.project import DEFAULT_FOLDER, report_files

#: Roles whose content is a comma-separated list of citation keys.
_CITE_ROLE = re.compile(r"\{(footcite|cite(?::\w+)?)\}`([^`]*)`")
#: The start of one BibTeX entry: ``@type{key,``.
_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")
#: ``15-1-kazakhstan`` -> ``kazakhstan``.
_SUBJECT = re.compile(r"^\d+-\d+-(.+)$")


@dataclass(frozen=True)
class Project:
    """A Sphinx project as the bench sees it: where it is, what it reads."""

    source: Path  #: the folder of ``conf.py``
    reports: list[Path]  #: report sources, sorted
    bibfiles: list[Path]  #: the BibTeX files ``conf.py`` names


def read_project(source: Path) -> Project:
    """The reports and BibTeX files of a georeport project."""
    source = source.resolve()
    conf = _conf(source)
    folder = str(conf.get("georeport_reports_dir", DEFAULT_FOLDER))
    reports = [path for _docname, path in report_files(source, folder)]
    bibfiles = [(source / b).resolve() for b in conf.get("bibtex_bibfiles", [])]
    return Project(source, reports, bibfiles)


def _conf(source: Path) -> dict:
    cwd = Path.cwd()
    os.chdir(source)  # as Sphinx runs conf.py
    try:
        return runpy.run_path(str(source / "conf.py"))
    finally:
        os.chdir(cwd)


def bib_entries(text: str) -> dict[str, str]:
    """Each entry of a BibTeX file, by key, as written (braces matched)."""
    entries = {}
    for match in _ENTRY.finditer(text):
        depth, end = 0, len(text)
        for index in range(text.index("{", match.start()), len(text)):
            char = text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    end = index + 1
                    break
        entries[match.group(2)] = text[match.start() : end]
    return entries


def cited_keys(text: str) -> list[str]:
    """Keys cited by a report, in order, each once."""
    keys: dict[str, None] = {}
    for match in _CITE_ROLE.finditer(text):
        for target in parse_targets(match.group(2)):
            if target.key:
                keys[target.key] = None
    return list(keys)


def _rekey(text: str, suffix: str) -> str:
    def role(match: re.Match[str]) -> str:
        targets = [
            target._replace(key=target.key + suffix) if target.key else target
            for target in parse_targets(match.group(2))
        ]
        return f"{{{match.group(1)}}}`{format_targets(targets)}`"

    return _CITE_ROLE.sub(role, text)


def _copy_report(text: str, copy: int, volume: int, issue: int) -> str:
    """Report ``text`` as copy number ``copy``, volume and issue, keys suffixed."""
    found = split_front_matter(text)
    if found is None:
        msg = "a report without front matter cannot be copied"
        raise ValueError(msg)
    block, end = found
    front = yaml.safe_load(block)
    front["title"] = f"{front['title']} (archive copy {copy})"
    front["volume"], front["issue"] = volume, issue
    body = "\n".join(text.splitlines()[end:])
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n{_rekey(body, f'-a{copy}')}\n"


def bib_target(project: Project, bibfile: Path, dest: Path) -> Path:
    """Where ``bibfile`` goes so that ``conf.py``'s relative path still holds."""
    relative = Path(os.path.relpath(bibfile, project.source))
    target = (dest / project.source.name / relative).resolve()
    if not target.is_relative_to(dest.resolve()):
        msg = f"{bibfile} is more than one folder above {project.source}"
        raise ValueError(msg)
    return target


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project and its bibliography under ``dest``; return the copy."""
    project = read_project(source)
    out = dest / project.source.name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project.source, out, ignore=_ignored)
    for bibfile in project.bibfiles:
        target = bib_target(project, bibfile, dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bibfile, target)
    return out


def _ignored(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith(".") or n in ("_build", "__pycache__")]


def make_archive(source: Path, dest: Path, count: int) -> Path:
    """Write a project of ``count`` reports under ``dest``; return its source."""
    project = read_project(source)
    if not project.reports or not project.bibfiles:
        msg = f"{source} has no report or no bibliography to copy"
        raise ValueError(msg)
    out = dest / project.source.name
    if dest.exists():
        shutil.rmtree(dest)
    reports_dir = project.reports[0].parent
    relative_reports = reports_dir.relative_to(project.source)
    shutil.copytree(
        project.source,
        out,
        ignore=lambda folder, names: [
            n
            for n in names
            if n.startswith(".")
            or n in ("_build", "__pycache__")
            or Path(folder, n) == reports_dir
        ],
    )
    # other files of the reports' folder (cover images) come along as they are
    shutil.copytree(
        reports_dir,
        out / relative_reports,
        ignore=lambda _folder, names: [n for n in names if n.endswith(".md")],
    )
    entries: dict[str, str] = {}
    for bibfile in project.bibfiles:
        entries.update(bib_entries(bibfile.read_text(encoding="utf-8")))
    written: list[str] = []
    for index in range(count):
        original = project.reports[index % len(project.reports)]
        text = original.read_text(encoding="utf-8")
        copy, volume, issue = index + 1, 100 + index // 12, index % 12 + 1
        match = _SUBJECT.match(original.stem)
        subject = match.group(1) if match else original.stem
        name = f"{volume}-{issue}-{subject}.md"
        (out / relative_reports / name).write_text(
            _copy_report(text, copy, volume, issue), encoding="utf-8"
        )
        for key in cited_keys(text):
            if key in entries:
                written.append(_ENTRY.sub(f"@\\1{{{key}-a{copy},", entries[key], 1))
    target = bib_target(project, project.bibfiles[0], dest)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n\n".join(written) + "\n", encoding="utf-8")
    # the other bibliographies, if any, stay (their keys are not cited)
    for bibfile in project.bibfiles[1:]:
        other = bib_target(project, bibfile, dest)
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_text("", encoding="utf-8")
    return out


BASELINE_CONF = '''\
"""Plain Sphinx on the same sources: the bench's baseline, without georeport."""

project = {project!r}
language = "en"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = {bibfiles!r}
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"
smartquotes = False
exclude_patterns = ["_build"]
html_theme = "furo"
latex_engine = "xelatex"
latex_documents = {documents!r}
suppress_warnings = ["bibtex", "myst"]
'''


def make_baseline(source: Path, dest: Path) -> Path:
    """The project ``source`` as plain Sphinx, in ``dest``; return ``dest``."""
    project = read_project(source)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project.source, dest, ignore=_ignored)
    conf = _conf(project.source)
    journal = Journal.from_settings(conf)
    documents = []
    for path in project.reports:
        docname = path.relative_to(project.source).with_suffix("").as_posix()
        try:
            text = path.read_text(encoding="utf-8")
            title = report_from_source(docname, text, journal).title
        except ValueError:
            title = path.stem
        documents.append((docname, f"{path.stem}.tex", title, "", "howto"))
    # the bibliography where conf.py says, relative to the baseline's folder
    bibfiles = [
        os.path.relpath(b, project.source) for b in project.bibfiles
    ]  # e.g. ../references.bib: the baseline sits beside docs/
    (dest / "conf.py").write_text(
        BASELINE_CONF.format(
            project=conf.get("project", "baseline"),
            bibfiles=bibfiles,
            documents=documents,
        ),
        encoding="utf-8",
    )
    # the front page without georeport's directive (its toctree stays)
    index = dest / f"{conf.get('root_doc', 'index')}.md"
    if index.is_file():
        text = index.read_text(encoding="utf-8")
        text = re.sub(r"```\{report-list\}\s*\n```\n?", "", text)
        index.write_text(text, encoding="utf-8")
    return dest


def edit_report(path: Path, number: int) -> None:
    """A small real edit: one more paragraph at the end of the report's text."""
    text = path.read_text(encoding="utf-8")
    marker = "\n## References"
    paragraph = f"\nA paragraph added by the bench, edit number {number}.\n"
    if marker in text:
        text = text.replace(marker, paragraph + marker, 1)
    else:
        text += paragraph
    path.write_text(text, encoding="utf-8")


#: Words the uncited entries are made of (titles, names, places).
_WORDS = [
    "security",
    "energy",
    "pipeline",
    "border",
    "corridor",
    "sanctions",
    "election",
    "reform",
    "migration",
    "water",
    "gas",
    "oil",
    "trade",
    "alliance",
    "conflict",
    "diplomacy",
    "region",
    "strategy",
    "transit",
    "railway",
    "port",
    "grain",
    "currency",
    "debt",
    "summit",
    "treaty",
]
_NAMES = [
    "Ivanova",
    "Smirnov",
    "Rossi",
    "Bianchi",
    "Kowalski",
    "Nowak",
    "Müller",
    "Schmidt",
    "Dupont",
    "Martin",
    "García",
    "López",
    "Yilmaz",
    "Kaya",
    "Nazarbayev",
    "Tokayev",
    "Aliyev",
    "Chen",
    "Wang",
    "Sato",
]
_GIVEN = [
    "Anna",
    "Boris",
    "Carla",
    "Dario",
    "Elena",
    "Farid",
    "Giulia",
    "Hasan",
    "Irina",
    "Jan",
]
_LANGUAGES = ("english", "russian", "italian", "german", "french", "turkish")


def uncited_entry(number: int) -> str:
    """Entry ``number`` of a deterministic archive of sources nobody cites:
    an article, a book, a chapter, a report, a thesis or a web page, with
    authors or an organisation, a language, and a URL or DOI now and then."""

    def word(step: int) -> str:
        return _WORDS[(number * 7 + step * 13) % len(_WORDS)]

    def person(step: int) -> str:
        last = _NAMES[(number * 3 + step * 5) % len(_NAMES)]
        return f"{last}, {_GIVEN[(number + step) % len(_GIVEN)]}"

    kind = ("article", "book", "incollection", "report", "thesis", "online")[number % 6]
    title = (
        f"{word(0).capitalize()} and {word(1)} in the {word(2)} of "
        f"{word(3)}: case {number}"
    )
    authors = " and ".join(person(s) for s in range(1 + number % 3))
    fields = [("title", title)]
    if kind != "online":
        fields.append(("author", authors))
    fields.append(("year", str(1990 + number % 35)))
    fields += {
        "article": [
            ("journal", f"Journal of {word(4).capitalize()} Studies"),
            ("volume", str(1 + number % 40)),
            ("number", str(1 + number % 4)),
            ("pages", f"{1 + number % 200}--{20 + number % 200}"),
        ],
        "book": [("publisher", f"{_NAMES[number % len(_NAMES)]} Press")],
        "incollection": [
            ("booktitle", f"Handbook of {word(5)} politics"),
            ("editor", person(9)),
            ("publisher", "Routledge"),
            ("pages", f"{10 + number % 90}--{30 + number % 90}"),
        ],
        "report": [("institution", f"Institute for {word(6)} research")],
        "thesis": [("institution", "University of Bologna"), ("type", "PhD thesis")],
        "online": [("organization", f"{word(7).capitalize()} Watch")],
    }[kind]
    if number % 4 == 0:
        fields.append(("url", f"https://example.org/sources/{number}"))
    elif number % 4 == 1 and kind == "article":
        fields.append(("doi", f"10.5555/archive.{number}"))
    fields.append(("langid", _LANGUAGES[number % len(_LANGUAGES)]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{archive-uncited-{number},\n{body}\n}}\n"


def add_uncited(bibfile: Path, count: int) -> None:
    """Append ``count`` entries nobody cites to ``bibfile`` (the archive of a
    journal whose reports each cite a few of them)."""
    entries = "\n".join(uncited_entry(n) for n in range(1, count + 1))
    with bibfile.open("a", encoding="utf-8") as out:
        out.write(f"\n{entries}")


#: A source in Chinese, as a report of the region cites one (issue 25's bench:
#: the fonts of a script are loaded only by a report that uses them).
CJK_ENTRY = """
@book{zhao2008bench,
  author = {赵华胜},
  title = {中国的中亚外交},
  publisher = {时事出版社},
  address = {北京},
  year = {2008},
  langid = {chinese}
}
"""


def add_cjk_source(source: Path) -> None:
    """The project's first report cites one more source, in Chinese."""
    project = read_project(source)
    with project.bibfiles[0].open("a", encoding="utf-8") as out:
        out.write(CJK_ENTRY)
    report = sorted((source / "reports").glob("*.md"))[0]
    text = report.read_text(encoding="utf-8")
    marker = "\n```{footbibliography}"
    cite = "\nChina's view of the region is its own.{footcite}`zhao2008bench`\n"
    assert marker in text, report
    report.write_text(text.replace(marker, cite + marker, 1), encoding="utf-8")
