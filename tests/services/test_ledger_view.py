"""services.ledger_view: what the window's ledger widgets read, as frozen view objects."""

from __future__ import annotations

import dataclasses

import pytest
from factories import make_case, make_order

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput
from returnsdesk.services.ledger_view import (
    LedgerFilter,
    case_money_view,
    entry_ids,
    entry_rows,
    ids_reader,
    ledger_choices,
)


def test_case_money_view_reads_the_case_its_order_and_the_credit(store, now):
    order = make_order()  # €91.00
    case = make_case(now, order=order)
    make_case(now, order=order)  # a second case on the same order
    ledger.post_entry(EntryInput(case.id, K.CUSTOMER_REFUND, 4000, "EUR"), now=now)
    ledger.post_entry(EntryInput(case.id, K.STORE_CREDIT_ISSUED, 1000, "EUR"), now=now)
    ledger.post_entry(EntryInput(case.id, K.SUPPLIER_REIMBURSEMENT, 2500, "EUR"), now=now)
    view = case_money_view(case.id)
    assert (view.rma, view.currency, view.order_total) == (case.rma, "EUR", 9100)
    assert view.order_cases == 2
    assert (view.paid_out, view.recovered, view.net_cost) == (5000, 2500, 2500)
    assert view.credit == 1000
    assert view.order_kind(K.CUSTOMER_REFUND) == 4000
    assert view.left_to_give_back == 9100 - 5000  # refunds and credit both give back
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.credit = 0  # type: ignore[misc]


def test_a_case_that_is_gone_is_refused(store):
    with pytest.raises(InputError, match="no longer exists"):
        case_money_view(404)


def test_ids_read_a_page_or_all_in_the_same_order(store, now):
    case = make_case(now)
    for amount in range(100, 110):
        ledger.post_entry(EntryInput(case.id, K.RETURN_LABEL_COST, amount, "EUR"), now=now)
    everything = entry_ids(LedgerFilter())
    assert len(everything) == 10
    assert entry_ids(LedgerFilter(), limit=4) == everything[:4]
    rows = entry_rows(everything)
    by_cash = ids_reader(LedgerFilter(), "amount", False)(None)  # most money out first
    assert by_cash == sorted(everything, key=lambda i: (rows[i].signed_minor, i))
    assert rows[by_cash[0]].amount_minor == 109
    rows = entry_rows(everything[:3] + [999_999])
    assert sorted(rows) == sorted(everything[:3])


def test_choices_list_suppliers_and_currencies_in_use(store, now):
    case = make_case(now)
    ledger.post_entry(EntryInput(case.id, K.RETURN_LABEL_COST, 500, "EUR"), now=now)
    choices = ledger_choices()
    assert choices.currencies == ("EUR",)
    assert [name for name, _id in choices.suppliers] == ["Atelier Lumière"]
