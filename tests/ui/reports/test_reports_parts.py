"""Each view of the Reports area fills from its own job (issue #16: the Reports area shows
a year in under 1 s — each tab as soon as its own figures are read, not after the whole
report), and the views together equal ``build_report`` (the PDF's and the command's)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from returnsdesk.formats.report_tables import TABLES
from returnsdesk.services import reports
from returnsdesk.services.reports import PARTS, build_report
from returnsdesk.ui.main_window import MainWindow
from tests import insight_store
from tests.conftest import NOW
from tests.insight_store import END, START


@pytest.fixture
def area(qtbot, store):
    insight_store.build()
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    area = window.area("Reports")
    qtbot.waitUntil(lambda: not area.busy(), timeout=10_000)
    return area


def _rows(view) -> list:
    return [view.model.row_object(r) for r in range(view.model.rowCount())]


def test_the_tab_in_front_is_read_first_and_each_view_fills_from_its_part(qtbot, area):
    area.tabs.setCurrentIndex([t.name for t in TABLES].index("flags"))
    arrived: list[str] = []
    area.part_loaded.connect(arrived.append)
    with qtbot.waitSignal(area.loaded, timeout=10_000):
        area.set_period(START, END)
        assert all(view.model.rowCount() == 0 for view in area.views.values())
    # The tab in front (its two parts) is read beside the overview, the other parts after.
    assert set(arrived[:3]) == {"months", "customer_flags", "supplier_flags"}
    assert sorted(arrived) == sorted([*PARTS, "months"])  # each part once, each its own job
    whole = build_report(START, END)
    assert area.report == whole
    for table in TABLES:
        assert _rows(area.views[table.name]) == table.rows(whole), table.name


def test_a_view_shows_its_figures_before_the_other_parts_are_read(qtbot, area, monkeypatch):
    # Hold every part but the suppliers' one: the suppliers view still fills.
    held = {name for name in PARTS if name != "breakdown"}
    real = reports.report_part

    def part(name, start, end, now=None, memo=None):
        if name in held:
            raise RuntimeError("held back")
        return real(name, start, end, now, memo)

    monkeypatch.setattr("returnsdesk.ui.reports.area.report_part", part)
    monkeypatch.setattr("returnsdesk.ui.reports.area.show_error", lambda *args: None)
    area.tabs.setCurrentIndex([t.name for t in TABLES].index("suppliers"))
    with qtbot.waitSignal(
        area.part_loaded, timeout=10_000, check_params_cb=lambda n: n != "months"
    ):
        area.set_period(START, END)
    assert area.view_ready("suppliers") and area.view_ready("reasons")
    assert not area.view_ready("scorecards") and area.report is None
    whole = build_report(START, END)
    assert _rows(area.views["suppliers"]) == list(whole.by_supplier)
    assert _rows(area.views["reasons"]) == list(whole.by_reason)
    # Drilling down from a view that is in works before the whole report is.
    with qtbot.waitSignal(area.open_cases, timeout=1000) as drilled:
        area.drill("suppliers", 0)
    assert drilled.args[0].supplier_ids == (whole.by_supplier[0].supplier_id,)


def test_opening_a_tab_starts_its_part_at_once(qtbot, area):
    area.tabs.setCurrentIndex(0)  # the months: the overview, then the parts in order
    area.set_period(START, END)
    assert "satisfaction" not in area._running
    area.tabs.setCurrentIndex([t.name for t in TABLES].index("satisfaction"))
    assert "satisfaction" in area._running or area.view_ready("satisfaction")
    qtbot.waitUntil(lambda: area.view_ready("satisfaction"), timeout=10_000)
    qtbot.waitUntil(lambda: area.report is not None, timeout=10_000)


def test_the_flags_view_waits_for_both_of_its_parts(qtbot, demo_store, clock, monkeypatch):
    """Customer and supplier signals are read side by side; the view never shows one
    half as if it were the whole list."""
    assert clock.now == NOW  # the demo store and its year, as of its own day
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    area = window.area("Reports")
    qtbot.waitUntil(lambda: not area.busy(), timeout=20_000)
    real = reports.report_part

    def part(name, start, end, now=None, memo=None):
        if name == "supplier_flags":
            raise RuntimeError("held back")
        return real(name, start, end, now, memo)

    monkeypatch.setattr("returnsdesk.ui.reports.area.report_part", part)
    monkeypatch.setattr("returnsdesk.ui.reports.area.show_error", lambda *args: None)
    area.tabs.setCurrentIndex([t.name for t in TABLES].index("flags"))
    year_start = NOW.date() - timedelta(days=364)
    with qtbot.waitSignal(
        area.part_loaded, timeout=20_000, check_params_cb=lambda n: n == "customer_flags"
    ):
        area.set_period(year_start, NOW.date())
    assert not area.view_ready("flags")
    assert area.views["flags"].model.rowCount() == 0
    customers = real("customer_flags", year_start, NOW.date())["customer_flags"]
    assert customers  # there was a half to show


def test_a_view_whose_parts_came_before_the_overview_is_filled_once(
    qtbot, demo_store, clock, monkeypatch
):
    """Both halves of the flags view read before the overview: shown in one fill, not one
    per part (each fill of a year of flags is tens of milliseconds on the GUI thread)."""
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    area = window.area("Reports")
    qtbot.waitUntil(lambda: not area.busy(), timeout=20_000)
    release = threading.Event()
    real = reports.overview

    def late_overview(start, end):
        release.wait(20)
        return real(start, end)

    monkeypatch.setattr("returnsdesk.ui.reports.area.overview", late_overview)
    flags = area.views["flags"]
    fills: list[int] = []
    real_set_rows = flags.set_rows
    monkeypatch.setattr(
        flags, "set_rows", lambda rows: (fills.append(len(rows)), real_set_rows(rows))
    )
    area.tabs.setCurrentIndex([t.name for t in TABLES].index("flags"))
    year_start = NOW.date() - timedelta(days=364)
    area.set_period(year_start, NOW.date())
    fills.clear()  # the period's reset
    qtbot.waitUntil(
        lambda: {"customer_flags", "supplier_flags"} <= set(area._fields), timeout=20_000
    )
    assert fills == []  # nothing shown before the overview
    with qtbot.waitSignal(area.loaded, timeout=20_000):
        release.set()
    whole = build_report(year_start, NOW.date())
    assert whole.flags  # customers and suppliers to show
    assert fills == [len(whole.flags)]
    assert _rows(flags) == TABLES[[t.name for t in TABLES].index("flags")].rows(whole)
