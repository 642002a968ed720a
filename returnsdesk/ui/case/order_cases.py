"""Cases of the same order, shown together: the chargeback facts, the other cases, and the
"you may be paying twice" warning on a chargeback whose order was already refunded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, money_text
from returnsdesk.domain.workflow import Kind, Status, allowed_targets
from returnsdesk.services import cases
from returnsdesk.services.case_view import CaseView, OrderCases, case_view, order_cases
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.chargebacks import GivenBack
from returnsdesk.ui import labels
from returnsdesk.ui.documents import open_dispute_pack
from returnsdesk.ui.ledger.common import kind_label
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op

PROCESSOR_NAMES = {"stripe": "Stripe", "paypal": "PayPal", "shopify_payments": "Shopify Payments"}
BANNER_STYLE = (
    "QFrame#payingTwice { background: #fdecea; border: 1px solid #c62828; border-radius: 4px; }"
)


def _open_in_window(widget: QWidget, case_id: int) -> None:
    window = widget.window()
    if hasattr(window, "open_case"):
        window.open_case(case_id)


def _read(widget: QWidget, case_id: int, show: Callable[[CaseView, OrderCases], None]) -> None:
    """Read the case and its order's cases off the GUI thread, then ``show(case, cases)``."""
    read_op(widget, lambda: (case_view(case_id), order_cases(case_id)), lambda r: show(*r))


class PayingTwiceBanner(QFrame):
    """Shown on a chargeback whose order already gave money back on another case. In the
    case workspace it is filled by the workspace's read (``autoload=False``)."""

    def __init__(self, case_id: int, parent: QWidget | None = None, autoload: bool = True) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.hide()
        self.setObjectName("payingTwice")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        self.contest = QPushButton(t("Contest with this refund (dispute pack)…"), self)
        self.accept_button = QPushButton(t("Accept the chargeback"), self)
        self.contest.clicked.connect(lambda: open_dispute_pack(self, self.case_id))
        self.accept_button.clicked.connect(self.accept_chargeback)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.contest)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        if autoload:
            self.reload()

    def reload(self) -> None:
        _read(self, self.case_id, lambda case, cases: self.show_given(case, cases.given_back))

    def show_given(self, case: CaseView, given: Sequence[GivenBack]) -> None:
        self.setVisible(bool(given))
        if not given:
            return
        currency = given[0].currency
        total = sum(g.amount_minor for g in given if g.currency == currency)
        items = "; ".join(self._given_text(g) for g in given)
        self.text.setText(
            t(
                "You may be paying twice: the customer was already given back {amount} on this "
                "order ({items}). Contest the chargeback with this refund as evidence, or accept "
                "it and give nothing more back.",
                amount=money_text(total, currency),
                items=items,
            )
        )
        self.accept_button.setEnabled(Status.LOST in allowed_targets(Status(case.status)))

    @staticmethod
    def _given_text(given: GivenBack) -> str:
        values = {
            "what": kind_label(given.kind),
            "amount": money_text(given.amount_minor, given.currency),
            "day": date_text(given.entry_date),
            "rma": given.rma,
        }
        if given.reference:
            return t("{what} {amount} on {day} ({rma}, {reference})",
                     reference=given.reference, **values)  # fmt: skip
        return t("{what} {amount} on {day} ({rma})", **values)

    def accept_chargeback(self) -> bool:
        """Asked first; True when the user agreed (the move runs on the writer)."""
        answer = QMessageBox.question(
            self,
            t("Accept the chargeback"),
            t("Mark this chargeback as lost (accepted)? The bank keeps the money."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        case_id, note = self.case_id, t("Accepted: the customer was already refunded.")
        write_op(
            self,
            lambda: cases.transition(case_id, Status.LOST, note=note),
            changes=Changes.of(Area.CASES, cases=[case_id]),
            on_error=lambda exc: show_error(self, t("Accept the chargeback"), exc),
        )
        return True


class OrderCasesPanel(QWidget):
    """The other cases of the order; on a return, a way to open the chargeback on it."""

    def __init__(self, case_id: int, parent: QWidget | None = None, autoload: bool = True) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.case: CaseView | None = None
        self._shop_zone: str | None = None
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([t("RMA"), t("Kind"), t("Status"), t("Opened on")])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 120)
        self.tree.setColumnWidth(2, 150)
        self.tree.itemDoubleClicked.connect(
            lambda item, _col: _open_in_window(self, item.data(0, Qt.ItemDataRole.UserRole))
        )
        self.notice_button = QPushButton(self)
        self.notice_button.clicked.connect(self.edit_notice)
        row = QHBoxLayout()
        row.addWidget(self.notice, 1)
        row.addWidget(self.notice_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel(t("Other cases of this order (double-click to open):")))
        layout.addWidget(self.tree, 1)
        if autoload:
            self.reload()

    def reload(self) -> None:
        _read(self, self.case_id, self.show_cases)

    def show_cases(self, case: CaseView, cases: OrderCases) -> None:
        self.case, self._shop_zone = case, cases.shop_zone
        chargeback = case.kind == Kind.CHARGEBACK
        self.notice_button.setText(
            t("Chargeback notice…") if chargeback else t("Open a chargeback…")
        )
        self.notice.setText(self._notice_text(case, cases.shop_zone) if chargeback else "")
        self.tree.clear()
        for other in cases.related:
            item = QTreeWidgetItem(
                [
                    other.rma,
                    labels.kind(other.kind),
                    labels.status(other.status),
                    date_text(other.opened_at.date()),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, other.id)
            self.tree.addTopLevelItem(item)

    def _notice_text(self, case: CaseView, zone: str) -> str:
        if not case.chargeback_reason:
            return t("The processor's notice is not recorded yet.")
        due = case.chargeback_due_at
        if due is None:
            when = "—"
        else:  # in the shop's clock, with its zone named
            local = due.astimezone(ZoneInfo(zone))
            when = t(
                "{day} at {time} ({zone})",
                day=date_text(local.date()),
                time=f"{local:%H:%M}",
                zone=zone,
            )
        return t(
            "Processor: {processor} · Response due {when}",
            processor=PROCESSOR_NAMES.get(case.chargeback_processor, "—"),
            when=when,
        )

    def edit_notice(self) -> None:
        from returnsdesk.ui.case.chargeback_dialog import ChargebackNoticeDialog

        if self.case is None:
            return
        dialog = ChargebackNoticeDialog(self.case, self, self._shop_zone)
        if dialog.exec() != ChargebackNoticeDialog.DialogCode.Accepted:
            return
        if dialog.opening and dialog.result_case is not None:
            _open_in_window(self, dialog.result_case.id)
