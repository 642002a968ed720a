"""Issue #17: the ledger and inbox widgets and the ledger export read through services
(no store import, no SQL) and show their errors through ``ui.messages.show_error``."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "returnsdesk"
FILES = [
    *sorted((PACKAGE / "ui" / "ledger").glob("*.py")),
    *sorted((PACKAGE / "ui" / "inbox").glob("*.py")),
    PACKAGE / "ui" / "widgets" / "id_list_model.py",
    *sorted((PACKAGE / "formats").glob("ledger_*.py")),
]
STORE_IMPORT = re.compile(r"^\s*(from|import)\s+returnsdesk\.store\b", re.MULTILINE)
SQL = re.compile(r"execute_sql|\bSELECT\b|\b[A-Z]\w*\.(select|get_by_id|get_or_none)\(")


def test_no_store_import_no_query_and_no_hand_made_warning():
    assert len(FILES) > 10
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE)
        assert not STORE_IMPORT.search(text), f"{name} imports the store"
        assert not SQL.search(text), f"{name} queries the store"
        assert "QMessageBox.warning" not in text, f"{name} shows an error by hand"
        assert "QTimer(" not in text, f"{name} hand-rolls a timer (use widgets.debounce)"
