"""``returnsdesk backup`` and ``returnsdesk restore``: safe copies of the store, and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="back up the store (database and evidence), verified",
        description="Make a consistent copy of the store while it may be in use (SQLite's "
        "online backup API), with its evidence files copied by hash, verified after writing "
        "and written atomically with a manifest. Old backups are rotated (by default 7 daily, "
        "4 weekly, 12 monthly).",
    )
    add_data_dir(backup)
    backup.add_argument(
        "--to",
        metavar="DIR",
        help="backup folder (default: the one chosen in Preferences, else the data "
        "folder's backups/)",
    )
    backup.add_argument(
        "--list", action="store_true", help="list the backups in the folder instead"
    )
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="restore the store from a backup",
        description="Check a backup (database integrity, hashes, evidence files), set the "
        "current store aside in the data folder's set-aside/, then restore the backup.",
    )
    add_data_dir(restore)
    restore.add_argument("backup", metavar="BACKUP", help="a backup folder (or its manifest)")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from returnsdesk.services import backup
    from returnsdesk.session import open_session

    session = open_session(paths.data_dir(getattr(args, "data_dir", None)))
    folder = Path(args.to).expanduser().resolve() if args.to else None
    if args.list:
        target = folder or backup.backup_folder(session.data_dir)
        found = backup.list_backups(target)
        for item in found:
            m = item.manifest
            print(
                f"{item.path}  {m.created_at:%Y-%m-%d %H:%M} UTC  {m.cases:,} cases  "
                f"{m.evidence_files:,} evidence files"
            )
        print(f"{len(found)} backup(s) in {target}.")
        return 0
    result = backup.create_backup(session.data_dir, folder)
    made = result.backup
    print(
        f"Backed up to {made.path} ({made.manifest.cases:,} cases, "
        f"{made.manifest.evidence_files:,} evidence files; {result.copied_files:,} new files, "
        f"{result.copied_bytes / 1e6:.1f} MB copied). Verified."
    )
    if made.manifest.evidence_not_copied:
        print(
            f"Warning: {len(made.manifest.evidence_not_copied)} evidence file(s) were missing or "
            "altered and are not in the backup (see: returnsdesk check)."
        )
    if result.removed:
        print(f"Removed {len(result.removed)} older backup(s) by the rotation rule.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from returnsdesk.domain.errors import InputError
    from returnsdesk.instance import window_pid
    from returnsdesk.services.restore import restore_backup
    from returnsdesk.session import close_session, open_session

    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    pid = window_pid(data_dir)
    if pid is not None:
        raise InputError(
            f"ReturnsDesk is open on this store (process {pid}). Close the window first, "
            "or use File → Restore… in it."
        )
    result = restore_backup(Path(args.backup), data_dir)
    open_session(data_dir)  # brings an older backup up to this version's schema
    close_session()
    print(result.summary())
    return 0
