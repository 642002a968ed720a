"""Documents and exports read back in French hold labels, never the codes behind them.

Seen when tried (issue #13): the .xlsx Cases sheet showed ``return``, ``closed`` and
``refund_only``; the selected-cases CSV ``size_too_small``, ``legal_refund_by`` and ``me``.
Each file is generated in French from the demo store and read back as a person would.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.reasons import Fault, Reason, Resolution, reason_label
from returnsdesk.domain.rule_text import DEADLINE_LABELS_EN, deadline_label
from returnsdesk.domain.workflow import Kind, Status, WaitingOn, kind_label, status_label
from returnsdesk.formats.cases_csv import write_cases_csv
from returnsdesk.formats.ledger_export import export_ledger
from returnsdesk.formats.pdf.dispute import build_dispute_pack
from returnsdesk.formats.pdf.instructions import build_instructions
from returnsdesk.formats.pdf.summary import build_summary
from returnsdesk.store.inbox import fetch_rows
from returnsdesk.store.models import Case, Evidence, SupplierContact

CODES = frozenset(
    code.value
    for enum in (Status, Kind, Reason, Fault, Resolution, LedgerKind, WaitingOn)
    for code in enum
) | frozenset(DEADLINE_LABELS_EN)


def _raw_codes_in_cells(values) -> list[str]:
    return sorted({v for v in values if isinstance(v, str) and v.strip() in CODES})


def _raw_codes_in_text(text: str) -> list[str]:
    words = set(re.findall(r"[a-z_]+", text))
    # English words that are codes too ("other", "me") only count in a person's text when
    # written as the code is (lower case, alone); a French document has none of them.
    return sorted(words & CODES)


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", raw.replace("\u202f", " ").replace("\xa0", " "))


def test_the_cases_sheet_and_every_sheet_of_the_workbook_print_french_labels(demo_store, tmp_path):
    target = tmp_path / "compta.xlsx"
    export_ledger(target, None, None, lang="fr")
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["Registre", "Synthèse", "Dossiers"]
    values = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row]
    assert _raw_codes_in_cells(values) == []
    cases = list(book["Dossiers"].iter_rows(values_only=True))
    assert cases[0][:7] == (
        "RMA",
        "Commande",
        "Client",
        "Fournisseur",
        "Type de dossier",
        "Responsabilité",
        "Statut",
    )
    kinds = {row[4] for row in cases[1:]}
    statuses = {row[6] for row in cases[1:]}
    assert kind_label(Kind.RETURN, "fr") in kinds
    assert statuses <= {status_label(s, "fr") for s in Status}
    ledger = list(book["Registre"].iter_rows(values_only=True))
    assert ledger[0][6] == "Type" and ledger[1][6] in {
        *(t for t in (_ledger_fr(k) for k in LedgerKind))
    }


def _ledger_fr(kind: LedgerKind) -> str:
    from returnsdesk.domain.ledger import ledger_label

    return ledger_label(kind, "fr")


def test_the_accounting_csv_prints_french_labels(demo_store, tmp_path):
    target = tmp_path / "compta.csv"
    export_ledger(target, None, None, lang="fr")
    rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["N° d'écriture", "Date", "RMA"]
    assert _raw_codes_in_cells(v for row in rows for v in row) == []


def test_the_selected_cases_csv_prints_french_labels(demo_store, tmp_path):
    ids = [c.id for c in Case.select(Case.id)]
    rows = list(fetch_rows(ids).values())
    target = tmp_path / "selection.csv"
    assert write_cases_csv(rows, target, "fr") == len(rows)
    table = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert table[0][4:7] == ["Motif", "Statut", "Type"]
    assert table[0][-1] == "En attente de"
    cells = [v for row in table[1:] for v in row]
    assert _raw_codes_in_cells(cells) == []
    assert {reason_label(r.reason, "fr") for r in rows} <= set(cells)
    dues = {r.next_due_code for r in rows if r.next_due_code}
    assert dues and {deadline_label(code, "fr") for code in dues} <= set(cells)
    assert "Moi" in cells  # waiting on me


def test_the_selected_cases_csv_follows_the_window_language_by_default(demo_store, tmp_path):
    rows = list(fetch_rows([c.id for c in Case.select(Case.id).limit(5)]).values())
    write_cases_csv(rows, tmp_path / "sel.csv")
    header = next(csv.reader((tmp_path / "sel.csv").open(encoding="utf-8-sig")))
    assert header[1] == "Order"


def test_the_instructions_pdf_in_french_has_no_raw_code(demo_store, now):
    case = Case.select().where(Case.kind == Kind.RETURN).order_by(Case.id).first()
    pdf = build_instructions(case.id, "fr", now)
    (tmp := __import__("pathlib").Path("/tmp/shots/docs")).mkdir(parents=True, exist_ok=True)
    (tmp / "instructions_fr.pdf").write_bytes(pdf)
    text = _pdf_text(pdf)
    assert "Instructions de retour" in text
    assert _raw_codes_in_text(text) == []


def test_the_summary_pdf_in_french_has_no_raw_code(demo_store, now):
    pdf = build_summary(date(2025, 1, 1), now.date(), "fr", now)
    __import__("pathlib").Path("/tmp/shots/docs/summary_fr.pdf").write_bytes(pdf)
    text = _pdf_text(pdf)
    assert "Bilan des retours" in text
    assert _raw_codes_in_text(text) == []
    assert any(reason_label(r, "fr") in text for r in Reason)


@pytest.mark.parametrize("with_evidence", [True, False])
def test_the_dispute_pack_in_french_has_no_raw_code(demo_store, now, with_evidence):
    chargebacks = Case.select().where(Case.kind == Kind.CHARGEBACK).order_by(Case.id)
    if with_evidence:
        chargebacks = chargebacks.join(Evidence)
    case = chargebacks.first()
    pdf = build_dispute_pack(case.id, demo_store.evidence_dir, "fr", now)
    if with_evidence:
        __import__("pathlib").Path("/tmp/shots/docs/dispute_fr.pdf").write_bytes(pdf)
    text = _pdf_text(pdf)
    assert "Dossier de contestation" in text
    for message in SupplierContact.select().join(Case).where(Case.order == case.order):
        for typed in (message.subject, message.body):  # the user's (English) words
            text = text.replace(" ".join(typed.split()), "")
    assert "not_received" not in text and "defective" not in text
    assert _raw_codes_in_text(text) == []
    assert "rétrofacturation" in text.lower()
