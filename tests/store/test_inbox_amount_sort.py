"""Sorting the inbox by amount never mixes currencies (seen: PLN 1,548 above €424)."""

from __future__ import annotations

from factories import make_case, make_order, make_supplier

from returnsdesk.services.orders import LineInput
from returnsdesk.store.inbox import Column, InboxQuery, View, case_ids


def _case(now, number, currency, price, supplier):
    order = make_order(
        number, supplier, currency=currency, lines=[LineInput("Item", 1, price, sku=number)]
    )
    return make_case(now, order=order)


def test_amount_sort_groups_by_currency_then_amount(store, now):
    supplier = make_supplier()
    eur_small = _case(now, "#1", "EUR", 4_200, supplier)
    pln = _case(now, "#2", "PLN", 154_800, supplier)
    eur_big = _case(now, "#3", "EUR", 42_400, supplier)
    pln_small = _case(now, "#4", "PLN", 1_000, supplier)
    query = InboxQuery(View.ALL, sort=Column.AMOUNT)
    assert case_ids(query, now.date()) == [eur_small.id, eur_big.id, pln_small.id, pln.id]
    query = InboxQuery(View.ALL, sort=Column.AMOUNT, descending=True)
    assert case_ids(query, now.date()) == [pln.id, pln_small.id, eur_big.id, eur_small.id]
