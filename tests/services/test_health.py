"""The health check, leftovers of killed imports, search with control characters, GDPR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from datetime import datetime

import pytest
from conftest import NOW
from hypothesis import given
from hypothesis import strategies as st

from returnsdesk.cli import main
from returnsdesk.domain.retention import Retention, to_keep
from returnsdesk.services import health
from returnsdesk.services.personal_data import PersonalDataError, anonymise, gather
from returnsdesk.store.db import database, write
from returnsdesk.store.models import Case, Customer, LedgerEntry, Supplier, SupplierContact
from returnsdesk.store.search import build_match, search_case_ids


def test_a_demo_store_is_healthy(demo_store):
    report = health.check_store(demo_store.evidence_dir)
    assert report.ok, report.findings
    assert "healthy" in report.summary() and report.evidence_checked > 0


def _raw(sql: str, params=()) -> None:
    database.execute_sql("PRAGMA foreign_keys = OFF")
    database.execute_sql(sql, params)
    database.execute_sql("PRAGMA foreign_keys = ON")


def test_ledger_rules_are_checked(demo_store):
    entry = LedgerEntry.select().where(LedgerEntry.reverses.is_null()).first()
    columns = "case_id, entry_date, kind, amount_minor, currency, memo, reverses_id, created_at"
    values = (entry.case_id, "2026-05-01", entry.kind, entry.amount_minor, entry.currency, "r")
    _raw(
        f"INSERT INTO ledger_entry ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*values[:3], entry.amount_minor + 1, entry.currency, "bad", entry.id, "2026-05-01"),
    )
    _raw(
        f"INSERT INTO ledger_entry ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*values, 999_999, "2026-05-01"),
    )
    texts = [f.text for f in health.check_store(demo_store.evidence_dir).findings]
    assert any("does not match the entry it cancels" in t for t in texts)
    assert any("cancels an entry that does not exist" in t for t in texts)
    assert any(t.startswith("Broken link") for t in texts)


def test_a_refund_beyond_the_order_total_without_override_is_reported(demo_store):
    case = Case.select().first()
    order = case.order
    _raw(
        "INSERT INTO ledger_entry (case_id, entry_date, kind, amount_minor, currency, created_at) "
        "VALUES (?, '2026-05-01', 'customer_refund', ?, ?, '2026-05-01T00:00:00Z')",
        (case.id, order.total_minor + 1, order.currency),
    )
    texts = [f.text for f in health.check_store(demo_store.evidence_dir).findings]
    assert any(order.number in t and "exceed the order total" in t for t in texts)


def test_a_stale_search_index_is_found_and_rebuilt_by_repair(demo_store):
    case = Case.select().first()
    database.execute_sql("DELETE FROM case_search WHERE rowid = ?", (case.id,))
    database.execute_sql("INSERT INTO case_search(rowid, rma) VALUES (?, 'ghost')", (10_000_000,))
    report = health.check_store(demo_store.evidence_dir)
    assert [f.area for f in report.findings] == [health.Area.SEARCH]
    repaired = health.check_store(demo_store.evidence_dir, repair=True)
    assert repaired.ok and "rebuilt the search index" in repaired.summary()
    assert case.id in search_case_ids(case.rma)
    assert health.check_store(demo_store.evidence_dir).ok


def test_an_altered_evidence_file_is_reported(demo_store):
    stored = next(p for p in demo_store.evidence_dir.glob("??/*") if len(p.name) == 64)
    stored.write_bytes(b"not the photo any more")
    texts = [f.text for f in health.check_store(demo_store.evidence_dir).findings]
    assert f"Evidence file {stored.name} was altered (its content no longer matches)." in texts


KILLED_ADD = """
import sys
from pathlib import Path
from returnsdesk.session import open_session
from returnsdesk.services import evidence
from returnsdesk.store.models import Case
import os, signal
session = open_session(Path(sys.argv[1]))
real_write = os.fdopen
def dying_fdopen(*args, **kwargs):
    handle = real_write(*args, **kwargs)
    original = handle.write
    def write(chunk):
        original(chunk)
        handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    handle.write = write
    return handle
evidence.os.fdopen = dying_fdopen
evidence.attach_files(session.evidence_dir, Case.select().first().id, [sys.argv[2]])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_check_repair_removes_what_a_killed_evidence_add_left(demo_store, tmp_path, capsys):
    source = tmp_path / "clip.mp4"
    source.write_bytes(os.urandom(3 * 1024 * 1024))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_ADD, str(demo_store.data_dir), str(source)], env=env
    )
    assert killed.returncode == -9
    left = list((demo_store.evidence_dir / ".incoming").iterdir())
    assert len(left) == 1 and left[0].stat().st_size > 0
    folder = str(demo_store.data_dir)
    assert main(["evidence", "verify", "--data-dir", folder]) == 0
    assert "1 partial files left by an interrupted import" in capsys.readouterr().out
    assert main(["check", "--data-dir", folder]) == 1
    assert "partial file(s)" in capsys.readouterr().err
    assert main(["check", "--repair", "--data-dir", folder]) == 0
    assert "removed 1 leftover file(s)" in capsys.readouterr().out
    assert not any((demo_store.evidence_dir / ".incoming").iterdir())


ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_a_copy_in_progress_in_a_live_process_is_never_removed(demo_store):
    incoming = demo_store.evidence_dir / ".incoming"
    incoming.mkdir(exist_ok=True)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = incoming / f"in-{sleeper.pid}-abcd"
        live.write_bytes(b"half a video")
        dead = incoming / "in-4194000-dead"
        dead.write_bytes(b"left by a killed import")
        stale = incoming / f"in-{sleeper.pid}-old"
        stale.write_bytes(b"untouched for a day")
        day_ago = time.time() - 24 * 3600
        os.utime(stale, (day_ago, day_ago))
        assert health.clean_incoming(demo_store.evidence_dir) == 2
        assert live.exists() and not dead.exists() and not stale.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_leftover_partial_backups_of_dead_processes_are_cleared(demo_store, tmp_path):
    from returnsdesk.services.backup import create_backup

    folder = tmp_path / "bk"
    (folder / ".partial-4194000-x").mkdir(parents=True)
    (folder / ".partial-4194000-x" / "returnsdesk.sqlite3").write_bytes(b"half")
    (folder / "objects" / "ab").mkdir(parents=True)
    (folder / "objects" / "ab" / ".4194000-zz.part").write_bytes(b"half")
    create_backup(demo_store.data_dir, folder)
    assert not (folder / ".partial-4194000-x").exists()
    assert not (folder / "objects" / "ab" / ".4194000-zz.part").exists()


@pytest.mark.parametrize("code", [*range(32), 127, *range(0x80, 0xA0)])
def test_every_control_character_in_search_is_harmless(demo_store, code):
    from datetime import date

    from returnsdesk.store.inbox import Filters, InboxQuery, View, case_ids, view_counts

    text = f"a{chr(code)}b {chr(code)}"
    build_match(text)
    search_case_ids(text)
    filters = Filters(search=text)
    case_ids(InboxQuery(view=View.ALL, filters=filters), date(2026, 5, 20))
    view_counts(filters, date(2026, 5, 20))


@given(st.text())
def test_no_search_text_raises(text):
    match = build_match(text)
    assert match is None or "\x00" not in match


def test_lone_surrogates_and_nul_in_search(demo_store):
    assert search_case_ids("\x00") == []
    search_case_ids("\ud800 RMA")
    case = Case.select().first()
    assert case.id in search_case_ids(case.rma + "\x00")


@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1)), max_size=60))
def test_retention_keeps_the_newest_and_at_most_its_quota(stamps):
    rule = Retention(daily=7, weekly=4, monthly=12)
    kept = to_keep(stamps, rule)
    assert kept <= set(stamps)
    if stamps:
        assert max(stamps) in kept
    assert len(kept) <= 1 + 7 + 4 + 12
    days = {s.date() for s in stamps}
    newest_days = sorted(days, reverse=True)[:7]
    for day in newest_days:  # the newest backup of each of the last 7 days is kept
        assert max(s for s in stamps if s.date() == day) in kept


def test_write_raises_the_real_error_not_the_failed_rollback(store):
    """SQLite may roll back by itself (disk full): the ROLLBACK then fails, and must not mask."""
    import sqlite3

    with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
        with write():
            database.execute_sql("INSERT INTO setting(key, value) VALUES ('a', '1')")
            database.connection().execute("ROLLBACK")  # what SQLite does on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")


def test_personal_data_export_and_anonymise(demo_store, tmp_path, capsys):
    customer = Customer.select().where(Customer.email != "").first()
    email = customer.email
    case = (
        Case.select()
        .join_from(Case, Case.order.rel_model)
        .where(Case.order.rel_model.customer == customer)
        .first()
    )
    money_before = sorted((e.id, e.amount_minor) for e in LedgerEntry.select())
    Case.update(notes=f"Spoke to {customer.name} about it").where(Case.id == case.id).execute()
    supplier = Supplier.select().first()
    quoted_mail = SupplierContact.create(
        supplier=supplier,
        case=case,
        at=NOW,
        channel="email",
        direction="received",
        body="Reply",
        quoted=f"> On Monday {email} wrote: refund please",
    )
    out = tmp_path / "me.zip"
    folder = str(demo_store.data_dir)
    assert main(["customer", "export", email.upper(), "--out", str(out), "--data-dir", folder]) == 0
    with zipfile.ZipFile(out) as archive:
        record = json.loads(archive.read("personal-data.json"))
        assert record["customers"][0]["email"] == email
        names = archive.namelist()
    assert all(n == "personal-data.json" or n.startswith("evidence/") for n in names)
    assert main(["customer", "anonymise", email, "--data-dir", folder]) == 0
    assert "money records and case facts were kept" in capsys.readouterr().out
    after = Customer.get_by_id(customer.id)
    assert (after.email, after.phone, after.address) == ("", "", "")
    assert customer.name not in after.name
    reloaded = Case.get_by_id(case.id)
    assert customer.name not in reloaded.notes and "[anonymised]" in reloaded.notes
    assert (
        "anonymised on request"
        in reloaded.events.order_by(reloaded.events.model.id.desc()).first().text
    )
    assert sorted((e.id, e.amount_minor) for e in LedgerEntry.select()) == money_before
    assert email not in SupplierContact.get_by_id(quoted_mail.id).quoted  # imported mail history
    assert case.id not in search_case_ids(customer.name.split()[0] + " " + email)
    assert case.id in search_case_ids(case.rma)
    assert health.check_store(demo_store.evidence_dir).ok
    with pytest.raises(PersonalDataError, match="No customer"):
        gather(email, demo_store.evidence_dir)
    with pytest.raises(PersonalDataError, match="No customer"):
        anonymise("nobody@example.com")


def test_check_json_for_scripts(demo_store, capsys):
    assert main(["check", "--json", "--data-dir", str(demo_store.data_dir)]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "findings": [], "repaired": []}


def test_a_long_integrity_check_can_be_cancelled(demo_store):
    from returnsdesk.store import health_sql

    class Stop(Exception):
        pass

    def cancel() -> None:
        raise Stop()

    with pytest.raises(Stop):
        health_sql.integrity_problems(check=cancel, every=100)
    assert health_sql.integrity_problems() == []  # the connection is usable afterwards
