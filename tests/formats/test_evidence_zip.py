"""The supplier evidence pack: files, index, hashes, atomic write."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from datetime import UTC, datetime

import pytest
from factories import make_case, make_photo

from returnsdesk.formats.evidence_zip import ExportError, export_case_evidence
from returnsdesk.services import evidence
from returnsdesk.services.evidence_files import stored_path


def test_zip_holds_files_and_index_with_matching_hashes(store, now, tmp_path):
    case = make_case(now)
    a = make_photo(tmp_path / "IMG 1 (copy).jpg", captured="2026:05:09 18:30:00")
    b = tmp_path / "note.pdf"
    b.write_bytes(b"%PDF-1.4\n% fake pdf body\n")
    evidence.attach_files(store.evidence_dir, case.id, [a], caption="=HYPERLINK(1)", now=now)
    evidence.attach_files(
        store.evidence_dir,
        case.id,
        [b],
        supplied_by="carrier",
        now=datetime(2026, 5, 25, tzinfo=UTC),
    )
    out = tmp_path / "out" / "pack.zip"
    result = export_case_evidence(store.evidence_dir, case.id, out)
    assert result.files == 2 and out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".export-")]
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == ["01_IMG_1_copy_.jpg", "02_note.pdf", "index.csv", "index.txt"]
        rows = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        for row in rows:
            data = archive.read(row["file"])
            assert hashlib.sha256(data).hexdigest() == row["sha256"]
        assert rows[0]["original_name"] == "IMG 1 (copy).jpg"
        assert rows[0]["caption"] == "'=HYPERLINK(1)"  # a formula is written as text
        assert rows[0]["captured_at"] == "2026-05-09 18:30 UTC"
        assert rows[0]["after_evidence_deadline"] == "no"
        assert rows[1]["after_evidence_deadline"] == "yes"
        assert rows[1]["supplied_by"] == "carrier"
        text = archive.read("index.txt").decode()
        assert case.rma in text and "2026-05-23" in text and rows[0]["sha256"] in text


def test_damaged_store_or_no_evidence_is_refused_and_leaves_no_file(store, now, tmp_path):
    case = make_case(now)
    out = tmp_path / "pack.zip"
    with pytest.raises(ExportError, match="no evidence"):
        export_case_evidence(store.evidence_dir, case.id, out)
    (row,) = evidence.attach_files(store.evidence_dir, case.id, [make_photo(tmp_path / "a.jpg")])
    stored = stored_path(store.evidence_dir, row.file.sha256)
    stored.write_bytes(b"\xff\xd8\xff tampered")
    with pytest.raises(ExportError, match="no longer matches"):
        export_case_evidence(store.evidence_dir, case.id, out)
    assert list(tmp_path.glob("*.zip")) == [] and not list(tmp_path.glob(".export-*"))
