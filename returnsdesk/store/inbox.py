"""Inbox queries: which cases a view shows, in which order, and their display rows.

Everything is filtered and sorted in SQL; the UI holds only the ordered ids
and asks for rows a page at a time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from returnsdesk.domain.workflow import FINISHED, OPEN, Kind, Status
from returnsdesk.store import inbox_columns, inbox_order
from returnsdesk.store.connection import database
from returnsdesk.store.distinct_values import distinct_values
from returnsdesk.store.models import from_stamp
from returnsdesk.store.risk import mask_sql, thresholds
from returnsdesk.store.risk_snapshot import flagged_filter_sql, snapshot_fresh
from returnsdesk.store.search import (
    is_prefix_indexed,
    match_condition,
    matches_at_least,
    matching_share,
)
from returnsdesk.store.sql_lists import marks


class View(StrEnum):
    NEEDS_ACTION = "needs_action"
    OVERDUE = "overdue"
    DUE_THIS_WEEK = "due_this_week"
    WAITING_SUPPLIER = "waiting_supplier"
    WAITING_CUSTOMER = "waiting_customer"
    CHARGEBACKS = "chargebacks"
    CLOSED = "closed"
    ALL = "all"


class Column(StrEnum):
    RMA = "rma"
    ORDER = "order"
    CUSTOMER = "customer"
    PRODUCT = "product"
    REASON = "reason"
    STATUS = "status"
    SUPPLIER = "supplier"
    AMOUNT = "amount"
    NEXT_DUE = "next_due"
    LAST_ACTIVITY = "last_activity"
    WAITING_ON = "waiting_on"
    RISK = "risk"


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in sorted(values))


_FINISHED = _quoted(FINISHED)
_MINE = _quoted(
    {Status.NEW, Status.APPROVED, Status.RECEIVED, Status.REOPENED, Status.CHARGEBACK_OPEN}
)
_WAITING_ON_SQL = f"""CASE
    WHEN c.status IN ({_FINISHED}) THEN 'nobody'
    WHEN c.status IN ('awaiting_customer', 'awaiting_return') THEN 'customer'
    WHEN c.status = 'awaiting_supplier' THEN 'supplier'
    WHEN c.status = 'return_in_transit' THEN 'carrier'
    WHEN c.status = 'evidence_submitted' THEN 'bank'
    ELSE 'me' END"""
#: A search matching (or a drill-down naming) this many cases or more is broad: its first
#: page is found by walking the view's order and keeping the matches, not by sorting them.
BROAD_SEARCH = 5_000
#: A short search matching at least this share of the cases is asked case by case along
#: a walk that stops after a page: about ten seeks per row shown. Measured at 1,000,000
#: cases, asking case by case is the faster above a share of about 0.08 ("12", 0.12:
#: 16–94 ms gathered, 4–37 ms asked) and the slower below ("em", 0.04: 6–31 gathered,
#: 23–55 asked).
CASE_BY_CASE_SHARE = 0.1
_PRODUCT_SQL = (
    "(SELECT ol.title FROM order_line ol WHERE ol.order_id = c.order_id ORDER BY ol.id LIMIT 1)"
)


#: Views that are a few statuses: their deadlines are walked status by status along
#: ``case_status_due`` and merged (walking every deadline would pass the other cases).
_STATUS_VIEWS: dict[View, tuple[str, ...]] = {
    View.WAITING_SUPPLIER: (Status.AWAITING_SUPPLIER.value,),
    View.WAITING_CUSTOMER: (Status.AWAITING_CUSTOMER.value, Status.AWAITING_RETURN.value),
}
#: The finished statuses, the runs the Closed view merges; the open ones likewise.
_CLOSED = tuple(sorted(FINISHED))
_OPEN = tuple(sorted(OPEN))
#: Views listing the latest activity first (the others: the most urgent first).
_LATEST_FIRST = frozenset({View.CLOSED, View.ALL})
#: Views whose every case has a deadline (no undated part to read).
_DATED_VIEWS = frozenset({View.OVERDUE, View.DUE_THIS_WEEK})


def view_condition(view: View, today: date) -> tuple[str, list[object]]:
    """SQL condition on alias ``c`` selecting the cases of ``view``."""
    t, week = today.isoformat(), (today + timedelta(days=7)).isoformat()
    open_ = f"c.status NOT IN ({_FINISHED})"
    conditions: dict[View, tuple[str, list[object]]] = {
        View.NEEDS_ACTION: (f"{open_} AND (c.status IN ({_MINE}) OR c.next_due_on <= ?)", [t]),
        View.OVERDUE: (f"{open_} AND c.next_due_on < ?", [t]),
        View.DUE_THIS_WEEK: (f"{open_} AND c.next_due_on >= ? AND c.next_due_on <= ?", [t, week]),
        View.WAITING_SUPPLIER: (
            f"c.status IN ({_quoted(_STATUS_VIEWS[View.WAITING_SUPPLIER])})",
            [],
        ),
        View.WAITING_CUSTOMER: (
            f"c.status IN ({_quoted(_STATUS_VIEWS[View.WAITING_CUSTOMER])})",
            [],
        ),
        View.CHARGEBACKS: (f"c.kind = '{Kind.CHARGEBACK.value}' AND {open_}", []),
        View.CLOSED: (f"c.status IN ({_FINISHED})", []),
        View.ALL: ("1", []),
    }
    return conditions[view]


@dataclass(frozen=True)
class Filters:
    statuses: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    supplier_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    currencies: tuple[str, ...] = ()
    opened_from: date | None = None
    opened_to: date | None = None
    search: str = ""
    #: Only cases on which a risk signal fires (see domain/risk.py).
    flagged: bool = False
    #: Cases with a line of one of these SKUs.
    skus: tuple[str, ...] = ()
    #: An explicit set of cases (a drill-down from the Reports area); None = no limit.
    case_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class InboxQuery:
    view: View = View.NEEDS_ACTION
    filters: Filters = field(default_factory=Filters)
    sort: Column | None = None
    descending: bool = False


#: The ORDER BY keys of each column, each given the sort direction (a key may hold commas).
_SORT_SQL: dict[Column, tuple[str, ...]] = {
    Column.RMA: ("c.id",),
    Column.ORDER: ("o.number", "o.id"),
    Column.CUSTOMER: ("cu.name COLLATE NOCASE", "cu.id"),
    Column.PRODUCT: (f"{_PRODUCT_SQL} COLLATE NOCASE",),
    Column.REASON: ("c.reason",),
    Column.STATUS: ("c.status",),
    Column.SUPPLIER: ("s.name COLLATE NOCASE", "s.id"),
    # Amounts of different currencies are not comparable: group by currency first.
    Column.AMOUNT: ("c.currency", "c.amount_minor"),
    Column.NEXT_DUE: ("c.next_due_on IS NULL", "c.next_due_on"),
    Column.LAST_ACTIVITY: ("c.updated_at",),
    Column.WAITING_ON: (_WAITING_ON_SQL,),
}

#: Columns of another table whose order is read along that table's index (a page stops
#: after its rows; see ``store.inbox_columns``).
_COLUMN_WALKS: dict[Column, Callable[[str, list[object], bool, int | None], list[int]]] = {
    Column.ORDER: inbox_columns.by_order_number,
    Column.CUSTOMER: inbox_columns.by_customer_name,
    Column.SUPPLIER: inbox_columns.by_supplier_name,
}

_FROM = """FROM "case" c
JOIN "order" o ON o.id = c.order_id
JOIN customer cu ON cu.id = o.customer_id
LEFT JOIN supplier s ON s.id = c.supplier_id"""


def _in(column: str, values: Sequence[object]) -> tuple[str, list[object]]:
    return f"{column} IN ({marks(len(values))})", list(values)


def _where(query: InboxQuery, today: date, case_by_case: bool = False) -> tuple[str, list[object]]:
    """The WHERE condition of the query's cases; its search asked case by case when
    ``case_by_case`` (only along a walk that stops after a page: see ``_case_by_case``)."""
    parts: list[str] = []
    params: list[object] = []
    condition, view_params = view_condition(query.view, today)
    parts.append(condition)
    params += view_params
    f = query.filters
    chosen: tuple[tuple[str, Sequence[object]], ...] = (
        ("c.status", f.statuses),
        ("c.reason", f.reasons),
        ("c.supplier_id", f.supplier_ids),
        ("c.kind", f.kinds),
        ("c.currency", f.currencies),
    )
    for column, values in chosen:
        if values:
            sql, p = _in(column, values)
            parts.append(sql)
            params += p
    if f.opened_from:
        parts.append("c.opened_at >= ?")
        params.append(f.opened_from.isoformat())
    if f.opened_to:
        parts.append("c.opened_at < ?")
        params.append((f.opened_to + timedelta(days=1)).isoformat())
    if f.skus:
        sql, p = _in("ol.sku", f.skus)
        parts.append(
            "EXISTS (SELECT 1 FROM case_line cl JOIN order_line ol ON ol.id = cl.order_line_id "
            f"WHERE cl.case_id = c.id AND {sql})"
        )
        params += p
    if f.case_ids is not None:
        parts.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(f.case_ids)))
    if f.flagged:
        sql, p = flagged_filter_sql(today, thresholds())
        parts.append(f"c.id IN ({sql})")
        params += p
    if f.search.strip():
        built = match_condition(f.search, "c.id", case_by_case)
        if built is None:
            parts.append("0")
        else:
            search_sql, search_params = built
            parts.append(search_sql)
            params += search_params
    return " AND ".join(parts), params


def _mask(today: date) -> tuple[str, list[object]]:
    """The risk mask of case ``c``: read from the snapshot when it is fresh."""
    t = thresholds()
    if snapshot_fresh(today, t):
        return "coalesce((SELECT rf.mask FROM risk_flagged rf WHERE rf.case_id = c.id), 0)", []
    return mask_sql(today, t)


def case_ids(query: InboxQuery, today: date, limit: int | None = None) -> list[int]:
    """Ids of the cases the query shows, in display order (the first ``limit`` of them)."""
    if _walkable(query, limit) and _walks_in_order(query):
        by_case = limit is not None and _case_by_case(query.filters.search)
        where, params = _where(query, today, by_case)
        return _walk(query, where, params, limit)
    where, params = _where(query, today)
    needs_joins = query.sort in (Column.ORDER, Column.CUSTOMER, Column.SUPPLIER)
    source = _FROM if needs_joins else 'FROM "case" c'
    sort_params: list[object] = []
    if query.sort == Column.RISK:
        mask, sort_params = _mask(today)
        direction = " DESC" if query.descending else ""
        order = f"{mask}{direction}, c.id{direction}"
    elif query.sort is None:  # a narrow search's or a drill-down's few cases, sorted
        if query.view in _LATEST_FIRST:
            order = "c.updated_at DESC, c.id DESC"
        else:
            order = "c.next_due_on IS NULL, c.next_due_on, c.id"
    else:
        direction = " DESC" if query.descending else ""
        keys = [f"{key}{direction}" for key in _SORT_SQL[query.sort]]
        order = ", ".join(keys) + f", c.id{direction}"
    return inbox_order.ids(
        f"SELECT c.id {source} WHERE {where} ORDER BY {order}", params + sort_params, limit
    )


def _walkable(query: InboxQuery, limit: int | None) -> bool:
    """Whether the query's order is read by walking an index in that order: a column of
    another table only for a page, its whole list is sorted (at 1,000,000 cases, walking
    every customer to reach their cases took 22–31 s where the sort takes 0.4–6 s)."""
    if query.sort in (None, Column.LAST_ACTIVITY):
        return True
    return limit is not None and query.sort in _COLUMN_WALKS


def _walk(query: InboxQuery, where: str, params: list[object], limit: int | None) -> list[int]:
    """The query's cases read along an index in its order (see ``_walkable``)."""
    column_walk = _COLUMN_WALKS.get(query.sort) if query.sort is not None else None
    if column_walk is not None:
        return column_walk(where, params, query.descending, limit)
    if query.sort == Column.LAST_ACTIVITY:
        return _by_last_activity(query.view, where, params, query.descending, limit)
    if query.view in _LATEST_FIRST:
        return _by_last_activity(query.view, where, params, True, limit)
    return _most_urgent_first(query.view, where, params, limit)


def _walks_in_order(query: InboxQuery) -> bool:
    """Whether a walkable order is read by walking its index, a page stopping after its
    rows: always, but for a few cases named (a drill-down) or a narrow search, cheaper
    looked up and sorted."""
    named = query.filters.case_ids
    if named is not None and len(named) < BROAD_SEARCH:
        return False
    search = query.filters.search
    return not search.strip() or matches_at_least(search, BROAD_SEARCH)


def _case_by_case(search: str) -> bool:
    """Whether a page's walk asks each case it passes whether it matches the search,
    instead of gathering every match first: for short words matching many cases. At
    1,000,000 cases gathering the matches of "e" took 150–280 ms, where a page needs
    only a few seeks per row (see ``search.is_prefix_indexed``). A whole id list is
    still read from the gathered matches: asking a million cases one by one is slower."""
    return is_prefix_indexed(search) and matching_share(search) >= CASE_BY_CASE_SHARE


def _by_last_activity(
    view: View, where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    """By latest activity (Closed and All's own order, newest first). A view of a few
    statuses walks ``case_status_updated`` status by status; another walks
    ``case_updated``, but the oldest activity first of an open view walks its statuses
    too: along ``case_updated`` it would pass the many old closed cases first."""
    statuses = _STATUS_VIEWS.get(view, _CLOSED if view == View.CLOSED else None)
    if statuses is None and not descending and view != View.ALL:
        statuses = _OPEN
    if statuses is None:
        d = " DESC" if descending else ""
        return inbox_order.walk("case_updated", where, params, f"c.updated_at{d}, c.id{d}", limit)
    return inbox_order.walk_statuses(
        "case_status_updated", "c.updated_at", where, params, statuses, descending, limit
    )


def _most_urgent_first(
    view: View, where: str, params: list[object], limit: int | None
) -> list[int]:
    """The view's cases by deadline (earliest first), along an index, then those with
    none, by id (read only when the dated ones do not fill the page)."""
    dated_where = f"{where} AND c.next_due_on IS NOT NULL"
    statuses = _STATUS_VIEWS.get(view)

    def dated(count: int | None) -> list[int]:
        if statuses is None:
            order = "c.next_due_on, c.id"
            return inbox_order.walk("case_next_due", dated_where, params, order, count)
        return inbox_order.walk_statuses(
            "case_status_due", "c.next_due_on", dated_where, params, statuses, False, count
        )

    def undated(count: int | None) -> list[int]:
        return inbox_order.ids(
            f'SELECT c.id FROM "case" c WHERE {where} AND c.next_due_on IS NULL ORDER BY c.id',
            params,
            count,
        )

    if view in _DATED_VIEWS:
        return dated(limit)
    return inbox_order.in_turn(limit, dated, undated)


def view_counts(filters: Filters, today: date) -> dict[View, int]:
    """How many cases each view holds under the current filters, in one pass."""
    sums: list[str] = []
    params: list[object] = []
    for view in View:
        condition, values = view_condition(view, today)
        sums.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
        params += values
    where, where_params = _where(InboxQuery(View.ALL, filters), today)
    row = database.execute_sql(
        f'SELECT {", ".join(sums)} FROM "case" c WHERE {where}', params + where_params
    ).fetchone()
    return {view: int(value or 0) for view, value in zip(View, row, strict=True)}


@dataclass(frozen=True)
class InboxRow:
    id: int
    rma: str
    order_number: str
    customer: str
    product: str
    reason: str
    status: str
    kind: str
    supplier: str
    amount_minor: int
    currency: str
    next_due_on: date | None
    next_due_code: str
    updated_at: datetime
    waiting_on: str
    #: Risk rules firing on the case, as ``domain.risk.BIT`` flags (0 = none).
    risk: int = 0


def fetch_rows(ids: list[int], today: date | None = None) -> dict[int, InboxRow]:
    """Display rows for the given case ids (any order; missing ids are simply absent)."""
    if not ids:
        return {}
    mask, mask_params = _mask(today or datetime.now(UTC).date())
    sql = f"""SELECT c.id, c.rma, o.number, cu.name, COALESCE({_PRODUCT_SQL}, ''), c.reason,
                     c.status, c.kind, COALESCE(s.name, ''), c.amount_minor, c.currency,
                     c.next_due_on, c.next_due_code, c.updated_at, {_WAITING_ON_SQL}, {mask}
              {_FROM} WHERE c.id IN ({marks(len(ids))})"""
    result: dict[int, InboxRow] = {}
    for row in database.execute_sql(sql, mask_params + list(ids)).fetchall():
        case_id, rma, number, customer, product, reason, status, kind, supplier = row[:9]
        amount, currency, due, due_code, updated, waiting, risk = row[9:]
        result[case_id] = InboxRow(
            case_id,
            rma,
            number,
            customer,
            product,
            reason,
            status,
            kind,
            supplier,
            amount,
            currency,
            date.fromisoformat(due) if due else None,
            due_code,
            from_stamp(updated),
            waiting,
            risk or 0,
        )
    return result


def distinct_currencies() -> list[str]:
    return distinct_values("case", "currency")


def overdue_replies(now_stamp: str) -> int:
    """Claims sent to suppliers still awaiting a reply whose reply was due by ``now_stamp``."""
    row = database.execute_sql(
        "SELECT count(*) FROM supplier_contact WHERE awaiting_reply = 1 "
        "AND answered_at IS NULL AND reply_due_at <= ?",
        (now_stamp,),
    ).fetchone()
    return int(row[0])


def supplier_choices() -> list[tuple[str, int]]:
    """(name, id) of every supplier, by name, for the inbox's supplier filter."""
    rows = database.execute_sql("SELECT name, id FROM supplier ORDER BY name, id").fetchall()
    return [(name, supplier_id) for name, supplier_id in rows]
