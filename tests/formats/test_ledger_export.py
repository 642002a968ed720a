"""Accounting export: reopen the files and check what an accountant would see."""

from __future__ import annotations

import datetime as dt
from datetime import date

import openpyxl
import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.formats.ledger_export import (
    ExportError,
    export_ledger,
    number_format,
)
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput

EVIL = '=HYPERLINK("http://x","y")'


@pytest.fixture
def booked(store, now):
    supplier = make_supplier("+Evil Supplier")
    eur = make_case(now, order=make_order(supplier=supplier))
    jpy = make_case(now, order=make_order("#2000", supplier=supplier, currency="JPY"))
    post = ledger.post_entry
    refund = post(EntryInput(eur.id, K.CUSTOMER_REFUND, 4900, "EUR", memo=EVIL), now=now)
    post(EntryInput(eur.id, K.RETURN_LABEL_COST, 750, "EUR", reference="@ref"), now=now)
    post(EntryInput(eur.id, K.SUPPLIER_REIMBURSEMENT, 2000, "EUR", memo="-5 % deal"), now=now)
    post(
        EntryInput(jpy.id, K.CHARGEBACK_FEE, 1500, "JPY", entry_date=date(2026, 4, 30)),
        now=now,
    )
    ledger.reverse_entry(refund.id, "Typed the wrong amount", now=now)
    return {"eur": eur, "jpy": jpy, "refund": refund}


def test_number_formats():
    assert number_format("EUR") == '#,##0.00 "EUR"'
    assert number_format("JPY") == '#,##0 "JPY"'
    assert number_format("BHD") == '#,##0.000 "BHD"'


def test_xlsx_sheets_types_formats_and_totals(booked, tmp_path):
    target = tmp_path / "ledger.xlsx"
    result = export_ledger(target, date(2026, 4, 1), date(2026, 5, 31))
    assert result.entries == 5
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Ledger", "Summary", "Cases"]
    ws = wb["Ledger"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Entry ID", "Date", "RMA", "Order"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:Q6"
    rows = list(ws.iter_rows(min_row=2, max_row=6))
    col = {name: i for i, name in enumerate(header)}
    first = rows[0]  # sorted by date: the JPY fee of 30 April
    assert isinstance(first[col["Date"]].value, dt.datetime)
    assert first[col["Date"]].value.date() == date(2026, 4, 30)
    assert first[col["Signed amount"]].value == -1500
    assert first[col["Signed amount"]].number_format == '#,##0 "JPY"'
    eur_rows = [r for r in rows if r[col["Currency"]].value == "EUR"]
    for row in eur_rows:
        assert row[col["Amount"]].data_type == "n"
        assert row[col["Amount"]].number_format == '#,##0.00 "EUR"'
    memos = {r[col["Memo"]].value: r[col["Memo"]] for r in rows}
    assert memos[EVIL].data_type == "s"
    assert memos["-5 % deal"].data_type == "s"
    refs = [r[col["Reference"]] for r in rows if r[col["Reference"]].value == "@ref"]
    assert refs[0].data_type == "s"
    assert rows[0][col["Supplier"]].value == "+Evil Supplier"
    assert rows[0][col["Supplier"]].data_type == "s"
    # the reversal points at the refund, and the refund at its reversal
    reversal = next(r for r in rows if r[col["Reverses entry"]].value)
    assert reversal[col["Reverses entry"]].value == booked["refund"].id
    assert reversal[col["Signed amount"]].value == 49
    # totals per currency below the rows: EUR = -49 - 7.50 + 20 + 49 = 12.50
    totals = {
        r[col["Currency"]].value: r[col["Signed amount"]].value
        for r in ws.iter_rows(min_row=7)
        if r[0].value and str(r[0].value).startswith("Total")
    }
    assert totals == {"EUR": 12.5, "JPY": -1500}
    assert ws.column_dimensions["N"].width >= len(EVIL)


def test_xlsx_summary_and_cases(booked, tmp_path):
    target = tmp_path / "ledger.xlsx"
    export_ledger(target, None, None)
    wb = openpyxl.load_workbook(target)
    summary = [[c.value for c in row] for row in wb["Summary"].iter_rows()]
    assert ["2026-04", "Chargeback fee", "Paid out", "JPY", 1, 1500, -1500] in summary
    assert ["2026-05", "Customer refund", "Paid out", "EUR", 2, 0, 0] in summary
    supplier_rows = [r for r in summary if r[0] == "+Evil Supplier"]
    # defective → supplier at fault: claimed = label 7.50 (+ refund reversed) ; JPY fee 1500
    assert ["+Evil Supplier", "EUR", 7.5, 20, 0] == supplier_rows[0][:5]
    assert ["+Evil Supplier", "JPY", 1500, 0, 1500] == supplier_rows[1][:5]
    cases = [[c.value for c in row] for row in wb["Cases"].iter_rows()]
    assert cases[0][:3] == ["RMA", "Order", "Customer"]
    by_rma = {r[0]: r for r in cases[1:]}
    eur = by_rma[booked["eur"].rma]
    assert eur[7:] == ["EUR", 4, 7.5, 20, -12.5]


def test_csv_has_bom_and_quoted_formulas(booked, tmp_path):
    target = tmp_path / "ledger.csv"
    export_ledger(target, None, None)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "'@ref" in text and "'+Evil Supplier" in text
    assert ",-49.00," in text  # numbers are not prefixed
    assert "Total EUR" in text and "12.50" in text


def test_bad_requests_change_nothing(booked, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "ledger.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ExportError, match="after it ends"):
        export_ledger(target, date(2026, 6, 1), date(2026, 5, 1))
    with pytest.raises(ExportError, match=r"\.xlsx or \.csv"):
        export_ledger(folder / "ledger.pdf", None, None)

    def cancel():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_ledger(target, None, None, check=cancel)
    assert target.read_bytes() == b"old"
    with pytest.raises(KeyboardInterrupt):
        export_ledger(folder / "ledger.csv", None, None, check=cancel)
    assert sorted(p.name for p in folder.iterdir()) == ["ledger.xlsx"]
    with pytest.raises(ExportError, match="does not exist"):
        export_ledger(tmp_path / "missing" / "x.csv", None, None)
