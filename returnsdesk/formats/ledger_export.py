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
from returnsdesk.domain.i18n import N_, current_language, norm_lang, t
from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind, ledger_label
from returnsdesk.domain.money import format_plain, minor_exponent
from returnsdesk.domain.reasons import fault_label
from returnsdesk.domain.workflow import kind_label, status_label
from returnsdesk.fileio import atomic_path
from returnsdesk.services.ledger import period_totals, supplier_money
from returnsdesk.store import ledger_sql

#: First characters that make a spreadsheet treat text as a formula (or worse).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CATALOGUE = {
    "sheet.ledger": N_("Ledger"),
    "sheet.summary": N_("Summary"),
    "sheet.cases": N_("Cases"),
    "col.id": N_("Entry ID"),
    "col.date": N_("Date"),
    "col.rma": N_("RMA"),
    "col.order": N_("Order"),
    "col.customer": N_("Customer"),
    "col.supplier": N_("Supplier"),
    "col.kind": N_("Kind"),
    "col.direction": N_("Direction"),
    "col.amount": N_("Amount"),
    "col.signed": N_("Signed amount"),
    "col.currency": N_("Currency"),
    "col.method": N_("Payment method"),
    "col.reference": N_("Reference"),
    "col.memo": N_("Memo"),
    "col.reverses": N_("Reverses entry"),
    "col.reversed_by": N_("Reversed by entry"),
    "col.override": N_("Override reason"),
    "col.month": N_("Month"),
    "col.entries": N_("Entries"),
    "col.net": N_("Amount (net of reversals)"),
    "col.claimed": N_("Claimed"),
    "col.recovered": N_("Recovered"),
    "col.outstanding": N_("Outstanding"),
    "col.case_kind": N_("Case kind"),
    "col.fault": N_("Fault"),
    "col.status": N_("Status"),
    "col.paid_out": N_("Paid out"),
    "col.net_cost": N_("Net cost"),
    "total": N_("Total"),
    "by_month": N_("Totals per month, kind and currency"),
    "by_supplier": N_("Per supplier"),
    Direction.PAID_OUT: N_("Paid out"),
    Direction.RECOVERED: N_("Recovered"),
    Direction.NEUTRAL: N_("Neutral"),
}


def text(key: str, lang: str | None = None) -> str:
    """An export string in ``lang`` (the window's language by default)."""
    return t(_CATALOGUE[key], lang) if key in _CATALOGUE else key


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
        raise ExportError(
            t(
                "The period starts ({date_from}) after it ends ({date_to}).",
                date_from=date_from,
                date_to=date_to,
            )
        )


def export_ledger(
    path: Path | str,
    date_from: date | None,
    date_to: date | None,
    *,
    progress: Progress | None = None,
    check: Check | None = None,
    lang: str | None = None,
) -> ExportResult:
    """Write the accounting export for the period (both ends included) to ``path``,
    headers and labels in ``lang`` (the window's language by default).

    The format follows the extension (.xlsx or .csv). ``progress(done, total)``
    is called as rows are written; ``check()`` may raise to cancel (the target
    is then left untouched).
    """
    path = Path(path)
    check_period(date_from, date_to)
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        raise ExportError(
            t(
                "Unknown export format {suffix!r}: use a .xlsx or .csv file name.",
                suffix=path.suffix or "(none)",
            )
        )
    if not path.parent.is_dir():
        raise ExportError(t("The folder {parent} does not exist.", parent=path.parent))
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    with atomic_path(path, suffix=suffix) as tmp:
        language = norm_lang(lang) if lang is not None else current_language()
        count = writer(tmp, date_from, date_to, progress or _no_progress, check, language)
    return ExportResult(path, count)


def _no_progress(done: int, total: int) -> None:
    pass


def _safe_csv(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# --- CSV ---------------------------------------------------------------------------------


def _write_csv(
    target: Path, date_from, date_to, progress: Progress, check: Check | None, lang: str
) -> int:
    total = ledger_sql.count_in_period(date_from, date_to)
    progress(0, total)
    if check:
        check()
    sums: dict[str, int] = {}
    done = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([text(c, lang) for c in LEDGER_COLUMNS])
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
                    ledger_label(kind, lang),
                    text(DIRECTION[LedgerKind(kind)], lang),
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
                [f"{text('total', lang)} {currency}"]
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


def _write_xlsx(
    target: Path, date_from, date_to, progress: Progress, check: Check | None, lang: str
) -> int:
    from openpyxl import Workbook

    total = ledger_sql.count_in_period(date_from, date_to)
    progress(0, total)
    if check:
        check()
    wb = Workbook(write_only=True)
    try:
        done = _ledger_sheet(wb, date_from, date_to, total, progress, check, lang)
        _summary_sheet(wb, date_from, date_to, lang)
        if check:
            check()
        _cases_sheet(wb, date_from, date_to, check, lang)
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


def _ledger_sheet(wb, date_from, date_to, total, progress, check, lang: str) -> int:
    ws = wb.create_sheet(text("sheet.ledger", lang))
    labels = [text(c, lang) for c in LEDGER_COLUMNS]
    longest = ledger_sql.max_text_lengths(date_from, date_to)
    kind_labels = {k.value: ledger_label(k, lang) for k in LedgerKind}
    direction_labels = {k.value: text(DIRECTION[k], lang) for k in LedgerKind}
    kind_width = max(len(v) for v in kind_labels.values())
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
        label = cells.header([f"{text('total', lang)} {currency}"])[0]
        ws.append((label,) + (None,) * 8 + (cells.money(sums[currency], currency, 2), currency))
    return done


def _summary_sheet(wb, date_from, date_to, lang: str) -> None:
    ws = wb.create_sheet(text("sheet.summary", lang))
    _set_widths(ws, [28, 26, 12, 10, 10, 26, 16])
    cells = _Cells(ws)
    ws.append(cells.header([text("by_month", lang)]))
    ws.append(
        cells.header(
            [
                text("col.month", lang),
                text("col.kind", lang),
                text("col.direction", lang),
                text("col.currency", lang),
                text("col.entries", lang),
                text("col.net", lang),
                text("col.signed", lang),
            ]
        )
    )
    for total in period_totals(date_from, date_to):
        kind = LedgerKind(total.kind)
        ws.append(
            (
                total.month,
                ledger_label(kind, lang),
                text(DIRECTION[kind], lang),
                total.currency,
                total.count,
                cells.money(total.net, total.currency, 0),
                cells.money(total.signed, total.currency, 1),
            )
        )
    ws.append(())
    ws.append(cells.header([text("by_supplier", lang)]))
    ws.append(
        cells.header(
            [
                text("col.supplier", lang),
                text("col.currency", lang),
                text("col.claimed", lang),
                text("col.recovered", lang),
                text("col.outstanding", lang),
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


def _cases_sheet(wb, date_from, date_to, check, lang: str) -> None:
    ws = wb.create_sheet(text("sheet.cases", lang))
    labels = [
        text("col.rma", lang),
        text("col.order", lang),
        text("col.customer", lang),
        text("col.supplier", lang),
        text("col.case_kind", lang),
        text("col.fault", lang),
        text("col.status", lang),
        text("col.currency", lang),
        text("col.entries", lang),
        text("col.paid_out", lang),
        text("col.recovered", lang),
        text("col.net_cost", lang),
    ]
    longest = ledger_sql.max_text_lengths(date_from, date_to)
    content = [longest["rma"], longest["order"], longest["customer"], longest["supplier"]]
    _set_widths(ws, [max(len(h), w) for h, w in zip(labels, content + [12] * 8, strict=False)])
    ws.freeze_panes = "A2"
    cells = _Cells(ws)
    ws.append(cells.header(labels))
    safe = cells.text
    kinds, faults, statuses = (
        _labels(kind_label, lang),
        _labels(fault_label, lang),
        _labels(status_label, lang),
    )
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
                kinds(kind),
                faults(fault),
                statuses(status),
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


def _labels(label: Callable[[str, str], str], lang: str) -> Callable[[str], str]:
    """A code's label in ``lang``, each label looked up once for the whole sheet."""
    seen: dict[str, str] = {}

    def of(code: str) -> str:
        if code not in seen:
            try:
                seen[code] = label(code, lang) if code else ""
            except (KeyError, ValueError):
                seen[code] = code
        return seen[code]

    return of
