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
        demo_sql.DemoRows, "__init__", lambda self, db, chunk=0: real_rows(self, db, 7)
    )
    monkeypatch.setattr(
        orders_sql.OrderBatch,
        "__init__",
        lambda self, db=orders_sql.database, chunk=0: real_batch(self, db, 5),
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
    assert not (tmp_path / "d" / "returnsdesk.sqlite3").exists()
