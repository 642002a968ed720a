"""The demo (issue #13, seen when tried): ``--demo`` leaves no temporary folder behind,
and the demo store holds no contact dated after its "now"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from returnsdesk.cli import main

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_demo_window_removes_its_temporary_folder_on_exit(monkeypatch, tmp_path):
    import returnsdesk.demo as demo
    import returnsdesk.ui.app as app

    real_build = demo.build_demo_store
    seen: list[Path] = []

    def small_demo(folder, cases, seed):
        real_build(folder, cases=5, seed=seed, now=NOW)

    def window(folder, demo):
        assert demo and any(folder.iterdir())  # the demo store is there while it runs
        seen.append(folder)
        return 0

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(demo, "build_demo_store", small_demo)
    monkeypatch.setattr(app, "run_app", window)
    assert main(["--demo"]) == 0
    assert seen and seen[0].parent == tmp_path
    assert not seen[0].exists()
    assert list(tmp_path.iterdir()) == []


def test_demo_window_removes_its_folder_when_the_window_fails(monkeypatch, tmp_path):
    import returnsdesk.demo as demo
    import returnsdesk.ui.app as app

    def broken(folder, demo):
        raise RuntimeError("the window fell over")

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(demo, "build_demo_store", lambda folder, cases, seed: None)
    monkeypatch.setattr(app, "run_app", broken)
    with pytest.raises(RuntimeError):
        main(["--demo"])
    assert list(tmp_path.iterdir()) == []


def test_demo_store_has_no_contact_in_the_future(tmp_path):
    from returnsdesk.demo import build_demo_store
    from returnsdesk.session import close_session, open_session
    from returnsdesk.store.models import CaseEvent, Evidence, SupplierContact

    build_demo_store(tmp_path / "demo", cases=300, seed=7, now=NOW)
    open_session(tmp_path / "demo")
    try:
        contacts = list(SupplierContact.select())
        assert contacts
        late = [c.at for c in contacts if c.at > NOW]
        assert late == []
        assert [e.at for e in CaseEvent.select() if e.at > NOW] == []
        assert [e.added_at for e in Evidence.select() if e.added_at > NOW] == []
    finally:
        close_session()
