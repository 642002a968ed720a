"""The gallery's reads (services.evidence_list): the count joins only what the filter needs
and still agrees with the list; the newest items come from an index, in order."""

from __future__ import annotations

from datetime import date

import pytest

from returnsdesk.services.evidence_files import MediaType
from returnsdesk.services.evidence_list import (
    EvidenceFilter,
    count_evidence,
    gallery_page,
    list_evidence,
    newest_query,
)
from returnsdesk.store.db import database
from returnsdesk.store.models import Evidence


def _filters() -> list[EvidenceFilter]:
    first = Evidence.select().order_by(Evidence.id).first()
    rma, supplier = first.case.rma, first.case.supplier_id
    return [
        EvidenceFilter(),
        EvidenceFilter(include_removed=True),
        *[EvidenceFilter(media=m.value) for m in MediaType],
        EvidenceFilter(supplied_by="customer"),
        EvidenceFilter(rma=rma.lower()),
        EvidenceFilter(supplier_id=supplier),
        EvidenceFilter(case_id=first.case_id),
        EvidenceFilter(added_from=date(2026, 1, 1), added_to=date(2026, 12, 31)),
        EvidenceFilter(media=MediaType.IMAGE.value, supplier_id=supplier, rma="RMA"),
    ]


def test_the_count_agrees_with_the_list_for_every_filter(demo_store):
    for flt in _filters():
        assert count_evidence(flt) == len(list_evidence(flt)), flt


@pytest.mark.parametrize("limit", [1, 5])
def test_a_cut_page_says_how_many_match_in_all(demo_store, limit):
    page = gallery_page(EvidenceFilter(), limit)
    everything = list_evidence(EvidenceFilter())
    assert [i.id for i in page.items] == [i.id for i in everything[:limit]]  # newest first
    assert page.total == len(everything) and page.summary is None


def test_the_newest_items_are_read_from_the_index(demo_store):
    sql, params = newest_query(EvidenceFilter(), 10).sql()
    plan = " | ".join(r[-1] for r in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "INDEX evidence_added" in plan and "TEMP B-TREE" not in plan
