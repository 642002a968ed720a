"""What every part of the dispute pack is drawn with: the facts, the reader's language, the
day it is made, the styles and the image size step (``Ctx``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from returnsdesk.formats import catalogue as cat
from returnsdesk.formats import dispute_text as dt
from returnsdesk.services.dispute_facts import DisputeFacts

#: A list of reportlab flowables.
Story = list[Any]


@dataclass(frozen=True, slots=True)
class Ctx:
    facts: DisputeFacts
    lang: str
    now: datetime
    st: dict[str, Any]
    image_step: tuple[int | None, int] = (None, 0)

    def t(self, key: str, **values: object) -> str:
        return dt.text(key, self.lang, **values)

    def money(self, minor: int, currency: str | None = None) -> str:
        return cat.money_text(minor, currency or self.facts.currency, self.lang)

    def day(self, value: date) -> str:
        return cat.date_text(value, self.lang)


def paragraphs(text: str) -> list[str]:
    """User text cut at blank lines, so a very long note flows across pages."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in parts if p] or [""]
