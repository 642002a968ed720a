"""Start the GUI: the QApplication, the store, the main window."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication

from returnsdesk import paths
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.failures import plain_message
from returnsdesk.logfile import setup_logging
from returnsdesk.services.health import clean_incoming
from returnsdesk.session import StoreError, check_store_file, close_session, open_session
from returnsdesk.ui import language
from returnsdesk.ui.crash import ExceptionHook
from returnsdesk.ui.messages import show_warning
from returnsdesk.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from returnsdesk.ui.main_window import MainWindow

ORGANISATION = "ReturnsDesk"
APPLICATION = "ReturnsDesk"


def ensure_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(sys.argv[:1])
    from returnsdesk.ui.widgets.wheel_guard import install_wheel_guard

    install_wheel_guard(app)  # once per application; forms ignore an unfocused wheel
    language.apply(app, language.resolve(language.chosen()))
    return app


_windows: list = []  # the main window (a list, so a restore can swap it)
_demo = False


def run_app(data_dir: Path, demo: bool = False) -> int:
    global _demo
    _demo = demo
    app = ensure_application()
    try:  # a refused store is only read: no log, no lock file, nothing beside it
        check_store_file(paths.database_path(data_dir))
    except (StoreError, OSError) as exc:
        show_warning(
            None,
            t("ReturnsDesk cannot open the store"),
            plain_message(exc, data_dir) or str(exc),
        )
        return 1
    log_file = setup_logging(data_dir)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.bring_existing_to_front():
            print(t("ReturnsDesk is already open on this store: brought it to the front."))
            return 0
        pid = instance.holder_pid()
        show_warning(
            None,
            t("ReturnsDesk is already open"),
            t(
                "ReturnsDesk is already open on this store (process {pid}). Use that window, "
                "or close it and start again.",
                pid=pid if pid is not None else "?",
            ),
        )
        return 1
    try:
        session = open_session(data_dir)
    except Exception as exc:
        message = plain_message(exc, data_dir)
        if message is None and not isinstance(exc, StoreError | InputError | OSError):
            instance.release()
            raise
        show_warning(
            None,
            t("ReturnsDesk cannot open the store"),
            message or str(exc),
        )
        instance.release()
        return 1
    hook = ExceptionHook(log_file, data_dir)
    hook.install()
    with contextlib.suppress(OSError):  # a read-only or unreachable folder: nothing to tidy
        clean_incoming(session.evidence_dir)
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(session, demo=demo)
    _windows[:] = [window]
    instance.window = lambda: _windows[0] if _windows else None
    app.aboutToQuit.connect(close_store_on_quit)
    window.show()
    try:
        return app.exec()
    finally:
        app.aboutToQuit.disconnect(close_store_on_quit)
        close_store_on_quit()  # also when the loop ends without aboutToQuit
        hook.uninstall()
        instance.release()


def close_store_on_quit() -> None:
    """Let running reads and queued writes finish, then close the store (the last
    connection checkpoints the WAL, so nothing is left beside the database)."""
    from returnsdesk.ui.operations import wait_for_writes

    QThreadPool.globalInstance().waitForDone(30_000)
    wait_for_writes()
    close_session()


def replace_main_window(old: MainWindow, reopen: list[int] | tuple[int, ...] = ()) -> MainWindow:
    """Open a new main window on the current store (restored, repaired, or the same one in
    another language), reopen the cases in ``reopen``, and close the old window."""
    from returnsdesk.session import current
    from returnsdesk.ui.main_window import MainWindow

    old.save_layout()
    window = MainWindow(current(), demo=_demo)
    _windows[:] = [window]
    for case_id in reopen:
        window.open_case(case_id)
    window.show()
    old.close()
    return window
