"""Benchmark: accounting export and per-case totals on a large demo store.

Run from the repository root:

    PYTHONPATH=. python tests/bench/bench_ledger_export.py [CASES]

``CASES`` defaults to 430,000 (about 500,000 ledger entries). Each figure is
printed beside its floor measured in the same run:

- export (.xlsx, all three sheets) vs a bare openpyxl write-only loop that
  appends the very same cell values (no styles, no safety checks, rows already
  in memory) — target: at most 1.3 × the floor;
- peak memory of the export (resident set, measured before the floor builds
  its in-memory rows) — target: under 300 MB;
- per-case totals (``services.ledger.case_money``) vs a raw sqlite3 SUM on the
  same case — target: under 10 ms.
"""

from __future__ import annotations

import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from returnsdesk import paths  # noqa: E402
from returnsdesk.domain.ledger import DIRECTION, LABELS, LedgerKind  # noqa: E402
from returnsdesk.domain.money import to_decimal  # noqa: E402
from returnsdesk.formats.ledger_export import export_ledger, text  # noqa: E402
from returnsdesk.services import ledger  # noqa: E402
from returnsdesk.session import open_session  # noqa: E402
from returnsdesk.store import ledger_sql  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_rows() -> tuple[list[tuple], list[tuple]]:
    """The values the export writes, as plain tuples (built before the floor is timed)."""
    ledger_rows = []
    for r in ledger_sql.iter_period_rows(None, None):
        kind = LedgerKind(r[8])
        ledger_rows.append(
            (
                r[0],
                date.fromisoformat(r[1]),
                r[3],
                r[4],
                r[5],
                r[6],
                LABELS[kind],
                text(DIRECTION[kind]),
                to_decimal(r[9], r[11]),
                to_decimal(r[10], r[11]),
                r[11],
                r[12],
                r[13],
                r[14],
                r[15],
                r[16],
                r[17] or None,
            )
        )
    case_rows = [
        (*r[:9], to_decimal(r[9], r[7]), to_decimal(r[10], r[7]), to_decimal(r[9] - r[10], r[7]))
        for r in ledger_sql.iter_case_rows(None, None)
    ]
    return ledger_rows, case_rows


def bare_write(target: Path, ledger_rows: list[tuple], case_rows: list[tuple]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Ledger")
    for row in ledger_rows:
        ws.append(row)
    wb.create_sheet("Summary")
    ws = wb.create_sheet("Cases")
    for row in case_rows:
        ws.append(row)
    wb.save(target)


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 430_000
    folder = Path(tempfile.mkdtemp(prefix="rd-bench-ledger-"))
    started = time.perf_counter()
    # Built in a child process so its memory does not count against the export's.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "returnsdesk",
            "demo",
            "--cases",
            str(cases),
            "--seed",
            "11",
            "--data-dir",
            str(folder / "store"),
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    print(f"(built in {time.perf_counter() - started:.0f} s)")
    open_session(folder / "store")
    import openpyxl  # noqa: F401  - both contenders start with openpyxl loaded

    rss_before = rss_mb()
    export_runs, bare_runs = [], []
    started = time.perf_counter()
    result = export_ledger(folder / "export.xlsx", None, None)
    export_runs.append(time.perf_counter() - started)
    export_peak = rss_mb()

    started = time.perf_counter()
    export_ledger(folder / "export.csv", None, None)
    csv_s = time.perf_counter() - started

    ledger_rows, case_rows = bare_rows()
    for _ in range(2):
        started = time.perf_counter()
        bare_write(folder / "bare.xlsx", ledger_rows, case_rows)
        bare_runs.append(time.perf_counter() - started)
        if len(export_runs) < 2:
            started = time.perf_counter()
            export_ledger(folder / "export.xlsx", None, None)
            export_runs.append(time.perf_counter() - started)
    del ledger_rows, case_rows
    export_s, bare_s = min(export_runs), min(bare_runs)
    print(f"runs: export {export_runs}, bare {bare_runs}")

    db = sqlite3.connect(paths.database_path(folder / "store"))
    case_ids = [r[0] for r in db.execute("SELECT DISTINCT case_id FROM ledger_entry")]
    sample = random.Random(1).sample(case_ids, min(1000, len(case_ids)))
    ledger.case_money(sample[0])  # warm the connection and statement cache
    timings, raw = [], []
    for case_id in sample:
        t0 = time.perf_counter()
        ledger.case_money(case_id)
        timings.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        db.execute(
            "SELECT SUM(amount_minor) FROM ledger_entry WHERE case_id = ?", (case_id,)
        ).fetchone()
        raw.append((time.perf_counter() - t0) * 1000)

    print()
    print(f"{'figure':<42}{'measured':>14}{'floor':>14}{'ratio':>8}  target")
    print(
        f"{'export .xlsx (' + format(result.entries, ',') + ' entries)':<42}"
        f"{export_s:>12.1f} s{bare_s:>12.1f} s{export_s / bare_s:>8.2f}  ≤ 1.30 × bare loop"
    )
    print(f"{'export .csv':<42}{csv_s:>12.1f} s{'':>14}{'':>8}")
    print(
        f"{'export peak RSS (process, MB)':<42}{export_peak:>12.0f} MB"
        f"{rss_before:>11.0f} MB{'':>8}  < 300 MB (floor = RSS before export)"
    )
    print(
        f"{'per-case totals, median / max (ms)':<42}"
        f"{statistics.median(timings):>7.2f}/{max(timings):>5.2f}"
        f"{statistics.median(raw):>8.3f}/{max(raw):>5.2f}{'':>8}  < 10 ms (floor = raw SUM)"
    )
    print(f"\nfiles in {folder}")


if __name__ == "__main__":
    main()
