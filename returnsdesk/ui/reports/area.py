"""The Reports area: a period picker, then one tab per view with its chart beside its table.

The figures come from the parts of ``services.reports.build_report`` (the same as
the summary PDF and ``returnsdesk report stats``), each read off the GUI thread by its
own job: the period's ``overview`` (headline and months) first, then the part of the
tab in front, then the others one after the other; opening a tab whose part is not
read yet starts its job at once. Each view fills when its own part arrives
(``part_loaded``); ``loaded`` says the whole report is in. Clicking a bar or
double-clicking a row asks the main window to show those cases in the inbox.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import babel_locale
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.report_tables import BY_NAME, TABLES, Kind, Table
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.report_rows import Overview, Report
from returnsdesk.services.reports import (
    PARTS,
    VIEW_PARTS,
    PeriodReads,
    assemble,
    overview,
    report_part,
)
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import change_bus
from returnsdesk.ui.reports.drill import drill
from returnsdesk.ui.reports.view import ReportView
from returnsdesk.ui.tasks import Job, run_task

#: "23 Nov 2026" / "23 nov. 2026": a day no reader can mistake (unlike 11/12/26).
DAY_FORMAT = "d MMM yyyy"


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


#: What the reports count: a write to any of these makes the figures shown old.
COUNTED = (Area.CASES, Area.ORDERS, Area.LEDGER, Area.SUPPLIERS, Area.CONTACTS)


class ReportsArea(QWidget):
    """The Reports page of the main window. After a write to what it counts it computes
    its period again (while hidden, once it is shown again)."""

    #: (inbox filters, description): show these cases in the inbox.
    open_cases = Signal(object, str)
    #: The name of a report part whose views have just been filled.
    part_loaded = Signal(str)
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = cat.norm_lang(babel_locale())
        self.report: Report | None = None
        #: The headline and months of the period asked for, before the whole report.
        self.first: Overview | None = None
        self._job: Job | None = None
        #: The fields of each part read for the current period, and the parts under way.
        self._fields: dict[str, dict[str, object]] = {}
        self._running: dict[str, Job] = {}
        self._memo = PeriodReads()
        self._generation = 0
        self._period: tuple[date, date] | None = None
        self._build_period()
        self._build_header()
        self._build_views()
        self._lay_out()

        self.tabs.currentChanged.connect(self._tab_opened)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_current)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda *_: self._custom())
        self._preset_changed()
        self._stale = False
        change_bus().changed.connect(self._on_changes)

    def _build_period(self) -> None:
        """The period picker: a preset, the two days, and the buttons beside them."""
        self.preset = QComboBox(self)
        for text, key in (
            (t("Last 12 months"), "12m"),
            (t("This year"), "year"),
            (t("Last year"), "last_year"),
            (t("This month"), "month"),
            (t("Custom"), "custom"),
        ):
            self.preset.addItem(text, key)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DAY_FORMAT)
        self.refresh_button = QPushButton(t("Show"), self)
        self.export_button = QPushButton(t("Export view to .xlsx…"), self)

    def _build_header(self) -> None:
        """The status, the headline figures and the note on what is counted."""
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.note = QLabel(cat.text("rep.counts_note", self.lang), self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        period = (QLabel(t("Period:"), self), self.preset, self.date_from, QLabel("–", self))
        for widget in (*period, self.date_to, self.refresh_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.note)
        body = QHBoxLayout()
        body.addWidget(self.view_list)
        body.addWidget(self.tabs, 1)
        layout.addLayout(body, 1)

    def _build_views(self) -> None:
        """One view per table, listed down the side: their names never fit one tab row."""
        self.tabs = QTabWidget(self)
        self.views: dict[str, ReportView] = {}
        for table in TABLES:
            view = ReportView(table, self.lang, self)
            view.drill_down.connect(lambda row, name=table.name: self.drill(name, row))
            self.views[table.name] = view
            self.tabs.addTab(view, cat.text(table.title_key, self.lang))
        self.view_list = QListWidget(self)
        self.view_list.setObjectName("report-views")
        self.view_list.setWordWrap(True)
        self.view_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.view_list.setSpacing(2)
        self.view_list.addItems([self.tabs.tabText(i) for i in range(self.tabs.count())])
        self.view_list.setFixedWidth(190)
        self.tabs.tabBar().hide()
        self.tabs.setDocumentMode(True)
        self.view_list.currentRowChanged.connect(self.tabs.setCurrentIndex)
        self.tabs.currentChanged.connect(self.view_list.setCurrentRow)
        self.view_list.setCurrentRow(0)

    def _on_changes(self, changes: Changes, _source: object = None) -> None:
        if self._period is None or not changes.touches(*COUNTED):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # -- period ----------------------------------------------------------------
    def _set_dates(self, start: date, end: date) -> None:
        for edit, value in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def _custom(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.preset.blockSignals(False)

    def _preset_changed(self, *_args: object) -> None:
        today = utc_now().date()
        key = self.preset.currentData()
        if key == "12m":
            self._set_dates(today - timedelta(days=364), today)
        elif key == "year":
            self._set_dates(date(today.year, 1, 1), today)
        elif key == "last_year":
            self._set_dates(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
        elif key == "month":
            self._set_dates(today.replace(day=1), today)
        else:
            return
        self.refresh()

    def set_period(self, start: date, end: date) -> None:
        self._set_dates(start, end)
        self._custom()
        self.refresh()

    def period(self) -> tuple[date, date]:
        return _day(self.date_from.date()), _day(self.date_to.date())

    # -- loading ---------------------------------------------------------------
    def refresh(self) -> None:
        start, end = self.period()
        if self._job is not None:
            self._job.cancel()
        self._generation += 1
        self.status.setText(t("Computing…"))
        self.refresh_button.setEnabled(False)
        self.report = None
        self.first = None
        self._period = (start, end)
        self._fields, self._running, self._memo = {}, {}, PeriodReads()
        for view in self.views.values():
            view.set_rows([])
        job = run_task(lambda job: overview(start, end))
        job.succeeded.connect(lambda first, job=job: self._show_first(first, job))
        job.failed.connect(lambda error, job=job: self._failed(error, job))
        self._job = job
        for part in VIEW_PARTS[self.current_table().name]:  # beside the overview, not after
            self._start_part(part)

    def _show_first(self, first: Overview, job: Job | None = None) -> None:
        """Months and headline at once; then the part of the tab in front, then the rest."""
        if job is not self._job:
            return  # an older request; the newer one is on its way
        self._job = None
        self.first = first
        months = BY_NAME["months"]
        self.views["months"].set_rows(months.rows(self._partial()))
        self._headline(first)
        self.part_loaded.emit("months")
        self._fill(*self._fields)  # the parts that came in before the overview
        if self._complete():
            return
        if not self._running:
            self._next_part()

    def _tab_opened(self, _index: int) -> None:
        if self._period is not None:
            for part in VIEW_PARTS[self.current_table().name]:
                self._start_part(part)

    def _next_part(self) -> None:
        """Start a part of the tab in front, else the first part not read yet."""
        order = [*VIEW_PARTS[self.current_table().name], *PARTS]
        for name in order:
            if name not in self._fields and name not in self._running:
                self._start_part(name)
                return

    def _start_part(self, name: str) -> None:
        if name in self._fields or name in self._running or self._period is None:
            return
        (start, end), memo, generation = self._period, self._memo, self._generation
        job = run_task(lambda job: report_part(name, start, end, memo=memo))
        job.succeeded.connect(lambda fields, n=name, g=generation: self._part_in(n, g, fields))
        job.failed.connect(lambda error, n=name, g=generation: self._part_failed(n, g, error))
        self._running[name] = job

    def _part_in(self, name: str, generation: int, fields: dict[str, object]) -> None:
        if generation != self._generation:
            return  # a part of an older period
        self._running.pop(name, None)
        self._fields[name] = fields
        if self.first is None:
            return  # shown with the overview, which is on its way
        self._fill(name)
        if not self._complete() and not self._running:
            self._next_part()

    def _fill(self, *names: str) -> None:
        """Fill the views of parts ``names`` (each view once, when all its parts are in)."""
        if not names:
            return
        report = self._partial()
        for table in TABLES:
            parts = VIEW_PARTS[table.name]
            if set(names) & set(parts) and all(part in self._fields for part in parts):
                self.views[table.name].set_rows(table.rows(report))
        for name in names:
            self.part_loaded.emit(name)

    def _complete(self) -> bool:
        """Show the whole report once every part is in; whether it is."""
        if self.first is None or len(self._fields) < len(PARTS):
            return False
        if self.report is None:
            self._show(assemble(self.first, self._all_fields()))
        return True

    def _part_failed(self, name: str, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._running.clear()
        self.refresh_button.setEnabled(True)
        self.status.setText("")
        show_error(self, t("Reports"), error)

    def _all_fields(self) -> dict[str, object]:
        merged: dict[str, object] = {}
        for fields in self._fields.values():
            merged.update(fields)
        return merged

    def _partial(self) -> Report:
        """The report as far as it is read (parts not in yet are empty)."""
        assert self.first is not None
        return assemble(self.first, self._all_fields(), partial=True)

    def busy(self) -> bool:
        return self._job is not None or bool(self._running)

    def _failed(self, error: Exception, job: Job | None = None) -> None:
        if job is not self._job:
            return  # an older request, replaced by a newer one
        self._job = None
        self.refresh_button.setEnabled(True)
        self.status.setText("")
        show_error(self, t("Reports"), error)

    def _show(self, report: Report) -> None:
        self.refresh_button.setEnabled(True)
        self.report = report
        self._headline(report)
        self.status.setText("")
        self.loaded.emit()

    def _headline(self, report: Report | Overview) -> None:
        from returnsdesk.formats.report_tables import display

        def item(key: str, value: str) -> str:
            return cat.label_value(cat.text(key, self.lang), value, self.lang)

        def count(n: int) -> str:
            return display(n, Kind.INT, self.lang)

        money = "  ".join(cat.money_text(m.net, m.currency, self.lang) for m in report.money)
        self.headline.setText(
            "    ".join(
                [
                    item("rep.orders", count(report.orders)),
                    item("sum.opened", count(report.cases)),
                    item("rep.return_rate", display(report.return_rate, Kind.PERCENT, self.lang)),
                    item("sum.closed", count(report.closed)),
                    item("sum.open_now", count(report.open_now)),
                    item("sum.net", money or "—"),
                ]
            )
        )

    # -- actions ---------------------------------------------------------------
    def current_table(self) -> Table:
        return TABLES[self.tabs.currentIndex()]

    def view_ready(self, name: str) -> bool:
        """Whether view ``name`` shows its figures for the current period."""
        return self.first is not None and all(p in self._fields for p in VIEW_PARTS[name])

    def drill(self, name: str, row: int) -> None:
        if not self.view_ready(name):
            return
        target = drill(self._partial(), name, self.views[name].model.row_object(row), self.lang)
        if target is not None:
            self.open_cases.emit(*target)

    def export_current(self) -> None:
        if not self.view_ready(self.current_table().name):
            return
        table = self.current_table()
        path, _ = QFileDialog.getSaveFileName(
            self,
            t("Export view"),
            f"{table.name}.xlsx",
            t("Excel workbooks (*.xlsx)"),
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from returnsdesk.formats.report_tables import export_table

        report, table = self._partial(), self.current_table()
        self.status.setText(t("Exporting…"))
        run_task(
            lambda job: export_table(report, table.name, path, self.lang),
            on_success=lambda n: self.status.setText(
                tn("Exported {n} row to {path}", "Exported {n} rows to {path}", n, path=path)
            ),
            on_error=self._export_failed,
        )

    def _export_failed(self, error: Exception) -> None:
        self.status.setText("")
        show_error(self, t("Export"), error)
