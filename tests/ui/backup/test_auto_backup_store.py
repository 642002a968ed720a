"""The automatic backup looks only at its own store: seen in the test run, its first check
(a minute after the window opened) fired after that window's store was closed and
another test's store was open, read that store's settings and failed on the gone file."""

from __future__ import annotations

from returnsdesk.session import close_session, open_session
from returnsdesk.ui import tasks
from returnsdesk.ui.backup.automatic import AutoBackup


def test_a_check_for_a_store_no_longer_open_does_nothing(qtbot, tmp_path):
    first = open_session(tmp_path / "first")
    automatic = AutoBackup(first.data_dir)
    close_session()
    automatic.run_if_due()  # no store open at all
    assert not automatic.running
    open_session(tmp_path / "second")  # never backed up: its backup would be due
    try:
        automatic.run_if_due()
        assert not automatic.running and not tasks._running
    finally:
        close_session()
