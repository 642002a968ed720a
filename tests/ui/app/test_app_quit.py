"""The store is closed when the application quits (issue 17), after queued writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnsdesk import paths, session
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.settings import ShopDetails, save_shop_details, shop_details
from returnsdesk.ui import app
from returnsdesk.ui.operations import write_op


def test_quitting_finishes_queued_writes_then_closes_the_store(qtbot, tmp_path):
    folder = tmp_path / "shop"
    session.open_session(folder)
    written: list[object] = []
    write_op(
        None,
        lambda: save_shop_details(ShopDetails(name="Atelier Quit")),
        changes=Changes.of(Area.SETTINGS),
        on_done=written.append,
    )
    qapp = app.ensure_application()
    qapp.aboutToQuit.connect(app.close_store_on_quit)
    try:
        qapp.aboutToQuit.emit()
    finally:
        qapp.aboutToQuit.disconnect(app.close_store_on_quit)
    with pytest.raises(RuntimeError):
        session.current()
    db = paths.database_path(folder)
    assert not Path(f"{db}-wal").exists()
    session.open_session(folder)  # the write was not lost
    try:
        assert shop_details().name == "Atelier Quit"
    finally:
        session.close_session()
