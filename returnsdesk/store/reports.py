"""Report queries: aggregates computed in SQLite, never by looping over rows in Python.

A period is two dates, both included. Case counts use the case's open/close
times (UTC); money uses ledger entry dates. Ledger signs follow
``domain.ledger.DIRECTION``: paid-out kinds count +, recovered kinds −, neutral
kinds 0, and a reversal entry (``reverses_id`` set) counts with the opposite sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind
from returnsdesk.domain.workflow import OPEN
from returnsdesk.store.db import database


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            from returnsdesk.domain.errors import InputError

            raise InputError("The period ends before it starts.")

    @property
    def first_stamp(self) -> str:
        return f"{self.start.isoformat()} 00:00:00"

    @property
    def after_stamp(self) -> str:
        return f"{(self.end + timedelta(days=1)).isoformat()} 00:00:00"


@dataclass(frozen=True)
class MoneyRow:
    currency: str
    refunds: int
    reimbursements: int
    paid_out: int
    recovered: int

    @property
    def net(self) -> int:
        return self.paid_out - self.recovered


@dataclass(frozen=True)
class OpenCaseRow:
    rma: str
    customer: str
    status: str
    next_due_on: date | None
    next_due_code: str


@dataclass
class SummaryData:
    period: Period
    opened: int = 0
    closed: int = 0
    median_days_to_close: float | None = None
    open_now: int = 0
    money: list[MoneyRow] = field(default_factory=list)
    #: (YYYY-MM, opened, closed)
    monthly: list[tuple[str, int, int]] = field(default_factory=list)
    by_reason: list[tuple[str, int]] = field(default_factory=list)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    #: (supplier name or "", cases, {currency: net cost})
    by_supplier: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)
    #: (sku, title, cases, units)
    top_products: list[tuple[str, str, int, int]] = field(default_factory=list)
    open_cases: list[OpenCaseRow] = field(default_factory=list)


def _kinds(direction: Direction) -> str:
    return ", ".join(f"'{k.value}'" for k, d in DIRECTION.items() if d == direction)


#: Signed amount of a ledger_entry row ``l`` as SQL: + paid out, − recovered.
SIGNED_COST = (
    f"(CASE WHEN l.kind IN ({_kinds(Direction.PAID_OUT)}) THEN 1 "
    f"WHEN l.kind IN ({_kinds(Direction.RECOVERED)}) THEN -1 ELSE 0 END) "
    "* (CASE WHEN l.reverses_id IS NULL THEN 1 ELSE -1 END) * l.amount_minor"
)
_REVERSAL_SIGN = "(CASE WHEN l.reverses_id IS NULL THEN 1 ELSE -1 END)"


def _rows(sql: str, params: tuple = ()) -> list[tuple]:
    return list(database.execute_sql(sql, params).fetchall())


def money_by_currency(period: Period) -> list[MoneyRow]:
    rows = _rows(
        f"""
        SELECT l.currency,
               SUM(CASE WHEN l.kind = ? THEN {_REVERSAL_SIGN} * l.amount_minor ELSE 0 END),
               SUM(CASE WHEN l.kind = ? THEN {_REVERSAL_SIGN} * l.amount_minor ELSE 0 END),
               SUM(CASE WHEN l.kind IN ({_kinds(Direction.PAID_OUT)})
                        THEN {_REVERSAL_SIGN} * l.amount_minor ELSE 0 END),
               SUM(CASE WHEN l.kind IN ({_kinds(Direction.RECOVERED)})
                        THEN {_REVERSAL_SIGN} * l.amount_minor ELSE 0 END)
        FROM ledger_entry l
        WHERE l.entry_date BETWEEN ? AND ?
        GROUP BY l.currency ORDER BY l.currency
        """,
        (
            LedgerKind.CUSTOMER_REFUND.value,
            LedgerKind.SUPPLIER_REIMBURSEMENT.value,
            period.start.isoformat(),
            period.end.isoformat(),
        ),
    )
    return [MoneyRow(*row) for row in rows]


def median_days_to_close(period: Period) -> float | None:
    row = database.execute_sql(
        """
        WITH d AS (
            SELECT julianday(closed_at) - julianday(opened_at) AS days FROM "case"
            WHERE closed_at >= ? AND closed_at < ?
        )
        SELECT avg(days) FROM (
            SELECT days FROM d ORDER BY days
            LIMIT 2 - (SELECT count(*) FROM d) % 2
            OFFSET (SELECT (count(*) - 1) / 2 FROM d)
        )
        """,
        (period.first_stamp, period.after_stamp),
    ).fetchone()
    return None if row[0] is None else float(row[0])


def open_cases(limit: int = 60) -> tuple[int, list[OpenCaseRow]]:
    """How many cases are open now, and the ``limit`` most urgent (earliest deadline first)."""
    marks = ", ".join("?" for _ in OPEN)
    statuses = tuple(s.value for s in sorted(OPEN))
    total = database.execute_sql(
        f'SELECT count(*) FROM "case" WHERE status IN ({marks})', statuses
    ).fetchone()[0]
    rows = _rows(
        f"""
        SELECT c.rma, cu.name, c.status, c.next_due_on, c.next_due_code
        FROM "case" c JOIN "order" o ON o.id = c.order_id JOIN customer cu ON cu.id = o.customer_id
        WHERE c.status IN ({marks})
        ORDER BY c.next_due_on IS NULL, c.next_due_on, c.id
        LIMIT ?
        """,
        (*statuses, limit),
    )
    return total, [
        OpenCaseRow(rma, name, status, date.fromisoformat(due) if due else None, code)
        for rma, name, status, due, code in rows
    ]


def summary(period: Period, open_limit: int = 60) -> SummaryData:
    """Everything the returns summary prints, in a dozen aggregate queries."""
    opened_in = "c.opened_at >= ? AND c.opened_at < ?"
    span = (period.first_stamp, period.after_stamp)
    data = SummaryData(period)
    data.opened = database.execute_sql(
        f'SELECT count(*) FROM "case" c WHERE {opened_in}', span
    ).fetchone()[0]
    data.closed = database.execute_sql(
        'SELECT count(*) FROM "case" WHERE closed_at >= ? AND closed_at < ?', span
    ).fetchone()[0]
    data.median_days_to_close = median_days_to_close(period)
    data.money = money_by_currency(period)

    opened = dict(
        _rows(
            f'SELECT substr(c.opened_at, 1, 7), count(*) FROM "case" c WHERE {opened_in} '
            "GROUP BY 1",
            span,
        )
    )
    closed = dict(
        _rows(
            'SELECT substr(closed_at, 1, 7), count(*) FROM "case" '
            "WHERE closed_at >= ? AND closed_at < ? GROUP BY 1",
            span,
        )
    )
    months = []
    cursor = period.start.replace(day=1)
    while cursor <= period.end:
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    data.monthly = [(m, opened.get(m, 0), closed.get(m, 0)) for m in months]

    for column, target in (("reason", "by_reason"), ("kind", "by_kind"), ("status", "by_status")):
        setattr(
            data,
            target,
            _rows(
                f'SELECT c.{column}, count(*) FROM "case" c WHERE {opened_in} '
                "GROUP BY 1 ORDER BY 2 DESC, 1",
                span,
            ),
        )

    suppliers = _rows(
        f"""
        SELECT c.supplier_id, coalesce(s.name, ''), count(*)
        FROM "case" c LEFT JOIN supplier s ON s.id = c.supplier_id
        WHERE {opened_in} GROUP BY c.supplier_id ORDER BY 3 DESC, 2
        """,
        span,
    )
    costs: dict[int | None, dict[str, int]] = {}
    for supplier_id, currency, net in _rows(
        f"""
        SELECT c.supplier_id, l.currency, SUM({SIGNED_COST})
        FROM ledger_entry l JOIN "case" c ON c.id = l.case_id
        WHERE l.entry_date BETWEEN ? AND ? GROUP BY 1, 2
        """,
        (period.start.isoformat(), period.end.isoformat()),
    ):
        costs.setdefault(supplier_id, {})[currency] = net
    data.by_supplier = [(name, n, costs.get(sid, {})) for sid, name, n in suppliers]

    data.top_products = _rows(
        f"""
        SELECT ol.sku, ol.title, count(DISTINCT cl.case_id), sum(cl.quantity)
        FROM case_line cl
        JOIN "case" c ON c.id = cl.case_id
        JOIN order_line ol ON ol.id = cl.order_line_id
        WHERE {opened_in}
        GROUP BY ol.sku, ol.title ORDER BY 3 DESC, 4 DESC, 2 LIMIT 10
        """,
        span,
    )
    data.open_now, data.open_cases = open_cases(open_limit)
    return data
