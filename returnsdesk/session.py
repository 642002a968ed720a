"""The open store of this process: its data folder and database, opened in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from returnsdesk import paths

# StoreError, check_store_file and is_read_only are what the window may ask about the
# store: it imports them from here, so ui/ imports nothing from store/.
from returnsdesk.store.db import StoreError as StoreError
from returnsdesk.store.db import check_store_file as check_store_file
from returnsdesk.store.db import close_store, open_store
from returnsdesk.store.db import is_read_only as is_read_only


@dataclass(frozen=True)
class Session:
    data_dir: Path

    @property
    def database_path(self) -> Path:
        return paths.database_path(self.data_dir)

    @property
    def evidence_dir(self) -> Path:
        return paths.evidence_dir(self.data_dir)


_current: Session | None = None


def open_session(data_dir: Path) -> Session:
    """Open (creating if needed) the store in ``data_dir`` and make it current."""
    global _current
    data_dir.mkdir(parents=True, exist_ok=True)
    open_store(paths.database_path(data_dir))
    _current = Session(data_dir)
    return _current


def current() -> Session:
    if _current is None:
        raise RuntimeError("No store is open.")
    return _current


def close_session() -> None:
    global _current
    close_store()
    _current = None


def release_thread_connection() -> None:
    """Close the calling worker thread's own connection to the store (each thread has one),
    so no connection outlives its work and closing the store leaves no ``-wal`` behind."""
    close_store()
