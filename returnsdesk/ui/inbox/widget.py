"""The Inbox area: built views with counts, filters, search-as-you-type and the case table."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import N_, t, tn
from returnsdesk.domain.i18n.formatting import number_text
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind, Status
from returnsdesk.services import risk
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.inbox import (
    Filters,
    InboxQuery,
    View,
    distinct_currencies,
    supplier_choices,
)
from returnsdesk.services.suppliers import refresh_reply_medians
from returnsdesk.services.work_counts import WorkCounts, work_counts
from returnsdesk.ui import labels
from returnsdesk.ui.inbox.columns import set_up_columns
from returnsdesk.ui.inbox.model import CASE_ID_ROLE, COLUMNS, InboxModel
from returnsdesk.ui.ledger.common import qdate_day
from returnsdesk.ui.operations import change_bus, read_op
from returnsdesk.ui.tasks import Job, run_task
from returnsdesk.ui.widgets.debounce import Debounce
from returnsdesk.ui.widgets.kept_selection import KeptSelection
from returnsdesk.ui.widgets.page_fit import PageFit

log = logging.getLogger(__name__)

VIEW_TITLES = {
    View.NEEDS_ACTION: N_("Needs action"),
    View.OVERDUE: N_("Overdue"),
    View.DUE_THIS_WEEK: N_("Due this week"),
    View.WAITING_SUPPLIER: N_("Waiting on supplier"),
    View.WAITING_CUSTOMER: N_("Waiting on customer"),
    View.CHARGEBACKS: N_("Chargebacks"),
    View.CLOSED: N_("Closed"),
    View.ALL: N_("All"),
}

#: What the inbox lists depends on (evidence alone changes none of its columns).
SHOWN = (Area.CASES, Area.ORDERS, Area.SUPPLIERS, Area.CONTACTS, Area.LEDGER, Area.SETTINGS)
#: What its supplier and currency filters offer depends on these.
CHOICES = (Area.SUPPLIERS, Area.ORDERS, Area.SETTINGS)
#: After this long without an answer, the summary says the cases are being looked for.
SLOW_ANSWER_MS = 200


class InboxWidget(QWidget):
    open_case = Signal(int)
    #: {View: cases} of the whole store, after each recount (not on a search).
    counts_changed = Signal(dict)
    #: The same recount with the overdue supplier replies (``WorkCounts``).
    work_counts_changed = Signal(object)
    selection_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InboxModel(self)
        self.model.completed.connect(self._update_summary)
        self.model.answered.connect(self._answered)
        #: Says the table is being read when an answer takes longer than a glance.
        self._slow_answer = Debounce(self, self._show_answering, SLOW_ANSWER_MS)
        self._views = list(View)
        self._count_generation = 0
        self.counts: dict[View, int] = {}
        # An explicit filter set from elsewhere (a Reports drill-down), shown in a banner.
        self._explicit: Filters | None = None
        self._build_search()
        self._build_filters()
        self._build_explicit_bar()
        self._build_table()
        self._build_layout()
        self.reload_choices()
        self.refresh()
        change_bus().changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes, _source: object = None) -> None:
        """A write anywhere: re-read what it may have changed in the list."""
        if changes.touches(*CHOICES):
            self.reload_choices()
        if changes.touches(*SHOWN):
            self.refresh()

    def _build_search(self) -> None:
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for view in self._views:
            self.tabs.addTab(t(VIEW_TITLES[view]))
        self.tabs.currentChanged.connect(self._on_filters_changed)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            t("Search RMA, order, customer, e-mail, product, tracking, notes…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self._debounce = Debounce(self, self._on_filters_changed, 150)
        self.search.textChanged.connect(self._debounce.trigger)

    def _build_filters(self) -> None:
        self.status_filter = self._combo(
            t("Any status"), [(labels.status(s), s.value) for s in Status]
        )
        self.reason_filter = self._combo(
            t("Any reason"), [(labels.reason(r), r.value) for r in Reason]
        )
        self.kind_filter = self._combo(t("Any kind"), [(labels.kind(k), k.value) for k in Kind])
        self.supplier_filter = self._combo(t("Any supplier"), [])
        self.currency_filter = self._combo(t("Any currency"), [])
        self.date_enabled = QCheckBox(t("Opened"), self)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
        today = QDate.currentDate()
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(False)
            widget.dateChanged.connect(self._on_filters_changed)
        self.date_enabled.toggled.connect(self.date_from.setEnabled)
        self.date_enabled.toggled.connect(self.date_to.setEnabled)
        self.date_enabled.toggled.connect(self._on_filters_changed)
        self.flagged_only = QCheckBox(t("Risk signals only"), self)
        self.flagged_only.toggled.connect(self._on_filters_changed)

    def _build_explicit_bar(self) -> None:
        self.explicit_label = QLabel(self)
        self.explicit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.explicit_clear = QPushButton(t("Show all"), self)
        self.explicit_clear.clicked.connect(self.clear_explicit)
        self.explicit_bar = QWidget(self)
        bar = QHBoxLayout(self.explicit_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.explicit_label, 1)
        bar.addWidget(self.explicit_clear)
        self.explicit_bar.setStyleSheet("background: #e3f2fd;")
        self.explicit_bar.hide()

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        # No column first (enabling sorting sorts by the indicator's column): each view
        # keeps its own order, the most urgent first (store.inbox.case_ids).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        set_up_columns(self.table)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        KeptSelection(self.table, self.model)
        PageFit(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(self.selected_case_ids())
        )
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

    def _build_layout(self) -> None:
        # Three rows, so that every view tab and the search fit a 1280-pixel screen in
        # either language: the views; the search and the lists; dates and risk.
        self.search.setMinimumWidth(220)
        top = QHBoxLayout()
        top.addWidget(self.tabs, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (
            self.status_filter,
            self.reason_filter,
            self.kind_filter,
            self.supplier_filter,
            self.currency_filter,
        ):
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            widget.setMinimumContentsLength(10)
            filters.addWidget(widget, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.date_enabled)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.date_to)
        dates.addSpacing(12)
        dates.addWidget(self.flagged_only)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.explicit_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def _combo(self, any_label: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._on_filters_changed)
        return combo

    def reload_choices(self) -> None:
        """Refill the supplier and currency filters (they change as data arrives), read
        off the GUI thread: the currencies in use are a scan of every case."""
        read_op(self, lambda: (supplier_choices(), distinct_currencies()), self._show_choices)

    def _show_choices(self, choices: tuple[list[tuple[str, int]], list[str]]) -> None:
        suppliers, currencies = choices
        lists: tuple[tuple[QComboBox, list[tuple[str, Any]]], ...] = (
            (self.supplier_filter, list(suppliers)),
            (self.currency_filter, [(c, c) for c in currencies]),
        )
        for combo, items in lists:
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    # -- state ---------------------------------------------------------------
    def current_view(self) -> View:
        return self._views[max(self.tabs.currentIndex(), 0)]

    def set_view(self, view: View) -> None:
        self.tabs.setCurrentIndex(self._views.index(view))

    def filters(self) -> Filters:
        def one(combo: QComboBox) -> tuple[Any, ...]:
            value = combo.currentData()
            return () if value is None else (value,)

        dated = self.date_enabled.isChecked()
        chosen = Filters(
            statuses=one(self.status_filter),
            reasons=one(self.reason_filter),
            supplier_ids=one(self.supplier_filter),
            kinds=one(self.kind_filter),
            currencies=one(self.currency_filter),
            search=self.search.text(),
            flagged=self.flagged_only.isChecked(),
            opened_from=qdate_day(self.date_from.date()) if dated else None,
            opened_to=qdate_day(self.date_to.date()) if dated else None,
        )
        if self._explicit is None:
            return chosen
        # The drill-down's conditions hold; the widgets narrow them further.
        merged = {
            name: getattr(chosen, name) or getattr(self._explicit, name)
            for name in ("statuses", "reasons", "supplier_ids", "kinds", "currencies", "skus")
        }
        return replace(
            self._explicit,
            search=chosen.search,
            flagged=chosen.flagged or self._explicit.flagged,
            opened_from=chosen.opened_from or self._explicit.opened_from,
            opened_to=chosen.opened_to or self._explicit.opened_to,
            **merged,
        )

    def show_cases(self, filters: Filters, description: str) -> None:
        """Show the cases ``filters`` selects (e.g. a Reports drill-down) under a banner
        saying which they are, in the All view, until "Show all" is pressed."""
        self._explicit = filters
        for combo in (
            self.status_filter,
            self.reason_filter,
            self.kind_filter,
            self.supplier_filter,
            self.currency_filter,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for widget in (self.date_enabled, self.flagged_only, self.search, self.tabs):
            widget.blockSignals(True)
        self.date_enabled.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.flagged_only.setChecked(False)
        self.search.clear()
        self.tabs.setCurrentIndex(self._views.index(View.ALL))
        for widget in (self.date_enabled, self.flagged_only, self.search, self.tabs):
            widget.blockSignals(False)
        self.explicit_label.setText(description)
        self.explicit_bar.show()
        self.refresh()

    def clear_explicit(self) -> None:
        self._explicit = None
        self.explicit_bar.hide()
        self.refresh()

    def _on_filters_changed(self, *_args: object) -> None:
        query = self.model.query
        self._apply(replace(query, view=self.current_view(), filters=self.filters()))

    def _apply(self, query: InboxQuery, recount: bool = False, wait_risk: bool = True) -> None:
        if wait_risk and query.filters.flagged and not risk.flagged_ready():
            # The risk snapshot is being brought up to date off the GUI thread; the
            # filter shows its rows once it is (never the slow per-case rules here).
            self.model.set_pending(query)
            self.summary.setText(t("Looking for cases with risk signals…"))
            if recount:
                self._update_counts()
            self._refresh_risk(then_apply=True)
            return
        # Read off the GUI thread; the selection is kept by ``KeptSelection``. Asked
        # first, so the rows the user waits for do not queue behind the background reads.
        self.model.set_query(query)
        self._slow_answer.trigger()
        if recount:  # the counts are of the views, not of the search or filters
            self._update_counts()
            self._refresh_risk()

    def _answered(self) -> None:
        self._slow_answer.cancel()
        self._update_summary()

    def _show_answering(self) -> None:
        if self.model.is_answering():
            self.summary.setText(t("Looking for cases…"))

    def _refresh_risk(self, then_apply: bool = False) -> None:
        """Rebuild the risk snapshot off the GUI thread if a write made it stale; then the
        kept supplier facts (not waited for: the risk filter needs only the snapshot)."""
        job = run_task(lambda _job: risk.refresh_flagged())
        job.failed.connect(self._risk_failed)
        job.finished.connect(self._refresh_supplier_facts)
        if then_apply:
            job.finished.connect(self._risk_ready)

    def _refresh_supplier_facts(self) -> None:
        """The supplier figures kept ready: risk facts and median reply times."""

        def refresh(_job: Job) -> None:
            risk.refresh_supplier_facts()
            refresh_reply_medians()

        run_task(refresh).failed.connect(self._risk_failed)

    def _risk_ready(self) -> None:
        if self.model.query.filters.flagged:
            query = replace(self.model.query, view=self.current_view(), filters=self.filters())
            self._apply(query, wait_risk=False)

    def _risk_failed(self, error: Exception) -> None:
        log.warning("Bringing the risk signals up to date failed: %s", error)

    def refresh(self) -> None:
        """Re-run the current query (after a change elsewhere), keeping the selection."""
        query = replace(self.model.query, view=self.current_view(), filters=self.filters())
        self._apply(query, recount=True)

    def _update_summary(self) -> None:
        total = self.model.total()
        if total is None:
            text = tn(
                "{count} case or more in this view",
                "{count} cases or more in this view",
                self.model.rowCount(),
                count=number_text(self.model.rowCount()),
            )
        else:
            text = tn(
                "{count} case in this view",
                "{count} cases in this view",
                total,
                count=number_text(total),
            )
        self.summary.setText(text)

    def _update_counts(self) -> None:
        """Recount every view off the GUI thread; the newest recount wins."""
        self._count_generation += 1
        generation = self._count_generation
        read_op(
            self,
            lambda: (generation, work_counts()),
            self._show_counts,
            on_error=self._counts_failed,
        )

    def _show_counts(self, result: tuple[int, WorkCounts]) -> None:
        generation, work = result
        if generation != self._count_generation:
            return  # an older recount
        counts = dict(work.views)
        self.counts = counts
        for index, view in enumerate(self._views):
            self.tabs.setTabText(index, f"{t(VIEW_TITLES[view])} ({number_text(counts[view])})")
        self.counts_changed.emit(counts)
        self.work_counts_changed.emit(work)

    def _counts_failed(self, error: Exception) -> None:
        # The tabs keep their last counts; the table itself is unaffected.
        log.warning("Counting the inbox views failed: %s", error)

    # -- selection -----------------------------------------------------------
    def selected_case_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.case_id(row) for row in rows]

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def move_selection(self, step: int) -> int | None:
        """Select the next (+1) or previous (-1) case and return its id."""
        if self.model.rowCount() == 0:
            return None
        current = self.table.currentIndex().row()
        row = 0 if current < 0 else current + step
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        row = max(0, min(row, self.model.rowCount() - 1))
        self.table.selectRow(row)
        return self.model.case_id(row)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(index.data(CASE_ID_ROLE))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def column_count(self) -> int:
        return len(COLUMNS)
