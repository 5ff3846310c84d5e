"""Bad input stops the build early, with one message naming file, line and fix.

Without these checks an editor's typo reaches the libraries first and comes
back as a crash: pybtex reports an unclosed brace at the *next* entry,
sphinxcontrib-bibtex lets a parse error escape as an "Extension error", Sphinx
itself crashes on a source that is not UTF-8. Each problem is logged as an
error at its line and the build ends there (:func:`.warnings_.stop`). (A
report whose References has nothing to list is found by
:mod:`.bibtex.bibliography`.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..bib import checks, rules, scan
from .bibtex import speedups
from .warnings_ import stop

if TYPE_CHECKING:
    from types import ModuleType

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _source(module: ModuleType) -> bytes:
    assert module.__file__ is not None  # a module of this package: a file
    return Path(module.__file__).read_bytes()


#: Environment attribute: the hash of each bib file (and of these checks)
#: when it last passed.
CHECKED = "georeport_checked_bibfiles"
_CODE = b"".join(_source(module) for module in (checks, scan, rules))


def check_bibliography(app: Sphinx) -> None:
    """Check every configured bib file before sphinxcontrib-bibtex reads it.

    A file that passed and has not changed since is not read again: the
    checks read nothing else. What is read here (:func:`.checks.parse_checked`:
    for an editor's usual file, its entries split and checked, each parsed
    by pybtex only when a report reads it), when the file is the build's only
    one, is handed to sphinxcontrib-bibtex (:func:`.bibtex.speedups.share_parse`),
    which would otherwise parse the whole file: seconds for an archive.
    """
    checked: dict[str, str] = getattr(app.env, CHECKED, {})
    names = app.config.bibtex_bibfiles or []
    share = len(names) == 1 and speedups.can_share_parse(app)
    encoding = app.config.bibtex_encoding if share else None
    problems, passed = [], {}
    for name in names:
        path = Path(app.confdir, name).resolve()
        if path.is_file():
            mtime = path.lstat().st_mtime  # before reading: a later edit is seen
            raw = path.read_bytes()
            digest = hashlib.sha256(_CODE + raw).hexdigest()
            found, data = (
                ([], None)
                if checked.get(str(path)) == digest
                else checks.parse_checked(path, encoding, raw)
            )
            problems += found
            if not found:
                passed[str(path)] = digest
            if share and data is not None:
                speedups.share_parse(app, path, mtime, data)
    setattr(app.env, CHECKED, passed)
    if problems:
        stop(*problems)


def check_encoding(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Sphinx would crash on a source that is not UTF-8: name its line instead."""
    for docname in docnames:
        path = Path(env.doc2path(docname))
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            byte = data[err.start : err.start + 1].hex()
            msg = (
                f"{path}:{line}: the file is not UTF-8 (byte 0x{byte}): "
                "save it as UTF-8 in your editor"
            )
            stop(msg)


def setup(app: Sphinx) -> None:
    """Bad BibTeX files and sources stop the build before they are read."""
    # before sphinxcontrib-bibtex's (priority 500), which reads the files
    app.connect("builder-inited", check_bibliography, priority=400)
    app.connect("env-before-read-docs", check_encoding)
