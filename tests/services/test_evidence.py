"""Attaching, captioning, removing, listing and verifying evidence on real files."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from factories import make_case, make_photo

from returnsdesk.domain.errors import InputError
from returnsdesk.services import evidence
from returnsdesk.services.evidence import EvidenceError, EvidenceFilter, SuppliedBy
from returnsdesk.services.evidence_files import stored_path
from returnsdesk.services.timeline import events_of
from returnsdesk.store.models import CaseEvent, Evidence, EvidenceFile


def bomb_png(path, width=20000, height=20000):
    """A tiny PNG whose header claims a huge picture (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1000)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def test_attach_stores_once_links_twice_and_logs(store, now, tmp_path):
    case = make_case(now)
    photo = make_photo(tmp_path / "IMG_1.jpg", captured="2026:05:09 18:30:00")
    copy = tmp_path / "same-bytes.jpg"
    copy.write_bytes(photo.read_bytes())
    rows = evidence.attach_files(
        store.evidence_dir, case.id, [photo, copy], supplied_by="customer", caption="Box", now=now
    )
    assert len(rows) == 2
    assert EvidenceFile.select().count() == 1
    file = EvidenceFile.get()
    assert file.mime == "image/jpeg" and (file.width, file.height) == (400, 300)
    assert file.captured_at == datetime(2026, 5, 9, 18, 30, tzinfo=UTC)
    assert stored_path(store.evidence_dir, file.sha256).read_bytes() == photo.read_bytes()
    assert [r.original_name for r in rows] == ["IMG_1.jpg", "same-bytes.jpg"]
    event = events_of(case.id)[0]
    assert event.kind == "evidence" and "IMG_1.jpg" in event.text and "customer" in event.text
    # The same file on another case is linked, not stored again.
    other = make_case(now, order=case.order)
    evidence.attach_files(store.evidence_dir, other.id, [photo], now=now)
    assert EvidenceFile.select().count() == 1
    assert Evidence.select().count() == 3
    assert not list(store.evidence_dir.glob(".incoming/*"))


def test_capture_time_with_offset_is_converted_to_utc(store, now, tmp_path):
    from PIL import Image

    path = tmp_path / "offset.jpg"
    exif = Image.Exif()
    exif[0x8769] = {0x9003: "2026:05:09 18:30:00", 0x9011: "+02:00"}
    Image.new("RGB", (10, 10)).save(path, exif=exif)
    info = evidence.probe_image(path, "image/jpeg")
    assert info.captured_at == datetime(2026, 5, 9, 16, 30, tzinfo=UTC)
    no_exif = make_photo(tmp_path / "plain.jpg")
    assert evidence.probe_image(no_exif, "image/jpeg").captured_at is None


def test_refused_files_change_nothing(store, now, tmp_path, monkeypatch):
    case = make_case(now)
    good = make_photo(tmp_path / "good.jpg")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    before = (Evidence.select().count(), CaseEvent.select().count())
    with pytest.raises(EvidenceError, match="empty"):
        evidence.attach_files(store.evidence_dir, case.id, [good, empty], now=now)
    with pytest.raises(EvidenceError, match="no such file"):
        evidence.attach_files(store.evidence_dir, case.id, [tmp_path / "gone.jpg"], now=now)
    with pytest.raises(EvidenceError, match="Unknown supplier"):
        evidence.attach_files(store.evidence_dir, case.id, [good], supplied_by="bank", now=now)
    monkeypatch.setattr(evidence, "MAX_FILE_BYTES", 100)
    with pytest.raises(EvidenceError, match="too big"):
        evidence.attach_files(store.evidence_dir, case.id, [good], now=now)
    assert (Evidence.select().count(), CaseEvent.select().count()) == before
    assert not list(store.evidence_dir.glob("??/*"))


@pytest.mark.parametrize("kind", ["lying", "truncated", "bomb", "corrupt"])
def test_bad_files_are_stored_without_preview(store, now, tmp_path, kind):
    case = make_case(now)
    if kind == "lying":
        path = tmp_path / "photo.jpg"
        path.write_text("this is not a picture, just text\n" * 20)
        expected = "application/octet-stream"
    elif kind == "truncated":
        full = make_photo(tmp_path / "full.jpg", size=(1200, 900)).read_bytes()
        path = tmp_path / "cut.jpg"
        path.write_bytes(full[: len(full) // 3])
        expected = "image/jpeg"
    elif kind == "bomb":
        path = bomb_png(tmp_path / "bomb.png")
        expected = "image/png"
    else:
        path = tmp_path / "garbage.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x13" * 500)
        expected = "image/png"
    (row,) = evidence.attach_files(store.evidence_dir, case.id, [path], now=now)
    file = row.file
    assert file.mime == expected
    assert file.width is None and file.height is None
    item = evidence.list_evidence(EvidenceFilter(case_id=case.id))[0]
    assert not item.previewable


def test_caption_and_removal_are_on_the_timeline_and_keep_the_file(store, now, tmp_path):
    case = make_case(now)
    (row,) = evidence.attach_files(
        store.evidence_dir, case.id, [make_photo(tmp_path / "a.jpg")], now=now
    )
    later = now + timedelta(hours=1)
    evidence.set_caption(row.id, "Crack on the base", now=later)
    assert Evidence.get_by_id(row.id).caption == "Crack on the base"
    assert events_of(case.id)[0].text == "Caption of a.jpg: Crack on the base"
    with pytest.raises(InputError, match="one line"):
        evidence.set_caption(row.id, "two\nlines")
    evidence.remove_evidence(row.id, now=later + timedelta(minutes=1))
    assert Evidence.get_by_id(row.id).removed_at is not None
    assert events_of(case.id)[0].text == "Evidence removed: a.jpg."
    assert evidence.list_evidence(EvidenceFilter(case_id=case.id)) == []
    assert len(evidence.list_evidence(EvidenceFilter(case_id=case.id, include_removed=True))) == 1
    assert stored_path(store.evidence_dir, row.file.sha256).exists()
    assert not evidence.file_in_use(row.file_id)
    report = evidence.verify_store(store.evidence_dir)
    assert report.ok and report.unreferenced == [row.file.sha256]


def test_filters_and_late_flag(store, now, tmp_path):
    case = make_case(now)  # delivered 2026-05-08, supplier evidence days 15 → 2026-05-23
    early = make_photo(tmp_path / "early.jpg")
    late = make_photo(tmp_path / "late.jpg", colour=(1, 2, 3))
    evidence.attach_files(store.evidence_dir, case.id, [early], now=now)
    evidence.attach_files(
        store.evidence_dir,
        case.id,
        [late],
        supplied_by=SuppliedBy.SUPPLIER,
        now=datetime(2026, 5, 30, tzinfo=UTC),
    )
    items = evidence.list_evidence(EvidenceFilter(case_id=case.id))
    assert [(i.original_name, i.late) for i in items] == [("late.jpg", True), ("early.jpg", False)]
    assert items[0].evidence_due.isoformat() == "2026-05-23"
    summary = evidence.summarize(case.id)
    assert (summary.on_time, summary.late) == (1, 1)
    by_supplier = evidence.list_evidence(EvidenceFilter(supplied_by="supplier"))
    assert [i.original_name for i in by_supplier] == ["late.jpg"]
    assert evidence.list_evidence(EvidenceFilter(media="video")) == []
    assert len(evidence.list_evidence(EvidenceFilter(rma=case.rma.lower()))) == 2
    assert len(evidence.list_evidence(EvidenceFilter(supplier_id=case.supplier_id))) == 2
    window = EvidenceFilter(added_from=now.date(), added_to=now.date())
    assert [i.original_name for i in evidence.list_evidence(window)] == ["early.jpg"]


def test_verify_reports_altered_and_missing_files(store, now, tmp_path):
    case = make_case(now)
    rows = evidence.attach_files(
        store.evidence_dir,
        case.id,
        [make_photo(tmp_path / "a.jpg"), make_photo(tmp_path / "b.jpg", colour=(9, 9, 9))],
    )
    a, b = (stored_path(store.evidence_dir, r.file.sha256) for r in rows)
    a.chmod(0o644)
    a.write_bytes(a.read_bytes() + b"tampered")
    b.unlink()
    report = evidence.verify_store(store.evidence_dir)
    assert not report.ok
    assert report.mismatched == [rows[0].file.sha256]
    assert report.missing == [rows[1].file.sha256]


def test_streaming_copy_of_a_large_file_is_chunked(store, now, tmp_path):
    big = tmp_path / "clip.mp4"
    with big.open("wb") as handle:
        handle.write(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 12)
        for _ in range(12):
            handle.write(b"\x01" * (1024 * 1024))
    reads = []

    def check():
        reads.append(1)

    stored = evidence.ingest_file(store.evidence_dir, big, check)
    assert stored.mime == "video/mp4"
    assert stored.size == big.stat().st_size
    assert len(reads) == 13  # one check per 1 MB chunk
