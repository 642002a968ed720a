"""Preferences → Risk signals: the thresholds behind each signal."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.domain.risk import Thresholds
from returnsdesk.services import risk
from returnsdesk.ui.preferences.dialog import PageWrite, PreferencesPage


class RiskPreferencesPage(PreferencesPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        current = risk.thresholds()
        texts = {
            "repeat_requests": t("Requests from one customer in 12 months:"),
            "past_chargebacks": t("Chargebacks on the customer's other cases:"),
            "first_order_value": t("First order worth at least (order currency):"),
            "slow_reply_days": t("Supplier: median days to a first reply:"),
            "defect_rate_percent": t("Supplier: defect cases per 100 orders:"),
            "reimbursement_rate_percent": t("Supplier: reimbursed claims below (%):"),
            "min_claims": t("Supplier: fewest claims before judging:"),
        }
        limits = {
            "repeat_requests": (2, 100),
            "past_chargebacks": (1, 100),
            "first_order_value": (1, 10_000_000),
            "slow_reply_days": (1, 365),
            "defect_rate_percent": (1, 100),
            "reimbursement_rate_percent": (1, 100),
            "min_claims": (1, 1000),
        }
        form = QFormLayout(self)
        intro = QLabel(
            t(
                "A signal fires when a figure reaches its threshold. Signals are shown with "
                "their reason in the inbox, the case header and the Reports area; they never "
                "block anything."
            ),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.spins: dict[str, QSpinBox] = {}
        for field in fields(Thresholds):
            spin = QSpinBox(self)
            spin.setObjectName(f"risk-{field.name}")
            spin.setRange(*limits[field.name])
            spin.setValue(getattr(current, field.name))
            self.spins[field.name] = spin
            form.addRow(texts[field.name], spin)

    def title(self) -> str:
        return t("Risk signals")

    def values(self) -> Thresholds:
        return Thresholds(**{name: spin.value() for name, spin in self.spins.items()})

    def validate(self) -> None:
        self.values()

    def write(self) -> PageWrite:
        values = self.values()
        return lambda: risk.save_thresholds(values)
