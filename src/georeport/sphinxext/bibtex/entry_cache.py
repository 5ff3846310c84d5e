"""Formatted entries kept in the Sphinx environment between builds.

sphinxcontrib-bibtex formats every entry of every report's References on every
build; :mod:`georeport.bib.cache` keeps each entry's text. Here the table is
restored when a build starts reading and stored, with only what this build
used, once every References is formatted (after sphinxcontrib-bibtex's own
``env-updated`` handler).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...bib import cache

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Attribute of the Sphinx environment that keeps the table between builds.
ENV_ATTRIBUTE = "georeport_formatted_entries"


def restore(_app: Sphinx, env: BuildEnvironment, _docnames: list[str]) -> None:
    """``env-before-read-docs``: the table the last build kept."""
    cache.restore(getattr(env, ENV_ATTRIBUTE, {}))


def store(_app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: what this build used."""
    setattr(env, ENV_ATTRIBUTE, cache.kept())
