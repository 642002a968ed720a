"""The Reports area: a period, one tab per view, a chart beside each table."""

from returnsdesk.ui.reports.area import ReportsArea

__all__ = ["ReportsArea"]
