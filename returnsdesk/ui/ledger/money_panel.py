"""The money panel of one case: its figures, its entries, and forms to post money."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import babel_locale, money_text
from returnsdesk.domain.ledger import PAYOUT_SIGN, LedgerKind
from returnsdesk.domain.money import amount_in_words
from returnsdesk.domain.posting_check import Concern, concerns
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import ledger
from returnsdesk.services.clock import utc_now
from returnsdesk.services.ledger import EntryInput, OverRefundError
from returnsdesk.store.ledger_sql import LedgerFilter
from returnsdesk.store.models import Case
from returnsdesk.ui.ledger.common import kind_label, reversible
from returnsdesk.ui.ledger.dialogs import reverse_with_dialog
from returnsdesk.ui.ledger.model import COL, LedgerTableModel, fit_columns
from returnsdesk.ui.widgets.amount_edit import AmountEdit

#: Kinds offered first in the form, in the order a merchant meets them.
FORM_KINDS = [
    LedgerKind.CUSTOMER_REFUND,
    LedgerKind.SUPPLIER_REIMBURSEMENT,
    LedgerKind.RETURN_LABEL_COST,
    LedgerKind.STORE_CREDIT_ISSUED,
    LedgerKind.STORE_CREDIT_REDEEMED,
    LedgerKind.REPLACEMENT_COST,
    LedgerKind.RESTOCKING_FEE_KEPT,
    LedgerKind.CHARGEBACK_DEBIT,
    LedgerKind.CHARGEBACK_FEE,
    LedgerKind.CHARGEBACK_REVERSAL,
    LedgerKind.OTHER_COST,
    LedgerKind.OTHER_RECOVERY,
]
HIDDEN_COLUMNS = ("rma", "order", "customer", "supplier")
ERROR_STYLE = "color: #a61b1b;"
OK_STYLE = "color: #1f7a35;"


class CaseMoneyPanel(QWidget):
    """Money of one case. Emits ``changed`` after a posting or a reversal."""

    changed = Signal()

    def __init__(
        self, case_id: int, parent: QWidget | None = None, locale: str | None = None
    ) -> None:
        super().__init__(parent)
        self.locale = locale or babel_locale()
        #: Asks the person to confirm a large or unusual posting (tests replace it).
        self.confirm: Callable[[str], bool] = self._ask
        self.case_id = case_id
        self.model = LedgerTableModel(self, self.locale)
        self._build()
        self.set_case(case_id)

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        # Two columns, so that the posting form shows whole in the case's lower tabs of a
        # 1280×720 window: the case's money on the left, the form on the right.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        money = QVBoxLayout()
        money.setSpacing(4)
        layout.addLayout(money, 1)
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        font = self.figures.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.figures.setFont(font)
        self.context = QLabel()
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.context.setWordWrap(True)
        self.reverse_button = QPushButton(t("Reverse selected entry…"))
        self.reverse_button.setEnabled(False)
        heading = QHBoxLayout()
        heading.addWidget(self.figures, 1)
        heading.addWidget(self.reverse_button)
        money.addLayout(heading)
        money.addWidget(self.context)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for key in HIDDEN_COLUMNS:
            self.table.setColumnHidden(COL[key], True)
        widths = {"id": 40, "date": 90, "kind": 150, "amount": 90, "reversal": 100, "memo": 200}
        fit_columns(self.table, widths)
        # The table takes what height is left: its own preferred height would make the
        # scroll area around the panel taller than the tab and hide the form.
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.table.setMinimumHeight(60)
        money.addWidget(self.table, 1)

        box = QGroupBox(t("Record money"))
        form = QGridLayout(box)
        form.setContentsMargins(8, 4, 8, 4)
        form.setVerticalSpacing(4)
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(14)
        for kind in FORM_KINDS:
            self.kind.addItem(kind_label(kind), kind.value)
        self.amount = AmountEdit(locale=self.locale)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.method = QLineEdit()
        self.method.setPlaceholderText(t("Card, PayPal, bank transfer…"))
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(t("Transaction or refund ID"))
        self.memo = QLineEdit()
        self.override = QCheckBox(t("Give back more than the customer paid"))
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText(t("Why (kept with the entry)"))
        self.override_reason.setEnabled(False)
        override_row = QHBoxLayout()
        override_row.addWidget(self.override)
        override_row.addWidget(self.override_reason, 1)
        self.override_widget = QWidget()
        self.override_widget.setLayout(override_row)
        override_row.setContentsMargins(0, 0, 0, 0)
        top = Qt.AlignmentFlag.AlignTop
        fields = [
            (t("Kind:"), self.kind, t("Amount:"), self.amount),
            (t("Date:"), self.date, t("Method:"), self.method),
            (t("Reference:"), self.reference, t("Memo:"), self.memo),
        ]
        for row, (first, first_field, second, second_field) in enumerate(fields):
            form.addWidget(QLabel(first), row, 0, top)
            form.addWidget(first_field, row, 1, top)
            form.addWidget(QLabel(second), row, 2, top)
            form.addWidget(second_field, row, 3, top)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        self.post_button = QPushButton(t("Post"))
        self.post_button.setDefault(True)
        last = QHBoxLayout()
        last.addWidget(self.override_widget, 1)
        last.addStretch(0)
        last.addWidget(self.post_button)
        form.addLayout(last, 3, 0, 1, 4)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        form.addWidget(self.message, 4, 0, 1, 4)
        form.setRowStretch(5, 1)
        layout.addWidget(box, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.override.toggled.connect(self.override_reason.setEnabled)
        self.post_button.clicked.connect(self.post)
        self.amount.returnPressed.connect(self.post)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

    # --- state ---------------------------------------------------------------------------

    def set_case(self, case_id: int) -> None:
        self.case_id = case_id
        self.case = Case.get_by_id(case_id)
        self.currency = self.case.currency
        self.amount.set_currency(self.currency)
        self.amount.setPlaceholderText(
            t(
                "Amount in {currency}, e.g. {example}",
                currency=self.currency,
                example=self._money(1250),
            )
        )
        self._reset_form()
        self.message.clear()
        self.message.hide()
        self.reload()

    def reload(self) -> None:
        self.model.set_filter(LedgerFilter(case_id=self.case_id))
        figures = ledger.case_money(self.case_id)
        self.figures.setText(
            t(
                "Paid out {paid} · Recovered {recovered} · Net cost {net}",
                paid=money_text(figures.paid_out, figures.currency, self.locale),
                recovered=money_text(figures.recovered, figures.currency, self.locale),
                net=money_text(figures.net_cost, figures.currency, self.locale),
            )
        )
        order = self.case.order
        across = ledger.order_money(order.id)
        credit = ledger.customer_credit(order.customer_id).get(self.currency, 0)
        cases = Case.select().where(Case.order == order.id).count()
        m = self._money
        k = across.by_kind
        self.context.setText(
            t(
                "Order {order}: customer paid {paid}, {left} left to give back · "
                "Store credit balance {credit}",
                order=order.number,
                paid=m(order.total_minor),
                left=m(max(across.left, 0)),
                credit=m(credit),
            )
            + "\n"
            + tn(
                "Given back on its {n} case: refunds {refunds} · store credit {credit} · "
                "chargebacks {chargebacks} · replacements {replacements}",
                "Given back across its {n} cases: refunds {refunds} · store credit {credit} · "
                "chargebacks {chargebacks} · replacements {replacements}",
                cases,
                refunds=m(k.get(LedgerKind.CUSTOMER_REFUND, 0)),
                credit=m(k.get(LedgerKind.STORE_CREDIT_ISSUED, 0)),
                chargebacks=m(
                    k.get(LedgerKind.CHARGEBACK_DEBIT, 0) - k.get(LedgerKind.CHARGEBACK_REVERSAL, 0)
                ),
                replacements=m(k.get(LedgerKind.REPLACEMENT_COST, 0)),
            )
        )

    def _money(self, minor: int) -> str:
        return money_text(minor, self.currency, self.locale)

    def _reset_form(self) -> None:
        today = utc_now().date()
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setDate(QDate(today.year, today.month, today.day))
        for edit in (self.amount, self.reference, self.memo, self.override_reason):
            edit.clear()
        self.override.setChecked(False)
        self._kind_changed()

    def _kind_changed(self) -> None:
        is_payout = PAYOUT_SIGN.get(LedgerKind(self.kind.currentData()), 0) > 0
        self.override_widget.setVisible(is_payout)
        if not is_payout:
            self.override.setChecked(False)
        other = self.kind.currentData() in (LedgerKind.OTHER_COST, LedgerKind.OTHER_RECOVERY)
        self.memo.setPlaceholderText(t("Required: what was it?") if other else t("Optional note"))

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- actions ----------------------------------------------------------------------

    def post(self) -> bool:
        """Post what the form holds; True if it was recorded."""
        try:
            amount = self.amount.value()
        except InputError as exc:
            self._say(str(exc), ok=False)
            self.amount.setFocus()
            return False
        kind = LedgerKind(self.kind.currentData())
        if not self._confirmed(kind, amount):
            self._say(t("Not posted."), ok=False)
            return False
        override = ""
        if self.override.isChecked() and self.override_widget.isVisibleTo(self):
            override = self.override_reason.text().strip()
            if not override:
                self._say(t("Give a reason for the override."), ok=False)
                self.override_reason.setFocus()
                return False
        data = EntryInput(
            case_id=self.case_id,
            kind=self.kind.currentData(),
            amount_minor=amount,
            currency=self.currency,
            entry_date=self.date.date().toPython(),
            method=self.method.text(),
            reference=self.reference.text(),
            memo=self.memo.text(),
            override_note=override,
        )
        try:
            entry = ledger.post_entry(data)
        except OverRefundError as exc:
            self.override_widget.setVisible(True)
            self._say(
                str(exc) + " " + t("Tick the override and give a reason to post it anyway."),
                ok=False,
            )
            return False
        except InputError as exc:
            self._say(str(exc), ok=False)
            return False
        self._say(
            t(
                "Posted {kind} of {amount} (entry #{id}).",
                kind=kind_label(entry.kind),
                amount=money_text(entry.amount_minor, entry.currency, self.locale),
                id=entry.id,
            ),
            ok=True,
        )
        self._reset_form()
        self.reload()
        self.changed.emit()
        return True

    def _confirmed(self, kind: LedgerKind, amount: int) -> bool:
        """Ask before a large or unusual posting, with the amount and kind in words."""
        order = self.case.order
        found = concerns(
            kind,
            amount,
            order.total_minor,
            self.case.amount_minor,
            self.case.kind == Kind.CHARGEBACK,
        )
        if not found:
            return True
        reasons = {
            Concern.LARGE: t(
                "It is half or more of what the customer paid ({paid}).",
                paid=self._money(order.total_minor),
            ),
            Concern.TEN_TIMES_CASE: t(
                "It is ten times the amount of the case or more: check the decimal separator."
            ),
            Concern.CHARGEBACK_KIND_ON_OTHER_CASE: t(
                "This is a chargeback entry on a case that is not a chargeback."
            ),
            Concern.OTHER_KIND: t("“Other” entries are not counted in any category."),
        }
        text = t(
            "Post {kind} of {amount} ({words}) on {rma}?",
            kind=kind_label(kind),
            amount=self._money(amount),
            words=amount_in_words(amount, self.currency, self.locale),
            rma=self.case.rma,
        )
        return self.confirm("\n\n".join([text, *(reasons[c] for c in found)]))

    def _ask(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            t("Post money"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def selected_entry(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args) -> None:
        entry = self.selected_entry()
        self.reverse_button.setEnabled(reversible(entry))

    def reverse_selected(self) -> bool:
        entry = self.selected_entry()
        if entry is None:
            return False
        if not reverse_with_dialog(entry, self.locale, self):
            return False
        self._say(t("Entry #{id} reversed.", id=entry.id), ok=True)
        self.reload()
        self.changed.emit()
        return True
