"""Returns summary for a period: headline figures, money per currency, charts, breakdowns."""

from __future__ import annotations

from datetime import date, datetime

from returnsdesk.domain.i18n.formatting import date_text, decimal_text, percent_text
from returnsdesk.formats import catalogue as cat
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.reports import Report, build_report


def build_summary(
    start: date, end: date, lang: str | None = None, now: datetime | None = None
) -> bytes:
    """The returns-summary PDF for ``start``..``end`` (both included), as bytes."""
    now = resolve(now)
    shop = settings.shop_details()
    data = build_report(start, end, now=now)
    return render_summary(data, shop, cat.norm_lang(lang or shop.language), now.date())


def _month_label(ym: str, lang: str) -> str:
    year, month = int(ym[:4]), int(ym[5:7])
    return date_text(date(year, month, 1), lang, "MMM yy")


def _bar_chart_monthly(data: Report, lang: str, width: float, height: float):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing

    from returnsdesk.formats.pdf import common as c

    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 30
    chart.width, chart.height = width - 40, height - 54
    chart.data = [[m.cases for m in data.monthly], [m.closed for m in data.monthly]]
    chart.categoryAxis.categoryNames = [_month_label(m.month, lang) for m in data.monthly]
    chart.categoryAxis.labels.fontName = c.FONT
    chart.categoryAxis.labels.fontSize = 7
    if len(data.monthly) > 8:
        chart.categoryAxis.labels.angle = 40
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = c.RULE
    chart.valueAxis.labels.fontName = c.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = c.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = c.ZEBRA
    chart.bars[0].fillColor = c.CHART_COLOURS[0]
    chart.bars[1].fillColor = c.CHART_COLOURS[1]
    chart.bars.strokeColor = None
    chart.groupSpacing = 6
    chart.barSpacing = 1
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 30, height - 6
    legend.fontName = c.FONT
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.dx = legend.dy = 7
    legend.colorNamePairs = [
        (c.CHART_COLOURS[0], cat.text("sum.opened", lang)),
        (c.CHART_COLOURS[1], cat.text("sum.closed", lang)),
    ]
    d.add(legend)
    return d


def _hbar_chart(pairs: list[tuple[str, int]], width: float):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    from returnsdesk.formats.pdf import common as c

    row = 13
    height = row * len(pairs) + 20
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    label_w = 150
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = width - label_w - 30, height - 18
    values = [n for _, n in pairs][::-1]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [label for label, _ in pairs][::-1]
    chart.categoryAxis.labels.fontName = c.FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = c.RULE
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.labels.fontName = c.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = c.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = c.ZEBRA
    chart.bars[0].fillColor = c.CHART_COLOURS[0]
    chart.bars.strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = c.FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barSpacing = 2
    d.add(chart)
    return d


def _pie(pairs: list[tuple[str, int]], width: float, height: float):
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing

    from returnsdesk.formats.pdf import common as c

    d = Drawing(width, height)
    pie = Pie()
    size = height - 10
    pie.x, pie.y, pie.width, pie.height = 5, 5, size, size
    pie.data = [n for _, n in pairs]
    pie.labels = None
    pie.slices.strokeColor = c.colors.white
    pie.slices.strokeWidth = 1
    for i in range(len(pairs)):
        pie.slices[i].fillColor = c.CHART_COLOURS[i % len(c.CHART_COLOURS)]
    d.add(pie)
    total = sum(n for _, n in pairs) or 1
    legend = Legend()
    legend.x, legend.y = size + 16, height - 8
    legend.fontName = c.FONT
    legend.fontSize = 7
    legend.dx = legend.dy = 8
    legend.deltay = 13
    legend.alignment = "right"
    legend.columnMaximum = max(len(pairs), 1)
    legend.colorNamePairs = [
        (c.CHART_COLOURS[i % len(c.CHART_COLOURS)], f"{label}  {n} ({100 * n / total:.0f} %)")
        for i, (label, n) in enumerate(pairs)
    ]
    d.add(legend)
    return d


def _pct(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return percent_text(value, lang)


def _days(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return decimal_text(value, lang)


def _scorecards(data: Report, lang: str, st, W: float) -> list:
    from returnsdesk.formats.pdf import common as c

    T = lambda key, **kw: cat.text(key, lang, **kw)  # noqa: E731
    cards = [s for s in data.scorecards if s.claims or s.cases]
    if not cards:
        return []
    rows = [
        (
            s.supplier,
            str(s.claims),
            _pct(s.approval_rate, lang),
            _pct(s.reimbursement_rate, lang),
            _days(s.median_reply_days, lang),
            _days(s.median_money_days, lang),
            "\n".join(cat.money_text(v, cur, lang) for cur, v in s.outstanding) or "—",
        )
        for s in cards
    ]
    story = [
        c.P(T("rep.scorecards"), st["h1"]),
        c.data_table(
            [
                T("sum.supplier"),
                T("rep.claims"),
                T("rep.approved"),
                T("rep.reimbursed"),
                T("rep.first_reply"),
                T("rep.to_money"),
                T("rep.outstanding"),
            ],
            rows,
            [W * 0.19, W * 0.12, W * 0.11, W * 0.13, W * 0.12, W * 0.12, W * 0.21],
            st,
            right=(1, 2, 3, 4, 5, 6),
        ),
        c.P(T("rep.scorecard_note"), st["small"]),
    ]
    flagged = [(s.supplier, f) for s in cards for f in s.flags]
    if flagged:
        story.append(
            c.data_table(
                [T("sum.supplier"), T("rep.why")],
                [(name, f.reason(lang)) for name, f in flagged],
                [W * 0.25, W * 0.75],
                st,
            )
        )
    return story


def _satisfaction(data: Report, lang: str, st, W: float) -> list:
    from returnsdesk.formats.pdf import common as c

    T = lambda key, **kw: cat.text(key, lang, **kw)  # noqa: E731
    sat = data.satisfaction
    story = [c.P(T("rep.satisfaction"), st["h1"])]
    if not sat.answers:
        return story + [c.P(T("rep.no_answers"), st["body"])]

    def mark(value: float | None) -> str:
        return _days(value, lang)

    rows = [(T("rep.answers"), str(sat.answers)), (T("rep.ease"), mark(sat.ease))]
    rows.append((T("rep.outcome"), mark(sat.outcome)))
    story.append(c.data_table(["", ""], rows, [W * 0.3, W * 0.15], st, right=(1,)))
    for title, label, rows_of in (
        (T("sum.reason"), lambda k: cat.reason_text(k, lang), sat.by_reason),
        (T("sum.supplier"), lambda k: k or T("sum.no_supplier"), sat.by_supplier),
        (
            T("rep.resolution"),
            lambda k: cat.resolution_text(k, lang) if k else "—",
            sat.by_resolution,
        ),
    ):
        story.append(
            c.data_table(
                [title, T("rep.answers"), T("rep.ease"), T("rep.outcome")],
                [(label(r.key), str(r.answers), mark(r.ease), mark(r.outcome)) for r in rows_of],
                [W * 0.46, W * 0.14, W * 0.2, W * 0.2],
                st,
                right=(1, 2, 3),
            )
        )
    story.append(c.P(T("rep.satisfaction_note"), st["small"]))
    return story


def render_summary(data: Report, shop: settings.ShopDetails, lang: str, today: date) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    from returnsdesk.formats.pdf import common as c

    st = c.styles()
    T = lambda key, **kw: cat.text(key, lang, **kw)  # noqa: E731
    W = c.CONTENT_WIDTH
    period_text = T(
        "sum.period",
        start=cat.date_text(data.period.start, lang),
        end=cat.date_text(data.period.end, lang),
    )
    story: list = []

    header = Table(
        [
            [
                c.M(f"<b>{c.esc(shop.name)}</b>", st["subtitle"]),
                [
                    c.P(T("sum.title"), st["title"].clone("t_r", alignment=2)),
                    c.P(period_text, st["subtitle"].clone("s_r", alignment=2)),
                ],
            ]
        ],
        colWidths=[W * 0.4, W * 0.6],
    )
    header.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, c.ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
            ]
        )
    )
    story += [header, Spacer(1, 5 * mm)]

    # Headline tiles.
    median = "—"
    if data.resolve.median_days is not None:
        days = decimal_text(data.resolve.median_days, lang)
        median = T("sum.median_days", days=days)
    tiles = [
        (T("rep.orders"), str(data.orders)),
        (T("sum.opened"), str(data.cases)),
        (T("rep.return_rate"), _pct(data.return_rate, lang)),
        (T("sum.closed"), str(data.closed)),
        (T("sum.median"), median),
        (T("sum.open_now"), str(data.open_now)),
    ]
    value_style = st["title"].clone("tile", fontSize=14, leading=18, textColor=c.INK)
    tile_row = [[c.P(label, st["cell_head"]), c.P(value, value_style)] for label, value in tiles]
    tiles_table = Table([tile_row], colWidths=[W / 6] * 6)
    tiles_table.setStyle(
        TableStyle(
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
    story += [tiles_table, Spacer(1, 1.5 * mm), c.P(T("rep.counts_note"), st["small"])]

    # Money.
    story.append(c.P(T("sum.money"), st["h1"]))
    if data.money:
        rows = [
            (
                m.currency,
                cat.money_text(m.refunds, m.currency, lang),
                cat.money_text(m.reimbursements, m.currency, lang),
                cat.money_text(m.paid_out, m.currency, lang),
                cat.money_text(m.recovered, m.currency, lang),
                cat.money_text(m.net, m.currency, lang),
            )
            for m in data.money
        ]
        widths = [22 * mm] + [(W - 22 * mm) / 5] * 5
        table = c.data_table(
            [
                T("sum.currency"),
                T("sum.refunds"),
                T("sum.reimbursed"),
                T("sum.paid_out"),
                T("sum.recovered"),
                T("sum.net"),
            ],
            rows,
            widths,
            st,
            right=(1, 2, 3, 4, 5),
        )
        table.setStyle(TableStyle([("FONTNAME", (5, 1), (5, -1), c.FONT_BOLD)]))
        story.append(table)
        story.append(Spacer(1, 1.5 * mm))
        story.append(c.P(T("sum.money_note"), st["small"]))
    else:
        story.append(c.P(T("none"), st["body"]))

    if data.cases == 0 and data.closed == 0:
        story.append(Spacer(1, 4 * mm))
        story.append(c.P(T("sum.no_cases"), st["body"]))
    else:
        if len(data.monthly) > 1:
            story.append(
                KeepTogether(
                    [c.P(T("sum.monthly"), st["h1"]), _bar_chart_monthly(data, lang, W, 62 * mm)]
                )
            )
        if data.by_reason:
            pairs = [(cat.reason_text(r.reason, lang), r.cases) for r in data.by_reason if r.cases]
            story.append(KeepTogether([c.P(T("sum.by_reason"), st["h1"]), _hbar_chart(pairs, W)]))
        story.append(c.P(T("sum.breakdown_note"), st["small"]))

        kind_pairs = [(cat.kind_label(k, lang), n) for k, n in data.by_kind]
        status_rows = [
            (cat.status_label(s, lang), str(n), f"{100 * n / max(data.cases, 1):.0f} %")
            for s, n in data.by_status
        ]
        left = [c.P(T("sum.by_kind"), st["h1"]), _pie(kind_pairs, W * 0.46, 34 * mm)]
        right = [
            c.P(T("sum.by_status"), st["h1"]),
            c.data_table(
                [T("sum.status"), T("sum.cases"), T("sum.share")],
                status_rows,
                [W * 0.27, W * 0.1, W * 0.1],
                st,
                right=(1, 2),
            ),
        ]
        pair = Table([[left, right]], colWidths=[W * 0.5, W * 0.5])
        pair.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story.append(pair)

        if data.by_supplier:
            rows = []
            for row in data.by_supplier:
                cost = "\n".join(cat.money_text(v, cur, lang) for cur, v in row.net_cost)
                rows.append(
                    (
                        row.supplier or T("sum.no_supplier"),
                        str(row.orders),
                        str(row.cases),
                        _pct(row.rate, lang),
                        cost or "—",
                    )
                )
            story.append(c.P(T("rep.by_supplier"), st["h1"]))
            story.append(
                c.data_table(
                    [
                        T("sum.supplier"),
                        T("rep.orders"),
                        T("sum.cases"),
                        T("rep.return_rate"),
                        T("sum.net"),
                    ],
                    rows,
                    [W * 0.36, W * 0.14, W * 0.12, W * 0.14, W * 0.24],
                    st,
                    right=(1, 2, 3, 4),
                )
            )
            story.append(c.P(T("rep.cost_note"), st["small"]))

        top = [p for p in data.by_product if p.cases][:10]
        if top:
            story.append(c.P(T("sum.top_products"), st["h1"]))
            story.append(
                c.data_table(
                    [
                        T("sku"),
                        T("sum.product"),
                        T("rep.units_sold"),
                        T("sum.cases"),
                        T("sum.units"),
                        T("rep.return_rate"),
                    ],
                    [
                        (
                            p.sku,
                            p.title,
                            str(p.units_sold),
                            str(p.cases),
                            str(p.units_returned),
                            _pct(p.rate, lang),
                        )
                        for p in top
                    ],
                    [W * 0.14, W * 0.38, W * 0.12, W * 0.1, W * 0.1, W * 0.16],
                    st,
                    right=(2, 3, 4, 5),
                )
            )
    story += _scorecards(data, lang, st, W)
    story += _satisfaction(data, lang, st, W)

    # Open cases.
    story.append(c.P(T("sum.open_list"), st["h1"]))
    if data.open_cases:
        if data.open_now > len(data.open_cases):
            story.append(
                c.P(
                    T("sum.open_more", shown=len(data.open_cases), total=data.open_now), st["small"]
                )
            )
            story.append(Spacer(1, 1.5 * mm))
        rows = []
        for row in data.open_cases:
            due = cat.date_text(row.next_due_on, lang, "medium") if row.next_due_on else "—"
            what = cat.deadline_label(row.next_due_code, lang) if row.next_due_code else ""
            overdue = row.next_due_on is not None and row.next_due_on < today
            due_cell = c.M(
                f"<font color='#9a3b1b'><b>{c.esc(due)}</b></font>" if overdue else c.esc(due),
                st["cell"],
            )
            rows.append((row.rma, row.customer, cat.status_label(row.status, lang), what, due_cell))
        story.append(
            c.data_table(
                [T("rma"), T("customer"), T("sum.status"), T("sum.next_due"), T("sum.due_on")],
                rows,
                [W * 0.17, W * 0.21, W * 0.18, W * 0.27, W * 0.17],
                st,
            )
        )
    else:
        story.append(c.P(T("sum.no_open"), st["body"]))

    footer_left = " · ".join(
        [shop.name, T("sum.title"), period_text, T("generated", date=cat.date_text(today, lang))]
    )

    def footer(canvas, page: int, pages: int) -> None:
        c.draw_footer(canvas, footer_left, T("page", page=page, pages=pages))

    return c.build(story, footer, title=f"{T('sum.title')} {period_text}", author=shop.name)
