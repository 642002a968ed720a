"""One report table with its chart beside it (a view of the Reports area)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.report_tables import Kind, Table, chart_number
from returnsdesk.ui.reports.model import VALUE_ROLE, ReportTableModel

CHART_ROWS = 15


class ReportView(QWidget):
    """One table with its chart; ``drill_down`` carries the row the user picked."""

    drill_down = Signal(int)

    def __init__(self, table: Table, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.model = ReportTableModel(table, lang, self)
        self.view = QTableView(self)
        self.view.setObjectName(f"report-table-{table.name}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.view.activated.connect(lambda index: self.drill_down.emit(index.row()))
        self.view.doubleClicked.connect(lambda index: self.drill_down.emit(index.row()))
        self.chart = self._new_chart()
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(300)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.chart_view)
        splitter.addWidget(self.view)
        splitter.setSizes([330, 800])  # the table gets the room: its last columns are words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._chart_rows: list[int] = []

    def set_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(200)  # a sample of rows, never the whole table
        self.view.resizeColumnsToContents()
        metrics = header.fontMetrics()
        for column in range(len(self.table.columns)):
            title = self.model.column_title(column)
            title_width = metrics.horizontalAdvance(title) + 16  # the title always shows whole
            self.view.setColumnWidth(
                column, max(min(self.view.columnWidth(column), 320), title_width)
            )
        self._fill_chart()

    @staticmethod
    def _new_chart() -> QChart:
        chart = QChart()
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _fill_chart(self) -> None:
        """Draw the first rows on a new chart: axes removed from a chart in place stayed
        drawn under the new ones."""
        old, self.chart = self.chart, self._new_chart()
        value_col = self.table.columns[self.table.chart_value]
        title = cat.text(value_col.key, self.model.lang)
        self.chart.setTitle(f"{title} (%)" if value_col.kind == Kind.PERCENT else title)
        rows = list(range(min(self.model.rowCount(), CHART_ROWS)))
        self._chart_rows = rows[::-1]  # a horizontal chart draws its first category at the bottom
        bar = QBarSet(cat.text(value_col.key, self.model.lang))
        bar.setColor("#1f5f7a")
        names = []
        top = 0.0
        for row in self._chart_rows:
            value = self.model.index(row, self.table.chart_value).data(VALUE_ROLE)
            number = chart_number(value, value_col.kind)
            bar.append(number)
            top = max(top, number)
            label = self.model.index(row, self.table.chart_label).data()
            names.append(label if len(label) <= 28 else label[:27] + "…")
        series = QHorizontalBarSeries()
        series.append(bar)
        series.clicked.connect(self._bar_clicked)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(names)
        values = QValueAxis()
        values.setRange(0, top if top > 0 else 1)  # no rows or all zero: 0 to 1, not NaN
        values.setLabelFormat("%.0f")
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        if top > 0:
            values.applyNiceNumbers()  # ticks on round numbers (0, 10, 20…), not 13, 25, 38
        else:
            values.setTickCount(2)  # just 0 and 1
        self.chart_view.setChart(self.chart)
        old.deleteLater()  # the view released it

    def _bar_clicked(self, index: int, _barset: QBarSet | None = None) -> None:
        if 0 <= index < len(self._chart_rows):
            self.drill_down.emit(self._chart_rows[index])
