"""Evidence files on disk: content-addressed by SHA-256, written once, never altered.

A file lives at ``evidence/<first two hex digits>/<sha256>``; the same bytes
added twice are stored once. Writes go to a temporary name in the same
folder and are renamed into place, so a crash never leaves half a file
under a real name.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from pathlib import Path

from returnsdesk.fileio import write_bytes_atomic

#: Files are read and hashed in chunks of this size (never whole in memory).
CHUNK = 1024 * 1024

_SIGNATURES: list[tuple[int, bytes, str]] = [
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"BM", "image/bmp"),
]


def sniff_mime(head: bytes) -> str:
    """The type of a file from its first bytes (at least 16), not from its name."""
    for offset, magic, mime in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"heim", b"heis", b"hevc"):
            return "image/heic"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4"
    return "application/octet-stream"


def stored_path(evidence_dir: Path, sha256: str) -> Path:
    return evidence_dir / sha256[:2] / sha256


def store_bytes(evidence_dir: Path, data: bytes) -> tuple[str, Path]:
    """Store ``data`` (if not already stored); returns its hash and path."""
    sha = hashlib.sha256(data).hexdigest()
    target = stored_path(evidence_dir, sha)
    if not target.exists():
        write_bytes_atomic(target, data)
    return sha, target


class MediaType(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    PDF = "pdf"
    OTHER = "other"


def media_type(mime: str) -> MediaType:
    if mime.startswith("image/"):
        return MediaType.IMAGE
    if mime.startswith("video/"):
        return MediaType.VIDEO
    if mime == "application/pdf":
        return MediaType.PDF
    return MediaType.OTHER
