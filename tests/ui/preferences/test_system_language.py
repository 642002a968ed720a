"""Started with LANG=fr_FR.UTF-8 and the language left to "the system's", the window is
French (issue #13, seen when tried). Run in a fresh process: the language is set when the
application starts, from the environment, before any window exists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from returnsdesk.demo import build_demo_store
from returnsdesk.session import open_session
from returnsdesk.ui import language
from returnsdesk.ui.app import ensure_application
from returnsdesk.domain import i18n

app = ensure_application()
folder = Path(sys.argv[1])
build_demo_store(folder, cases=5, seed=1, now=datetime(2026, 11, 20, tzinfo=UTC))
from returnsdesk.ui.main_window import MainWindow
window = MainWindow(open_session(folder))
print(json.dumps({
    "choice": language.chosen(),
    "language": i18n.current_language(),
    "menus": [a.text() for a in window.menuBar().actions()],
    "tab": window.inbox.tabs.tabText(0),
}))
"""


def _start(tmp_path: Path, lang: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env.update(
        LANG=lang,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # no remembered choice: "system"
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "store")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("lang", "expected", "file_menu"),
    [("fr_FR.UTF-8", "fr", "&Fichier"), ("en_GB.UTF-8", "en", "&File")],
)
def test_the_systems_language_is_the_windows(tmp_path, lang, expected, file_menu):
    shown = _start(tmp_path, lang)
    assert shown["choice"] == "system"
    assert shown["language"] == expected
    assert shown["menus"][0] == file_menu
    if expected == "fr":
        assert shown["tab"].startswith("À traiter")
