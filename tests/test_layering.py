"""Layering: Qt only in ui/, neither Qt nor peewee in the domain rules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "returnsdesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
            if node.module.startswith("returnsdesk."):
                names.add(node.module)
    return names


def test_only_ui_imports_qt():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts[:1] and "PySide6" in _imports(p)
    ]
    assert offenders == []


def test_domain_imports_neither_qt_nor_peewee_nor_upper_layers():
    for path in (PACKAGE / "domain").rglob("*.py"):
        imports = _imports(path)
        assert not imports & {"PySide6", "peewee", "playhouse", "openpyxl", "reportlab"}, path
        upper = {i for i in imports if i.startswith("returnsdesk.")}
        assert all(i.startswith("returnsdesk.domain") or i == "returnsdesk.paths" for i in upper), (
            path,
            upper,
        )


def test_lower_layers_do_not_import_upper_ones():
    order = ["domain", "store", "services", "formats"]
    for index, layer in enumerate(order):
        banned = {f"returnsdesk.{upper}" for upper in order[index + 1 :]} | {"returnsdesk.ui"}
        for path in (PACKAGE / layer).rglob("*.py"):
            imports = _imports(path)
            hits = {i for i in imports for b in banned if i == b or i.startswith(b + ".")}
            assert not hits, (path, hits)


def test_the_checks_see_real_imports():
    assert "PySide6" in _imports(PACKAGE / "ui" / "app.py")


def test_the_window_and_the_files_read_the_inbox_through_services():
    """DESIGN §4: ui/ and formats/ get the inbox from services.inbox, never store.inbox."""
    for layer in ("ui", "formats"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert "returnsdesk.store.inbox" not in _imports(path), path
