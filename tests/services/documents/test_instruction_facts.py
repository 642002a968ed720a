"""The facts the return instructions print, gathered by services.documents.instruction_facts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_case, make_order

from returnsdesk.domain.errors import InputError
from returnsdesk.services.case_view import load_case
from returnsdesk.services.documents.case_rows import case_rma
from returnsdesk.services.documents.instruction_facts import MIN_SHIP_DAYS, instructions_facts
from returnsdesk.store.models import Case, OrderLine


def _count_queries(monkeypatch) -> list[str]:
    database = Case._meta.database.obj
    seen: list[str] = []
    original = database.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)
    return seen


def test_the_case_its_order_customer_and_supplier_come_in_one_query(store, now, monkeypatch):
    case = make_case(now)
    seen = _count_queries(monkeypatch)
    loaded = load_case(case.id)
    names = (loaded.order.number, loaded.order.customer.name, loaded.supplier.name)
    assert names == ("#1042", "Chloé Dubois", "Atelier Lumière")
    assert len(seen) == 1, seen  # joins, not one lazy query per relation


def test_a_case_without_a_supplier_still_has_its_facts(store, now):
    case = make_case(now)
    Case.update(supplier=None).where(Case.id == case.id).execute()
    OrderLine.update(supplier=None).execute()
    loaded = load_case(case.id)
    assert loaded.supplier_id is None
    facts = instructions_facts(case.id, "en", now)
    assert facts.rma == case.rma
    assert facts.customer_name == "Chloé Dubois"


def test_the_items_are_the_case_lines_with_the_returned_quantity(store, now):
    order = make_order()
    lines = list(order.lines.order_by(OrderLine.id))
    case = make_case(now, order=order, lines=[(lines[1].id, 1)])
    facts = instructions_facts(case.id, "en", now)
    assert [(i.sku, i.quantity) for i in facts.items] == [("CSE-072", 1)]


def test_ship_by_never_leaves_less_than_fourteen_days(store, now):
    """Directive 2011/83/EU art. 14(1): 14 days to send the goods back after withdrawing."""
    case = make_case(now)
    facts = instructions_facts(case.id, "en", now)
    assert facts.ship_by >= now.date() + timedelta(days=MIN_SHIP_DAYS)


def test_the_address_names_the_country_in_the_readers_language(store, now):
    case = make_case(now)
    assert instructions_facts(case.id, "fr", now).customer_address.endswith("France")


def test_a_missing_case_is_refused_with_a_sentence(store, now):
    with pytest.raises(InputError, match="no longer exists"):
        instructions_facts(999, "en", now)
    with pytest.raises(InputError, match="no longer exists"):
        case_rma(999)


def test_case_rma_reads_the_number(store, now):
    case = make_case(now)
    assert case_rma(case.id) == case.rma
