"""A project of the journal: its settings, read once as Sphinx reads them,
and which of its files are reports.

Every part of georeport that reads a project outside Sphinx (the editions'
fingerprints and report dates, the Crossref deposit, the ``georeport``
command) reads it through :func:`read_settings`: ``conf.py`` run by Sphinx's
own loader, ``-D`` overrides converted as Sphinx converts them, so that no
part sees a value Sphinx would not. Each ``georeport_*`` setting is declared
once, in :data:`SETTINGS`: the extension registers it from there
(:mod:`georeport.sphinxext.config`) and the guide's configuration reference
is written from there (``guide/configuration.md``).

A report is a ``.md`` file under the reports folder (``georeport_reports_dir``,
``reports`` by default) of the source tree, in it or in a folder below it
(``reports/2023/16-2-x.md``), symbolic links to folders followed as Sphinx
follows them. Files and folders whose name starts with ``.`` or ``_`` *below
that folder* are not reports (drafts, editors' backups, ``_build``); the
folders *above* it do not count, so a project cloned under ``_work/`` or
``~/.cache/`` finds its reports all the same. The extension, the editions and
the developers' archive generator all ask :func:`report_files` and
:func:`is_report`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from .model import Journal
from .model.report import file_name


@dataclass(frozen=True)
class Setting:
    """One configuration value georeport declares or reads.

    The rebuild scope is chosen on purpose: a value that changes what is
    *read* (the journal's name on every masthead, which folder holds reports)
    rebuilds the environment (``"env"``); one that changes only how pages are
    written (``"html"``) rewrites them.
    """

    name: str
    default: str | bool | list[str] | None
    #: What Sphinx rebuilds when it changes: "env" (read again) or "html".
    rebuild: Literal["env", "html"]
    #: What it is for, in the configuration reference (``guide/``).
    doc: str


#: Every georeport setting, in the order the configuration reference lists them.
SETTINGS = (
    Setting("georeport_journal_title", "", "env", "The journal's name."),
    Setting("georeport_issn", "", "env", "The ISSN, checked (form, check digit)."),
    Setting("georeport_publisher", "", "env", "The publisher."),
    Setting(
        "georeport_description",
        "",
        "env",
        "A sentence or two about the journal, on its front page (the "
        "``{front-page}`` directive).",
    ),
    Setting(
        "georeport_logo",
        "",
        "env",
        "The journal's logo on its front page: an image file, relative to the "
        "source folder (conf.py's), inside it; empty: no logo.",
    ),
    Setting(
        "georeport_base_url",
        "",
        "html",
        "Absolute URL the HTML edition is served from (canonical links, "
        "metadata); also the default of html_baseurl and ogp_site_url.",
    ),
    Setting(
        "georeport_rights",
        "",
        "env",
        'Rights statement of every report ("{year}" becomes its year).',
    ),
    Setting(
        "georeport_license",
        "",
        "env",
        "The licence every report is published under, as its SPDX identifier "
        "(``CC-BY-4.0``, ``CC-BY-NC-ND-4.0``, ``CC0-1.0``...): shown on each "
        "page and in the PDF, and stated in every metadata channel; empty: "
        "none is stated.",
    ),
    Setting(
        "georeport_license_url",
        "",
        "env",
        "The address of the licence's text: needed only for a licence other "
        "than the Creative Commons ones, whose deeds georeport knows.",
    ),
    Setting(
        "georeport_pdf_dir",
        "",
        "html",
        "Where the PDF build left the PDFs (relative to conf.py), to put beside "
        "the HTML pages and link; empty: the HTML edition links to no PDF.",
    ),
    Setting(
        "georeport_reports_dir",
        "reports",
        "env",
        "Folder of the source tree whose documents are reports.",
    ),
    Setting(
        "georeport_latex_documents",
        True,
        "env",
        "Make one LaTeX document (and PDF) per report.",
    ),
    Setting(
        "georeport_speedups",
        True,
        "env",
        "Faster bibliography look-ups for a large archive, the same output "
        "(georeport.sphinxext.bibtex.speedups).",
    ),
    Setting(
        "georeport_lockss_permission",
        "",
        "html",
        "The LOCKSS (or CLOCKSS) permission statement, word for word, put on "
        "a manifest page per volume (lockss/volume-N.html); empty: no manifest "
        "pages (georeport.sphinxext.lockss).",
    ),
    Setting(
        "georeport_epub",
        True,
        "html",
        "Write each report's EPUB beside its page (and link it), for the EPUB "
        "edition (georeport.sphinxext.epub); False: no EPUB.",
    ),
    Setting(
        "georeport_allow_raw_markup",
        False,
        "env",
        "Let reports' text pass markup into the editions unchecked: raw HTML "
        "and LaTeX (``{raw}``, HTML written in the Markdown), ``{eval-rst}``, "
        "math, ``{meta}``, ``{tabularcolumns}``, substitutions that are "
        "expressions. Only for a journal that trusts every writer of its "
        "reports: even then TeX reads no file outside its folder and runs no "
        "command, and no directive reads outside the project or the network. "
        "False: each is an error at its line (georeport.markup).",
    ),
    Setting(
        "georeport_doi_prefix",
        "",
        "env",
        "The journal's DOI prefix from Crossref (10.NNNN): a report without "
        "doi: in its front matter gets one made by georeport_doi_pattern; "
        "empty: only reports with doi: have a DOI (georeport.doi).",
    ),
    Setting(
        "georeport_doi_pattern",
        "{prefix}/{slug}",
        "env",
        "How a report's DOI is made from the prefix: {prefix}/ then any of "
        "{volume}, {issue}, {slug} (the file name), {order}, {year}, with "
        "{slug} or {order} in it (georeport.doi).",
    ),
    Setting(
        "georeport_crossref_depositor_name",
        "",
        "html",
        "Who deposits the DOIs with Crossref (head/depositor/depositor_name "
        "of each deposit); empty: no deposits are written (georeport.deposit).",
    ),
    Setting(
        "georeport_crossref_depositor_email",
        "",
        "html",
        "Where Crossref writes about a deposit (depositor/email_address).",
    ),
    Setting(
        "georeport_crossref_registrant",
        "",
        "html",
        "Who owns the DOIs (head/registrant); empty: georeport_publisher.",
    ),
)


#: Settings of Sphinx and its extensions that georeport reads, with the
#: defaults Sphinx gives them when ``conf.py`` does not; those with a ``doc``
#: are a journal's to set, and the configuration reference lists them (the
#: others are read only to know which files a build depends on).
OTHER_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "language",
        "en",
        "env",
        "The journal's language (a BCP 47 tag): its own pages', and the "
        "language of a report whose front matter names none.",
    ),
    Setting(
        "bibtex_bibfiles",
        [],
        "env",
        "The BibTeX files of the journal's sources, relative to conf.py "
        '(``["../references.bib"]``).',
    ),
    Setting(
        "bibtex_default_style",
        "georeport",
        "env",
        'The style of footnotes, References and "How to cite": '
        "``georeport``, the house style.",
    ),
    Setting(
        "latex_engine",
        "xelatex",
        "env",
        "The engine of the PDF edition: ``xelatex`` or ``lualatex`` (the "
        "sources' scripts need OpenType fonts).",
    ),
    Setting("latex_additional_files", [], "env", ""),
    Setting("latex_logo", None, "env", ""),
    Setting("html_static_path", [], "html", ""),
    Setting("html_extra_path", [], "html", ""),
    Setting("html_logo", None, "html", ""),
    Setting("html_favicon", None, "html", ""),
)


class Settings(Mapping[str, Any]):
    """A project's settings: every name georeport reads, as Sphinx will see
    it (``conf.py``, then the ``-D`` overrides, else the default)."""

    def __init__(self, source: Path, values: Mapping[str, Any]) -> None:
        self.source = source
        self._values = dict(values)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def text(self, name: str) -> str:
        """A setting as text, stripped (``""`` when unset)."""
        value = self._values.get(name) or ""
        return (value if isinstance(value, str) else str(value)).strip()

    @property
    def reports_dir(self) -> str:
        """The folder of the source tree whose documents are reports."""
        return self.text("georeport_reports_dir") or DEFAULT_FOLDER

    def report_files(self) -> list[tuple[str, Path]]:
        """``(docname, path)`` of every report (:func:`report_files`)."""
        return report_files(self.source, self.reports_dir)

    @cached_property
    def journal(self) -> Journal:
        """The journal these settings describe (checked: a
        :class:`~georeport.model.MetadataError` says what is wrong)."""
        return Journal.from_settings(self)


def conf_line(source: Path, setting: str) -> str:
    """``SOURCE/conf.py:LINE``, the line that sets ``setting`` (1 when none
    does): where a message about a setting sends the editor."""
    conf = Path(source, "conf.py")
    try:
        lines = conf.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith(setting)), 1)
    return f"{conf}:{line}"


def overrides(arguments: Sequence[str]) -> dict[str, str]:
    """The ``-D name=value`` (``--define``) options of a sphinx-build command
    line, as Sphinx reads them."""
    found: dict[str, str] = {}
    args = iter(arguments)
    for arg in args:
        if arg in ("-D", "--define"):
            value = next(args, "")
        elif arg.startswith("--define="):
            value = arg.removeprefix("--define=")
        elif arg.startswith("-D"):
            value = arg[2:]
        else:
            continue
        name, equals, setting = value.partition("=")
        if equals:
            found[name] = setting
    return found


def read_settings(source: Path, arguments: Sequence[str] = ()) -> Settings:
    """``source/conf.py`` read by Sphinx's own loader, with the ``-D``
    overrides of ``arguments`` (a sphinx-build command line) applied.

    Raises Sphinx's ``ConfigError`` when ``conf.py`` is missing or fails.
    """
    # Sphinx's own reading: conf.py run in its folder, overrides converted by
    # the type of each setting's default
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    source = source.resolve()
    declared = {s.name: s.default for s in (*SETTINGS, *OTHER_SETTINGS)}
    given = {k: v for k, v in overrides(arguments).items() if k in declared}
    config = Config.read(source, overrides=given, tags=Tags())
    for name, default in declared.items():
        if name not in config:
            kind = frozenset({type(default)}) if default is not None else ()
            config.add(name, default, "env", kind)
    config.init_values()
    values = {name: config[name] for name in declared}
    values["language"] = values["language"] or "en"
    return Settings(source, values)


#: The reports folder when ``conf.py`` does not set ``georeport_reports_dir``.
DEFAULT_FOLDER = "reports"


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_")) for part in relative.parts)


def walk(root: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    """``os.walk`` of ``root``, into symbolic links to folders too, as Sphinx
    walks the source folder to find its documents; a link to a folder the
    walk is inside of already is not followed (it would never end)."""
    real: dict[Path, Path] = {}
    for folder, dirs, files in os.walk(root, followlinks=True):
        here = Path(folder)
        real[here] = here.resolve()
        inside = {real[p] for p in (here, *here.parents) if p in real}
        dirs[:] = sorted(d for d in dirs if (here / d).resolve() not in inside)
        yield here, dirs, files


def report_files(source: Path, folder: str = DEFAULT_FOLDER) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every report of the project in ``source``, sorted
    by docname (``reports/15-1-kazakhstan``, its ``.md`` file)."""
    root = Path(source, folder.strip("/") or ".")
    found = []
    for here, dirs, files in walk(root):
        dirs[:] = [d for d in dirs if not _hidden(Path(d))]
        for name in files:
            path = here / name
            if name.endswith(".md") and not _hidden(Path(name)) and path.is_file():
                docname = path.relative_to(source).with_suffix("").as_posix()
                found.append((docname, path))
    return sorted(found)


def same_names(docnames: Iterable[str]) -> dict[str, str]:
    """Each report whose file name an earlier report (in docname order) has,
    in another folder, and that report: a report's PDF, EPUB and LaTeX file
    are named by its file name alone, so the two would be one file."""
    first: dict[str, str] = {}
    twins = {}
    for docname in sorted(docnames):
        taken = first.setdefault(file_name(docname), docname)
        if taken != docname:
            twins[docname] = taken
    return twins


def is_report(docname: str, folder: str = DEFAULT_FOLDER) -> bool:
    """Is the document ``docname`` (as Sphinx names it) a report?"""
    prefix = folder.strip("/")
    if not docname.startswith(prefix + "/"):
        return False
    return not _hidden(Path(docname[len(prefix) + 1 :]))


def hidden_patterns(folder: str = DEFAULT_FOLDER) -> list[str]:
    """Sphinx ``exclude_patterns`` for what is under the reports folder but
    is not a report, so that a draft is not published as a page either."""
    prefix = folder.strip("/")
    return [f"{prefix}/{part}{start}*" for part in ("", "**/") for start in "_."]
