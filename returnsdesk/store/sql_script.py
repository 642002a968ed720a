"""Running a script of SQL statements (schema steps, triggers) one statement at a time."""

from __future__ import annotations

from typing import Any


def split_script(script: str) -> list[str]:
    """Split on ';' at line ends, keeping trigger bodies (BEGIN ... END;) whole."""
    statements: list[str] = []
    current: list[str] = []
    depth = 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        current.append(line)
        if stripped.upper() == "BEGIN":
            depth += 1
        if stripped.upper().startswith("END"):
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(current))
            current = []
    return statements


def execute_script(db: Any, script: str) -> None:
    for statement in split_script(script):
        db.execute_sql(statement)
