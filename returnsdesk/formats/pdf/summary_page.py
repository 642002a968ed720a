"""What every part of the returns summary is drawn with (``Page``): the figures, the shop,
the reader's language, the day it is made, the styles and the content width."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from returnsdesk.domain.i18n.formatting import decimal_text, number_text, percent_text
from returnsdesk.formats import catalogue as cat
from returnsdesk.services.report_rows import Report
from returnsdesk.services.settings import ShopDetails

#: A list of reportlab flowables.
Story = list[Any]


@dataclass(frozen=True, slots=True)
class Page:
    data: Report
    shop: ShopDetails
    lang: str
    today: date
    st: dict[str, Any]
    #: The width of the text column, in points.
    width: float

    def t(self, key: str, **values: object) -> str:
        return cat.text(key, self.lang, **values)

    def day(self, value: date, length: str = "long") -> str:
        return cat.date_text(value, self.lang, length)

    def money(self, minor: int, currency: str) -> str:
        return cat.money_text(minor, currency, self.lang)

    def count(self, n: int) -> str:
        """A count as the reader writes it: 4,760 in English, 4 760 in French."""
        return number_text(n, self.lang)

    def pct(self, value: float | None) -> str:
        return "—" if value is None else percent_text(value, self.lang)

    def days(self, value: float | None) -> str:
        return "—" if value is None else decimal_text(value, self.lang)

    def period_text(self) -> str:
        period = self.data.period
        return self.t("sum.period", start=self.day(period.start), end=self.day(period.end))
