"""Returns summary for a period: headline figures, money per currency, charts, breakdowns,
supplier scorecards, satisfaction and the open cases.

``build_summary`` asks ``services.documents.summary_facts`` for the figures (the Reports
area's own) and lays them out here, one renderer per section (``summary_sections``,
``summary_insight``, ``summary_charts``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from returnsdesk.formats import catalogue as cat
from returnsdesk.services.documents.summary_facts import SummaryFacts, summary_facts
from returnsdesk.services.report_rows import Report
from returnsdesk.services.settings import ShopDetails


def build_summary(
    start: date, end: date, lang: str | None = None, now: datetime | None = None
) -> bytes:
    """The returns-summary PDF for ``start``..``end`` (both included), as bytes."""
    facts: SummaryFacts = summary_facts(start, end, lang, now)
    return render_summary(facts.report, facts.shop, facts.lang, facts.today)


def render_summary(data: Report, shop: ShopDetails, lang: str, today: date) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from returnsdesk.formats.pdf import common as c
    from returnsdesk.formats.pdf import summary_insight as insight
    from returnsdesk.formats.pdf import summary_sections as sec
    from returnsdesk.formats.pdf.summary_page import Page

    p = Page(data, shop, lang, today, c.styles(), c.CONTENT_WIDTH)
    story = sec.header(p) + sec.tiles(p) + sec.money(p)
    if data.cases == 0 and data.closed == 0:
        story += [Spacer(1, 4 * mm), c.P(p.t("sum.no_cases"), p.st["body"])]
    else:
        for section in (sec.charts, sec.kinds_and_statuses, sec.suppliers, sec.top_products):
            story += section(p)
    story += insight.scorecards(p) + insight.satisfaction(p) + sec.open_cases(p)
    generated = p.t("generated", date=cat.date_text(today, lang))
    footer_left = " · ".join([shop.name, p.t("sum.title"), p.period_text(), generated])

    def footer(canvas: Any, page: int, pages: int) -> None:
        c.draw_footer(canvas, footer_left, p.t("page", page=page, pages=pages))

    title = f"{p.t('sum.title')} {p.period_text()}"
    return c.build(story, footer, title=title, author=shop.name)
