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
from returnsdesk.store.thread_connections import Work as Work
from returnsdesk.store.thread_connections import begin_work, close_parked, end_work


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
    close_parked()  # a store switch (a restore): the workers' old connections let go
    open_store(paths.database_path(data_dir))
    _current = Session(data_dir)
    return _current


def current() -> Session:
    if _current is None:
        raise RuntimeError("No store is open.")
    return _current


def close_session() -> None:
    """Close this thread's connection and every idle worker's (the last close checkpoints,
    so no ``-wal`` is left behind); a worker busy now closes its own when its job ends."""
    global _current
    close_store()
    close_parked()
    _current = None


def begin_thread_work() -> Work:
    """At the start of a worker's job: take back the thread's own connection to the store,
    kept open since its last job (a warm page cache, no reopening)."""
    return begin_work()


def end_thread_work(work: Work) -> None:
    """At the end of a worker's job: keep the thread's connection for its next job (or
    close it, when the store was closed meanwhile)."""
    end_work(work)
