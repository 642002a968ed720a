"""The gallery refreshes itself from the change bus (issue 17): a case's gallery for its own
case's writes, the Evidence page for evidence anywhere, and not for unrelated case edits."""

from __future__ import annotations

from factories import make_case, make_order, make_photo, make_supplier

from returnsdesk.services import evidence
from returnsdesk.services.changes import Area, Changes
from returnsdesk.ui.evidence import EvidenceGallery
from returnsdesk.ui.operations import announce


def _shown(qtbot, gallery: EvidenceGallery) -> EvidenceGallery:
    qtbot.addWidget(gallery)
    qtbot.waitUntil(lambda: gallery._reads > 0 and gallery.summary.text() != "")
    return gallery


def test_galleries_hear_the_writes_that_concern_them(qtbot, store, now, tmp_path):
    supplier = make_supplier("Alpha")
    case = make_case(now, order=make_order("#1", supplier=supplier))
    other = make_case(now, order=make_order("#2", supplier=supplier))
    mine = _shown(qtbot, EvidenceGallery(store, case_id=case.id))
    everything = _shown(qtbot, EvidenceGallery(store))
    evidence.attach_files(store.evidence_dir, other.id, [make_photo(tmp_path / "a.jpg")], now=now)
    with qtbot.assertNotEmitted(mine.loaded, wait=200):
        with qtbot.waitSignal(everything.loaded):
            announce(Changes.of(Area.EVIDENCE, cases=[other.id]))
    assert everything.model.rowCount() == 1 and mine.model.rowCount() == 0
    evidence.attach_files(store.evidence_dir, case.id, [make_photo(tmp_path / "b.jpg")], now=now)
    with qtbot.waitSignals([mine.loaded, everything.loaded]):  # both show the new file
        announce(Changes.of(Area.EVIDENCE, cases=[case.id]))
    assert mine.model.rowCount() == 1 and everything.model.rowCount() == 2
    with qtbot.assertNotEmitted(everything.loaded, wait=200):
        announce(Changes.of(Area.CASES, cases=[case.id]))  # a status change: no new files


def test_a_new_supplier_reaches_the_filter(qtbot, store, now):
    gallery = _shown(qtbot, EvidenceGallery(store))
    qtbot.waitUntil(lambda: gallery.supplier_filter.count() == 1)  # "All suppliers" only
    make_supplier("Brand new")
    announce(Changes.of(Area.SUPPLIERS))
    qtbot.waitUntil(lambda: gallery.supplier_filter.count() == 2)
    assert gallery.supplier_filter.itemText(1) == "Brand new"
