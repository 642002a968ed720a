"""Thumbnails: EXIF orientation, bad files, atomic cache."""

from __future__ import annotations

from factories import make_case, make_photo

from returnsdesk.services import evidence
from returnsdesk.services.thumbnails import ensure_thumbnail, make_thumbnail, thumbnail_path


def test_orientation_6_thumbnail_is_rotated(tmp_path):
    from PIL import Image

    path = make_photo(tmp_path / "rot.jpg", size=(800, 400), orientation=6)
    thumb = make_thumbnail(path)
    assert thumb.size == (128, 256)  # landscape pixels, portrait picture
    # The blue marker was top-left in the pixels; rotated 90° clockwise it is top-right.
    assert thumb.getpixel((thumb.width - 5, 5))[2] > 200
    assert thumb.getpixel((5, 5))[2] < 100
    upright = make_thumbnail(make_photo(tmp_path / "up.jpg", size=(800, 400)))
    assert upright.size == (256, 128)
    assert isinstance(thumb, Image.Image)


def test_cache_is_made_once_and_again_if_missing(store, now, tmp_path):
    case = make_case(now)
    (row,) = evidence.attach_files(store.evidence_dir, case.id, [make_photo(tmp_path / "a.jpg")])
    sha = row.file.sha256
    path = ensure_thumbnail(store.data_dir, sha)
    assert path == thumbnail_path(store.data_dir, sha) and path.exists()
    stamp = path.stat().st_mtime_ns
    assert ensure_thumbnail(store.data_dir, sha).stat().st_mtime_ns == stamp
    path.unlink()
    assert ensure_thumbnail(store.data_dir, sha).exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".thumb-")]


def test_bad_files_give_no_thumbnail(tmp_path):
    text = tmp_path / "x.jpg"
    text.write_text("not an image")
    assert make_thumbnail(text) is None
    full = make_photo(tmp_path / "f.jpg", size=(1000, 800)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(full[:2000])
    assert make_thumbnail(cut) is None
    from test_evidence import bomb_png

    assert make_thumbnail(bomb_png(tmp_path / "bomb.png")) is None
