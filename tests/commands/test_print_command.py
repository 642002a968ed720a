"""``returnsdesk print``: writes the PDFs, refuses bad input with exit 1."""

from __future__ import annotations

from returnsdesk.cli import main
from returnsdesk.demo import build_demo_store
from returnsdesk.session import close_session, open_session
from returnsdesk.store.models import Case


def _store(tmp_path, now):
    folder = tmp_path / "demo"
    build_demo_store(folder, cases=40, seed=5, now=now)
    open_session(folder)
    ret = Case.select().where(Case.kind == "return").first().rma
    cb = Case.select().where(Case.kind == "chargeback").first().rma
    close_session()
    return folder, ret, cb


def test_print_commands(tmp_path, now, capsys):
    folder, ret, cb = _store(tmp_path, now)
    d = ["--data-dir", str(folder)]
    out = tmp_path / "i.pdf"
    assert main(["print", "instructions", ret, "--out", str(out), "--lang", "fr", *d]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    out = tmp_path / "s.pdf"
    args = ["print", "summary", "--from", "2025-01-01", "--to", "2026-05-31", "--out", str(out)]
    assert main([*args, *d]) == 0
    assert out.stat().st_size > 1000
    out = tmp_path / "d.pdf"
    assert main(["print", "dispute", cb, "--out", str(out), *d]) == 0
    assert out.exists()
    capsys.readouterr()

    assert main(["print", "instructions", "RMA-1999-00001", "--out", str(out), *d]) == 1
    assert "No case" in capsys.readouterr().err
    bad = ["print", "summary", "--from", "2026-02-30", "--to", "2026-03-01", "--out", str(out)]
    assert main([*bad, *d]) == 1
    assert "--from must be a date" in capsys.readouterr().err
    inverted = ["print", "summary", "--from", "2026-03-01", "--to", "2026-02-01"]
    assert main([*inverted, "--out", str(out), *d]) == 1
    assert "ends before it starts" in capsys.readouterr().err
    assert main(["print", "dispute", ret, "--out", str(tmp_path / "x.pdf"), *d]) == 1
    assert "not a chargeback" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    close_session()
