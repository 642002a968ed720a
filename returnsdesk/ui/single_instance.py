"""One window per store: a lock file in the data folder and a local socket to the first window.

The first window takes ``returnsdesk.lock`` (``QLockFile``, which notices a lock
left by a crashed process) and listens on a local server named after the data
folder. A second start on the same store cannot take the lock: it asks the
first window to come to the front and stops, or, when the first cannot be
reached, explains which process holds the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from returnsdesk.instance import lock_path

RAISE = b"raise\n"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"returnsdesk-{digest}"


class SingleInstance(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.lock = QLockFile(str(lock_path(data_dir)))
        self.lock.setStaleLockTime(0)  # only a dead owner makes the lock stale
        self.server: QLocalServer | None = None
        self.window: Callable[[], QWidget | None] = lambda: None

    def acquire(self) -> bool:
        """Take the store for this window; False when another window holds it."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True  # the store cannot be opened either; that refusal explains it
        if not self.lock.tryLock(200):
            # A read-only folder cannot hold a lock file, and nobody can write there anyway.
            return self.lock.error() != QLockFile.LockError.LockFailedError
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a crashed first window may have left its socket
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(name)
        return True

    def holder_pid(self) -> int | None:
        info = self.lock.getLockInfo()  # (pid, host, application) in PySide6
        return int(info[0]) if info and isinstance(info[0], int) and info[0] > 0 else None

    def bring_existing_to_front(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(server_name(self.data_dir))
        if not socket.waitForConnected(1000):
            return False
        socket.write(RAISE)
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        connection = self.server.nextPendingConnection()
        connection.readyRead.connect(lambda: self._on_message(connection))

    def _on_message(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(RAISE.strip()):
            window = self.window()
            if window is not None:
                window.showNormal()
                window.raise_()
                window.activateWindow()
        connection.disconnectFromServer()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
