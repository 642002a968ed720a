"""The shop's calendar and one case seen through it: the days the rules count from, the
store's return window and the legal withdrawal period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from returnsdesk.domain.deadlines import add_days, peak_extended_until, require_aware, zone
from returnsdesk.domain.policy.facts import (
    LEGAL_WITHDRAWAL_DAYS,
    CaseFacts,
    LineFacts,
    StorePolicy,
    SupplierPolicy,
)
from returnsdesk.domain.reasons import is_fault_reason
from returnsdesk.domain.regions import LegalRegion, legal_region
from returnsdesk.domain.workdays import roll_to_working_day


def local_day(t: datetime, tz_name: str) -> date:
    """The day ``t`` falls on in the shop's calendar."""
    require_aware(t, "t")
    return t.astimezone(zone(tz_name)).date()


def end_of_day(day: date, tz_name: str) -> datetime:
    """The last moment of ``day`` in the named time zone, in UTC."""
    return datetime.combine(day, time.max, zone(tz_name)).astimezone(UTC)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February → 28 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class Context:
    facts: CaseFacts
    store: StorePolicy
    supplier: SupplierPolicy | None
    today: date
    request_on: date  # the earlier of the request and the withdrawal notice
    placed_on: date
    region: LegalRegion | None
    fault: bool

    @property
    def tz(self) -> str:
        return self.store.time_zone

    def day(self, t: datetime) -> date:
        return local_day(t, self.tz)

    def roll(self, d: date) -> date:
        """Reg. 1182/71 art. 3(4) for EU/EEA consumers: next working day in the consumer's
        country and, when the shop is in the EU/EEA too, in the shop's (either could be
        where the act is done; counting both is the reading that protects the consumer)."""
        if self.region not in (LegalRegion.EU, LegalRegion.EEA):
            return d
        countries = [self.facts.customer_country]
        if legal_region(self.store.country) in (LegalRegion.EU, LegalRegion.EEA):
            countries.append(self.store.country)
        return roll_to_working_day(d, countries)


def make_context(facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None) -> Context:
    opened = local_day(facts.opened_at, store.time_zone)
    notice = facts.withdrawal_notice_at
    request = min(opened, local_day(notice, store.time_zone)) if notice else opened
    return Context(
        facts=facts,
        store=store,
        supplier=supplier,
        today=local_day(facts.now, store.time_zone),
        request_on=request,
        placed_on=local_day(facts.placed_at, store.time_zone),
        region=legal_region(facts.customer_country),
        fault=is_fault_reason(facts.reason),
    )


def store_window_end(ctx: Context, delivered: date) -> tuple[date, bool]:
    """Last day of the store's own return window for an item, and whether peak extended it.

    The published store policy is the contract with the customer: the supplier's window
    never shortens it (the difference is the merchant's exposure, see the warning)."""
    base = add_days(delivered, ctx.store.return_days)
    peak = peak_extended_until(ctx.placed_on, ctx.store.peak) if ctx.store.peak else None
    if peak is not None and peak > base:
        return peak, True
    return base, False


def exemption_of(line: LineFacts) -> str | None:
    """The CRD art. 16 exemption a line falls under, if any."""
    if line.personalised:
        return "personalised"
    if line.sealed_hygiene_opened:
        return "hygiene"
    if line.perishable:
        return "perishable"
    return None


def withdrawal_days(ctx: Context) -> int:
    return LEGAL_WITHDRAWAL_DAYS + ctx.store.extra_withdrawal_days


def withdrawal_end(ctx: Context) -> tuple[date | None, date | None, str | None]:
    """End of the legal withdrawal period (CRD art. 9(2)(b)(i): from the delivery of the last
    item of the order) after and before rolling to a working day, or (None, None, name of an
    undelivered line) when it cannot be known."""
    missing = next((line for line in ctx.facts.lines if line.delivered_on is None), None)
    if missing is not None:
        return None, None, missing.name
    last = max(line.delivered_on for line in ctx.facts.lines if line.delivered_on)
    raw = add_days(last, withdrawal_days(ctx))
    return ctx.roll(raw), raw, None


def withdrawal_lines(ctx: Context) -> list[LineFacts]:
    """Case lines the legal withdrawal right covers (not exempt under CRD art. 16)."""
    if ctx.region is None:
        return []
    return [line for line in ctx.facts.case_lines if exemption_of(line) is None]
