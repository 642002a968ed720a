"""CSV export of inbox rows (the "Export selection" action)."""

from __future__ import annotations

import csv
from pathlib import Path

from returnsdesk.domain.money import format_plain
from returnsdesk.fileio import atomic_path
from returnsdesk.formats.files import safe_cell
from returnsdesk.store.inbox import InboxRow

HEADER = [
    "RMA",
    "Order",
    "Customer",
    "Product",
    "Reason",
    "Status",
    "Kind",
    "Supplier",
    "Amount",
    "Currency",
    "Next deadline",
    "Deadline kind",
    "Last activity (UTC)",
    "Waiting on",
]


def write_cases_csv(rows: list[InboxRow], target: Path) -> int:
    """Write rows as UTF-8 CSV with a BOM (spreadsheet programs need it); returns the count."""
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        row.rma,
                        row.order_number,
                        row.customer,
                        row.product,
                        row.reason,
                        row.status,
                        row.kind,
                        row.supplier,
                        format_plain(row.amount_minor, row.currency),
                        row.currency,
                        row.next_due_on.isoformat() if row.next_due_on else "",
                        row.next_due_code,
                        row.updated_at.strftime("%Y-%m-%d %H:%M"),
                        row.waiting_on,
                    )
                ]
            )
    return len(rows)
