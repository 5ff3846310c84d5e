"""A report's text, checked where MyST would lose part of it without a word.

Three faults no parser reports, each an error at its line
(``georeport.body``):

* **a code fence left open**: MyST (as CommonMark) reads everything after an
  unclosed ```` ``` ```` or ``:::`` as code, or up to the next fence line
  that could close it, so the footnotes and the ``{footbibliography}`` in
  between vanish;
* **a level-1 heading in the text**: the title comes from the front matter
  (``myst_title_to_header``), so ``# ...`` gives the page a second ``<h1>``,
  lists the report twice in the sidebar and splits its text from its
  byline and facts;
* **a footnote that vanished**: a ``{footcite}`` written in the source that
  did not become a footnote (in a code block, an HTML block, a comment).

Fences and headings are found with MyST's own markdown-it parser, configured
as the build's (``myst_enable_extensions``), so that what is checked is what
MyST reads. Whether a ``{footcite}`` became a footnote is known only once
MyST has read the report: each footcite role notes the keys it cites in the
``cite`` domain, and a ``{footcite}`` of the source that no role noted is a
vanished one.
Only reports are checked (:func:`.front_matter.is_report`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser

from ..citation_role import WRITTEN, parse_targets
from ..model import split_front_matter
from .bibtex.cite import note_citation_fault
from .bibtex.domain import bibtex_domain
from .front_matter import is_report
from .myst_messages import note_open_fence
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from docutils import nodes
    from markdown_it.token import Token
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data`` key: the report's citations as written, from
#: ``source-read`` to ``doctree-read`` of the same document.
TEMP_KEY = "georeport_body_citations"

#: ``{footcite}`` as written, whether a role follows or not.
_NAME = re.compile(r"\{footcite\}")
#: What precedes a block's text on a line: blockquote markers, indentation.
_CONTAINER = re.compile(r"^[ \t>]*")
#: The prefix of the ids the footcite role gives its citations in the domain
#: (``sphinxext/bibtex/footcite.py``).
_FOOTCITE_REF = "footcite-ref-"
#: Block tokens whose text MyST does not read as the report's text, and what
#: to call them in a message.
_OPAQUE = {
    "fence": "the code block",
    "colon_fence": "the block",
    "code_block": "the indented code block",
    "html_block": "the HTML block",
    "myst_line_comment": "the comment",
    "math_block": "the math block",
    "amsmath": "the math block",
}


@dataclass(frozen=True)
class Citation:
    """One ``{footcite}`` as written in the source."""

    line: int  #: 1-based line of the file
    keys: tuple[str, ...]
    #: "" in the report's text; else the block it stands in, for messages
    inside: str = ""
    #: 0: text, 1: a directive's content (which MyST may read), 2: code,
    #: HTML or a comment (which it never reads)
    rank: int = 0
    #: a fence left open took it: that error already speaks for it
    swallowed: bool = False

    def role(self) -> str:
        return "{footcite}`" + ",".join(self.keys) + "`"


@dataclass(frozen=True)
class Region:
    """Lines of a block MyST does not read as text (1-based, inclusive)."""

    first: int
    last: int
    what: str
    rank: int

    def holds(self, line: int) -> bool:
        return self.first <= line <= self.last


#: The last parser made, with the configuration it was made for (making one
#: costs more than parsing a report with it).
_parser: list[tuple[object, MarkdownIt]] = []


def _myst_config(env: BuildEnvironment) -> MdParserConfig:
    """The build's MyST configuration, made by myst-parser at builder-inited."""
    config: MdParserConfig = env.myst_config  # type: ignore[attr-defined]  # set by myst-parser, undeclared in Sphinx
    return config


def _tokens(env: BuildEnvironment, text: str) -> list[Token]:
    """The block tokens of ``text`` as the build's MyST parser reads them."""
    config = _myst_config(env)
    if not _parser or _parser[0][0] is not config:
        _parser[:] = [(config, create_md_parser(config, RendererHTML))]
    return _parser[0][1].parse(text)


def _fence_line(line: str, markup: str) -> re.Match[str] | None:
    """``line`` as a fence line of ``markup``'s character, at least as long:
    group 1 the fence, group 2 what follows it."""
    text = _CONTAINER.sub("", line)
    char = re.escape(markup[0])
    return re.match(rf"^({char}{{{len(markup)},}})(.*)$", text)


@dataclass(frozen=True)
class FenceFault:
    """A fence that does not close where its writer meant it to."""

    line: int  #: where it opens
    markup: str
    last: int  #: the last line it takes
    #: the line of a fence that opens inside it, and closes it instead; 0 when
    #: it runs to the end of its container
    opener: int = 0
    #: it stands in a quote or a list item (whose end ends it)
    nested: bool = False


def _fence_fault(token: Token, lines: list[str]) -> FenceFault | None:
    """Is the fence ``token`` left open, or closed by another fence's end?"""
    assert token.map is not None
    start, end = token.map
    markup = token.markup
    body = lines[start + 1 : end]
    while body and not body[-1].strip():
        body.pop()
    closing = _fence_line(body[-1], markup) if body else None
    closed = closing is not None and not closing.group(2).strip()
    if not closed:
        last = start + 1 + len(body)
        return FenceFault(start + 1, markup, last, nested=token.level > 0)
    for offset, line in enumerate(body[:-1], start=start + 2):
        opening = _fence_line(line, markup)
        if opening is not None and opening.group(2).strip():
            return FenceFault(start + 1, markup, start + 1 + len(body), offset)
    return None


def _regions(tokens: list[Token]) -> list[Region]:
    regions = []
    for token in tokens:
        if token.type not in _OPAQUE or token.map is None or token.nesting == -1:
            continue
        first, last = token.map[0] + 1, token.map[1]
        info = token.info.strip()
        if token.type in ("fence", "colon_fence") and info.startswith("{"):
            name = info.split("}", 1)[0] + "}"
            regions.append(Region(first, last, f"the {name} directive", 1))
        else:
            regions.append(Region(first, last, _OPAQUE[token.type], 2))
    return regions


def _citations(
    text: str, start: int, regions: list[Region], faults: list[FenceFault]
) -> list[Citation]:
    """Every ``{footcite}`` of the text below the front matter (which ends on
    line ``start``)."""
    body_offset = sum(len(line) for line in text.splitlines(keepends=True)[:start])
    found = []
    for match in WRITTEN.finditer(text, body_offset):
        try:
            targets = parse_targets(match.group(2))
        except ValueError:  # the role itself says what is wrong with it
            continue
        keys = tuple(target.key for target in targets if target.key)
        if not keys:
            continue
        line = text.count("\n", 0, match.start()) + 1
        region = next((r for r in regions if r.holds(line)), None)
        inside, rank = (region.what, region.rank) if region else ("", 0)
        if not region and _in_code_span(text, match):
            inside, rank = "inline code (between backticks)", 2
        elif not region and _in_html_comment(text, match):
            inside, rank = "an HTML comment", 2
        swallowed = any(f.line < line <= f.last for f in faults)
        found.append(Citation(line, keys, inside, rank, swallowed))
    return found


#: What follows ``{footcite}`` where its backticks are missing: the key meant.
_AFTER = re.compile(r"[ \t]*[`(\[]?[ \t]*([^\s`)\],;]+)")


def _malformed(
    text: str, start: int, regions: list[Region], faults: list[FenceFault]
) -> list[tuple[int, str]]:
    """``{footcite}`` written without a role after it: no backtick right
    after it (``{footcite} `key```, ``{footcite}(key)``), or its text not
    closed in its paragraph; MyST shows it as text, and no footnote. The
    offset of each, and the message."""
    body_offset = sum(len(line) for line in text.splitlines(keepends=True)[:start])
    roles = {match.start() for match in WRITTEN.finditer(text, body_offset)}
    found = []
    for match in _NAME.finditer(text, body_offset):
        line = text.count("\n", 0, match.start()) + 1
        if (
            match.start() in roles
            or any(r.holds(line) for r in regions)
            or any(f.line < line <= f.last for f in faults)
            or _in_code_span(text, match)
            or _in_html_comment(text, match)
        ):
            continue
        after = text[match.end() :]
        key = _AFTER.match(after)
        meant = "{footcite}`" + (key.group(1) if key else "key") + "`"
        if after.startswith("`"):
            message = (
                "the role {footcite} opened here is not closed in its paragraph: "
                f"end its keys with a backtick, {meant}"
            )
        else:
            message = (
                "{footcite} is not followed by its keys in backticks, and "
                f"makes no footnote: write {meant}"
            )
        found.append((match.start(), message))
    return found


def _in_code_span(text: str, match: re.Match[str]) -> bool:
    before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
    return before.count("`") % 2 == 1


def _in_html_comment(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()]
    return before.rfind("<!--") > before.rfind("-->")


def _fence_message(fault: FenceFault, citations: list[Citation]) -> str:
    fence = fault.markup
    taken = [c for c in citations if fault.line < c.line <= fault.last]
    lost = (
        f", {len(taken)} footnote(s) among it (line "
        f"{', '.join(str(c.line) for c in taken)})"
        if taken
        else ""
    )
    if fault.opener:
        return (
            f"the block opened here with {fence} is not closed before line "
            f"{fault.opener}, where another opens: MyST shows everything up to "
            f"the next {fence} line as code{lost}: close it with a line {fence} "
            f"before line {fault.opener}"
        )
    end = " to the end of its quote or list item" if fault.nested else ""
    return (
        f"the block opened here with {fence} is never closed: MyST shows "
        f"everything after it{end} as code{lost}: close it with a line {fence}"
    )


#: A directive opened with two colons (``::{bibliography}``), which MyST
#: reads as text.
_TWO_COLONS = re.compile(r"^[ \t>]*::\{([\w:-]+)\}")


def _two_colons(lines: list[str], tokens: list[Token]) -> list[tuple[int, str]]:
    """The lines (1-based) and names of directives opened with two colons,
    in the text (not in a code block)."""
    regions = _regions(tokens)
    found = []
    for number, line in enumerate(lines, 1):
        match = _TWO_COLONS.match(line)
        if match and not any(r.holds(number) for r in regions):
            found.append((number, match.group(1)))
    return found


def _heading_message(title: str, setext: bool) -> str:
    heading = f"'{title}' (underlined with =)" if setext else f"'# {title}'"
    return (
        f"a level-1 heading {heading} in the report's text: the title "
        "comes from the front matter, so the page would have two titles (two "
        "<h1>, the report twice in the sidebar, its text apart from its "
        f"byline): remove it, or make it a section: ## {title}"
    )


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Check a report's fences and headings; keep its citations for
    :func:`on_doctree_read`."""
    env = app.env
    if not is_report(env, docname):
        return
    text = source[0]
    found = split_front_matter(text)
    start = found[1] if found else 0
    lines = text.splitlines()
    tokens = _tokens(env, text)
    short = _two_colons(lines, tokens)
    faults = [
        fault
        for token in tokens
        if token.type in ("fence", "colon_fence") and token.map
        for fault in [_fence_fault(token, lines)]
        if fault is not None
        # the closing ::: of a block opened with two colons: said there
        and not (short and token.type == "colon_fence" and not token.info.strip())
    ]
    for line, name in short:
        _error(
            docname,
            line,
            f"'::{{{name}}}' opens no block: a block of colons opens with three: "
            f"write :::{{{name}}}",
        )
    regions = _regions(tokens)
    citations = _citations(text, start, regions, faults)
    for fault in faults:
        _error(docname, fault.line, _fence_message(fault, citations))
        note_open_fence(env, fault.line, fault.last)
    for offset, message in _malformed(text, start, regions, faults):
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        note_citation_fault(env)
        where = f"{env.doc2path(docname)}:{line}:{column}"
        log(GeoreportWarning.BODY, "%s", message, location=where, error=True)
    # without myst_title_to_header, the text's first "# ..." is the title
    allowed = 0 if _myst_config(env).title_to_header else 1
    headings = [
        (index, token)
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h1" and token.map
    ]
    for index, token in headings[allowed:]:
        assert token.map is not None
        title = tokens[index + 1].content.strip()
        message = _heading_message(title, setext=token.markup != "#")
        _error(docname, token.map[0] + 1, message)
    env.temp_data[TEMP_KEY] = citations


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Say which ``{footcite}`` of the source became no footnote."""
    env = app.env
    citations: list[Citation] | None = env.temp_data.get(TEMP_KEY)
    if citations is None:  # not a report
        return
    docname = env.docname
    roles = sorted(
        (ref.line or 0, tuple(target.key for target in ref.targets))
        for ref in bibtex_domain(env).citation_refs
        if ref.docname == docname and ref.citation_ref_id.startswith(_FOOTCITE_REF)
    )
    for citation in vanished(citations, roles):
        if citation.swallowed:
            continue  # the open fence's error names it
        if citation.inside:
            how = f"MyST read it as part of {citation.inside}, not as text"
            fix = "move it out, into a paragraph of the text"
        else:
            how = "MyST did not read it as text"
            fix = "check the lines above it (a block left open?)"
        message = f"{citation.role()} did not become a footnote: {how}: {fix}"
        note_citation_fault(env)
        _error(docname, citation.line, message)


def vanished(
    citations: list[Citation], roles: list[tuple[int, tuple[str, ...]]]
) -> list[Citation]:
    """The citations no role was made for.

    ``roles`` are ``(line, keys)`` of the footcite roles MyST ran, the line
    being that of the block the role stands in (a paragraph's first line):
    each is matched to a citation with its keys in that block (below its
    line, above the next role's block), in the text rather than in code or a
    comment when both would do.
    """
    left = list(citations)
    starts = sorted({line for line, _keys in roles})
    for line, keys in roles:
        end = next((s for s in starts if s > line), None)
        same = [c for c in left if c.keys == keys]
        candidates = (
            [c for c in same if line <= c.line and (end is None or c.line < end)]
            or [c for c in same if c.line >= line]
            or same
        )
        if candidates:
            left.remove(min(candidates, key=lambda c: (c.rank, c.line)))
    return left


def _error(docname: str, line: int, message: str) -> None:
    log(GeoreportWarning.BODY, "%s", message, location=(docname, line), error=True)


def setup(app: Sphinx) -> None:
    """A report's text checked where MyST would lose part of it."""
    app.connect("source-read", on_source_read)
    # before sphinxcontrib-bibtex's (priority 500): a vanished footnote is
    # said before its symptom, a report citing nothing
    app.connect("doctree-read", on_doctree_read, priority=400)
