"""The window's document actions (issue #17): built off the GUI thread from services,
failures shown through ui.messages.show_error, the shop details saved by the writer."""

from __future__ import annotations

import pytest
from factories import make_case

from returnsdesk.domain.errors import InputError
from returnsdesk.services import settings
from returnsdesk.ui import operations
from returnsdesk.ui.documents import ShopDetailsDialog, open_instructions


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    """(title, message) of every error the document code would show in a box."""
    seen: list[tuple[str, str]] = []

    def record(parent, title, error):
        seen.append((title, str(error)))

    for module in ("actions", "shop_details_dialog"):
        monkeypatch.setattr(f"returnsdesk.ui.documents.{module}.show_error", record)
    return seen


def test_instructions_for_a_case_that_is_gone_say_so(store, qtbot, shown):
    job = open_instructions(None, 4242, "en")
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert job.preview is None
    assert shown == [("Document", "The case no longer exists.")]


def test_instructions_open_in_a_preview_titled_by_the_rma(store, qtbot, now, shown):
    case = make_case(now)
    job = open_instructions(None, case.id, "en")
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert shown == []
    assert job.preview is not None and job.preview.windowTitle() == case.rma
    job.preview.close()


def test_shop_details_not_saved_keep_the_dialog_open(store, qtbot, monkeypatch, shown):
    def refuse(details):
        raise InputError("The store is read-only.")

    monkeypatch.setattr(settings, "save_shop_details", refuse)
    dialog = ShopDetailsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Maison Test")
    dialog.accept()
    qtbot.waitUntil(lambda: shown != [], timeout=20000)
    assert operations.wait_for_writes()
    assert shown == [("Shop details", "The store is read-only.")]
    assert dialog.isVisible() and dialog.buttons.isEnabled()
