"""The rules in the window: facts recorded on a case, the store policy page, the calculator.
Screenshots go to /tmp/shots/rules/ for a look by eye."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from case_waits import loaded, settle
from factories import make_order
from PySide6.QtCore import QDate
from screen_text import window_language

from returnsdesk.domain.policy import StorePolicy
from returnsdesk.domain.reasons import Reason
from returnsdesk.services import cases, rule_facts, settings
from returnsdesk.services.cases import OpenCaseInput
from returnsdesk.services.orders import LineInput
from returnsdesk.services.rule_facts import LineRuleFacts
from returnsdesk.ui.operations import change_bus

SHOTS = Path("/tmp/shots/rules")


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def refusals(refusals, monkeypatch):
    """The shared refusals fixture, also catching the rules panels' message boxes."""

    def record(parent, title, error):
        refusals.append(str(error))

    for module in (
        "returnsdesk.ui.policy.facts_panel",
        "returnsdesk.ui.preferences.dialog",
    ):
        monkeypatch.setattr(f"{module}.show_error", record)
    return refusals


@pytest.fixture
def french():
    with window_language("fr"):
        yield


@pytest.fixture
def paris_shop(store):
    settings.save_store_policy(
        StorePolicy(country="FR", time_zone="Europe/Paris", return_days=14, peak=None)
    )
    return store


def _weekend_case(now):
    """A French customer, delivered Saturday 7 March, asking on Monday 23 March 2026."""
    order = make_order(
        number="#2001",
        placed_at=datetime(2026, 3, 1, 9, tzinfo=now.tzinfo),
        delivered_on=date(2026, 3, 7),
        lines=[LineInput("Lampe LED", 1, 4900, sku="LMP-9")],
    )
    opened = datetime(2026, 3, 23, 8, tzinfo=now.tzinfo)
    case = cases.open_case(OpenCaseInput(order.id, "return", Reason.NO_LONGER_WANTED), now=opened)
    return case, opened


def _mixed_case(now):
    order = make_order(number="#2002", delivered_on=now.date() - timedelta(days=10))
    return cases.open_case(OpenCaseInput(order.id, "return", Reason.NO_LONGER_WANTED), now=now)


def test_workspace_shows_a_verdict_per_line_and_records_line_facts(qtbot, paris_shop, now):
    from returnsdesk.ui.case.workspace import CaseWorkspace

    case = _mixed_case(now)
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    workspace.resize(1280, 900)
    text = workspace.verdict_label.text()
    assert "lines differ" in text
    assert "Coque personnalisée: Not eligible" in text
    assert workspace.rule_facts.lines.topLevelItemCount() == 2
    workspace.lower_tabs.setCurrentIndex(workspace.lower_tabs.count() - 1)
    _shot(workspace, "workspace-mixed-lines-en")
    # Record that the lamp's parcel came later: the verdict refreshes.
    lamp = case.order.lines[0]
    rule_facts.save_line_facts(
        lamp.id, LineRuleFacts(now.date() - timedelta(days=1), False, False, False), now=now
    )
    workspace.rule_facts.load(case.id)
    settle(qtbot)
    assert workspace.rule_facts.lines.topLevelItem(0).text(1) != "not known"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_french_weekend_case_in_the_workspace(qtbot, paris_shop, now, lang, request):
    from returnsdesk.ui.case.workspace import CaseWorkspace

    if lang == "fr":
        request.getfixturevalue("french")
    case, opened = _weekend_case(now)
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    workspace.resize(1280, 900)
    rules = workspace.rules_label.text()
    if lang == "fr":
        assert "lundi 23 mars 2026" in rules and "1182/71" in rules
    else:
        assert "Monday 23 March 2026" in rules and "1182/71" in rules
    _shot(workspace, f"workspace-weekend-{lang}")


def test_case_facts_panel_saves_country_and_dates_and_refuses_bad_ones(
    qtbot, paris_shop, now, refusals
):
    from returnsdesk.store.models import Case
    from returnsdesk.ui.case.workspace import CaseWorkspace

    case = _mixed_case(now)
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    panel = workspace.rule_facts
    panel.country.setText("Atlantis")
    panel.save()
    settle(qtbot)
    assert refusals and Case.get_by_id(case.id).order.customer.country == "FR"
    panel.country.setText("Guadeloupe")
    panel.notice.set_value(now.date() - timedelta(days=1))
    with qtbot.waitSignal(change_bus().changed):
        panel.save()
    settle(qtbot)
    fresh = Case.get_by_id(case.id)
    assert fresh.order.customer.country == "GP"
    assert fresh.withdrawal_notice_on == now.date() - timedelta(days=1)


def test_store_policy_page_saves_a_dated_version_and_shows_the_history(qtbot, store, refusals):
    from returnsdesk.ui.policy.preferences_page import StorePolicyPage
    from returnsdesk.ui.preferences.dialog import PreferencesDialog
    from returnsdesk.ui.preferences.pages import preference_pages

    assert any(isinstance(p, StorePolicyPage) for p in preference_pages())
    settings.save_store_policy(StorePolicy())
    page = StorePolicyPage()
    dialog = PreferencesDialog([page])
    qtbot.addWidget(dialog)
    page.country.setText("Atlantis")
    dialog.accept()
    settle(qtbot)
    assert refusals and len(settings.store_policy_history()) == 1
    page.country.setText("France")
    page.time_zone.setCurrentText("Europe/Paris")
    page.return_days.setValue(45)
    page.extra_withdrawal.setValue(16)
    page.effective_from.setDate(QDate(2026, 6, 1))
    page.published.setPlainText("Returns within 45 days.")
    dialog.accept()  # saved on the writer thread
    settle(qtbot)
    history = settings.store_policy_history()
    assert [v.effective_from for v in history][-1] == date(2026, 6, 1)
    latest = history[-1].policy
    assert (latest.country, latest.time_zone, latest.return_days) == ("FR", "Europe/Paris", 45)
    assert latest.extra_withdrawal_days == 16
    assert settings.store_policy(date(2026, 5, 1)).return_days == 30  # earlier orders keep theirs
    again = StorePolicyPage()
    qtbot.addWidget(again)
    assert again.history.topLevelItemCount() == 2
    again.resize(760, 700)
    _shot(again, "preferences-store-policy")
    again.time_zone.setCurrentText("Mars/Olympus")
    with pytest.raises(Exception, match="time zone"):
        again.validate()


def test_calculator_uses_the_engine_on_typed_facts(qtbot, paris_shop, now, request):
    from returnsdesk.ui.policy.calculator import ReturnCalculator

    dialog = ReturnCalculator()
    qtbot.addWidget(dialog)
    dialog.country.setText("FR")
    dialog.placed.setDate(QDate(2026, 3, 1))
    dialog.request.setDate(QDate(2026, 3, 23))
    dialog.rows[0].title.setText("Lamp")
    dialog.rows[0].delivered.set_value(date(2026, 3, 7))
    dialog.add_line()
    dialog.rows[1].title.setText("Personalised mug")
    dialog.rows[1].delivered.set_value(date(2026, 3, 7))
    dialog.rows[1].personalised.setChecked(True)
    settle(qtbot)
    text = dialog.verdict.text()
    assert "Lamp: Eligible" in text and "Personalised mug: Not eligible" in text
    assert "Monday 23 March 2026" in text
    _shot(dialog, "calculator-en")
    dialog.request.setDate(QDate(2026, 3, 24))
    settle(qtbot)
    assert "Lamp: Eligible" not in dialog.verdict.text()
    dialog.country.setText("Atlantis")
    settle(qtbot)
    assert "not a country" in dialog.verdict.text()


def test_calculator_in_french(qtbot, paris_shop, french):
    from returnsdesk.ui.policy.calculator import ReturnCalculator

    dialog = ReturnCalculator()
    qtbot.addWidget(dialog)
    dialog.country.setText("Réunion")
    dialog.placed.setDate(QDate(2026, 3, 1))
    dialog.request.setDate(QDate(2026, 3, 23))
    dialog.rows[0].delivered.set_value(date(2026, 3, 7))
    settle(qtbot)
    assert "Éligible" in dialog.verdict.text()
    assert "lundi 23 mars 2026" in dialog.verdict.text()
    _shot(dialog, "calculator-fr")


def test_case_menu_opens_the_calculator(qtbot, demo_store, monkeypatch):
    from returnsdesk.ui.main_window import MainWindow
    from returnsdesk.ui.policy import calculator

    opened = []
    monkeypatch.setattr(calculator.ReturnCalculator, "exec", lambda self: opened.append(self))
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    action = next(
        a
        for a in window.findChildren(type(window.menuBar().actions()[0]))
        if a.text().replace("&", "") == "Can they return it?…"
    )
    action.trigger()
    assert len(opened) == 1


def test_new_case_dialog_records_a_delivery_date_per_line(qtbot, paris_shop, now, refusals):
    from returnsdesk.store.models import OrderLine
    from returnsdesk.ui.case.new_case_dialog import NewCaseDialog

    order = make_order(number="#3001", delivered_on=None)
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.order_search.setText(order.number)
    qtbot.waitUntil(lambda: dialog._order is not None, timeout=3000)
    settle(qtbot)
    dialog.reason.setCurrentIndex(dialog.reason.findData(Reason.NO_LONGER_WANTED.value))
    settle(qtbot)
    assert "Record the delivery date" in dialog.preview.text()
    lamp_row = dialog.lines.cellWidget(0, 4)
    lamp_row.set_value(date(2026, 5, 10))
    mug_row = dialog.lines.cellWidget(1, 4)
    mug_row.set_value(date(2026, 5, 12))
    settle(qtbot)
    assert "Record the delivery date" not in dialog.preview.text()
    dialog.resize(900, 700)
    _shot(dialog, "new-case-line-dates")
    dialog.accept()
    settle(qtbot)
    assert not refusals
    lamp, mug = order.lines
    assert OrderLine.get_by_id(lamp.id).delivered_on == date(2026, 5, 10)
    assert OrderLine.get_by_id(mug.id).delivered_on == date(2026, 5, 12)


def test_workspace_warns_when_the_store_window_outlasts_the_suppliers(qtbot, store, now):
    """The published store window is the contract; the supplier's shorter one is a warning."""
    from factories import make_supplier

    from returnsdesk.ui.case.workspace import CaseWorkspace

    settings.save_store_policy(StorePolicy(return_days=30, peak=None))
    supplier = make_supplier("Short Window Co", return_days=7)
    order = make_order(number="#4001", supplier=supplier, delivered_on=now.date())
    case = cases.open_case(
        OpenCaseInput(order.id, "return", Reason.SIZE_TOO_SMALL, lines=[(order.lines[0].id, 1)]),
        now=now,
    )
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    assert not workspace.warnings_label.isHidden()
    assert "outlasts the supplier's" in workspace.warnings_label.text()
    verdict = cases.assess(case, now).verdict
    assert verdict.outcome.value == "eligible"  # the customer keeps the store's window
