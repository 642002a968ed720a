"""The sample-data generator streams its rows (issue 17): written chunk by chunk, the store
comes out the same as written at once, so memory stays flat at a million cases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from returnsdesk.demo import build_demo_store
from returnsdesk.store import demo_sql, orders_sql

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _rows(folder: Path) -> list[str]:
    """Every row of the store, except the label PDFs' hashes (the PDFs carry their
    creation time, so two builds differ there whatever the chunking)."""
    conn = sqlite3.connect(folder / "returnsdesk.sqlite3")
    try:
        return [
            line for line in conn.iterdump() if not line.startswith('INSERT INTO "evidence_file"')
        ]
    finally:
        conn.close()


def test_tiny_chunks_write_the_same_store(tmp_path, monkeypatch):
    whole = build_demo_store(tmp_path / "whole", cases=120, seed=4, now=NOW)
    flushes: list[int] = []
    real_flush = demo_sql.DemoRows.flush

    def counted(self):
        flushes.append(self.waiting)
        real_flush(self)

    real_rows, real_batch = demo_sql.DemoRows.__init__, orders_sql.OrderBatch.__init__
    monkeypatch.setattr(demo_sql.DemoRows, "flush", counted)
    monkeypatch.setattr(
        demo_sql.DemoRows,
        "__init__",
        lambda self, db, chunk=0, after_flush=None: real_rows(self, db, 7, after_flush),
    )
    monkeypatch.setattr(
        orders_sql.OrderBatch,
        "__init__",
        lambda self, db=orders_sql.database, chunk=0, after_flush=None: real_batch(
            self, db, 5, after_flush
        ),
    )
    chunked = build_demo_store(tmp_path / "chunked", cases=120, seed=4, now=NOW)
    assert len(flushes) > 20 and max(flushes) < 7 + 60  # a case adds at most a few dozen
    assert chunked == whole
    assert _rows(tmp_path / "chunked") == _rows(tmp_path / "whole")


def test_a_failed_build_leaves_no_store(tmp_path, monkeypatch):
    def full_disk(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(demo_sql.DemoRows, "flush", full_disk)
    with pytest.raises(sqlite3.OperationalError):
        build_demo_store(tmp_path / "d", cases=30, seed=1, now=NOW)
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["evidence"]


def test_each_chunk_is_committed_so_the_log_stays_small(tmp_path, monkeypatch):
    """A million-case demo in one transaction grew a 9.9 GB write-ahead log (issue 17):
    each written chunk is committed (another connection sees it), so SQLite can fold the
    log back into the file as it goes."""
    real_flush = demo_sql.DemoRows.flush
    seen: list[int] = []

    def flush_and_look(self):
        real_flush(self)
        assert not (tmp_path / "d" / "returnsdesk.sqlite3").exists()  # not before it is whole
        other = sqlite3.connect(tmp_path / "d" / "returnsdesk.sqlite3.building")
        try:
            seen.append(other.execute('SELECT count(*) FROM "case"').fetchone()[0])
        finally:
            other.close()

    monkeypatch.setattr(demo_sql.DemoRows, "flush", flush_and_look)
    monkeypatch.setattr(demo_sql, "DemoRows", _small_chunks(demo_sql.DemoRows))
    build_demo_store(tmp_path / "d", cases=400, seed=3, now=NOW)
    cases_seen = [count for count in seen if count]
    assert len(cases_seen) > 5 and cases_seen == sorted(cases_seen) and cases_seen[0] < 100
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["evidence", "returnsdesk.sqlite3"]


def _small_chunks(rows_class: type) -> type:
    class SmallChunks(rows_class):  # type: ignore[misc, valid-type]
        def __init__(self, db, chunk=0, after_flush=None):
            super().__init__(db, 500, after_flush)

    return SmallChunks


def test_a_killed_build_is_never_opened_and_is_replaced(tmp_path):
    """What a killed build left (the side-named file) is not a store; the next build
    starts afresh beside it."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "returnsdesk.sqlite3.building").write_bytes(b"half a store")
    build_demo_store(folder, cases=10, seed=1, now=NOW)
    assert not (folder / "returnsdesk.sqlite3.building").exists()
    conn = sqlite3.connect(folder / "returnsdesk.sqlite3")
    try:
        assert conn.execute('SELECT count(*) FROM "case"').fetchone()[0] == 10
    finally:
        conn.close()
