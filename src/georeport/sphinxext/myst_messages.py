"""MyST's warnings about a report's text, at their place and with the fix.

MyST names an unknown role at its paragraph's first line, and an unknown
role or directive without the name the editor probably meant. A filter on
MyST's logger gives such a record the role's own line and column
(:mod:`.places`) and adds "did you mean ...?" (difflib over the names
registered); it changes only the message and the place, never whether a
warning is logged, nor its type (``myst.role_unknown``: ``suppress_warnings``
works as before). A role meant as ``{footcite}`` (``{footnote}``) is a
citation that failed (:func:`.bibtex.cite.note_citation_fault`).

MyST's warnings from inside a fence left open are left out: what it took in
(a directive's options read as content) is the consequence of the open
fence, which :mod:`.body_checks` names at its line (:func:`note_open_fence`).
"""

from __future__ import annotations

import difflib
import logging
import re
from typing import TYPE_CHECKING, Any, cast

from docutils.parsers.rst import directives, roles

from . import places
from .bibtex.cite import note_citation_fault

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The logger MyST's warnings come from (``myst_parser/warnings_.py``), as
#: Sphinx names it.
LOGGER = "sphinx.myst_parser.warnings_"
#: ``env.temp_data``: the lines (first, last) of the fences left open in the
#: document being read.
_OPEN_FENCES = "georeport_open_fences"
_UNKNOWN_ROLE = re.compile(r'^Unknown interpreted text role "(?P<name>[^"]+)"\.?$')
_UNKNOWN_DIRECTIVE = re.compile(r"^Unknown directive type: '(?P<name>[^']+)'\.?$")


def note_open_fence(env: BuildEnvironment, first: int, last: int) -> None:
    """A fence left open from line ``first`` to ``last``, said at ``first``."""
    fences = cast("list[tuple[int, int]]", env.temp_data.setdefault(_OPEN_FENCES, []))
    fences.append((first, last))


class _Messages(logging.Filter):
    """The filter, for one Sphinx application."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        env = getattr(self.app, "env", None)
        if env is None or not isinstance(location, tuple) or len(location) != 2:
            return True
        docname, line = location
        if docname != env.docname or not isinstance(line, int):
            return True
        fences = env.temp_data.get(_OPEN_FENCES, [])
        if any(first <= line <= last for first, last in fences):
            return False  # what the open fence took in: its error speaks for it
        message = record.getMessage()
        if getattr(record, "subtype", "") == "role_unknown" and (
            found := _UNKNOWN_ROLE.match(message)
        ):
            name = found["name"]
            index = places.run_index(env, name, line)
            written = places.find(env, name, line, index)
            if written is not None:
                record.location = written.place()
            guess = _closest(name, _roles(env))
            if guess == "footcite":
                note_citation_fault(env)
            if guess:
                _rewrite(record, f"{message.rstrip('.')}: did you mean {{{guess}}}?")
        elif getattr(record, "subtype", "") == "directive_unknown" and (
            found := _UNKNOWN_DIRECTIVE.match(message)
        ):
            guess = _closest(found["name"], _directives(env))
            if guess:
                _rewrite(record, f"{message.rstrip('.')}: did you mean {{{guess}}}?")
        return True


def _rewrite(record: logging.LogRecord, message: str) -> None:
    record.msg, record.args = message, ()


def _closest(name: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(set(names)), n=1)
    return close[0] if close else ""


def _domain_names(env: BuildEnvironment, kind: str) -> list[str]:
    """A domain's roles or directives, with their domain (``py:func``); the
    standard and the primary domain's without it too, as MyST finds them."""
    primary = env.config.primary_domain
    names: list[str] = []
    for domain in env.domains.sorted():
        items: dict[str, Any] = getattr(domain, kind)
        names += [f"{domain.name}:{item}" for item in items]
        if domain.name in ("std", primary):
            names += list(items)
    return names


def _registered(module: object, *registries: str) -> list[str]:
    """The names in docutils' registries (module globals, untyped)."""
    return [name for registry in registries for name in getattr(module, registry, {})]


def _roles(env: BuildEnvironment) -> list[str]:
    found = _registered(roles, "_roles", "_role_registry")
    return found + _domain_names(env, "roles")


def _directives(env: BuildEnvironment) -> list[str]:
    found = _registered(directives, "_directives", "_directive_registry")
    return found + _domain_names(env, "directives")


def setup(app: Sphinx) -> None:
    """MyST's warnings at their place, with the fix (one filter: that of the
    application last set up)."""
    logger = logging.getLogger(LOGGER)
    for old in [f for f in logger.filters if isinstance(f, _Messages)]:
        logger.removeFilter(old)
    logger.addFilter(_Messages(app))
