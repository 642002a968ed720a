"""Edit → Preferences → Store policy: the shop's calendar, windows, hours and published
wording. A change is kept with the day it takes effect; earlier orders keep theirs."""

from __future__ import annotations

from datetime import date
from zoneinfo import available_timezones

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.countries import country_name, parse_country
from returnsdesk.domain.deadlines import PeakSeason
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import date_text
from returnsdesk.domain.policy import StorePolicy
from returnsdesk.services import rule_facts, settings
from returnsdesk.services.clock import utc_now
from returnsdesk.ui.case.qt_dates import day_of, qdate
from returnsdesk.ui.preferences.dialog import PageWrite, PreferencesPage


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def _month_day(month: int, day: int) -> QDateEdit:
    edit = QDateEdit(QDate(2000, month, day))
    edit.setDisplayFormat("d MMMM")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2000, 12, 31))
    return edit


def _peak_text(peak: PeakSeason) -> str:
    """ "15 Nov–31 Dec → 31 Jan" in the window's language."""

    def day(month: int, day_of_month: int) -> str:
        return date_text(date(2000, month, day_of_month), length="d MMM")

    return t(
        "{start}–{end}, returns until {until}",
        start=day(peak.start_month, peak.start_day),
        end=day(peak.end_month, peak.end_day),
        until=day(peak.returns_until_month, peak.returns_until_day),
    )


class StorePolicyPage(PreferencesPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_fields(settings.store_policy())
        note = QLabel(
            t(
                "The 14-day legal withdrawal right of EU, EEA and UK consumers always applies; "
                "the shop can only add days to it. Orders are judged by the version in force "
                "on the day they were placed."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_form())
        layout.addWidget(note)
        layout.addWidget(self._build_history(), 1)

    def _build_fields(self, current: StorePolicy) -> None:
        """One field per setting, filled with the policy in force today."""
        peak = current.peak or PeakSeason()
        self.country = QLineEdit(current.country)
        self.country.setPlaceholderText(t("e.g. FR or France"))
        self.time_zone = QComboBox()
        self.time_zone.setEditable(True)
        self.time_zone.addItems(sorted(available_timezones()))
        self.time_zone.setCurrentText(current.time_zone)
        self.return_days = _spin(0, 3650, current.return_days, t(" days"))
        self.extra_withdrawal = _spin(0, 3650, current.extra_withdrawal_days, t(" days"))
        self.peak_on = QCheckBox(t("Longer returns for orders placed in a peak season"))
        self.peak_on.setChecked(current.peak is not None)
        self.peak_from = _month_day(peak.start_month, peak.start_day)
        self.peak_to = _month_day(peak.end_month, peak.end_day)
        self.peak_until = _month_day(peak.returns_until_month, peak.returns_until_day)
        self.first_response = _spin(0, 8760, current.first_response_hours, t(" hours"))
        self.follow_up = _spin(0, 8760, current.follow_up_hours, t(" hours"))
        self.evidence_days = _spin(0, 3650, current.evidence_days, t(" days"))
        self.published = QPlainTextEdit(current.published_text)
        self.published.setPlaceholderText(t("The return policy as published on the shop"))
        self.published.setMaximumHeight(90)
        self.shown_at_checkout = QCheckBox(t("Shown to customers at checkout"))
        self.shown_at_checkout.setChecked(current.shown_at_checkout)
        self.effective_from = QDateEdit(qdate(utc_now().date()))
        self.effective_from.setCalendarPopup(True)
        self.effective_from.setDisplayFormat("d MMM yyyy")

    def _build_form(self) -> QFormLayout:
        peak_row = QHBoxLayout()
        for text, widget in (
            (t("placed from"), self.peak_from),
            (t("to", context="date range"), self.peak_to),
            (t("returns until"), self.peak_until),
        ):
            peak_row.addWidget(QLabel(text))
            peak_row.addWidget(widget)
        peak_row.addStretch(1)
        self.peak_on.toggled.connect(self._peak_toggled)
        self._peak_toggled(self.peak_on.isChecked())

        form = QFormLayout()
        form.addRow(t("Shop country:"), self.country)
        form.addRow(t("Shop time zone:"), self.time_zone)
        form.addRow(t("Return window:"), self.return_days)
        form.addRow(t("Extra legal withdrawal days:"), self.extra_withdrawal)
        form.addRow(self.peak_on)
        form.addRow(peak_row)
        form.addRow(t("First response within:"), self.first_response)
        form.addRow(t("Chase suppliers after:"), self.follow_up)
        form.addRow(t("Supplier evidence within:"), self.evidence_days)
        form.addRow(t("Published policy:"), self.published)
        form.addRow("", self.shown_at_checkout)
        form.addRow(t("Takes effect on:"), self.effective_from)
        return form

    def _build_history(self) -> QGroupBox:
        """The versions of the policy, the newest first."""
        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(
            [t("In force from"), t("Return window"), t("Country"),
             t("Time zone"), t("Peak season")]
        )  # fmt: skip
        self.history.setColumnWidth(0, 130)
        self._fill_history()
        history_box = QGroupBox(t("Versions"))
        QVBoxLayout(history_box).addWidget(self.history)
        return history_box

    def title(self) -> str:
        return t("Store policy")

    def _peak_toggled(self, on: bool) -> None:
        for widget in (self.peak_from, self.peak_to, self.peak_until):
            widget.setEnabled(on)

    def _fill_history(self) -> None:
        self.history.clear()
        for version in reversed(settings.store_policy_history()):
            policy = version.policy
            since = (
                t("the start")
                if version.effective_from == date.min
                else date_text(version.effective_from)
            )
            peak = _peak_text(policy.peak) if policy.peak else t("none", context="peak season")
            item = QTreeWidgetItem(
                [since, tn("{n} day", "{n} days", policy.return_days),
                 country_name(policy.country) if policy.country else "—",
                 policy.time_zone, peak]
            )  # fmt: skip
            self.history.addTopLevelItem(item)

    def policy(self) -> StorePolicy:
        """The policy the page describes, or InputError saying what is wrong."""
        text = self.country.text().strip()
        country = parse_country(text, t("Shop country")) if text else ""
        peak = None
        if self.peak_on.isChecked():
            start, end, until = (w.date() for w in (self.peak_from, self.peak_to, self.peak_until))
            peak = PeakSeason(
                start.month(), start.day(), end.month(), end.day(), until.month(), until.day()
            )
        try:
            return StorePolicy(
                return_days=self.return_days.value(),
                peak=peak,
                first_response_hours=self.first_response.value(),
                follow_up_hours=self.follow_up.value(),
                evidence_days=self.evidence_days.value(),
                extra_withdrawal_days=self.extra_withdrawal.value(),
                country=country,
                time_zone=self.time_zone.currentText().strip(),
                published_text=self.published.toPlainText().strip(),
                shown_at_checkout=self.shown_at_checkout.isChecked(),
            )
        except ValueError as exc:
            raise InputError(t("Store policy: {error}.", error=exc)) from None

    def validate(self) -> None:
        self.policy()

    def write(self) -> PageWrite:
        policy, effective_from = self.policy(), day_of(self.effective_from)

        def save() -> None:
            if policy != settings.store_policy(effective_from):  # else: no new version
                rule_facts.save_policy(policy, effective_from)

        return save
