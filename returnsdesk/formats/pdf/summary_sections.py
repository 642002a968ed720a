"""The returns summary's sections, top to bottom: header, headline tiles, money, the
breakdowns (charts, kinds and statuses), suppliers, most returned products, open cases."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from returnsdesk.domain.i18n.formatting import decimal_text
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf import common as c
from returnsdesk.formats.pdf.summary_charts import horizontal_bars, kind_pie, monthly_bars
from returnsdesk.formats.pdf.summary_page import Page, Story

_FLUSH = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
]


def _style(commands: list[tuple[Any, ...]]) -> TableStyle:
    return TableStyle(commands)


def header(p: Page) -> Story:
    """The shop on the left; the title and the period on the right, an accent rule below."""
    st, W = p.st, p.width
    table = Table(
        [
            [
                c.M(f"<b>{c.esc(p.shop.name)}</b>", st["subtitle"]),
                [
                    c.P(p.t("sum.title"), st["title"].clone("t_r", alignment=2)),
                    c.P(p.period_text(), st["subtitle"].clone("s_r", alignment=2)),
                ],
            ]
        ],
        colWidths=[W * 0.4, W * 0.6],
    )
    table.setStyle(
        _style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, c.ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
            ]
        )
    )
    return [table, Spacer(1, 5 * mm)]


def tiles(p: Page) -> Story:
    """Six headline figures in a row, and what each counts."""
    data, st, W = p.data, p.st, p.width
    median = "—"
    if data.resolve.median_days is not None:
        median = p.t("sum.median_days", days=decimal_text(data.resolve.median_days, p.lang))
    figures = [
        (p.t("rep.orders"), p.count(data.orders)),
        (p.t("sum.opened"), p.count(data.cases)),
        (p.t("rep.return_rate"), p.pct(data.return_rate)),
        (p.t("sum.closed"), p.count(data.closed)),
        (p.t("sum.median"), median),
        (p.t("sum.open_now"), p.count(data.open_now)),
    ]
    value_style = st["title"].clone("tile", fontSize=14, leading=18, textColor=c.INK)
    row = [[c.P(label, st["cell_head"]), c.P(value, value_style)] for label, value in figures]
    table = Table([row], colWidths=[W / 6] * 6)
    table.setStyle(
        _style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), c.ACCENT_LIGHT),
                ("LINEAFTER", (0, 0), (-2, -1), 2, c.colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
            ]
        )
    )
    return [table, Spacer(1, 1.5 * mm), c.P(p.t("rep.counts_note"), st["small"])]


def money(p: Page) -> Story:
    """Money per currency, net cost in bold."""
    st, W = p.st, p.width
    story: Story = [c.P(p.t("sum.money"), st["h1"])]
    if not p.data.money:
        return story + [c.P(p.t("none"), st["body"])]
    rows = [
        (
            m.currency,
            p.money(m.refunds, m.currency),
            p.money(m.reimbursements, m.currency),
            p.money(m.paid_out, m.currency),
            p.money(m.recovered, m.currency),
            p.money(m.net, m.currency),
        )
        for m in p.data.money
    ]
    heads = ["sum.currency", "sum.refunds", "sum.reimbursed", "sum.paid_out"]
    heads += ["sum.recovered", "sum.net"]
    widths = [22 * mm] + [(W - 22 * mm) / 5] * 5
    table = c.data_table([p.t(k) for k in heads], rows, widths, st, right=(1, 2, 3, 4, 5))
    table.setStyle(TableStyle([("FONTNAME", (5, 1), (5, -1), c.FONT_BOLD)]))
    return story + [table, Spacer(1, 1.5 * mm), c.P(p.t("sum.money_note"), st["small"])]


def charts(p: Page) -> Story:
    """Cases per month (when the period spans months) and by reason."""
    data, st, W = p.data, p.st, p.width
    story: Story = []
    if len(data.monthly) > 1:
        bars = monthly_bars(data, p.lang, W, 62 * mm)
        story.append(KeepTogether([c.P(p.t("sum.monthly"), st["h1"]), bars]))
    if data.by_reason:
        pairs = [(cat.reason_text(r.reason, p.lang), r.cases) for r in data.by_reason if r.cases]
        story.append(KeepTogether([c.P(p.t("sum.by_reason"), st["h1"]), horizontal_bars(pairs, W)]))
    return story + [c.P(p.t("sum.breakdown_note"), st["small"])]


def kinds_and_statuses(p: Page) -> Story:
    """Cases by kind (pie) beside cases by current status (table)."""
    data, st, W, lang = p.data, p.st, p.width, p.lang
    kind_pairs = [(cat.kind_label(k, lang), n) for k, n in data.by_kind]
    status_rows = [
        (cat.status_label(s, lang), p.count(n), f"{100 * n / max(data.cases, 1):.0f} %")
        for s, n in data.by_status
    ]
    left = [c.P(p.t("sum.by_kind"), st["h1"]), kind_pie(kind_pairs, lang, W * 0.46, 34 * mm)]
    right = [
        c.P(p.t("sum.by_status"), st["h1"]),
        c.data_table(
            [p.t("sum.status"), p.t("sum.cases"), p.t("sum.share")],
            status_rows,
            [W * 0.27, W * 0.1, W * 0.1],
            st,
            right=(1, 2),
        ),
    ]
    pair = Table([[left, right]], colWidths=[W * 0.5, W * 0.5])
    pair.setStyle(_style(_FLUSH))
    return [pair]


def suppliers(p: Page) -> Story:
    """Return rate and net cost per supplier."""
    st, W = p.st, p.width
    if not p.data.by_supplier:
        return []
    rows = [
        (
            row.supplier or p.t("sum.no_supplier"),
            p.count(row.orders),
            p.count(row.cases),
            p.pct(row.rate),
            "\n".join(p.money(v, cur) for cur, v in row.net_cost) or "—",
        )
        for row in p.data.by_supplier
    ]
    heads = ["sum.supplier", "rep.orders", "sum.cases", "rep.return_rate", "sum.net"]
    return [
        c.P(p.t("rep.by_supplier"), st["h1"]),
        c.data_table(
            [p.t(k) for k in heads],
            rows,
            [W * 0.36, W * 0.14, W * 0.12, W * 0.14, W * 0.24],
            st,
            right=(1, 2, 3, 4),
        ),
        c.P(p.t("rep.cost_note"), st["small"]),
    ]


def top_products(p: Page) -> Story:
    """The ten products with the most cases."""
    st, W = p.st, p.width
    top = [row for row in p.data.by_product if row.cases][:10]
    if not top:
        return []
    rows = [
        (
            row.sku,
            row.title,
            p.count(row.units_sold),
            p.count(row.cases),
            p.count(row.units_returned),
            p.pct(row.rate),
        )
        for row in top
    ]
    heads = ["sku", "sum.product", "rep.units_sold", "sum.cases", "sum.units", "rep.return_rate"]
    return [
        c.P(p.t("sum.top_products"), st["h1"]),
        c.data_table(
            [p.t(k) for k in heads],
            rows,
            [W * 0.14, W * 0.38, W * 0.12, W * 0.1, W * 0.1, W * 0.16],
            st,
            right=(2, 3, 4, 5),
        ),
    ]


def open_cases(p: Page) -> Story:
    """Open cases and their next deadline, overdue days in the warning colour."""
    data, st, W, lang = p.data, p.st, p.width, p.lang
    story: Story = [c.P(p.t("sum.open_list"), st["h1"])]
    if not data.open_cases:
        return story + [c.P(p.t("sum.no_open"), st["body"])]
    if data.open_now > len(data.open_cases):
        shown, total = p.count(len(data.open_cases)), p.count(data.open_now)
        more = p.t("sum.open_more", shown=shown, total=total)
        story += [c.P(more, st["small"]), Spacer(1, 1.5 * mm)]
    rows = []
    for row in data.open_cases:
        due = p.day(row.next_due_on, "medium") if row.next_due_on else "—"
        what = cat.deadline_label(row.next_due_code, lang) if row.next_due_code else ""
        overdue = row.next_due_on is not None and row.next_due_on < p.today
        due_cell = c.M(
            f"<font color='#9a3b1b'><b>{c.esc(due)}</b></font>" if overdue else c.esc(due),
            st["cell"],
        )
        rows.append((row.rma, row.customer, cat.status_label(row.status, lang), what, due_cell))
    heads = ["rma", "customer", "sum.status", "sum.next_due", "sum.due_on"]
    table = c.data_table(
        [p.t(k) for k in heads], rows, [W * 0.17, W * 0.21, W * 0.18, W * 0.27, W * 0.17], st
    )
    return story + [table]
