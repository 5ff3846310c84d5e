"""Which ``:filter:`` of a References list means "the sources cited here"."""

from __future__ import annotations

import ast

import pytest

from georeport.sphinxext.bibtex.filters import cited_here


@pytest.mark.parametrize(
    "text",
    ["docname in docnames", "docname  in  docnames", "(docname in docnames)"],
)
def test_the_reports_filter_is_recognised(text: str) -> None:
    assert cited_here(text)
    assert cited_here(ast.parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "docname not in docnames",
        "docnames in docname",
        "docname in docnames and True",
        "key in docnames",
        "docname in other",
        "docname in docnames in docnames",
        "docname in docnames; True",
        "True",
        "",
        "docname in (",  # not Python
    ],
)
def test_other_filters_are_not(text: str) -> None:
    assert not cited_here(text)


def test_no_filter_is_not() -> None:
    assert not cited_here(None)
