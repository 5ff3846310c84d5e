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

from ..bib import checks, crossref, rules, scan
from ..model import doi
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
_CODE = b"".join(_source(module) for module in (checks, scan, rules, crossref, doi))


def check_bibliography(app: Sphinx) -> None:
    """Check every configured bib file before sphinxcontrib-bibtex reads it.

    Files that passed and have not changed since (none of them: a parent
    named by ``crossref`` may be in another) are not read again: the checks
    read nothing else. What is read here (:func:`.checks.parse_checked`:
    for an editor's usual file, its entries split and checked, each parsed
    by pybtex only when a report reads it), when the file is the build's only
    one, is handed to sphinxcontrib-bibtex (:func:`.bibtex.speedups.share_parse`),
    which would otherwise parse the whole file: seconds for an archive.
    """
    checked: dict[str, str] = getattr(app.env, CHECKED, {})
    names = app.config.bibtex_bibfiles or []
    share = len(names) == 1 and speedups.can_share_parse(app)
    encoding = app.config.bibtex_encoding
    found = (Path(app.confdir, name).resolve() for name in names)
    paths = [path for path in found if path.is_file()]
    # before reading: a later edit is seen
    mtimes = [path.lstat().st_mtime for path in paths]
    raws = [path.read_bytes() for path in paths]
    digest = hashlib.sha256(b"\0".join([_CODE, *raws])).hexdigest()
    if paths and all(checked.get(str(path)) == digest for path in paths):
        return
    problems, parsed = [], []
    for path, raw in zip(paths, raws, strict=True):
        faults, data = checks.parse_checked(path, encoding, raw)
        problems += faults
        if data is not None:
            parsed.append((path, data))
    if not problems:
        problems = checks.crossref_problems(parsed)
    if problems:
        setattr(app.env, CHECKED, {})
        stop(*problems)
    setattr(app.env, CHECKED, dict.fromkeys(map(str, paths), digest))
    if share and parsed:
        ((path, data),) = parsed
        speedups.share_parse(app, path, mtimes[0], data)


def check_encoding(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Sphinx would crash on a source that is not UTF-8: name its line instead."""
    for docname in docnames:
        path = Path(env.doc2path(docname))
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            byte = data[err.start : err.start + 1].hex()
            msg = (
                f"{path}:{line}: the file is not UTF-8 (byte 0x{byte} in column "
                f"{column}): save it as UTF-8 in your editor"
            )
            stop(msg)


def setup(app: Sphinx) -> None:
    """Bad BibTeX files and sources stop the build before they are read."""
    # before sphinxcontrib-bibtex's (priority 500), which reads the files
    app.connect("builder-inited", check_bibliography, priority=400)
    app.connect("env-before-read-docs", check_encoding)
