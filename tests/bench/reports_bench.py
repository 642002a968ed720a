"""Reports and risk-signal speed on a large store, each figure beside a floor.

    python tests/bench/reports_bench.py [--cases 100000] [--store DIR]

Builds the store with the demo generator (reused if DIR already holds one), then,
in a child process with the real main window: the Reports area showing the last
12 months -- from asking to the first view (the months table and chart, which the
area opens on, and the headline) filled on screen, and, as a second figure, to every
view filled (the whole report) -- a drill-down from a supplier row to the inbox,
the inbox search keystroke with the risk column, and with the
"Risk signals only" filter on. Floors, measured in the same run: raw SQLite
counting the year's orders and cases, and a raw FTS5 query.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time
from datetime import date, timedelta
from pathlib import Path
folder = Path(sys.argv[1])
from PySide6.QtCore import QStandardPaths
QStandardPaths.setTestModeEnabled(True)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from returnsdesk.session import open_session
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.services.clock import utc_now
session = open_session(folder)
w = MainWindow(session); w.show(); app.processEvents()
inbox = w.inbox
def timed(fn):
    t = time.perf_counter(); fn(); inbox.table.viewport().repaint(); app.processEvents()
    return (time.perf_counter() - t) * 1000
words = ["e", "em", "emm", "emma", "emma m", "emma ma", "lamp", "lampe", "#12", "#123"]
def keystrokes():
    out = []
    for word in words:
        inbox.search.setText(word)
        out.append(timed(inbox._on_filters_changed))
    inbox.search.setText("")
    return out
plain = keystrokes()
inbox.flagged_only.setChecked(True); app.processEvents()
flagged = keystrokes()
t = time.perf_counter(); inbox.flagged_only.setChecked(False); app.processEvents()
area = w.area("Reports")
while area._job is not None:
    app.processEvents(); time.sleep(0.005)
today = utc_now().date()
years, fulls = [], []
area.tabs.setCurrentIndex(0)
for _ in range(3):
    t = time.perf_counter()
    area.set_period(today - timedelta(days=364), today)
    while area.first is None:
        app.processEvents(); time.sleep(0.002)
    months = area.views["months"]
    months.chart_view.viewport().repaint(); months.view.viewport().repaint()
    years.append((time.perf_counter() - t) * 1000)
    while area.report is None:
        app.processEvents(); time.sleep(0.002)
    fulls.append((time.perf_counter() - t) * 1000)
drills = []
for row in range(3):
    t = time.perf_counter(); area.drill("suppliers", row)
    inbox.table.viewport().repaint(); app.processEvents()
    drills.append((time.perf_counter() - t) * 1000)
    inbox.clear_explicit()
print(json.dumps({"plain": plain, "flagged": flagged, "years": years, "fulls": fulls,
                  "drills": drills,
                  "orders": area.report.orders, "cases": area.report.cases}), flush=True)
"""


def _floors(folder: Path) -> tuple[float, float]:
    conn = sqlite3.connect(folder / "returnsdesk.sqlite3")
    start = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 364 * 86400))
    t = time.perf_counter()
    conn.execute('SELECT count(*) FROM "order" WHERE placed_at >= ?', (start,)).fetchone()
    conn.execute('SELECT count(*) FROM "case" WHERE opened_at >= ?', (start,)).fetchone()
    year = (time.perf_counter() - t) * 1000
    times = []
    for word in ["emma", "lamp", "1234"]:
        t = time.perf_counter()
        conn.execute(
            "SELECT rowid FROM case_search WHERE case_search MATCH ?", (f'"{word}"*',)
        ).fetchall()
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return year, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None)
    args = parser.parse_args()
    folder = args.store or Path(tempfile.gettempdir()) / f"returnsdesk-bench-{args.cases}"
    if not (folder / "returnsdesk.sqlite3").exists():
        from returnsdesk.demo import build_demo_store

        t = time.perf_counter()
        build_demo_store(folder, cases=args.cases, seed=1)
        print(f"built {args.cases:,}-case store in {time.perf_counter() - t:.1f} s: {folder}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    year_floor, fts_floor = _floors(folder)
    print(f"store: {figures['orders']:,} orders and {figures['cases']:,} cases in the last year")
    rows = [
        (
            "Reports: 12 months, first view shown, median",
            statistics.median(figures["years"]),
            year_floor,
            1000,
        ),
        (
            "Reports: every view filled, median",
            statistics.median(figures["fulls"]),
            year_floor,
            None,
        ),
        ("drill-down to the inbox, median", statistics.median(figures["drills"]), fts_floor, 200),
        (
            "search keystroke with risk column, median",
            statistics.median(figures["plain"]),
            fts_floor,
            50,
        ),
        (
            "search keystroke, risk filter on, median",
            statistics.median(figures["flagged"]),
            fts_floor,
            None,
        ),
    ]
    print(f"{'figure':44} {'measured':>10} {'floor':>10} {'target':>8}")
    for name, value, base, target in rows:
        verdict = "" if target is None else ("ok" if value <= target else "OVER")
        target_text = "" if target is None else str(target)
        print(f"{name:44} {value:10.1f} {base:10.1f} {target_text:>8} {verdict}")


if __name__ == "__main__":
    main()
