"""The accounting export's workbook: the Ledger, Summary and Cases sheets (openpyxl,
write-only, imported on first use). See ``formats.ledger_export`` for the layout."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from returnsdesk.domain.ledger import DIRECTION, LedgerKind, ledger_label
from returnsdesk.domain.money import minor_exponent
from returnsdesk.domain.reasons import fault_label
from returnsdesk.domain.workflow import kind_label, status_label
from returnsdesk.formats.ledger_columns import LEDGER_COLUMNS, Check, Progress, text
from returnsdesk.services import ledger_period
from returnsdesk.services.ledger import period_totals, supplier_money


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

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.ws = ws
        _install_fast_rows(ws)
        self._make = WriteOnlyCell
        self._money: dict[tuple[str, int], Any] = {}
        self._exponent: dict[str, int] = {}
        self._bold = Font(bold=True)

    def money(self, minor: int, currency: str, slot: int) -> Any:
        cell = self._money.get((currency, slot))
        if cell is None:
            cell = self._make(self.ws)
            cell.number_format = number_format(currency)
            self._money[(currency, slot)] = cell
            self._exponent[currency] = minor_exponent(currency)
        exponent = self._exponent[currency]
        cell.value = Decimal(minor).scaleb(-exponent) if exponent else minor
        return cell

    def text(self, value: str) -> Any:
        """Text that stays text: a string cell even when it looks like a formula."""
        if not value:
            return None
        if value[0] in "=+-@\t\r#":
            cell = self._make(self.ws)
            cell.value = value
            cell.data_type = "s"
            return cell
        return value

    def header(self, labels: list[str]) -> list[Any]:
        cells = []
        for label in labels:
            cell = self._make(self.ws, label)
            cell.font = self._bold
            cells.append(cell)
        return cells


def _install_fast_rows(ws: Any) -> None:
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

    def values_to_row(values: Iterable[Any], row_idx: int) -> Iterator[Any]:
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


def _set_widths(ws: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, 60)


def write_xlsx(
    target: Path,
    date_from: date | None,
    date_to: date | None,
    progress: Progress,
    check: Check | None,
    lang: str,
) -> int:
    from openpyxl import Workbook

    total = ledger_period.count_in_period(date_from, date_to)
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


def _abandon(wb: Any) -> None:
    """Close half-written sheets now (their temp files), not later in the garbage collector."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):  # best effort on a workbook being thrown away
            ws.close()


def _ledger_sheet(
    wb: Any,
    date_from: date | None,
    date_to: date | None,
    total: int,
    progress: Progress,
    check: Check | None,
    lang: str,
) -> int:
    ws = wb.create_sheet(text("sheet.ledger", lang))
    labels = [text(c, lang) for c in LEDGER_COLUMNS]
    longest = ledger_period.max_text_lengths(date_from, date_to)
    kind_labels = {k.value: ledger_label(k, lang) for k in LedgerKind}
    direction_labels = {k.value: text(DIRECTION[k], lang) for k in LedgerKind}
    kind_width = max(len(v) for v in kind_labels.values())
    content = [
        len(str(ledger_period.entry_count() or 1)) + 1,
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
    for row in ledger_period.iter_period_rows(date_from, date_to):
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


def _summary_sheet(wb: Any, date_from: date | None, date_to: date | None, lang: str) -> None:
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


def _cases_sheet(
    wb: Any, date_from: date | None, date_to: date | None, check: Check | None, lang: str
) -> None:
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
    longest = ledger_period.max_text_lengths(date_from, date_to)
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
    ) in ledger_period.iter_case_rows(date_from, date_to):
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
