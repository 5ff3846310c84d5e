"""The journal: its facts, configured once in ``conf.py`` and checked once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from . import doi as dois
from .errors import MetadataError
from .issn import validate_issn
from .licence import Licence, LicenceError, licence


@dataclass(frozen=True)
class Journal:
    """Journal-wide facts, configured once in ``conf.py``."""

    title: str
    issn: str
    publisher: str
    base_url: str = ""
    rights: str = ""  #: e.g. "© {year} Publisher"; {year} is the report's year
    #: A sentence or two about the journal, on its front page.
    description: str = ""
    #: The logo on the front page: a path in the project's source folder.
    logo: str = ""
    #: The journal's DOI prefix (``10.12345``), or ``""``: reports without
    #: ``doi:`` in their front matter then have none.
    doi_prefix: str = ""
    #: How a report's DOI is made from the prefix (:mod:`georeport.doi`).
    doi_pattern: str = dois.DEFAULT_PATTERN
    #: The journal's language (``conf.py``'s ``language``): its own pages',
    #: and the language of a report whose front matter names none.
    language: str = "en"
    #: The licence every report is published under, or None
    #: (:mod:`georeport.model.licence`).
    licence: Licence | None = None

    @classmethod
    def from_config(
        cls,
        title: str,
        issn: str,
        publisher: str,
        base_url: str = "",
        rights: str = "",
        description: str = "",
        logo: str = "",
        doi_prefix: str = "",
        doi_pattern: str = "",
        language: str = "",
        license: str = "",
        license_url: str = "",
    ) -> Journal:
        """Check the configured facts; an invalid ISSN stops the build."""
        if not title.strip():
            raise MetadataError("georeport_journal_title: empty; set the journal name")
        try:
            issn = validate_issn(issn)
        except ValueError as err:
            raise MetadataError(f"georeport_issn: {err}") from None
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        description = " ".join(description.split())
        try:
            doi_prefix = dois.check_prefix(doi_prefix) if doi_prefix.strip() else ""
        except ValueError as err:
            raise MetadataError(f"georeport_doi_prefix: {err}") from None
        try:
            doi_pattern = dois.check_pattern(
                doi_pattern.strip() or dois.DEFAULT_PATTERN
            )
        except ValueError as err:
            raise MetadataError(f"georeport_doi_pattern: {err}") from None
        try:
            found = licence(license, license_url)
        except LicenceError as err:
            raise MetadataError(f"{err.setting}: {err}") from None
        return cls(
            title.strip(),
            issn,
            publisher.strip(),
            base_url,
            rights.strip(),
            description,
            logo.strip(),
            doi_prefix,
            doi_pattern,
            language.strip() or "en",
            found,
        )

    def page_url(self, docname: str) -> str:
        """Absolute URL of a page of the HTML edition, or ``""`` with no
        base URL."""
        return f"{self.base_url}{quote(docname)}.html" if self.base_url else ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Journal:
        """The journal of a project's settings (``conf.py``'s ``georeport_*``
        names and ``language``, as Sphinx's config or ``conf.py`` run as a
        script holds them)."""

        def get(name: str) -> str:
            value = settings.get(f"georeport_{name}") or ""
            return value if isinstance(value, str) else str(value)

        return cls.from_config(
            get("journal_title"),
            get("issn"),
            get("publisher"),
            get("base_url"),
            get("rights"),
            get("description"),
            get("logo"),
            get("doi_prefix"),
            get("doi_pattern"),
            str(settings.get("language") or ""),
            get("license"),
            get("license_url"),
        )
