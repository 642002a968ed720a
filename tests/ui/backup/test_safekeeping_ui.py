"""Back up, restore and check in the window; the status bar; Preferences → Backups;
the exception hook and one window per store."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from case_waits import settle
from PySide6.QtCore import QTimer

from returnsdesk.services import backup
from returnsdesk.store.models import Case
from returnsdesk.ui.backup.backup_dialog import BackupDialog
from returnsdesk.ui.backup.check_dialog import CheckDialog
from returnsdesk.ui.backup.preferences_page import BackupPreferencesPage
from returnsdesk.ui.backup.restore_dialog import RestoreDialog
from returnsdesk.ui.backup.status import BackupStatusLabel
from returnsdesk.ui.main_window import MainWindow

SHOTS = Path(os.environ.get("RETURNSDESK_SHOTS", "/tmp/shots/safekeeping"))


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_back_up_now_dialog_backs_up_and_says_where(qtbot, demo_store):
    dialog = BackupDialog(demo_store.data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.backed_up, timeout=20_000):
        pass
    assert "Backed up and verified" in dialog.result_label.text()
    assert str(demo_store.data_dir / "backups") in dialog.result_label.text()
    assert len(backup.list_backups(demo_store.data_dir / "backups")) == 1
    _shot(dialog, "backup_dialog")


def test_a_backup_to_a_folder_that_cannot_be_made_says_so(qtbot, store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    backup.save_backup_settings(str(blocker / "sub"), True, backup.retention())
    dialog = BackupDialog(store.data_dir)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "No backup was made" in dialog.result_label.text(), timeout=10_000)
    assert "cannot be created" in dialog.result_label.text()


def test_restore_dialog_lists_backups_and_restores_the_chosen_one(qtbot, demo_store):
    made = backup.create_backup(demo_store.data_dir).backup
    victim = Case.select().first()
    Case.update(notes="after the backup").where(Case.id == victim.id).execute()
    dialog = RestoreDialog(demo_store.data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    _shot(dialog, "restore_dialog")
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or True
    with qtbot.waitSignal(dialog.restored, timeout=20_000) as signal:
        dialog.restore_button.click()
    assert asked and "set aside first" in asked[0]
    result = signal.args[0]
    assert result.backup.path == made.path and result.set_aside is not None
    assert "from the backup taken" in dialog.result_label.text()
    assert Case.get_by_id(victim.id).notes != "after the backup"
    _shot(dialog, "restore_dialog_done")


def test_restore_dialog_on_an_empty_folder_says_there_is_none(qtbot, store):
    dialog = RestoreDialog(store.data_dir)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and not dialog.restore_button.isEnabled()
    assert "no backup" in dialog.result_label.text()


def test_check_dialog_finds_a_leftover_and_repairs_it(qtbot, demo_store):
    incoming = demo_store.evidence_dir / ".incoming"
    incoming.mkdir(exist_ok=True)
    (incoming / "in-4194000-dead").write_bytes(b"half a video")
    dialog = CheckDialog(demo_store.evidence_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert "1 problem found, 1 of them can be fixed with Repair" in dialog.summary.text()
    assert "partial file" in dialog.details.toPlainText()
    assert dialog.repair_button.isEnabled()
    _shot(dialog, "check_dialog")
    with qtbot.waitSignal(dialog.repaired, timeout=20_000):
        dialog.repair_button.click()
    assert "Repaired 1 problem." in dialog.summary.text()
    assert "Repaired: removed 1 leftover file" in dialog.details.toPlainText()
    assert not any(incoming.iterdir())
    _shot(dialog, "check_dialog_repaired")


def test_check_can_be_cancelled(qtbot, demo_store):
    dialog = CheckDialog(demo_store.evidence_dir, start=False)
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.progress.cancel()
    qtbot.waitUntil(lambda: not dialog.progress.running, timeout=20_000)
    text = dialog.summary.text()
    assert "Cancelled" in text or "healthy" in text  # it may finish before it sees the cancel


def test_status_bar_shows_the_backup_age_and_warns_after_a_week(qtbot, store):
    label = BackupStatusLabel(store.data_dir)
    qtbot.addWidget(label)
    assert "No backup yet" in label.text() and label.overdue
    made = backup.create_backup(store.data_dir)
    label.refresh(made.backup.created_at + timedelta(hours=5))
    assert label.text() == "Last backup: 5 hours ago" and not label.overdue
    label.refresh(made.backup.created_at + timedelta(days=9))
    assert "9 days ago" in label.text() and "back up now" in label.text() and label.overdue


def test_main_window_has_the_commands_and_the_status(qtbot, demo_store):
    window = MainWindow(demo_store, demo=True)
    qtbot.addWidget(window)
    window.show()
    texts = {a.text() for a in window.actions()}
    assert {"&Back up now…", "&Restore…", "&Check the store…"} <= texts
    assert "No backup yet" in window.safekeeping.status.text()
    _shot(window.statusBar(), "status_bar_no_backup")
    dialog = window.safekeeping.back_up_now()
    with qtbot.waitSignal(dialog.backed_up, timeout=20_000):
        pass
    assert window.safekeeping.status.text() == "Last backup: just now"
    _shot(window.statusBar(), "status_bar")
    dialog.close()


def test_closing_the_window_backs_up_when_automatic_backups_are_on(qtbot, demo_store):
    window = MainWindow(demo_store, demo=True)
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert len(backup.list_backups(demo_store.data_dir / "backups")) == 1


def test_preferences_page_saves_the_backup_settings(qtbot, store, tmp_path):
    page = BackupPreferencesPage()
    qtbot.addWidget(page)
    page.resize(700, 360)
    assert page.folder.text() == "" and page.automatic.isChecked()
    page.folder.setText("relative/path")
    with pytest.raises(backup.BackupError, match="full path"):
        page.validate()
    page.folder.setText(str(tmp_path / "usb" / "returnsdesk"))
    page.automatic.setChecked(False)
    page.daily.setValue(3)
    page.validate()
    from returnsdesk.ui.preferences.dialog import PreferencesDialog

    dialog = PreferencesDialog([page])
    qtbot.addWidget(dialog)
    dialog.accept()  # saved on the writer thread; the dialog closes once it is
    qtbot.waitUntil(lambda: dialog.result() == PreferencesDialog.DialogCode.Accepted)
    assert backup.backup_folder(store.data_dir) == tmp_path / "usb" / "returnsdesk"
    assert not backup.automatic_enabled() and backup.retention().daily == 3
    _shot(page, "preferences_backups")


def test_an_unexpected_error_in_the_window_is_shown_logged_and_survived(qtbot, store):
    from returnsdesk.logfile import setup_logging
    from returnsdesk.ui.crash import ExceptionHook

    log_file = setup_logging(store.data_dir)
    hook = ExceptionHook(log_file, store.data_dir)
    hook.quiet = True
    hook.install()
    try:

        def boom() -> None:
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(hook.shown), timeout=5000)
        import threading

        worker = threading.Thread(target=lambda: 1 / 0, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(hook.shown) == 2, timeout=5000)
    finally:
        hook.uninstall()
    assert "a bug in a slot" in hook.shown[0] and str(log_file) in hook.shown[0]
    assert "keeps running" in hook.shown[0]
    assert "ZeroDivisionError" in log_file.read_text() or "division" in hook.shown[1]
    assert "a bug in a slot" in log_file.read_text()


def test_a_second_window_on_the_same_store_brings_the_first_to_the_front(qtbot, store):
    from returnsdesk.ui.single_instance import SingleInstance

    first = SingleInstance(store.data_dir)
    assert first.acquire()
    raised: list[bool] = []

    class Window:
        def showNormal(self):
            raised.append(True)

        def raise_(self):
            pass

        def activateWindow(self):
            pass

    first.window = lambda: Window()
    try:
        from returnsdesk.instance import window_pid

        assert window_pid(store.data_dir) == os.getpid()
        second = SingleInstance(store.data_dir)
        assert not second.acquire()
        assert second.holder_pid() == os.getpid()
        assert second.bring_existing_to_front()
        qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    finally:
        first.release()
    assert SingleInstance(store.data_dir).acquire()


def test_restore_from_the_command_line_refuses_while_a_window_holds_the_store(
    qtbot, demo_store, capsys
):
    from returnsdesk.cli import main
    from returnsdesk.ui.single_instance import SingleInstance

    made = backup.create_backup(demo_store.data_dir).backup
    holder = SingleInstance(demo_store.data_dir)
    assert holder.acquire()
    try:
        code = main(["restore", str(made.path), "--data-dir", str(demo_store.data_dir)])
    finally:
        holder.release()
    assert code == 1
    assert "Close the window first" in capsys.readouterr().err


def test_age_text_uses_utc_now_by_default(qtbot, store):
    label = BackupStatusLabel(store.data_dir)
    qtbot.addWidget(label)
    backup.create_backup(store.data_dir, now=datetime.now(UTC) - timedelta(days=2, hours=1))
    label.refresh()
    assert label.text() == "Last backup: 2 days ago"


def test_new_case_dialog_refuses_a_bad_email_or_country(qtbot, demo_store, refusals):
    """Issue 14: `=1+1`, `not-an-email` and country ZZ were accepted in the new-case dialog."""
    from returnsdesk.ui.case.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.source.setCurrentIndex(1)
    dialog.m_number.setText("#MANUAL-9")
    dialog.m_customer.setText("Zoë")
    dialog.m_title.setText("Lamp")
    dialog.reason.setCurrentIndex(dialog.reason.findData("defective"))
    dialog.m_price.setText("12.50")
    before = Case.select().count()
    for email, country, words in (
        ("=1+1", "FR", "is not an e-mail address"),
        ("not-an-email", "FR", "is not an e-mail address"),
        ("zoe@example.com", "ZZ", "not a country"),
    ):
        dialog.m_email.setText(email)
        dialog.m_country.setText(country)
        dialog.accept()
        settle(qtbot)
        assert words in refusals[-1]
        assert Case.select().count() == before
    dialog.m_country.setText("fr")
    dialog.accept()
    settle(qtbot)
    assert Case.select().count() == before + 1


def test_supplier_email_is_checked(store):
    from returnsdesk.domain.errors import InputError
    from returnsdesk.services.suppliers import SupplierInput, validate

    with pytest.raises(InputError, match="is not an e-mail address"):
        validate(SupplierInput(name="Shenzhen Co", email="sales@@cn"))


def test_the_app_closes_the_store_cleanly_and_backs_up_on_quit(qtbot, tmp_path):
    from returnsdesk import paths
    from returnsdesk.demo import build_demo_store
    from returnsdesk.instance import window_pid
    from returnsdesk.ui import app

    folder = tmp_path / "shop"
    build_demo_store(folder, cases=20, seed=2)
    QTimer.singleShot(0, lambda: app._windows[0].close())
    assert app.run_app(folder) == 0
    db = paths.database_path(folder)
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    assert len(backup.list_backups(folder / "backups")) == 1
    assert window_pid(folder) is None
    assert (folder / "returnsdesk.log").exists()


def test_a_second_start_brings_the_running_window_to_the_front(qtbot, tmp_path):
    import subprocess
    import sys

    from returnsdesk.demo import build_demo_store
    from returnsdesk.instance import window_pid

    folder = tmp_path / "shop"
    build_demo_store(folder, cases=5, seed=2)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])
    first = subprocess.Popen(
        [sys.executable, "-m", "returnsdesk", "--data-dir", str(folder)], env=env
    )
    try:
        qtbot.waitUntil(lambda: window_pid(folder) == first.pid, timeout=20_000)
        second = subprocess.run(
            [sys.executable, "-m", "returnsdesk", "--data-dir", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 0
        assert "already open on this store" in second.stdout
        assert first.poll() is None  # the first window carries on
    finally:
        first.terminate()
        first.wait()


def test_a_full_disk_in_any_slot_reads_as_a_full_disk(store):
    import sqlite3

    from returnsdesk.failures import DISK_FULL
    from returnsdesk.ui.crash import ExceptionHook

    hook = ExceptionHook(None, store.data_dir)
    assert hook.message(sqlite3.OperationalError("database or disk is full")) == DISK_FULL
    assert "could not be saved" in hook.message(RuntimeError("x"))


def test_personal_data_from_the_case_menu_anonymises_after_asking(qtbot, demo_store, monkeypatch):
    import threading

    from PySide6.QtWidgets import QMessageBox

    from returnsdesk.services import personal_data
    from returnsdesk.store.models import Customer
    from returnsdesk.ui.operations import change_bus

    window = MainWindow(demo_store, demo=True)
    qtbot.addWidget(window)
    case = (
        Case.select()
        .join(Case.order.rel_model)
        .where(
            Case.order.rel_model.customer.in_(
                Customer.select(Customer.id).where(Customer.email != "")
            )
        )
        .first()
    )
    email = case.order.customer.email
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.safekeeping.anonymise(email)
    assert Customer.get_by_id(case.order.customer_id).email == email
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    threads: list[str] = []
    real = personal_data.anonymise

    def anonymise_watched(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(personal_data, "anonymise", anonymise_watched)
    with qtbot.waitSignal(change_bus().changed, timeout=10_000) as announced:
        window.safekeeping.anonymise(email)
    # Written on the writer thread (issue 17), announced so the inbox and cases refresh.
    assert threads and threads[0] != threading.main_thread().name
    assert announced.args[0].touches_case(case.id)
    assert Customer.get_by_id(case.order.customer_id).email == ""
    assert "Anonymised the customer" in window.statusBar().currentMessage()


def test_the_window_refuses_a_newer_store_and_leaves_nothing_beside_it(
    qtbot, tmp_path, monkeypatch
):
    import sqlite3

    from returnsdesk.demo import build_demo_store
    from returnsdesk.store import migrations
    from returnsdesk.ui import app

    folder = tmp_path / "shop"
    build_demo_store(folder, cases=3, seed=2)
    conn = sqlite3.connect(folder / "returnsdesk.sqlite3")
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 1}")
    conn.close()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    shown: list[str] = []
    monkeypatch.setattr(app, "show_warning", lambda parent, title, text: shown.append(text))
    assert app.run_app(folder) == 1
    assert "newer ReturnsDesk" in shown[0]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_the_backups_page_is_in_edit_preferences(qtbot, store):
    from returnsdesk.ui.preferences.dialog import PreferencesDialog
    from returnsdesk.ui.preferences.pages import preference_pages

    pages = preference_pages()
    assert "Backups" in [page.title() for page in pages]
    dialog = PreferencesDialog(pages)
    qtbot.addWidget(dialog)
    dialog.show_page("Backups")
    dialog.show()
    _shot(dialog, "preferences_dialog")


def test_restore_from_the_file_menu_reopens_the_window_on_the_restored_store(
    qtbot, demo_store, monkeypatch
):
    from returnsdesk.ui import app

    made = backup.create_backup(demo_store.data_dir).backup
    victim = Case.select().first()
    Case.update(notes="after the backup").where(Case.id == victim.id).execute()
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(app, "_windows", [window])
    dialog = window.safekeeping.restore()
    dialog.confirm = lambda text: True
    with qtbot.waitSignal(dialog.restored, timeout=20_000):
        dialog.restore_button.click()
    dialog.close()  # closing the dialog reopens the window on the restored store
    qtbot.waitUntil(lambda: app._windows[0] is not window, timeout=5000)
    replacement = app._windows[0]
    qtbot.addWidget(replacement)
    assert not window.isVisible() and replacement.isVisible()
    assert Case.get_by_id(victim.id).notes != "after the backup"
    assert len(backup.list_backups(demo_store.data_dir / "backups")) == 1  # no backup on that close
    assert made.path.exists()
