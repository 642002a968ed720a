"""``supplier_claim`` (store/claims.py) always equals the claims worked out from the rows.

The scorecards and the supplier risk rules read it; these tests hold its triggers to a
plain Python computation over the contacts and the ledger, after any sequence of writes
(sent and received messages, decisions, moved and deleted messages, reimbursements and
their reversals), and check the migration step fills it from an older store.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from old_store import add_one_case, store_at_version
from peewee import Database

from returnsdesk.store import migrations
from returnsdesk.store.db import database, open_store

APPROVING = ("approved", "partially_approved")
STAMPS = [f"2026-03-0{d} {h:02d}:00:00" for d in range(1, 4) for h in (8, 17)]
DAYS = ["2026-03-04", "2026-03-02", "2026-03-09"]


def expected_claims(db: Database) -> set[tuple]:
    """The claim of each (case, supplier) with a sent message, from the rows themselves."""
    contacts = db.execute_sql(
        "SELECT case_id, supplier_id, at, direction, decision FROM supplier_contact "
        "WHERE case_id IS NOT NULL"
    ).fetchall()
    money = db.execute_sql(
        "SELECT case_id, entry_date, amount_minor, reverses_id FROM ledger_entry "
        "WHERE kind = 'supplier_reimbursement'"
    ).fetchall()
    sent: dict[tuple[int, int], str] = {}
    for case_id, supplier_id, at, direction, _ in contacts:
        if direction == "sent":
            key = (case_id, supplier_id)
            sent[key] = min(sent.get(key, at), at)
    claims = set()
    for (case_id, supplier_id), first in sent.items():
        received = [c for c in contacts if c[0] == case_id and c[3] == "received"]
        replies = [c[2] for c in received if c[2] >= first]
        entries = [m for m in money if m[0] == case_id]
        paid_days = [m[1] for m in entries if m[3] is None]
        claims.add(
            (
                case_id,
                supplier_id,
                first,
                min(replies) if replies else None,
                int(any(c[4] in APPROVING for c in received)),
                sum(m[2] if m[3] is None else -m[2] for m in entries),
                min(paid_days) if paid_days else None,
            )
        )
    return claims


def stored_claims(db: Database) -> set[tuple]:
    return set(db.execute_sql("SELECT * FROM supplier_claim").fetchall())


def _setup_cases(db: Database) -> None:
    db.execute_sql("INSERT INTO customer(id, name, email, created_at) VALUES (1, 'Zoë', '', '')")
    for sid in (1, 2):
        db.execute_sql(
            "INSERT INTO supplier(id, name, timezone, evidence_days, created_at) "
            "VALUES (?, ?, 'UTC', 15, '2026-01-01 00:00:00')",
            (sid, f"S{sid}"),
        )
    for cid in (1, 2, 3):
        db.execute_sql(
            'INSERT INTO "order"(id, number, customer_id, placed_at, currency) '
            "VALUES (?, ?, 1, '2026-01-01 00:00:00', 'EUR')",
            (cid, f"#{cid}"),
        )
        db.execute_sql(
            'INSERT INTO "case"(id, rma, order_id, kind, reason, status, currency, opened_at, '
            "updated_at) VALUES (?, ?, ?, 'return', 'defective', 'new', 'EUR', "
            "'2026-02-01 00:00:00', '2026-02-01 00:00:00')",
            (cid, f"RMA-{cid}", cid),
        )


contact = st.tuples(
    st.sampled_from([1, 2, None]),
    st.sampled_from([1, 2]),
    st.sampled_from(STAMPS),
    st.sampled_from(["sent", "received"]),
    st.sampled_from(["", "approved", "partially_approved", "rejected"]),
)
write = st.one_of(
    st.tuples(st.just("contact"), contact),
    st.tuples(st.just("move"), st.integers(0, 6), st.sampled_from([1, 2, None])),
    st.tuples(st.just("retime"), st.integers(0, 6), st.sampled_from(STAMPS)),
    st.tuples(st.just("decide"), st.integers(0, 6), st.sampled_from(["", "approved"])),
    st.tuples(st.just("delete"), st.integers(0, 6)),
    st.tuples(st.just("pay"), st.sampled_from([1, 2]), st.integers(1, 5000), st.sampled_from(DAYS)),
    st.tuples(st.just("reverse"), st.integers(0, 2)),
    st.tuples(st.just("refund"), st.sampled_from([1, 2])),  # not a supplier's money
)


def _nth(db: Database, table: str, n: int, where: str = "1") -> int | None:
    row = db.execute_sql(
        f"SELECT id FROM {table} WHERE {where} ORDER BY id LIMIT 1 OFFSET ?", (n,)
    ).fetchone()
    return row[0] if row else None


def _apply(db: Database, step: tuple) -> None:
    kind, *args = step
    if kind == "contact":
        db.execute_sql(
            "INSERT INTO supplier_contact(case_id, supplier_id, at, channel, direction, "
            "decision) VALUES (?, ?, ?, 'email', ?, ?)",
            args[0],
        )
    elif kind in ("move", "retime", "decide", "delete"):
        row = _nth(db, "supplier_contact", args[0])
        if row is None:
            return
        column = {"move": "case_id", "retime": "at", "decide": "decision"}.get(kind)
        if column:
            db.execute_sql(f"UPDATE supplier_contact SET {column} = ? WHERE id = ?", (args[1], row))
        else:
            db.execute_sql("DELETE FROM supplier_contact WHERE id = ?", (row,))
    elif kind in ("pay", "refund"):
        db.execute_sql(
            "INSERT INTO ledger_entry(case_id, entry_date, kind, amount_minor, currency, "
            "created_at) VALUES (?, ?, ?, ?, 'EUR', '')",
            (args[0], *(args[2], "supplier_reimbursement", args[1]))
            if kind == "pay"
            else (args[0], DAYS[0], "refund", 100),
        )
    elif kind == "reverse":
        where = "reverses_id IS NULL AND id NOT IN (SELECT reverses_id FROM ledger_entry "
        where += "WHERE reverses_id IS NOT NULL)"
        row = _nth(db, "ledger_entry", args[0], where)
        if row is not None:
            db.execute_sql(
                "INSERT INTO ledger_entry(case_id, entry_date, kind, amount_minor, currency, "
                "created_at, reverses_id) SELECT case_id, '2026-04-01', kind, amount_minor, "
                "currency, '', id FROM ledger_entry WHERE id = ?",
                (row,),
            )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(st.tuples(st.just("contact"), contact), min_size=1, max_size=6),
    steps=st.lists(write, max_size=20),
)
def test_the_triggers_keep_every_claim_equal_to_the_rows(store, first, steps):
    db = database
    with db.atomic() as transaction:
        _setup_cases(db)
        for step in first + steps:
            _apply(db, step)
            assert stored_claims(db) == expected_claims(db), step
        transaction.rollback()


def test_money_keeps_the_first_day_paid_and_nets_reversals(store):
    """A later entry dated earlier moves the first day back; a reversal (dated before the
    first payment, as a back-dated correction may be) subtracts and moves no day."""
    db = database
    with db.atomic():
        _setup_cases(db)
        _apply(db, ("contact", (1, 1, STAMPS[0], "sent", "")))
        _apply(db, ("pay", 1, 1500, "2026-03-09"))
        _apply(db, ("pay", 1, 700, "2026-03-04"))
        db.execute_sql(
            "INSERT INTO ledger_entry(case_id, entry_date, kind, amount_minor, currency, "
            "created_at, reverses_id) VALUES (1, '2026-03-02', 'supplier_reimbursement', 700, "
            "'EUR', '', (SELECT max(id) FROM ledger_entry))"
        )
        assert stored_claims(db) == expected_claims(db)
        assert stored_claims(db) == {(1, 1, STAMPS[0], None, 0, 1500, "2026-03-04")}


def test_suspended_triggers_are_made_good_on_resume(store):
    from returnsdesk.store import claims

    db = database
    with db.atomic():
        _setup_cases(db)
        claims.SUMMARY.suspend(db)
        _apply(db, ("contact", (1, 1, STAMPS[0], "sent", "")))
        _apply(db, ("contact", (1, 1, STAMPS[2], "received", "approved")))
        _apply(db, ("pay", 1, 1200, DAYS[0]))
        assert stored_claims(db) == set()
        claims.SUMMARY.resume(db)
        assert stored_claims(db) == expected_claims(db) != set()
        _apply(db, ("contact", (2, 2, STAMPS[1], "sent", "")))
        assert stored_claims(db) == expected_claims(db)


def test_version_10_store_gains_its_claims(tmp_path):
    path = tmp_path / "v10.sqlite3"
    db = store_at_version(path, 10)
    add_one_case(db, "awaiting_supplier")
    db.execute_sql(
        "INSERT INTO supplier(id, name, timezone, evidence_days, created_at) "
        "VALUES (1, 'S', 'UTC', 15, '2026-01-01 00:00:00')"
    )
    for at, direction, decision in (
        ("2026-01-03 09:00:00", "sent", ""),
        ("2026-01-05 09:00:00", "received", "approved"),
    ):
        db.execute_sql(
            "INSERT INTO supplier_contact(case_id, supplier_id, at, channel, direction, "
            "decision) VALUES (1, 1, ?, 'email', ?, ?)",
            (at, direction, decision),
        )
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert stored_claims(db) == {
            (1, 1, "2026-01-03 09:00:00", "2026-01-05 09:00:00", 1, 0, None)
        }
    finally:
        db.close()
