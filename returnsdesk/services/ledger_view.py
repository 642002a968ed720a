"""What the window's ledger widgets read: entry ids and rows, totals, filter choices and
the money of one case, as small frozen view objects. The SQL stays in
``store.ledger_sql``; nothing above services imports the store for the ledger.

``LedgerFilter``, ``LedgerRow`` and ``CurrencyTotals`` are the store's frozen
dataclasses, handed on as they are (they hold plain values only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.ledger import LedgerKind, order_payout
from returnsdesk.store import ledger_sql
from returnsdesk.store.ledger_sql import CurrencyTotals, LedgerFilter, LedgerRow

__all__ = [
    "CaseMoneyView",
    "CurrencyTotals",
    "LedgerChoices",
    "LedgerFilter",
    "LedgerRow",
    "case_money_view",
    "entry_ids",
    "entry_rows",
    "filtered_totals",
    "ids_reader",
    "ledger_choices",
]


def entry_ids(
    flt: LedgerFilter, sort: str = "date", descending: bool = True, limit: int | None = None
) -> list[int]:
    """Ids of the entries ``flt`` selects, in display order (the first ``limit``)."""
    return ledger_sql.filtered_ids(flt, sort, descending, limit)


def ids_reader(flt: LedgerFilter, sort: str, descending: bool) -> Callable[[int | None], list[int]]:
    """A reader of the query's ids that holds the query (safe to call on a worker)."""
    return lambda limit: entry_ids(flt, sort, descending, limit)


def entry_rows(ids: list[int]) -> dict[int, LedgerRow]:
    """The display rows of ``ids`` by id, with their reversal links."""
    return ledger_sql.rows_by_id(ids)


def filtered_totals(flt: LedgerFilter) -> list[CurrencyTotals]:
    """Count, paid out and recovered per currency of the entries ``flt`` selects."""
    return ledger_sql.filtered_totals(flt)


@dataclass(frozen=True, slots=True)
class LedgerChoices:
    """The Ledger filters' lists: suppliers (name, id) and the currencies in use."""

    suppliers: tuple[tuple[str, int], ...]
    currencies: tuple[str, ...]


def ledger_choices() -> LedgerChoices:
    return LedgerChoices(
        tuple(ledger_sql.supplier_choices()), tuple(ledger_sql.currencies_in_use())
    )


@dataclass(frozen=True, slots=True)
class CaseMoneyView:
    """One case's money as its panel shows it, with its order's context."""

    case_id: int
    rma: str
    currency: str
    case_amount: int
    case_kind: str
    order_number: str
    order_total: int
    order_cases: int
    paid_out: int
    recovered: int
    credit: int
    #: Per ledger kind over every case of the order, net of reversals.
    order_by_kind: tuple[tuple[LedgerKind, int], ...]

    @property
    def net_cost(self) -> int:
        """Paid out minus recovered (positive = the case cost the merchant money)."""
        return self.paid_out - self.recovered

    def order_kind(self, kind: LedgerKind) -> int:
        return dict(self.order_by_kind).get(kind, 0)

    @property
    def left_to_give_back(self) -> int:
        """What the order may still give back to its customer (never below zero)."""
        return max(self.order_total - order_payout(dict(self.order_by_kind)), 0)


def case_money_view(case_id: int) -> CaseMoneyView:
    """The case's figures, its order's and its customer's credit: a few indexed reads."""
    facts = ledger_sql.case_facts(case_id)
    if facts is None:
        raise InputError(t("The case no longer exists."))
    paid_out, recovered = ledger_sql.case_totals(case_id)
    by_kind = ledger_sql.order_kind_totals(facts.order_id, facts.currency)
    credit = ledger_sql.customer_credit(facts.customer_id).get(facts.currency, 0)
    return CaseMoneyView(
        case_id=facts.case_id,
        rma=facts.rma,
        currency=facts.currency,
        case_amount=facts.case_amount,
        case_kind=facts.case_kind,
        order_number=facts.order_number,
        order_total=facts.order_total,
        order_cases=facts.order_cases,
        paid_out=paid_out,
        recovered=recovered,
        credit=credit,
        order_by_kind=tuple(sorted(by_kind.items())),
    )
