"""The whole import on strings: every footnote is cited, none is lost."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from georeport.importer.convert import convert
from georeport.importer.footnotes import Source

_FOOTCITE = re.compile(r"\{footcite\}`([^`]*)`")


def _report(notes: list[str]) -> str:
    markers = " ".join(f"Claim number {n}.[{n}]" for n in range(1, len(notes) + 1))
    lines = "\n\n".join(f"[{n}] {text}" for n, text in enumerate(notes, 1))
    return f"Title\n\nAuthor: Ani Mejlumyan\n\n{markers}\n\n{lines}\n"


_NOTE = st.text(
    st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1
).filter(lambda text: text.strip() and not re.match(r"\s*Related Posts", text, re.I))


@given(st.lists(_NOTE, min_size=1, max_size=6))
def test_random_footnotes_are_all_cited(notes: list[str]) -> None:
    conversion = convert(_report(notes), "r.txt", {})
    cited = [key.split(",") for key in _FOOTCITE.findall(conversion.report)]
    assert len(cited) == len(notes)
    assert all(keys and all(keys) for keys in cited)
    assert {key for keys in cited for key in keys} == {k for k, _ in conversion.cited}
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key, _ in conversion.cited)


def test_citations_keep_the_characters_around_the_marker() -> None:
    text = _report(["Kazakhstan (2021) Freedom House.", "Kazakhstan (2021) RSF."])
    text = text.replace("Claim number 2.[2]", "a list, [2] and more")
    report = convert(text, "r.txt", {}).report
    assert "Claim number 1.{footcite}`kazakhstan2021` a list, " in report
    assert "a list, {footcite}`kazakhstan2021a` and more" in report


def test_one_role_per_footnote_with_all_its_sources() -> None:
    text = _report(["Kazakhstan (2021) Freedom House. Retrieved from:; Ibid."])
    conversion = convert(text, "r.txt", {})
    assert "{footcite}`kazakhstan2021,ibid`" in conversion.report
    assert conversion.cited[1] == ("ibid", Source(note="Ibid."))
    (warning,) = [w for w in conversion.warnings if "footnote" in w]
    assert warning.startswith("r.txt:7: footnote [1]: could not read 'Ibid.'")
