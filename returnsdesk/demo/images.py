"""The dozen photo-like evidence images every demo case shares."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from returnsdesk.services.evidence_files import store_bytes


@dataclass(frozen=True)
class DemoImage:
    name: str
    sha256: str
    size: int
    width: int
    height: int
    captured: datetime | None


def make_images(evidence_dir: Path, rng: random.Random) -> list[DemoImage]:
    """A dozen small photo-like JPEGs (some with EXIF capture time) shared by all cases."""
    from PIL import Image, ImageDraw

    subjects = [
        "broken lamp base",
        "dented box",
        "wrong colour mug",
        "torn seam",
        "missing screws",
        "cracked screen",
        "label close-up",
        "scratched pan",
        "print error on T-shirt",
        "water damage",
        "parcel on doorstep",
        "size label",
    ]
    images = []
    for i, subject in enumerate(subjects):
        width, height = (640, 480) if i % 3 else (480, 640)
        image = Image.new("RGB", (width, height), (rng.randrange(60, 200),) * 3)
        draw = ImageDraw.Draw(image)
        for band in range(0, height, 12):
            tone = (rng.randrange(90, 230), rng.randrange(80, 210), rng.randrange(70, 190))
            draw.rectangle([0, band, width, band + 12], fill=tone)
        draw.rectangle([40, height // 2 - 30, width - 40, height // 2 + 30], fill=(250, 250, 250))
        draw.text((56, height // 2 - 8), f"Evidence: {subject}", fill=(20, 20, 20))
        captured = None
        exif = Image.Exif()
        if i % 4 != 3:
            captured = datetime(2026, 1 + i % 10, 3 + i, 14, 5, tzinfo=UTC)
            exif[0x8769] = {0x9003: captured.strftime("%Y:%m:%d %H:%M:%S")}
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, exif=exif)
        data = buffer.getvalue()
        sha, _ = store_bytes(evidence_dir, data)
        name = f"IMG_{4100 + i}.jpg"
        images.append(DemoImage(name, sha, len(data), width, height, captured))
    return images
