"""What the returns summary prints for a period: the Reports area's figures
(``services.reports.build_report``, the same numbers the window shows), the shop's
details, the reader's language and the day it is made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from returnsdesk.domain.i18n import norm_lang
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.report_rows import Report
from returnsdesk.services.reports import build_report


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    report: Report
    shop: settings.ShopDetails
    lang: str
    today: date


def summary_facts(
    start: date, end: date, lang: str | None = None, now: datetime | None = None
) -> SummaryFacts:
    """The summary of ``start``..``end`` (both included) in ``lang`` (default: the shop's)."""
    now = resolve(now)
    shop = settings.shop_details()
    report = build_report(start, end, now=now)
    return SummaryFacts(report, shop, norm_lang(lang or shop.language), now.date())
