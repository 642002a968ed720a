"""Bad days: a full disk and a read-only folder give one plain sentence and change nothing.

Each scenario runs on a real small tmpfs (or a read-only mount) in a private mount
namespace (see tests/bad_days.py): the errors are the operating system's and
SQLite's own, not imitations.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_days import needs_namespaces, run_in_namespace
from import_data import write_shopify

from returnsdesk.failures import DISK_FULL, READ_ONLY


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    from returnsdesk.demo import build_demo_store

    folder = tmp_path_factory.mktemp("shop") / "shop"
    build_demo_store(folder, cases=30, seed=5)
    return folder


def _copy(shop: Path) -> str:
    return f'cp -a "{shop}" "$MNT/shop"'


def _said_disk_full(result: dict) -> None:
    assert result["code"] == 1, result
    assert "Traceback" not in result["err"], result["err"]
    assert DISK_FULL in result["err"], result["err"]


@needs_namespaces
def test_demo_on_a_full_disk_leaves_no_half_store(tmp_path):
    result = run_in_namespace(
        tmp_path,
        """
result["code"], result["out"], result["err"] = run_cli(
    ["demo", "--cases", "3000", "--data-dir", str(MNT / "shop")])
result["files"] = [f for f in files(MNT) if f.endswith(("sqlite3", "-wal", "-shm"))]
""",
        size="1m",
    )
    _said_disk_full(result)
    assert result["files"] == []


@needs_namespaces
def test_import_on_a_full_disk_imports_nothing(tmp_path, shop):
    csv = write_shopify(tmp_path / "orders.csv", 1500)
    result = run_in_namespace(
        tmp_path,
        f"""
before = count(MNT / "shop/returnsdesk.sqlite3", "order")
fill(leave=200_000)
result["code"], result["out"], result["err"] = run_cli(
    ["import", "orders", "{csv}", "--data-dir", str(MNT / "shop")])
os.remove(MNT / "filler")
result["same"] = count(MNT / "shop/returnsdesk.sqlite3", "order") == before
""",
        prepare=_copy(shop),
    )
    _said_disk_full(result)
    assert result["same"]


@needs_namespaces
@pytest.mark.parametrize("name", ["ledger.xlsx", "ledger.csv"])
def test_export_on_a_full_disk_leaves_no_file(tmp_path, shop, name):
    result = run_in_namespace(
        tmp_path,
        f"""
fill(leave=0)
result["code"], result["out"], result["err"] = run_cli(
    ["export", "ledger", "--from", "2000-01-01", "--to", "2100-01-01",
     "--out", str(MNT / "out" / "{name}"), "--data-dir", str(MNT / "shop")])
result["files"] = files(MNT / "out") if (MNT / "out").exists() else []
""",
        prepare=_copy(shop) + ' && mkdir "$MNT/out"',
    )
    _said_disk_full(result)
    assert result["files"] == []


@needs_namespaces
def test_evidence_add_on_a_full_disk_attaches_nothing(tmp_path, shop):
    big = tmp_path / "video.mp4"
    big.write_bytes(b"\0\0\0\x18ftypmp42" + b"v" * 3_000_000)
    result = run_in_namespace(
        tmp_path,
        f"""
before = count(MNT / "shop/returnsdesk.sqlite3", "evidence")
fill(leave=400_000)
conn = sqlite3.connect(MNT / "shop/returnsdesk.sqlite3")
rma = conn.execute('SELECT rma FROM "case" LIMIT 1').fetchone()[0]
conn.close()
result["code"], result["out"], result["err"] = run_cli(
    ["evidence", "add", rma, "{big}", "--data-dir", str(MNT / "shop")])
os.remove(MNT / "filler")
result["same"] = count(MNT / "shop/returnsdesk.sqlite3", "evidence") == before
result["incoming"] = files(MNT / "shop/evidence/.incoming")
""",
        prepare=_copy(shop),
    )
    _said_disk_full(result)
    assert result["same"] and result["incoming"] == []


@needs_namespaces
def test_backup_on_a_full_disk_leaves_no_partial_backup(tmp_path, shop):
    result = run_in_namespace(
        tmp_path,
        """
fill(leave=150_000)
result["code"], result["out"], result["err"] = run_cli(
    ["backup", "--to", str(MNT / "bk"), "--data-dir", str(MNT / "shop")])
result["left"] = [p.name for p in (MNT / "bk").iterdir() if p.name != "objects"] \\
    if (MNT / "bk").exists() else []
result["parts"] = [f for f in files(MNT / "bk") if f.endswith(".part")] \\
    if (MNT / "bk").exists() else []
""",
        prepare=_copy(shop),
    )
    _said_disk_full(result)
    assert result["left"] == [] and result["parts"] == []


@needs_namespaces
def test_a_ledger_post_on_a_full_disk_says_so_and_posts_nothing(tmp_path, shop):
    result = run_in_namespace(
        tmp_path,
        """
from returnsdesk.failures import plain_message
from returnsdesk.session import open_session
from returnsdesk.services.ledger import EntryInput, post_entry
from returnsdesk.store.models import Case, LedgerEntry
open_session(MNT / "shop")
before = LedgerEntry.select().count()
case = Case.select().first()
fill(leave=0)
try:
    for n in range(200):  # the WAL has some room left in its last page: keep going
        post_entry(EntryInput(case.id, "return_label_cost", 100, case.currency, memo="x" * 900))
    result["error"] = None
except Exception as error:
    result["error"] = plain_message(error)
    result["kind"] = type(error).__name__
    result["text"] = str(error)
os.remove(MNT / "filler")
result["posted"] = LedgerEntry.select().count() - before
""",
        prepare=_copy(shop),
        size="8m",
    )
    assert result["error"] == DISK_FULL, result
    assert "rollback" not in result["text"]


@needs_namespaces
def test_read_only_folder_reads_work_and_writes_say_read_only(tmp_path, shop):
    result = run_in_namespace(
        tmp_path,
        """
shop = MNT / "shop"
before = files(shop)
result["check"] = run_cli(["check", "--data-dir", str(shop)])
result["verify"] = run_cli(["evidence", "verify", "--data-dir", str(shop)])
result["export"] = run_cli(["export", "ledger", "--from", "2000-01-01", "--to", "2100-01-01",
                            "--out", "/tmp/ro-export.csv", "--data-dir", str(shop)])
conn = sqlite3.connect(f"file:{shop}/returnsdesk.sqlite3?immutable=1", uri=True)
rma = conn.execute('SELECT rma FROM "case" LIMIT 1').fetchone()[0]
conn.close()
result["print"] = run_cli(["print", "instructions", rma, "--out", "/tmp/ro.pdf",
                           "--data-dir", str(shop)])
result["backup"] = run_cli(["backup", "--to", "/tmp/ro-backup", "--data-dir", str(shop)])
result["add"] = run_cli(["customer", "anonymise", "nobody@example.com", "--data-dir", str(shop)])
from returnsdesk.session import open_session
from returnsdesk.services.settings import set_value
from returnsdesk.failures import plain_message
open_session(shop)
try:
    set_value("x", 1)
    result["write"] = None
except Exception as error:
    result["write"] = plain_message(error)
result["after"] = files(shop)
result["before"] = before
""",
        prepare=_copy(shop),
        read_only=True,
    )
    for name in ("check", "verify", "export", "print", "backup"):
        code, out, err = result[name]
        assert code == 0, (name, out, err)
        assert "Traceback" not in err
    assert result["write"] == READ_ONLY
    assert result["after"] == result["before"]  # no -wal, no -shm, nothing new


def test_refused_stores_stay_byte_identical_with_nothing_beside_them(tmp_path, shop, capsys):
    import shutil
    import sqlite3

    from returnsdesk.store import migrations

    future = tmp_path / "future"
    shutil.copytree(shop, future)
    conn = sqlite3.connect(future / "returnsdesk.sqlite3")
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 3}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    truncated = tmp_path / "truncated"
    shutil.copytree(shop, truncated)
    db = truncated / "returnsdesk.sqlite3"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    from returnsdesk.cli import main

    for folder, words in ((future, "newer ReturnsDesk"), (truncated, "damaged")):
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        for argv in (
            ["check"],
            [
                "export",
                "ledger",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--out",
                str(tmp_path / "x.csv"),
            ],
            ["backup"],
        ):
            assert main([*argv, "--data-dir", str(folder)]) == 1
            assert words in capsys.readouterr().err
        after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert after == before, (folder, set(after) ^ set(before))
        assert not (folder / "backups").exists()


def test_a_store_locked_by_another_program_says_so_and_changes_nothing(
    tmp_path, shop, monkeypatch, capsys
):
    import shutil
    import sqlite3

    from returnsdesk.cli import main
    from returnsdesk.failures import LOCKED
    from returnsdesk.store import db as store_db

    folder = tmp_path / "locked"
    shutil.copytree(shop, folder)
    monkeypatch.setitem(store_db.PRAGMAS, "busy_timeout", 100)
    other = sqlite3.connect(folder / "returnsdesk.sqlite3", isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    email = other.execute("SELECT email FROM customer WHERE email != '' LIMIT 1").fetchone()[0]
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        code = main(["customer", "anonymise", email, "--data-dir", str(folder)])
    finally:
        other.execute("ROLLBACK")
    err = capsys.readouterr().err
    assert code == 1 and LOCKED in err and "Traceback" not in err
    still = other.execute("SELECT count(*) FROM customer WHERE email = ?", (email,)).fetchone()[0]
    other.close()
    assert still == 1


@needs_namespaces
def test_the_window_opens_a_read_only_store_read_only_and_leaves_it_untouched(tmp_path, shop):
    result = run_in_namespace(
        tmp_path,
        """
from PySide6.QtCore import QTimer
from returnsdesk.ui import app
shop = MNT / "shop"
before = {p: Path(MNT / p).read_bytes() for p in files(shop)}
titles = []
def close():
    titles.append(app._windows[0].windowTitle())
    app._windows[0].close()
QTimer.singleShot(0, close)
result["code"] = app.run_app(shop)
result["title"] = titles[0]
result["same"] = {p: Path(MNT / p).read_bytes() for p in files(shop)} == before
""",
        prepare=_copy(shop),
        read_only=True,
    )
    assert result["code"] == 0
    assert "read-only" in result["title"]
    assert result["same"]
