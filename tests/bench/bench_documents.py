"""Benchmark: printed documents on a large store.

    python -m tests.bench.bench_documents [--data-dir DIR] [--cases 100000]

Builds a demo store of ``--cases`` cases in DIR (unless DIR already holds one;
``returnsdesk demo --cases 100000 --data-dir DIR`` takes about 20 s), then times a
year's returns summary (target < 3 s) and one set of return instructions
(target < 300 ms), each beside a floor measured in the same run: a raw SQLite
aggregate over the same cases, and a one-paragraph reportlab PDF.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    from returnsdesk import paths
    from returnsdesk.demo import build_demo_store

    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="rd-bench-")) / "store"
    if not paths.database_path(folder).exists():
        print(f"Building a {args.cases:,}-case store in {folder} …")
        build_demo_store(folder, cases=args.cases, seed=1)

    from returnsdesk.formats.pdf.common import register_fonts, styles
    from returnsdesk.formats.pdf.instructions import build_instructions
    from returnsdesk.formats.pdf.summary import build_summary
    from returnsdesk.session import open_session
    from returnsdesk.store.models import Case

    open_session(folder)
    cases = Case.select().count()
    newest = Case.select(Case.opened_at).order_by(Case.opened_at.desc()).first().opened_at.date()
    end = newest
    start = end - timedelta(days=364)

    def raw_floor() -> None:
        db = sqlite3.connect(paths.database_path(folder))
        db.execute(
            'SELECT reason, count(*) FROM "case" WHERE opened_at >= ? GROUP BY reason',
            (f"{start} 00:00:00",),
        ).fetchall()
        db.execute(
            "SELECT currency, sum(amount_minor) FROM ledger_entry "
            "WHERE entry_date BETWEEN ? AND ? GROUP BY currency",
            (start.isoformat(), end.isoformat()),
        ).fetchall()
        db.close()

    def reportlab_floor() -> None:
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        register_fonts()
        SimpleDocTemplate(io.BytesIO()).build([Paragraph("Hello", styles()["body"])])

    case_id = Case.select(Case.id).where(Case.kind == "return").first().id
    build_instructions(case_id)  # warm-up: font loading happens once per process
    rows = [
        (
            "returns summary, 1 year",
            lambda: build_summary(start, end),
            3.0,
            raw_floor,
            "raw SQLite: 2 aggregates",
        ),
        (
            "return instructions",
            lambda: build_instructions(case_id),
            0.3,
            reportlab_floor,
            "reportlab: 1-paragraph PDF",
        ),
    ]
    print(f"\nStore: {cases:,} cases; summary period {start} – {end}\n")
    print(f"{'figure':28} {'best':>9} {'median':>9} {'target':>8}   floor (same run)")
    for name, fn, target, floor_fn, floor_name in rows:
        best, median = _best(fn, 5)
        floor_best, _ = _best(floor_fn, 5)
        verdict = "ok" if median < target else "SLOW"
        print(
            f"{name:28} {best * 1000:7.0f}ms {median * 1000:7.0f}ms {target * 1000:6.0f}ms"
            f"   {floor_name}: {floor_best * 1000:.0f}ms ({median / floor_best:.0f}×)  {verdict}"
        )


if __name__ == "__main__":
    main()
