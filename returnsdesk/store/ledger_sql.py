"""SQL over the ledger: listings, filters and every derived money figure.

Nothing here is stored twice: each figure is a ``SUM`` over integer minor
units in ``ledger_entry``, so totals stay exact over any number of entries.

Signs follow ``domain.ledger`` (the one convention): an entry's *amount* is
always positive; a reversal entry (``reverses_id`` set) counts with the opposite
sign of the entry it cancels (``net_amount``); the *signed amount* is the effect
on the merchant's cash: paid out negative, recovered positive, neutral kinds
zero (``signed_amount``). ``net_sql``/``signed_sql`` are their SQL forms.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from returnsdesk.domain.ledger import (
    DIRECTION,
    REVERSAL_SIGN,
    Direction,
    LedgerKind,
    cash_sign,
)
from returnsdesk.store.connection import database
from returnsdesk.store.distinct_values import distinct_values
from returnsdesk.store.sql_lists import marks

Params = Sequence[object]


def _in_list(direction: Direction) -> str:
    return ", ".join(f"'{k.value}'" for k, d in DIRECTION.items() if d == direction)


PAID_OUT_KINDS = _in_list(Direction.PAID_OUT)
RECOVERED_KINDS = _in_list(Direction.RECOVERED)

# The SQL forms of domain.ledger's one sign convention, for a ``ledger_entry`` row named
# ``alias``: every query over entries (here, and reports and health checks) takes its
# signs from these, so SQL and Python can never disagree.


def net_sql(alias: str = "e") -> str:
    """``domain.ledger.net_amount`` in SQL: the amount, negated for a reversal."""
    return (
        f"({alias}.amount_minor * "
        f"(CASE WHEN {alias}.reverses_id IS NULL THEN 1 ELSE {REVERSAL_SIGN} END))"
    )


def cash_sign_sql(alias: str = "e") -> str:
    """``domain.ledger.cash_sign`` in SQL: -1 paid out, +1 recovered, 0 neutral."""
    cases = " ".join(f"WHEN '{kind.value}' THEN {cash_sign(kind)}" for kind in LedgerKind)
    return f"(CASE {alias}.kind {cases} ELSE 0 END)"


def signed_sql(alias: str = "e") -> str:
    """``domain.ledger.signed_amount`` in SQL: the entry's effect on the merchant's cash."""
    return f"({cash_sign_sql(alias)} * {net_sql(alias)})"


#: Amount net of reversals (positive for ordinary entries).
NET = net_sql("e")
#: Effect on the merchant's cash (negative = money out).
SIGNED = signed_sql("e")
PAID_OUT = f"(CASE WHEN e.kind IN ({PAID_OUT_KINDS}) THEN {NET} ELSE 0 END)"
RECOVERED = f"(CASE WHEN e.kind IN ({RECOVERED_KINDS}) THEN {NET} ELSE 0 END)"


def _rows(sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, tuple(params)).fetchall())


def _one(sql: str, params: Params = ()) -> tuple[Any, ...]:
    return tuple(database.execute_sql(sql, tuple(params)).fetchone())


# --- per case, order, customer, supplier ------------------------------------------------


def case_totals(case_id: int) -> tuple[int, int]:
    """(paid out, recovered) of one case, net of reversals."""
    row = _one(
        f"SELECT COALESCE(SUM({PAID_OUT}), 0), COALESCE(SUM({RECOVERED}), 0) "
        "FROM ledger_entry e WHERE e.case_id = ?",
        (case_id,),
    )
    return int(row[0]), int(row[1])


def order_kind_totals(order_id: int, currency: str) -> dict[LedgerKind, int]:
    """Net amount per ledger kind over every case of an order (reversals subtracted)."""
    rows = _rows(
        f"SELECT e.kind, COALESCE(SUM({NET}), 0) FROM ledger_entry e "
        'JOIN "case" c ON c.id = e.case_id '
        "WHERE c.order_id = ? AND e.currency = ? GROUP BY e.kind",
        (order_id, currency),
    )
    return {LedgerKind(kind): int(amount) for kind, amount in rows}


def customer_credit(customer_id: int) -> dict[str, int]:
    """Store credit balance per currency: issued minus redeemed, net of reversals."""
    rows = _rows(
        f"SELECT e.currency, COALESCE(SUM(CASE e.kind WHEN ? THEN {NET} "
        f"WHEN ? THEN -{NET} ELSE 0 END), 0) "
        "FROM ledger_entry e "
        'JOIN "case" c ON c.id = e.case_id JOIN "order" o ON o.id = c.order_id '
        "WHERE o.customer_id = ? AND e.kind IN (?, ?) GROUP BY e.currency",
        (
            LedgerKind.STORE_CREDIT_ISSUED.value,
            LedgerKind.STORE_CREDIT_REDEEMED.value,
            customer_id,
            LedgerKind.STORE_CREDIT_ISSUED.value,
            LedgerKind.STORE_CREDIT_REDEEMED.value,
        ),
    )
    return {currency: int(balance) for currency, balance in rows}


@dataclass(frozen=True, slots=True)
class SupplierMoneyRow:
    supplier_id: int
    supplier: str
    currency: str
    claimed: int
    recovered: int

    @property
    def outstanding(self) -> int:
        """Claimed but not yet recovered (never below zero)."""
        return max(self.claimed - self.recovered, 0)


def supplier_money(
    supplier_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[SupplierMoneyRow]:
    """Per supplier and currency: claimed and recovered.

    *Claimed* is everything the merchant paid out (net of reversals) on the
    supplier's cases whose fault is ``'supplier'`` — the money the merchant can
    ask the supplier to pay back. *Recovered* is every supplier reimbursement
    received on any of the supplier's cases (net of reversals).
    """
    where: list[str] = ["c.supplier_id IS NOT NULL"]
    params: list[object] = []
    if supplier_id is not None:
        where.append("c.supplier_id = ?")
        params.append(supplier_id)
    if date_from is not None:
        where.append("e.entry_date >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("e.entry_date <= ?")
        params.append(date_to.isoformat())
    rows = _rows(
        "SELECT c.supplier_id, s.name, e.currency, "
        f"COALESCE(SUM(CASE WHEN c.fault = 'supplier' THEN {PAID_OUT} ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN e.kind = '{LedgerKind.SUPPLIER_REIMBURSEMENT.value}' "
        f"THEN {NET} ELSE 0 END), 0) "
        'FROM ledger_entry e JOIN "case" c ON c.id = e.case_id '
        "JOIN supplier s ON s.id = c.supplier_id "
        f"WHERE {' AND '.join(where)} "
        "GROUP BY c.supplier_id, e.currency ORDER BY s.name COLLATE NOCASE, e.currency",
        params,
    )
    return [SupplierMoneyRow(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]


@dataclass(frozen=True, slots=True)
class PeriodTotalRow:
    month: str  # YYYY-MM
    kind: str
    currency: str
    count: int
    net: int  # amount net of reversals (positive = this kind happened)
    signed: int  # effect on cash


def period_totals(date_from: date | None, date_to: date | None) -> list[PeriodTotalRow]:
    """Totals per month × kind × currency for entries dated within the period (read from
    the day totals ``store/ledger_days.py`` keeps)."""
    where, params = _period_where(date_from, date_to)
    rows = _rows(
        "SELECT substr(e.entry_date, 1, 7), e.kind, e.currency, sum(e.entries), "
        f"sum(e.net), sum(e.signed) FROM ledger_day e WHERE {where} "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        params,
    )
    return [PeriodTotalRow(r[0], r[1], r[2], r[3], int(r[4]), int(r[5])) for r in rows]


def _period_where(date_from: date | None, date_to: date | None) -> tuple[str, list[object]]:
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    if date_from is not None:
        where.append("e.entry_date >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("e.entry_date <= ?")
        params.append(date_to.isoformat())
    return " AND ".join(where), params


# --- filtered listing (the Ledger screen) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    supplier_id: int | None = None
    currency: str | None = None
    rma: str = ""  # substring of the case's RMA number
    case_id: int | None = None

    def sql(self) -> tuple[str, list[object]]:
        where, params = _period_where(self.date_from, self.date_to)
        clauses, values = [where], list(params)
        if self.kind:
            clauses.append("e.kind = ?")
            values.append(self.kind)
        if self.supplier_id is not None:
            clauses.append("c.supplier_id = ?")
            values.append(self.supplier_id)
        if self.currency:
            clauses.append("e.currency = ?")
            values.append(self.currency)
        if self.rma.strip():
            clauses.append("c.rma LIKE ? ESCAPE '\\'")
            escaped = self.rma.strip().upper().replace("\\", "\\\\")
            escaped = escaped.replace("%", "\\%").replace("_", "\\_")
            values.append(f"%{escaped}%")
        if self.case_id is not None:
            clauses.append("e.case_id = ?")
            values.append(self.case_id)
        return " AND ".join(clauses), values

    @property
    def needs_case(self) -> bool:
        return self.supplier_id is not None or bool(self.rma.strip())


_FROM = (
    'FROM ledger_entry e JOIN "case" c ON c.id = e.case_id '
    'JOIN "order" o ON o.id = c.order_id JOIN customer cu ON cu.id = o.customer_id '
    "LEFT JOIN supplier s ON s.id = c.supplier_id "
    "LEFT JOIN ledger_entry r ON r.reverses_id = e.id "
)

#: Sort keys the Ledger screen offers, as SQL expressions.
SORT_KEYS = {
    "date": "e.entry_date",
    "rma": "c.rma",
    "order": "o.number",
    "customer": "cu.name COLLATE NOCASE",
    "supplier": "s.name COLLATE NOCASE",
    "kind": "e.kind",
    "amount": SIGNED,
    "currency": "e.currency",
    "method": "e.method",
    "reference": "e.reference",
    "memo": "e.memo",
    "id": "e.id",
}


def filtered_ids(
    flt: LedgerFilter, sort: str = "date", descending: bool = True, limit: int | None = None
) -> list[int]:
    """Ids of the entries matching ``flt``, sorted in SQL (ties broken by id); the first
    ``limit`` of them when given (by date, that reads the date index, not the table)."""
    expression = SORT_KEYS[sort]
    direction = "DESC" if descending else "ASC"
    where, params = flt.sql()
    if sort in {"rma", "order", "customer", "supplier"}:
        source = _FROM
    elif flt.needs_case:
        source = 'FROM ledger_entry e JOIN "case" c ON c.id = e.case_id '
    else:
        source = "FROM ledger_entry e "
    sql = f"SELECT e.id {source}WHERE {where} ORDER BY {expression} {direction}, e.id {direction}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row[0] for row in database.execute_sql(sql, tuple(params))]


@dataclass(frozen=True, slots=True)
class LedgerRow:
    id: int
    entry_date: str
    case_id: int
    rma: str
    order_number: str
    customer: str
    supplier: str
    fault: str
    kind: str
    amount_minor: int
    signed_minor: int
    currency: str
    method: str
    reference: str
    memo: str
    reverses_id: int | None
    reversed_by_id: int | None
    override_note: str
    created_at: str


_ROW_COLUMNS = (
    "e.id, e.entry_date, e.case_id, c.rma, o.number, cu.name, COALESCE(s.name, ''), c.fault, "
    f"e.kind, e.amount_minor, {SIGNED}, e.currency, e.method, e.reference, e.memo, "
    "e.reverses_id, r.id, e.override_note, e.created_at "
)


def rows_by_ids(ids: list[int]) -> list[LedgerRow]:
    """The rows for ``ids``, in the order given."""
    found = rows_by_id(ids)
    return [found[i] for i in ids if i in found]


def rows_by_id(ids: list[int]) -> dict[int, LedgerRow]:
    """The rows for ``ids`` by id (ids that do not exist are left out)."""
    found: dict[int, LedgerRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in database.execute_sql(
            f"SELECT {_ROW_COLUMNS}{_FROM}WHERE e.id IN ({marks(len(chunk))})", tuple(chunk)
        ):
            found[r[0]] = LedgerRow(*r)
    return found


@dataclass(frozen=True, slots=True)
class CurrencyTotals:
    currency: str
    count: int
    paid_out: int
    recovered: int

    @property
    def net(self) -> int:
        """Recovered minus paid out: the cash effect (negative = money out)."""
        return self.recovered - self.paid_out


def filtered_totals(flt: LedgerFilter) -> list[CurrencyTotals]:
    """Per currency: the entries matching ``flt``, paid out and recovered. A filter on
    dates, kind and currency alone reads the day totals (``store/ledger_days.py``); one
    on a case, a supplier or an RMA sums the matching entries."""
    where, params = flt.sql()
    if flt.needs_case or flt.case_id is not None:
        sql = (
            f"SELECT e.currency, count(*), COALESCE(SUM({PAID_OUT}), 0), "
            f'COALESCE(SUM({RECOVERED}), 0) FROM ledger_entry e JOIN "case" c '
            f"ON c.id = e.case_id WHERE {where} GROUP BY e.currency ORDER BY e.currency"
        )
    else:
        sql = (
            "SELECT e.currency, sum(e.entries), "
            f"sum(CASE WHEN e.kind IN ({PAID_OUT_KINDS}) THEN e.net ELSE 0 END), "
            f"sum(CASE WHEN e.kind IN ({RECOVERED_KINDS}) THEN e.net ELSE 0 END) "
            f"FROM ledger_day e WHERE {where} GROUP BY e.currency ORDER BY e.currency"
        )
    return [CurrencyTotals(r[0], r[1], int(r[2]), int(r[3])) for r in _rows(sql, params)]


def currencies_in_use() -> list[str]:
    return distinct_values("ledger_entry", "currency")


# --- export streams ----------------------------------------------------------------------


def count_in_period(date_from: date | None, date_to: date | None) -> int:
    where, params = _period_where(date_from, date_to)
    return int(_one(f"SELECT coalesce(sum(entries), 0) FROM ledger_day e WHERE {where}", params)[0])


def iter_period_rows(date_from: date | None, date_to: date | None) -> Iterator[tuple[Any, ...]]:
    """Stream export rows (LedgerRow field order) by date then id, without loading them all."""
    where, params = _period_where(date_from, date_to)
    cursor = database.execute_sql(
        f"SELECT {_ROW_COLUMNS}{_FROM}WHERE {where} ORDER BY e.entry_date, e.id", tuple(params)
    )
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            return
        yield from batch


def max_text_lengths(date_from: date | None, date_to: date | None) -> dict[str, int]:
    """Longest text per exported column in the period (for column widths)."""
    where, params = _period_where(date_from, date_to)
    row = database.execute_sql(
        "SELECT COALESCE(MAX(length(c.rma)), 0), COALESCE(MAX(length(o.number)), 0), "
        "COALESCE(MAX(length(cu.name)), 0), COALESCE(MAX(length(s.name)), 0), "
        "COALESCE(MAX(length(e.method)), 0), COALESCE(MAX(length(e.reference)), 0), "
        "COALESCE(MAX(length(e.memo)), 0), COALESCE(MAX(length(e.override_note)), 0) "
        f"{_FROM}WHERE {where}",
        tuple(params),
    ).fetchone()
    keys = ("rma", "order", "customer", "supplier", "method", "reference", "memo", "override")
    return dict(zip(keys, row, strict=True))


def iter_case_rows(date_from: date | None, date_to: date | None) -> Iterator[tuple[Any, ...]]:
    """One row per case with entries in the period: its money within that period.

    Columns: rma, order number, customer, supplier, kind, fault, status, currency,
    entry count, paid out, recovered.
    """
    where, params = _period_where(date_from, date_to)
    cursor = database.execute_sql(
        "SELECT c.rma, o.number, cu.name, COALESCE(s.name, ''), c.kind, c.fault, c.status, "
        f"t.currency, t.n, t.paid_out, t.recovered FROM ("
        f"SELECT e.case_id, e.currency, count(*) AS n, SUM({PAID_OUT}) AS paid_out, "
        f"SUM({RECOVERED}) AS recovered FROM ledger_entry e WHERE {where} "
        "GROUP BY e.case_id, e.currency) t "
        'JOIN "case" c ON c.id = t.case_id JOIN "order" o ON o.id = c.order_id '
        "JOIN customer cu ON cu.id = o.customer_id LEFT JOIN supplier s ON s.id = c.supplier_id "
        "ORDER BY c.rma, t.currency",
        tuple(params),
    )
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            return
        yield from batch


# --- the money panel of one case -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the money panel needs to know about a case and its order (one query)."""

    case_id: int
    rma: str
    currency: str
    case_amount: int
    case_kind: str
    order_id: int
    order_number: str
    order_total: int
    customer_id: int
    order_cases: int


def case_facts(case_id: int) -> CaseFacts | None:
    """The case, its order and how many cases the order has; None if the case is gone."""
    rows = _rows(
        "SELECT c.id, c.rma, c.currency, c.amount_minor, c.kind, o.id, o.number, "
        'o.total_minor, o.customer_id, (SELECT count(*) FROM "case" k WHERE k.order_id = o.id) '
        'FROM "case" c JOIN "order" o ON o.id = c.order_id WHERE c.id = ?',
        (case_id,),
    )
    return CaseFacts(*rows[0]) if rows else None


def supplier_choices() -> list[tuple[str, int]]:
    """(name, id) of every supplier, by name (the Ledger's supplier filter)."""
    return [(r[0], r[1]) for r in _rows("SELECT name, id FROM supplier ORDER BY name, id")]
