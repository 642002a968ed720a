"""The money panel of one case: its figures, its entries, and forms to post money."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
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
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.ledger import EntryInput, OverRefundError
from returnsdesk.services.ledger_view import (
    CaseMoneyView,
    LedgerFilter,
    LedgerRow,
    case_money_view,
)
from returnsdesk.ui.ledger.common import kind_label, qdate_day, reversible
from returnsdesk.ui.ledger.dialogs import reverse_with_dialog
from returnsdesk.ui.ledger.model import COL, LedgerTableModel, fit_columns
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import change_bus, read_op, write_op
from returnsdesk.ui.widgets.amount_edit import AmountEdit
from returnsdesk.ui.widgets.kept_selection import KeptSelection

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
    """Money of one case. Refreshes itself when a write touches the ledger (its own
    postings and reversals included: they come back through the change bus)."""

    def __init__(
        self, case_id: int, parent: QWidget | None = None, locale: str | None = None
    ) -> None:
        super().__init__(parent)
        self.number_locale = locale or babel_locale()
        #: Asks the person to confirm a large or unusual posting (tests replace it).
        self.confirm: Callable[[str], bool] = self._ask
        self.case_id = case_id
        #: The shown case's money; None until its first read arrives.
        self.view: CaseMoneyView | None = None
        self.currency = ""
        self._generation = 0  # of the newest read: an older answer is dropped
        self.model = LedgerTableModel(self, self.number_locale)
        self._build()
        self.set_case(case_id)
        change_bus().changed.connect(self._store_changed)

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        # Two columns, so that the posting form shows whole in the case's lower tabs of a
        # 1280×720 window: the case's money on the left, the form on the right.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_money(), 1)
        layout.addWidget(self._build_form(), 1)
        self._connect()

    def _build_money(self) -> QVBoxLayout:
        money = QVBoxLayout()
        money.setSpacing(4)
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
        money.addWidget(self._build_table(), 1)
        return money

    def _build_table(self) -> QTableView:
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
        return self.table

    def _build_fields(self) -> None:
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(14)
        for kind in FORM_KINDS:
            self.kind.addItem(kind_label(kind), kind.value)
        self.amount = AmountEdit(locale=self.number_locale)
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

    def _build_form(self) -> QGroupBox:
        self._build_fields()
        box = QGroupBox(t("Record money"))
        form = QGridLayout(box)
        form.setContentsMargins(8, 4, 8, 4)
        form.setVerticalSpacing(4)
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
        return box

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.override.toggled.connect(self.override_reason.setEnabled)
        self.post_button.clicked.connect(self.post)
        self.amount.returnPressed.connect(self.post)
        self.reverse_button.clicked.connect(self.reverse_selected)
        KeptSelection(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

    # --- state ---------------------------------------------------------------------------

    def set_case(self, case_id: int) -> None:
        """Show another case: its figures are read off the GUI thread and shown when they
        arrive (an answer for a case shown before is dropped)."""
        self.case_id = case_id
        self.view = None
        self.post_button.setEnabled(False)  # the form needs the case's currency and order
        self.figures.setText(t("Reading the money of this case…"))
        self.context.clear()
        self._reset_form()
        self.message.clear()
        self.message.hide()
        self.reload()

    def reload(self) -> None:
        """Re-read the case's money off the GUI thread and show it."""
        self._generation += 1
        generation, case_id = self._generation, self.case_id
        read_op(self, lambda: case_money_view(case_id), lambda v: self._loaded(generation, v))

    def _loaded(self, generation: int, view: CaseMoneyView) -> None:
        if generation != self._generation or view.case_id != self.case_id:
            return  # an older read: another case, or figures since re-read
        first = self.view is None
        self.view = view
        self.currency = view.currency
        if first:
            self.amount.set_currency(self.currency)
            self.amount.setPlaceholderText(
                t(
                    "Amount in {currency}, e.g. {example}",
                    currency=self.currency,
                    example=self._money(1250),
                )
            )
            self.post_button.setEnabled(True)
        self._show(view)

    def _store_changed(self, changes: Changes, _source: object) -> None:
        # Any ledger write may change the order's or the customer's figures shown here.
        if changes.touches(Area.LEDGER) or changes.touches_case(self.case_id):
            self.reload()

    def _show(self, view: CaseMoneyView) -> None:
        self.model.set_filter(LedgerFilter(case_id=view.case_id))
        self.figures.setText(
            t(
                "Paid out {paid} · Recovered {recovered} · Net cost {net}",
                paid=self._money(view.paid_out),
                recovered=self._money(view.recovered),
                net=self._money(view.net_cost),
            )
        )
        m = self._money
        self.context.setText(
            t(
                "Order {order}: customer paid {paid}, {left} left to give back · "
                "Store credit balance {credit}",
                order=view.order_number,
                paid=m(view.order_total),
                left=m(view.left_to_give_back),
                credit=m(view.credit),
            )
            + "\n"
            + tn(
                "Given back on its {n} case: refunds {refunds} · store credit {credit} · "
                "chargebacks {chargebacks} · replacements {replacements}",
                "Given back across its {n} cases: refunds {refunds} · store credit {credit} · "
                "chargebacks {chargebacks} · replacements {replacements}",
                view.order_cases,
                refunds=m(view.order_kind(LedgerKind.CUSTOMER_REFUND)),
                credit=m(view.order_kind(LedgerKind.STORE_CREDIT_ISSUED)),
                chargebacks=m(
                    view.order_kind(LedgerKind.CHARGEBACK_DEBIT)
                    - view.order_kind(LedgerKind.CHARGEBACK_REVERSAL)
                ),
                replacements=m(view.order_kind(LedgerKind.REPLACEMENT_COST)),
            )
        )

    def _money(self, minor: int) -> str:
        return money_text(minor, self.currency, self.number_locale)

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
        """Post what the form holds on the writer; True if it was handed to the writer
        (the message line then says whether the ledger took it)."""
        if self.view is None:
            return False  # the case's money is still being read (the button is disabled)
        data = self._entry()
        if data is None:
            return False
        write_op(
            self,
            lambda: ledger.post_entry(data),
            changes=Changes.of(Area.LEDGER, cases=[data.case_id]),
            on_done=lambda entry: self._posted(data, entry.id),
            on_error=self._refused,
        )
        return True

    def _entry(self) -> EntryInput | None:
        """What the form holds, or None (and why, on the message line)."""
        try:
            amount = self.amount.value()
        except InputError as exc:
            self._say(str(exc), ok=False)
            self.amount.setFocus()
            return None
        kind = LedgerKind(self.kind.currentData())
        if not self._confirmed(kind, amount):
            self._say(t("Not posted."), ok=False)
            return None
        override = ""
        if self.override.isChecked() and self.override_widget.isVisibleTo(self):
            override = self.override_reason.text().strip()
            if not override:
                self._say(t("Give a reason for the override."), ok=False)
                self.override_reason.setFocus()
                return None
        return EntryInput(
            case_id=self.case_id,
            kind=kind,
            amount_minor=amount,
            currency=self.currency,
            entry_date=qdate_day(self.date.date()),
            method=self.method.text(),
            reference=self.reference.text(),
            memo=self.memo.text(),
            override_note=override,
        )

    def _posted(self, data: EntryInput, entry_id: int) -> None:
        self._say(
            t(
                "Posted {kind} of {amount} (entry #{id}).",
                kind=kind_label(data.kind),
                amount=money_text(data.amount_minor, data.currency, self.number_locale),
                id=entry_id,
            ),
            ok=True,
        )
        self._reset_form()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, OverRefundError):
            self.override_widget.setVisible(True)
            hint = t("Tick the override and give a reason to post it anyway.")
            self._say(f"{error} {hint}", ok=False)
        elif isinstance(error, InputError):
            self._say(str(error), ok=False)
        else:
            show_error(self, t("Post money"), error)

    def _confirmed(self, kind: LedgerKind, amount: int) -> bool:
        """Ask before a large or unusual posting, with the amount and kind in words."""
        view = self.view
        assert view is not None  # post() asks only once the case's money is shown
        found = concerns(
            kind, amount, view.order_total, view.case_amount, view.case_kind == Kind.CHARGEBACK
        )
        if not found:
            return True
        reasons = {
            Concern.LARGE: t(
                "It is half or more of what the customer paid ({paid}).",
                paid=self._money(view.order_total),
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
            words=amount_in_words(amount, self.currency, self.number_locale),
            rma=view.rma,
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

    def selected_entry(self) -> LedgerRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.reverse_button.setEnabled(reversible(self.selected_entry()))

    def reverse_selected(self) -> bool:
        """Ask for a reason and post the reversal; True if one was asked for."""
        entry = self.selected_entry()
        if entry is None:
            return False
        return reverse_with_dialog(
            entry, self.number_locale, self, lambda: self._reversed(entry.id)
        )

    def _reversed(self, entry_id: int) -> None:
        self._say(t("Entry #{id} reversed.", id=entry_id), ok=True)
