"""The rooms of the package hold: no import cycle, a short top level.

import-linter (``./noxw -s lint``) checks which package may import which;
this finds any cycle at all between modules, imports under
``TYPE_CHECKING`` and inside functions included (grimp reads them all).
"""

from __future__ import annotations

from pathlib import Path

import grimp

import georeport

PACKAGE = Path(georeport.__file__).parent


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_in_a_circle() -> None:
    graph = grimp.build_graph("georeport", cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(name)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.c", imported="a.d")
    assert _cycles(graph) == [["a.b", "a.c"]]


def test_at_most_ten_modules_side_by_side_at_the_top() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 10, modules


def test_the_documents_stay_short() -> None:
    """The README points into the guide; ARCHITECTURE.md holds decisions,
    not measurements (those go to CHANGELOG.md and the bench's output)."""
    root = PACKAGE.parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8").splitlines()
    architecture = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert len(readme) <= 300
    assert len(architecture.splitlines()) <= 400
