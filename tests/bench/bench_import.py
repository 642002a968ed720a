"""Benchmark: import 10,000 Shopify orders into a fresh store.

Run from the repository root:  python -m tests.bench.bench_import [ORDERS]

Prints each figure beside a floor measured in the same run: reading and
splitting the CSV with the csv module alone, and inserting the same number of
rows with raw sqlite3 executemany in one transaction.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from import_data import generate_shopify

from returnsdesk.formats.importers import parse_file
from returnsdesk.services.imports import import_orders
from returnsdesk.session import close_session, open_session


def main(count: int = 10_000) -> None:
    folder = Path(tempfile.mkdtemp(prefix="rd-bench-import-"))
    path = folder / "orders_export.csv"
    path.write_text(generate_shopify(count, seed=5), encoding="utf-8", newline="")
    size = path.stat().st_size

    started = time.perf_counter()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    floor_csv = time.perf_counter() - started

    conn = sqlite3.connect(folder / "floor.sqlite3")
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (a TEXT, b TEXT, c TEXT, d TEXT, e INTEGER)")
    started = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)", ((r[0], r[1], r[17], r[20], 1) for r in rows)
        )
    floor_sql = time.perf_counter() - started
    conn.close()

    open_session(folder / "data")
    try:
        started = time.perf_counter()
        result = parse_file(path)
        parsed = time.perf_counter() - started
        started = time.perf_counter()
        summary = import_orders(result.orders)
        written = time.perf_counter() - started
        started = time.perf_counter()
        again = import_orders(parse_file(path).orders)
        reimport = time.perf_counter() - started
    finally:
        close_session()
    lines = summary.lines_created
    print(f"{count:,} orders, {lines:,} lines, {len(rows) - 1:,} CSV rows, {size / 1e6:.1f} MB")
    print(f"{'figure':<38}{'seconds':>9}   floor")
    parse_label, write_label = "parse (read, decode, group, check)", "import (one transaction)"
    print(f"{parse_label:<38}{parsed:>9.2f}   csv.reader alone {floor_csv:.2f}")
    print(f"{write_label:<38}{written:>9.2f}   raw executemany {floor_sql:.2f}")
    print(f"{'total first import':<38}{parsed + written:>9.2f}   target < 5.00")
    print(f"{'re-import same file (parse + write)':<38}{reimport:>9.2f}")
    assert summary.orders_created == count and again.orders_unchanged == count


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
