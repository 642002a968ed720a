"""A click runs its action with the action's own defaults, not Qt's checked flag."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from returnsdesk.ui.widgets.clicks import on_click


def test_a_click_leaves_the_first_optional_parameter_at_its_default(qtbot):
    calls: list[object] = []

    def attach(path: str = "") -> bool:
        calls.append(path)
        return True

    button = QPushButton("Attach")
    qtbot.addWidget(button)
    button.clicked.connect(attach)  # what on_click avoids: the flag lands in ``path``
    on_click(button, attach)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == [False, ""]
