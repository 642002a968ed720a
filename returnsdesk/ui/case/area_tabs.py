"""The other areas' panels in a case's lower tabs (evidence, supplier messages, money).

Each reads its own data when built, so it is built the first time its tab is shown (or
the workspace asks for it): opening a case costs only what it shows at first. Each
listens to the change bus itself and reloads when a write touches its case.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from returnsdesk import session
from returnsdesk.domain.i18n import t
from returnsdesk.ui.evidence import EvidenceGallery
from returnsdesk.ui.ledger import CaseMoneyPanel
from returnsdesk.ui.suppliers.case_panel import CaseSupplierPanel


class AreaTabs:
    def __init__(
        self,
        tabs: QTabWidget,
        owner: QWidget,
        case_id: int,
        wrap: Callable[[QWidget], QWidget],
    ) -> None:
        self.tabs, self.owner, self.case_id, self.wrap = tabs, owner, case_id, wrap
        self.built: dict[str, QWidget] = {}
        self.positions = {
            "evidence": tabs.addTab(QWidget(owner), t("Evidence")),
            "supplier": tabs.addTab(QWidget(owner), t("Supplier")),
            "money": tabs.addTab(QWidget(owner), t("Money")),
        }
        tabs.currentChanged.connect(self._shown)

    def _shown(self, index: int) -> None:
        for name, position in self.positions.items():
            if position == index:
                self.part(name)

    def _make(self, name: str) -> QWidget:
        case_id, owner = self.case_id, self.owner
        if name == "evidence":
            return EvidenceGallery(session.current(), case_id=case_id, parent=owner)
        if name == "supplier":
            return CaseSupplierPanel(case_id, owner)
        return CaseMoneyPanel(case_id, owner)

    def part(self, name: str) -> QWidget:
        """The panel of that tab, built the first time."""
        part = self.built.get(name)
        if part is not None:
            return part
        part = self.built[name] = self._make(name)
        tabs = self.tabs
        index, current = self.positions[name], tabs.currentIndex()
        title, empty_page = tabs.tabText(index), tabs.widget(index)
        tabs.blockSignals(True)
        tabs.removeTab(index)
        tabs.insertTab(index, self.wrap(part), title)
        tabs.setCurrentIndex(current)
        tabs.blockSignals(False)
        if empty_page is not None:
            empty_page.deleteLater()
        return part
