"""The dispute pack from the window: its language is chosen there, as --lang does; the
shop's language offered first is read off the GUI thread."""

from __future__ import annotations

import io
import threading

from pypdf import PdfReader
from PySide6.QtWidgets import QInputDialog

from returnsdesk.services import settings
from returnsdesk.store.models import Case
from returnsdesk.ui.documents import open_dispute_pack


def _record_shop_reads(monkeypatch) -> list[bool]:
    """Whether each read of the shop's details ran on the GUI (main) thread."""
    on_gui: list[bool] = []
    real = settings.shop_details

    def shop_details():
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real()

    monkeypatch.setattr(settings, "shop_details", shop_details)
    return on_gui


def test_language_is_asked_and_used(demo_store, qtbot, monkeypatch):
    chargeback = Case.get(Case.chargeback_reason == "credit_not_processed")
    settings.save_shop_details(settings.ShopDetails(name="Boutique", language="fr"))
    on_gui = _record_shop_reads(monkeypatch)
    asked = []

    def choose(parent, title, label, items, current, editable):
        asked.append((items, current))
        return "French", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    job = open_dispute_pack(None, chargeback.id)
    assert asked == []  # the shop's language is being read on a worker
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert asked == [(["English", "French"], 1)]  # named in the window's language, the
    assert on_gui and on_gui[0] is False  # shop's offered first, read off the GUI thread
    assert job.preview is not None and job.preview.page_count >= 1
    first_page = PdfReader(io.BytesIO(job.preview._pdf)).pages[0].extract_text()
    assert "Dossier de contestation" in first_page
    job.preview.close()


def test_cancelled_language_choice_makes_nothing(demo_store, qtbot, monkeypatch):
    from returnsdesk.formats.pdf import dispute

    chargeback = Case.get(Case.chargeback_reason == "credit_not_processed")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a: ("English", False)))

    def never(*_args: object) -> None:
        raise AssertionError("no pack is made when the question is cancelled")

    monkeypatch.setattr(dispute, "make_dispute_pack", never)
    job = open_dispute_pack(None, chargeback.id)
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert job.preview is None
