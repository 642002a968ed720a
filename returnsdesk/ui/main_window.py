"""The main window: navigation, menus, toolbar, status bar. Wiring only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import number_text
from returnsdesk.domain.workflow import Status
from returnsdesk.formats.cases_csv import write_cases_csv
from returnsdesk.services import cases
from returnsdesk.services.inbox import View, fetch_rows
from returnsdesk.session import Session
from returnsdesk.store.models import Case
from returnsdesk.ui import labels
from returnsdesk.ui.backup.window import Safekeeping
from returnsdesk.ui.case.new_case_dialog import NewCaseDialog
from returnsdesk.ui.case.transition_dialog import TransitionDialog
from returnsdesk.ui.case.workspace import CaseWorkspace
from returnsdesk.ui.documents import (
    ask_period_and_open_summary,
    edit_shop_details,
    open_dispute_pack,
    open_instructions,
)
from returnsdesk.ui.evidence import EvidenceGallery
from returnsdesk.ui.imports.dialog import ImportOrdersDialog
from returnsdesk.ui.inbox.columns import restore_columns
from returnsdesk.ui.inbox.widget import VIEW_TITLES, InboxWidget
from returnsdesk.ui.language import follow_language_choice
from returnsdesk.ui.ledger import LedgerView
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.preferences.pages import open_preferences
from returnsdesk.ui.suppliers.view import SuppliersView
from returnsdesk.ui.templates.editor_dialog import TemplateEditorDialog


class MainWindow(QMainWindow):
    def __init__(self, session: Session, demo: bool = False) -> None:
        super().__init__()
        self.session = session
        self.suppliers: SuppliersView | None = None
        self.evidence: EvidenceGallery | None = None
        self.ledger: LedgerView | None = None
        self.close_agreed = False
        self.setWindowTitle(t("ReturnsDesk — demo store") if demo else t("ReturnsDesk"))

        self.inbox = InboxWidget(self)
        self.case_tabs = QTabWidget(self)
        self.case_tabs.setDocumentMode(True)
        self.case_tabs.setTabsClosable(True)
        self.case_tabs.addTab(self.inbox, t("Inbox"))
        self.case_tabs.tabBar().setTabButton(
            0, self.case_tabs.tabBar().ButtonPosition.RightSide, None
        )
        self.case_tabs.tabCloseRequested.connect(self.close_tab)

        self.pages = QStackedWidget(self)
        self.nav = QListWidget(self)
        self.nav.setMaximumWidth(240)
        self._factories: dict[int, Callable[[], QWidget]] = {}
        self.add_area(t("Inbox"), lambda: self.case_tabs)
        self.add_area(t("Suppliers"), self._make_suppliers)
        self.add_area(t("Evidence"), self._make_evidence)
        self.add_area(t("Ledger"), self._make_ledger)
        self.add_area(t("Reports"), self._make_reports)
        self.nav.currentRowChanged.connect(self.show_area)
        self.nav.setCurrentRow(0)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("main-splitter")
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([max(150, self.nav.sizeHintForColumn(0) + 16), 1100])
        self.splitter = splitter
        self.setCentralWidget(splitter)

        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.inbox.counts_changed.connect(self._show_counts)
        self.inbox.work_counts_changed.connect(self._show_work_counts)
        self.inbox.open_case.connect(self.open_case)
        self._show_counts(self.inbox.counts)
        self.safekeeping = Safekeeping(self, session.data_dir)
        self._build_actions()
        self.resize(1320, 820)
        self._restore_layout()

    # -- areas ---------------------------------------------------------------
    def add_area(self, title: str, factory: Callable[[], QWidget]) -> None:
        """Add a page to the left navigation; it is built the first time it is shown,
        so start-up costs only the Inbox."""
        self._factories[self.pages.count()] = factory
        self.pages.addWidget(QWidget(self))
        self.nav.addItem(title)
        self.nav.item(self.nav.count() - 1).setData(Qt.ItemDataRole.UserRole, title)

    def show_area(self, index: int) -> None:
        factory = self._factories.pop(index, None)
        if factory is not None:
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, factory())
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        self.pages.setCurrentIndex(index)

    def area(self, title: str) -> QWidget:
        """The page of an area, building it if needed (for menus and tests)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == title:
                self.nav.setCurrentRow(row)
                return self.pages.widget(row)
        raise KeyError(title)

    def _make_suppliers(self) -> SuppliersView:
        self.suppliers = SuppliersView(self)
        self.suppliers.changed.connect(lambda _id: self.refresh())
        return self.suppliers

    def _make_evidence(self) -> EvidenceGallery:
        self.evidence = EvidenceGallery(self.session, parent=self)
        self.evidence.changed.connect(self._case_changed)
        return self.evidence

    def _make_ledger(self) -> LedgerView:
        self.ledger = LedgerView(self)
        self.ledger.entry_reversed.connect(self._case_changed)
        return self.ledger

    def _make_reports(self) -> QWidget:
        from returnsdesk.ui.reports import ReportsArea

        self.reports = ReportsArea(self)
        self.reports.open_cases.connect(self.show_cases)
        return self.reports

    def show_cases(self, filters, description: str) -> None:
        """Show an explicit set of cases in the inbox (a Reports drill-down)."""
        self.show_view(View.ALL)
        self.inbox.show_cases(filters, description)

    # -- menus ---------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(t("&File"))
        self.new_case_action = self._action(
            t("&New case…"), self.new_case, QKeySequence.StandardKey.New, file_menu
        )
        self._action(t("&Import orders…"), self.import_orders, "Ctrl+I", file_menu)
        self._action(t("Import e-&mail…"), self.import_mail, None, file_menu)
        self._action(t("&Export selected cases…"), self.export_selection, "Ctrl+E", file_menu)
        file_menu.addSeparator()
        self._action(t("&Shop details…"), lambda: edit_shop_details(self), None, file_menu)
        self._action(
            t("Message &templates…"),
            lambda: TemplateEditorDialog(self).exec(),
            None,
            file_menu,
        )
        file_menu.addSeparator()
        self._action(t("&Back up now…"), self.safekeeping.back_up_now, None, file_menu)
        self._action(t("&Restore…"), self.safekeeping.restore, None, file_menu)
        file_menu.addSeparator()
        self._action(t("&Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu)

        edit_menu = bar.addMenu(t("&Edit"))
        self._action(t("&Find…"), self.find, QKeySequence.StandardKey.Find, edit_menu)
        edit_menu.addSeparator()
        self._action(
            t("&Preferences…"),
            self.edit_preferences,
            QKeySequence.StandardKey.Preferences,
            edit_menu,
        )

        view_menu = bar.addMenu(t("&View"))
        for number, view in enumerate(View, start=1):
            self._action(
                t(VIEW_TITLES[view]),
                lambda _=False, v=view: self.show_view(v),
                f"Ctrl+{number}",
                view_menu,
            )
        view_menu.addSeparator()
        self._action(t("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh, view_menu)

        case_menu = bar.addMenu(t("&Case"))
        self._action(t("&Open"), self.open_current, "Ctrl+O", case_menu)
        self._action(t("&Next case"), lambda: self.step_case(1), "Alt+Down", case_menu)
        self._action(t("&Previous case"), lambda: self.step_case(-1), "Alt+Up", case_menu)
        self._action(t("&Change status…"), self.change_status, "Ctrl+T", case_menu)
        self._action(t("&Close tab"), self.close_current_tab, "Ctrl+W", case_menu)

        case_menu.addSeparator()
        self._action(t("Print return &instructions…"), self.print_instructions, "Ctrl+P", case_menu)
        self._action(t("&Dispute evidence pack…"), self.print_dispute_pack, None, case_menu)
        self._action(
            t("Customer's personal &data…"),
            lambda: self.safekeeping.personal_data(self._one_target()),
            None,
            case_menu,
        )
        case_menu.addSeparator()
        self._action(t("Can they &return it?…"), self.open_calculator, None, case_menu)

        reports_menu = bar.addMenu(t("&Reports"))
        self._action(
            t("Returns &summary…"),
            lambda: ask_period_and_open_summary(self),
            None,
            reports_menu,
        )

        help_menu = bar.addMenu(t("&Help"))
        self._action(t("&Check the store…"), self.safekeeping.check, None, help_menu)
        self._action(t("&About ReturnsDesk"), self.about, None, help_menu)

        toolbar = self.addToolBar(t("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_case_action)
        for action in self.actions():
            if action.text() in (t("&Change status…"), t("&Refresh")):
                toolbar.addAction(action)

    def edit_preferences(self) -> None:
        if open_preferences(self):
            self.refresh()
            follow_language_choice(self)

    # -- counts --------------------------------------------------------------
    def _show_counts(self, counts: dict) -> None:
        if not counts:
            return
        self.counts_label.setText(
            t(
                "Needs action: {a}   Overdue: {o}   Due this week: {w}   Open chargebacks: {c}",
                a=number_text(counts[View.NEEDS_ACTION]),
                o=number_text(counts[View.OVERDUE]),
                w=number_text(counts[View.DUE_THIS_WEEK]),
                c=number_text(counts[View.CHARGEBACKS]),
            )
        )

    def _show_work_counts(self, work) -> None:
        """What needs action beside Inbox, the overdue supplier replies beside Suppliers."""
        self.nav.item(0).setText(t("Inbox ({count})", count=number_text(work.needs_action)))
        suppliers = t("Suppliers")
        if work.overdue_replies:
            suppliers = tn(
                "Suppliers\n{count} reply overdue",
                "Suppliers\n{count} replies overdue",
                work.overdue_replies,
                count=number_text(work.overdue_replies),
            )
        self.nav.item(1).setText(suppliers)
        wide = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 6
        self.nav.setMinimumWidth(min(wide, self.nav.maximumWidth()))

    # -- commands ------------------------------------------------------------
    def show_view(self, view: View) -> None:
        self.nav.setCurrentRow(0)
        self.case_tabs.setCurrentIndex(0)
        self.inbox.set_view(view)

    def find(self) -> None:
        self.nav.setCurrentRow(0)
        self.case_tabs.setCurrentIndex(0)
        self.inbox.focus_search()

    def refresh(self) -> None:
        self.inbox.reload_choices()
        self.inbox.refresh()

    def new_case(self) -> None:
        dialog = NewCaseDialog(self)
        if dialog.exec() and dialog.created_case_id is not None:
            self.inbox.reload_choices()
            self.inbox.refresh()
            self.open_case(dialog.created_case_id)

    def open_current(self) -> None:
        case_id = self.inbox.current_case_id()
        if case_id is not None:
            self.open_case(case_id)

    def workspace_for(self, case_id: int) -> CaseWorkspace | None:
        for index in range(1, self.case_tabs.count()):
            widget = self.case_tabs.widget(index)
            if isinstance(widget, CaseWorkspace) and widget.case_id == case_id:
                return widget
        return None

    def open_case(self, case_id: int) -> CaseWorkspace:
        self.nav.setCurrentRow(0)
        workspace = self.workspace_for(case_id)
        if workspace is None:
            workspace = CaseWorkspace(case_id, self)
            workspace.changed.connect(self._case_changed)
            self.case_tabs.addTab(workspace, workspace.rma)
        self.case_tabs.setCurrentWidget(workspace)
        return workspace

    def _case_changed(self, case_id: int) -> None:
        self.inbox.refresh()
        for built in (self.ledger, self.suppliers):
            if built is not None:
                built.reload()
        workspace = self.workspace_for(case_id)
        if workspace is not None and self.sender() is not workspace:
            workspace.money.reload()
            workspace.evidence.reload()
            workspace._part_changed()

    def step_case(self, step: int) -> None:
        """Next/previous case of the inbox; follows into the open case tab if one is shown."""
        showing_case = self.case_tabs.currentIndex() > 0
        case_id = self.inbox.move_selection(step)
        if case_id is not None and showing_case:
            self.open_case(case_id)

    def close_tab(self, index: int) -> bool:
        if index <= 0:
            return False
        widget = self.case_tabs.widget(index)
        if isinstance(widget, CaseWorkspace) and not widget.confirm_close():
            return False
        self.case_tabs.removeTab(index)
        widget.deleteLater()
        return True

    def close_current_tab(self) -> None:
        self.close_tab(self.case_tabs.currentIndex())

    def _target_case_ids(self) -> list[int]:
        current = self.case_tabs.currentWidget()
        if isinstance(current, CaseWorkspace):
            return [current.case_id]
        return self.inbox.selected_case_ids()

    def change_status(self) -> None:
        """Change the status of the open case, or of every selected case where allowed."""
        ids = self._target_case_ids()
        if not ids:
            return
        current = self.case_tabs.currentWidget()
        if isinstance(current, CaseWorkspace):
            targets = [b.objectName().removeprefix("move-") for b in current._action_buttons]
            names = [labels.status(t) for t in targets]
            choice, ok = QInputDialog.getItem(
                self, t("Change status"), current.rma, names, 0, False
            )
            if ok:
                current.request_transition(Status(targets[names.index(choice)]))
            return
        self.bulk_change_status(ids)

    def bulk_change_status(self, ids: list[int]) -> None:
        names = [labels.status(s) for s in Status]
        choice, ok = QInputDialog.getItem(
            self,
            t("Change status"),
            tn("New status for the selected case:", "New status for {n} selected cases:", len(ids)),
            names,
            0,
            False,
        )
        if not ok:
            return
        target = list(Status)[names.index(choice)]
        dialog = TransitionDialog(tn("{n} case", "{n} cases", len(ids)), "new", target, "", self)
        if not dialog.exec():
            return
        note, resolution = dialog.values()
        moved, refused = 0, []
        for case_id in ids:
            try:
                cases.transition(case_id, target, note=note, resolution=resolution)
                moved += 1
            except ValueError as exc:
                refused.append(f"{Case.get_by_id(case_id).rma}: {exc}")
        self.inbox.refresh()
        for index in range(1, self.case_tabs.count()):
            self.case_tabs.widget(index).reload()
        message = tn(
            "{n} case moved to {status}.", "{n} cases moved to {status}.", moved, status=choice
        )
        if refused:
            message += "\n\n" + t("Not moved:") + "\n" + "\n".join(refused[:20])
            if len(refused) > 20:
                message += "\n" + t("… and {n} more.", n=len(refused) - 20)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            t("Change status"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def import_orders(self) -> None:
        if ImportOrdersDialog.run(self) is not None:
            self.refresh()

    def import_mail(self, paths=None):
        """Log saved e-mails; each finds its case and supplier itself (see mail_import)."""
        from returnsdesk.ui.mail_import import choose_mail_files, import_mail_files

        paths = paths if paths is not None else choose_mail_files(self)
        if not paths:
            return None
        return import_mail_files(self, paths, on_done=lambda _lines: self.refresh())

    def _one_case_id(self) -> int | None:
        ids = self._target_case_ids()
        if len(ids) != 1:
            QMessageBox.information(
                self, t("Print", context="verb"), t("Open or select one case first.")
            )
            return None
        return ids[0]

    def _one_target(self) -> int | None:
        ids = self._target_case_ids()
        return ids[0] if len(ids) == 1 else None

    def print_instructions(self) -> None:
        case_id = self._one_case_id()
        if case_id is not None:
            open_instructions(self, case_id)

    def print_dispute_pack(self) -> None:
        case_id = self._one_case_id()
        if case_id is not None:
            open_dispute_pack(self, case_id)

    def open_calculator(self) -> None:
        from returnsdesk.ui.policy.calculator import ReturnCalculator

        ReturnCalculator(self).exec()

    def export_selection(self) -> None:
        ids = self.inbox.selected_case_ids()
        if not ids:
            QMessageBox.information(
                self, t("Export", context="verb"), t("Select cases in the inbox first.")
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            self, t("Export selected cases"), "cases.csv", t("CSV files (*.csv)")
        )
        if not path:
            return
        rows = fetch_rows(ids)
        try:
            count = write_cases_csv([rows[i] for i in ids if i in rows], path)
        except OSError as exc:
            show_error(self, t("Export failed"), exc)
            return
        self.statusBar().showMessage(
            tn("Exported {n} case to {path}", "Exported {n} cases to {path}", count, path=path),
            5000,
        )

    def about(self) -> None:
        self.about_box().exec()

    def about_box(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            t("About ReturnsDesk"),
            t(
                "ReturnsDesk 0.1\n\nReturns, refunds, supplier claims and chargebacks for "
                "dropshippers — offline, in one local file.\n\nData folder: {folder}",
                folder=self.session.data_dir,
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    # -- layout persistence --------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = settings.value("inbox/header")
        if header is not None:
            restore_columns(self.inbox.table, header)

    def agree_to_close(self) -> bool:
        """Ask each open case with unsaved edits (save, discard or cancel); True when every
        one agreed, after which closing asks no more."""
        for index in range(self.case_tabs.count() - 1, 0, -1):
            widget = self.case_tabs.widget(index)
            if isinstance(widget, CaseWorkspace) and not widget.confirm_close():
                return False
        self.close_agreed = True
        return True

    def open_case_ids(self) -> list[int]:
        return [
            widget.case_id
            for index in range(1, self.case_tabs.count())
            if isinstance(widget := self.case_tabs.widget(index), CaseWorkspace)
        ]

    def closeEvent(self, event) -> None:
        if not self.close_agreed and not self.agree_to_close():
            event.ignore()
            return
        self.save_layout()
        self.safekeeping.on_quit()
        super().closeEvent(event)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("inbox/header", self.inbox.table.horizontalHeader().saveState())
