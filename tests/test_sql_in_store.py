"""Every SQL statement lives in store/ (issue 17): no raw SQL or cursor outside it."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "returnsdesk"
#: A call that hands SQL text to the database, or an SQL statement in a string.
RAW_SQL = re.compile(
    r"\.execute_sql\(|\.executemany\(|\.cursor\(\)|sqlite3\.connect\("
    r"|[\"'](?:SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA)\s"
)
#: Other helpers' files still being moved this round (services/suppliers.py: sup17).
ELSEWHERE = {"services/suppliers.py"}


def sql_outside_store(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("store/") or relative in ELSEWHERE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RAW_SQL.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_sql_outside_store():
    assert sql_outside_store() == []


def test_the_check_finds_planted_sql(tmp_path):
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "x.py").write_text(
        'db.execute_sql("SELECT 1")\nq = "DELETE FROM case"\n', encoding="utf-8"
    )
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "y.py").write_text('db.execute_sql("SELECT 1")\n', encoding="utf-8")
    assert len(sql_outside_store(tmp_path)) == 2
