"""Files of a backup folder: the shared evidence object pool, hashing, durable renames.

Evidence files are kept once per backup folder by SHA-256 (``objects/ab/ab12…``) and
copied through a temporary name, hashed while copied, so a crash leaves the old pool.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

OBJECTS = "objects"
CHUNK = 1024 * 1024


def hash_file(path: Path, check: Callable[[], None] | None = None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if check is not None:
                check()
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def object_path(folder: Path, sha256: str) -> Path:
    return folder / OBJECTS / sha256[:2] / sha256


def copy_object(
    source: Path, target: Path, sha256: str, check: Callable[[], None] | None
) -> int | None:
    """Copy one evidence file into the object pool, hashing it; None when it does not match."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{os.getpid()}-", suffix=".part")
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    size = 0
    try:
        with open(source, "rb") as reader, os.fdopen(fd, "wb") as writer:
            while chunk := reader.read(CHUNK):
                if check is not None:
                    check()
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        if digest.hexdigest() != sha256:
            tmp.unlink()
            return None
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
