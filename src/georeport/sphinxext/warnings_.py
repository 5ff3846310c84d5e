"""Every warning and error georeport logs, in one enumeration of subtypes.

Each goes through Sphinx's logger as ``type="georeport"`` with one of the
subtypes below, so ``-W`` turns it into a failure and a project can silence
one kind with ``suppress_warnings = ["georeport.<subtype>"]`` in ``conf.py``
(README.md, "Warnings"). Problems that make a build impossible (a bad
BibTeX file, a source that is not UTF-8, an invalid ISSN) are not warnings:
they stop the build with :class:`~georeport.sphinxext.checks.InputError` or
Sphinx's ``ConfigError``.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util.logging import getLogger

if TYPE_CHECKING:
    from docutils.nodes import Node

#: The ``type`` of every georeport warning.
TYPE = "georeport"

logger = getLogger("georeport")


class GeoreportWarning(Enum):
    """The subtypes of georeport's warnings: ``georeport.<value>``."""

    METADATA = "metadata"
    """A report's front matter is missing a field or holds a malformed one."""
    COVER = "cover"
    """A report's cover image is not where ``cover.path`` says."""
    NO_CITATION = "no_citation"
    """A report has a References section but cites no source."""
    BODY = "body"
    """A report's text is broken: an unclosed code fence, a second title, a
    footnote that vanished."""
    PATH = "path"
    """A file a report names (its cover, the report itself through a
    symbolic link) lies outside the project."""
    URL = "url"
    """A URL whose scheme is not http, https, mailto, ftp or a DOI: shown as
    text, never as a link."""
    SPEEDUPS = "speedups"
    """An installed library is not a version the speed-ups were checked against."""


def log(
    subtype: GeoreportWarning,
    message: str,
    *args: Any,
    location: str | tuple[str, int | None] | Node | None = None,
    error: bool = False,
) -> None:
    """Log ``message`` (``%``-formatted with ``args``) as ``georeport.<subtype>``.

    ``error`` marks a fault in the editor's files (logged as ERROR); both
    fail a strict build.
    """
    emit = logger.error if error else logger.warning
    emit(message, *args, location=location, type=TYPE, subtype=subtype.value)
