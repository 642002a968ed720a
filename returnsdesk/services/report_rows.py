"""The view objects of a report (rows, scorecards, flags, the report itself): what the
Reports area, the returns summary PDF and ``report stats`` show, built by
``services/reports.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from returnsdesk.domain.risk import Flag
from returnsdesk.store.reports import MoneyRow, OpenCaseRow, Period

Costs = tuple[tuple[str, int], ...]  # (currency, net minor units), by currency


def costs_of(mapping: dict[str, int] | None) -> Costs:
    return tuple(sorted((mapping or {}).items()))


def _rate(cases: int, orders: int) -> float | None:
    return cases / orders if orders else None


@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    orders: int
    cases: int
    closed: int

    @property
    def rate(self) -> float | None:
        return _rate(self.cases, self.orders)

    @property
    def first_day(self) -> date:
        return date(int(self.month[:4]), int(self.month[5:7]), 1)

    @property
    def last_day(self) -> date:
        return (self.first_day + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    cases: int
    units_returned: int
    orders: int  # all orders of the period: every order could return for any reason
    net_cost: Costs

    @property
    def rate(self) -> float | None:
        return _rate(self.cases, self.orders)


@dataclass(frozen=True)
class SupplierRow:
    supplier_id: int | None
    supplier: str  # "" for cases without a supplier
    cases: int
    units_returned: int
    orders: int  # orders placed in the period holding this supplier's goods
    units_sold: int
    net_cost: Costs

    @property
    def rate(self) -> float | None:
        return _rate(self.cases, self.orders)


@dataclass(frozen=True)
class ProductRow:
    sku: str
    title: str
    cases: int
    units_returned: int
    orders: int
    units_sold: int
    net_cost: Costs

    @property
    def rate(self) -> float | None:
        return _rate(self.cases, self.orders)

    @property
    def unit_rate(self) -> float | None:
        return _rate(self.units_returned, self.units_sold)


@dataclass(frozen=True)
class KindTime:
    kind: str
    closed: int
    median_days: float


@dataclass(frozen=True)
class ResolveTimes:
    closed: int
    median_days: float | None
    by_kind: tuple[KindTime, ...]
    #: (lowest day, highest day or None, cases closed after that many whole days)
    buckets: tuple[tuple[int, int | None, int], ...]


@dataclass(frozen=True)
class DefectRow:
    sku: str
    reason: str
    cases: int


@dataclass(frozen=True)
class Scorecard:
    supplier_id: int
    supplier: str
    cases: int
    claims: int
    approved: int
    reimbursed: int
    replies: int
    median_reply_days: float | None
    median_money_days: float | None
    outstanding: Costs  # claimed − recovered, all time, per currency
    defects: tuple[DefectRow, ...]
    flags: tuple[Flag, ...]

    @property
    def approval_rate(self) -> float | None:
        return _rate(self.approved, self.claims)

    @property
    def reimbursement_rate(self) -> float | None:
        return _rate(self.reimbursed, self.claims)


@dataclass(frozen=True)
class SatisfactionRow:
    key: str  # reason code / supplier name / resolution code ("" = none)
    answers: int
    ease: float
    outcome: float


@dataclass(frozen=True)
class Satisfaction:
    answers: int
    ease: float | None
    outcome: float | None
    by_reason: tuple[SatisfactionRow, ...]
    by_supplier: tuple[SatisfactionRow, ...]
    by_resolution: tuple[SatisfactionRow, ...]


@dataclass(frozen=True)
class FlagRow:
    kind: str  # "customer" or "supplier"
    subject: str  # customer e-mail (or name) / supplier name
    flag: Flag
    case_ids: tuple[int, ...]  # the flagged cases opened in the period (customers)
    supplier_id: int | None = None

    def reason(self, lang: str = "en") -> str:
        return self.flag.reason(lang)


@dataclass(frozen=True)
class Report:
    period: Period
    as_of: date
    orders: int
    units_sold: int
    cases: int
    units_returned: int
    closed: int
    open_now: int
    money: tuple[MoneyRow, ...]
    monthly: tuple[MonthRow, ...]
    by_reason: tuple[ReasonRow, ...]
    by_supplier: tuple[SupplierRow, ...]
    by_product: tuple[ProductRow, ...]
    by_kind: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    resolve: ResolveTimes
    scorecards: tuple[Scorecard, ...]
    satisfaction: Satisfaction
    flags: tuple[FlagRow, ...]
    open_cases: tuple[OpenCaseRow, ...]

    @property
    def return_rate(self) -> float | None:
        return _rate(self.cases, self.orders)

    @property
    def unit_return_rate(self) -> float | None:
        return _rate(self.units_returned, self.units_sold)


@dataclass(frozen=True)
class Overview:
    """The first view of a period (the headline and the months), ready before the rest.

    ``build_report`` takes its own headline and month figures from here, so the
    Reports area can show this part at once and the whole report agrees with it.
    """

    period: Period
    orders: int
    units_sold: int
    closed: int
    open_now: int
    money: tuple[MoneyRow, ...]
    monthly: tuple[MonthRow, ...]
    open_cases: tuple[OpenCaseRow, ...]

    @property
    def cases(self) -> int:
        """Cases opened in the period (every month of it counts its own)."""
        return sum(m.cases for m in self.monthly)

    @property
    def return_rate(self) -> float | None:
        return _rate(self.cases, self.orders)
