"""Opening, refusing and migrating the database file."""

from __future__ import annotations

import sqlite3

import pytest

from returnsdesk.store import migrations
from returnsdesk.store.db import APPLICATION_ID, StoreError, close_store, open_store


def test_new_store_has_pragmas_and_current_version(tmp_path):
    db = open_store(tmp_path / "s.sqlite3")
    try:
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
        # Large sorts spill to a file, not into memory (peak memory at 1M cases).
        assert db.execute_sql("PRAGMA temp_store").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
        assert db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        strict = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'ledger_entry'"
        ).fetchone()[0]
        assert strict.rstrip().endswith("STRICT")
    finally:
        close_store()


def test_strict_tables_refuse_a_float_amount(store):
    from returnsdesk.store.db import database

    with pytest.raises(Exception, match="cannot store REAL"):
        database.execute_sql("INSERT INTO setting(key, value) VALUES ('x', 'y'); ")
        database.execute_sql("INSERT INTO rma_counter(year, last) VALUES (2026, 1.5)")


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE something (x)")
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer ReturnsDesk"):
        open_store(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"hello, I am a text file", "not a ReturnsDesk database"),
        (b"SQLite format 3\x00" + b"\x00" * 50, "cannot be read|damaged|not a ReturnsDesk"),
    ],
)
def test_foreign_or_corrupt_files_are_refused_untouched(tmp_path, content, message):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        open_store(path)
    assert path.read_bytes() == content


def test_other_applications_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a ReturnsDesk database"):
        open_store(path)


def test_version_1_database_migrates_without_losing_rows(tmp_path):
    path = tmp_path / "v1.sqlite3"
    from returnsdesk.store.db import make_database

    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=1)
    assert migrations.user_version(db) == 1
    db.execute_sql(
        "INSERT INTO customer(id, name, email, created_at) "
        "VALUES (1, 'Zoë Łódź', 'zoe@example.com', '2026-01-01 00:00:00')"
    )
    db.execute_sql(
        'INSERT INTO "order"(id, number, customer_id, placed_at, currency) '
        "VALUES (1, '#1042', 1, '2026-01-01 00:00:00', 'EUR')"
    )
    db.execute_sql(
        'INSERT INTO "case"(id, rma, order_id, kind, reason, status, currency, opened_at, '
        "updated_at, notes) VALUES (1, 'RMA-2026-00001', 1, 'return', 'defective', 'new', 'EUR', "
        "'2026-01-02 00:00:00', '2026-01-02 00:00:00', 'écran fissuré')"
    )
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert db.execute_sql('SELECT count(*) FROM "case"').fetchone()[0] == 1
        assert db.execute_sql("SELECT name FROM customer").fetchone()[0] == "Zoë Łódź"
        from returnsdesk.store.search import search_case_ids

        assert search_case_ids("ecran") == [1]
        assert search_case_ids("lodz") == [1]
    finally:
        close_store()


def test_version_3_policy_setting_becomes_the_first_policy_version(tmp_path):
    from datetime import date

    from returnsdesk.services import settings
    from returnsdesk.store.db import make_database

    path = tmp_path / "v3.sqlite3"
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=3)
    db.execute_sql(
        "INSERT INTO setting(key, value) VALUES ('policy', '{\"return_days\": 45, \"peak\": null}')"
    )
    db.close()

    open_store(path)
    try:
        assert settings.store_policy(date(2026, 1, 1)).return_days == 45
        assert settings.store_policy().peak is None
        assert [v.effective_from for v in settings.store_policy_history()] == [date.min]
    finally:
        close_store()


def test_failed_migration_step_leaves_previous_version(tmp_path, monkeypatch):
    from returnsdesk.store.db import make_database

    db = make_database(tmp_path / "m.sqlite3")
    db.connect()

    def broken(database):
        database.execute_sql("CREATE TABLE half_done (x INTEGER) STRICT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], broken])
    with pytest.raises(RuntimeError):
        migrations.migrate(db, target=2)
    assert migrations.user_version(db) == 1
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
    assert "half_done" not in tables
    db.close()
