"""The return side of one case: where the parcel goes, the prepaid label, and the evidence
checklist of the supplier's platform."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk import session
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, money_text
from returnsdesk.domain.return_address import AddressChoice, DefaultWhy
from returnsdesk.services.evidence import attach_files
from returnsdesk.services.platform_checklist import case_checklist
from returnsdesk.services.return_address import choose, destination, list_addresses
from returnsdesk.services.return_labels import current_label, remove_label
from returnsdesk.ui.messages import show_error


def _plain(parent) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CaseReturnPanel(QWidget):
    """Emits ``changed`` after the address, the label or the evidence changed."""

    changed = Signal()

    def __init__(self, case_id: int, parent=None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self._loading = False
        self.why_texts = {
            DefaultWhy.NOTHING_TO_RETURN: t("nothing goes back for this kind of case"),
            DefaultWhy.SUPPLIER_KEEPS_NO_RETURN: t(
                "the supplier reimburses faulty goods without a return"
            ),
            DefaultWhy.FAULTY_TO_SUPPLIER: t("faulty goods go back to the supplier"),
            DefaultWhy.TO_SHOP: t("a change of mind comes back to the shop's stock"),
            DefaultWhy.SHOP_HAS_NO_ADDRESS: t("the shop has no return address of its own"),
            DefaultWhy.NO_ADDRESS_AT_ALL: t(
                "neither the shop nor the supplier has a return address"
            ),
        }

        # Return address
        self.address_choice = QComboBox(self)
        self.address_choice.currentIndexChanged.connect(self._address_chosen)
        self.address_text = _plain(self)
        self.address_why = _plain(self)
        self.address_why.setStyleSheet("color: palette(mid);")
        book = QPushButton(t("Address book…"), self)
        book.clicked.connect(self.edit_address_book)
        address_box = QGroupBox(t("Parcel goes back to"), self)
        grid = QGridLayout(address_box)
        grid.addWidget(self.address_choice, 0, 0)
        grid.addWidget(book, 0, 1)
        grid.addWidget(self.address_text, 1, 0, 1, 2)
        grid.addWidget(self.address_why, 2, 0, 1, 2)

        # Label
        self.label_text = _plain(self)
        self.label_button = QPushButton(t("Attach label…"), self)
        self.label_button.clicked.connect(lambda: self.attach_label())
        self.remove_label_button = QPushButton(t("Remove label"), self)
        self.remove_label_button.clicked.connect(self.remove_label)
        label_box = QGroupBox(t("Prepaid return label"), self)
        label_layout = QVBoxLayout(label_box)
        label_layout.addWidget(self.label_text)
        row = QHBoxLayout()
        row.addWidget(self.label_button)
        row.addWidget(self.remove_label_button)
        row.addStretch(1)
        label_layout.addLayout(row)

        # Checklist
        self.checklist_title = _plain(self)
        self.checklist = QTreeWidget(self)
        self.checklist.setHeaderLabels([t("Evidence the platform asks for"), t("Files")])
        self.checklist.setRootIsDecorated(False)
        from PySide6.QtWidgets import QHeaderView

        header = self.checklist.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.checklist.setColumnWidth(1, 140)
        self.checklist.setWordWrap(True)
        self.attach_for_item = QPushButton(t("Attach for this item…"), self)
        self.attach_for_item.clicked.connect(lambda: self.attach_evidence_for_item())
        check_box = QGroupBox(t("Evidence checklist"), self)
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(self.checklist_title)
        check_layout.addWidget(self.checklist, 1)
        check_layout.addWidget(self.attach_for_item, 0, Qt.AlignmentFlag.AlignLeft)

        left = QVBoxLayout()
        left.addWidget(address_box)
        left.addWidget(label_box)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(check_box, 1)
        self.reload()

    # -- showing -------------------------------------------------------------
    def reload(self) -> None:
        self._loading = True
        where = destination(self.case_id)
        combo = self.address_choice
        combo.clear()
        combo.addItem(t("The supplier's return address"), (AddressChoice.SUPPLIER, None))
        combo.addItem(t("The shop's return address"), (AddressChoice.SHOP, None))
        for entry in list_addresses():
            combo.addItem(t("Saved: {name}", name=entry.name), (AddressChoice.SAVED, entry.id))
        combo.addItem(t("No return: the customer keeps the item"), (AddressChoice.NONE, None))
        for index in range(combo.count()):
            if combo.itemData(index) == (where.choice, where.saved_address_id):
                combo.setCurrentIndex(index)
        lines = where.lines()
        if not where.needs_parcel:
            self.address_text.setText(t("Nothing to send back."))
        elif lines:
            self.address_text.setText("\n".join(lines))
        else:
            self.address_text.setText(
                t("No address known: add one in the supplier or shop details.")
            )
        if where.chosen:
            self.address_why.setText(t("Chosen for this case."))
        else:
            self.address_why.setText(t("Default: {why}.", why=self.why_texts[where.why]))
        self._show_label()
        self._show_checklist()
        self._loading = False

    def _show_label(self) -> None:
        label = current_label(self.case_id, session.current().evidence_dir)
        self.remove_label_button.setEnabled(label is not None)
        if label is None:
            self.label_text.setText(
                t("No label file. Attach the PDF or image the carrier or label service sent.")
            )
            self.label_button.setText(t("Attach label…"))
            return
        first = [label.original_name]
        if label.carrier:
            first.append(label.carrier)
        if label.tracking:
            first.append(t("tracking {number}", number=label.tracking))
        second = []
        if label.cost_minor is not None:
            money = money_text(label.cost_minor, label.currency)
            second.append(t("cost {amount} (in the ledger)", amount=money))
        if label.expires_on is not None:
            second.append(t("valid until {day}", day=date_text(label.expires_on)))
        lines = [" · ".join(first)] + ([" · ".join(second)] if second else [])
        self.label_text.setText("\n".join(lines))
        self.label_button.setText(t("Replace label…"))

    def _show_checklist(self) -> None:
        checklist = case_checklist(self.case_id)
        self.checklist_title.setText(
            t(
                "{platform}: {done} of {total} ticked",
                platform=checklist.platform_name,
                done=checklist.done,
                total=len(checklist.lines),
            )
        )
        self.checklist.clear()
        for line in checklist.lines:
            item = QTreeWidgetItem([line.text, ", ".join(line.evidence)])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(0, Qt.CheckState.Checked if line.done else Qt.CheckState.Unchecked)
            item.setData(0, Qt.ItemDataRole.UserRole, line.text)
            item.setToolTip(0, line.text)
            self.checklist.addTopLevelItem(item)
        if self.checklist.topLevelItemCount():
            self.checklist.setCurrentItem(self.checklist.topLevelItem(0))

    # -- actions -------------------------------------------------------------
    def _address_chosen(self, _index: int) -> None:
        if self._loading:
            return
        choice, saved_id = self.address_choice.currentData()
        try:
            choose(self.case_id, choice, saved_id)
        except InputError as exc:
            show_error(self, t("Address not changed"), exc)
        self.reload()
        self.changed.emit()

    def edit_address_book(self) -> None:
        from returnsdesk.ui.case.address_book import AddressBookDialog

        AddressBookDialog(self).exec()
        self.reload()

    def attach_label(self, path: str = "") -> bool:
        from returnsdesk.ui.case.label_dialog import LabelDialog

        dialog = LabelDialog(self.case_id, session.current().evidence_dir, path, self)
        if not dialog.exec():
            return False
        self.reload()
        self.changed.emit()
        return True

    def remove_label(self) -> None:
        remove_label(self.case_id)
        self.reload()
        self.changed.emit()

    def attach_evidence_for_item(self) -> bool:
        """Ask for files and attach them captioned with the selected checklist item."""
        if self.checklist.currentItem() is None:
            return False
        paths, _ = QFileDialog.getOpenFileNames(self, t("Attach evidence"))
        return self.attach_for_item_files(paths)

    def attach_for_item_files(self, paths: list[str]) -> bool:
        """Attach ``paths`` captioned with the selected checklist item (which ticks it)."""
        item = self.checklist.currentItem()
        if item is None or not paths:
            return False
        try:
            attach_files(
                session.current().evidence_dir,
                self.case_id,
                paths,
                caption=item.data(0, Qt.ItemDataRole.UserRole),
            )
        except InputError as exc:
            show_error(self, t("Evidence not attached"), exc)
            return False
        self.reload()
        self.changed.emit()
        return True
