"""A store file as an older version of the app left it, for the migration steps' tests."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from returnsdesk.store import migrations
from returnsdesk.store.db import APPLICATION_ID, make_database


def store_at_version(path: Path, version: int) -> SqliteDatabase:
    """A connected database brought up to schema ``version`` only."""
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=version)
    return db


def add_one_case(db: SqliteDatabase, status: str = "closed", countries: bool = False) -> None:
    """A customer, their order #1042 (billed in FR, shipped to DE when ``countries``) and
    one return case RMA-2026-00001, as the oldest schema already stores them."""
    db.execute_sql(
        "INSERT INTO customer(id, name, email, created_at) "
        "VALUES (1, 'Zoë', 'zoe@example.com', '2026-01-01 00:00:00')"
    )
    if countries:
        db.execute_sql(
            'INSERT INTO "order"(id, number, customer_id, placed_at, currency, billing_country, '
            "shipping_country) VALUES (1, '#1042', 1, '2026-01-01 00:00:00', 'EUR', 'FR', 'DE')"
        )
    else:
        db.execute_sql(
            'INSERT INTO "order"(id, number, customer_id, placed_at, currency) '
            "VALUES (1, '#1042', 1, '2026-01-01 00:00:00', 'EUR')"
        )
    db.execute_sql(
        'INSERT INTO "case"(id, rma, order_id, kind, reason, status, currency, opened_at, '
        "updated_at) VALUES (1, 'RMA-2026-00001', 1, 'return', 'defective', ?, 'EUR', "
        "'2026-01-02 00:00:00', '2026-01-02 00:00:00')",
        (status,),
    )
