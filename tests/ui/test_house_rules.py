"""One way to do each thing in the window (issue #17), kept so by looking at the code:
errors and warnings are shown by ``ui.messages`` only, and a pause in typing is waited
for by ``ui.widgets.debounce`` only. Each rule is proved on a planted breach."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "returnsdesk" / "ui"
#: A warning or error box made by hand.
HAND_MADE_BOX = re.compile(
    r"QMessageBox\.(warning|critical)\(|QMessageBox\.Icon\.(Warning|Critical)"
)
#: A single-shot timer: what a debounce is made of.
HAND_MADE_DEBOUNCE = re.compile(r"singleShot\s*=\s*True|setSingleShot\(True\)")
#: The one place each thing is done (the crash dialog is its own window, with details).
HOMES = {HAND_MADE_BOX: {"messages.py", "crash.py"}, HAND_MADE_DEBOUNCE: {"widgets/debounce.py"}}


def breaches(root: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        for rule, homes in HOMES.items():
            if relative not in homes and rule.search(text):
                found.append((rule.pattern[:20], relative))
    return found


def test_the_window_shows_errors_and_debounces_one_way():
    assert breaches(UI) == []


def test_a_planted_breach_of_each_rule_is_caught(tmp_path):
    (tmp_path / "widgets").mkdir()
    (tmp_path / "messages.py").write_text("QMessageBox.warning(parent, title, text)\n")
    (tmp_path / "widgets" / "debounce.py").write_text("QTimer(self, singleShot=True)\n")
    assert breaches(tmp_path) == []
    (tmp_path / "dialog.py").write_text("QMessageBox.critical(self, title, text)\n")
    (tmp_path / "search.py").write_text("self.timer.setSingleShot(True)\n")
    assert [where for _, where in breaches(tmp_path)] == ["dialog.py", "search.py"]
