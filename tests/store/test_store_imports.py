"""The store's modules import each other without a cycle (issue 17: store/db.py →
migrations.py → search.py → db.py was held together by a deferred import)."""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "returnsdesk" / "store"


def _imports(path: Path) -> set[str]:
    """Store modules ``path`` imports anywhere in it (deferred imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "returnsdesk.store":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("returnsdesk.store."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("returnsdesk.store."):
                    found.add(alias.name.split(".")[2])
    return found - {path.stem}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_in_store():
    graph = {path.stem: _imports(path) for path in STORE.glob("*.py")}
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_a_planted_cycle():
    assert _cycle({"db": {"migrations"}, "migrations": {"search"}, "search": {"db"}}) == [
        "db",
        "migrations",
        "search",
        "db",
    ]


def test_connection_imports_nothing_from_the_store():
    assert _imports(STORE / "connection.py") == set()
