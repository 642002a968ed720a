"""The layers of DESIGN.md §4, checked on the package and proved on planted violations.

    ui/        Qt; reads and writes through services
    formats/   files in and out; reads through services
    services/  use cases
    store/     every SQL statement
    domain/    plain rules: no Qt, no peewee, no files

``violations(root)`` applies every rule to a package tree; the package must have none,
and a tree with one planted violation per rule must show each of them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "returnsdesk"
LAYERS = ["domain", "store", "services", "formats", "ui"]
QT = {"PySide6", "shiboken6"}
DATABASE = {"peewee", "playhouse", "sqlite3"}
DOMAIN_BANNED = QT | DATABASE | {"openpyxl", "reportlab"}
#: Handing SQL text to the database, or opening a connection by hand.
RAW_CALL = re.compile(
    r"\.(execute_sql|executemany|executescript)\(|\.cursor\(\)|sqlite3\.connect\("
)
#: A peewee query built on a model class.
MODEL_QUERY = re.compile(r"\b[A-Z]\w*\.(select|get_by_id|get_or_none|insert|update|delete)\(")
#: SQL as the store writes it: upper-case keywords in a string.
SQL = re.compile(
    r"\b(SELECT\s[\s\S]*?\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\S+\s+SET\b|"
    r"DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)\b|PRAGMA\s+\w+|"
    r"DROP\s+(TABLE|INDEX|TRIGGER)\b)"
)


def _module_name(root: Path, path: Path) -> list[str]:
    return [root.name, *path.relative_to(root).with_suffix("").parts]


def _imports(root: Path, path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(root, path)
    package = here if path.name == "__init__.py" else here[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _top(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of docstring nodes: prose about SQL is not SQL."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                found.add(id(body[0].value))
    return found


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of the module but its docstrings (f-strings with {} holes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
            )
            yield node.lineno, text


def _layer(root: Path, path: Path) -> str | None:
    first = path.relative_to(root).parts[0]
    return first if first in LAYERS else None


def violations(root: Path) -> list[tuple[str, str]]:
    """(rule, where) for every breach of the layering in the package at ``root``."""
    found: list[tuple[str, str]] = []
    pkg = root.name
    for path in sorted(root.rglob("*.py")):
        where = str(path.relative_to(root))
        layer = _layer(root, path)
        imports = _imports(root, path)
        top = _top(imports)
        if layer != "ui" and top & QT:
            found.append(("qt outside ui", where))
        if layer == "domain":
            own = {i for i in imports if i.startswith(pkg + ".")}
            allowed = (f"{pkg}.domain", f"{pkg}.paths")
            if top & DOMAIN_BANNED or any(not i.startswith(allowed) for i in own):
                found.append(("domain not pure", where))
        if layer is not None:
            upper = [f"{pkg}.{name}" for name in LAYERS[LAYERS.index(layer) + 1 :]]
            if any(i == u or i.startswith(u + ".") for i in imports for u in upper):
                found.append(("upward import", where))
        source = path.read_text(encoding="utf-8")
        if layer in ("ui", "formats") and (
            top & DATABASE
            or any(i.startswith(f"{pkg}.store") for i in imports)
            or MODEL_QUERY.search(source)
        ):
            found.append(("store read outside services", where))
        if layer != "store" and (
            RAW_CALL.search(source) or any(SQL.search(text) for _, text in _strings(path))
        ):
            found.append(("sql outside store", where))
    return found


def test_the_package_keeps_its_layers():
    assert violations(PACKAGE) == []


PLANTED: dict[str, tuple[str, str]] = {
    "qt outside ui": ("services/window.py", "from PySide6.QtWidgets import QWidget\n"),
    "domain not pure": ("domain/money2.py", "from ..store import models\n"),
    "upward import": ("store/report.py", "from returnsdesk.services import cases\n"),
    "store read outside services": ("ui/view.py", "from ..store.models import Case\n"),
    "query outside services": ("formats/sheet.py", "rows = Case.select(Case.id)\n"),
    "raw connection outside store": ("services/raw.py", "conn = sqlite3.connect(path)\n"),
    "sql outside store": (
        "services/count.py",
        'def count(db):\n    return db.execute_sql(f"SELECT count(*) FROM {TABLE}")\n',
    ),
}


#: Plants that a broader rule catches.
RULE_OF_PLANT = {
    "query outside services": "store read outside services",
    "raw connection outside store": "sql outside store",
}


@pytest.mark.parametrize("rule", sorted(PLANTED))
def test_a_planted_violation_of_each_rule_is_caught(tmp_path, rule):
    root = tmp_path / "returnsdesk"
    for layer in LAYERS:
        (root / layer).mkdir(parents=True)
        (root / layer / "__init__.py").write_text("")
    (root / "domain" / "rules.py").write_text("from returnsdesk.domain import money\n")
    (root / "ui" / "ok.py").write_text("from PySide6.QtWidgets import QLabel\n")
    (root / "store" / "sql.py").write_text('Q = "SELECT id FROM case"\n')
    assert violations(root) == []
    relative, source = PLANTED[rule]
    (root / relative).write_text(source)
    caught = RULE_OF_PLANT.get(rule, rule)
    assert (caught, relative) in violations(root)


def test_user_text_and_docstrings_are_not_mistaken_for_sql(tmp_path):
    assert not SQL.search("Select the cases from the list, then update the status.")
    assert SQL.search('SELECT id\n  FROM "case"')
    module = tmp_path / "backup.py"
    module.write_text(
        '"""Verified with ``PRAGMA integrity_check``."""\nX = "PRAGMA user_version"\n'
    )
    assert [text for _, text in _strings(module)] == ["PRAGMA user_version"]
