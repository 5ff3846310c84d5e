"""The author's prose stays literal: what MyST reads back is the text written.

The escaped text is read by MyST's own parser (myst-parser's markdown-it
configuration, with every syntax extension a journal might switch on that
does not rewrite text by design: "replacements" and "smartquotes" do) and the
rendered HTML's text must be the author's, character for character, with no
element but the paragraph or the heading. The built pages are checked in
test_importer_reports.py.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from georeport.citation_role import Target, parse_targets
from georeport.importer.myst import Item, escape_block, escape_inline, role

EXTENSIONS = [
    "amsmath",
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "html_admonition",
    "html_image",
    "strikethrough",
    "substitution",
    "tasklist",
]
PARSER = create_md_parser(
    MdParserConfig(enable_extensions=EXTENSIONS, heading_anchors=0), RendererHTML
)

HOSTILE = [
    "*stars* and _underscores_ and **bold**",
    "# not a heading",
    "1. not a list",
    "2) nor this",
    "- nor this",
    "+ nor this",
    "> nor a quote",
    "--- not a rule",
    "=== nor this",
    "| a | table |",
    "<b>bold</b> and <img src=x onerror=alert(1)>",
    "<!-- a comment -->",
    "`code` and ``more``",
    "{footcite}`x` and {cite}`y`",
    "```{literalinclude} /etc/passwd ```",
    ":::{note} a fence",
    "~~~ a fence",
    "$x^2$ and $$y$$",
    "[a link](https://example.org) and [^1] and ![img](x.png)",
    "<https://example.org> and https://example.org",
    "% a comment",
    "(target)= a target",
    "+++ a break",
    "a \\ backslash, &amp; an entity, &copy;",
    "{{ substitution }} and {#id .class}",
    "~~struck~~ and [ ] task",
    "term\n: definition",
]


def _rendered(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(PARSER.render(markdown), "html.parser")


def _check(text: str) -> None:
    page = _rendered(escape_block(text))
    assert [tag.name for tag in page.find_all(True)] == ["p"], page
    assert page.get_text().removesuffix("\n") == text
    heading = _rendered("## " + escape_inline(text))
    assert [tag.name for tag in heading.find_all(True)] == ["h2"], heading
    assert heading.get_text().removesuffix("\n") == text


@pytest.mark.parametrize("text", [h for h in HOSTILE if "\n" not in h])
def test_markup_in_prose_is_text(text: str) -> None:
    _check(text)


_LINE = st.text(
    st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp", "Zs"]) | st.just(" "),
    min_size=1,
).filter(lambda text: text == text.strip())


@given(_LINE)
@example("1986. A year")
@example("<div>")
@example("\\*")
def test_any_line_is_text(text: str) -> None:
    _check(text)


def test_the_seed_s_characters_are_not_escaped() -> None:
    text = "Toqayev’s presidency (CSTO), as ‘New Great Game’ - why? 155th."
    assert escape_block(text) == text


_WORDS = st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1)


@given(st.lists(st.tuples(st.sampled_from(["", "rossi2020"]), _WORDS), min_size=1))
def test_roles_read_back_as_written(items: list[tuple[str, str]]) -> None:
    """What the importer writes, MyST reads as one footcite role, and the role
    reads back: keys, locators and text alone, whatever characters they hold
    (braces, backticks, commas, backslashes)."""
    written = role([Item(key, text) for key, text in items])
    (paragraph,) = [t for t in PARSER.parse(f"A claim.{written}") if t.children]
    (token,) = [t for t in paragraph.children or [] if t.type == "myst_role"]
    assert token.meta["name"] == "footcite"
    expected = [
        Target(key, post=text) if key else Target("", text) for key, text in items
    ]
    assert parse_targets(token.content) == expected
