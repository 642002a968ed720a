"""Importing saved e-mails from the window: File → Import e-mail…, or a drop on a case or a
supplier. The work runs off the GUI thread; a report says what happened to each file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.ui.tasks import Job, run_task

MAIL_SUFFIXES = (".eml", ".msg")


def mail_paths(mime: QMimeData) -> list[Path]:
    """The dropped files that are saved e-mails (by name: .eml, .msg)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in MAIL_SUFFIXES]


if TYPE_CHECKING:
    _Widget = QWidget  # what the mixin's super() calls reach in the classes using it
else:
    _Widget = object


class MailDropTarget(_Widget):
    """Mixin (before QWidget in the bases) for a widget that logs saved e-mails dropped on
    it: it implements ``import_mail(paths)`` and may refuse drops in ``accepts_mail()``."""

    def accepts_mail(self) -> bool:
        return True

    def import_mail(self, paths: list[Path]) -> object:  # pragma: no cover - overridden
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if mail_paths(event.mimeData()) and self.accepts_mail():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = mail_paths(event.mimeData())
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.import_mail(paths)


def choose_mail_files(parent: QWidget | None) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        t("Import e-mail"),
        "",
        t("Saved e-mails (*.eml *.msg);;All files (*)"),
    )
    return [Path(n) for n in names]


class MailImportJob(Job):
    """The job of one import; ``report`` is the box saying what happened to each file,
    once shown."""

    report: QMessageBox | None = None


def import_mail_files(
    parent: QWidget | None,
    paths: list[Path],
    case_id: int | None = None,
    supplier_id: int | None = None,
    on_done: Callable[[list[str]], None] | None = None,
    report: bool = True,
) -> MailImportJob:
    """Import ``paths`` on a worker; shows (and passes to ``on_done``) one line per file."""

    def work(job: Job) -> list[str]:
        from returnsdesk import session
        from returnsdesk.domain.errors import InputError
        from returnsdesk.formats.mail import read_mail
        from returnsdesk.services.mail_import import describe, import_mail

        evidence_dir = session.current().evidence_dir
        lines = []
        for index, path in enumerate(paths):
            job.check()
            try:
                result = import_mail(evidence_dir, read_mail(path), case_id, supplier_id)
            except InputError as exc:
                lines.append(t("{file}: not imported: {reason}", file=path.name, reason=exc))
            else:
                lines.append(f"{path.name}: {describe(result)}")
                lines += [
                    "    " + t("attachment not kept: {name}", name=skipped)
                    for skipped in result.skipped
                ]
            job.progress(index + 1, len(paths))
        return lines

    def done(lines: list[str]) -> None:
        if report:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                t("Import e-mail"),
                "\n".join(lines),
                QMessageBox.StandardButton.Ok,
                parent,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            job.report = box
        if on_done is not None:
            on_done(lines)

    def failed(exc: Exception) -> None:
        from returnsdesk.ui.messages import show_error

        show_error(parent, t("Import e-mail"), exc)

    job = MailImportJob()
    run_task(work, done, failed, job=job)
    return job
