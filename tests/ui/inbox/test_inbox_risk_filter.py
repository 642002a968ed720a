"""The inbox's "Risk signals only" filter reads the flagged-case snapshot, brought up to
date off the GUI thread, and shows the same rows as the rules (domain/risk.py)."""

from __future__ import annotations

from table_waits import answered, fetch_all

from returnsdesk.domain.risk import case_flags
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import risk
from returnsdesk.services.cases import OpenCaseInput, open_case
from returnsdesk.services.clock import utc_now
from returnsdesk.store import risk as risk_sql
from returnsdesk.store import supplier_replies_kept
from returnsdesk.store.inbox import View
from returnsdesk.store.models import Case, Order
from returnsdesk.ui.main_window import MainWindow


def _flagged_by_the_rules() -> set[int]:
    today, t = utc_now().date(), risk.thresholds()
    facts = risk_sql.case_facts([c.id for c in Case.select()], today)
    return {cid for cid, f in facts.items() if case_flags(f, t)}


def _shown(inbox, qtbot) -> set[int]:
    answered(qtbot, inbox.model)
    fetch_all(qtbot, inbox.model)
    return {inbox.model.case_id(r) for r in range(inbox.model.rowCount())}


def test_risk_filter_shows_what_the_rules_flag_and_follows_writes(qtbot, demo_store, clock):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    inbox = window.inbox
    window.show_view(View.ALL)
    qtbot.waitUntil(lambda: risk.flagged_ready(), timeout=5000)  # built after start-up
    inbox.flagged_only.setChecked(True)
    expected = _flagged_by_the_rules()
    assert expected and _shown(inbox, qtbot) == expected

    # A write that flags another case: the filter waits for the snapshot, then shows it.
    quiet = next(c for c in Case.select() if c.id not in expected)
    Order.update(billing_country="CA", shipping_country="NZ").where(
        Order.id == quiet.order_id
    ).execute()
    open_case(OpenCaseInput(Order.select().first().id, Kind.RETURN, "defective"))
    assert not risk.flagged_ready()
    window.refresh()
    assert inbox.model.rowCount() == 0  # never the slow per-case rules on the GUI thread
    assert "risk signals" in inbox.summary.text()
    expected = _flagged_by_the_rules()
    assert quiet.id in expected
    qtbot.waitUntil(lambda: _shown(inbox, qtbot) == expected, timeout=5000)
    assert f"{len(expected)} cases in this view" in inbox.summary.text()

    # Searching inside the filter narrows it like any search.
    name = quiet.order.customer.name.split()[0]
    inbox.search.setText(name)
    qtbot.waitUntil(
        lambda: quiet.id in _shown(inbox, qtbot) and _shown(inbox, qtbot) <= expected,
        timeout=3000,
    )


def test_the_supplier_facts_are_kept_up_to_date_in_the_background(qtbot, demo_store, clock):
    """After start-up and after a write, the kept supplier facts and reply medians are
    brought up to date off the GUI thread (the Suppliers area then reads a few rows)."""
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: risk.supplier_facts_ready(), timeout=5000)
    qtbot.waitUntil(lambda: supplier_replies_kept.kept() is not None, timeout=5000)
    case = Case.select().where(Case.supplier.is_null(False)).first()
    Case.update(reason="damaged_in_transit").where(Case.id == case.id).execute()
    assert not risk.supplier_facts_ready()
    window.refresh()
    qtbot.waitUntil(lambda: risk.supplier_facts_ready(), timeout=5000)
