"""Report queries: aggregates computed in SQLite, never by looping over rows in Python.

A period is two dates, both included. Case counts use the case's open/close
times (UTC); money uses ledger entry dates. Ledger signs follow
``domain.ledger.DIRECTION``: paid-out kinds count +, recovered kinds −, neutral
kinds 0, and a reversal entry (``reverses_id`` set) counts with the opposite sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.workflow import OPEN
from returnsdesk.store.connection import database
from returnsdesk.store.ledger_sql import PAID_OUT_KINDS, RECOVERED_KINDS, signed_sql
from returnsdesk.store.medians import median_of, medians
from returnsdesk.store.sql_lists import marks


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
    """Cases closed in the period, money per currency and the cases open now (the rest
    of a report comes from the queries below ``summary``)."""

    period: Period
    closed: int = 0
    median_days_to_close: float | None = None
    open_now: int = 0
    money: list[MoneyRow] = field(default_factory=list)
    open_cases: list[OpenCaseRow] = field(default_factory=list)


#: Cost of a ledger_entry row ``l`` as SQL: + paid out, − recovered (the opposite of its
#: effect on cash, ``ledger_sql.signed_sql``).
SIGNED_COST = f"(-{signed_sql('l')})"


def _rows(sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, params).fetchall())


def money_by_currency(period: Period) -> list[MoneyRow]:
    """Per currency, the period's refunds, reimbursements, paid out and recovered (read
    from the day totals ``store/ledger_days.py`` keeps)."""
    rows = _rows(
        f"""
        SELECT l.currency,
               SUM(CASE WHEN l.kind = ? THEN l.net ELSE 0 END),
               SUM(CASE WHEN l.kind = ? THEN l.net ELSE 0 END),
               SUM(CASE WHEN l.kind IN ({PAID_OUT_KINDS}) THEN l.net ELSE 0 END),
               SUM(CASE WHEN l.kind IN ({RECOVERED_KINDS}) THEN l.net ELSE 0 END)
        FROM ledger_day l
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
    found = median_of(
        """SELECT julianday(closed_at) - julianday(opened_at) AS value FROM "case"
           WHERE closed_at >= ? AND closed_at < ?""",
        _span(period),
    )
    return None if found is None else found[1]


def open_cases(limit: int = 60) -> tuple[int, list[OpenCaseRow]]:
    """How many cases are open now, and the ``limit`` most urgent (earliest deadline
    first, then those without one).

    The urgent ones are read along the deadline index and only they are joined to their
    customer: a large store has hundreds of thousands of open cases, and joining them all
    to sort them cost more than the rest of the report's headline. (``status || ''``
    keeps the planner on the deadline index instead of the status index.)
    """
    statuses = tuple(s.value for s in sorted(OPEN))
    total = database.execute_sql(
        f'SELECT count(*) FROM "case" WHERE status IN ({marks(len(statuses))})', statuses
    ).fetchone()[0]
    rows = _open_rows("next_due_on IS NOT NULL", "next_due_on, id", statuses, limit)
    if len(rows) < limit:
        rows += _open_rows("next_due_on IS NULL", "id", statuses, limit - len(rows))
    return total, [
        OpenCaseRow(rma, name, status, date.fromisoformat(due) if due else None, code)
        for rma, name, status, due, code in rows
    ]


def _open_rows(
    where: str, order: str, statuses: tuple[str, ...], limit: int
) -> list[tuple[Any, ...]]:
    return _rows(
        f"""SELECT c.rma, cu.name, c.status, c.next_due_on, c.next_due_code FROM (
                SELECT id, rma, status, next_due_on, next_due_code, order_id FROM "case"
                WHERE {where} AND status || '' IN ({marks(len(statuses))})
                ORDER BY {order} LIMIT ?) c
            JOIN "order" o ON o.id = c.order_id JOIN customer cu ON cu.id = o.customer_id
            ORDER BY {", ".join(f"c.{column.strip()}" for column in order.split(","))}""",
        (*statuses, limit),
    )


def closed_count(period: Period) -> int:
    """Cases closed in the period, whenever they were opened."""
    return int(
        database.execute_sql(
            'SELECT count(*) FROM "case" WHERE closed_at >= ? AND closed_at < ?',
            (period.first_stamp, period.after_stamp),
        ).fetchone()[0]
    )


def summary(period: Period, open_limit: int = 60) -> SummaryData:
    """Cases closed in the period, money per currency, and the open cases now."""
    data = SummaryData(period)
    data.closed = closed_count(period)
    data.median_days_to_close = median_days_to_close(period)
    data.money = money_by_currency(period)
    data.open_now, data.open_cases = open_cases(open_limit)
    return data


# --- Insight: return rates, costs, resolution times, supplier scorecards, satisfaction --------
#
# Counting rules (the Reports area, the summary PDF and ``report stats`` all read these):
# *orders* are orders placed in the period, *units sold* their lines' quantities; *cases*
# are cases opened in the period, *units returned* their case lines' quantities; the
# return rate is cases ÷ orders. Net cost is money paid out minus money recovered on
# ledger entries dated in the period, per currency (never added across currencies).

#: SKU of a case's first line: the product a case's money is counted under.
MAIN_SKU = (
    "(SELECT ol.sku FROM case_line cl JOIN order_line ol ON ol.id = cl.order_line_id "
    "WHERE cl.case_id = c.id ORDER BY cl.id LIMIT 1)"
)
_OPENED = "c.opened_at >= ? AND c.opened_at < ?"


def _span(period: Period) -> tuple[str, str]:
    return period.first_stamp, period.after_stamp


def _days(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


def months_of(period: Period) -> list[str]:
    months = []
    cursor = period.start.replace(day=1)
    while cursor <= period.end:
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months


def orders_placed(period: Period) -> tuple[int, int]:
    """(orders placed in the period, units on their lines) — from ``store/sales.py``."""
    orders, units = database.execute_sql(
        "SELECT coalesce(sum(orders), 0), coalesce(sum(units), 0) FROM sales_day "
        "WHERE day BETWEEN ? AND ?",
        _days(period),
    ).fetchone()
    return orders, units


def monthly_rates(period: Period) -> list[tuple[str, int, int, int]]:
    """(YYYY-MM, orders placed, cases opened, cases closed) for each month of the period."""
    orders = dict(
        _rows(
            "SELECT substr(day, 1, 7), sum(orders) FROM sales_day "
            "WHERE day BETWEEN ? AND ? GROUP BY 1",
            _days(period),
        )
    )
    opened = dict(
        _rows(
            f'SELECT substr(c.opened_at, 1, 7), count(*) FROM "case" c WHERE {_OPENED} GROUP BY 1',
            _span(period),
        )
    )
    closed = dict(
        _rows(
            'SELECT substr(closed_at, 1, 7), count(*) FROM "case" '
            "WHERE closed_at >= ? AND closed_at < ? GROUP BY 1",
            _span(period),
        )
    )
    return [(m, orders.get(m, 0), opened.get(m, 0), closed.get(m, 0)) for m in months_of(period)]


def sold_by_supplier(period: Period) -> dict[int | None, tuple[str, int, int]]:
    """{supplier id: (name, orders holding its goods, units sold)} for the period."""
    return {
        (sid or None): (name, orders, units)
        for sid, name, orders, units in _rows(
            """SELECT d.supplier_id, coalesce(s.name, ''), sum(d.orders), sum(d.units)
                FROM sales_supplier_day d LEFT JOIN supplier s ON s.id = d.supplier_id
                WHERE d.day BETWEEN ? AND ? GROUP BY 1 HAVING sum(d.orders) > 0""",
            _days(period),
        )
    }


def cases_by_supplier(period: Period) -> dict[int | None, int]:
    """{supplier id (None = none): cases opened in the period}."""
    return dict(
        _rows(
            f'SELECT c.supplier_id, count(*) FROM "case" c WHERE {_OPENED} GROUP BY 1',
            _span(period),
        )
    )


def supplier_names() -> dict[int, str]:
    return dict(_rows("SELECT id, name FROM supplier"))


def cases_by_product(period: Period) -> list[tuple[str, str, int, int, int, int]]:
    """(sku, title, cases, units returned, orders with it, units sold); a case with
    several products counts once under each of them."""
    cases = {
        sku: (title, n, units)
        for sku, title, n, units in _rows(
            f"""SELECT ol.sku, max(ol.title), count(DISTINCT cl.case_id), sum(cl.quantity)
                FROM case_line cl JOIN "case" c ON c.id = cl.case_id
                JOIN order_line ol ON ol.id = cl.order_line_id
                WHERE {_OPENED} GROUP BY ol.sku""",
            _span(period),
        )
    }
    sold = {
        sku: (title, orders, units)
        for sku, title, orders, units in _rows(
            """SELECT d.sku, coalesce((SELECT p.title FROM product p WHERE p.sku = d.sku), ''),
                      sum(d.orders), sum(d.units)
               FROM sales_sku_day d WHERE d.day BETWEEN ? AND ? GROUP BY 1
               HAVING sum(d.orders) > 0""",
            _days(period),
        )
    }
    rows = []
    for sku in set(cases) | set(sold):
        title = cases[sku][0] if sku in cases else sold[sku][0]
        _, n, returned = cases.get(sku, ("", 0, 0))
        _, orders, units = sold.get(sku, ("", 0, 0))
        rows.append((sku, title, n, returned, orders, units))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows


#: Days-to-resolve buckets: (label key, lowest day, highest day or None).
RESOLVE_BUCKETS = ((0, 7), (8, 14), (15, 30), (31, 60), (61, None))


def resolve_times(period: Period) -> tuple[dict[str, tuple[int, float]], list[int]]:
    """For cases closed in the period: {kind or '': (count, median days)} ('' = all) and
    the count in each of ``RESOLVE_BUCKETS`` (whole days from opening to closing)."""
    days = _rows(
        """SELECT kind, julianday(closed_at) - julianday(opened_at) FROM "case"
           WHERE closed_at >= ? AND closed_at < ?""",
        _span(period),
    )
    by_kind: dict[str, tuple[int, float]] = medians(days)
    by_kind.update(medians(("", value) for _kind, value in days))
    whens = []
    for low, high in RESOLVE_BUCKETS:
        upper = f" AND d <= {high}" if high is not None else ""
        whens.append(f"SUM(CASE WHEN d >= {low}{upper} THEN 1 ELSE 0 END)")
    row = database.execute_sql(
        f"""SELECT {", ".join(whens)} FROM (
                SELECT CAST(julianday(closed_at) - julianday(opened_at) AS INTEGER) AS d
                FROM "case" WHERE closed_at >= ? AND closed_at < ?)""",
        _span(period),
    ).fetchone()
    return by_kind, [int(v or 0) for v in row]


@dataclass(frozen=True)
class ClaimFigures:
    """Per supplier, over the claims first sent in a period (see ``claim_figures``)."""

    #: {supplier id: (claims sent, approved, reimbursed)}
    counts: dict[int, tuple[int, int, int]]
    #: {supplier id: (claims answered, median days from the first claim message to the first
    #: reply)}
    replies: dict[int, tuple[int, float]]
    #: {supplier id: (claims reimbursed, median days from the first claim message to the
    #: first reimbursement entry)}
    money: dict[int, tuple[int, float]]


def claim_figures(period: Period, supplier_id: int | None = None) -> ClaimFigures:
    """Claims first sent in the period (``supplier_claim``, see store/claims.py): approved =
    the supplier's recorded decision was approved or partially approved; reimbursed = net
    supplier reimbursement on the case above zero (any date); reply and money days from the
    first claim message. Only ``supplier_id``'s claims when given."""
    one = "" if supplier_id is None else " AND supplier_id = ?"
    rows = _rows(
        f"""SELECT supplier_id, approved, reimbursed_minor > 0,
                  julianday(first_reply) - julianday(first_sent),
                  julianday(first_paid) - julianday(substr(first_sent, 1, 10))
           FROM supplier_claim WHERE first_sent >= ? AND first_sent < ?{one}""",
        (*_span(period), *([] if supplier_id is None else [supplier_id])),
    )
    counts: dict[int, list[int]] = {}
    for sid, approved, paid, _reply, _paid_after in rows:
        n = counts.setdefault(sid, [0, 0, 0])
        n[0], n[1], n[2] = n[0] + 1, n[1] + approved, n[2] + paid
    return ClaimFigures(
        {sid: (a, b, c) for sid, (a, b, c) in counts.items()},
        medians((row[0], row[3]) for row in rows),
        medians((row[0], row[4]) for row in rows),
    )


def defect_cases_by_supplier(
    period: Period, reasons: tuple[str, ...], supplier_id: int | None = None
) -> dict[int, int]:
    """{supplier id: cases opened in the period with a defect reason} (the sums of
    ``defects_by_sku``'s rows per supplier, without finding each case's product); only
    ``supplier_id``'s when given."""
    one = "c.supplier_id IS NOT NULL" if supplier_id is None else "c.supplier_id = ?"
    return dict(
        _rows(
            f"""SELECT c.supplier_id, count(*) FROM "case" c
                WHERE {_OPENED} AND {one} AND c.reason IN ({marks(len(reasons))})
                GROUP BY 1""",
            (*_span(period), *([] if supplier_id is None else [supplier_id]), *reasons),
        )
    )


def defects_by_sku(period: Period, reasons: tuple[str, ...]) -> list[tuple[int, str, str, int]]:
    """(supplier id, sku, reason, cases) for cases opened in the period with a defect
    reason, counted under the case's first product."""
    return _rows(
        f"""SELECT c.supplier_id, coalesce({MAIN_SKU}, ''), c.reason, count(*)
            FROM "case" c WHERE {_OPENED} AND c.supplier_id IS NOT NULL
            AND c.reason IN ({marks(len(reasons))}) GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2, 3""",
        (*_span(period), *reasons),
    )


def satisfaction_by(key_sql: str, period: Period) -> list[tuple[str | None, int, float, float]]:
    """(key, answers, mean ease, mean outcome) for survey answers given in the period,
    grouped by ``key_sql`` on case alias ``c`` ('' for all)."""
    return _rows(
        f"""SELECT {key_sql}, count(*), avg(a.ease), avg(a.outcome)
            FROM survey_answer a JOIN "case" c ON c.id = a.case_id
            LEFT JOIN supplier s ON s.id = c.supplier_id
            WHERE a.answered_on BETWEEN ? AND ? GROUP BY 1 ORDER BY 2 DESC, 1""",
        _days(period),
    )


def case_breakdown(period: Period) -> list[tuple[str, int | None, str, str, int, int]]:
    """(reason, supplier id, kind, status, cases opened, units returned) in one pass over
    the period's cases; every per-reason, per-supplier, per-kind and per-status count of
    the report is a sum of these rows."""
    return _rows(
        f"""SELECT c.reason, c.supplier_id, c.kind, c.status, count(*),
                   coalesce(sum((SELECT sum(cl.quantity) FROM case_line cl
                                 WHERE cl.case_id = c.id)), 0)
            FROM "case" c WHERE {_OPENED} GROUP BY 1, 2, 3, 4""",
        _span(period),
    )


def net_cost_breakdown(period: Period) -> list[tuple[str, int | None, str, str, int]]:
    """(reason, supplier id, first product's SKU, currency, net cost) of the ledger entries
    dated in the period, in one pass; the costs by reason, supplier and product are sums."""
    return _rows(  # summed per case first: the first product is looked up once per case
        f"""SELECT c.reason, c.supplier_id, coalesce({MAIN_SKU}, ''), x.currency, SUM(x.net)
            FROM (SELECT l.case_id AS case_id, l.currency AS currency,
                         SUM({SIGNED_COST}) AS net
                  FROM ledger_entry l WHERE l.entry_date BETWEEN ? AND ? GROUP BY 1, 2) x
            JOIN "case" c ON c.id = x.case_id GROUP BY 1, 2, 3, 4""",
        _days(period),
    )
