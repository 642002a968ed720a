"""The work counts: view tabs, status bar and navigation count the store, not the search.

Issue #13: "the status-bar counts do not change when the user types in the search
box" and "the navigation shows the count of what needs action next to Inbox, and
Suppliers shows how many replies are overdue". The counts are read off the GUI
thread after a write or a refresh, never on a keystroke.
"""

from __future__ import annotations

import pytest
from case_waits import loaded, settle

from returnsdesk.domain.workflow import FINISHED, Status
from returnsdesk.services.clock import utc_now
from returnsdesk.services.contacts import ContactInput, log_contact
from returnsdesk.store.inbox import View
from returnsdesk.store.models import Case, Customer, SupplierContact
from returnsdesk.ui.main_window import MainWindow

MINE = {Status.NEW, Status.APPROVED, Status.RECEIVED, Status.REOPENED, Status.CHARGEBACK_OPEN}


def _needs_action() -> int:
    """The Needs action view, counted in plain Python over every case: open, and either
    the merchant's move or a deadline due today or earlier."""
    today = utc_now().date()
    return sum(
        1
        for c in Case.select()
        if c.status not in FINISHED
        and (c.status in MINE or (c.next_due_on is not None and c.next_due_on <= today))
    )


def _overdue_replies() -> int:
    now = utc_now()
    return sum(
        1
        for m in SupplierContact.select()
        if m.awaiting_reply and m.answered_at is None and m.reply_due_at and m.reply_due_at <= now
    )


@pytest.fixture
def window(qtbot, demo_store, clock):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.inbox.counts), timeout=5000)
    return window


def test_typing_a_search_changes_neither_the_tab_counts_nor_the_status_bar(qtbot, window):
    inbox = window.inbox
    window.show_view(View.ALL)
    tabs = [inbox.tabs.tabText(i) for i in range(inbox.tabs.count())]
    status = window.counts_label.text()
    nav = window.nav.item(0).text()
    name = Customer.select().first().name.split()[0]
    with qtbot.assertNotEmitted(inbox.counts_changed, wait=300):
        for typed in (name[:1], name[:2], name):
            inbox.search.setText(typed)
            qtbot.waitUntil(lambda: not inbox._debounce.pending, timeout=3000)
    assert inbox.model.total() < 60  # the search did narrow the table...
    assert [inbox.tabs.tabText(i) for i in range(inbox.tabs.count())] == tabs  # ...not the counts
    assert window.counts_label.text() == status
    assert window.nav.item(0).text() == nav
    assert f"{inbox.model.total()} cases in this view" in inbox.summary.text()


def test_filters_and_view_switches_do_not_recount(qtbot, window):
    inbox = window.inbox
    with qtbot.assertNotEmitted(inbox.counts_changed, wait=300):
        inbox.flagged_only.setChecked(True)
        window.show_view(View.CLOSED)
        window.show_view(View.OVERDUE)
    assert inbox.counts[View.ALL] == 60


def test_navigation_shows_what_needs_action_and_overdue_replies(qtbot, window):
    needs, overdue = _needs_action(), _overdue_replies()
    assert needs > 0 and overdue > 0  # the demo store has both
    assert window.inbox.counts[View.NEEDS_ACTION] == needs
    assert window.nav.item(0).text() == f"Inbox ({needs})"
    replies = "1 reply overdue" if overdue == 1 else f"{overdue} replies overdue"
    assert window.nav.item(1).text() == f"Suppliers\n{replies}"
    # The areas are still found by their name.
    assert window.area("Suppliers") is window.suppliers


def test_navigation_counts_refresh_after_a_write(qtbot, window, demo_store):
    case = next(c for c in Case.select() if c.status == Status.APPROVED)
    workspace = loaded(qtbot, window.open_case(case.id))
    with qtbot.waitSignal(window.inbox.counts_changed, timeout=5000):
        workspace.apply_transition(Status.AWAITING_RETURN, note="Label sent")
    settle(qtbot)
    assert window.nav.item(0).text() == f"Inbox ({_needs_action()})"

    # A supplier answers every awaited message: no reply is overdue any more.
    waiting = {m.supplier_id for m in SupplierContact.select() if m.awaiting_reply}
    for supplier_id in waiting:
        log_contact(
            ContactInput(
                supplier_id=supplier_id,
                case_id=None,
                direction="received",
                channel="email",
                subject="Re: claims",
            )
        )
    assert _overdue_replies() == 0
    with qtbot.waitSignal(window.inbox.counts_changed, timeout=5000):
        window.refresh()
    assert window.nav.item(1).text() == "Suppliers"
