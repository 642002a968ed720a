"""``returnsdesk evidence add / export / verify`` end to end."""

from __future__ import annotations

import zipfile

from factories import make_photo

from returnsdesk.cli import main


def test_add_export_verify(tmp_path, capsys):
    folder = tmp_path / "d"
    assert main(["demo", "--cases", "10", "--seed", "2", "--data-dir", str(folder)]) == 0
    from returnsdesk.session import close_session

    close_session()
    import sqlite3

    rma = (
        sqlite3.connect(folder / "returnsdesk.sqlite3")
        .execute('SELECT rma FROM "case" ORDER BY id LIMIT 1')
        .fetchone()[0]
    )
    photo = make_photo(tmp_path / "p.jpg")
    capsys.readouterr()
    code = main(
        [
            "evidence",
            "add",
            rma,
            str(photo),
            "--by",
            "supplier",
            "--caption",
            "Seam",
            "--data-dir",
            str(folder),
        ]
    )
    assert code == 0
    assert "added p.jpg (image/jpeg, 400×300)" in capsys.readouterr().out
    out = tmp_path / "pack.zip"
    assert main(["evidence", "export", rma, "--out", str(out), "--data-dir", str(folder)]) == 0
    with zipfile.ZipFile(out) as archive:
        assert "index.csv" in archive.namelist()
    assert main(["evidence", "verify", "--data-dir", str(folder)]) == 0
    assert "0 missing, 0 altered" in capsys.readouterr().out

    empty = tmp_path / "e.jpg"
    empty.write_bytes(b"")
    assert main(["evidence", "add", rma, str(empty), "--data-dir", str(folder)]) == 1
    assert "empty" in capsys.readouterr().err

    victim = next((folder / "evidence").glob("??/*"))
    victim.chmod(0o644)
    victim.write_bytes(b"changed")
    assert main(["evidence", "verify", "--data-dir", str(folder)]) == 1
    assert f"altered: {victim.name}" in capsys.readouterr().err
    close_session()
