"""The command line: help for every command, errors without tracebacks, demo builder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from returnsdesk.cli import build_parser, main


def test_help_for_every_subcommand(capsys):
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]
    names = list(actions[0].choices)
    assert "demo" in names
    for name in names:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        if name != "verdict":  # the rules engine as a command reads no store
            assert "--data-dir" in out


def test_demo_builds_a_store_that_opens(tmp_path, capsys):
    folder = tmp_path / "d"
    assert main(["demo", "--cases", "40", "--seed", "2", "--data-dir", str(folder)]) == 0
    assert "40 cases" in capsys.readouterr().out
    from returnsdesk.session import close_session, open_session
    from returnsdesk.store.models import Case, LedgerEntry, SupplierContact

    open_session(folder)
    try:
        assert Case.select().count() == 40
        assert SupplierContact.select().count() >= 40
        assert LedgerEntry.select().count() > 0
    finally:
        close_session()


def test_demo_refuses_a_folder_with_a_store(tmp_path, capsys):
    folder = tmp_path / "d"
    assert main(["demo", "--cases", "5", "--data-dir", str(folder)]) == 0
    assert main(["demo", "--cases", "5", "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "already holds a store" in err
    assert "Traceback" not in err


def test_demo_is_deterministic(tmp_path):
    import sqlite3
    from datetime import UTC, datetime

    from returnsdesk.demo import build_demo_store

    now = datetime(2026, 3, 1, tzinfo=UTC)
    rows = []
    for name in ("a", "b"):
        build_demo_store(tmp_path / name, cases=30, seed=9, now=now)
        conn = sqlite3.connect(tmp_path / name / "returnsdesk.sqlite3")
        rows.append(conn.execute('SELECT * FROM "case" ORDER BY id').fetchall())
        conn.close()
    assert rows[0] == rows[1]


def test_unusable_store_is_an_error_not_a_traceback(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "returnsdesk.sqlite3").write_text("not a database")
    result = subprocess.run(
        [sys.executable, "-m", "returnsdesk", "demo", "--data-dir", str(bad)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "returnsdesk: error:" in result.stderr


def test_unknown_option_exits_with_usage(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--nonsense"])
    assert exit_info.value.code == 2
