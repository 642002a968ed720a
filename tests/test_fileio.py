"""Atomic writes: the old file or the new one, never half of one, no stray temp files."""

from __future__ import annotations

import pytest

from returnsdesk.fileio import atomic_path, write_bytes_atomic


def test_success_replaces_the_file(tmp_path):
    target = tmp_path / "out" / "report.pdf"
    write_bytes_atomic(target, b"first")
    write_bytes_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]


def test_failure_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target, suffix=".xlsx") as tmp:
        tmp.write_bytes(b"half of the new")
        raise RuntimeError("crash while writing")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.xlsx"]
