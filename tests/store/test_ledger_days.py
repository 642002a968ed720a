"""Ledger totals per day, kind and currency (store/ledger_days.py): kept by a trigger equal
to the entries summed anew, read by the period totals, the Ledger screen's currency
totals and the report's money, each equal to a plain sum over the entries; a drift is
reported by the store check; a version-15 store gains the table with its content."""

from __future__ import annotations

from datetime import date, timedelta

from factories import make_case, make_order, make_supplier
from old_store import add_one_case, store_at_version

from returnsdesk.domain.ledger import DIRECTION, Direction, net_amount, signed_amount
from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import health, ledger
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store import ledger_days, ledger_sql, migrations
from returnsdesk.store import reports as q
from returnsdesk.store.db import database, open_store
from returnsdesk.store.models import LedgerEntry
from returnsdesk.store.sql_script import execute_script


def _kept() -> list[tuple]:
    return sorted(database.execute_sql("SELECT * FROM ledger_day").fetchall())


def _entries() -> list[tuple[date, str, str, int, int]]:
    """(date, kind, currency, net, signed) of every entry, by ``domain.ledger``'s rules."""
    rows = []
    for e in LedgerEntry.select():
        net = net_amount(e.amount_minor, e.reverses_id is not None)
        signed = signed_amount(e.kind, e.amount_minor, e.reverses_id is not None)
        rows.append((e.entry_date, e.kind, e.currency, net, signed))
    return rows


def _plain_days() -> list[tuple]:
    days: dict[tuple[str, str, str], list[int]] = {}
    for day, kind, currency, net, signed in _entries():
        total = days.setdefault((day.isoformat(), kind, currency), [0, 0, 0])
        total[0] += 1
        total[1] += net
        total[2] += signed
    return sorted((*key, *values) for key, values in days.items())


def _post(case, kind, amount, on, now, currency="EUR"):
    return ledger.post_entry(EntryInput(case.id, kind, amount, currency, entry_date=on), now=now)


def _two_currencies(now) -> None:
    day = now.date()
    supplier = make_supplier("Alpha")
    case = make_case(now, order=make_order("#1", supplier=supplier))
    dollars = make_case(now, order=make_order("#2", supplier=supplier, currency="USD"))
    refund = _post(case, K.CUSTOMER_REFUND, 4900, day, now)
    _post(case, K.CUSTOMER_REFUND, 1000, day, now)  # same day, kind and currency: one row
    _post(case, K.SUPPLIER_REIMBURSEMENT, 3000, day - timedelta(days=40), now)
    _post(dollars, K.RETURN_LABEL_COST, 700, day - timedelta(days=3), now, "USD")
    _post(dollars, K.SUPPLIER_REIMBURSEMENT, 250, day, now, "USD")
    ledger.reverse_entry(refund.id, "Posted twice", now=now)  # a reversal counts negative


def test_the_trigger_keeps_each_day_equal_to_its_entries(store, now):
    _two_currencies(now)
    assert _kept() == _plain_days()
    assert len(_kept()) < LedgerEntry.select().count()  # entries of a day share a row
    with database.atomic():
        execute_script(database, ledger_days.SUMMARY.rebuild)
    assert _kept() == _plain_days()


def test_totals_read_from_the_days_equal_plain_sums_of_the_entries(store, now):
    """Ledger screen (currency totals under a date, kind or currency filter), the
    accounting export (month × kind × currency) and the report's money per currency."""
    _two_currencies(now)
    entries = _entries()
    start = now.date() - timedelta(days=7)

    def by_currency(rows):
        out: dict[str, list[int]] = {}
        for _day, kind, currency, net, _signed in rows:
            total = out.setdefault(currency, [0, 0, 0])
            total[0] += 1
            if DIRECTION[K(kind)] == Direction.PAID_OUT:
                total[1] += net
            elif DIRECTION[K(kind)] == Direction.RECOVERED:
                total[2] += net
        return out

    def shown(flt):
        return {
            t.currency: [t.count, t.paid_out, t.recovered] for t in ledger_sql.filtered_totals(flt)
        }

    everything = by_currency(entries)
    assert shown(ledger_sql.LedgerFilter()) == everything
    assert everything["EUR"] == [4, 4900 + 1000 - 4900, 3000]
    recent = by_currency(e for e in entries if e[0] >= start)
    assert shown(ledger_sql.LedgerFilter(date_from=start)) == recent
    refunds = by_currency(e for e in entries if e[1] == K.CUSTOMER_REFUND)
    assert shown(ledger_sql.LedgerFilter(kind=K.CUSTOMER_REFUND.value)) == refunds
    usd = by_currency(e for e in entries if e[2] == "USD")
    assert shown(ledger_sql.LedgerFilter(currency="USD")) == usd
    assert ledger_sql.count_in_period(start, None) == sum(1 for e in entries if e[0] >= start)
    months = {
        (t.month, t.kind, t.currency): (t.count, t.net)
        for t in ledger_sql.period_totals(start, None)
    }
    plain: dict[tuple, list[int]] = {}
    for day, kind, currency, net, _signed in entries:
        if day >= start:
            total = plain.setdefault((day.strftime("%Y-%m"), kind, currency), [0, 0])
            total[0] += 1
            total[1] += net
    assert months == {key: tuple(value) for key, value in plain.items()}
    period = q.Period(start, now.date())
    money = {row.currency: row for row in q.money_by_currency(period)}
    assert set(money) == set(recent)
    assert (money["EUR"].refunds, money["EUR"].paid_out) == (1000, 1000)
    assert (money["USD"].reimbursements, money["USD"].recovered, money["USD"].paid_out) == (
        250,
        250,
        700,
    )


def test_a_day_total_that_drifted_from_its_entries_is_reported(demo_store):
    checked = health.check_store(demo_store.evidence_dir).findings
    assert not [f for f in checked if f.text.startswith("Totals for")]
    database.execute_sql(
        "UPDATE ledger_day SET net = net + 1 WHERE (entry_date, kind, currency) = "
        "(SELECT entry_date, kind, currency FROM ledger_day LIMIT 1)"
    )
    texts = [f.text for f in health.check_store(demo_store.evidence_dir).findings]
    assert [t for t in texts if t.startswith("Totals for")]


def test_version_15_store_gains_the_day_totals_with_their_content(tmp_path):
    path = tmp_path / "v15.sqlite3"
    db = store_at_version(path, 15)
    add_one_case(db, "new")
    db.execute_sql(
        "INSERT INTO ledger_entry(case_id, entry_date, kind, amount_minor, currency, created_at) "
        "VALUES (1, '2026-01-03', 'customer_refund', 4900, 'EUR', '2026-01-03 00:00:00'), "
        "(1, '2026-01-03', 'customer_refund', 100, 'EUR', '2026-01-03 00:00:00'), "
        "(1, '2026-01-04', 'supplier_reimbursement', 1200, 'EUR', '2026-01-04 00:00:00')"
    )
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        rows = db.execute_sql("SELECT * FROM ledger_day ORDER BY entry_date").fetchall()
        assert rows == [
            ("2026-01-03", "customer_refund", "EUR", 2, 5000, -5000),
            ("2026-01-04", "supplier_reimbursement", "EUR", 1, 1200, 1200),
        ]
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
        assert set(ledger_days.SUMMARY.trigger_names) <= names
    finally:
        db.close()
