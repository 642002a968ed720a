"""Combo boxes, spin boxes and date fields ignore the mouse wheel unless they have focus.

Scrolling a form with the wheel must scroll the form, never change the value under the
pointer (seen: a customer refund became a "Replacement cost" and was posted). One event
filter on the application covers every form.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Eats wheel events aimed at an unfocused combo or spin box (the parent scrolls)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, _GUARDED):
            widget: QWidget = watched
            if not widget.hasFocus():
                if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                event.ignore()
                return True
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once on the application; returns it (kept alive by the app)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
