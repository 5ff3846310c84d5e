"""``{lang}`საქართველო <ka>```: words of the report in another language.

A source says its language with ``langid``; the report's own words in
another language say it with this role, the text then its BCP 47 tag in
angle brackets, as ``{doc}`` takes a title and a target. It becomes what a
source's entry is: an inline of class ``language-ka``, so ``lang="ka"`` on
the page and in the book (docutils), polyglossia's ``\\foreignlanguage`` in
the PDF for a language of the main fonts (its hyphenation), the script's
font for the others (:mod:`.latex_scripts`).

The PDF declares to polyglossia the languages the reports use, so the
languages of each document's roles are kept in the environment
(:func:`used`), as sphinxcontrib-bibtex keeps what is cited.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Environment attribute: docname -> the language tags of its roles.
ENV_ATTRIBUTE = "georeport_passage_languages"
#: ``words <tag>``; the tag a language, its script and region (``zh-Hant``).
_ROLE = re.compile(
    r"^(?P<text>.*\S)\s*<(?P<tag>[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?)>$",
    re.DOTALL,
)


def _languages(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, ENV_ATTRIBUTE):
        setattr(env, ENV_ATTRIBUTE, {})
    found: dict[str, set[str]] = getattr(env, ENV_ATTRIBUTE)
    return found


def used(env: BuildEnvironment) -> set[str]:
    """Every language tag a ``{lang}`` role of the project names."""
    return set().union(*_languages(env).values())


class LangRole(SphinxRole):
    """``{lang}`words <tag>```: the words, in that language."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found = _ROLE.match(self.text)
        if found is None:
            log(
                GeoreportWarning.LANG,
                "{lang}`%s` is not words and their language: write "
                "{lang}`საქართველო <ka>` (the language's code in angle brackets)",
                self.text,
                location=(self.env.docname, self._line()),
                error=True,
            )
            return [nodes.Text(self.text)], []
        tag = found["tag"]
        _languages(self.env).setdefault(self.env.docname, set()).add(tag)
        text = found["text"]
        return [nodes.inline(text, text, classes=[f"language-{tag}"])], []

    def _line(self) -> int:
        """The role's own line: MyST gives its paragraph's first."""
        path = Path(self.env.doc2path(self.env.docname))
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return self.lineno
        first = f"`{self.text.splitlines()[0]}" if self.text else ""
        for number in range(self.lineno, len(lines) + 1):
            if first and first in lines[number - 1]:
                return number
        return self.lineno


def on_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget the languages of a document about to be read again."""
    _languages(env).pop(docname, None)


def on_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the languages noted by a parallel reader."""
    theirs = _languages(other)
    _languages(env).update({d: theirs[d] for d in docnames if d in theirs})


def setup(app: Sphinx) -> None:
    """The ``{lang}`` role."""
    app.add_role("lang", LangRole())
    app.connect("env-purge-doc", on_purge_doc)
    app.connect("env-merge-info", on_merge_info)
