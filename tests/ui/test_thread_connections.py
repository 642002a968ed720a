"""Each worker thread keeps its own connection to the store between jobs (a warm page
cache, no reopening per read); the writer never shares one with a reader; closing or
switching the store lets every connection go (no file handle, no -wal left behind)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from case_waits import settle

from returnsdesk import session
from returnsdesk.services import settings
from returnsdesk.services.changes import Area, Changes
from returnsdesk.store import thread_connections
from returnsdesk.store.connection import database
from returnsdesk.ui.operations import read_op, write_op


def _connection() -> tuple[int, int]:
    """(this thread, the connection it reads with) — called inside a job."""
    database.execute_sql("SELECT count(*) FROM setting").fetchone()
    return threading.get_ident(), id(database.connection())


def _open_handles(path: Path) -> int:
    """How many of this process's file descriptors point at ``path``."""
    target = str(path.resolve())
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                count += 1
        except OSError:
            continue
    return count


def _read(qtbot) -> tuple[int, int]:
    answers: list[tuple[int, int]] = []
    read_op(None, _connection, answers.append)
    qtbot.waitUntil(lambda: bool(answers))
    return answers[0]


def test_a_worker_reads_again_with_the_connection_it_kept(qtbot, store):
    seen = [_read(qtbot) for _ in range(12)]
    by_thread: dict[int, set[int]] = {}
    for thread, connection in seen:
        by_thread.setdefault(thread, set()).add(connection)
    assert threading.get_ident() not in by_thread  # never on the GUI thread
    assert all(len(connections) == 1 for connections in by_thread.values())  # one each
    assert thread_connections.parked_count() == len(by_thread)


def test_the_writer_and_the_readers_never_share_a_connection(qtbot, store):
    written: list[tuple[int, int]] = []

    def write() -> tuple[int, int]:
        settings.set_value("probe", 1)
        return _connection()

    for _ in range(3):
        write_op(None, write, changes=Changes.of(Area.SETTINGS), on_done=written.append)
    read = {_read(qtbot) for _ in range(6)}  # while the writer thread is alive
    qtbot.waitUntil(lambda: len(written) == 3)
    writer_threads = {thread for thread, _ in written}
    assert len(writer_threads) == 1 and len({c for _, c in written}) == 1  # the one writer
    assert not writer_threads & {thread for thread, _ in read}
    assert not {c for _, c in written} & {c for _, c in read}


def test_closing_the_store_closes_every_kept_connection(qtbot, store):
    path = store.database_path
    for _ in range(4):
        _read(qtbot)
    assert thread_connections.parked_count() >= 1
    assert _open_handles(path) >= 2  # the GUI thread's and the workers'
    session.close_session()
    assert thread_connections.parked_count() == 0
    assert _open_handles(path) == 0
    assert not Path(f"{path}-wal").exists()  # the last close checkpointed


def test_a_job_running_while_the_store_closes_closes_its_own(qtbot, store):
    path = store.database_path
    inside, go_on = threading.Event(), threading.Event()
    done: list[object] = []

    def slow_read() -> tuple[int, int]:
        answer = _connection()
        inside.set()
        go_on.wait(10)
        return answer

    read_op(None, slow_read, done.append)
    assert inside.wait(10)
    session.close_session()  # while the worker still holds its connection
    go_on.set()
    qtbot.waitUntil(lambda: bool(done))
    settle(qtbot)
    assert thread_connections.parked_count() == 0
    assert _open_handles(path) == 0


def test_switching_stores_lets_the_old_file_go(qtbot, store, tmp_path):
    old_path = store.database_path
    settings.set_value("which", "old")
    for _ in range(4):
        _read(qtbot)
    session.close_session()
    other = session.open_session(tmp_path / "other")
    answers: list[object] = []
    read_op(None, lambda: settings.get_value("which", "new store"), answers.append)
    qtbot.waitUntil(lambda: bool(answers))
    assert answers == ["new store"]  # the workers read the store now open
    assert _open_handles(old_path) == 0
    assert _open_handles(other.database_path) >= 1


def test_an_idle_connection_keeps_a_small_cache_and_a_job_gets_the_full_one(qtbot, store):
    from returnsdesk.store.db import PRAGMAS

    def cache_size() -> int:
        return int(database.execute_sql("PRAGMA cache_size").fetchone()[0])

    sizes: list[int] = []
    for done in range(1, 7):
        read_op(None, cache_size, sizes.append)
        qtbot.waitUntil(lambda done=done: len(sizes) == done)
    assert set(sizes) == {PRAGMAS["cache_size"]}  # reused connections get it back
    idle = [p.conn.execute("PRAGMA cache_size").fetchone()[0] for p in _parked()]
    assert idle and set(idle) == {-thread_connections.IDLE_CACHE_KIB}


def _parked() -> list:
    with thread_connections._lock:
        return list(thread_connections._parked.values())
