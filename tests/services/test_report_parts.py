"""The report's parts: each read alone gives what the whole report holds, and supplier
facts made from the period's own claims equal the rules' 12-month reading (issue #16:
the window, the PDF and ``report stats`` show the same figures)."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta

from returnsdesk.services import reports
from returnsdesk.services.reports import PARTS, PeriodReads, build_report, report_part
from returnsdesk.store import risk as risk_sql
from tests.conftest import NOW

END = NOW.date()
START = END - timedelta(days=364)  # the 12 months the risk rules look at


def test_each_part_read_alone_equals_the_whole_report(demo_store):
    whole = build_report(START, END, now=NOW)
    seen = set()
    flags: dict[str, tuple] = {}
    for name in PARTS:
        part = report_part(name, START, END, now=NOW)  # no memo shared with another part
        for key, value in part.items():
            if key in ("customer_flags", "supplier_flags"):
                flags[key] = value
                continue
            assert getattr(whole, key) == value, (name, key)
        seen |= set(part)
    # The risk signals are two parts (read side by side): the customers' then the suppliers'.
    assert whole.flags == flags["customer_flags"] + flags["supplier_flags"]
    assert {f.kind for f in flags["customer_flags"]} == {"customer"}
    assert {f.kind for f in flags["supplier_flags"]} == {"supplier"}
    seen = (seen - set(flags)) | {"flags"}
    overview_fields = {"period", "as_of", "orders", "units_sold", "closed", "open_now"}
    overview_fields |= {"money", "monthly", "open_cases"}
    assert seen | overview_fields == {f.name for f in fields(whole)}


def test_supplier_facts_made_from_the_period_equal_the_rules_reading(demo_store):
    memo = PeriodReads()
    report_part("scorecards", START, END, now=NOW, memo=memo)
    assert memo.supplier_facts is not None
    made = dict(memo.supplier_facts)
    read = risk_sql.supplier_facts(END)
    assert made == read
    assert any(f.claims for f in read.values())  # the demo store has claims to compare
    # Another period reads the rules' own 12 months.
    memo = PeriodReads()
    report_part("scorecards", END - timedelta(days=30), END, now=NOW, memo=memo)
    assert dict(memo.supplier_facts or []) == read
    assert reports.as_of_day(END, NOW) == END


def test_customer_signals_from_the_snapshot_equal_those_from_the_rules(demo_store):
    """The Flags view reads masks, kept counts and facts in one pass when the snapshot is
    fresh (issue 16: under 1 s on 100,000 cases); the rows are the ones the rules' SQL and
    a fresh read of each case's facts give."""
    from returnsdesk.services import risk
    from returnsdesk.store import risk_snapshot
    from returnsdesk.store.db import database

    def described(rows):
        return [(r.subject, r.flag.rule, r.flag.reason("en"), r.case_ids) for r in rows]

    risk.refresh_flagged(NOW)
    assert risk_snapshot.snapshot_fresh(END, risk_sql.thresholds())
    from_snapshot = report_part("customer_flags", START, END, now=NOW)["customer_flags"]
    database.execute_sql("UPDATE risk_state SET version = version + 1")  # as after a write
    assert not risk_snapshot.snapshot_fresh(END, risk_sql.thresholds())
    from_rules = report_part("customer_flags", START, END, now=NOW)["customer_flags"]
    assert from_snapshot and described(from_snapshot) == described(from_rules)
