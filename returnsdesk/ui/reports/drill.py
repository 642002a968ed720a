"""From a report row to the inbox: which cases it counts, as inbox filters, and in words."""

from __future__ import annotations

from dataclasses import replace

from returnsdesk.formats import catalogue as cat
from returnsdesk.services.inbox import Filters
from returnsdesk.services.report_rows import (
    FlagRow,
    KindTime,
    MonthRow,
    ProductRow,
    ReasonRow,
    Report,
    Scorecard,
    SupplierRow,
)


def drill(report: Report, name: str, row: object, lang: str = "en") -> tuple[Filters, str] | None:
    """The inbox filters selecting the cases behind ``row`` of table ``name``, and a
    sentence saying what they are; None for rows that count no cases."""
    p = report.period
    opened = Filters(opened_from=p.start, opened_to=p.end)
    span = cat.text(
        "sum.period",
        lang,
        start=cat.date_text(p.start, lang, "medium"),
        end=cat.date_text(p.end, lang, "medium"),
    )
    prefix = cat.text("rep.drill", lang, period=span)
    if isinstance(row, MonthRow):
        month = Filters(opened_from=row.first_day, opened_to=row.last_day)
        return month, cat.text("rep.drill_month", lang, month=row.month)
    if isinstance(row, ProductRow):
        return replace(opened, skus=(row.sku,)), f"{prefix} {row.sku} {row.title}"
    if isinstance(row, SupplierRow | Scorecard):
        if row.supplier_id is None:
            return None
        return replace(opened, supplier_ids=(row.supplier_id,)), f"{prefix} {row.supplier}"
    if isinstance(row, ReasonRow):
        return replace(
            opened, reasons=(row.reason,)
        ), f"{prefix} {cat.reason_text(row.reason, lang)}"
    if isinstance(row, KindTime):
        return replace(opened, kinds=(row.kind,)), f"{prefix} {cat.kind_label(row.kind, lang)}"
    if isinstance(row, FlagRow):
        words = f"{prefix} {row.subject} — {row.flag.title(cat.norm_lang(lang))}"
        if row.kind == "supplier" and row.supplier_id is not None:
            return replace(opened, supplier_ids=(row.supplier_id,)), words
        return Filters(case_ids=row.case_ids), words
    if isinstance(row, tuple) and len(row) == 2:
        card, defect = row
        if isinstance(card, Scorecard):
            return (
                replace(
                    opened,
                    supplier_ids=(card.supplier_id,),
                    skus=(defect.sku,),
                    reasons=(defect.reason,),
                ),
                f"{prefix} {card.supplier} {defect.sku} {cat.reason_text(defect.reason, lang)}",
            )
    return None
