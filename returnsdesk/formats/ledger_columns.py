"""The accounting export's words: sheet names, column titles and labels, in a language."""

from __future__ import annotations

from collections.abc import Callable

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.ledger import Direction

#: First characters that make a spreadsheet treat text as a formula (or worse).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CATALOGUE = {
    "sheet.ledger": N_("Ledger"),
    "sheet.summary": N_("Summary"),
    "sheet.cases": N_("Cases"),
    "col.id": N_("Entry ID"),
    "col.date": N_("Date"),
    "col.rma": N_("RMA"),
    "col.order": N_("Order"),
    "col.customer": N_("Customer"),
    "col.supplier": N_("Supplier"),
    "col.kind": N_("Kind"),
    "col.direction": N_("Direction"),
    "col.amount": N_("Amount"),
    "col.signed": N_("Signed amount"),
    "col.currency": N_("Currency"),
    "col.method": N_("Payment method"),
    "col.reference": N_("Reference"),
    "col.memo": N_("Memo"),
    "col.reverses": N_("Reverses entry"),
    "col.reversed_by": N_("Reversed by entry"),
    "col.override": N_("Override reason"),
    "col.month": N_("Month"),
    "col.entries": N_("Entries"),
    "col.net": N_("Amount (net of reversals)"),
    "col.claimed": N_("Claimed"),
    "col.recovered": N_("Recovered"),
    "col.outstanding": N_("Outstanding"),
    "col.case_kind": N_("Case kind"),
    "col.fault": N_("Fault"),
    "col.status": N_("Status"),
    "col.paid_out": N_("Paid out"),
    "col.net_cost": N_("Net cost"),
    "total": N_("Total"),
    "by_month": N_("Totals per month, kind and currency"),
    "by_supplier": N_("Per supplier"),
    Direction.PAID_OUT: N_("Paid out"),
    Direction.RECOVERED: N_("Recovered"),
    Direction.NEUTRAL: N_("Neutral"),
}


def text(key: str, lang: str | None = None) -> str:
    """An export string in ``lang`` (the window's language by default)."""
    return t(_CATALOGUE[key], lang) if key in _CATALOGUE else key


LEDGER_COLUMNS = [
    "col.id",
    "col.date",
    "col.rma",
    "col.order",
    "col.customer",
    "col.supplier",
    "col.kind",
    "col.direction",
    "col.amount",
    "col.signed",
    "col.currency",
    "col.method",
    "col.reference",
    "col.memo",
    "col.reverses",
    "col.reversed_by",
    "col.override",
]


Progress = Callable[[int, int], None]
Check = Callable[[], None]
