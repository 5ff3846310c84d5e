"""Formatted entries kept between builds: pybtex formats each entry once.

Formatting an entry (pybtex's templates, and latexcodec decoding every field)
takes milliseconds, and it happens often: sphinxcontrib-bibtex formats every
entry of every report's References on every build (its ``env-updated``
handler), twice with tooltips on, and each footnote formats its entries when
its report is read. For an archive of 200 reports that is about 10,000 calls
a build, most of the time of a rebuild after editing one report.

The text of an entry depends only on the style's code and the entry's
content, so :func:`text` keeps it in a table keyed by both (the label is not
part of the text). The table lives in the Sphinx environment between builds
(:mod:`georeport.sphinxext.bibtex.entry_cache` restores it when a build starts
reading and stores what this build used, :func:`kept`). A changed entry, or a
changed style, has a new key, so nothing stale can be found.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable, Hashable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pybtex.database import Entry
    from pybtex.richtext import BaseText

_table: dict[Hashable, BaseText] = {}
_used: set[Hashable] = set()
#: Signatures by entry object, for one process: an archive's build asks for
#: the signature of each cited entry a dozen times (formatting, sorting,
#: dependencies), and pybtex's entries are not hashable. The entry is kept
#: with its signature, so its ``id`` cannot be reused by another object.
_signatures: dict[int, tuple[Entry, tuple[Hashable, ...]]] = {}


def entry_signature(entry: Entry) -> tuple[Hashable, ...]:
    """Everything of an entry a style can format: key, type, fields, names.

    Entries are not changed once read (a changed file is read into new
    ones), so an entry's signature is made once.
    """
    found = _signatures.get(id(entry))
    if found is not None and found[0] is entry:
        return found[1]
    persons = tuple(
        (role, tuple(str(person) for person in people))
        for role, people in entry.persons.items()
    )
    signature = (entry.key, entry.type, tuple(entry.fields.items()), persons)
    _signatures[id(entry)] = (entry, signature)
    return signature


def signed(entry: Entry, signature: tuple[Hashable, ...]) -> None:
    """Remember ``entry``'s signature, made by an earlier build.

    The environment keeps each cited entry with its signature; loaded
    together, the entry is the very object the signature was made of, so a
    build need not make it again (3,600 entries of a 200-report archive:
    0.07 s). A file read again gives new entries, which are signed anew."""
    _signatures[id(entry)] = (entry, signature)


@functools.cache
def style_identity(style: type) -> str:
    """The style's class and the code it runs (its module file, pybtex's)."""
    digest = hashlib.sha256(f"{style.__module__}.{style.__qualname__}".encode())
    source = getattr(sys.modules.get(style.__module__), "__file__", None)
    if source:
        digest.update(Path(source).read_bytes())
    for package in ("pybtex", "latexcodec"):
        digest.update(version(package).encode())
    return digest.hexdigest()


def text(style: object, entry: Entry, make: Callable[[], BaseText]) -> BaseText:
    """The formatted text of ``entry`` in ``style``: kept, or made now."""
    # a class is hashable: mypy checks its __hash__ as if it were the
    # instances' unbound method (python/mypy#11470), hence the ignores
    options = (  # what BaseStyle's constructor lets a caller change
        style_identity(type(style)),  # type: ignore[arg-type]  # mypy#11470
        style_identity(type(getattr(style, "name_style", None))),  # type: ignore[arg-type]  # mypy#11470
        getattr(style, "abbreviate_names", None),
    )
    key = (options, entry_signature(entry))
    _used.add(key)
    found = _table.get(key)
    if found is None:
        found = _table[key] = make()
    return found


def restore(table: dict[Hashable, BaseText]) -> None:
    """Start a build with the table the last build kept."""
    _used.clear()
    _table.update(table)


def kept() -> dict[Hashable, BaseText]:
    """What this build used, to keep for the next."""
    return {key: _table[key] for key in _used if key in _table}
