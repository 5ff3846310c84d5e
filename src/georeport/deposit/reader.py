"""A project read without Sphinx: its settings, reports and cited sources.

The ``georeport deposit`` command and the editions (:mod:`georeport.editions`)
read the project as the extension does, through the same model and checks:
its settings read by :func:`georeport.project.read_settings`, the reports
that :func:`georeport.project.report_files` finds, each read by
:func:`georeport.model.read_report`, the BibTeX files ``conf.py`` names. A
fault is a :class:`~georeport.deposit.DepositError` naming the file, the line
and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, Entry
from pybtex.database.input import bibtex
from pybtex.exceptions import PybtexError

from ..bib.crossref import resolve
from ..bib.scan import lazy_bibliography
from ..citation_role import parse_targets
from ..model import Journal, MetadataError, Report, read_report
from ..model.doi import collisions
from ..project import Settings, read_settings
from . import DepositError

#: A ``{footcite}`` role of a report's text (the syntax of
#: :mod:`georeport.citation_role`).
_FOOTCITE = re.compile(r"\{footcite\}`([^`]+)`")


def cited_keys(text: str) -> list[str]:
    """The keys a report cites, in the order of their first citation (the
    keys its References list, :mod:`georeport.sphinxext.bibtex`)."""
    keys: dict[str, None] = {}
    for role in _FOOTCITE.findall(text):
        try:
            targets = parse_targets(role)
        except ValueError:
            continue  # the build says so, at its line (body checks)
        keys.update((target.key, None) for target in targets if target.key)
    return list(keys)


@dataclass(frozen=True)
class Project:
    """What a deposit needs of a project."""

    source: Path
    settings: Settings
    journal: Journal
    #: every report, by docname (``reports/15-1-x``)
    reports: dict[str, Report]
    #: the keys each report cites, in order
    citations: dict[str, list[str]]
    #: each BibTeX file's entries, in the order conf.py names the files
    bibliographies: tuple[BibliographyData, ...]

    @classmethod
    def read(cls, source: Path, settings: Settings | None = None) -> Project:
        """Read the project in ``source`` (``settings``: its settings, when
        the caller read them already: :func:`georeport.project.read_settings`)."""
        source = source.resolve()
        conf = source / "conf.py"
        if settings is None:
            if not conf.is_file():
                msg = f"{source}: no conf.py here: give the project's folder (docs)"
                raise DepositError(msg)
            try:
                settings = read_settings(source)
            except Exception as err:  # any error of the user's conf.py
                msg = f"{conf}: {type(err).__name__}: {err}: correct conf.py"
                raise DepositError(msg) from None
        try:
            journal = settings.journal
        except MetadataError as err:
            raise DepositError(f"{conf}: {err}") from None
        reports, citations = {}, {}
        for docname, path in settings.report_files():
            try:
                reports[docname] = read_report(docname, path, journal)
            except MetadataError as err:
                msg = f"{path}:{err.line or 1}: {err.in_report()}"
                raise DepositError(msg) from None
            citations[docname] = cited_keys(path.read_text(encoding="utf-8"))
        for first, second in collisions(reports.values()):
            msg = (
                f"{source / second.docname}.md: the DOI {second.doi} is the DOI of "
                f"{source / first.docname}.md too: give one of them another DOI"
            )
            raise DepositError(msg)
        bibfiles = settings.get("bibtex_bibfiles") or []
        bibliographies = tuple(_bibliography(source / name) for name in bibfiles)
        return cls(source, settings, journal, reports, citations, bibliographies)

    def setting(self, name: str) -> str:
        """A ``georeport_*`` setting as text (``""`` when unset)."""
        return self.settings.text(name)

    @property
    def makes_pdfs(self) -> bool:
        """Does the journal publish a PDF beside each page (one LaTeX
        document per report, ``georeport_latex_documents``, on by default)?
        The deposits then give its address."""
        value = self.settings.get("georeport_latex_documents", True)
        return value is not False and str(value).strip().lower() not in ("0", "false")

    @property
    def style(self) -> str:
        """The pybtex style of the footnotes and References."""
        return self.setting("bibtex_default_style") or "georeport"

    def entry(self, key: str) -> Entry | None:
        """The entry ``key`` of the first file that has it, as written."""
        for data in self.bibliographies:
            if key in data.entries:
                try:
                    return data.entries[key]
                except PybtexError as err:
                    raise DepositError(str(err)) from None
        return None

    def cited(self, report: Report) -> list[Entry]:
        """The entries a report cites, in order, each with its ``crossref``
        resolved as in the build (keys not in the files are left out: the
        build names them)."""
        found = (self.entry(key) for key in self.citations[report.docname])
        return [resolve(entry, self.entry) for entry in found if entry is not None]


def _bibliography(path: Path) -> BibliographyData:
    """A BibTeX file's entries, each parsed when a report cites it when the
    file can be scanned (:mod:`georeport.bib.scan`: the journal's file holds
    the sources of its whole archive), else all at once by pybtex."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        msg = f"{path}: {err.strerror}: fix bibtex_bibfiles in conf.py"
        raise DepositError(msg) from None
    found = lazy_bibliography(path, raw)
    if found is not None:
        return found
    try:
        return bibtex.Parser().parse_string(raw.decode("utf-8"))
    except (PybtexError, UnicodeDecodeError) as err:
        msg = f"{path}: {err}: the HTML build names the line and the fix"
        raise DepositError(msg) from None
