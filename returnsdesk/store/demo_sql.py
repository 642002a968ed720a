"""Bulk writing of the sample store (``returnsdesk.demo``): the rows that are not orders.

Orders, lines and customers go through the one order writer (``store.orders_sql``);
this module streams everything else the generator makes — cases, timeline, supplier
messages, evidence, ledger — in chunks, parents before children, so a million-case
demo never holds more than a chunk of rows in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from returnsdesk.store.orders_sql import OrderBatch

#: Columns of the generator's rows, table by table, in the order tables are written
#: (each refers only to tables written before it, or to orders).
COLUMNS: dict[str, tuple[str, ...]] = {
    "setting": ("key", "value"),
    "supplier": (
        "id",
        "name",
        "email",
        "chat_url",
        "phone",
        "timezone",
        "language",
        "return_address",
        "return_days",
        "evidence_days",
        "follow_up_hours",
        "restocking_fee_percent",
        "pays_return_shipping_at_fault",
        "reimburses_without_return",
        "dispute_platform",
        "escalation_days",
        "notes",
        "created_at",
    ),
    "product": ("id", "sku", "title", "supplier_id", "personalised"),
    "evidence_file": ("id", "sha256", "size", "mime", "width", "height", "captured_at"),
    "case": (
        "id",
        "rma",
        "order_id",
        "supplier_id",
        "kind",
        "reason",
        "reason_note",
        "fault",
        "requested_resolution",
        "agreed_resolution",
        "status",
        "supplier_reference",
        "return_carrier",
        "return_tracking",
        "return_label_ref",
        "notes",
        "currency",
        "amount_minor",
        "opened_at",
        "first_response_at",
        "chargeback_due_on",
        "chargeback_reference",
        "withdrawal_notice_on",
        "closed_at",
        "updated_at",
        "next_due_on",
        "next_due_code",
        "version",
    ),
    "case_line": ("case_id", "order_line_id", "quantity"),
    "case_event": ("case_id", "at", "kind", "from_status", "to_status", "text", "code", "params"),
    "supplier_contact": (
        "id",
        "supplier_id",
        "case_id",
        "at",
        "channel",
        "direction",
        "subject",
        "body",
        "supplier_reference",
        "awaiting_reply",
        "reply_due_at",
        "answered_at",
    ),
    "evidence": (
        "case_id",
        "file_id",
        "contact_id",
        "supplied_by",
        "original_name",
        "caption",
        "added_at",
        "removed_at",
    ),
    "ledger_entry": (
        "case_id",
        "entry_date",
        "kind",
        "amount_minor",
        "currency",
        "method",
        "reference",
        "memo",
        "reverses_id",
        "override_note",
        "created_at",
    ),
}
#: Row counts the demo reports, by table.
COUNTED = (
    "case",
    "order",
    "customer",
    "supplier_contact",
    "evidence",
    "ledger_entry",
    "case_event",
)


def _insert_sql(table: str) -> str:
    columns = COLUMNS[table]
    return f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'


class DemoRows:
    """The generator's row sink: orders through ``OrderBatch``, the rest in table order.

    ``add`` keeps a row; ``flush_if_full`` (between cases) writes every table once
    ``chunk`` rows wait, in ``COLUMNS`` order, the orders (with their customers and
    lines) just before the cases. Call ``flush`` once the catalogue (suppliers,
    products) is added, before any order, and once at the end.
    ``count`` says how many rows of a table were added so far (ids are numbered by it).
    ``after_flush`` runs once a chunk is written (the demo commits there).
    """

    _ORDER_KINDS = {"customer": "add_customer", "order": "add_order", "order_line": "add_line"}

    def __init__(
        self, db: Any, chunk: int = 20_000, after_flush: Callable[[], None] | None = None
    ) -> None:
        self.db = db
        self.chunk = chunk
        self.after_flush = after_flush
        self.orders = OrderBatch(db, chunk)
        self.pending: dict[str, list[Sequence[object]]] = {table: [] for table in COLUMNS}
        self.counts: dict[str, int] = {}
        self.waiting = 0

    def count(self, table: str) -> int:
        return self.counts.get(table, 0)

    def add(self, table: str, row: Sequence[object]) -> None:
        self.counts[table] = self.counts.get(table, 0) + 1
        method = self._ORDER_KINDS.get(table)
        if method is not None:
            getattr(self.orders, method)(row)
            return
        self.pending[table].append(row)
        self.waiting += 1

    def flush_if_full(self) -> None:
        """Write the waiting rows once ``chunk`` wait (call between cases, when every
        row added so far has its parents added too)."""
        if self.waiting >= self.chunk:
            self.flush()

    def flush(self) -> None:
        """Write every waiting row: what orders refer to, the orders, then the rest."""
        cursor = self.db.cursor()
        for table, rows in self.pending.items():
            if table == "case":
                self.orders.flush()
            if rows:
                cursor.executemany(_insert_sql(table), rows)
                rows.clear()
        self.waiting = 0
        if self.after_flush is not None:
            self.after_flush()


def prepare_bulk_load(db: Any) -> None:
    """Sorts and temporary tables of the bulk load (the sales summary's GROUP BY over every
    order line, the index rebuild) spill to disk instead of memory, so a million-case demo
    does not hold them in RAM."""
    db.execute_sql("PRAGMA temp_store = FILE")


def fold_write_ahead_log(db: Any) -> None:
    """Copy the write-ahead log into the database file and empty it."""
    busy, _log_pages, _copied = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise RuntimeError("the demo store's write-ahead log could not be folded in")


def write_rma_counters(db: Any, last_by_year: dict[int, int]) -> None:
    db.cursor().executemany(
        "INSERT INTO rma_counter (year, last) VALUES (?, ?)", sorted(last_by_year.items())
    )


def set_chargeback_notices(db: Any, notices: Iterable[tuple[str, str, str, int]]) -> None:
    """What the processor's notice says, per chargeback: (reason, processor, due_at, case id)."""
    db.cursor().executemany(
        'UPDATE "case" SET chargeback_reason = ?, chargeback_processor = ?, '
        "chargeback_due_at = ? WHERE id = ?",
        list(notices),
    )


def row_counts(db: Any) -> dict[str, int]:
    """How many rows each table in ``COUNTED`` holds."""
    return {
        table: int(db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        for table in COUNTED
    }


def max_id(db: Any, table: str) -> int:
    """The largest id in ``table`` (0 when empty): the generator numbers its next rows."""
    return int(db.execute_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0])
