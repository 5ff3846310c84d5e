"""Citations that fail in a report: said once, at their place.

sphinxcontrib-bibtex's other citation roles, ``{cite}``, ``{cite:p}``,
``{cite:t}``... (a citation in the text) and ``{footcite:p}``... (the
library's own footnotes, numbered its way), make none of the journal's
footnotes (:mod:`.footcite`): a report citing with them lost its footnotes,
and ``{cite}`` said that a key it held could not be found. In a report each
is an error at its line and column with the ``{footcite}`` to write
(:class:`FootnotesOnly`); in the journal's other pages the library's role
runs.

A citation that failed, and whose error is said, is noted
(:func:`note_citation_fault`): the report's References then list nothing, a
consequence that is not said again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain

from .. import places
from ..front_matter import is_report
from ..warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from docutils import nodes
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data``: a citation of the document being read failed, and its
#: error is said.
CITATION_FAULT = "georeport_citation_fault"


def note_citation_fault(env: BuildEnvironment) -> None:
    """A citation the editor wrote failed, and its error is said."""
    env.temp_data[CITATION_FAULT] = True


def citation_fault(env: BuildEnvironment) -> bool:
    """Did a citation of the document being read fail (its error said)?"""
    return bool(env.temp_data.get(CITATION_FAULT))


class FootnotesOnly:
    """A citation role of sphinxcontrib-bibtex's, refused in a report."""

    def __init__(self, role: Callable[..., Any]) -> None:
        self.role = role

    def __call__(
        self,
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: dict[str, Any] | None = None,
        content: Sequence[str] = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        env: BuildEnvironment = inliner.document.settings.env
        if not is_report(env, env.docname):
            result: tuple[list[nodes.Node], list[nodes.system_message]]
            result = self.role(name, rawtext, text, lineno, inliner, options, content)
            return result
        index = places.run_index(env, name, lineno)
        found = places.find(env, name, lineno, index, text)
        note_citation_fault(env)
        log(
            GeoreportWarning.CITE,
            "%s",
            f"{{{name}}}`{text}` makes none of the journal's footnotes: write "
            f"{{footcite}}`{text}`",
            location=found.place() if found else (env.docname, lineno),
            error=True,
        )
        return [], []


def refused(roles: Mapping[str, Callable[..., Any]]) -> dict[str, Any]:
    """A domain's roles, each refused in reports."""
    return {name: FootnotesOnly(role) for name, role in roles.items()}


class ReportsFootDomain(BibtexFootDomain):
    """The ``footcite`` domain, its roles (``{footcite:p}``...) refused in
    reports."""

    roles = refused(BibtexFootDomain.roles)
