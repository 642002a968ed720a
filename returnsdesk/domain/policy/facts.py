"""What the rules read: the store's and the supplier's policies and the facts of one case,
and the legal periods they are measured against."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from returnsdesk.domain.deadlines import PeakSeason, require_aware, zone
from returnsdesk.domain.reasons import Reason

KINDS = frozenset(
    {"return", "refund_only", "replacement", "exchange", "not_received", "chargeback"}
)

LEGAL_WITHDRAWAL_DAYS = 14  # CRD art. 9(1); CCR 2013 reg. 30(3)
LEGAL_REFUND_DAYS = 14  # CRD art. 13(1); CCR 2013 reg. 34(4)-(6)
UK_RIGHT_TO_REJECT_DAYS = 30  # CRA 2015 s.22(3)
LEGAL_GUARANTEE_YEARS = 2  # Directive 2019/771 art. 10(1)

#: Kinds where the customer sends goods back for their money (a withdrawal, legally).
WITHDRAWAL_KINDS = frozenset({"return", "refund_only"})


@dataclass(frozen=True)
class StorePolicy:
    return_days: int = 30
    peak: PeakSeason | None = field(default_factory=PeakSeason)
    first_response_hours: int = 24
    follow_up_hours: int = 48
    evidence_days: int = 15
    #: Days the shop adds to the legal 14-day withdrawal period (it can never remove it).
    extra_withdrawal_days: int = 0
    #: The shop's country (ISO alpha-2) and time zone: its calendar decides "today".
    country: str = ""
    time_zone: str = "UTC"
    #: The return policy as published to customers (quoted in dispute packs).
    published_text: str = ""
    #: The merchant recorded that this policy was shown to the customer at checkout.
    shown_at_checkout: bool = False

    def __post_init__(self) -> None:
        for name in ("return_days", "evidence_days", "extra_withdrawal_days"):
            if not 0 <= getattr(self, name) <= 3650:
                raise ValueError(f"{name} must be between 0 and 3650 days")
        for name in ("first_response_hours", "follow_up_hours"):
            if not 0 <= getattr(self, name) <= 24 * 365:
                raise ValueError(f"{name} must be between 0 and 8760 hours")
        zone(self.time_zone)


@dataclass(frozen=True)
class SupplierPolicy:
    """A supplier's terms; None means "use the store's value"."""

    return_days: int | None = None
    evidence_days: int | None = None
    follow_up_hours: int | None = None
    restocking_fee_percent: int = 0
    reimburses_without_return: bool = False
    timezone: str = "UTC"


@dataclass(frozen=True)
class LineFacts:
    """One order line (or parcel) as the rules see it."""

    id: str
    delivered_on: date | None = None
    personalised: bool = False  # personalised or made to order (CRD art. 16(c))
    sealed_hygiene_opened: bool = False  # sealed for hygiene and unsealed (art. 16(e))
    perishable: bool = False  # liable to deteriorate or expire rapidly (art. 16(d))
    title: str = ""

    @property
    def name(self) -> str:
        return self.title or self.id


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about one case. Moments must be time-zone aware."""

    kind: str
    reason: Reason
    placed_at: datetime
    #: Where the consumer lives (ISO alpha-2), "" when not known.
    customer_country: str
    #: Every line of the order (the withdrawal period runs from the last one delivered).
    lines: tuple[LineFacts, ...]
    opened_at: datetime
    now: datetime
    #: Ids of the lines the case is about; empty means every line.
    case_line_ids: tuple[str, ...] = ()
    shipped_on: date | None = None
    first_response_at: datetime | None = None
    #: The first claim sent to the supplier (closes the evidence deadline).
    claim_sent_at: datetime | None = None
    #: A claim sent to the supplier with no reply yet (starts the follow-up clock).
    awaiting_supplier_since: datetime | None = None
    chargeback_due_at: datetime | None = None
    chargeback_answered_at: datetime | None = None
    withdrawal_notice_at: datetime | None = None
    goods_received_on: date | None = None
    proof_of_sending_on: date | None = None
    #: The day the refund was posted in full.
    refunded_on: date | None = None
    is_open: bool = True
    minor_fault: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown case kind: {self.kind!r}")
        object.__setattr__(self, "reason", Reason(self.reason))
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "case_line_ids", tuple(self.case_line_ids))
        for name in (
            "placed_at", "opened_at", "now", "first_response_at", "claim_sent_at",
            "awaiting_supplier_since", "chargeback_due_at", "chargeback_answered_at",
            "withdrawal_notice_at",
        ):  # fmt: skip
            value = getattr(self, name)
            if value is not None:
                require_aware(value, name)
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("Two order lines have the same id")
        unknown = set(self.case_line_ids) - set(ids)
        if unknown:
            raise ValueError(f"The case names lines the order does not have: {sorted(unknown)}")

    @property
    def case_lines(self) -> tuple[LineFacts, ...]:
        if not self.case_line_ids:
            return self.lines
        chosen = set(self.case_line_ids)
        return tuple(line for line in self.lines if line.id in chosen)
