"""Field accuracy of the footnote parser, style by style (issue 26).

tests/data/footnotes/styles-dev.yaml and styles-setaside.yaml hold footnotes
written by hand in the patterns of the citation habits editors receive
(Chicago notes, APA 7, Harvard, MLA 9, ISO 690, GOST R 7.0.5, the Italian
humanities habit, the journal's own form), each case with its ``style``, its
``kind`` of source and the entries it must give. The set-aside part was
written first, from other sources, and is only scored, never tuned on. The
issue asks 95 % of fields right for each style; where a style is below it
today the test is an expected failure (strict: it fails once the style gets
there, so that the mark goes), and a floor a point under today's score keeps
it from getting worse.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from .test_importer_corpus import load, score

STYLES = ("chicago", "apa", "harvard", "mla", "iso690", "gost", "italian", "house")
KINDS = (
    "article", "book", "chapter", "report", "press", "news", "web",
    "interview", "legal", "un", "thesis", "conference", "dataset", "backref",
)  # fmt: skip
THRESHOLD = 0.95
PARTS = ("styles-dev.yaml", "styles-setaside.yaml")
#: today's scores under 95 %, by part and style (CHANGELOG.md, issue 26)
BELOW = {
    # round 12 added 80 house-form footnotes written from the forms the part
    # lacked (Persian and Arabic names, sites by their address, the region's
    # languages): they read 82 %, the other 540 as before
    ("styles-dev.yaml", "house"): 0.948,
}
#: how far under today's score a style may fall before the floor test fails
SLACK = 0.01


def by_style(name: str) -> dict[str, list[dict]]:
    cases: dict[str, list[dict]] = defaultdict(list)
    for case in load(name):
        cases[case["style"]].append(case)
    return cases


def test_the_corpus_covers_every_style_and_kind() -> None:
    cases = [case for name in PARTS for case in load(name)]
    assert len(cases) >= 300
    assert {case["style"] for case in cases} == set(STYLES)
    assert {case["kind"] for case in cases} == set(KINDS)
    styles, kinds = (
        Counter(c["style"] for c in cases),
        Counter(c["kind"] for c in cases),
    )
    assert min(styles.values()) >= 10 and min(kinds.values()) >= 10
    setaside = Counter(c["style"] for c in load("styles-setaside.yaml"))
    assert min(setaside[style] for style in STYLES) >= 10


def _below(name: str, style: str) -> str:
    """Why the style's case is expected to fail, as a reader of the run needs it."""
    part = (
        "set-aside part (never used to tune)"
        if "setaside" in name
        else "development part (the labeller's training data, read with the"
        " first reader's choice and a regularised model, so not all learnt)"
    )
    return (
        f"issue 26 is open: {style} footnotes of the {part} read "
        f"{BELOW[name, style]:.1%} of fields right, under the {THRESHOLD:.0%} "
        "asked (strict: reaching it makes this test fail, and the mark goes)"
    )


def _cases() -> list:
    return [
        pytest.param(
            name,
            style,
            id=f"{name.split('.')[0]}-{style}",
            marks=[pytest.mark.xfail(reason=_below(name, style), strict=True)]
            if (name, style) in BELOW
            else [],
        )
        for name in PARTS
        for style in STYLES
    ]


@pytest.mark.parametrize(("name", "style"), _cases())
def test_field_accuracy_per_style(name: str, style: str) -> None:
    right, total, errors = score(by_style(name)[style])
    print(f"\n{name} {style}: field accuracy {right / total:.1%} ({right}/{total})")
    for error in errors:
        print("  ", error)
    assert right / total >= THRESHOLD, "\n".join(errors)


@pytest.mark.parametrize(("name", "style"), sorted(BELOW))
def test_no_style_falls_under_today_s_score(name: str, style: str) -> None:
    right, total, _errors = score(by_style(name)[style])
    assert right / total >= BELOW[name, style] - SLACK
