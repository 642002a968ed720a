"""Stateful property test: random postings and reversals; derived totals equal plain sums."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import hypothesis.strategies as st
import pytest
from factories import make_case, make_order, make_supplier
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from peewee import IntegrityError

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import DIRECTION, PAYOUT_SIGN, Direction, LedgerKind
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput
from returnsdesk.session import close_session, open_session
from returnsdesk.store import ledger_sql
from returnsdesk.store.db import database
from returnsdesk.store.models import LedgerEntry

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)
KINDS = list(LedgerKind)


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def open_store(self):
        self.tmp = tempfile.TemporaryDirectory()
        open_session(Path(self.tmp.name) / "data")
        database.execute_sql("PRAGMA synchronous = OFF")  # speed only; a throwaway store
        supplier_a = make_supplier("A")
        supplier_b = make_supplier("B")
        self.cases = []
        for i, (supplier, currency) in enumerate(
            [(supplier_a, "EUR"), (supplier_a, "EUR"), (supplier_b, "JPY")]
        ):
            order = make_order(f"#{i}", supplier=supplier, currency=currency)
            self.cases.append(make_case(NOW, order=order))
        self.cases.append(make_case(NOW, order=self.cases[0].order))  # same order twice

    def teardown(self):
        if hasattr(self, "tmp"):
            close_session()
            self.tmp.cleanup()

    @rule(
        case_index=st.integers(0, 3),
        kind=st.sampled_from(KINDS),
        amount=st.integers(1, 12_000),
        days_ago=st.integers(0, 90),
        override=st.booleans(),
    )
    def post(self, case_index, kind, amount, days_ago, override):
        case = self.cases[case_index]
        data = EntryInput(
            case.id,
            kind,
            amount,
            case.currency,
            entry_date=NOW.date() - timedelta(days=days_ago),
            memo='=HYPERLINK("http://x","y")' if kind.startswith("other") else "",
            override_note="forced" if override else "",
        )
        before = LedgerEntry.select().count()
        try:
            ledger.post_entry(data, now=NOW)
        except InputError:
            assert LedgerEntry.select().count() == before
            self._check_refusal_was_right(case, kind, amount, override)

    def _check_refusal_was_right(self, case, kind, amount, override):
        entries = list(LedgerEntry.select())
        if kind in PAYOUT_SIGN and PAYOUT_SIGN[kind] > 0:
            assert not override
            paid_back = sum(
                PAYOUT_SIGN.get(LedgerKind(e.kind), 0) * self._net(e)
                for e in entries
                if e.case.order_id == case.order_id
            )
            assert amount > case.order.total_minor - paid_back
        elif kind == LedgerKind.STORE_CREDIT_REDEEMED:
            assert amount > self._credit(case.order.customer_id, case.currency, entries)
        else:
            pytest.fail(f"unexpected refusal of {kind}")

    @precondition(lambda self: LedgerEntry.select().count() > 0)
    @rule(data=st.data())
    def reverse(self, data):
        ids = [e.id for e in LedgerEntry.select(LedgerEntry.id)]
        target = LedgerEntry.get_by_id(data.draw(st.sampled_from(ids)))
        reversed_already = LedgerEntry.select().where(LedgerEntry.reverses == target.id).exists()
        before = LedgerEntry.select().count()
        try:
            ledger.reverse_entry(target.id, "property test", now=NOW)
        except InputError:
            assert LedgerEntry.select().count() == before
            assert (
                target.reverses_id is not None
                or reversed_already
                or target.kind == LedgerKind.STORE_CREDIT_ISSUED
                or target.kind == LedgerKind.CHARGEBACK_REVERSAL  # payout guard
            )
        else:
            assert target.reverses_id is None and not reversed_already

    @precondition(lambda self: LedgerEntry.select().count() > 0)
    @rule(data=st.data(), delete=st.booleans())
    def try_to_edit(self, data, delete):
        ids = [e.id for e in LedgerEntry.select(LedgerEntry.id)]
        target = data.draw(st.sampled_from(ids))
        sql = (
            "DELETE FROM ledger_entry WHERE id = ?"
            if delete
            else "UPDATE ledger_entry SET amount_minor = amount_minor + 1 WHERE id = ?"
        )
        with pytest.raises(IntegrityError):
            database.execute_sql(sql, (target,))

    # --- plain Python model of the figures --------------------------------------------

    @staticmethod
    def _net(entry):
        return -entry.amount_minor if entry.reverses_id else entry.amount_minor

    def _credit(self, customer_id, currency, entries):
        total = 0
        for e in entries:
            if e.case.order.customer_id != customer_id or e.currency != currency:
                continue
            if e.kind == LedgerKind.STORE_CREDIT_ISSUED:
                total += self._net(e)
            elif e.kind == LedgerKind.STORE_CREDIT_REDEEMED:
                total -= self._net(e)
        return total

    @invariant()
    def figures_equal_plain_sums(self):
        if not hasattr(self, "cases"):
            return
        entries = list(LedgerEntry.select())
        for case in self.cases:
            paid = sum(
                self._net(e)
                for e in entries
                if e.case_id == case.id and DIRECTION[LedgerKind(e.kind)] == Direction.PAID_OUT
            )
            back = sum(
                self._net(e)
                for e in entries
                if e.case_id == case.id and DIRECTION[LedgerKind(e.kind)] == Direction.RECOVERED
            )
            money = ledger.case_money(case.id)
            assert (money.paid_out, money.recovered, money.net_cost) == (paid, back, paid - back)
            customer = case.order.customer_id
            balance = self._credit(customer, case.currency, entries)
            assert ledger.customer_credit(customer).get(case.currency, 0) == balance
            assert balance >= 0
        # per supplier
        expected = defaultdict(lambda: [0, 0])
        for e in entries:
            key = (e.case.supplier_id, e.currency)
            expected[key]  # every supplier with entries gets a row, even all zero
            if e.case.fault == "supplier" and DIRECTION[LedgerKind(e.kind)] == Direction.PAID_OUT:
                expected[key][0] += self._net(e)
            if e.kind == LedgerKind.SUPPLIER_REIMBURSEMENT:
                expected[key][1] += self._net(e)
        got = {
            (r.supplier_id, r.currency): [r.claimed, r.recovered] for r in ledger.supplier_money()
        }
        assert got == dict(expected)
        # per period: month × kind × currency
        start = date(2026, 3, 1)
        period = defaultdict(lambda: [0, 0])
        for e in entries:
            if e.entry_date < start:
                continue
            key = (e.entry_date.strftime("%Y-%m"), e.kind, e.currency)
            period[key][0] += 1
            period[key][1] += self._net(e)
        got = {
            (t.month, t.kind, t.currency): [t.count, t.net]
            for t in ledger.period_totals(start, None)
        }
        assert got == dict(period)
        # filtered totals (ledger screen) per currency
        for t in ledger_sql.filtered_totals(ledger_sql.LedgerFilter()):
            signed = 0
            for e in entries:
                if e.currency != t.currency:
                    continue
                direction = DIRECTION[LedgerKind(e.kind)]
                if direction == Direction.PAID_OUT:
                    signed -= self._net(e)
                elif direction == Direction.RECOVERED:
                    signed += self._net(e)
            assert t.net == signed


TestLedgerMachine = LedgerMachine.TestCase
TestLedgerMachine.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
