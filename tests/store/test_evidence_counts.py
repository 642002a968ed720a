"""``evidence_count`` (store/evidence_counts.py) is kept equal to the links counted anew by
its triggers, through any mix of links added, removed, restored, re-attributed and
deleted; the Evidence area's unfiltered total reads it instead of counting every link."""

from __future__ import annotations

from factories import make_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from returnsdesk.services.evidence import SuppliedBy
from returnsdesk.services.evidence_list import EvidenceFilter, count_evidence
from returnsdesk.store import evidence_counts
from returnsdesk.store.db import database
from returnsdesk.store.models import Case, Evidence, EvidenceFile

WHO = [who.value for who in SuppliedBy]
STEP = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(WHO)),
    st.tuples(st.just("remove"), st.integers(0, 20)),
    st.tuples(st.just("restore"), st.integers(0, 20)),
    st.tuples(st.just("attribute"), st.integers(0, 20), st.sampled_from(WHO)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)


def _kept() -> list[tuple]:
    rows = database.execute_sql("SELECT * FROM evidence_count WHERE links <> 0 ORDER BY 1, 2")
    return rows.fetchall()


def _counted_anew() -> list[tuple]:
    rows = database.execute_sql(
        "SELECT supplied_by, removed_at IS NOT NULL, count(*) FROM evidence GROUP BY 1, 2 "
        "ORDER BY 1, 2"
    )
    return rows.fetchall()


def _apply(step: tuple, case_id: int, file_id: int, now) -> None:
    ids = [e.id for e in Evidence.select(Evidence.id).order_by(Evidence.id)]
    kind = step[0]
    if kind == "add":
        Evidence.create(
            case=case_id, file=file_id, supplied_by=step[1], original_name="a.jpg", added_at=now
        )
        return
    if not ids:
        return
    target = ids[step[1] % len(ids)]
    if kind == "remove":
        Evidence.update(removed_at=now).where(Evidence.id == target).execute()
    elif kind == "restore":
        Evidence.update(removed_at=None).where(Evidence.id == target).execute()
    elif kind == "attribute":
        Evidence.update(supplied_by=step[2]).where(Evidence.id == target).execute()
    else:
        Evidence.delete().where(Evidence.id == target).execute()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(STEP, max_size=25))
def test_the_kept_counts_equal_a_fresh_count_after_any_writes(store, now, steps):
    case = Case.select().first() or make_case(now)  # kept across examples; links are not
    file = EvidenceFile.get_or_none() or EvidenceFile.create(
        sha256="b" * 64, size=1, mime="image/jpeg"
    )
    with database.atomic() as transaction:
        for step in steps:
            _apply(step, case.id, file.id, now)
        assert _kept() == _counted_anew()
        for who in ("", *WHO):
            for removed in (False, True):
                flt = EvidenceFilter(supplied_by=who, include_removed=removed)
                scanned = (
                    Evidence.select()
                    .where(
                        (Evidence.supplied_by == who if who else True)
                        & (True if removed else Evidence.removed_at.is_null())
                    )
                    .count()
                )
                assert count_evidence(flt) == scanned
        transaction.rollback()


def test_the_unfiltered_total_is_read_from_the_kept_counts(store, now):
    database.execute_sql("INSERT INTO evidence_count VALUES ('customer', 0, 7)")  # planted
    assert count_evidence(EvidenceFilter()) == 7
    assert count_evidence(EvidenceFilter(supplied_by="customer")) == 7
    assert count_evidence(EvidenceFilter(media="image")) == 0  # a filter counts the links
    assert evidence_counts.kept_links("supplier", include_removed=True) == 0
