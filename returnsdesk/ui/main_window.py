"""The main window: navigation, menus, status bar. Wiring only; screens live in their packages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from returnsdesk.session import Session


class MainWindow(QMainWindow):
    def __init__(self, session: Session, demo: bool = False) -> None:
        super().__init__()
        self.session = session
        title = self.tr("ReturnsDesk")
        if demo:
            title += self.tr(" — demo store")
        self.setWindowTitle(title)
        self.setCentralWidget(QLabel(str(session.data_dir)))
        self.resize(1280, 800)
