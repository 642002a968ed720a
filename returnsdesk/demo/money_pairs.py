"""Demo rows for the money stories that go wrong in real life (issue 12), each on one order:

1. a chargeback "credit not processed" on an order already refunded in full through a
   return case (the "you may be paying twice" warning shows on it);
2. a partial refund, then a chargeback "product unacceptable" for the whole order;
3. two partial refunds on one return case.

Rows are added to the demo generator's tables in its own layouts (``demo.generator``),
after its numbered cases, orders and lines; ``chargeback_facts`` are written with an
UPDATE once the rows are in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from returnsdesk.demo.events import event_row
from returnsdesk.domain.policy import end_of_day
from returnsdesk.store.models import to_stamp

if TYPE_CHECKING:
    from returnsdesk.demo.generator import Generator

#: A catalogue product: (sku, title, supplier index, price, personalised, variants).
Product = tuple[str, str, int, int, bool, list[str]]

_STORIES = ("credit_not_processed", "refund_then_chargeback", "partial_refunds")


Notice = tuple[str, str, str, int]
Rma = Callable[[int], str]


@dataclass(frozen=True, slots=True)
class _Sale:
    """The one-line order a story's cases are opened on."""

    order_id: int
    supplier_id: int
    line_id: int
    unit: int


def add_money_pairs(gen: Generator, products: Sequence[Product], rma: Rma) -> list[Notice]:
    """Append the three stories to ``gen``'s rows; returns the chargeback-fact updates
    ``(reason, processor, due_at stamp, case_id)``."""
    facts: list[Notice] = []
    for k, story in enumerate(_STORIES, start=1):
        order_id = gen.n + k
        customer_id, country, currency = gen.customers[k % len(gen.customers)]
        if currency != "EUR":
            customer_id, country, currency = next(c for c in gen.customers if c[2] == "EUR")
        sku, title, supplier_index, price, personalised, variants = products[k]
        unit = price * 100
        placed = gen.now - timedelta(days=40 + 5 * k)
        _order(gen, order_id, customer_id, country, currency, placed, unit)
        line_id = order_id * 4
        gen.add(
            "order_line",
            (line_id, order_id, k + 1, supplier_index + 1, sku, title, variants[0], 1, unit, 0)
            + (None, 0, 0),
        )
        opened = placed + timedelta(days=12)
        sale = _Sale(order_id, supplier_index + 1, line_id, unit)
        fact = _story(gen, rma, story, sale, opened)
        if fact is not None:
            facts.append(fact)
    return facts


def _story(gen: Generator, rma: Rma, story: str, sale: _Sale, opened: datetime) -> Notice | None:
    """The cases and money of one story; the chargeback's notice facts, if it has one."""
    unit = sale.unit
    ret, _rma = _case_row(gen, rma, sale, "return", "resolved", opened)
    if story == "credit_not_processed":
        _entry(gen, ret, opened + timedelta(days=6), "customer_refund", unit, "Full refund")
    elif story == "refund_then_chargeback":
        _entry(
            gen,
            ret,
            opened + timedelta(days=6),
            "customer_refund",
            unit * 30 // 100,
            "Partial refund (30 %) for a scratch",
        )
    else:
        _entry(
            gen,
            ret,
            opened + timedelta(days=4),
            "customer_refund",
            unit * 20 // 100,
            "Partial refund (20 %): late delivery",
        )
        _entry(
            gen,
            ret,
            opened + timedelta(days=9),
            "customer_refund",
            unit * 30 // 100,
            "Partial refund (30 %): missing part",
        )
        return None
    cb_opened = opened + timedelta(days=20)
    status = "chargeback_open" if story == "credit_not_processed" else "evidence_submitted"
    chargeback, chargeback_rma = _case_row(gen, rma, sale, "chargeback", status, cb_opened)
    _entry(
        gen,
        chargeback,
        cb_opened,
        "chargeback_debit",
        unit,
        "Disputed amount debited by the bank",
    )
    due_day = (min(cb_opened, gen.now) + timedelta(days=10)).date()
    gen.add(
        "case_event",
        event_row(
            ret,
            cb_opened,
            "note",
            "chargeback_linked",
            {"rma": chargeback_rma},
        ),
    )
    reason = "credit_not_processed" if story == "credit_not_processed" else "product_unacceptable"
    processor = "paypal" if story == "credit_not_processed" else "stripe"
    due_at = end_of_day(due_day, gen.store_policy.time_zone)
    return (reason, processor, to_stamp(due_at), chargeback)


def _order(
    gen: Generator,
    order_id: int,
    customer_id: int,
    country: str,
    currency: str,
    placed: datetime,
    unit: int,
) -> None:
    gen.add(
        "order",
        (
            order_id,
            "shopify",
            f"#{1000 + order_id}",
            customer_id,
            to_stamp(placed),
            to_stamp(placed + timedelta(minutes=3)),
            (placed + timedelta(days=2)).date().isoformat(),
            (placed + timedelta(days=7)).date().isoformat(),
            currency,
            unit,
            0,
            0,
            unit,
            "Card",
            f"ch_demo{order_id:06d}",
            "Colissimo",
            f"CO{order_id:09d}FR",
            country,
            country,
            "",
        ),
    )


def _case_row(
    gen: Generator, rma: Rma, sale: _Sale, kind: str, status: str, opened: datetime
) -> tuple[int, str]:
    """Adds the case (not as described, for the sale's full amount); returns id and RMA."""
    reason = "not_as_described"
    case_id = gen.count("case") + 1
    opened = min(opened, gen.now)
    due = (opened + timedelta(days=10)).date() if kind == "chargeback" else None
    # Only an unanswered chargeback has work left: its response (the first reply was made).
    awaiting_response = status == "chargeback_open"
    case_rma = rma(opened.year)
    gen.add(
        "case",
        (
            case_id,
            case_rma,
            sale.order_id,
            sale.supplier_id,
            kind,
            reason,
            "",
            "supplier",
            "refund",
            "refund" if kind == "return" else "",
            status,
            "",
            "",
            "",
            "",
            "",
            "EUR",
            sale.unit,
            to_stamp(opened),
            to_stamp(opened + timedelta(hours=5)),
            due.isoformat() if due else None,
            f"dp_demo{case_id:06d}" if kind == "chargeback" else "",
            None,
            None,
            to_stamp(opened + timedelta(days=1)),
            due.isoformat() if due and awaiting_response else None,
            "chargeback_response" if due and awaiting_response else "",
            1,
        ),
    )
    gen.add("case_line", (case_id, sale.line_id, 1))
    gen.add(
        "case_event",
        event_row(case_id, opened, "created", "case_opened", {"kind": kind, "reason": reason}),
    )
    return case_id, case_rma


def _entry(gen: Generator, case_id: int, when: datetime, kind: str, amount: int, memo: str) -> None:
    when = min(when, gen.now)
    gen.add(
        "ledger_entry",
        (
            case_id,
            when.date().isoformat(),
            kind,
            amount,
            "EUR",
            "Card",
            f"re_demo{case_id:04d}{gen.count('ledger_entry'):04d}",
            memo,
            None,
            "",
            to_stamp(when),
        ),
    )
