"""A button's click running an action with its defaults.

``clicked`` carries the button's ``checked`` flag, and PySide6 hands it to a slot that
takes an argument: ``button.clicked.connect(self.save)`` would call ``save(False)``,
filling the first optional parameter. ``on_click`` calls ``action()`` with nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton


def on_click(button: QAbstractButton, action: Callable[[], object]) -> None:
    """Run ``action()`` (no argument) each time ``button`` is clicked."""

    def clicked() -> None:
        action()

    button.clicked.connect(clicked)
