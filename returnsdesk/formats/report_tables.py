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

from returnsdesk.domain.i18n.formatting import (
    date_text,
    decimal_text,
    number_text,
    percent_text,
)
from returnsdesk.domain.money import minor_exponent
from returnsdesk.fileio import atomic_path
from returnsdesk.formats import catalogue as cat
from returnsdesk.services.report_rows import Report


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    PERCENT = "percent"  # a ratio 0..1, or None
    DECIMAL = "decimal"  # days or marks, one decimal, or None
    MONEY = "money"  # Costs: ((currency, minor), ...)


@dataclass(frozen=True)
class Column:
    key: str  # catalogue key of the header
    kind: Kind
    value: Callable[[object, str], object]  # (row, lang) -> cell value


@dataclass(frozen=True)
class Table:
    name: str
    title_key: str
    columns: tuple[Column, ...]
    rows: Callable[[Report], list]
    #: Index of the column charted beside the table, and of its label column.
    chart_value: int
    chart_label: int = 0


def _c(key: str, kind: Kind, value) -> Column:
    return Column(key, kind, value)


def _month(row, lang: str) -> str:
    return date_text(row.first_day, lang, "MMM yyyy")


def _satisfaction_rows(report: Report) -> list:
    sat = report.satisfaction
    rows = [("reason", r) for r in sat.by_reason]
    rows += [("supplier", r) for r in sat.by_supplier]
    rows += [("resolution", r) for r in sat.by_resolution]
    return rows


def _satisfaction_group(row, lang: str) -> str:
    group, item = row
    if group == "reason":
        return cat.label_value(cat.text("sum.reason", lang), cat.reason_text(item.key, lang), lang)
    if group == "supplier":
        name = item.key or cat.text("sum.no_supplier", lang)
        return cat.label_value(cat.text("sum.supplier", lang), name, lang)
    label = cat.resolution_text(item.key, lang) if item.key else "—"
    return cat.label_value(cat.text("rep.resolution", lang), label, lang)


def _flag_kind(row, lang: str) -> str:
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


def display(value: object, kind: Kind, lang: str) -> str:
    """A cell as the reader sees it (the window and nothing else)."""
    lang = cat.norm_lang(lang)
    if value is None or value == "":
        return "—" if kind != Kind.TEXT else ""
    if kind == Kind.PERCENT:
        return percent_text(value, lang)
    if kind == Kind.DECIMAL:
        return decimal_text(float(value), lang)
    if kind == Kind.INT:
        return number_text(value, lang)
    if kind == Kind.MONEY:
        return "  ".join(cat.money_text(v, cur, lang) for cur, v in value) or "—"
    return str(value)


def chart_number(value: object, kind: Kind) -> float:
    """The number a chart draws for a cell (percentages in %, money is not charted)."""
    if value is None:
        return 0.0
    if kind == Kind.PERCENT:
        return round(100 * float(value), 1)
    return float(value)


# --- xlsx ---------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _currencies(table: Table, rows: list) -> list[str]:
    found = set()
    for column in table.columns:
        if column.kind == Kind.MONEY:
            for row in rows:
                found.update(cur for cur, _ in column.value(row, "en"))
    return sorted(found)


def export_table(report: Report, name: str, target: Path | str, lang: str = "en") -> int:
    """Write one table of the report as a workbook; returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from returnsdesk.formats.ledger_export import number_format

    table = BY_NAME[name]
    rows = table.rows(report)
    currencies = _currencies(table, rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(cat.text(table.title_key, lang)[:31])
    bold = Font(bold=True)

    def cell(value, fmt: str | None = None, text: bool = False):
        c = WriteOnlyCell(ws, value=value)
        if fmt:
            c.number_format = fmt
        if text:
            c.data_type = "s"
        return c

    def text_cell(value: str):
        if value and value[0] in _FORMULA_STARTS:
            return cell(value, text=True)
        return value

    period = cat.text(
        "sum.period",
        lang,
        start=cat.date_text(report.period.start, lang, "medium"),
        end=cat.date_text(report.period.end, lang, "medium"),
    )
    title = WriteOnlyCell(ws, value=f"{cat.text(table.title_key, lang)} — {period}")
    title.font = bold
    ws.append([title])
    header = []
    for column in table.columns:
        label = cat.text(column.key, lang)
        if column.kind == Kind.MONEY:
            header += [f"{label} ({cur})" for cur in currencies]
        else:
            header.append(label)
    header_cells = []
    for label in header:
        c = WriteOnlyCell(ws, value=label)
        c.font = bold
        header_cells.append(c)
    ws.append(header_cells)
    for row in rows:
        values = []
        for column in table.columns:
            value = column.value(row, lang)
            if column.kind == Kind.MONEY:
                amounts = dict(value)
                for cur in currencies:
                    if cur in amounts:
                        places = minor_exponent(cur)
                        number = Decimal(amounts[cur]).scaleb(-places) if places else amounts[cur]
                        values.append(cell(number, number_format(cur)))
                    else:
                        values.append(None)
            elif value is None:
                values.append(None)
            elif column.kind == Kind.PERCENT:
                values.append(cell(round(float(value), 4), "0.0%"))
            elif column.kind == Kind.DECIMAL:
                values.append(cell(round(float(value), 2), "0.0"))
            elif column.kind == Kind.INT:
                values.append(int(value))
            else:
                values.append(text_cell(str(value)))
        ws.append(values)
    with atomic_path(target, suffix=".xlsx") as tmp:
        wb.save(tmp)
    return len(rows)
