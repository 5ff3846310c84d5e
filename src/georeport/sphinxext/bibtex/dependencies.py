"""A report is read again when an entry it cites changes, not when any does.

The journal keeps the sources of every report in one ``references.bib``.
sphinxcontrib-bibtex makes each ``{bibliography}`` depend on the whole file
(``env.note_dependency``), so adding the next report's sources would read the
whole archive again; and a footnote, formatted when its report is read, does
not depend on the file at all, so a corrected entry would stay old in the
footnotes of a report that was not read again.

Instead, each build keeps the signature
(:func:`georeport.bib.cache.entry_signature`) of every entry a document
cites (``{footcite}``, ``{cite}``, or listed in a ``{bibliography}``) in the
environment, None for a cited key no file holds. When the next build starts,
the documents citing an entry whose signature changed, appeared or vanished
are read again, and only they. Only cited entries are signed: an entry
nobody cites makes no document outdated, whatever happens to it, and the
journal's archive holds thousands of them (signing them all took seconds a
build). A document that starts citing an entry is read again anyway: it
changed. A report's References
(:mod:`.bibliography`) then needs no dependency on the whole file, and drops it
(:func:`drop_file_dependency`); other ``{bibliography}`` filters keep it.

The entries themselves are kept beside their signatures: loaded with the
environment, each is the object its signature was made of, and the build
takes the signature as made (:func:`georeport.bib.cache.signed`) instead of
making it again for every cited entry of the archive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...bib.cache import entry_signature, signed
from .domain import bibtex_domain

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Attribute of the Sphinx environment that keeps the signatures.
ENV_ATTRIBUTE = "georeport_entry_signatures"
#: Attribute of the Sphinx environment that keeps the entries signed.
ENTRIES = "georeport_signed_entries"


def signatures(
    env: BuildEnvironment, keys: Iterable[str]
) -> dict[str, tuple[Hashable, ...] | None]:
    """The entries ``keys`` name, by key: None for a key no file holds."""
    entries = bibtex_domain(env).bibdata.data.entries
    return {
        key: None if (entry := entries.get(key)) is None else entry_signature(entry)
        for key in keys
    }


def cited(env: BuildEnvironment) -> set[str]:
    """Every key a document cites, or lists in a bibliography."""
    domain = bibtex_domain(env)
    keys = {target.key for ref in domain.citation_refs for target in ref.targets}
    for bibliography in domain.bibliographies.values():
        keys.update(bibliography.keys)
    return keys


def citing(env: BuildEnvironment, keys: set[str]) -> set[str]:
    """The documents that cite one of ``keys``, or list it in a bibliography."""
    domain = bibtex_domain(env)
    found = {
        ref.docname
        for ref in domain.citation_refs
        if any(target.key in keys for target in ref.targets)
    }
    found.update(
        where.docname
        for where, bibliography in domain.bibliographies.items()
        if keys.intersection(bibliography.keys)
    )
    return found


def outdated(
    _app: Sphinx,
    env: BuildEnvironment,
    _added: set[str],
    _changed: set[str],
    removed: set[str],
) -> Iterable[str]:
    """``env-get-outdated``: the documents whose cited entries changed."""
    before = getattr(env, ENV_ATTRIBUTE, None)
    if before is None:  # a new environment: every document is read anyway
        return []
    for key, entry in getattr(env, ENTRIES, {}).items():
        if (signature := before.get(key)) is not None:
            signed(entry, signature)
    now = signatures(env, before)
    changed = {key for key, signature in now.items() if before[key] != signature}
    if not changed:
        return []
    return sorted(citing(env, changed) & env.found_docs - removed)


def store(_app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: what the cited entries were in this build."""
    keys = cited(env)
    setattr(env, ENV_ATTRIBUTE, signatures(env, keys))
    entries = bibtex_domain(env).bibdata.data.entries
    setattr(env, ENTRIES, {key: entries[key] for key in keys if key in entries})


def drop_file_dependency(env: BuildEnvironment, bibfiles: Iterable[Path]) -> None:
    """The current document no longer depends on the whole of ``bibfiles``."""
    dependencies = env.dependencies.get(env.docname)
    if dependencies:
        for bibfile in bibfiles:
            dependencies.discard(env.srcdir / bibfile)
