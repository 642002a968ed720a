"""Every area and case panel refreshes itself from the change bus, once per write (issue 17).

Seen before: the window and the case's lower tabs re-announced each panel's ``changed``
signal on the bus, so a posting made in a case's Money tab was broadcast twice and the
panel read its money twice; the main window reloaded the Ledger and Suppliers areas by
hand besides their own listening.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from case_waits import loaded, settle

import returnsdesk.ui
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.services import cases, ledger
from returnsdesk.services.changes import Area, Changes
from returnsdesk.store.models import Case
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.ui.operations import announce, change_bus, write_op


def count_calls(calls: Counter[str], name: str, obj: object, method: str) -> None:
    """Count the calls of ``obj.method`` under ``name`` (the original still runs)."""
    original = getattr(obj, method)

    def counted(*args: object, **kwargs: object) -> object:
        calls[name] += 1
        return original(*args, **kwargs)

    setattr(obj, method, counted)


@pytest.fixture
def window(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


@pytest.fixture
def two_cases(demo_store) -> tuple[Case, Case]:
    first, second = Case.select().where(Case.kind == "return").order_by(Case.id).limit(2)
    return first, second


@pytest.fixture
def open_case(qtbot, window, two_cases):
    """The first case open in the window with its three lower panels built, and a
    counter of the reloads of each panel, the case itself and the inbox."""
    workspace = loaded(qtbot, window.open_case(two_cases[0].id))
    panels = {
        "money": workspace.money,
        "supplier": workspace.supplier_panel,
        "evidence": workspace.evidence,
    }
    settle(qtbot)
    calls: Counter[str] = Counter()
    for name, panel in panels.items():
        count_calls(calls, name, panel, "reload")
    count_calls(calls, "case", workspace, "refresh")
    count_calls(calls, "inbox", window.inbox, "refresh")
    count_calls(calls, "choices", window.inbox, "reload_choices")
    return workspace, calls


def test_a_write_to_the_case_reloads_each_of_its_panels_once(qtbot, open_case, two_cases):
    workspace, calls = open_case
    case = two_cases[0]
    with qtbot.waitSignal(change_bus().changed):
        write_op(
            None,
            lambda: cases.add_note(case.id, "from another screen"),
            changes=Changes.of(Area.CASES, cases=[case.id]),
        )
    settle(qtbot)
    assert calls == Counter(money=1, supplier=1, evidence=1, case=1, inbox=1)


def test_a_write_to_another_case_reloads_none_of_the_case_panels(qtbot, open_case, two_cases):
    _workspace, calls = open_case
    other = two_cases[1]
    announce(Changes.of(Area.EVIDENCE, Area.CONTACTS, cases=[other.id]))
    settle(qtbot)
    assert calls == Counter(inbox=1)  # the inbox lists the other case's messages
    calls.clear()
    # A posting on another case changes none of this case's messages or files. The money
    # panel does re-read: it shows its order's and its customer's totals, which a posting
    # on a sibling case changes (the customer's side of "left to give back").
    announce(Changes.of(Area.LEDGER, cases=[other.id]))
    settle(qtbot)
    assert calls == Counter(money=1, inbox=1)


def test_a_posting_made_in_the_money_tab_is_broadcast_and_read_once(qtbot, open_case):
    """Seen: the lower tabs re-announced the panel's ``changed``: two broadcasts, two reads."""
    workspace, calls = open_case
    panel = workspace.money
    heard: list[Changes] = []
    change_bus().changed.connect(lambda changes, _source: heard.append(changes))
    panel.kind.setCurrentIndex(panel.kind.findData(LedgerKind.RETURN_LABEL_COST.value))
    panel.amount.setText("4.50")
    panel.confirm = lambda _text: True
    with qtbot.waitSignal(change_bus().changed):
        assert panel.post()
    settle(qtbot)
    assert heard == [Changes.of(Area.LEDGER, cases=[workspace.case_id])]
    assert calls == Counter(money=1, supplier=1, evidence=1, case=1, inbox=1)
    qtbot.waitUntil(lambda: "Posted" in panel.message.text())


def test_the_ledger_area_reloads_once_and_only_when_shown(qtbot, window, two_cases):
    page = window.area("Ledger")
    settle(qtbot)
    calls: Counter[str] = Counter()
    count_calls(calls, "ledger", page, "reload")
    announce(Changes.of(Area.EVIDENCE))  # evidence shows nowhere in the ledger
    assert calls == Counter()
    announce(Changes.of(Area.LEDGER, cases=[two_cases[0].id]))
    assert calls == Counter(ledger=1)
    window.show_view(window.inbox.current_view())  # the Inbox page: the ledger is hidden
    announce(Changes.of(Area.LEDGER, cases=[two_cases[0].id]))
    announce(Changes.of(Area.CASES, cases=[two_cases[1].id]))
    assert calls == Counter(ledger=1)  # nothing read for a hidden page...
    assert window.area("Ledger") is page
    assert calls == Counter(ledger=2)  # ...until it is shown: one read for both writes
    settle(qtbot)


def test_the_suppliers_area_reloads_once_per_write(qtbot, window):
    page = window.area("Suppliers")
    qtbot.waitUntil(lambda: page.loaded)
    settle(qtbot)
    calls: Counter[str] = Counter()
    count_calls(calls, "suppliers", page, "reload")
    announce(Changes.of(Area.SUPPLIERS, Area.CONTACTS, Area.CASES))
    assert calls == Counter(suppliers=1)
    announce(Changes.of(Area.EVIDENCE))
    assert calls == Counter(suppliers=1)
    settle(qtbot)


def test_the_evidence_area_reloads_once_per_evidence_write(qtbot, window, two_cases):
    page = window.area("Evidence")
    settle(qtbot)
    calls: Counter[str] = Counter()
    count_calls(calls, "evidence", page, "reload")
    announce(Changes.of(Area.EVIDENCE, cases=[two_cases[1].id]))
    assert calls == Counter(evidence=1)
    announce(Changes.of(Area.LEDGER, cases=[two_cases[1].id]))
    assert calls == Counter(evidence=1)
    settle(qtbot)


def test_the_inbox_refreshes_itself_for_what_it_lists(qtbot, window, two_cases):
    calls: Counter[str] = Counter()
    count_calls(calls, "inbox", window.inbox, "refresh")
    count_calls(calls, "choices", window.inbox, "reload_choices")
    announce(Changes.of(Area.EVIDENCE))  # no inbox column shows evidence
    assert calls == Counter()
    announce(Changes.of(Area.CASES, cases=[two_cases[0].id]))
    assert calls == Counter(inbox=1)
    announce(Changes.of(Area.SUPPLIERS))
    assert calls == Counter(inbox=2, choices=1)
    settle(qtbot)


def test_no_widget_announces_its_saves_through_a_signal_of_its_own():
    """The bus is the one way a save reaches other screens: no ``changed`` or
    ``entry_reversed`` signal is left for a window to re-announce."""
    root = Path(returnsdesk.ui.__file__).parent
    refresh_signal = re.compile(r"^\s+(changed|entry_reversed)\s*=\s*Signal\(", re.MULTILINE)
    found = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if refresh_signal.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["operations.py"]  # the bus itself


def test_ledger_posting_from_a_service_reaches_the_open_case(qtbot, open_case, two_cases):
    workspace, calls = open_case
    case = two_cases[0]
    entry = ledger.EntryInput(case.id, LedgerKind.RETURN_LABEL_COST, 300, case.currency)
    with qtbot.waitSignal(change_bus().changed):
        write_op(
            None, lambda: ledger.post_entry(entry), changes=Changes.of(Area.LEDGER, cases=[case.id])
        )
    settle(qtbot)
    assert calls["money"] == 1
    qtbot.waitUntil(lambda: workspace.money.model.rowCount() >= 1)


def test_the_reports_area_computes_again_once_shown_after_a_write(qtbot, window, two_cases):
    page = window.area("Reports")
    qtbot.waitUntil(lambda: not page.busy(), timeout=30_000)
    settle(qtbot)
    calls: Counter[str] = Counter()
    count_calls(calls, "reports", page, "refresh")
    announce(Changes.of(Area.EVIDENCE))  # no report counts files
    assert calls == Counter()
    window.show_view(window.inbox.current_view())
    announce(Changes.of(Area.LEDGER, cases=[two_cases[0].id]))
    announce(Changes.of(Area.CASES, cases=[two_cases[1].id]))
    assert calls == Counter()  # hidden: nothing computed...
    assert window.area("Reports") is page
    assert calls == Counter(reports=1)  # ...until shown: once for both writes
    qtbot.waitUntil(lambda: not page.busy(), timeout=30_000)
    settle(qtbot)
