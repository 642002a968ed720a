"""The dispute pack from the window: its language is chosen there, as --lang does."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtWidgets import QInputDialog

from returnsdesk.store.models import Case
from returnsdesk.ui.documents import open_dispute_pack


def test_language_is_asked_and_used(demo_store, qtbot, monkeypatch):
    chargeback = Case.get(Case.chargeback_reason == "credit_not_processed")
    asked = []

    def choose(parent, title, label, items, current, editable):
        asked.append(items)
        return "French", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    job = open_dispute_pack(None, chargeback.id)
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert asked == [["English", "French"]]  # named in the window's language
    assert job.preview is not None and job.preview.page_count >= 1
    first_page = PdfReader(io.BytesIO(job.preview._pdf)).pages[0].extract_text()
    assert "Dossier de contestation" in first_page
    job.preview.close()


def test_cancelled_language_choice_makes_nothing(demo_store, qtbot, monkeypatch):
    chargeback = Case.get(Case.chargeback_reason == "credit_not_processed")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a: ("English", False)))
    assert open_dispute_pack(None, chargeback.id) is None
