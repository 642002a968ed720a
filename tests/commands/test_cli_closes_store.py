"""Every command closes the store when it ends (issue 17), also when it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnsdesk import paths, session
from returnsdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHOPIFY = str(ROOT / "tests" / "formats" / "fixtures" / "shopify_orders.csv")


@pytest.mark.parametrize(
    "args, code",
    [
        (["import", "orders", SHOPIFY, "--skip-bad-rows"], 0),
        (["import", "orders", "no-such-file.csv"], 1),
    ],
)
def test_a_command_leaves_the_store_closed(tmp_path, args, code):
    folder = tmp_path / "d"
    assert main([*args, "--data-dir", str(folder)]) == code
    with pytest.raises(RuntimeError):
        session.current()
    db = paths.database_path(folder)
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
