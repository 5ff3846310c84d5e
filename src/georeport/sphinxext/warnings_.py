"""Every warning and error georeport logs, in one enumeration of subtypes.

Each goes through Sphinx's logger as ``type="georeport"`` with one of the
subtypes below, so ``-W`` turns it into a failure and a project can silence
one kind with ``suppress_warnings = ["georeport.<subtype>"]`` in ``conf.py``
(``guide/warnings.md`` is written from these enumerations). Problems that
make a build impossible (a bad BibTeX file, a source that is not UTF-8, an
invalid ISSN) are not warnings: :func:`stop` logs them as errors and ends
the build (:class:`InputError`).
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sphinx.util.logging import getLogger

from ..project import conf_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docutils.nodes import Node
    from sphinx.application import Sphinx

#: The ``type`` of every georeport warning.
TYPE = "georeport"

logger = getLogger("georeport")


class _Subtypes(Enum):
    """Subtypes declared with what each means (:attr:`doc`, which the
    warnings reference prints): ``NAME = "value", "what it means"``."""

    doc: str

    def __new__(cls, value: str, doc: str) -> _Subtypes:
        member = object.__new__(cls)
        member._value_ = value
        member.doc = doc
        return member


class GeoreportWarning(_Subtypes):
    """The subtypes of georeport's warnings: ``georeport.<value>``."""

    METADATA = (
        "metadata",
        "A report's front matter is missing a field or holds a malformed one.",
    )
    COVER = "cover", "A report's cover image is not where ``cover.path`` says."
    NO_CITATION = (
        "no_citation",
        "A report has a References section but cites no source.",
    )
    BODY = (
        "body",
        "A report's text is broken: an unclosed code fence, a second title, a "
        "footnote that vanished.",
    )
    PATH = (
        "path",
        "A file a report names (its cover, an image, an included file, the "
        "report itself through a symbolic link) lies outside the project, or "
        "is an address a directive would fetch (no build reads the network).",
    )
    IMAGE = (
        "image",
        "An image or a cover is not a PNG, a JPEG or an SVG without scripts "
        "and links (checked by what the file holds, not its name), or is an "
        "SVG, which the PDF edition cannot show.",
    )
    MARKUP = (
        "markup",
        "A report's text holds markup that would pass into an edition "
        "unchecked (HTML, a raw block, ``{eval-rst}``, math, ``{meta}``), "
        "which ``georeport_allow_raw_markup`` allows.",
    )
    NAME = (
        "name",
        "Two reports in different folders of the reports folder have one file "
        "name, which names a report's PDF and EPUB: the second is not built.",
    )
    URL = (
        "url",
        "A URL whose scheme is not http, https, mailto, ftp or a DOI: shown as "
        "text, never as a link.",
    )
    KEY_CASE = (
        "key_case",
        "A report cites a key in another case than its entry writes it: the "
        "same source to the build, but BibTeX warns of a case mismatch and "
        "biber finds no entry.",
    )
    CITE = (
        "cite",
        "A report cites with a role that makes no footnote of the journal's "
        "(``{cite}``, ``{cite:p}``, ``{footcite:p}``...): the journal cites in "
        "footnotes, with ``{footcite}``.",
    )
    SPEEDUPS = (
        "speedups",
        "An installed library is not a version the speed-ups were checked "
        "against: they are off, the editions are the same, slower.",
    )


class BibtexWarning(_Subtypes):
    """The subtypes georeport logs as ``bibtex.<value>``: sphinxcontrib-bibtex's
    own, where georeport takes over its work (the grouped ``{footcite}``, the
    References' filter), so that a project silences them in one way."""

    KEY_NOT_FOUND = (
        "key_not_found",
        "A report cites a key that no entry of the BibTeX files has: the "
        "footnote says so in the preview.",
    )
    FOOTCITE = (
        "footcite",
        "A ``{footcite}`` role cannot be read: keys separated by commas, a "
        "locator in braces after its key.",
    )
    FILTER_SYNTAX_ERROR = (
        "filter_syntax_error",
        "The ``:filter:`` of a References list is not a valid expression.",
    )


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


class InputError(SystemExit):
    """Input the build cannot go on with; :func:`stop` has logged each of its
    problems, one ``FILE:LINE: ERROR: what: fix`` line each.

    A SystemExit (exit status 2), not a SphinxError: Sphinx 9 answers every
    other exception, its own SphinxError included, with a crash report that
    asks for a bug report to Sphinx, and saves a copy in the temporary folder
    (``handle_exception`` in ``sphinx/_cli/util/errors.py``). SystemExit alone
    passes by it, in ``sphinx-build`` (the preview) as in the editions."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(2)
        self.problems = tuple(problems)

    def __str__(self) -> str:
        return "\n".join(self.problems)


#: ``FILE:LINE: text``, the form of every problem :func:`stop` is given.
_AT = re.compile(r"(?P<where>.+?:\d+): (?P<text>.*)", re.DOTALL)


def stop(*problems: str) -> NoReturn:
    """Log each problem (``FILE:LINE: what: fix``) as an error at its place,
    as Sphinx logs any, then end the build."""
    for problem in problems:
        found = _AT.fullmatch(problem)
        if found:  # a location with ':' is a place, not a docname, to Sphinx
            logger.error("%s", found["text"], location=found["where"])
        else:
            logger.error("%s", problem)
    raise InputError(problems)


def in_conf(app: Sphinx, setting: str) -> str:
    """``conf.py:LINE``, the line that sets ``setting`` (1 when none does)."""
    return conf_line(Path(app.confdir), setting)
