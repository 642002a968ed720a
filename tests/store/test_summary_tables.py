"""The one mechanism for trigger-kept summary tables (store/summary_table.py): trigger
names read from the scripts, every summary trigger in the store belongs to a declared
table, and a bulk load between ``suspend_all`` and ``resume_all`` ends with every
summary equal to a rebuild from the rows and every trigger back."""

from __future__ import annotations

from factories import make_case, make_order, make_supplier

from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store import claims, ledger_days, sales, supplier_money
from returnsdesk.store.db import database
from returnsdesk.store.sql_script import execute_script
from returnsdesk.store.summary_table import SummaryTable
from returnsdesk.store.summary_tables import ALL, resume_all, suspend_all

SUMMARY_TABLES = (
    "sales_day",
    "sales_sku_day",
    "sales_supplier_day",
    "supplier_claim",
    "supplier_money_total",
    "ledger_day",
    "supplier_case_count",
    "evidence_count",
)


def _triggers() -> set[str]:
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return {row[0] for row in rows.fetchall()}


def _contents() -> dict[str, list[tuple]]:
    return {
        table: sorted(database.execute_sql(f"SELECT * FROM {table}").fetchall())
        for table in SUMMARY_TABLES
    }


def test_trigger_names_are_read_from_the_scripts():
    assert sales.SUMMARY.trigger_names == (
        "sales_order_insert",
        "sales_order_delete",
        "sales_order_move",
        "sales_line_insert",
        "sales_line_delete",
        "sales_line_update",
    )
    assert claims.SUMMARY.trigger_names == (
        "supplier_claim_contact_insert",
        "supplier_claim_contact_delete",
        "supplier_claim_contact_update",
        "supplier_claim_money",
    )
    assert supplier_money.SUMMARY.trigger_names == (
        "supplier_money_entry_insert",
        "supplier_money_case_update",
    )
    assert ledger_days.SUMMARY.trigger_names == ("ledger_day_entry_insert",)
    odd = SummaryTable("", "create trigger if not exists  x_1 AFTER INSERT ON t BEGIN END;", "")
    assert odd.trigger_names == ("x_1",)


def test_every_summary_trigger_of_the_store_is_declared(store):
    declared = {name for table in ALL for name in table.trigger_names}
    summary_prefixes = (
        "sales_",
        "supplier_claim_",
        "supplier_money_",
        "ledger_day_",
        "supplier_case_count_",
        "evidence_count_",
    )
    in_store = {name for name in _triggers() if name.startswith(summary_prefixes)}
    assert in_store == declared


def test_a_bulk_load_between_suspend_and_resume_ends_equal_to_a_rebuild(store, now):
    before = _triggers()
    supplier = make_supplier("Alpha")
    with database.atomic():
        suspend_all(database)
        assert _triggers().isdisjoint(n for t in ALL for n in t.trigger_names)
        case = make_case(now, order=make_order("#1", supplier=supplier), fault="supplier")
        ledger.post_entry(EntryInput(case.id, K.CUSTOMER_REFUND, 4900, "EUR"), now=now)
        assert _contents()["supplier_money_total"] == []  # nothing kept while suspended
        resume_all(database)
    assert _triggers() == before
    kept = _contents()
    assert kept["sales_day"] != [] and kept["supplier_money_total"] != []
    with database.atomic():
        for table in ALL:
            execute_script(database, table.rebuild)
    assert _contents() == kept
