"""The case workspace: header, verdict, deadlines, actions, editable details, timeline."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
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
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, moment_text, money_text
from returnsdesk.domain.reasons import Fault, Reason, Resolution, fault_label
from returnsdesk.domain.workflow import Status, allowed_targets
from returnsdesk.services import cases
from returnsdesk.services.cases import CaseDetails
from returnsdesk.services.clock import utc_now
from returnsdesk.services.risk import flags_of_case_and_supplier
from returnsdesk.services.satisfaction import answer_of, can_survey
from returnsdesk.services.timeline import order_timeline
from returnsdesk.store.models import Case
from returnsdesk.ui import labels
from returnsdesk.ui.case.order_cases import OrderCasesPanel, PayingTwiceBanner
from returnsdesk.ui.case.return_panel import CaseReturnPanel
from returnsdesk.ui.case.transition_dialog import TransitionDialog
from returnsdesk.ui.documents import open_dispute_pack, open_instructions
from returnsdesk.ui.evidence import EvidenceGallery
from returnsdesk.ui.ledger import CaseMoneyPanel
from returnsdesk.ui.mail_import import MailDropTarget
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.policy.facts_panel import RuleFactsPanel
from returnsdesk.ui.policy.verdict_text import (
    STATE_COLOURS,
    deadline_state,
    line_verdicts,
    rules_language,
    verdict_colour,
)
from returnsdesk.ui.risk.badges import RiskBadges
from returnsdesk.ui.satisfaction.dialog import SurveyAnswerDialog
from returnsdesk.ui.satisfaction.offer import SurveyMenu, SurveyOffer, compose_survey
from returnsdesk.ui.suppliers.case_panel import CaseSupplierPanel


def _plain(text: str = "", parent=None, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class CaseWorkspace(MailDropTarget, QWidget):
    """One case, opened in a tab. ``changed`` fires after anything was saved."""

    changed = Signal(int)

    def __init__(self, case_id: int, parent=None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self._version = 0
        self._loading = False
        self._dirty = False

        # Header
        self.rma_label = _plain("", self, bold=True)
        font = self.rma_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.rma_label.setFont(font)
        self.status_label = _plain("", self, bold=True)
        self.header_labels = {
            key: _plain("", self)
            for key in ("customer", "order", "supplier", "kind", "reason", "money")
        }
        header = QGridLayout()
        header.setHorizontalSpacing(12)
        header.setVerticalSpacing(2)
        header.addWidget(self.rma_label, 0, 0, 1, 2)
        header.addWidget(self.status_label, 0, 2, 1, 4)
        titles = {
            "customer": t("Customer"),
            "order": t("Order"),
            "supplier": t("Supplier"),
            "kind": t("Kind"),
            "reason": t("Reason"),
            "money": t("Money at stake"),
        }
        for i, (key, label) in enumerate(self.header_labels.items()):
            caption = QLabel(titles[key], self)
            caption.setStyleSheet("color: palette(mid);")
            header.addWidget(caption, 1 + i // 3, (i % 3) * 2)
            header.addWidget(label, 1 + i // 3, (i % 3) * 2 + 1)
        for column in (1, 3, 5):
            header.setColumnStretch(column, 1)

        self.risk_badges = RiskBadges(self)

        # Actions
        self.actions_box = QHBoxLayout()
        self.actions_box.addWidget(QLabel(t("Move to:"), self))
        self._action_buttons: list[QPushButton] = []
        self.actions_box.addStretch(1)
        self.print_button = QPushButton(t("Return instructions…"), self)
        self.print_button.clicked.connect(lambda: open_instructions(self, self.case_id))
        self.dispute_button = QPushButton(t("Dispute pack…"), self)
        self.dispute_button.clicked.connect(lambda: open_dispute_pack(self, self.case_id))
        self.actions_box.addWidget(self.print_button)
        self.actions_box.addWidget(self.dispute_button)
        self.survey_button = QPushButton(t("Satisfaction survey…"), self)
        self.survey_button.clicked.connect(self.survey)
        self.actions_box.addWidget(self.survey_button)
        self.survey_offer = SurveyOffer(self)
        self.survey_offer.send.connect(lambda: compose_survey(self, self.case_id))
        self.survey_offer.record.connect(self._record_survey)

        # Verdict and deadlines
        self.verdict_label = _plain("", self, bold=True)
        self.rules_label = _plain("", self)
        self.suggestion_label = _plain("", self)
        verdict_box = QGroupBox(t("Policy verdict"), self)
        verdict_layout = QVBoxLayout(verdict_box)
        verdict_layout.addWidget(self.verdict_label)
        verdict_layout.addWidget(self.rules_label)
        verdict_layout.addWidget(self.suggestion_label)
        self.warnings_label = _plain("", self)
        self.warnings_label.setStyleSheet("color: #ef6c00;")
        self.warnings_label.setObjectName("rule-warnings")
        verdict_layout.addWidget(self.warnings_label)
        verdict_layout.addStretch(1)
        self.deadlines = QTreeWidget(self)
        self.deadlines.setHeaderLabels([t("Deadline"), t("Date"), t("When")])
        self.deadlines.setRootIsDecorated(False)
        self.deadlines.setColumnWidth(0, 170)
        self.deadlines.setColumnWidth(1, 90)
        # The state fills what is left, elided with its whole text in the tooltip.
        self.deadlines.header().setStretchLastSection(False)
        self.deadlines.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.deadlines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        deadlines_box = QGroupBox(t("Deadlines"), self)
        QVBoxLayout(deadlines_box).addWidget(self.deadlines)

        # Details form
        self.reason = self._combo([(labels.reason(r), r.value) for r in Reason])
        self.fault = self._combo([(fault_label(f), f.value) for f in Fault])
        resolutions = [("—", "")] + [(labels.resolution(r), r.value) for r in Resolution]
        self.requested = self._combo(resolutions)
        self.agreed = self._combo(resolutions)
        self.reason_note = self._line()
        self.supplier_reference = self._line()
        self.return_carrier = self._line()
        self.return_tracking = self._line()
        self.return_label_ref = self._line()
        self.chargeback_reference = self._line()
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._mark_dirty)
        details_box = QGroupBox(t("Details"), self)
        form = QFormLayout(details_box)
        form.addRow(t("Reason:"), self.reason)
        form.addRow(t("Reason note:"), self.reason_note)
        form.addRow(t("Fault:"), self.fault)
        form.addRow(t("Requested:"), self.requested)
        form.addRow(t("Agreed:"), self.agreed)
        form.addRow(t("Supplier reference:"), self.supplier_reference)
        form.addRow(t("Return carrier:"), self.return_carrier)
        form.addRow(t("Return tracking:"), self.return_tracking)
        form.addRow(t("Return label ref.:"), self.return_label_ref)
        form.addRow(t("Chargeback ref.:"), self.chargeback_reference)
        form.addRow(t("Notes:"), self.notes)
        self.save_button = QPushButton(t("Save"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(t("Revert"), self)
        self.revert_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        # Timeline
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
        timeline_page = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_page)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addLayout(note_row)
        timeline_layout.addWidget(self.timeline)
        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.addTab(timeline_page, t("Timeline"))
        self.evidence = EvidenceGallery(session.current(), case_id=case_id, parent=self)
        self.evidence.changed.connect(self._part_changed)
        self.lower_tabs.addTab(self._scrolling(self.evidence), t("Evidence"))
        self.supplier_panel = CaseSupplierPanel(case_id, self)
        self.supplier_panel.changed.connect(self._after_supplier_change)
        self.lower_tabs.addTab(self._scrolling(self.supplier_panel), t("Supplier"))
        self.money = CaseMoneyPanel(case_id, self)
        self.money.changed.connect(self._part_changed)
        self.lower_tabs.addTab(self._scrolling(self.money), t("Money"))
        self.return_panel = CaseReturnPanel(case_id, self)
        self.return_panel.changed.connect(self._part_changed)
        self.lower_tabs.addTab(self._scrolling(self.return_panel), t("Return && checklist"))
        self.setAcceptDrops(True)  # saved e-mails (.eml, .msg) dropped here are logged
        self.order_cases = OrderCasesPanel(case_id, self)
        self.order_cases.changed.connect(self._after_supplier_change)
        self.lower_tabs.addTab(self.order_cases, t("Order cases"))
        self.paying_twice = PayingTwiceBanner(case_id, self)
        self.paying_twice.changed.connect(self._after_supplier_change)
        self.rule_facts = RuleFactsPanel(self)
        self.rule_facts.changed.connect(self._part_changed)
        self.lower_tabs.addTab(self._scrolling(self.rule_facts), t("Facts"))

        # At 1280×720 the header, the verdict, the deadlines and the tabs all show at once:
        # verdict, deadlines and details side by side, each scrolling on its own.
        details_scroll = QScrollArea(self)
        details_scroll.setWidgetResizable(True)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details_scroll.setWidget(details_box)
        self.upper = QSplitter(Qt.Orientation.Horizontal, self)
        self.upper.setChildrenCollapsible(False)
        verdict_scroll = self._scrolling(verdict_box)
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
        layout.addLayout(header)
        layout.addWidget(self.risk_badges)
        layout.addWidget(self.survey_offer)
        layout.addLayout(self.actions_box)
        layout.addWidget(self.paying_twice)
        layout.addWidget(self.body, 1)
        self.reload()

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
            if page is part or page.isAncestorOf(part):
                self.lower_tabs.setCurrentIndex(index)
                return

    def _combo(self, items) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._mark_dirty)
        return combo

    def _line(self) -> QLineEdit:
        line = QLineEdit(self)
        line.setMaxLength(300)
        line.textEdited.connect(self._mark_dirty)
        return line

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self._dirty = True
            self.save_button.setEnabled(True)
            self.revert_button.setEnabled(True)

    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def rma(self) -> str:
        return self.rma_label.text()

    # -- loading -------------------------------------------------------------
    def reload(self) -> None:
        """Show the case as stored now (discards unsaved edits)."""
        case = Case.get_or_none(Case.id == self.case_id)
        if case is None:
            self.setEnabled(False)
            return
        self._loading = True
        self._version = case.version
        order, customer = case.order, case.order.customer
        self.rma_label.setText(case.rma)
        self.status_label.setText(labels.status(case.status))
        self.header_labels["customer"].setText(f"{customer.name}  <{customer.email}>")
        self.header_labels["order"].setText(f"{order.number} · {date_text(order.placed_at.date())}")
        self.header_labels["supplier"].setText(case.supplier.name if case.supplier else "—")
        self.header_labels["kind"].setText(labels.kind(case.kind))
        self.header_labels["reason"].setText(labels.reason(case.reason))
        self.header_labels["money"].setText(money_text(case.amount_minor, case.currency))
        self._fill_actions(case)
        self.dispute_button.setVisible(case.kind == "chargeback")
        self.survey_button.setVisible(can_survey(case.status))
        self.survey_offer.setVisible(case.status == Status.RESOLVED and answer_of(case.id) is None)
        self.risk_badges.set_flags(flags_of_case_and_supplier(case.id))
        self._fill_assessment(case)
        self.rule_facts.load(case.id)
        self._fill_details(case)
        self._fill_timeline()
        self.return_panel.reload()
        self.paying_twice.reload()
        self.order_cases.reload()
        self._loading = False
        self._dirty = False
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

    def _fill_actions(self, case: Case) -> None:
        for button in self._action_buttons:
            self.actions_box.removeWidget(button)
            button.deleteLater()
        self._action_buttons = []
        for position, target in enumerate(allowed_targets(case.status)):
            button = QPushButton(labels.status(target), self)
            button.setObjectName(f"move-{target.value}")
            button.clicked.connect(lambda _=False, t=target: self.request_transition(t))
            self.actions_box.insertWidget(1 + position, button)
            self._action_buttons.append(button)

    def _fill_assessment(self, case: Case) -> None:
        now = utc_now()
        lang = rules_language()
        assessment = cases.assess(case, now)
        verdict = assessment.verdict
        self.verdict_label.setText(
            "\n".join([verdict.summary(lang), *line_verdicts(verdict, lang)])
        )
        self.verdict_label.setStyleSheet(f"color: {verdict_colour(verdict)};")
        self.rules_label.setText("\n".join(f"• {rule.text(lang)}" for rule in verdict.rules))
        self.warnings_label.setText("\n".join(f"⚠ {w.text(lang)}" for w in verdict.warnings))
        self.warnings_label.setVisible(bool(verdict.warnings))
        suggestion = verdict.suggestion.text(lang) if verdict.suggestion else ""
        self.suggestion_label.setText(t("Suggestion: {s}", s=suggestion) if suggestion else "")
        self.suggestion_label.setVisible(bool(suggestion))
        self.deadlines.clear()
        from returnsdesk.services.platform_checklist import extra_deadlines

        deadlines = [*assessment.deadlines, *extra_deadlines(case, now)]
        for deadline in sorted(deadlines, key=lambda d: (d.due or date.max, d.code)):
            state = deadline_state(deadline, lang, date_text)
            day = date_text(deadline.due) if deadline.due else "—"
            item = QTreeWidgetItem([deadline.label(lang), day, state])
            item.setToolTip(0, deadline.text(lang))
            item.setToolTip(2, f"{state}\n{deadline.text(lang)}")
            colour = STATE_COLOURS.get(deadline.state)
            if colour:
                item.setForeground(2, QColor(colour))
            self.deadlines.addTopLevelItem(item)

    def _fill_details(self, case: Case) -> None:
        def pick(combo: QComboBox, value: str) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0))

        pick(self.reason, case.reason)
        pick(self.fault, case.fault)
        pick(self.requested, case.requested_resolution)
        pick(self.agreed, case.agreed_resolution)
        self.reason_note.setText(case.reason_note)
        self.supplier_reference.setText(case.supplier_reference)
        self.return_carrier.setText(case.return_carrier)
        self.return_tracking.setText(case.return_tracking)
        self.return_label_ref.setText(case.return_label_ref)
        self.chargeback_reference.setText(case.chargeback_reference)
        self.notes.setPlainText(case.notes)

    def _fill_timeline(self) -> None:
        self.timeline.clear()
        for event in order_timeline(self.case_id):  # every case of the order, merged
            text = event.text if event.own else f"[{event.rma}] {event.text}"
            item = QTreeWidgetItem([moment_text(event.at), event.kind, text])
            item.setToolTip(2, text)
            self.timeline.addTopLevelItem(item)
        # One case's events: sizing the kind column to its words costs nothing.
        self.timeline.resizeColumnToContents(1)

    # -- actions -------------------------------------------------------------
    def details(self) -> CaseDetails:
        case = Case.get_by_id(self.case_id)
        return CaseDetails(
            reason=self.reason.currentData(),
            reason_note=self.reason_note.text(),
            fault=self.fault.currentData(),
            requested_resolution=self.requested.currentData(),
            agreed_resolution=self.agreed.currentData(),
            supplier_reference=self.supplier_reference.text(),
            return_carrier=self.return_carrier.text(),
            return_tracking=self.return_tracking.text(),
            return_label_ref=self.return_label_ref.text(),
            notes=self.notes.toPlainText(),
            chargeback_due_on=case.chargeback_due_on,
            chargeback_reference=self.chargeback_reference.text(),
        )

    def save(self) -> bool:
        """Save edited details; returns False (and says why) when refused."""
        if not self._dirty:
            return True
        try:
            cases.update_details(self.case_id, self.details(), expected_version=self._version)
        except cases.ConflictError as exc:
            show_error(self, t("Not saved"), exc)
            return False
        except ValueError as exc:
            show_error(self, t("Not saved"), exc)
            return False
        self.reload()
        self.changed.emit(self.case_id)
        return True

    def request_transition(self, target) -> bool:
        """A "Move to …" button: unsaved edits are saved, dropped or kept first (asked)."""
        if not self._settle_unsaved(
            t("{rma} has unsaved changes. Save them before moving it to “{status}”?",
              rma=self.rma, status=labels.status(target))
        ):  # fmt: skip
            return False
        dialog = TransitionDialog(
            self.rma, Case.get_by_id(self.case_id).status, target, self.agreed.currentData(), self
        )
        if dialog.exec() != TransitionDialog.DialogCode.Accepted:
            return False
        note, resolution = dialog.values()
        return self.apply_transition(target, note, resolution)

    def apply_transition(self, target, note: str = "", resolution: str = "") -> bool:
        try:
            cases.transition(
                self.case_id,
                target,
                note=note,
                resolution=resolution,
                expected_version=self._version,
            )
        except ValueError as exc:
            show_error(self, t("Status not changed"), exc)
            self.reload()
            return False
        self.reload()
        self.changed.emit(self.case_id)
        return True

    def survey(self) -> None:
        if SurveyMenu(self, self.case_id, self.rma).run():
            self.reload()
            self.changed.emit(self.case_id)

    def _record_survey(self) -> None:
        if SurveyAnswerDialog(self.case_id, self.rma, self).exec():
            self.reload()
            self.changed.emit(self.case_id)

    def add_note(self) -> None:
        text = self.note_input.text()
        if not text.strip():
            return
        try:
            cases.add_note(self.case_id, text)
        except ValueError as exc:
            show_error(self, t("Note not added"), exc)
            return
        self.note_input.clear()
        dirty = self._dirty
        self._fill_timeline()
        self._version = Case.get_by_id(self.case_id).version
        self._dirty = dirty
        self.changed.emit(self.case_id)

    def _after_supplier_change(self) -> None:
        """A message or decision may have moved the case: show it as stored now."""
        if self._dirty:
            self._part_changed()
        else:
            self.reload()
            self.changed.emit(self.case_id)

    def _part_changed(self, _case_id: int = 0) -> None:
        """Evidence, money or messages changed: refresh what depends on them."""
        dirty = self._dirty
        case = Case.get_by_id(self.case_id)
        self._version = case.version
        self._fill_assessment(case)
        self._fill_timeline()
        self.return_panel.reload()
        self.paying_twice.reload()
        self._dirty = dirty
        self.changed.emit(self.case_id)

    # -- saved e-mails dropped on the case -------------------------------------
    def import_mail(self, paths, report: bool = True):
        """Log saved e-mails on this case (off the GUI thread); returns the job."""
        from returnsdesk.ui.mail_import import import_mail_files

        def done(_lines) -> None:
            self.supplier_panel.reload()
            self.evidence.reload()
            self._after_supplier_change()

        return import_mail_files(self, paths, case_id=self.case_id, on_done=done, report=report)

    def confirm_close(self) -> bool:
        """Ask before unsaved edits are lost. True when the workspace may close."""
        return self._settle_unsaved(t("{rma} has unsaved changes. Save them?", rma=self.rma))

    def _settle_unsaved(self, question: str) -> bool:
        """Save, discard or keep unsaved edits (asked); True when the caller may go on."""
        if not self._dirty:
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
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.reload()
            return True
        return False
