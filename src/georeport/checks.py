"""Bad input stops the build early, with one message naming file, line and fix.

Without these checks an editor's typo reaches the libraries first and comes
back as a crash: pybtex reports an unclosed brace at the *next* entry,
sphinxcontrib-bibtex lets a parse error escape as an "Extension error", Sphinx
itself crashes on a source that is not UTF-8, and a report whose References
section has nothing to list builds "successfully".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pybtex.errors
from docutils import nodes
from pybtex.database.input import bibtex
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError
from sphinx.errors import SphinxError
from sphinx.util.logging import getLogger
from sphinxcontrib.bibtex.nodes import bibliography

from .reports import is_report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

logger = getLogger(__name__)

_ENTRY = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,")
_FIELD = re.compile(r"^\s*([\w-]+)\s*=")


class InputError(SphinxError):
    """A source file the build cannot use; the message says where and why."""

    category = "Bad input"


@contextmanager
def _strict() -> Iterator[None]:
    """pybtex only raises on repeated keys in strict mode, a global setting."""
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        yield
    finally:
        pybtex.errors.set_strict_mode(previous)


def _line_of(path: Path, pattern: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(pattern, line):
            return number
    return 1


def _fields(lines: list[str], start: int) -> list[tuple[str, int, str]]:
    """``(name, line, text)`` of each field of the entry starting at ``start``."""
    fields: list[tuple[str, int, str]] = []
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if _ENTRY.match(line):
            break
        match = _FIELD.match(line)
        if match:
            fields.append((match.group(1), number + 1, line))
        elif fields:
            name, at, text = fields[-1]
            fields[-1] = (name, at, f"{text}\n{line}")
    return fields


def _syntax(path: Path) -> list[str]:
    """Say which field of which entry breaks the syntax, line by line.

    pybtex's parser names only where it gave up; this reads the file as an
    editor writes it (one field per line) to name the brace or comma.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = []
    for start, line in enumerate(lines):
        entry = _ENTRY.match(line)
        if not entry:
            continue
        key = entry.group(2)
        fields = _fields(lines, start)
        for index, (name, number, text) in enumerate(fields):
            value = text.split("=", 1)[1]
            last = index == len(fields) - 1
            if not last:
                value = value.rstrip()
            opened, closed = value.count("{"), value.count("}")
            if opened > closed and not last:
                problems.append(
                    f"{path}:{number}: the field '{name}' of entry '{key}' opens a "
                    f"brace it does not close: add the missing '}}' (or remove "
                    "the extra '{')"
                )
            elif closed > opened + (1 if last else 0):
                problems.append(
                    f"{path}:{number}: the field '{name}' of entry '{key}' closes a "
                    "brace it did not open: remove the extra '}' (or add the '{')"
                )
            elif not last and not value.endswith(","):
                problems.append(
                    f"{path}:{number}: a comma is missing after the field '{name}' "
                    f"of entry '{key}': end the line with ','"
                )
    return problems


def check_bibfile(path: Path) -> list[str]:
    """Every problem of one BibTeX file, as ``file:line: what - fix`` lines."""
    parser = bibtex.Parser()
    try:
        with _strict():
            data = parser.parse_file(str(path))
    except PybtexSyntaxError as err:
        found = _syntax(path)
        return found or [f"{path}:{err.lineno}: {err}: check the entry above"]
    except PybtexError as err:  # repeated entries, in strict mode
        match = re.search(r"repeated bibliography entry: (\S+)", str(err))
        if not match:
            return [f"{path}:1: {err}"]
        key = match.group(1)
        first = _line_of(path, rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,")
        lines = path.read_text(encoding="utf-8").splitlines()
        second = next(
            number
            for number, line in enumerate(lines, 1)
            if number > first and re.search(rf"[{{(]\s*{re.escape(key)}\s*,", line)
        )
        return [
            f"{path}:{second}: entry key '{key}' is already used on line {first}: "
            "rename one of them (and its citations), or delete the duplicate"
        ]
    problems = []
    for key, entry in data.entries.items():
        if not entry.fields.get("title", "").strip():
            line = _line_of(path, rf"[{{(]\s*{re.escape(key)}\s*,")
            problems.append(
                f"{path}:{line}: entry '{key}' has no title: add "
                "title = {...} (the house style starts with it)"
            )
    return problems


#: Environment attribute: the hash of each bib file (and of these checks)
#: when it last passed.
CHECKED = "georeport_checked_bibfiles"
_CODE = Path(__file__).read_bytes()


def check_bibliography(app: Sphinx) -> None:
    """Check every configured bib file before sphinxcontrib-bibtex reads it.

    A file that passed and has not changed since is not parsed again: the
    checks read nothing else, and parsing the bibliography of a whole archive
    takes seconds.
    """
    checked: dict[str, str] = getattr(app.env, CHECKED, {})
    problems, passed = [], {}
    for name in app.config.bibtex_bibfiles or []:
        path = Path(app.confdir, name).resolve()
        if path.is_file():
            digest = hashlib.sha256(_CODE + path.read_bytes()).hexdigest()
            found = [] if checked.get(str(path)) == digest else check_bibfile(path)
            problems += found
            if not found:
                passed[str(path)] = digest
    setattr(app.env, CHECKED, passed)
    if problems:
        raise InputError("\n".join(problems))


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
            raise InputError(msg) from None


def check_citations(app: Sphinx, doctree: nodes.document) -> None:
    """A report whose References section lists nothing is a mistake."""
    docname = app.env.docname
    if not is_report(app, docname):
        return
    node = next(iter(doctree.findall(bibliography)), None)
    if node is None:
        return
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    if any(ref.docname == docname for ref in domain.citation_refs):
        return
    section = node.parent
    title = section[0] if isinstance(section, nodes.section) else node
    logger.error(
        "the report has a References section but cites nothing: cite its "
        "sources with {footcite}`key`, or remove the References section",
        location=title,
        type="georeport",
        subtype="no_citation",
    )
