"""The footcite role: every role its own footnote, numbered in the text's order;
locators after their source; text alone as written.

Built with sphinx.testing on a copy of the base root whose report cites a key
again, with a locator, with another key, and as text alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from georeport.citation_role import Target, parse_targets

from .conftest import REPORT, ROOTS, STRICT, Project, built
from .test_cross_edition import html_footnotes

ROLES = [
    "rossi2020",
    "petrov2023",
    "rossi2020{p. 12}",
    "rossi2020,petrov2023",
    "{Ibid., p. 4}",
    "rossi2020",
    "{see}petrov2023{ch. 2\\}}",
]


@pytest.fixture
def project(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> Project:
    source = tmp_path / "base"
    shutil.copytree(ROOTS / "test-base", source)
    path = source / REPORT
    text = path.read_text(encoding="utf-8")
    claims = " ".join(f"Claim {n}.{{footcite}}`{r}`" for n, r in enumerate(ROLES, 1))
    path.write_text(
        text.replace("A claim about the Caspian Sea.{footcite}`rossi2020`", claims),
        encoding="utf-8",
    )
    return built(make_app("html", srcdir=source, confoverrides=STRICT))


def test_every_role_is_a_new_footnote_in_order(project: Project) -> None:
    page = project.html(project.report(project.source / REPORT))
    notes = html_footnotes(page)
    assert [label for label, _ in notes] == [str(n) for n in range(1, len(ROLES) + 1)]
    refs = page.select("a.footnote-reference")
    assert [ref.get_text().strip("[]") for ref in refs] == [label for label, _ in notes]
    ids = [aside["id"] for aside in page.select("aside.footnote")]
    assert [ref["href"] for ref in refs] == [f"#{i}" for i in ids]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "footcite-rossi2020"  # a key's first footnote keeps its id


def test_the_texts_of_the_footnotes(project: Project) -> None:
    page = project.html(project.report(project.source / REPORT))
    notes = [text for _, text in html_footnotes(page)]
    rossi, petrov = notes[0], notes[1]
    assert notes[5] == rossi  # cited again: the same text, a new footnote
    assert notes[2] == rossi.removesuffix(".") + ", p. 12."
    assert notes[3] == rossi.removesuffix(".") + "; " + petrov
    assert notes[4] == "Ibid., p. 4"
    assert notes[6] == "see " + petrov.removesuffix(".") + ", ch. 2}."
    references = page.select("section#references li")
    assert len(references) == 2  # each source once, whatever its citations


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("a", [Target("a")]),
        (" a , b ", [Target("a"), Target("b")]),
        ("a,,b", [Target("a"), Target("b")]),
        ("a{p. 3, 5}", [Target("a", post="p. 3, 5")]),
        ("{see}a{p. 3}", [Target("a", "see", "p. 3")]),
        ("{Ibid.},a", [Target("", "Ibid."), Target("a")]),
        ("{a \\{b\\} \\\\ c}", [Target("", "a {b} \\ c")]),
    ],
)
def test_parse_targets(text: str, targets: list[Target]) -> None:
    assert parse_targets(text) == targets


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a b", "a comma is missing between 'a' and 'b': write a,b"),
        ("a{p. 3", "the locator '{p. 3' is not closed: add its '}': a{p. 3}"),
        ("{see a", "the text '{see a' is not closed: add its '}': {see a}"),
        ("a{p. {3}}", "holds a brace inside braces: write \\{ and \\}"),
        ("a}", "a '}' closes no brace"),
        ("a, p. 3", "'p. 3' is no key: a locator goes in braces right after its "),
        ("a pp. 10-12", "a locator goes in braces right after its key: a{pp. 10-12}"),
        ("{x}{y}", "text after text and no key in '{x}{y}'"),
        ("a{p. 3}b", "cannot read 'a{p. 3}b': write keys separated by commas"),
    ],
)
def test_malformed_roles_are_refused_with_the_fix(text: str, says: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_targets(text)
    assert says in str(raised.value)


def test_a_missing_source_shows_where_it_is_cited(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """A build that goes on despite the warning (the preview) shows the typo in
    its footnote, and the author's numbering stays (issue 17)."""
    source = tmp_path / "base"
    shutil.copytree(ROOTS / "test-base", source)
    path = source / REPORT
    text = path.read_text(encoding="utf-8")
    claims = "One.{footcite}`rossi2O20` Two.{footcite}`rossi2020`"
    path.write_text(
        text.replace("A claim about the Caspian Sea.{footcite}`rossi2020`", claims),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=source)
    app.build()
    app.cleanup()
    assert 'could not find bibtex key "rossi2O20"' in app.warning.getvalue()
    project = Project(source, Path(app.outdir).parent, app.status.getvalue(), {})
    page = project.html(project.report(path))
    notes = html_footnotes(page)
    assert [label for label, _ in notes] == ["1", "2"]
    missing = page.select("aside.footnote .georeport-missing-source")
    assert len(missing) == 1
    assert "rossi2O20" in missing[0].get_text()
    assert "refs.bib" in missing[0].get_text()
    assert "Rossi" in notes[1][1]  # the next footnote is the next source
