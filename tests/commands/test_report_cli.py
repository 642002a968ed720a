"""``returnsdesk report stats``: same figures as the service, the window and the PDF."""

from __future__ import annotations

import json

from returnsdesk.cli import main
from returnsdesk.services.report_json import stats_json
from returnsdesk.services.reports import build_report
from tests import insight_store


def test_report_stats_json_equals_the_service(store, capsys):
    insight_store.build()
    folder = str(store.data_dir)
    args = ["report", "stats", "--from", "2026-04-01", "--to", "2026-04-30", "--json"]
    assert main([*args, "--data-dir", folder]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = stats_json(build_report(insight_store.START, insight_store.END))
    assert printed == json.loads(json.dumps(expected))
    assert printed["orders"] == 4 and printed["cases"] == 3


def test_report_stats_text_and_bad_input(store, capsys):
    insight_store.build()
    folder = str(store.data_dir)
    assert (
        main(
            ["report", "stats", "--from", "2026-04-01", "--to", "2026-04-30", "--data-dir", folder]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Orders placed: 4" in out and "Return rate: 75.0 %" in out
    # People read reasons by their label, never their code (issue #13's rule, #16's report).
    by_reason = out.split("By reason:")[1].split("By supplier:")[0]
    assert "_" not in by_reason and by_reason.strip()
    assert (
        main(
            ["report", "stats", "--from", "2026-05-01", "--to", "2026-04-30", "--data-dir", folder]
        )
        == 1
    )
    assert "ends before it starts" in capsys.readouterr().err
    assert (
        main(["report", "stats", "--from", "soon", "--to", "2026-04-30", "--data-dir", folder]) == 1
    )
    assert "--from must be a date" in capsys.readouterr().err
