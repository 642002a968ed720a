"""The return side of one case: where the parcel goes, the prepaid label, and the evidence
checklist of the supplier's platform."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk import session
from returnsdesk.domain.i18n import current_language, t
from returnsdesk.domain.i18n.formatting import date_text, money_text
from returnsdesk.domain.return_address import AddressChoice, DefaultWhy
from returnsdesk.services.case_view import ReturnSide, return_side
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.evidence import attach_files
from returnsdesk.services.platform_checklist import CaseChecklist
from returnsdesk.services.return_address import choose
from returnsdesk.services.return_labels import LabelView, remove_label
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op
from returnsdesk.ui.widgets.clicks import on_click


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CaseReturnPanel(QWidget):
    """Its saves go through ``write_op``: every screen showing the case hears of them.

    In the case workspace it is filled by the workspace's one read (``autoload=False``);
    on its own it reads its part itself.
    """

    def __init__(self, case_id: int, parent: QWidget | None = None, autoload: bool = True) -> None:
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
        address_box = self._build_address()
        label_box = self._build_label()
        check_box = self._build_checklist()
        left = QVBoxLayout()
        left.addWidget(address_box)
        left.addWidget(label_box)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(check_box, 1)
        if autoload:
            self.reload()

    def _build_address(self) -> QGroupBox:
        """Where the parcel goes back: the choice, the address, and why it is the default."""
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
        return address_box

    def _build_label(self) -> QGroupBox:
        """The prepaid return label and its two buttons."""
        self.label_text = _plain(self)
        self.label_button = QPushButton(t("Attach label…"), self)
        on_click(self.label_button, self.attach_label)
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
        return label_box

    def _build_checklist(self) -> QGroupBox:
        """The evidence the platform asks for, item by item."""
        self.checklist_title = _plain(self)
        self.checklist = QTreeWidget(self)
        self.checklist.setHeaderLabels([t("Evidence the platform asks for"), t("Files")])
        self.checklist.setRootIsDecorated(False)
        header = self.checklist.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.checklist.setColumnWidth(1, 140)
        self.checklist.setWordWrap(True)
        self.attach_for_item = QPushButton(t("Attach for this item…"), self)
        self.attach_for_item.clicked.connect(self.attach_evidence_for_item)
        check_box = QGroupBox(t("Evidence checklist"), self)
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(self.checklist_title)
        check_layout.addWidget(self.checklist, 1)
        check_layout.addWidget(self.attach_for_item, 0, Qt.AlignmentFlag.AlignLeft)
        return check_box

    # -- showing -------------------------------------------------------------
    def reload(self) -> None:
        """Read this part of the case again (off the GUI thread)."""
        case_id, evidence_dir = self.case_id, Path(session.current().evidence_dir)
        lang = current_language()
        read_op(self, lambda: return_side(case_id, evidence_dir, lang), self.show_side)

    def show_side(self, side: ReturnSide) -> None:
        self._loading = True
        where = side.destination
        combo = self.address_choice
        combo.clear()
        combo.addItem(t("The supplier's return address"), (AddressChoice.SUPPLIER, None))
        combo.addItem(t("The shop's return address"), (AddressChoice.SHOP, None))
        for entry in side.addresses:
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
        if where.chosen or where.why is None:
            self.address_why.setText(t("Chosen for this case."))
        else:
            self.address_why.setText(t("Default: {why}.", why=self.why_texts[where.why]))
        self._show_label(side.label)
        self._show_checklist(side.checklist)
        self._loading = False

    def _show_label(self, label: LabelView | None) -> None:
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

    def _show_checklist(self, checklist: CaseChecklist) -> None:
        current = self.checklist.currentItem()
        chosen = current.data(0, Qt.ItemDataRole.UserRole) if current else None
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
            if line.text == chosen:
                self.checklist.setCurrentItem(item)
        first = self.checklist.topLevelItem(0)
        if self.checklist.currentItem() is None and first is not None:
            self.checklist.setCurrentItem(first)

    # -- actions -------------------------------------------------------------
    def _write(self, op: Callable[[], object], refused: str, areas: tuple[Area, ...] = ()) -> None:
        """Run a save of this panel on the writer; the case's screens refresh from the bus."""

        def failed(error: Exception) -> None:
            show_error(self, refused, error)
            self.reload()  # show what is stored, not what was refused

        write_op(
            self, op, changes=Changes.of(Area.CASES, *areas, cases=[self.case_id]), on_error=failed
        )

    def _address_chosen(self, _index: int) -> None:
        if self._loading:
            return
        choice, saved_id = self.address_choice.currentData()
        case_id = self.case_id
        self._write(lambda: choose(case_id, choice, saved_id), t("Address not changed"))

    def edit_address_book(self) -> None:
        from returnsdesk.ui.case.address_book import AddressBookDialog

        AddressBookDialog(self).exec()  # its saves are announced: the case refreshes

    def attach_label(self, path: str = "") -> bool:
        from returnsdesk.ui.case.label_dialog import LabelDialog

        dialog = LabelDialog(self.case_id, session.current().evidence_dir, path, self)
        return bool(dialog.exec())

    def remove_label(self) -> None:
        case_id = self.case_id
        self._write(lambda: remove_label(case_id), t("Label not removed"), (Area.EVIDENCE,))

    def attach_evidence_for_item(self) -> bool:
        """Ask for files and attach them captioned with the selected checklist item."""
        if self.checklist.currentItem() is None:
            return False
        paths, _ = QFileDialog.getOpenFileNames(self, t("Attach evidence"))
        return self.attach_for_item_files(paths)

    def attach_for_item_files(self, paths: list[str]) -> bool:
        """Attach ``paths`` captioned with the selected checklist item (which ticks it);
        False when there is nothing to attach."""
        item = self.checklist.currentItem()
        if item is None or not paths:
            return False
        evidence_dir, case_id = session.current().evidence_dir, self.case_id
        caption = item.data(0, Qt.ItemDataRole.UserRole)
        self._write(
            lambda: attach_files(evidence_dir, case_id, paths, caption=caption),
            t("Evidence not attached"),
            (Area.EVIDENCE,),
        )
        return True
