"""Thumbnails of evidence images, cached on disk as ``thumbnails/<sha256>.jpg``.

Pure Pillow, no Qt: the gallery calls ``ensure_thumbnail`` on a worker thread.
JPEGs are decoded with ``Image.draft`` (the decoder scales by 1/2, 1/4 or 1/8),
so a 100-megapixel photo costs a few MB, not 300. The result is turned upright
by its EXIF orientation and written atomically (``fileio.atomic_path``);
a missing cache file is simply made again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from returnsdesk.fileio import atomic_path
from returnsdesk.services.evidence import decodable, pil
from returnsdesk.services.evidence_files import stored_path

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

THUMB_SIZE = 256


def thumbnails_dir(data_dir: Path) -> Path:
    return data_dir / "thumbnails"


def thumbnail_path(data_dir: Path, sha256: str) -> Path:
    return thumbnails_dir(data_dir) / f"{sha256}.jpg"


def make_thumbnail(source: Path, size: int = THUMB_SIZE) -> PILImage | None:
    """A small upright RGB Pillow image of ``source``, or None if it cannot be decoded safely."""
    Image = pil()
    from PIL import ImageOps

    try:
        with Image.open(source) as opened:
            if not decodable(opened):
                return None
            if opened.format == "JPEG":
                opened.draft("RGB", (size, size))
            opened.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
            image = ImageOps.exif_transpose(opened)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, (255, 255, 255))
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            upright: PILImage = image.convert("RGB")
            return upright
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None
    except Exception:  # any decoding failure means "show a type icon instead"
        return None


def ensure_thumbnail(data_dir: Path, sha256: str) -> Path | None:
    """The cached thumbnail of a stored image, made (atomically) if missing; None if impossible."""
    target = thumbnail_path(data_dir, sha256)
    if target.exists():
        return target
    source = stored_path(data_dir / "evidence", sha256)
    if not source.exists():
        return None
    image = make_thumbnail(source)
    if image is None:
        return None
    with atomic_path(target, suffix=".jpg") as tmp:
        image.save(tmp, "JPEG", quality=85)
    return target


def load_preview(source: Path, max_side: int = 4096) -> PILImage | None:
    """An upright image for the viewer, at most ``max_side`` pixels wide or high, or None."""
    return make_thumbnail(source, max_side)
