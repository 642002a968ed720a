"""Risk signal badges: short titles for the inbox column, reasons in words elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from returnsdesk.domain.i18n import current_language
from returnsdesk.domain.risk import Flag, rule_title, rules_of_mask
from returnsdesk.services import risk

_BADGE = (
    "QLabel { background: #fff3e0; color: #8a4b00; border: 1px solid #f0b46a;"
    " border-radius: 8px; padding: 1px 7px; }"
)


def _lang() -> str:
    return current_language()


def risk_titles(mask: int) -> str:
    """The inbox cell: the names of the signals that fire ('' when none)."""
    return ", ".join(rule_title(rule) for rule in rules_of_mask(mask))


def risk_tooltip(case_id: int) -> str:
    return "\n".join(f"• {flag.reason(_lang())}" for flag in risk.flags_of_case(case_id))


class RiskBadges(QWidget):
    """A row of badges, one per signal, and under it each reason in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self._layout = QHBoxLayout()
        self._layout.addStretch(1)
        self.reason_label = QLabel(self)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #8a4b00;")
        outer.addLayout(self._layout)
        outer.addWidget(self.reason_label)
        self.flags: list[Flag] = []

    def set_flags(self, flags: list[Flag]) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.flags = list(flags)
        lang = _lang()
        for position, flag in enumerate(self.flags):
            badge = QLabel(f"⚠ {flag.title(lang)}", self)
            badge.setTextFormat(Qt.TextFormat.PlainText)
            badge.setStyleSheet(_BADGE)
            badge.setToolTip(f"{flag.subject}: {flag.reason(lang)}")
            badge.setObjectName(f"risk-{flag.rule.value}")
            self._layout.insertWidget(position, badge)
        self.reason_label.setText(
            "\n".join(f"{flag.subject}: {flag.reason(lang)}" for flag in self.flags)
        )
        self.setVisible(bool(self.flags))

    def reasons(self) -> list[str]:
        lang = _lang()
        return [flag.reason(lang) for flag in self.flags]
