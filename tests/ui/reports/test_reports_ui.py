"""The Reports area, risk badges, the risk preferences page and the survey dialog."""

from __future__ import annotations

import openpyxl
import pytest
from case_waits import loaded, settle
from pypdf import PdfReader
from PySide6.QtCore import Qt

from returnsdesk.formats.pdf.summary import build_summary
from returnsdesk.formats.report_tables import TABLES
from returnsdesk.services.reports import build_report
from returnsdesk.services.timeline import events_of
from returnsdesk.store.models import Case, Order
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.ui.reports.model import ReportTableModel
from tests import insight_store
from tests.insight_store import END, START


@pytest.fixture
def built(store):
    return insight_store.build()


@pytest.fixture
def window(qtbot, store, built):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def _area(qtbot, window):
    area = window.area("Reports")
    with qtbot.waitSignal(area.loaded, timeout=10_000):
        area.set_period(START, END)
    assert not area.busy()
    return area


def test_every_report_model_passes_the_model_tester(qtmodeltester, built):
    report = build_report(START, END)
    for table in TABLES:
        model = ReportTableModel(table, "en")
        model.set_rows(table.rows(report))
        qtmodeltester.check(model, force_py=True)


def test_a_view_with_no_rows_draws_no_broken_axis(qtbot, qtlog, window):
    """Each period starts with every view emptied: its chart shows no bars and no stale
    categories, on a plain scale (Qt warned of an invalid [nan - nan] range on every
    refresh)."""
    area = _area(qtbot, window)
    with qtbot.waitSignal(area.loaded, timeout=10_000):
        area.set_period(START, START)  # a day with nothing in most views
    empty = [view for view in area.views.values() if view.model.rowCount() == 0]
    assert empty
    for view in empty:
        assert view.chart_view.chart() is view.chart  # drawn afresh, nothing left of the last
        [series] = view.chart.series()
        assert [bar_set.count() for bar_set in series.barSets()] == [0]
        [categories] = view.chart.axes(Qt.Orientation.Vertical)
        assert categories.count() == 0
    texts = [record.message for record in qtlog.records]
    assert not [m for m in texts if "nan" in m.lower() or "invalid range" in m.lower()], texts


def test_window_shows_the_same_figures_as_the_command_and_the_pdf(qtbot, window):
    area = _area(qtbot, window)
    report = build_report(START, END)
    assert area.report == report
    assert "Orders placed: 4" in area.headline.text()
    assert "Return rate: 75.0%" in area.headline.text()  # en_GB: no space before %
    suppliers = area.views["suppliers"].model
    shown = {
        suppliers.index(r, 0).data(): suppliers.index(r, 3).data()
        for r in range(suppliers.rowCount())
    }
    assert shown == {"Atelier": "2", "Bright": "1"}
    text = " ".join(page.extract_text() for page in PdfReader(_pdf(report)).pages)
    for figure in ("Orders placed", "75.0", "Atelier", "Supplier scorecards"):
        assert figure in text


def _pdf(report):
    import io

    return io.BytesIO(build_summary(report.period.start, report.period.end, "en"))


def test_clicking_a_row_or_bar_opens_its_cases_in_the_inbox(qtbot, window):
    area = _area(qtbot, window)
    view = area.views["reasons"]
    row = [view.model.row_object(r).reason for r in range(view.model.rowCount())].index("defective")
    area.drill("reasons", row)
    settle(qtbot)
    assert window.inbox.model.total() == 1
    assert "From Reports" in window.inbox.explicit_label.text()
    assert window.inbox.explicit_bar.isVisible()
    window.inbox.clear_explicit()
    assert not window.inbox.explicit_bar.isVisible()
    view = area.views["products"]
    view._bar_clicked(len(view._chart_rows) - 1)  # the top bar: the first row, LMP
    settle(qtbot)
    assert window.inbox.model.total() == 2  # c1 and c3 concern the lamp


def test_each_view_exports_to_xlsx(qtbot, window, tmp_path):
    area = _area(qtbot, window)
    report = area.report
    from returnsdesk.formats.report_tables import export_table

    for table in TABLES:
        target = tmp_path / f"{table.name}.xlsx"
        export_table(report, table.name, target, "fr")
        sheet = openpyxl.load_workbook(target).active
        assert sheet.max_row == 2 + len(table.rows(report))
    sheet = openpyxl.load_workbook(tmp_path / "suppliers.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Fournisseur"
    assert any(row[0] == "Bright" and row[-1] == 15 for row in rows[2:])


def test_formula_like_text_stays_text_in_the_export(store, tmp_path):
    insight_store.build()
    from returnsdesk.store.models import Supplier

    Supplier.update(name="=cmd|' /C calc'!A0").where(Supplier.name == "Bright").execute()
    from returnsdesk.formats.report_tables import export_table

    target = tmp_path / "s.xlsx"
    export_table(build_report(START, END), "suppliers", target)
    cell = [
        c
        for row in openpyxl.load_workbook(target).active.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=cmd")
    ][0]
    assert cell.data_type == "s"


def test_flagged_customer_shows_badges_with_reasons_in_the_case_header(qtbot, window, built):
    c2 = built["c2"]
    Order.update(shipping_country="BE").where(Order.id == c2.order_id).execute()
    workspace = loaded(qtbot, window.open_case(c2.id))
    assert not workspace.risk_badges.isHidden()
    assert any("shipping country BE" in r for r in workspace.risk_badges.reasons())
    clean = loaded(qtbot, window.open_case(built["c3"].id))
    assert clean.risk_badges.isHidden()
    window.inbox.flagged_only.setChecked(True)
    window.inbox.set_view(window.inbox._views[-1])
    qtbot.waitUntil(lambda: window.inbox.model.total() == 1, timeout=5000)
    from returnsdesk.store.inbox import Column
    from returnsdesk.ui.inbox.model import COLUMNS

    risk_col = COLUMNS.index(Column.RISK)
    assert "mismatch" in window.inbox.model.index(0, risk_col).data()


def test_risk_preferences_page_saves_thresholds(qtbot, store):
    from returnsdesk.services import risk
    from returnsdesk.ui.preferences.dialog import PreferencesDialog
    from returnsdesk.ui.risk.preferences_page import RiskPreferencesPage

    page = RiskPreferencesPage()
    dialog = PreferencesDialog([page])
    qtbot.addWidget(dialog)
    page.spins["repeat_requests"].setValue(5)
    page.validate()
    dialog.accept()  # saved on the writer thread; the dialog closes once it is
    qtbot.waitUntil(lambda: dialog.result() == PreferencesDialog.DialogCode.Accepted)
    assert risk.thresholds().repeat_requests == 5


def test_survey_dialog_reads_a_pasted_reply_and_records_it(qtbot, built, refusals):
    from returnsdesk.services.satisfaction import answer_of
    from returnsdesk.ui.satisfaction.dialog import SurveyAnswerDialog

    case = built["c2"]
    Case.update(status="resolved").where(Case.id == case.id).execute()
    dialog = SurveyAnswerDialog(case.id, case.rma)
    qtbot.addWidget(dialog)
    dialog.paste.setPlainText("Facilité : 3\nRésultat : 4\nTout s'est bien passé")
    dialog.read_reply()
    assert (dialog.ease.value(), dialog.outcome.value()) == (3, 4)
    dialog.accept()
    settle(qtbot)
    answer = answer_of(case.id)
    assert (answer.ease, answer.outcome, answer.comment) == (3, 4, "Tout s'est bien passé")


def test_resolved_case_offers_the_survey_until_answered(qtbot, window, built):
    from returnsdesk.services.satisfaction import record_answer

    case = built["c2"]
    Case.update(status="resolved").where(Case.id == case.id).execute()
    workspace = loaded(qtbot, window.open_case(case.id))
    assert not workspace.survey_offer.isHidden()
    assert not workspace.survey_button.isHidden()
    record_answer(case.id, 5, 5)
    workspace.reload()
    settle(qtbot)
    assert workspace.survey_offer.isHidden()
    assert any(event.kind == "survey" for event in events_of(case.id))


def test_supplier_area_shows_its_signals_with_reasons(qtbot, window, built):
    from returnsdesk.domain.risk import Thresholds
    from returnsdesk.services import risk

    risk.save_thresholds(Thresholds(min_claims=1))
    suppliers = window.area("Suppliers")
    suppliers.reload()  # the list and the signals are read off the GUI thread
    qtbot.waitUntil(lambda: suppliers.loaded)
    suppliers.select_supplier(built["b"].id)
    qtbot.waitUntil(lambda: not suppliers.risk_badges.isHidden())
    assert "0 of 1 claims reimbursed" in suppliers.risk_badges.reasons()[0]
    suppliers.select_supplier(built["a"].id)
    assert suppliers.risk_badges.isHidden()


def test_reports_area_on_an_empty_store(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    area = _area(qtbot, window)
    assert area.report.orders == 0 and area.report.return_rate is None
    counts = {name: view.model.rowCount() for name, view in area.views.items()}
    assert counts.pop("months") == 1  # April, with zero orders and cases
    assert set(counts.values()) == {0}
    assert area.views["months"].model.index(0, 4).data() == "—"  # no rate without orders
    assert "—" in area.headline.text()


def test_months_and_headline_show_before_the_whole_report(qtbot, window):
    area = window.area("Reports")
    with qtbot.waitSignal(area.loaded, timeout=10_000):
        area.set_period(START, END)
    qtbot.waitUntil(lambda: area.first is not None and area.report is not None)
    assert area.first.monthly == area.report.monthly
    months = area.views["months"].model
    assert months.rowCount() == len(area.report.monthly)
    assert "Orders placed: 4" in area.headline.text()
