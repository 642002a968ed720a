"""The case workspace: header, verdict, deadlines, actions, editable details, timeline.

It shows at once and fills from one read off the GUI thread (``services.case_view.
case_screen`` through ``ui.operations.read_op``). Every save goes through ``write_op``;
the workspace refreshes itself when ``change_bus()`` says its case changed, whoever
changed it (this screen, another tab, a dialog, an import).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk import session
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import current_language, t
from returnsdesk.domain.i18n.formatting import moment_text
from returnsdesk.domain.workflow import Status, allowed_targets
from returnsdesk.services import cases
from returnsdesk.services.case_view import CaseScreen, CaseView, case_screen
from returnsdesk.services.cases import CaseDetails
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.risk import flags_of_case_and_supplier
from returnsdesk.services.satisfaction import can_survey
from returnsdesk.services.timeline import OrderEvent
from returnsdesk.ui import labels
from returnsdesk.ui.case.area_tabs import AreaTabs
from returnsdesk.ui.case.case_parts import CaseHeader, DeadlinesTree, DetailsForm, VerdictBox
from returnsdesk.ui.case.order_cases import OrderCasesPanel, PayingTwiceBanner
from returnsdesk.ui.case.return_panel import CaseReturnPanel
from returnsdesk.ui.case.transition_dialog import TransitionDialog
from returnsdesk.ui.documents import open_dispute_pack, open_instructions
from returnsdesk.ui.evidence import EvidenceGallery
from returnsdesk.ui.ledger import CaseMoneyPanel
from returnsdesk.ui.mail_import import MailDropTarget
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import announce, change_bus, read_op, write_op
from returnsdesk.ui.policy.facts_panel import RuleFactsPanel
from returnsdesk.ui.risk.badges import RiskBadges
from returnsdesk.ui.satisfaction.dialog import SurveyAnswerDialog
from returnsdesk.ui.satisfaction.offer import SurveyMenu, SurveyOffer, compose_survey
from returnsdesk.ui.suppliers.case_panel import CaseSupplierPanel
from returnsdesk.ui.widgets.clicks import on_click


class CaseWorkspace(MailDropTarget, QWidget):
    """One case, opened in a tab. ``loaded`` fires each time it shows the stored case."""

    loaded = Signal()

    def __init__(self, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.shown: CaseScreen | None = None
        self._version = 0
        self._dirty = False
        self._build_header()
        self._build_actions()
        self._build_details()
        self._build_timeline()
        self._build_lower_tabs()
        self._build_layout()
        change_bus().changed.connect(self._on_changes)
        self.reload()

    # -- building ------------------------------------------------------------
    def _build_header(self) -> None:
        self.header = CaseHeader(self)
        self.rma_label = self.header.rma_label
        self.status_label = self.header.status_label
        self.header_labels = self.header.values
        self.risk_badges = RiskBadges(self)
        self.verdict_box = VerdictBox(self)
        self.verdict_label = self.verdict_box.verdict_label
        self.rules_label = self.verdict_box.rules_label
        self.suggestion_label = self.verdict_box.suggestion_label
        self.warnings_label = self.verdict_box.warnings_label
        self.deadlines = DeadlinesTree(self)

    def _build_actions(self) -> None:
        self.actions_box = QHBoxLayout()
        self.actions_box.addWidget(QLabel(t("Move to:"), self))
        self._action_buttons: list[QPushButton] = []
        self.actions_box.addStretch(1)
        self.print_button = QPushButton(t("Return instructions…"), self)
        self.print_button.clicked.connect(lambda: open_instructions(self, self.case_id))
        self.dispute_button = QPushButton(t("Dispute pack…"), self)
        self.dispute_button.clicked.connect(lambda: open_dispute_pack(self, self.case_id))
        self.survey_button = QPushButton(t("Satisfaction survey…"), self)
        self.survey_button.clicked.connect(self.survey)
        for button in (self.print_button, self.dispute_button, self.survey_button):
            self.actions_box.addWidget(button)
        self.survey_offer = SurveyOffer(self)
        self.survey_offer.send.connect(lambda: compose_survey(self, self.case_id))
        self.survey_offer.record.connect(self._record_survey)

    def _build_details(self) -> None:
        form = self.details_box = DetailsForm(self)
        form.edited.connect(self._mark_dirty)
        self.reason, self.fault = form.reason, form.fault
        self.requested, self.agreed = form.requested, form.agreed
        self.reason_note, self.notes = form.reason_note, form.notes
        self.supplier_reference = form.supplier_reference
        self.return_carrier, self.return_tracking = form.return_carrier, form.return_tracking
        self.return_label_ref = form.return_label_ref
        self.chargeback_reference = form.chargeback_reference
        self.save_button, self.revert_button = form.save_button, form.revert_button
        on_click(self.save_button, self.save)
        self.revert_button.clicked.connect(self.reload)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)  # activated() carries nothing

    def _build_timeline(self) -> None:
        self.timeline = QTreeWidget(self)
        self.timeline.setHeaderLabels([t("When"), t("What"), t("Details")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setWordWrap(True)
        self.timeline.setColumnWidth(0, 170)
        self.timeline.setColumnWidth(1, 90)
        self.note_input = QLineEdit(self)
        self.note_input.setPlaceholderText(t("Add a note to the timeline…"))
        self.note_input.setMaxLength(20_000)
        self.note_input.returnPressed.connect(self.add_note)
        add_note = QPushButton(t("Add note"), self)
        add_note.clicked.connect(self.add_note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_input, 1)
        note_row.addWidget(add_note)
        self.timeline_page = QWidget(self)
        timeline_layout = QVBoxLayout(self.timeline_page)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addLayout(note_row)
        timeline_layout.addWidget(self.timeline)

    def _build_lower_tabs(self) -> None:
        case_id = self.case_id
        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.addTab(self.timeline_page, t("Timeline"))
        self.area_tabs = AreaTabs(self.lower_tabs, self, case_id, self._scrolling)
        self.return_panel = CaseReturnPanel(case_id, self, autoload=False)
        self.lower_tabs.addTab(self._scrolling(self.return_panel), t("Return && checklist"))
        self.setAcceptDrops(True)  # saved e-mails (.eml, .msg) dropped here are logged
        self.order_cases = OrderCasesPanel(case_id, self, autoload=False)
        self.lower_tabs.addTab(self.order_cases, t("Order cases"))
        self.paying_twice = PayingTwiceBanner(case_id, self, autoload=False)
        self.rule_facts = RuleFactsPanel(self)
        self.lower_tabs.addTab(self._scrolling(self.rule_facts), t("Facts"))

    @property
    def evidence(self) -> EvidenceGallery:
        part = self.area_tabs.part("evidence")
        assert isinstance(part, EvidenceGallery)
        return part

    @property
    def supplier_panel(self) -> CaseSupplierPanel:
        part = self.area_tabs.part("supplier")
        assert isinstance(part, CaseSupplierPanel)
        return part

    @property
    def money(self) -> CaseMoneyPanel:
        part = self.area_tabs.part("money")
        assert isinstance(part, CaseMoneyPanel)
        return part

    def _build_layout(self) -> None:
        # At 1280×720 the header, the verdict, the deadlines and the tabs all show at once:
        # verdict, deadlines and details side by side, each scrolling on its own.
        details_scroll = QScrollArea(self)
        details_scroll.setWidgetResizable(True)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details_scroll.setWidget(self.details_box)
        deadlines_box = QGroupBox(t("Deadlines"), self)
        QVBoxLayout(deadlines_box).addWidget(self.deadlines)
        self.upper = QSplitter(Qt.Orientation.Horizontal, self)
        self.upper.setChildrenCollapsible(False)
        verdict_scroll = self._scrolling(self.verdict_box)
        verdict_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A scroll bar that comes and goes would change the wrap width under the text.
        verdict_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.upper.addWidget(verdict_scroll)
        self.upper.addWidget(deadlines_box)
        self.upper.addWidget(details_scroll)
        self.upper.setSizes([360, 430, 400])
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.upper)
        self.body.addWidget(self.lower_tabs)
        # Even halves: at 1280×720 the upper half still shows the verdict and five deadlines,
        # and the lower one a whole posting form.
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([320, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.risk_badges)
        layout.addWidget(self.survey_offer)
        layout.addLayout(self.actions_box)
        layout.addWidget(self.paying_twice)
        layout.addWidget(self.body, 1)

    # -- helpers -------------------------------------------------------------
    def _scrolling(self, widget: QWidget) -> QScrollArea:
        """Wrap a tall part so it scrolls instead of forcing the window taller."""
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(widget)
        return area

    def show_part(self, part: QWidget) -> None:
        """Bring forward the lower tab that holds ``part`` (the money panel, the facts…)."""
        for index in range(self.lower_tabs.count()):
            page = self.lower_tabs.widget(index)
            if page is not None and (page is part or page.isAncestorOf(part)):
                self.lower_tabs.setCurrentIndex(index)
                return

    def _mark_dirty(self, *_args: object) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def rma(self) -> str:
        return self.rma_label.text()

    # -- loading -------------------------------------------------------------
    def reload(self) -> None:
        """Show the case as stored now (discards unsaved edits)."""
        self._set_dirty(False)
        self.refresh()

    def refresh(self, adopt_version: bool = True) -> None:
        """Read the case again off the GUI thread; unsaved edits of the details are kept.
        With unsaved edits, the version they build on is kept unless ``adopt_version`` (a
        change made from this workspace), so another window's save is never overwritten."""
        case_id, evidence_dir = self.case_id, Path(session.current().evidence_dir)
        lang = current_language()
        read_op(
            self,
            lambda: case_screen(case_id, evidence_dir, lang=lang),
            lambda screen: self._show(screen, adopt_version),
            on_error=self._gone,
        )
        read_op(self, lambda: flags_of_case_and_supplier(case_id), self.risk_badges.set_flags)

    def _gone(self, error: Exception) -> None:
        if isinstance(error, InputError):  # the case was deleted (a restore, an anonymisation)
            self.setEnabled(False)
        else:
            show_error(self, t("Could not complete this"), error)

    def _on_changes(self, changes: Changes, source: object) -> None:
        if not changes.touches_case(self.case_id):
            return
        # Its lower tabs' panels listen to the bus themselves.
        self.refresh(adopt_version=self._is_own(source))

    def _is_own(self, source: object) -> bool:
        """Whether a change came from this workspace, one of its parts or their dialogs."""
        while isinstance(source, QObject):
            if source is self:
                return True
            source = source.parent()
        return False

    def _show(self, screen: CaseScreen, adopt_version: bool = True) -> None:
        self.shown = screen
        case = screen.case
        if adopt_version or not self._dirty:
            self._version = case.version
        self.header.show_case(case)
        self._fill_actions(case)
        self.dispute_button.setVisible(case.kind == "chargeback")
        self.survey_button.setVisible(can_survey(case.status))
        self.survey_offer.setVisible(screen.survey_pending)
        self.verdict_box.show_verdict(screen.assessment.verdict)
        self.deadlines.show_deadlines(screen.deadlines)
        self.rule_facts.show_facts(screen.facts)
        if not self._dirty:
            self.details_box.fill(case)
        self._fill_timeline(screen.timeline)
        self.return_panel.show_side(screen.returns)
        self.paying_twice.show_given(case, screen.order_cases.given_back)
        self.order_cases.show_cases(case, screen.order_cases)
        self._set_dirty(self._dirty)
        self.setEnabled(True)
        self.loaded.emit()

    def _fill_actions(self, case: CaseView) -> None:
        for button in self._action_buttons:
            self.actions_box.removeWidget(button)
            button.deleteLater()
        self._action_buttons = []
        for position, target in enumerate(allowed_targets(Status(case.status))):
            button = QPushButton(labels.status(target), self)
            button.setObjectName(f"move-{target.value}")
            button.clicked.connect(lambda _=False, s=target: self.request_transition(s))
            self.actions_box.insertWidget(1 + position, button)
            self._action_buttons.append(button)

    def _fill_timeline(self, events: Sequence[OrderEvent]) -> None:
        self.timeline.clear()
        for event in events:  # every case of the order, merged
            text = event.text if event.own else f"[{event.rma}] {event.text}"
            item = QTreeWidgetItem([moment_text(event.at), event.kind, text])
            item.setToolTip(2, text)
            self.timeline.addTopLevelItem(item)
        # One case's events: sizing the kind column to its words costs nothing.
        self.timeline.resizeColumnToContents(1)

    # -- actions -------------------------------------------------------------
    def _changes(self) -> Changes:
        return Changes.of(Area.CASES, cases=[self.case_id])

    def details(self) -> CaseDetails:
        due = self.shown.case.chargeback_due_on if self.shown else None
        return self.details_box.details(due)

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save edited details on the writer, then run ``then``. False (and why) when the
        edits are refused at once; a refusal by the store is shown when it comes back."""
        if not self._dirty:
            if then is not None:
                then()
            return True
        try:
            details = cases.validate_details(self.details())
        except InputError as exc:
            show_error(self, t("Not saved"), exc)
            return False
        case_id, version = self.case_id, self._version

        def saved(new_version: int) -> None:
            self._version = new_version  # what comes next (a status change) builds on it
            self._set_dirty(False)
            if then is not None:
                then()

        write_op(
            self,
            lambda: cases.update_details(case_id, details, expected_version=version).version,
            changes=self._changes(),
            on_done=saved,
            on_error=lambda exc: show_error(self, t("Not saved"), exc),
        )
        return True

    def request_transition(self, target: Status) -> None:
        """A "Move to …" button: unsaved edits are saved, dropped or kept first (asked)."""
        self._settle_unsaved(
            t("{rma} has unsaved changes. Save them before moving it to “{status}”?",
              rma=self.rma, status=labels.status(target)),
            lambda: self._ask_transition(target),
        )  # fmt: skip

    def _ask_transition(self, target: Status) -> None:
        status = self.shown.case.status if self.shown else Status.NEW
        dialog = TransitionDialog(self.rma, status, target, self.agreed.currentData(), self)
        if dialog.exec() != TransitionDialog.DialogCode.Accepted:
            return
        note, resolution = dialog.values()
        self.apply_transition(target, note, resolution)

    def apply_transition(self, target: Status, note: str = "", resolution: str = "") -> None:
        case_id, version = self.case_id, self._version
        write_op(
            self,
            lambda: cases.transition(
                case_id, target, note=note, resolution=resolution, expected_version=version
            ),
            changes=self._changes(),
            on_error=self._transition_refused,
        )

    def _transition_refused(self, error: Exception) -> None:
        show_error(self, t("Status not changed"), error)
        self.refresh()

    def survey(self) -> None:
        """Send the survey or record the answer (its save is announced on the bus)."""
        SurveyMenu(self, self.case_id, self.rma).run()

    def _record_survey(self) -> None:
        SurveyAnswerDialog(self.case_id, self.rma, self).exec()

    def add_note(self) -> None:
        text = self.note_input.text()
        if not text.strip():
            return
        case_id = self.case_id
        write_op(
            self,
            lambda: cases.add_note(case_id, text),
            changes=self._changes(),
            on_done=lambda _case: self.note_input.clear(),
            on_error=lambda exc: show_error(self, t("Note not added"), exc),
        )

    # -- saved e-mails dropped on the case -------------------------------------
    def import_mail(self, paths: list[Path], report: bool = True) -> object:
        """Log saved e-mails on this case (off the GUI thread); returns the job."""
        from returnsdesk.ui.mail_import import import_mail_files

        def done(_lines: object) -> None:
            announce(Changes.of(Area.CONTACTS, Area.EVIDENCE, cases=[self.case_id]), self)

        return import_mail_files(self, paths, case_id=self.case_id, on_done=done, report=report)

    def confirm_close(self, then: Callable[[], None]) -> bool:
        """Ask before unsaved edits are lost; ``then`` runs when the workspace may close
        (after the save went through, when the user chose to save). False when the user
        cancelled or the edits were refused at once."""
        return self._settle_unsaved(t("{rma} has unsaved changes. Save them?", rma=self.rma), then)

    def _settle_unsaved(self, question: str, then: Callable[[], None]) -> bool:
        """Save, discard or keep unsaved edits (asked); ``then`` runs unless cancelled."""
        if not self._dirty:
            then()
            return True
        answer = QMessageBox.question(
            self,
            t("Unsaved changes"),
            question,
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(then)
        if answer == QMessageBox.StandardButton.Discard:
            self.reload()
            then()
            return True
        return False
