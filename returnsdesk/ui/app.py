"""Start the GUI: the QApplication, the store, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from returnsdesk.domain.errors import InputError
from returnsdesk.session import open_session
from returnsdesk.store.db import StoreError

ORGANISATION = "ReturnsDesk"
APPLICATION = "ReturnsDesk"


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(sys.argv[:1])
    from returnsdesk.ui.widgets.wheel_guard import install_wheel_guard

    install_wheel_guard(app)  # once per application; forms ignore an unfocused wheel
    return app


def run_app(data_dir: Path, demo: bool = False) -> int:
    app = ensure_application()
    try:
        session = open_session(data_dir)
    except (StoreError, InputError, OSError) as exc:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "ReturnsDesk cannot open the store"),
            str(exc),
        )
        return 1
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(session, demo=demo)
    window.show()
    return app.exec()
