"""Accounting export of the ledger: an .xlsx workbook or a CSV file.

The workbook has three sheets:

- **Ledger**: one row per entry dated in the period (real dates, amounts as
  numbers in the currency's number format, frozen header, autofilter), then
  the totals per currency;
- **Summary**: totals per month × kind × currency, then per supplier
  (claimed, recovered, outstanding — see ``services.ledger.supplier_money``);
- **Cases**: one row per case with entries in the period, with its money in
  that period (paid out, recovered, net cost).

The CSV holds the Ledger sheet (UTF-8 with a byte-order mark so spreadsheet
programs read accents right, amounts as plain ``-12.50`` text).

Text never turns into a formula or link: a text value starting with ``=``,
``+``, ``-``, ``@``, tab or CR is written as a string cell in the workbook
and prefixed with ``'`` in the CSV.

Files are written to a temporary file beside the target and moved into place,
so a crash or a cancel leaves the old file or none. openpyxl is imported on
first use only.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import DIRECTION, LABELS, Direction, LedgerKind
from returnsdesk.domain.money import format_plain, minor_exponent
from returnsdesk.fileio import atomic_path
from returnsdesk.services.ledger import period_totals, supplier_money
from returnsdesk.store import ledger_sql

#: First characters that make a spreadsheet treat text as a formula (or worse).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CATALOGUE = {
    "sheet.ledger": "Ledger",
    "sheet.summary": "Summary",
    "sheet.cases": "Cases",
    "col.id": "Entry ID",
    "col.date": "Date",
    "col.rma": "RMA",
    "col.order": "Order",
    "col.customer": "Customer",
    "col.supplier": "Supplier",
    "col.kind": "Kind",
    "col.direction": "Direction",
    "col.amount": "Amount",
    "col.signed": "Signed amount",
    "col.currency": "Currency",
    "col.method": "Payment method",
    "col.reference": "Reference",
    "col.memo": "Memo",
    "col.reverses": "Reverses entry",
    "col.reversed_by": "Reversed by entry",
    "col.override": "Override reason",
    "col.month": "Month",
    "col.entries": "Entries",
    "col.net": "Amount (net of reversals)",
    "col.claimed": "Claimed",
    "col.recovered": "Recovered",
    "col.outstanding": "Outstanding",
    "col.case_kind": "Case kind",
    "col.fault": "Fault",
    "col.status": "Status",
    "col.paid_out": "Paid out",
    "col.net_cost": "Net cost",
    "total": "Total",
    "by_month": "Totals per month, kind and currency",
    "by_supplier": "Per supplier",
    Direction.PAID_OUT: "Paid out",
    Direction.RECOVERED: "Recovered",
    Direction.NEUTRAL: "Neutral",
}


def text(key: str) -> str:
    """The one catalogue of export strings (English for now; French slots in here)."""
    return _CATALOGUE.get(key, key)


LEDGER_COLUMNS = [
    "col.id",
    "col.date",
    "col.rma",
    "col.order",
    "col.customer",
    "col.supplier",
    "col.kind",
    "col.direction",
    "col.amount",
    "col.signed",
    "col.currency",
    "col.method",
    "col.reference",
    "col.memo",
    "col.reverses",
    "col.reversed_by",
    "col.override",
]


class ExportError(InputError):
    """The export cannot be made as asked."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entries: int


Progress = Callable[[int, int], None]
Check = Callable[[], None]


def check_period(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ExportError(f"The period starts ({date_from}) after it ends ({date_to}).")


def export_ledger(
    path: Path | str,
    date_from: date | None,
    date_to: date | None,
    *,
    progress: Progress | None = None,
    check: Check | None = None,
) -> ExportResult:
    """Write the accounting export for the period (both ends included) to ``path``.

    The format follows the extension (.xlsx or .csv). ``progress(done, total)``
    is called as rows are written; ``check()`` may raise to cancel (the target
    is then left untouched).
    """
    path = Path(path)
    check_period(date_from, date_to)
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        raise ExportError(
            f"Unknown export format {path.suffix or '(none)'!r}: use a .xlsx or .csv file name."
        )
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    with atomic_path(path, suffix=suffix) as tmp:
        count = writer(tmp, date_from, date_to, progress or _no_progress, check)
    return ExportResult(path, count)


def _no_progress(done: int, total: int) -> None:
    pass


def _safe_csv(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# --- CSV ---------------------------------------------------------------------------------


def _write_csv(target: Path, date_from, date_to, progress: Progress, check: Check | None) -> int:
    total = ledger_sql.count_in_period(date_from, date_to)
    progress(0, total)
    if check:
        check()
    sums: dict[str, int] = {}
    done = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([text(c) for c in LEDGER_COLUMNS])
        for row in ledger_sql.iter_period_rows(date_from, date_to):
            (eid, day, _case, rma, order, customer, supplier, _fault, kind, amount, signed) = row[
                :11
            ]
            currency, method, reference, memo, reverses, reversed_by, override = row[11:18]
            sums[currency] = sums.get(currency, 0) + signed
            out.writerow(
                [
                    eid,
                    day,
                    _safe_csv(rma),
                    _safe_csv(order),
                    _safe_csv(customer),
                    _safe_csv(supplier),
                    LABELS[LedgerKind(kind)],
                    text(DIRECTION[LedgerKind(kind)]),
                    format_plain(amount, currency),
                    format_plain(signed, currency),
                    currency,
                    _safe_csv(method),
                    _safe_csv(reference),
                    _safe_csv(memo),
                    reverses or "",
                    reversed_by or "",
                    _safe_csv(override),
                ]
            )
            done += 1
            if done % 5000 == 0:
                if check:
                    check()
                progress(done, total)
        out.writerow([])
        for currency in sorted(sums):
            out.writerow(
                [f"{text('total')} {currency}"]
                + [""] * 8
                + [format_plain(sums[currency], currency), currency]
            )
    progress(done, total)
    return done


# --- XLSX --------------------------------------------------------------------------------


def number_format(currency: str) -> str:
    """Excel number format showing the currency's decimals and code: ``#,##0.00 "EUR"``."""
    places = minor_exponent(currency)
    digits = "#,##0" + ("." + "0" * places if places else "")
    return f'{digits} "{currency}"'


class _Cells:
    """Styled write-only cells, made once and reused row after row.

    openpyxl's write-only sheet serialises each cell as soon as the row is
    appended, so a styled cell can carry a new value on the next row; creating
    a styled cell per value would cost more than the writing itself.
    """

    def __init__(self, ws) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.ws = ws
        _install_fast_rows(ws)
        self._make = WriteOnlyCell
        self._money: dict[tuple[str, int], object] = {}
        self._exponent: dict[str, int] = {}
        self._bold = Font(bold=True)

    def money(self, minor: int, currency: str, slot: int):
        cell = self._money.get((currency, slot))
        if cell is None:
            cell = self._make(self.ws)
            cell.number_format = number_format(currency)
            self._money[(currency, slot)] = cell
            self._exponent[currency] = minor_exponent(currency)
        exponent = self._exponent[currency]
        cell.value = Decimal(minor).scaleb(-exponent) if exponent else minor
        return cell

    def text(self, value: str):
        """Text that stays text: a string cell even when it looks like a formula."""
        if not value:
            return None
        if value[0] in "=+-@\t\r#":
            cell = self._make(self.ws)
            cell.value = value
            cell.data_type = "s"
            return cell
        return value

    def header(self, labels: list[str]) -> list:
        cells = []
        for label in labels:
            cell = self._make(self.ws, label)
            cell.font = self._bold
            cells.append(cell)
        return cells


def _install_fast_rows(ws) -> None:
    """Let ``ws.append`` take prepared cells without a failed conversion per cell.

    openpyxl's write-only ``_values_to_row`` first tries to store every value
    in a scratch cell and only on ``ValueError`` notices it was given a cell;
    that exception (with the cell's repr in its message) costs more than
    writing the cell. This per-sheet replacement checks the type first and
    otherwise does the same. If openpyxl ever drops the hook, the stock (slower,
    equally correct) path is used.
    """
    from openpyxl.cell import Cell, WriteOnlyCell

    if not hasattr(ws, "_values_to_row"):
        return

    def values_to_row(values, row_idx):
        scratch = WriteOnlyCell(ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if type(value) is Cell:
                cell = value
            else:
                scratch.value = value
                cell = scratch
            cell.column = col_idx
            cell.row = row_idx
            yield cell
            if cell is scratch and scratch.has_style:
                scratch = WriteOnlyCell(ws)

    ws._values_to_row = values_to_row


def _set_widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, 60)


def _write_xlsx(target: Path, date_from, date_to, progress: Progress, check: Check | None) -> int:
    from openpyxl import Workbook

    total = ledger_sql.count_in_period(date_from, date_to)
    progress(0, total)
    if check:
        check()
    wb = Workbook(write_only=True)
    try:
        done = _ledger_sheet(wb, date_from, date_to, total, progress, check)
        _summary_sheet(wb, date_from, date_to)
        if check:
            check()
        _cases_sheet(wb, date_from, date_to, check)
        if check:
            check()
    except BaseException:
        _abandon(wb)
        raise
    wb.save(target)
    progress(done, total)
    return done


def _abandon(wb) -> None:
    """Close half-written sheets now (their temp files), not later in the garbage collector."""
    for ws in wb.worksheets:
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - best effort on a workbook being thrown away
            pass


def _ledger_sheet(wb, date_from, date_to, total, progress, check) -> int:
    ws = wb.create_sheet(text("sheet.ledger"))
    labels = [text(c) for c in LEDGER_COLUMNS]
    longest = ledger_sql.max_text_lengths(date_from, date_to)
    kind_width = max(len(v) for v in LABELS.values())
    content = [
        len(str(ledger_sql.count_in_period(None, None) or 1)) + 1,
        10,
        longest["rma"],
        longest["order"],
        longest["customer"],
        longest["supplier"],
        kind_width,
        9,
        14,
        14,
        3,
        longest["method"],
        longest["reference"],
        longest["memo"],
        6,
        6,
        longest["override"],
    ]
    _set_widths(ws, [max(len(h), w) for h, w in zip(labels, content, strict=True)])
    ws.freeze_panes = "A2"
    cells = _Cells(ws)
    ws.append(cells.header(labels))
    kind_labels = {k.value: LABELS[k] for k in LedgerKind}
    direction_labels = {k.value: text(DIRECTION[k]) for k in LedgerKind}
    safe = cells.text
    sums: dict[str, int] = {}
    done = 0
    for row in ledger_sql.iter_period_rows(date_from, date_to):
        (eid, day, _case, rma, order, customer, supplier, _fault, kind, amount, signed) = row[:11]
        currency, method, reference, memo, reverses, reversed_by, override = row[11:18]
        sums[currency] = sums.get(currency, 0) + signed
        ws.append(
            (
                eid,
                date.fromisoformat(day),
                safe(rma),
                safe(order),
                safe(customer),
                safe(supplier),
                kind_labels[kind],
                direction_labels[kind],
                cells.money(amount, currency, 0),
                cells.money(signed, currency, 1),
                currency,
                safe(method),
                safe(reference),
                safe(memo),
                reverses,
                reversed_by,
                safe(override),
            )
        )
        done += 1
        if done % 5000 == 0:
            if check:
                check()
            progress(done, total)
    ws.auto_filter.ref = f"A1:Q{done + 1}"
    ws.append(())
    for currency in sorted(sums):
        label = cells.header([f"{text('total')} {currency}"])[0]
        ws.append((label,) + (None,) * 8 + (cells.money(sums[currency], currency, 2), currency))
    return done


def _summary_sheet(wb, date_from, date_to) -> None:
    ws = wb.create_sheet(text("sheet.summary"))
    _set_widths(ws, [28, 26, 12, 10, 10, 26, 16])
    cells = _Cells(ws)
    ws.append(cells.header([text("by_month")]))
    ws.append(
        cells.header(
            [
                text("col.month"),
                text("col.kind"),
                text("col.direction"),
                text("col.currency"),
                text("col.entries"),
                text("col.net"),
                text("col.signed"),
            ]
        )
    )
    for t in period_totals(date_from, date_to):
        kind = LedgerKind(t.kind)
        ws.append(
            (
                t.month,
                LABELS[kind],
                text(DIRECTION[kind]),
                t.currency,
                t.count,
                cells.money(t.net, t.currency, 0),
                cells.money(t.signed, t.currency, 1),
            )
        )
    ws.append(())
    ws.append(cells.header([text("by_supplier")]))
    ws.append(
        cells.header(
            [
                text("col.supplier"),
                text("col.currency"),
                text("col.claimed"),
                text("col.recovered"),
                text("col.outstanding"),
            ]
        )
    )
    for s in supplier_money(None, date_from, date_to):
        ws.append(
            (
                cells.text(s.supplier),
                s.currency,
                cells.money(s.claimed, s.currency, 2),
                cells.money(s.recovered, s.currency, 3),
                cells.money(s.outstanding, s.currency, 4),
            )
        )


def _cases_sheet(wb, date_from, date_to, check) -> None:
    ws = wb.create_sheet(text("sheet.cases"))
    labels = [
        text("col.rma"),
        text("col.order"),
        text("col.customer"),
        text("col.supplier"),
        text("col.case_kind"),
        text("col.fault"),
        text("col.status"),
        text("col.currency"),
        text("col.entries"),
        text("col.paid_out"),
        text("col.recovered"),
        text("col.net_cost"),
    ]
    longest = ledger_sql.max_text_lengths(date_from, date_to)
    content = [longest["rma"], longest["order"], longest["customer"], longest["supplier"]]
    _set_widths(ws, [max(len(h), w) for h, w in zip(labels, content + [12] * 8, strict=False)])
    ws.freeze_panes = "A2"
    cells = _Cells(ws)
    ws.append(cells.header(labels))
    safe = cells.text
    count = 0
    for (
        rma,
        order,
        customer,
        supplier,
        kind,
        fault,
        status,
        currency,
        n,
        paid,
        back,
    ) in ledger_sql.iter_case_rows(date_from, date_to):
        ws.append(
            (
                safe(rma),
                safe(order),
                safe(customer),
                safe(supplier),
                kind,
                fault,
                status,
                currency,
                n,
                cells.money(paid, currency, 0),
                cells.money(back, currency, 1),
                cells.money(paid - back, currency, 2),
            )
        )
        count += 1
        if check and count % 5000 == 0:
            check()
    ws.auto_filter.ref = f"A1:L{count + 1}"
