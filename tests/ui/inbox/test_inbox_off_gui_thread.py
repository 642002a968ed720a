"""The inbox never waits on the store on the GUI thread (issue #17): typing a search,
switching views and sorting ask for the first page on a worker; the rows shown stay
until it arrives, and a slow answer is said in the summary.

Seen at 1,000,000 cases: typing "e" froze the window 0.6 s, and a click on the
Customer header 2 s, each reading on the GUI thread.
"""

from __future__ import annotations

import threading

from case_waits import settle
from PySide6.QtCore import Qt
from table_waits import answered

from returnsdesk.store.inbox import View
from returnsdesk.ui.inbox import model as inbox_model
from returnsdesk.ui.inbox.model import COLUMNS
from returnsdesk.ui.inbox.widget import InboxWidget


def test_search_views_and_sorts_read_only_on_workers(qtbot, demo_store, monkeypatch):
    on_gui: list[bool] = []
    for name in ("case_ids", "fetch_rows"):
        real = getattr(inbox_model, name)

        def spy(*args, _real=real, **kwargs):
            on_gui.append(threading.current_thread() is threading.main_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(inbox_model, name, spy)
    inbox = InboxWidget()
    qtbot.addWidget(inbox)
    answered(qtbot, inbox.model)
    inbox.set_view(View.ALL)
    answered(qtbot, inbox.model)
    inbox.search.setText("a")
    inbox._debounce.flush()
    answered(qtbot, inbox.model)
    inbox.table.sortByColumn(COLUMNS.index("customer"), Qt.SortOrder.DescendingOrder)
    answered(qtbot, inbox.model)
    settle(qtbot)
    assert inbox.model.rowCount() > 0
    assert on_gui and not any(on_gui)


def test_a_slow_answer_keeps_the_rows_and_says_so(qtbot, demo_store, monkeypatch):
    inbox = InboxWidget()
    qtbot.addWidget(inbox)
    inbox.set_view(View.ALL)
    settle(qtbot)
    before = [inbox.model.case_id(r) for r in range(inbox.model.rowCount())]
    summary = inbox.summary.text()
    assert before and "60 cases" in summary
    release, started = threading.Event(), threading.Event()
    real = inbox_model.case_ids

    def slow(query, today, limit=None):
        if query.filters.search:  # a slow disk under the search
            started.set()
            release.wait(10)
        return real(query, today, limit=limit)

    monkeypatch.setattr(inbox_model, "case_ids", slow)
    inbox.search.setText("zzzz-nothing")
    inbox._debounce.flush()
    qtbot.waitUntil(started.is_set)
    # The GUI thread is free: the old rows stay, then the summary says it is looking.
    assert [inbox.model.case_id(r) for r in range(inbox.model.rowCount())] == before
    assert inbox.model.total() is None and inbox.summary.text() == summary
    qtbot.waitUntil(lambda: inbox.summary.text() == "Looking for cases…")
    with qtbot.waitSignal(inbox.model.answered):
        release.set()
    assert inbox.model.rowCount() == 0
    assert inbox.summary.text() == "0 cases in this view"


def test_a_new_inbox_lists_the_most_urgent_first_with_no_column_sorted(qtbot, demo_store):
    """Seen at 1,000,000 cases: "Needs action" came newest RMA first, with no sort arrow
    shown, because enabling sorting on the table sorted it by its first column."""
    inbox = InboxWidget()
    qtbot.addWidget(inbox)
    answered(qtbot, inbox.model)
    assert inbox.model.query.sort is None
    assert inbox.table.horizontalHeader().sortIndicatorSection() == -1
    shown = [inbox.model.item_at(r).next_due_on for r in range(inbox.model.rowCount())]
    dated = [due for due in shown if due is not None]
    assert dated and dated == sorted(dated)  # the earliest deadline first
    assert shown[: len(dated)] == dated  # the undated ones after
