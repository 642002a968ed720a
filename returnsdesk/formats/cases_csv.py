"""CSV export of inbox rows (the "Export selection" action)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.money import format_plain
from returnsdesk.domain.reasons import reason_label
from returnsdesk.domain.rule_text import deadline_label
from returnsdesk.domain.workflow import kind_label, status_label, waiting_label
from returnsdesk.fileio import atomic_path
from returnsdesk.formats.files import safe_cell
from returnsdesk.services.inbox import InboxRow

HEADER = [
    N_("RMA"),
    N_("Order"),
    N_("Customer"),
    N_("Product"),
    N_("Reason"),
    N_("Status"),
    N_("Kind"),
    N_("Supplier"),
    N_("Amount"),
    N_("Currency"),
    N_("Next deadline"),
    N_("Deadline kind"),
    N_("Last activity (UTC)"),
    N_("Waiting on"),
]


def _label(label: Callable[[str, str | None], str], code: str, lang: str | None) -> str:
    try:
        return label(code, lang) if code else ""
    except (KeyError, ValueError):  # a code this version does not know: shown as stored
        return code


def write_cases_csv(rows: list[InboxRow], target: Path, lang: str | None = None) -> int:
    """Write rows as UTF-8 CSV with a BOM (spreadsheet programs need it); returns the count.

    Headers and labels are in ``lang`` (the window's language by default): no code reaches
    the reader.
    """
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([t(name, lang) for name in HEADER])
        for row in rows:
            writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        row.rma,
                        row.order_number,
                        row.customer,
                        row.product,
                        _label(reason_label, row.reason, lang),
                        _label(status_label, row.status, lang),
                        _label(kind_label, row.kind, lang),
                        row.supplier,
                        format_plain(row.amount_minor, row.currency),
                        row.currency,
                        row.next_due_on.isoformat() if row.next_due_on else "",
                        _label(deadline_label, row.next_due_code, lang),
                        row.updated_at.strftime("%Y-%m-%d %H:%M"),
                        _label(waiting_label, row.waiting_on, lang),
                    )
                ]
            )
    return len(rows)
