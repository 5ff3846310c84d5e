"""The guide's two references, written from the code (``python -m tools.reference``).

``guide/configuration.md`` from the settings' one declaration
(:data:`georeport.project.SETTINGS` and :data:`~georeport.project.OTHER_SETTINGS`),
``guide/warnings.md`` from the warnings' one enumeration
(:mod:`georeport.sphinxext.warnings_`). ``tests/test_reference.py`` fails when
a checked-in page differs from what this writes: change the declaration, then
run this again (``--check`` only says whether the pages are current).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from georeport.project import OTHER_SETTINGS, SETTINGS, Setting
from georeport.sphinxext.warnings_ import TYPE, BibtexWarning, GeoreportWarning

GUIDE = Path(__file__).resolve().parent.parent / "guide"
NOTICE = (
    "<!-- Written by `python -m tools.reference` from {source}: change it "
    "there, then run that command again. -->"
)
#: What a change of a setting makes Sphinx do, in the editors' words.
REBUILD = {
    "env": "every page is read again",
    "html": "every page is written again",
}


def markdown(text: str) -> str:
    """A docstring's reStructuredText literals (````x````) as Markdown's."""
    return re.sub(r"``(.+?)``", r"`\1`", text)


def _value(default: object) -> str:
    if default == "" or default is None:
        return "empty"
    if default is True or default is False:
        return f"`{default}`"
    return f"`{default!r}`"


def _setting(setting: Setting) -> list[str]:
    kind = "`True` or `False`" if isinstance(setting.default, bool) else "text"
    if isinstance(setting.default, list):
        kind = "a list of texts"
    return [
        f"### `{setting.name}`",
        "",
        markdown(setting.doc),
        "",
        f"Default: {_value(setting.default)}. Type: {kind}. "
        f"When it changes, {REBUILD[setting.rebuild]}.",
        "",
    ]


def configuration() -> str:
    """``guide/configuration.md``."""
    lines = [
        "# Configuration reference",
        "",
        NOTICE.format(source="`src/georeport/project.py`"),
        "",
        "The journal's settings are Python assignments in `docs/conf.py`, such "
        'as `georeport_issn = "2785-2598"`. Everything about one report is in '
        "its front matter instead ([Writing a report](writing.md)). A setting "
        "can also be given for one build: `./noxw -- -D georeport_epub=0`.",
        "",
        "## georeport's settings",
        "",
    ]
    for setting in SETTINGS:
        lines += _setting(setting)
    lines += [
        "## Settings of Sphinx and its extensions that georeport reads",
        "",
        "Any other setting of [Sphinx](https://www.sphinx-doc.org/en/master/"
        "usage/configuration.html) or of its extensions works as it does "
        "there; these are the ones a journal sets.",
        "",
    ]
    lines += [line for s in OTHER_SETTINGS if s.doc for line in _setting(s)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _subtypes(
    kind: str, members: Iterable[GeoreportWarning | BibtexWarning]
) -> list[str]:
    lines = []
    for member in members:
        lines += [f"### `{kind}.{member.value}`", "", markdown(member.doc), ""]
    return lines


def warnings() -> str:
    """``guide/warnings.md``."""
    lines = [
        "# Warnings and errors reference",
        "",
        NOTICE.format(source="`src/georeport/sphinxext/warnings_.py`"),
        "",
        "Every problem in a report, in `references.bib` or in `docs/conf.py` "
        "is printed as one line that names the file and the line, says what is "
        "wrong and what to do: `FILE:LINE: what: fix`. The editions are built "
        "strictly: any warning stops the build, and the editions stay as the "
        "last good build left them. The preview goes on and shows the problem "
        "on the page.",
        "",
        "Faults that make a build impossible (a BibTeX file that cannot be "
        "read, a report that is not UTF-8, an ISSN with a wrong check digit) "
        "are errors: they stop every build, the preview's too.",
        "",
        "A journal that accepts one kind of warning may silence it in "
        "`docs/conf.py`, e.g. `suppress_warnings = "
        f'["{TYPE}.{GeoreportWarning.URL.value}"]`. What it warns of is then '
        "still kept out of the editions (a file outside the project is not "
        "published, a URL of an unknown scheme stays text).",
        "",
        "## georeport's warnings",
        "",
        *_subtypes(TYPE, GeoreportWarning),
        "## Citations",
        "",
        "These are sphinxcontrib-bibtex's own kinds, which georeport reports "
        "where it does that library's work.",
        "",
        *_subtypes("bibtex", BibtexWarning),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


#: Each page of the guide written here, and what writes it.
PAGES = {"configuration.md": configuration, "warnings.md": warnings}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.reference", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="only say whether they are current"
    )
    args = parser.parse_args(argv)
    stale = []
    for name, write in PAGES.items():
        path = GUIDE / name
        text = write()
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        for path in stale:
            print(f"{path}: stale: run python -m tools.reference", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
