"""Reports and risk-signal speed on a large store, each figure beside a floor.

    python tests/bench/reports_bench.py [--cases 100000] [--store DIR]

Builds the store with the demo generator (reused if DIR already holds one), then,
in a child process with the real main window: each view of the Reports area showing
the last 12 months -- from asking (with that view's tab in front) to its table and
chart filled on screen -- and the whole report filled in the background; a
drill-down from a supplier row to the inbox; the inbox search keystroke with the
risk column, and with the "Risk signals only" filter on (target: within twice the
plain keystroke), beside a floor of the raw FTS5 query plus a bare Qt table showing
a new page; and, as background figures, the recount of the views and the
navigation, and the risk snapshot rebuild. Floors, measured in the same run: raw
SQLite counting the year's orders and cases, and a raw FTS5 query.

The run brings the store to this version's schema and writes its risk snapshot:
point it at a copy of a store other versions still use.
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
from PySide6.QtCore import QStandardPaths, QThreadPool
QStandardPaths.setTestModeEnabled(True)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from returnsdesk.session import open_session
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.services import risk
from returnsdesk.services.clock import utc_now
from returnsdesk.formats.report_tables import TABLES
def bare_table():
    # Floor of a keystroke: a bare QTableView showing a new page of 12 columns.
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView
    model = QStandardItemModel(0, 12)
    view = QTableView(); view.setModel(model); view.resize(1220, 620); view.show()
    times = []
    for n in range(10):
        t = time.perf_counter()
        model.setRowCount(0)
        for r in range(64):
            model.appendRow([QStandardItem(f"row {r} page {n} col {c}") for c in range(12)])
        view.viewport().repaint(); app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    view.close()
    return sorted(times)[len(times) // 2]
table_floor = bare_table()
session = open_session(folder)
from returnsdesk.store.db import database
database.execute_sql("UPDATE risk_state SET version = version + 1")  # as after a write
def wait(condition):
    while not condition():
        app.processEvents(); time.sleep(0.002)
started = time.perf_counter()
w = MainWindow(session); w.show(); app.processEvents()
inbox = w.inbox
# What the window does in the background after start-up (and after each write).
wait(lambda: bool(inbox.counts))
recount = (time.perf_counter() - started) * 1000
wait(lambda: risk.flagged_ready())
snapshot = (time.perf_counter() - started) * 1000
def timed(fn):
    # To the rows on screen: the table reads its first page off the GUI thread.
    t = time.perf_counter(); fn()
    wait(lambda: not inbox.model.is_answering())
    inbox.table.viewport().repaint(); app.processEvents()
    return (time.perf_counter() - t) * 1000
words = ["e", "em", "emm", "emma", "emma m", "emma ma", "lamp", "lampe", "#12", "#123"]
def keystrokes():
    out = []
    for word in words:
        inbox.search.setText(word)
        out.append(timed(inbox._debounce.flush))  # the pause that ends typing
    inbox.search.setText("")
    return out
counts_before = dict(inbox.counts)
plain = keystrokes()
inbox.flagged_only.setChecked(True); app.processEvents()
flagged = keystrokes()
inbox.flagged_only.setChecked(False); app.processEvents()
assert inbox.counts == counts_before  # typing never recounts
area = w.area("Reports")
wait(lambda: not area.busy())
today = utc_now().date()
views = {}
for index, table in enumerate(TABLES):
    area.tabs.setCurrentIndex(index)
    view = area.views[table.name]
    t = time.perf_counter()
    area.set_period(today - timedelta(days=364), today)
    wait(lambda: area.view_ready(table.name))
    view.chart_view.viewport().repaint(); view.view.viewport().repaint()
    views[table.name] = (time.perf_counter() - t) * 1000
    wait(lambda: area.report is not None)
area.tabs.setCurrentIndex(0)
t = time.perf_counter()
area.set_period(today - timedelta(days=364), today)
wait(lambda: area.report is not None)
full = (time.perf_counter() - t) * 1000
drills = []
for row in range(3):
    drills.append(timed(lambda row=row: area.drill("suppliers", row)))
    inbox.clear_explicit()  # and its reads done, as a user's next click would find them
    pool = QThreadPool.globalInstance()
    wait(lambda: not inbox.model.is_answering() and not pool.activeThreadCount())
print(json.dumps({"plain": plain, "flagged": flagged, "views": views, "full": full,
                  "drills": drills, "recount": recount, "snapshot": snapshot,
                  "table_floor": table_floor,
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
    plain = statistics.median(figures["plain"])
    # A keystroke's floor: the raw FTS5 query plus a bare Qt table showing a new page.
    keystroke_floor = fts_floor + figures["table_floor"]
    rows = [
        *(
            (f"Reports: {name} view shown (its tab in front)", ms, year_floor, 1000)
            for name, ms in figures["views"].items()
        ),
        ("Reports: every view filled (background)", figures["full"], year_floor, None),
        ("drill-down to the inbox, median", statistics.median(figures["drills"]), fts_floor, 200),
        ("search keystroke with risk column, median", plain, keystroke_floor, 50),
        (
            "search keystroke, risk filter on, median",
            statistics.median(figures["flagged"]),
            keystroke_floor,
            round(plain * 2),
        ),
        ("view counts + overdue replies (background)", figures["recount"], fts_floor, None),
        ("risk snapshot rebuild (background)", figures["snapshot"], year_floor, None),
    ]
    print(f"{'figure':52} {'measured':>10} {'floor':>10} {'target':>8}")
    for name, value, base, target in rows:
        verdict = "" if target is None else ("ok" if value <= target else "OVER")
        target_text = "" if target is None else str(target)
        print(f"{name:52} {value:10.1f} {base:10.1f} {target_text:>8} {verdict}")


if __name__ == "__main__":
    main()
