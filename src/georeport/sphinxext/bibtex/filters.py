"""The ``:filter:`` of a report's References, recognised wherever it matters."""

from __future__ import annotations

import ast
import functools

#: The reports' filter, as sphinxcontrib-bibtex parses it (``ast.parse``).
CITED_HERE = ast.dump(ast.parse("docname in docnames"))


@functools.lru_cache(maxsize=4096)  # by object: each bibliography asks each build
def cited_here(filter_: ast.AST | str | None) -> bool:
    """Does this filter keep exactly the entries cited in the document?"""
    if isinstance(filter_, str):
        try:
            filter_ = ast.parse(filter_)
        except SyntaxError:
            return False
    return filter_ is not None and ast.dump(filter_) == CITED_HERE
