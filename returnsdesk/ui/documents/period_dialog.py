"""``PeriodDialog``: choose the period of the returns summary (with quick presets)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from returnsdesk.domain.i18n import t


def _q(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _py(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PeriodDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Returns summary"))
        self._today = today or date.today()
        self.preset = QComboBox()
        first_this_month = self._today.replace(day=1)
        last_month_end = first_this_month - timedelta(days=1)
        self._presets = [
            (t("Last month"), last_month_end.replace(day=1), last_month_end),
            (t("This month"), first_this_month, self._today),
            (t("Last 90 days"), self._today - timedelta(days=89), self._today),
            (t("This year"), self._today.replace(month=1, day=1), self._today),
            (
                t("Last year"),
                date(self._today.year - 1, 1, 1),
                date(self._today.year - 1, 12, 31),
            ),
            (t("Custom"), None, None),
        ]
        for label, *_ in self._presets:
            self.preset.addItem(label)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.error = QLabel()
        self.error.setStyleSheet("color: #9a3b1b")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(t("Period:"), self.preset)
        form.addRow(t("From:"), self.start)
        form.addRow(t("To:"), self.end)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.start.dateChanged.connect(self._check)
        self.end.dateChanged.connect(self._check)
        self._apply_preset(0)

    def _apply_preset(self, index: int) -> None:
        _, start, end = self._presets[index]
        if start is None or end is None:  # "Custom": the dates stay as typed
            return
        self.start.setDate(_q(start))
        self.end.setDate(_q(end))

    def _check(self) -> None:
        bad = self.end.date() < self.start.date()
        self.error.setText(t("The period ends before it starts.") if bad else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not bad)

    def period(self) -> tuple[date, date]:
        return _py(self.start.date()), _py(self.end.date())
