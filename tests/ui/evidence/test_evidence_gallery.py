"""The evidence gallery and viewer, on a real store with real image files."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime

import pytest
from factories import make_case, make_photo
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from returnsdesk.services import evidence
from returnsdesk.services.timeline import events_of
from returnsdesk.store.models import Evidence
from returnsdesk.ui.evidence import EvidenceGallery, EvidenceViewer
from returnsdesk.ui.evidence.dialogs import AttachChoice
from returnsdesk.ui.evidence.icons import placeholder
from returnsdesk.ui.operations import change_bus


@pytest.fixture
def case_with_photos(store, now, tmp_path):
    case = make_case(now)
    photos = [
        make_photo(tmp_path / f"IMG_{i}.jpg", colour=(40 * i, 90, 40), orientation=6 if i else None)
        for i in range(3)
    ]
    evidence.attach_files(store.evidence_dir, case.id, photos[:2], now=now)
    evidence.attach_files(
        store.evidence_dir,
        case.id,
        photos[2:],
        caption="Late one",
        now=datetime(2026, 6, 1, tzinfo=UTC),
    )
    return case


def _drop(widget, paths):
    """Drag files over the widget and drop them (Qt only routes real drags through
    sendEvent, so the handlers are called the way Qt calls them)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    widget.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    widget.dropEvent(event)
    return event


def _gallery(qtbot, store, case_id=None, show=False):
    """A gallery once its first list (read off the GUI thread) is on screen."""
    gallery = EvidenceGallery(store, case_id=case_id)
    qtbot.addWidget(gallery)
    with qtbot.waitSignal(gallery.loaded, timeout=10_000):
        if show:
            gallery.show()
    return gallery


def _reloaded(qtbot, gallery) -> None:
    with qtbot.waitSignal(gallery.loaded, timeout=10_000):
        gallery.reload()


def test_dragging_text_is_refused(qtbot, store):
    gallery = EvidenceGallery(store)
    qtbot.addWidget(gallery)
    mime = QMimeData()
    mime.setText("hello")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    enter.accept()
    gallery.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_model_and_async_thumbnails(qtbot, qtmodeltester, store, case_with_photos):
    gallery = _gallery(qtbot, store, case_with_photos.id, show=True)
    model = gallery.model
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    # Thumbnails come from worker threads and replace the placeholder as they arrive.
    for row in range(3):
        model.index(row).data(Qt.DecorationRole)
    qtbot.waitUntil(lambda: not gallery.loader.busy(), timeout=10_000)
    for row in range(3):
        pixmap = model.index(row).data(Qt.DecorationRole)
        assert pixmap.cacheKey() != placeholder().cacheKey()
        assert max(pixmap.width(), pixmap.height()) == 160
    rotated = model.index([i.original_name for i in model.items()].index("IMG_1.jpg"))
    pixmap = rotated.data(Qt.DecorationRole)
    assert pixmap.height() > pixmap.width()  # orientation 6: shown upright (portrait)
    assert gallery.rma_filter.isHidden() and gallery.supplier_filter.isHidden()
    assert "1 added after it" in gallery.summary.text()
    assert "23 May 2026" in gallery.summary.text()
    assert [model.index(r).data(Qt.UserRole + 2) for r in range(3)] == [True, False, False]


def test_drop_files_attaches_them_to_the_case(qtbot, store, case_with_photos, tmp_path):
    gallery = _gallery(qtbot, store, case_with_photos.id)
    asked = []

    def ask(paths):
        asked.append(paths)
        return AttachChoice(case_with_photos.id, "carrier", "Dropped")

    gallery.ask_attach = ask
    new = make_photo(tmp_path / "dropped.jpg", colour=(1, 200, 3))
    with qtbot.waitSignal(change_bus().changed, timeout=10_000) as signal:
        event = _drop(gallery, [new])
    assert event.isAccepted()
    assert signal.args[0].case_ids == {case_with_photos.id}
    assert asked == [[new]]
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 4)  # it heard the change and reloaded
    row = Evidence.get(Evidence.original_name == "dropped.jpg")
    assert (row.supplied_by, row.caption) == ("carrier", "Dropped")
    assert "dropped.jpg" in events_of(case_with_photos.id)[0].text


def test_drop_in_the_evidence_area_asks_for_the_case(qtbot, store, case_with_photos, tmp_path):
    other = make_case(datetime(2026, 5, 21, tzinfo=UTC), order=case_with_photos.order)
    gallery = _gallery(qtbot, store)
    assert not gallery.rma_filter.isHidden()
    gallery.ask_attach = lambda paths: AttachChoice(other.id, "customer", "")
    with qtbot.waitSignal(change_bus().changed, timeout=10_000) as signal:
        _drop(gallery, [make_photo(tmp_path / "x.jpg", colour=(3, 3, 3))])
    assert signal.args[0].case_ids == {other.id}
    assert Evidence.select().where(Evidence.case == other.id).count() == 1
    # A refused file comes back as a message, and nothing changes.
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with qtbot.waitSignal(gallery.failed, timeout=10_000) as failure:
        gallery.attach_paths([empty])
    assert "empty" in failure.args[0]
    assert Evidence.select().where(Evidence.case == other.id).count() == 1


def test_filters(qtbot, store, case_with_photos):
    gallery = _gallery(qtbot, store)
    assert gallery.model.rowCount() == 3
    with qtbot.waitSignal(gallery.loaded):
        gallery.type_filter.setCurrentIndex(gallery.type_filter.findData("video"))
    assert gallery.model.rowCount() == 0
    with qtbot.waitSignal(gallery.loaded):
        gallery.type_filter.setCurrentIndex(0)
    # Typing a case number reloads once, after typing pauses (one debounce).
    with qtbot.waitSignal(gallery.loaded):
        gallery.rma_filter.setText("RMA-1999")
    assert gallery.model.rowCount() == 0
    gallery.rma_filter.setText(case_with_photos.rma)
    _reloaded(qtbot, gallery)  # Enter: at once
    assert gallery.model.rowCount() == 3 and gallery.export_button.isEnabled()
    assert gallery.supplier_filter.count() == 2  # every supplier, read off the GUI thread


def test_viewer_navigation_and_caption(qtbot, store, case_with_photos):
    items = evidence.list_evidence(evidence.EvidenceFilter(case_id=case_with_photos.id))
    viewer = EvidenceViewer(store, items, 0)
    qtbot.addWidget(viewer)
    viewer.show()
    with qtbot.waitSignal(viewer.preview_loaded, timeout=10_000):
        pass
    assert not viewer.pixmap_item.pixmap().isNull()
    assert viewer.fields["sha"].text().replace("\n", "") == items[0].sha256
    assert not viewer.prev_button.isEnabled()
    with qtbot.waitSignal(viewer.preview_loaded, timeout=10_000):
        viewer.next()
    assert viewer.index == 1 and viewer.fields["name"].text() == items[1].original_name
    viewer.zoom(2.0)
    assert viewer.scale() > 0
    viewer.actual_size()
    assert viewer.scale() == 1.0
    viewer.caption.setText("Seam torn")
    with qtbot.waitSignal(change_bus().changed) as changed:
        assert viewer.save_caption()
    assert changed.args[0].case_ids == {case_with_photos.id}
    assert Evidence.get_by_id(items[1].id).caption == "Seam torn"
    viewer.caption.setText("bad\x07caption")
    assert not viewer.save_caption()
    assert "control characters" in viewer.message.text()
    viewer.previous()
    assert viewer.index == 0
    assert viewer.stored_file().exists()


def test_export_from_the_gallery_runs_off_the_gui_thread(qtbot, store, case_with_photos, tmp_path):
    gallery = _gallery(qtbot, store, case_with_photos.id)
    out = tmp_path / "claim.zip"
    with qtbot.waitSignal(gallery.exported, timeout=10_000) as signal:
        gallery.export_for_supplier(out)
    assert signal.args == [str(out)]
    with zipfile.ZipFile(out) as archive:
        assert len(archive.namelist()) == 5


def test_all_cases_gallery_shows_the_newest_items_and_says_so(qtbot, demo_store, monkeypatch):
    from returnsdesk.services import evidence as evidence_service
    from returnsdesk.ui.evidence import gallery as gallery_module

    monkeypatch.setattr(gallery_module, "SHOWN_AT_MOST", 5)
    view = _gallery(qtbot, demo_store)
    total = evidence_service.count_evidence()
    assert total > 5
    assert view.model.rowCount() == 5
    assert f"newest 5 of {total}" in view.summary.text()
