"""Markup that passes into an edition unchecked: an error unless the journal
allows it (``georeport_allow_raw_markup``).

A report's text is written in MyST Markdown, which georeport checks and each
writer escapes. These pass around both, and are each an error at their line
(``georeport.markup``), withheld from every edition even when the error is
silenced:

* raw HTML or LaTeX: the ``{raw}`` directive (``.. raw::``), raw roles, and
  HTML written in the Markdown (a block or inline: MyST passes it as it is,
  ``<div onclick=...>`` included);
* ``{eval-rst}``: a block read as reStructuredText, where every rST
  construct reaches past MyST (roles made from ``raw``, substitutions);
* math (``{math}``, ``$...$``): LaTeX, set by TeX in the PDF and by MathJax
  on the page (``\\href``, ``\\input``);
* ``{meta}`` (tags in the page's head: a redirect) and ``{tabularcolumns}``
  (its argument is LaTeX);
* a MyST substitution that is not a name of ``myst_substitutions``: it is a
  Jinja expression, run by the build with the Sphinx environment at hand;
* ``myst:`` in the front matter: MyST's options for one file (extensions,
  ``html_meta`` tags in the head, link schemes).

A journal whose every writer is trusted may allow them; TeX still reads no
file outside its folder and runs no command (:mod:`georeport.editions.typeset`),
and no directive reads outside the project or the network (:mod:`.containment`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.parsers.rst import roles
from docutils.parsers.rst.directives.misc import Raw
from myst_parser.config.main import (
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.directives.other import TabularColumns
from sphinx.directives.patches import Meta

from .containment import refused_read
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docutils.parsers.rst.states import Inliner
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The setting that allows all of it.
SETTING = "georeport_allow_raw_markup"
#: ``env.temp_data`` key: what was said for the document being read.
_SAID = "georeport_markup_said"
#: Raw nodes MyST makes of Markdown itself (a hard line break, a struck
#: word, a task list's box): its own markup, not the writer's.
_MYST_OWN = frozenset(
    {("html", "<br />\n"), ("latex", "\\\\\n"), ("html", "<s>"), ("html", "</s>")}
)
_MYST_CHECKBOX = re.compile(
    r'<input class="task-list-item-checkbox" (checked="checked" )?'
    r'(disabled="disabled" )?type="checkbox">'
)


def allowed(env: BuildEnvironment | None) -> bool:
    """Does the journal let its reports' text pass markup through?"""
    return env is not None and bool(env.config[SETTING])


def refuse(what: str, fix: str, location: str | tuple[str, int | None]) -> None:
    """Say, once per place, that ``what`` is not published and what to do."""
    log(
        GeoreportWarning.MARKUP,
        "%s would pass into the editions unchecked, and is left out: %s, or, if "
        "the journal trusts every writer of its reports, set %s = True in conf.py",
        what,
        fix,
        SETTING,
        location=location,
        error=True,
    )


def _location(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else source


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return "'" + (text if len(text) <= 40 else text[:39] + "…") + "'"


# -- MyST: {eval-rst} and substitutions ----------------------------------------


class _Renderer(SphinxRenderer):
    """MyST's renderer, refusing what it would hand to another reader."""

    def render_restructuredtext(self, token: SyntaxTreeNode) -> None:
        if allowed(self.sphinx_env):
            super().render_restructuredtext(token)
            return
        refuse(
            "the {eval-rst} block (reStructuredText, whose raw roles and "
            "directives reach past the Markdown checks)",
            "write it in MyST Markdown",
            _location(self.document["source"], token_line(token, 0)),
        )

    def render_substitution(self, token: SyntaxTreeNode, inline: bool) -> None:
        name = token.content.strip()
        if allowed(self.sphinx_env) or name in self.md_config.substitutions:
            super().render_substitution(token, inline)
            return
        refuse(
            f"the substitution {{{{{token.content}}}}} (a Jinja expression, which "
            "the build runs as code)",
            "write the name of one of conf.py's myst_substitutions: {{ name }}",
            _location(self.document["source"], token_line(token, 0)),
        )


#: MyST's options a file may set for itself, in its front matter.
_FILE_OPTIONS = ("myst", "html_meta", "substitutions")


def _without_myst(
    topmatter: dict[str, Any], text: str, document: nodes.document
) -> dict[str, Any]:
    """The front matter without MyST's options for the file (``myst:``):
    they would turn on extensions, meta tags of the head, URL schemes."""
    for key in _FILE_OPTIONS:
        if key not in topmatter:
            continue
        lines = text.splitlines()
        line = next((n for n, s in enumerate(lines, 1) if s.startswith(key)), None)
        refuse(
            f"'{key}:' in the front matter (MyST's options for this file: "
            "extensions, tags in the page's head, link schemes)",
            "remove it",
            _location(document["source"], line),
        )
    return {k: v for k, v in topmatter.items() if k not in _FILE_OPTIONS}


class Parser(MystParser):
    """MyST's Sphinx parser with :class:`_Renderer`.

    The body is ``MystParser.parse`` of myst-parser 5.x with the renderer
    class replaced (it names ``SphinxRenderer`` in its body);
    ``tests/test_raw_markup.py`` fails when that method changes.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported during the render
        else:
            if topmatter and not allowed(document.settings.env):
                topmatter = _without_myst(topmatter, inputstring, document)
            if topmatter:

                def warning(wtype: Any, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        parser = create_md_parser(config, _Renderer)
        parser.options["document"] = document
        parser.render(inputstring)


# -- Directives ----------------------------------------------------------------


def _directive_location(directive: Any) -> str:
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    return _location(source, line)


class CheckedRaw(Raw):
    """``{raw}``: refused unless allowed; allowed, its ``:file:`` stays in the
    project and its ``:url:`` is never fetched."""

    def run(self) -> Sequence[nodes.Node]:
        env = self.state.document.settings.env
        if not allowed(env):
            refuse(
                f"the {{raw}} {self.arguments[0]} block",
                "write its content in Markdown",
                _directive_location(self),
            )
            return []
        if refused_read(self):
            return []
        return super().run()


class CheckedMeta(Meta):
    """``{meta}``: tags in the page's head, refused unless allowed."""

    def run(self) -> Sequence[nodes.Node]:
        if not allowed(self.state.document.settings.env):
            refuse(
                "the {meta} directive (tags in the page's head: a redirect, a "
                "script's address)",
                "remove it (a report's head is made from its front matter)",
                _directive_location(self),
            )
            return []
        return super().run()


class CheckedTabularColumns(TabularColumns):
    """``{tabularcolumns}``: its argument is LaTeX, refused unless allowed."""

    def run(self) -> list[nodes.Node]:
        if not allowed(self.env):
            refuse(
                "the {tabularcolumns} directive (its argument is LaTeX)",
                "remove it",
                self.get_location(),
            )
            return []
        return super().run()


class CheckedRawRole:
    """The ``raw`` role, and every role made from it (``.. role:: x(raw)``):
    refused unless allowed."""

    #: the options a role made from it takes (``:format:``), as docutils'
    options = getattr(roles.raw_role, "options", {})

    def __call__(
        self,
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: Sequence[str] = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        document = inliner.document
        if not allowed(document.settings.env):
            source = document.current_source or document["source"]
            refuse(
                f"the {{{name}}} role",
                "write its text in Markdown",
                _location(source, lineno),
            )
            return [], []
        return roles.raw_role(name, rawtext, text, lineno, inliner, options, content)


# -- What reached the doctree all the same ---------------------------------------


def _line_of(node: nodes.Node) -> tuple[str, int | None]:
    """The source and line of ``node``, or of the nearest element above it
    that has one (a role's node has none of its own)."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return current.source or "", current.line
        current = current.parent
    return node.source or "", None


def _passing(node: nodes.Node) -> tuple[str, str] | None:
    """What ``node`` passes through, and the fix; None for MyST's own."""
    if isinstance(node, nodes.raw):
        fmt = node.get("format", "")
        text = node.astext()
        if (fmt, text) in _MYST_OWN or _MYST_CHECKBOX.fullmatch(text):
            return None
        kind = {"html": "HTML", "latex": "LaTeX"}.get(fmt, f"raw {fmt} markup")
        return f"{kind} in the text ({_snippet(text)})", "write it in Markdown"
    if isinstance(node, nodes.math | nodes.math_block):
        return (
            f"math ({_snippet(node.astext())}: LaTeX, set by TeX in the PDF and "
            "by MathJax on the page)",
            "write the formula in words, or as an image",
        )
    return None


def withhold(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: markup that passed through by any other way (HTML in
    Markdown, a raw role, math) is said at its line and taken out."""
    if allowed(app.env):
        return
    # Sphinx 9 types temp_data.setdefault "Any | None": it returns the set
    said = cast(
        "set[tuple[str, int | None]]", app.env.temp_data.setdefault(_SAID, set())
    )
    for node in list(doctree.findall(nodes.Element)):
        found = _passing(node)
        if found is None or node.parent is None:
            continue
        what, fix = found
        source, line = _line_of(node)
        if (source, line) not in said:
            said.add((source, line))
            where = _location(source, line) if source else (app.env.docname, line)
            refuse(what, fix, where)
        node.parent.remove(node)


def setup(app: Sphinx) -> None:
    """MyST's parser with the refusing renderer; the directives that pass
    markup, checked; what passed all the same, withheld."""
    app.add_source_parser(Parser, override=True)
    app.add_directive("raw", CheckedRaw, override=True)
    app.add_role("raw", CheckedRawRole(), override=True)
    app.add_directive("meta", CheckedMeta, override=True)
    app.add_directive("tabularcolumns", CheckedTabularColumns, override=True)
    app.connect("doctree-read", withhold)
