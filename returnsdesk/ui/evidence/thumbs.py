"""Thumbnails off the GUI thread: a small queue in front of ``ui.tasks.run_task``.

``ThumbnailLoader.request(sha)`` returns a cached pixmap at once or ``None``
and queues the work; ``ready(sha)`` fires on the GUI thread when it arrives.
The most recently requested thumbnails (the ones the view is painting now)
are built first, and at most ``max_running`` jobs run at a time so a 500-photo
gallery never floods the pool. Workers produce ``QImage`` (thread-safe); the
pixmap is made on the GUI thread.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap

from returnsdesk.services.thumbnails import ensure_thumbnail
from returnsdesk.ui.tasks import Job, run_task

#: Side of the grid's icons; the disk cache keeps 256 px for high-DPI screens.
ICON = 160


class ThumbnailLoader(QObject):
    ready = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.max_running = max(2, QThreadPool.globalInstance().maxThreadCount())
        self._pixmaps: dict[str, QPixmap] = {}
        self._failed: set[str] = set()
        self._pending: list[str] = []  # a stack: newest request first
        self._running: dict[str, Job] = {}

    def request(self, sha: str) -> QPixmap | None:
        pixmap = self._pixmaps.get(sha)
        if pixmap is not None or sha in self._failed:
            return pixmap
        if sha not in self._running:
            if sha in self._pending:
                self._pending.remove(sha)
            self._pending.append(sha)
            self._pump()
        return None

    def failed(self, sha: str) -> bool:
        return sha in self._failed

    def cached(self, sha: str) -> QPixmap | None:
        return self._pixmaps.get(sha)

    def busy(self) -> bool:
        return bool(self._pending or self._running)

    def cancel_all(self) -> None:
        self._pending.clear()
        for job in self._running.values():
            job.cancel()

    def _pump(self) -> None:
        while self._pending and len(self._running) < self.max_running:
            sha = self._pending.pop()

            def work(job: Job, sha: str = sha, data_dir: Path = self.data_dir) -> QImage | None:
                job.check()
                path = ensure_thumbnail(data_dir, sha)
                if path is None:
                    return None
                image = QImage(str(path))
                if image.isNull():
                    return None
                return image.scaled(
                    ICON,
                    ICON,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )

            self._running[sha] = run_task(
                work, on_success=partial(self._done, sha), on_error=partial(self._failed_one, sha)
            )

    def _failed_one(self, sha: str, _error: Exception) -> None:
        self._done(sha, None)

    def _done(self, sha: str, image: QImage | None) -> None:
        self._running.pop(sha, None)
        if image is None:
            self._failed.add(sha)
        else:
            self._pixmaps[sha] = QPixmap.fromImage(image)
        self.ready.emit(sha)
        self._pump()
