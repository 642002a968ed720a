"""The chargeback notice: reason code, processor, response due moment with its time zone.

Used to record the notice on a chargeback case, and to open a chargeback on the order of
another case (a return that ended in a dispute), which links the two.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from returnsdesk.domain.chargebacks import (
    PAYPAL_RESPONSE_DAYS,
    DisputeReason,
    Processor,
    paypal_due,
    suggested_reason,
)
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.services import chargebacks
from returnsdesk.services.case_view import CaseView, case_view
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.chargebacks import ChargebackNotice
from returnsdesk.services.clock import utc_now
from returnsdesk.services.rule_facts import shop_time_zone
from returnsdesk.ui.case.qt_dates import date_edit, day_of, time_of
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import write_op


class ChargebackNoticeDialog(QDialog):
    """Record the notice of ``case`` (a chargeback), or open a chargeback on its order."""

    def __init__(
        self, case: CaseView, parent: QWidget | None = None, shop_zone: str | None = None
    ) -> None:
        """``shop_zone``: the shop's time zone when the caller already read it."""
        super().__init__(parent)
        self.case = case
        self._shop_zone = shop_zone
        self.opening = self.case.kind != "chargeback"
        self.result_case: CaseView | None = None
        self.setWindowTitle(
            t("Open a chargeback on this order") if self.opening else t("Chargeback notice")
        )
        self.reason = QComboBox(self)
        for reason, label in self._reason_labels().items():
            self.reason.addItem(label, reason.value)
        current = self.case.chargeback_reason or suggested_reason(self.case.reason).value
        self.reason.setCurrentIndex(max(self.reason.findData(current), 0))
        self.processor = QComboBox(self)
        for processor, label in (
            (Processor.STRIPE, "Stripe"),
            (Processor.PAYPAL, "PayPal"),
            (Processor.SHOPIFY_PAYMENTS, "Shopify Payments"),
        ):
            self.processor.addItem(label, processor.value)
        if self.case.chargeback_processor:
            self.processor.setCurrentIndex(self.processor.findData(self.case.chargeback_processor))
        self._build_due()
        self.reference = QLineEdit(self.case.chargeback_reference, self)
        self.reference.setMaxLength(300)
        self.paypal_hint = QLabel(
            tn(
                "PayPal asks for an answer within {n} day of its notice.",
                "PayPal asks for an answer within {n} days of its notice.",
                PAYPAL_RESPONSE_DAYS,
            ),
            self,
        )
        self.paypal_fill = QPushButton(
            tn("Due {n} day from now", "Due {n} days from now", PAYPAL_RESPONSE_DAYS), self
        )
        self.paypal_fill.clicked.connect(self._fill_paypal)
        self.processor.currentIndexChanged.connect(self._sync)
        form = QFormLayout(self)
        form.addRow(t("Dispute reason:"), self.reason)
        form.addRow(t("Processor:"), self.processor)
        form.addRow(t("Response due:"), self.due_row)
        form.addRow("", self.paypal_hint)
        form.addRow("", self.paypal_fill)
        form.addRow(t("Dispute reference:"), self.reference)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._sync()

    def _reason_labels(self) -> dict[DisputeReason, str]:
        return {
            DisputeReason.FRAUDULENT: t("Fraudulent (payment not recognised)"),
            DisputeReason.PRODUCT_NOT_RECEIVED: t("Product not received"),
            DisputeReason.PRODUCT_UNACCEPTABLE: t("Product unacceptable"),
            DisputeReason.DUPLICATE: t("Duplicate payment"),
            DisputeReason.CREDIT_NOT_PROCESSED: t("Credit not processed"),
            DisputeReason.SUBSCRIPTION_CANCELED: t("Subscription cancelled"),
            DisputeReason.GENERAL: t("General"),
        }

    def _build_due(self) -> None:
        due = self.case.chargeback_due_at
        self.due_date = date_edit(self)
        self.due_time = QTimeEdit(self)
        self.due_time.setDisplayFormat("HH:mm")
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems(sorted(available_timezones()))
        shop_zone = self._shop_zone or shop_time_zone()  # notices: in the shop's clock
        self.zone.setCurrentText(shop_zone)
        if due is not None:
            local = due.astimezone(ZoneInfo(shop_zone))
            self.due_date.setDate(QDate(local.year, local.month, local.day))
            self.due_time.setTime(QTime(local.hour, local.minute))
        else:
            day = self.case.chargeback_due_on or (utc_now() + timedelta(days=7)).date()
            self.due_date.setDate(QDate(day.year, day.month, day.day))
            self.due_time.setTime(QTime(23, 59))
        self.due_row = QWidget(self)
        row = QHBoxLayout(self.due_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.due_date)
        row.addWidget(self.due_time)
        row.addWidget(self.zone, 1)

    def _sync(self, *_args: object) -> None:
        paypal = self.processor.currentData() == Processor.PAYPAL.value
        self.paypal_hint.setVisible(paypal)
        self.paypal_fill.setVisible(paypal)

    def _fill_paypal(self) -> None:
        due = paypal_due(utc_now())
        self.zone.setCurrentText("UTC")
        self.due_date.setDate(QDate(due.year, due.month, due.day))
        self.due_time.setTime(QTime(due.hour, due.minute))

    def notice(self) -> ChargebackNotice:
        zone_name = self.zone.currentText().strip()
        if zone_name not in available_timezones():
            raise InputError(
                t(
                    "Unknown time zone: {zone}. Pick one from the list (e.g. Europe/Paris).",
                    zone=zone_name,
                )
            )
        day, time = day_of(self.due_date), time_of(self.due_time)
        due = datetime.combine(day, time, tzinfo=ZoneInfo(zone_name))
        return ChargebackNotice(
            reason=self.reason.currentData(),
            processor=self.processor.currentData(),
            due_at=due,
            reference=self.reference.text(),
        )

    def accept(self) -> None:
        """Save on the writer; the dialog closes once the store took it."""
        try:
            notice = self.notice()
        except InputError as exc:
            show_error(self, self.windowTitle(), exc)
            return
        case = self.case
        opening = self.opening

        def save() -> CaseView:
            if opening:
                opened = chargebacks.open_chargeback(
                    case.order_id, notice, case.reason, case.reason_note
                )
            else:
                opened = chargebacks.record_notice(case.id, notice)
            return case_view(opened.id)

        write_op(
            self,
            save,
            changes=lambda saved: Changes.of(Area.ORDERS, cases=[case.id, saved.id]),
            on_done=self._saved,
            on_error=lambda exc: show_error(self, self.windowTitle(), exc),
        )

    def _saved(self, saved: CaseView) -> None:
        self.result_case = saved
        super().accept()
