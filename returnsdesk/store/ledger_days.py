"""Ledger totals per day, kind and currency, maintained by triggers, so period and
currency totals read a few rows per day instead of every ledger entry.

``ledger_day`` holds, per entry date, kind and currency: how many entries, their amount
net of reversals and their effect on cash, with the signs of ``ledger_sql.net_sql`` and
``signed_sql`` (the one convention). Entries are append-only (``ledger_no_update`` and
``ledger_no_delete`` refuse anything else), so one trigger on insert keeps the table equal
to the rows; ``SUMMARY.resume`` recomputes it after a bulk load, and the store check
compares it with the entries summed anew.

Its columns are named as ``ledger_entry``'s (``entry_date``, ``kind``, ``currency``), so
a ledger filter's date, kind and currency conditions apply to it unchanged.
"""

from __future__ import annotations

from returnsdesk.store.ledger_sql import net_sql, signed_sql
from returnsdesk.store.summary_table import SummaryTable

TABLE = """
CREATE TABLE ledger_day (
    entry_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    currency TEXT NOT NULL,
    entries INTEGER NOT NULL,
    net INTEGER NOT NULL,
    signed INTEGER NOT NULL,
    PRIMARY KEY (entry_date, kind, currency)
) STRICT, WITHOUT ROWID;
"""

TRIGGERS = f"""
CREATE TRIGGER ledger_day_entry_insert AFTER INSERT ON ledger_entry
BEGIN
    INSERT INTO ledger_day (entry_date, kind, currency, entries, net, signed)
    VALUES (NEW.entry_date, NEW.kind, NEW.currency, 1, {net_sql("NEW")}, {signed_sql("NEW")})
    ON CONFLICT (entry_date, kind, currency) DO UPDATE
    SET entries = entries + 1, net = net + excluded.net, signed = signed + excluded.signed;
END;
"""

REBUILD = f"""
DELETE FROM ledger_day;
INSERT INTO ledger_day (entry_date, kind, currency, entries, net, signed)
    SELECT e.entry_date, e.kind, e.currency, count(*), sum({net_sql("e")}), sum({signed_sql("e")})
    FROM ledger_entry e GROUP BY 1, 2, 3;
"""

SUMMARY = SummaryTable(schema=TABLE, triggers=TRIGGERS, rebuild=REBUILD)
