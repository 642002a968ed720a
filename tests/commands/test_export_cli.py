"""``returnsdesk export ledger`` from the command line."""

from __future__ import annotations

import openpyxl
import pytest

from returnsdesk.cli import main
from returnsdesk.session import close_session


@pytest.fixture
def demo_dir(tmp_path, now):
    from returnsdesk.demo import build_demo_store

    folder = tmp_path / "demo"
    build_demo_store(folder, cases=40, seed=5, now=now)
    yield folder
    close_session()


def test_export_xlsx_and_csv(demo_dir, tmp_path, capsys):
    out = tmp_path / "month.xlsx"
    args = ["export", "ledger", "--from", "2020-01-01", "--to", "2026-12-31", "--out", str(out)]
    assert main([*args, "--data-dir", str(demo_dir)]) == 0
    assert "ledger entries" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames == ["Ledger", "Summary", "Cases"]
    csv_out = tmp_path / "month.csv"
    args[-1] = str(csv_out)
    assert main([*args, "--data-dir", str(demo_dir)]) == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("dates", "out", "message"),
    [
        (["2026-13-01", "2026-12-31"], "x.xlsx", "not a date"),
        (["2026-05-31", "2026-05-01"], "x.xlsx", "after it ends"),
        (["2026-05-01", "2026-05-31"], "x.pdf", ".xlsx or .csv"),
    ],
)
def test_bad_arguments_exit_1(demo_dir, tmp_path, capsys, dates, out, message):
    argv = [
        "export",
        "ledger",
        "--from",
        dates[0],
        "--to",
        dates[1],
        "--out",
        str(tmp_path / out),
        "--data-dir",
        str(demo_dir),
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / out).exists()
