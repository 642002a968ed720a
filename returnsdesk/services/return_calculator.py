""" "Can they return it?": the verdict and deadlines for facts typed in, with nothing saved
(the calculator of the Case menu)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from returnsdesk.domain.countries import parse_country
from returnsdesk.domain.deadlines import zone
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.policy import CaseFacts, LineFacts
from returnsdesk.domain.reasons import Reason
from returnsdesk.services import settings
from returnsdesk.services.cases import Assessment, assess_facts
from returnsdesk.services.rule_facts import shop_time_zone, start_of_day


@dataclass(frozen=True)
class TypedLine:
    title: str
    delivered_on: date | None = None
    personalised: bool = False
    sealed_hygiene: bool = False
    perishable: bool = False


def calculate(
    customer_country: str,
    kind: str,
    reason: Reason | str,
    placed_on: date,
    request_on: date,
    lines: list[TypedLine],
    withdrawal_notice_on: date | None = None,
) -> Assessment:
    """The verdict and deadlines for facts typed in, judged by the store policy in force
    on the order day, as on the request day. Nothing is saved."""
    if not lines:
        raise InputError(t("Add at least one line."))
    if request_on < placed_on:
        raise InputError(t("The request cannot come before the order."))
    for line in lines:
        if line.delivered_on and not placed_on <= line.delivered_on:
            raise InputError(
                t("{line} is delivered before the order date.", line=line.title or "A line")
            )
    tz = shop_time_zone()
    store = settings.store_policy(placed_on)
    opened = datetime.combine(request_on, time(12), zone(tz))
    country = parse_country(customer_country, "Customer country")
    facts = CaseFacts(
        kind=kind,
        reason=Reason(reason),
        placed_at=datetime.combine(placed_on, time(12), zone(tz)),
        customer_country=country,
        lines=tuple(
            LineFacts(
                str(i),
                line.delivered_on,
                line.personalised,
                line.sealed_hygiene,
                line.perishable,
                line.title.strip() or f"#{i}",
            )
            for i, line in enumerate(lines, start=1)
        ),
        opened_at=opened,
        now=opened,
        withdrawal_notice_at=start_of_day(withdrawal_notice_on, tz),
    )
    return assess_facts(facts, None, store)
