"""The tables of the Reports area, defined once: the window shows them and exports them
to .xlsx with the accounting export's conventions (write-only workbook, numbers as
numbers in their currency's format, text that never turns into a formula, atomic write).

Each table is a ``Table``: a title key, its columns and a function giving its rows
from a ``services.reports.Report``. Cells are typed (``Kind``) so the window formats
them for the reader and the workbook stores them as real numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from returnsdesk.domain.i18n.formatting import (
    date_text,
    decimal_text,
    number_text,
    percent_text,
)
from returnsdesk.domain.money import minor_exponent
from returnsdesk.fileio import atomic_path
from returnsdesk.formats import catalogue as cat
from returnsdesk.services.report_rows import Costs, Report


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    PERCENT = "percent"  # a ratio 0..1, or None
    DECIMAL = "decimal"  # days or marks, one decimal, or None
    MONEY = "money"  # Costs: ((currency, minor), ...)


#: A cell's value, by its column's kind: TEXT str, INT int, PERCENT and DECIMAL a number,
#: MONEY ``Costs``; None when there is nothing to show.
Cell = str | int | float | Decimal | Costs | None
#: A table's row: each table has its own (a report's view object, or a pair of them).
Row = Any


@dataclass(frozen=True)
class Column:
    key: str  # catalogue key of the header
    kind: Kind
    value: Callable[[Row, str], Cell]  # (row, lang) -> cell value


@dataclass(frozen=True)
class Table:
    name: str
    title_key: str
    columns: tuple[Column, ...]
    rows: Callable[[Report], list[Row]]
    #: Index of the column charted beside the table, and of its label column.
    chart_value: int
    chart_label: int = 0


def _c(key: str, kind: Kind, value: Callable[[Row, str], Cell]) -> Column:
    return Column(key, kind, value)


def _month(row: Row, lang: str) -> str:
    return date_text(row.first_day, lang, "MMM yyyy")


def _satisfaction_rows(report: Report) -> list[Row]:
    sat = report.satisfaction
    rows = [("reason", r) for r in sat.by_reason]
    rows += [("supplier", r) for r in sat.by_supplier]
    rows += [("resolution", r) for r in sat.by_resolution]
    return rows


def _satisfaction_group(row: Row, lang: str) -> str:
    group, item = row
    if group == "reason":
        return cat.label_value(cat.text("sum.reason", lang), cat.reason_text(item.key, lang), lang)
    if group == "supplier":
        name = item.key or cat.text("sum.no_supplier", lang)
        return cat.label_value(cat.text("sum.supplier", lang), name, lang)
    label = cat.resolution_text(item.key, lang) if item.key else "—"
    return cat.label_value(cat.text("rep.resolution", lang), label, lang)


def _flag_kind(row: Row, lang: str) -> str:
    return cat.text("customer", lang) if row.kind == "customer" else cat.text("sum.supplier", lang)


TABLES: tuple[Table, ...] = (
    Table(
        "months",
        "rep.rates",
        (
            _c("rep.month", Kind.TEXT, _month),
            _c("rep.orders", Kind.INT, lambda r, _: r.orders),
            _c("sum.opened", Kind.INT, lambda r, _: r.cases),
            _c("sum.closed", Kind.INT, lambda r, _: r.closed),
            _c("rep.return_rate", Kind.PERCENT, lambda r, _: r.rate),
        ),
        lambda rep: list(rep.monthly),
        chart_value=4,
    ),
    Table(
        "products",
        "rep.by_product",
        (
            _c("sku", Kind.TEXT, lambda r, _: r.sku),
            _c("sum.product", Kind.TEXT, lambda r, _: r.title),
            _c("rep.orders", Kind.INT, lambda r, _: r.orders),
            _c("rep.units_sold", Kind.INT, lambda r, _: r.units_sold),
            _c("sum.cases", Kind.INT, lambda r, _: r.cases),
            _c("rep.units_returned", Kind.INT, lambda r, _: r.units_returned),
            _c("rep.return_rate", Kind.PERCENT, lambda r, _: r.rate),
            _c("rep.unit_rate", Kind.PERCENT, lambda r, _: r.unit_rate),
            _c("sum.net", Kind.MONEY, lambda r, _: r.net_cost),
        ),
        lambda rep: list(rep.by_product),
        chart_value=6,
    ),
    Table(
        "suppliers",
        "rep.by_supplier",
        (
            _c(
                "sum.supplier",
                Kind.TEXT,
                lambda r, lang: r.supplier or cat.text("sum.no_supplier", lang),
            ),
            _c("rep.orders", Kind.INT, lambda r, _: r.orders),
            _c("rep.units_sold", Kind.INT, lambda r, _: r.units_sold),
            _c("sum.cases", Kind.INT, lambda r, _: r.cases),
            _c("rep.units_returned", Kind.INT, lambda r, _: r.units_returned),
            _c("rep.return_rate", Kind.PERCENT, lambda r, _: r.rate),
            _c("sum.net", Kind.MONEY, lambda r, _: r.net_cost),
        ),
        lambda rep: list(rep.by_supplier),
        chart_value=5,
    ),
    Table(
        "reasons",
        "rep.by_reason",
        (
            _c("sum.reason", Kind.TEXT, lambda r, lang: cat.reason_text(r.reason, lang)),
            _c("sum.cases", Kind.INT, lambda r, _: r.cases),
            _c("rep.units_returned", Kind.INT, lambda r, _: r.units_returned),
            _c("rep.return_rate", Kind.PERCENT, lambda r, _: r.rate),
            _c("sum.net", Kind.MONEY, lambda r, _: r.net_cost),
        ),
        lambda rep: list(rep.by_reason),
        chart_value=1,
    ),
    Table(
        "resolve",
        "rep.resolve",
        (
            _c("sum.kind", Kind.TEXT, lambda r, lang: cat.kind_label(r.kind, lang)),
            _c("rep.closed", Kind.INT, lambda r, _: r.closed),
            _c("rep.median_days", Kind.DECIMAL, lambda r, _: r.median_days),
        ),
        lambda rep: list(rep.resolve.by_kind),
        chart_value=2,
    ),
    Table(
        "scorecards",
        "rep.scorecards",
        (
            _c("sum.supplier", Kind.TEXT, lambda r, _: r.supplier),
            _c("sum.cases", Kind.INT, lambda r, _: r.cases),
            _c("rep.claims", Kind.INT, lambda r, _: r.claims),
            _c("rep.approved", Kind.PERCENT, lambda r, _: r.approval_rate),
            _c("rep.reimbursed", Kind.PERCENT, lambda r, _: r.reimbursement_rate),
            _c("rep.first_reply", Kind.DECIMAL, lambda r, _: r.median_reply_days),
            _c("rep.to_money", Kind.DECIMAL, lambda r, _: r.median_money_days),
            _c("rep.outstanding", Kind.MONEY, lambda r, _: r.outstanding),
            _c("rep.flags", Kind.TEXT, lambda r, lang: " ".join(f.reason(lang) for f in r.flags)),
        ),
        lambda rep: list(rep.scorecards),
        chart_value=4,
    ),
    Table(
        "defects",
        "rep.defects",
        (
            _c("sum.supplier", Kind.TEXT, lambda r, _: r[0].supplier),
            _c("sku", Kind.TEXT, lambda r, _: r[1].sku),
            _c("sum.reason", Kind.TEXT, lambda r, lang: cat.reason_text(r[1].reason, lang)),
            _c("sum.cases", Kind.INT, lambda r, _: r[1].cases),
        ),
        lambda rep: [(card, d) for card in rep.scorecards for d in card.defects],
        chart_value=3,
        chart_label=1,
    ),
    Table(
        "satisfaction",
        "rep.satisfaction",
        (
            _c("rep.group", Kind.TEXT, _satisfaction_group),
            _c("rep.answers", Kind.INT, lambda r, _: r[1].answers),
            _c("rep.ease", Kind.DECIMAL, lambda r, _: r[1].ease),
            _c("rep.outcome", Kind.DECIMAL, lambda r, _: r[1].outcome),
        ),
        _satisfaction_rows,
        chart_value=3,
    ),
    Table(
        "flags",
        "rep.flags",
        (
            _c("rep.subject", Kind.TEXT, lambda r, _: r.subject),
            _c("sum.kind", Kind.TEXT, _flag_kind),
            _c("rep.rule", Kind.TEXT, lambda r, lang: r.flag.title(cat.norm_lang(lang))),
            _c("sum.cases", Kind.INT, lambda r, _: len(r.case_ids)),
            _c("rep.why", Kind.TEXT, lambda r, lang: r.reason(cat.norm_lang(lang))),
        ),
        lambda rep: list(rep.flags),
        chart_value=3,
    ),
)
BY_NAME = {table.name: table for table in TABLES}


def display(value: Cell, kind: Kind, lang: str) -> str:
    """A cell as the reader sees it (the window and nothing else)."""
    lang = cat.norm_lang(lang)
    if value is None or value == "":
        return "—" if kind != Kind.TEXT else ""
    if kind == Kind.PERCENT:
        return percent_text(_number(value), lang)
    if kind == Kind.DECIMAL:
        return decimal_text(float(_number(value)), lang)
    if kind == Kind.INT:
        return number_text(_number(value), lang)
    if kind == Kind.MONEY:
        return "  ".join(cat.money_text(v, cur, lang) for cur, v in _costs(value)) or "—"
    return str(value)


def chart_number(value: Cell, kind: Kind) -> float:
    """The number a chart draws for a cell (percentages in %, money is not charted)."""
    if value is None:
        return 0.0
    if kind == Kind.PERCENT:
        return round(100 * float(_number(value)), 1)
    return float(_number(value))


def _number(value: Cell) -> int | float | Decimal:
    if isinstance(value, int | float | Decimal):
        return value
    raise TypeError(f"Not a number: {value!r}")


def _costs(value: Cell) -> Costs:
    if isinstance(value, tuple):
        return value
    raise TypeError(f"Not money per currency: {value!r}")


# --- xlsx ---------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _currencies(table: Table, rows: list[Row]) -> list[str]:
    found: set[str] = set()
    for column in table.columns:
        if column.kind == Kind.MONEY:
            for row in rows:
                found.update(cur for cur, _ in _costs(column.value(row, "en")))
    return sorted(found)


def export_table(report: Report, name: str, target: Path | str, lang: str = "en") -> int:
    """Write one table of the report as a workbook; returns the number of rows written."""
    from openpyxl import Workbook

    table = BY_NAME[name]
    rows = table.rows(report)
    currencies = _currencies(table, rows)
    wb = Workbook(write_only=True)
    sheet = _Sheet(wb.create_sheet(cat.text(table.title_key, lang)[:31]))
    period = cat.text(
        "sum.period",
        lang,
        start=cat.date_text(report.period.start, lang, "medium"),
        end=cat.date_text(report.period.end, lang, "medium"),
    )
    sheet.ws.append([sheet.bold(f"{cat.text(table.title_key, lang)} — {period}")])
    sheet.ws.append([sheet.bold(label) for label in _header(table, currencies, lang)])
    for row in rows:
        values: list[Any] = []
        for column in table.columns:
            value = column.value(row, lang)
            if column.kind == Kind.MONEY:
                values += sheet.money(_costs(value), currencies)
            else:
                values.append(sheet.value(value, column.kind))
        sheet.ws.append(values)
    with atomic_path(target, suffix=".xlsx") as tmp:
        wb.save(tmp)
    return len(rows)


def _header(table: Table, currencies: list[str], lang: str) -> list[str]:
    """The column titles; a money column has one per currency."""
    header: list[str] = []
    for column in table.columns:
        label = cat.text(column.key, lang)
        if column.kind == Kind.MONEY:
            header += [f"{label} ({cur})" for cur in currencies]
        else:
            header.append(label)
    return header


class _Sheet:
    """Cells for one write-only worksheet (openpyxl has no types: its objects are Any)."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        from returnsdesk.formats.ledger_export import number_format

        self.ws = ws
        self._make = WriteOnlyCell
        self._number_format = number_format
        self._bold = Font(bold=True)

    def cell(self, value: object, fmt: str | None = None, text: bool = False) -> Any:
        c = self._make(self.ws, value=value)
        if fmt:
            c.number_format = fmt
        if text:
            c.data_type = "s"
        return c

    def bold(self, value: str) -> Any:
        c = self.cell(value)
        c.font = self._bold
        return c

    def money(self, costs: Costs, currencies: list[str]) -> list[Any]:
        """One cell per currency of the table: the amount in major units, or empty."""
        amounts = dict(costs)
        cells: list[Any] = []
        for cur in currencies:
            if cur in amounts:
                places = minor_exponent(cur)
                number = Decimal(amounts[cur]).scaleb(-places) if places else amounts[cur]
                cells.append(self.cell(number, self._number_format(cur)))
            else:
                cells.append(None)
        return cells

    def value(self, value: Cell, kind: Kind) -> Any:
        if value is None:
            return None
        if kind == Kind.PERCENT:
            return self.cell(round(float(_number(value)), 4), "0.0%")
        if kind == Kind.DECIMAL:
            return self.cell(round(float(_number(value)), 2), "0.0")
        if kind == Kind.INT:
            return int(_number(value))
        text = str(value)
        if text and text[0] in _FORMULA_STARTS:
            return self.cell(text, text=True)  # text that stays text, never a formula
        return text
