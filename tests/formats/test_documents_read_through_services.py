"""Issue #17: the documents read the store only through services. The PDF builders
(formats/pdf) and the window's document actions (ui/documents) import nothing from
returnsdesk.store, and hold no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "returnsdesk"
DOCUMENT_CODE = [PACKAGE / "formats" / "pdf", PACKAGE / "ui" / "documents"]


def _store_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("returnsdesk.store")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("returnsdesk.store"):
                found.append(node.module)
            elif node.module == "returnsdesk":
                found += [f"returnsdesk.{a.name}" for a in node.names if a.name == "store"]
    return found


def _sql(source: str) -> list[str]:
    words = ("execute_sql", "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", ".select(")
    return [word for word in words if word in source]


def test_document_code_imports_nothing_from_the_store():
    offenders = {
        str(path.relative_to(PACKAGE)): hits
        for folder in DOCUMENT_CODE
        for path in folder.rglob("*.py")
        if (hits := _store_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_document_code_holds_no_query():
    offenders = {
        str(path.relative_to(PACKAGE)): hits
        for folder in DOCUMENT_CODE
        for path in folder.rglob("*.py")
        if (hits := _sql(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_checks_see_a_planted_violation():
    planted = "def f():\n    from returnsdesk.store.models import Case\n    Case.select()\n"
    assert _store_imports(planted) == ["returnsdesk.store.models"]
    assert _store_imports("from returnsdesk import store\n") == ["returnsdesk.store"]
    assert _sql(planted) == [".select("]
    assert _sql('db.execute_sql("SELECT 1")') == ["execute_sql", "SELECT "]
