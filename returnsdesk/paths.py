"""Where things live: the data folder (database, evidence, backups) and resources/."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ReturnsDesk"
ENV_DATA_DIR = "RETURNSDESK_DATA_DIR"
DATABASE_NAME = "returnsdesk.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``$RETURNSDESK_DATA_DIR``, else the platform's folder."""
    chosen = override or os.environ.get(ENV_DATA_DIR) or user_data_dir(APP_NAME, appauthor=False)
    return Path(chosen).expanduser().resolve()


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def evidence_dir(folder: Path) -> Path:
    return folder / "evidence"


def backups_dir(folder: Path) -> Path:
    return folder / "backups"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"
