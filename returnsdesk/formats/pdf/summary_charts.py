"""The returns summary's charts: cases opened and closed per month, cases by reason, cases
by kind (a pie with its legend)."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing

from returnsdesk.domain.i18n.formatting import date_text, number_text
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf import common as c
from returnsdesk.services.report_rows import Report


def month_label(ym: str, lang: str) -> str:
    year, month = int(ym[:4]), int(ym[5:7])
    return date_text(date(year, month, 1), lang, "MMM yy")


def monthly_bars(data: Report, lang: str, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 30
    chart.width, chart.height = width - 40, height - 54
    chart.data = [[m.cases for m in data.monthly], [m.closed for m in data.monthly]]
    chart.categoryAxis.categoryNames = [month_label(m.month, lang) for m in data.monthly]
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


def horizontal_bars(pairs: list[tuple[str, int]], width: float) -> Drawing:
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


def kind_pie(pairs: list[tuple[str, int]], lang: str, width: float, height: float) -> Drawing:
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
        (
            c.CHART_COLOURS[i % len(c.CHART_COLOURS)],
            f"{label}  {number_text(n, lang)} ({100 * n / total:.0f} %)",
        )
        for i, (label, n) in enumerate(pairs)
    ]
    d.add(legend)
    return d
