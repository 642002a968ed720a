"""The Suppliers area: every supplier with its figures, and the selected one's details and log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import percent_text
from returnsdesk.domain.risk import Flag
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.risk import supplier_flags_by_id
from returnsdesk.services.supplier_view import (
    ContactRow,
    SupplierDetail,
    contacts_of_supplier,
    supplier_detail,
)
from returnsdesk.services.suppliers import SupplierSummary, summaries
from returnsdesk.ui.documents.language_choice import language_name
from returnsdesk.ui.mail_import import MailDropTarget
from returnsdesk.ui.operations import announce, change_bus, read_op
from returnsdesk.ui.risk.badges import RiskBadges
from returnsdesk.ui.suppliers.contact_dialogs import LogContactDialog
from returnsdesk.ui.suppliers.model import ID_ROLE, ContactLogModel, SuppliersModel
from returnsdesk.ui.suppliers.supplier_dialog import SupplierDialog
from returnsdesk.ui.tasks import Job
from returnsdesk.ui.widgets.clicks import on_click

#: What the Suppliers area shows: a write touching any of these makes it reload.
SHOWN = (Area.SUPPLIERS, Area.CONTACTS, Area.CASES, Area.LEDGER, Area.SETTINGS)


def make_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)  # a cell's lines are its own (one per currency), never re-wrapped
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _days(value: int | None) -> str:
    return tn("{n} day", "{n} days", value) if value is not None else t("store default")


def fit_columns(table: QTableView, widths: list[int]) -> None:
    """Each column at least as wide as its title (0: just its title), the last stretched."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    model = table.model()
    for column, width in enumerate(widths):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 24))


def policy_text(supplier: SupplierDetail) -> str:
    """Plain-text summary of a supplier's contacts and policy for the detail pane."""
    hours = supplier.follow_up_hours
    lines = [
        supplier.name,
        " · ".join(x for x in (supplier.email, supplier.phone, supplier.chat_url) if x) or "—",
        t(
            "Language: {language} · Time zone: {zone}",
            language=language_name(supplier.language),
            zone=supplier.timezone,
        ),
        t(
            "Return window: {window} · Evidence within: {evidence} · Chase after: {chase}",
            window=_days(supplier.return_days),
            evidence=_days(supplier.evidence_days),
            chase=t("{n} h", n=hours) if hours is not None else t("store default"),
        ),
        " · ".join(
            (
                t(
                    "Restocking fee: {percent}",
                    percent=percent_text(supplier.restocking_fee_percent / 100, digits=0),
                ),
                t("Pays return shipping when at fault")
                if supplier.pays_return_shipping_at_fault
                else t("Does not pay return shipping when at fault"),
                t("Reimburses without a return")
                if supplier.reimburses_without_return
                else t("Needs the item back"),
            )
        ),
    ]
    if supplier.dispute_platform:
        if supplier.escalation_days:
            lines.append(
                t(
                    "Disputes: {platform}, escalate after {days}",
                    platform=supplier.dispute_platform,
                    days=_days(supplier.escalation_days),
                )
            )
        else:
            lines.append(t("Disputes: {platform}", platform=supplier.dispute_platform))
    if supplier.return_address:
        address = supplier.return_address.replace("\n", ", ")
        lines.append(t("Return address: {address}", address=address))
    return "\n".join(lines)


class SuppliersView(MailDropTarget, QWidget):
    """Every supplier with its figures; the selected one's policy, signals and messages.

    Reads run off the GUI thread (``read_op``); the area reloads itself when a write
    announced on ``change_bus()`` touches what it shows, its own saves included.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SuppliersModel(self)
        self.log_model = ContactLogModel(self)
        self.table = make_table(self, self.model)
        self.log = make_table(self, self.log_model)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.risk_badges = RiskBadges(self)
        self._flags: dict[int, list[Flag]] = {}
        self._wanted: int | None = None  # a supplier to select once the list holds it
        self._stale = False  # a change arrived while hidden: reload when shown
        self.loaded = False  # the list has arrived at least once
        self.new_button = QPushButton(t("New supplier…"), self)
        self.edit_button = QPushButton(t("Edit…"), self)
        self.log_button = QPushButton(t("Log contact…"), self)
        self.new_button.clicked.connect(self.new_supplier)
        on_click(self.edit_button, self.edit_supplier)
        self.log_button.clicked.connect(self.log_contact)
        self.table.doubleClicked.connect(self.edit_supplier)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self._build_layout()
        self.setAcceptDrops(True)  # saved e-mails dropped here are logged on the supplier
        change_bus().changed.connect(self._on_changes)
        self.details.setText(t("Loading suppliers…"))
        self.reload()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.risk_badges)
        lower_layout.addWidget(self.details)
        lower_layout.addWidget(QLabel(t("Contact log (newest first):"), self))
        lower_layout.addWidget(self.log, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([300, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def accepts_mail(self) -> bool:
        return self.selected_supplier_id() is not None

    def import_mail(self, paths: list[Path], report: bool = True) -> Job | None:
        """Log saved e-mails on the selected supplier (their case is found from the text)."""
        from returnsdesk.ui.mail_import import import_mail_files

        supplier_id = self.selected_supplier_id()
        if supplier_id is None:
            return None
        return import_mail_files(
            self,
            paths,
            supplier_id=supplier_id,
            on_done=lambda _lines: self._after_mail(),
            report=report,
        )

    def _after_mail(self) -> None:
        announce(Changes.of(Area.CONTACTS, Area.SUPPLIERS, Area.CASES, Area.EVIDENCE), self)

    # --- reading -----------------------------------------------------------------------------
    def _on_changes(self, changes: Changes, _source: object = None) -> None:
        if not changes.touches(*SHOWN):
            return
        if self.isVisible() or self.window() is self:
            self.reload()
        else:  # a page of the window not shown now: read when it is shown again
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the list and its figures off the GUI thread; the signals (slower) follow."""
        self._stale = False
        read_op(self, lambda: summaries(utc_now()), self._show_summaries)

    def _show_summaries(self, rows: list[SupplierSummary]) -> None:
        # The supplier asked for before the list arrived, else the one chosen now.
        wanted = self._wanted if self._wanted is not None else self.selected_supplier_id()
        self._wanted = None
        self.model.set_rows(rows)
        self.loaded = True
        fit_columns(self.table, [170, 195, 0, 215, 0])
        self.table.resizeRowsToContents()  # one line per currency; a handful of suppliers
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_selected()
        read_op(self, supplier_flags_by_id, self._show_flags)  # once the table is on screen

    def _show_flags(self, flags: dict[int, list[Flag]]) -> None:
        self._flags = flags
        supplier_id = self.selected_supplier_id()
        self.risk_badges.set_flags(flags.get(supplier_id, []) if supplier_id else [])

    def selected_supplier_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_supplier(self, supplier_id: int) -> None:
        row = self.model.row_of(supplier_id)
        if row is not None:
            self.table.selectRow(row)
        else:
            self._wanted = supplier_id

    def _show_selected(self, *_args: QModelIndex) -> None:
        supplier_id = self.selected_supplier_id()
        has = supplier_id is not None
        self.edit_button.setEnabled(has)
        self.log_button.setEnabled(has)
        if supplier_id is None:
            self.details.setText(t("No supplier yet: add the first one with “New supplier…”."))
            self.log_model.set_contacts([])
            self.risk_badges.set_flags([])
            return
        self.risk_badges.set_flags(self._flags.get(supplier_id, []))

        def read() -> tuple[SupplierDetail, list[ContactRow]]:
            return supplier_detail(supplier_id), contacts_of_supplier(supplier_id)

        read_op(self, read, self._show_detail)

    def _show_detail(self, result: tuple[SupplierDetail, list[ContactRow]]) -> None:
        detail, contacts = result
        if detail.id != self.selected_supplier_id():
            return  # another supplier was chosen meanwhile: its own read follows
        self.details.setText(policy_text(detail))
        self.log_model.set_contacts(contacts)
        fit_columns(self.log, [280, 125, 0, 0, 260, 110])

    # --- writing (the dialogs write through write_op; the bus brings the change back) --------
    def new_supplier(self) -> None:
        dialog = SupplierDialog(None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.select_supplier(dialog.saved_id)

    def edit_supplier(self, *_args: QModelIndex) -> None:
        supplier_id = self.selected_supplier_id()
        if supplier_id is None:
            return
        SupplierDialog(supplier_id, self).exec()

    def log_contact(self) -> None:
        supplier_id = self.selected_supplier_id()
        if supplier_id is None:
            return
        LogContactDialog(supplier_id, None, self).exec()
