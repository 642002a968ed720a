"""Return policy: computed deadlines and the explained eligibility verdict (DESIGN.md §3).

Everything here is a pure function of the case facts and the policies; the clock is
injected through `CaseFacts.today` / `CaseFacts.now`, so results are reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum

from returnsdesk.domain.deadlines import (
    PeakSeason,
    add_days,
    add_hours_utc,
    countdown,
    days_left,
    peak_extended_until,
    require_aware,
    to_local,
)
from returnsdesk.domain.reasons import Reason, is_fault_reason, reason_label

KINDS = frozenset(
    {"return", "refund_only", "replacement", "exchange", "not_received", "chargeback"}
)

EU_COUNTRIES = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    }
)  # fmt: skip
EEA_EXTRA_COUNTRIES = frozenset({"IS", "LI", "NO"})
UK_COUNTRIES = frozenset({"GB", "UK"})  # "UK" is not ISO but is what people type
#: Consumers with a statutory 14-day withdrawal right. "EL" is the EU's own code for Greece.
EU_UK_COUNTRIES = EU_COUNTRIES | EEA_EXTRA_COUNTRIES | UK_COUNTRIES | {"EL"}

LEGAL_WITHDRAWAL_DAYS = 14
LEGAL_REFUND_DAYS = 14
UK_RIGHT_TO_REJECT_DAYS = 30

# Kinds where the customer is sending goods back for their money (a withdrawal, legally).
_WITHDRAWAL_KINDS = frozenset({"return", "refund_only"})
_PARTIAL_REFUND_REASONS = frozenset(
    {Reason.COLOUR_STYLE, Reason.MISSING_PARTS, Reason.NOT_AS_DESCRIBED}
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _fmt(d: date) -> str:
    """English date such as "3 May 2026" (no locale dependency)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _fmt_dt(t: datetime) -> str:
    u = t.astimezone(UTC)
    return f"{_fmt(u.date())} {u:%H:%M} UTC"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _norm_country(country: str) -> str:
    return (country or "").strip().upper()


def is_eu_uk(country: str) -> bool:
    return _norm_country(country) in EU_UK_COUNTRIES


def is_uk(country: str) -> bool:
    return _norm_country(country) in UK_COUNTRIES


def _region(country: str) -> str:
    c = _norm_country(country)
    if c in UK_COUNTRIES:
        return "UK"
    if c in EEA_EXTRA_COUNTRIES:
        return "EEA"
    return "EU"


@dataclass(frozen=True)
class StorePolicy:
    return_days: int = 30
    peak: PeakSeason | None = field(default_factory=PeakSeason)
    first_response_hours: int = 24
    follow_up_hours: int = 48
    evidence_days: int = 15
    #: Apply the EU/EEA/UK 14-day withdrawal right (and its refund deadline).
    legal_withdrawal: bool = True
    #: The return policy as published to customers (quoted in dispute packs).
    published_text: str = ""
    #: The merchant recorded that this policy was shown to the customer at checkout.
    shown_at_checkout: bool = False


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
class CaseFacts:
    """What the rules need to know about one case. Datetimes must be tz-aware (UTC)."""

    kind: str
    reason: Reason
    placed_on: date
    delivered_on: date | None
    customer_country: str
    personalised: bool
    opened_at: datetime
    today: date
    now: datetime
    first_response_at: datetime | None = None
    #: A supplier claim sent with no reply yet.
    last_claim_sent_at: datetime | None = None
    chargeback_due_on: date | None = None
    #: Date the customer said they withdraw; None → the request (opened_at) date.
    withdrawal_notice_on: date | None = None
    is_open: bool = True
    amount_minor: int = 0
    minor_fault: bool = False
    #: Date the first claim (with its evidence) went to the supplier, if it did.
    claim_sent_on: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown case kind: {self.kind!r}")
        object.__setattr__(self, "reason", Reason(self.reason))
        require_aware(self.opened_at, "opened_at")
        require_aware(self.now, "now")
        if self.first_response_at is not None:
            require_aware(self.first_response_at, "first_response_at")
        if self.last_claim_sent_at is not None:
            require_aware(self.last_claim_sent_at, "last_claim_sent_at")

    @property
    def request_on(self) -> date:
        """The day the customer asked (UTC date of opened_at)."""
        return self.opened_at.astimezone(UTC).date()


@dataclass(frozen=True)
class Rule:
    code: str
    text: str
    decisive: bool


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    ELIGIBLE_BECAUSE_FAULTY = "eligible_because_faulty"


_SUMMARIES = {
    Outcome.ELIGIBLE: "Eligible",
    Outcome.NOT_ELIGIBLE: "Not eligible",
    Outcome.ELIGIBLE_BECAUSE_FAULTY: "Eligible only because the item is faulty",
}


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    rules: tuple[Rule, ...]
    suggestion: str | None

    @property
    def summary(self) -> str:
        return _SUMMARIES[self.outcome]

    @property
    def eligible(self) -> bool:
        return self.outcome != Outcome.NOT_ELIGIBLE

    @property
    def decisive_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.decisive)


@dataclass(frozen=True)
class Deadline:
    code: str
    label: str
    due: date
    #: Exact moment (UTC) for hour-based deadlines; None for whole-day ones.
    due_at: datetime | None
    explanation: str
    #: Already satisfied (first response sent, customer asked inside their window), or the
    #: case is closed.
    met: bool = False

    def is_overdue(self, today: date) -> bool:
        return not self.met and self.due < today

    def countdown(self, today: date) -> str:
        return countdown(self.due, today)

    def days_left(self, today: date) -> int:
        return days_left(self.due, today)


DEADLINE_LABELS: dict[str, str] = {
    "customer_return": "Customer return window",
    "legal_withdrawal": "Legal withdrawal period",
    "legal_refund_by": "Legal refund deadline",
    "uk_right_to_reject": "UK right to reject",
    "supplier_evidence": "Supplier evidence deadline",
    "supplier_follow_up": "Supplier follow-up",
    "first_response": "First response to customer",
    "chargeback_response": "Chargeback response",
}


def _sort_key(d: Deadline) -> tuple[date, datetime, str]:
    # A whole-day deadline counts as due at the end of its day.
    at = d.due_at if d.due_at is not None else datetime.combine(d.due, time.max, UTC)
    return (d.due, at, d.code)


# --- derived facts shared by compute_deadlines and evaluate -----------------------------


@dataclass(frozen=True)
class _Window:
    days: int
    source: str  # "store policy" / "supplier policy"
    base_end: date | None  # delivered + days
    peak_until: date | None  # set when the order was placed in peak season
    end: date | None  # the effective last day, None without a delivery date
    withdrawal_applies: bool  # EU/UK consumer, enabled, not exempt
    withdrawal_end: date | None


def _window(facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None) -> _Window:
    if supplier is not None and supplier.return_days is not None:
        days, source = supplier.return_days, "supplier policy"
    else:
        days, source = store.return_days, "store policy"
    peak_until = peak_extended_until(facts.placed_on, store.peak) if store.peak else None
    withdrawal = (
        store.legal_withdrawal
        and is_eu_uk(facts.customer_country)
        and (not facts.personalised or is_fault_reason(facts.reason))
    )
    if facts.delivered_on is None:
        return _Window(days, source, None, peak_until, None, withdrawal, None)
    base_end = add_days(facts.delivered_on, days)
    end = max(base_end, peak_until) if peak_until is not None else base_end
    w_end = add_days(facts.delivered_on, LEGAL_WITHDRAWAL_DAYS) if withdrawal else None
    return _Window(days, source, base_end, peak_until, end, withdrawal, w_end)


def _peak_extends(w: _Window) -> bool:
    return w.peak_until is not None and w.base_end is not None and w.peak_until > w.base_end


# --- deadlines --------------------------------------------------------------------------


def evidence_days(store: StorePolicy, supplier: SupplierPolicy | None) -> tuple[int, str]:
    """Days after delivery the supplier accepts evidence, and whose policy says so."""
    if supplier is not None and supplier.evidence_days is not None:
        return supplier.evidence_days, "supplier policy"
    return store.evidence_days, "store policy"


def supplier_evidence_due(
    delivered_on: date | None, store: StorePolicy, supplier: SupplierPolicy | None
) -> date | None:
    """The supplier evidence deadline alone (cheap: for lists of many cases)."""
    if delivered_on is None:
        return None
    return add_days(delivered_on, evidence_days(store, supplier)[0])


def compute_deadlines(
    facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None = None
) -> list[Deadline]:
    """All deadlines that apply to the case, earliest first.

    Deadlines counted from delivery are left out when no delivery date is known. The
    customer's own windows (return, withdrawal, UK right to reject) are met when the request
    came in time. When the case is closed every deadline is reported as met.
    """
    w = _window(facts, store, supplier)
    out: list[Deadline] = []

    def add(
        code: str, due: date, explanation: str, due_at: datetime | None = None, met: bool = False
    ) -> None:
        label = DEADLINE_LABELS[code]
        out.append(Deadline(code, label, due, due_at, explanation, met or not facts.is_open))

    def add_customer_window(code: str, due: date, explanation: str) -> None:
        # A window for the customer to ask in. Once they have asked it needs nothing
        # more from the merchant (whether they asked in time is the verdict's business).
        req = facts.request_on
        if req <= due:
            explanation += f" The request on {_fmt(req)} is within it."
        else:
            late = _plural((req - due).days, "day")
            explanation += f" The request on {_fmt(req)} came {late} after it."
        add(code, due, explanation, met=True)

    delivered = facts.delivered_on
    country = _norm_country(facts.customer_country)
    fault = is_fault_reason(facts.reason)

    if delivered is not None and w.end is not None and w.base_end is not None:
        if _peak_extends(w):
            assert store.peak is not None and w.peak_until is not None
            text = (
                f"Order placed on {_fmt(facts.placed_on)}, in the peak season "
                f"({store.peak.describe()}): returns are accepted until {_fmt(w.peak_until)}, "
                f"later than delivery on {_fmt(delivered)} + {w.days} days "
                f"({_fmt(w.base_end)})."
            )
        else:
            text = (
                f"Delivered on {_fmt(delivered)} + {w.days} days ({w.source}) = {_fmt(w.base_end)}."
            )
            if w.peak_until is not None:
                text += (
                    f" The order was placed in the peak season, but its returns-until date "
                    f"({_fmt(w.peak_until)}) is earlier, so it does not change the window."
                )
        add_customer_window("customer_return", w.end, text)

        if w.withdrawal_end is not None:
            text = (
                f"Customer in {country}: {_region(country)} consumers may withdraw within "
                f"{LEGAL_WITHDRAWAL_DAYS} days of delivery (delivered on {_fmt(delivered)}), "
                f"so until {_fmt(w.withdrawal_end)}."
            )
            if facts.personalised:
                text += " Personalised goods are normally exempt, but this item is faulty."
            add_customer_window("legal_withdrawal", w.withdrawal_end, text)

        if fault and is_uk(country):
            due = add_days(delivered, UK_RIGHT_TO_REJECT_DAYS)
            add_customer_window(
                "uk_right_to_reject",
                due,
                f"UK consumer with faulty goods: a full refund can be claimed within "
                f"{UK_RIGHT_TO_REJECT_DAYS} days of delivery (delivered on {_fmt(delivered)}), "
                f"so until {_fmt(due)}.",
            )

        ev_days, ev_source = evidence_days(store, supplier)
        due = add_days(delivered, ev_days)
        text = (
            f"Delivered on {_fmt(delivered)} + {ev_days} days ({ev_source}) = {_fmt(due)}: "
            f"the supplier needs the photos or videos by then to reimburse."
        )
        sent = facts.claim_sent_on
        if sent is not None:
            text += f" The claim went to the supplier on {_fmt(sent)}" + (
                "." if sent <= due else ", after it."
            )
        add("supplier_evidence", due, text, met=sent is not None)

    if w.withdrawal_applies and facts.kind in _WITHDRAWAL_KINDS:
        notice = facts.withdrawal_notice_on or facts.request_on
        # A notice after the withdrawal period is not a legal withdrawal. Before delivery
        # it is: consumers may withdraw as soon as the contract is made.
        if w.withdrawal_end is None or notice <= w.withdrawal_end:
            due = add_days(notice, LEGAL_REFUND_DAYS)
            source = (
                "the date the customer said they withdraw"
                if facts.withdrawal_notice_on
                else "the date of the request"
            )
            add(
                "legal_refund_by",
                due,
                f"Withdrawal notified on {_fmt(notice)} ({source}); the law requires the "
                f"refund within {LEGAL_REFUND_DAYS} days of the notice, so by {_fmt(due)}.",
            )

    if facts.last_claim_sent_at is not None:
        if supplier is not None and supplier.follow_up_hours is not None:
            hours, h_source = supplier.follow_up_hours, "supplier policy"
        else:
            hours, h_source = store.follow_up_hours, "store policy"
        sent = facts.last_claim_sent_at
        due_at = add_hours_utc(sent, hours)
        text = (
            f"Claim sent to the supplier on {_fmt_dt(sent)} with no reply; chase after "
            f"{hours} hours ({h_source}), at {_fmt_dt(due_at)}"
        )
        tz_name = supplier.timezone if supplier is not None else "UTC"
        if tz_name and tz_name.upper() != "UTC":
            try:
                local = to_local(due_at, tz_name)
            except ValueError:
                text += f" (supplier time zone {tz_name!r} is unknown)"
            else:
                text += f" ({_fmt(local.date())} {local:%H:%M} {tz_name}, supplier time)"
        text += "."
        waited = int((facts.now - sent).total_seconds() // 3600)
        if waited >= 0:
            text += f" No reply for {_plural(waited, 'hour')} so far."
        add("supplier_follow_up", due_at.date(), text, due_at)

    due_at = add_hours_utc(facts.opened_at, store.first_response_hours)
    text = (
        f"Request opened on {_fmt_dt(facts.opened_at)}; answer the customer within "
        f"{store.first_response_hours} hours, by {_fmt_dt(due_at)}."
    )
    if facts.first_response_at is not None:
        text += f" Answered on {_fmt_dt(facts.first_response_at)}"
        text += " (late)." if facts.first_response_at > due_at else "."
    else:
        text += " Not answered yet."
    add("first_response", due_at.date(), text, due_at, met=facts.first_response_at is not None)

    if facts.kind == "chargeback" and facts.chargeback_due_on is not None:
        add(
            "chargeback_response",
            facts.chargeback_due_on,
            f"Due date entered from the payment processor's notice: "
            f"{_fmt(facts.chargeback_due_on)}. Submit the evidence pack before then, or the "
            f"dispute is lost by default.",
        )

    return sorted(out, key=_sort_key)


def next_deadline(deadlines: Iterable[Deadline], today: date) -> Deadline | None:
    """The earliest deadline not yet met; overdue ones (due before `today`) come first.

    Ordering by due date already puts overdue deadlines first; `today` is taken so callers
    do not have to know that.
    """
    pending = [d for d in deadlines if not d.met]
    if not pending:
        return None
    overdue = [d for d in pending if d.due < today]
    return min(overdue or pending, key=_sort_key)


# --- verdict ----------------------------------------------------------------------------


def _window_rule(facts: CaseFacts, store: StorePolicy, w: _Window, decisive: bool) -> Rule:
    assert facts.delivered_on is not None and w.end is not None
    req = facts.request_on
    if req <= w.end:
        tail = f"the request on {_fmt(req)} is inside it."
    else:
        late = (req - w.end).days
        tail = f"the request on {_fmt(req)} is {_plural(late, 'day')} after it."
    if _peak_extends(w):
        assert store.peak is not None
        head = (
            f"Delivered on {_fmt(facts.delivered_on)}; the order was placed in the peak season "
            f"({store.peak.describe()}), so returns are accepted until {_fmt(w.end)} — "
        )
    else:
        whose = "the supplier's" if w.source == "supplier policy" else "the"
        head = (
            f"Delivered on {_fmt(facts.delivered_on)}; {whose} {w.days}-day return window "
            f"runs until {_fmt(w.end)} — "
        )
    return Rule("return_window", head + tail, decisive)


def _return_decision(
    facts: CaseFacts, store: StorePolicy, w: _Window, rules: list[Rule]
) -> Outcome:
    """Eligibility of a delivered (or about to be) item the customer wants to send back."""
    label = reason_label(facts.reason)
    fault_text = (
        f"The reason is “{label}”: the goods are faulty, damaged or wrong, so they are "
        f"covered whatever the return window."
    )
    if is_fault_reason(facts.reason):
        if facts.personalised:
            rules.append(
                Rule(
                    "personalised_but_faulty",
                    "The item is personalised or printed on demand, which normally cannot be "
                    "returned — but it is faulty, so it is covered.",
                    True,
                )
            )
            rules.append(Rule("fault_covered", fault_text, True))
            if w.end is not None:
                rules.append(_window_rule(facts, store, w, False))
            return Outcome.ELIGIBLE_BECAUSE_FAULTY
        if w.end is None:
            rules.append(
                Rule(
                    "return_window",
                    "No delivery date is recorded, so the return window cannot be checked.",
                    True,
                )
            )
            rules.append(Rule("fault_covered", fault_text, True))
            return Outcome.ELIGIBLE_BECAUSE_FAULTY
        inside = facts.request_on <= w.end
        rules.append(_window_rule(facts, store, w, True))
        rules.append(Rule("fault_covered", fault_text, not inside))
        return Outcome.ELIGIBLE if inside else Outcome.ELIGIBLE_BECAUSE_FAULTY

    if facts.personalised:
        rules.append(
            Rule(
                "personalised_exempt",
                "The item is personalised or printed on demand: made to order, it cannot be "
                f"returned for “{label}” — only when it is defective, damaged or wrong. "
                "Personalised goods are also exempt from the legal withdrawal right.",
                True,
            )
        )
        return Outcome.NOT_ELIGIBLE

    if w.end is None:
        rules.append(
            Rule(
                "return_window",
                "No delivery date is recorded, so the return window has not started yet and "
                "the request is accepted. Record the delivery date to check it properly.",
                True,
            )
        )
        return Outcome.ELIGIBLE

    inside = facts.request_on <= w.end
    rules.append(_window_rule(facts, store, w, True))
    if inside:
        return Outcome.ELIGIBLE
    if w.withdrawal_end is not None:
        country = _norm_country(facts.customer_country)
        req = facts.request_on
        in_w = req <= w.withdrawal_end
        where = "is inside it." if in_w else "is after it too."
        rules.append(
            Rule(
                "legal_withdrawal",
                f"Customer in {country}: {_region(country)} consumers may withdraw within "
                f"{LEGAL_WITHDRAWAL_DAYS} days of delivery, until {_fmt(w.withdrawal_end)} — "
                f"the request on {_fmt(req)} {where}",
                True,
            )
        )
        if in_w:
            return Outcome.ELIGIBLE
    return Outcome.NOT_ELIGIBLE


def _legal_rules(facts: CaseFacts, store: StorePolicy, w: _Window) -> list[Rule]:
    """Informative rules about which consumer law applies."""
    country = _norm_country(facts.customer_country)
    if not country:
        return [
            Rule(
                "legal_region",
                "Customer country unknown: legal withdrawal rights were not checked.",
                False,
            )
        ]
    if not is_eu_uk(country):
        return [
            Rule(
                "legal_region",
                f"Customer in {country}: no statutory withdrawal right is applied; "
                f"the store policy decides.",
                False,
            )
        ]
    region = _region(country)
    if not store.legal_withdrawal:
        text = (
            f"Customer in {country}, but the {region} withdrawal right is switched off in "
            f"the store policy."
        )
    elif not w.withdrawal_applies:
        text = (
            f"Customer in {country}: the {region} {LEGAL_WITHDRAWAL_DAYS}-day withdrawal right "
            f"applies, but personalised goods are exempt from it."
        )
    elif w.withdrawal_end is not None:
        text = (
            f"Customer in {country}: {region} {LEGAL_WITHDRAWAL_DAYS}-day withdrawal right "
            f"applies (until {_fmt(w.withdrawal_end)})."
        )
    else:
        text = (
            f"Customer in {country}: {region} {LEGAL_WITHDRAWAL_DAYS}-day withdrawal right "
            f"applies, counted from delivery."
        )
    rules = [Rule("legal_withdrawal", text, False)]
    if is_uk(country) and is_fault_reason(facts.reason) and facts.delivered_on is not None:
        until = add_days(facts.delivered_on, UK_RIGHT_TO_REJECT_DAYS)
        rules.append(
            Rule(
                "uk_right_to_reject",
                f"UK consumer with faulty goods: the short-term right to reject gives a full "
                f"refund until {_fmt(until)} ({UK_RIGHT_TO_REJECT_DAYS} days from delivery).",
                False,
            )
        )
    return rules


def evaluate(
    facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None = None
) -> Verdict:
    """Eligible / not eligible / eligible only because faulty, with the rules that decided."""
    w = _window(facts, store, supplier)
    rules: list[Rule] = []
    fault = is_fault_reason(facts.reason)
    returnable = False  # an item the customer has and could send back

    if facts.kind == "chargeback":
        text = (
            "This is a chargeback: the customer disputed the payment with their bank, so it "
            "is answered as a dispute with evidence, not under the return policy."
        )
        if facts.chargeback_due_on is not None:
            text += f" The response is due by {_fmt(facts.chargeback_due_on)}."
        else:
            text += " Enter the response due date from the processor's notice."
        rules.append(Rule("chargeback", text, True))
        outcome = Outcome.ELIGIBLE
    elif facts.kind == "not_received" or facts.reason == Reason.NOT_RECEIVED:
        rules.append(
            Rule(
                "not_received",
                "The customer reports the parcel never arrived: there is nothing to send "
                "back, so the return window does not apply. Check the tracking and claim "
                "from the carrier or the supplier.",
                True,
            )
        )
        outcome = Outcome.ELIGIBLE
    elif facts.reason == Reason.ARRIVED_LATE:
        rules.append(
            Rule(
                "arrived_late",
                "The parcel arrived late: the delay is not the customer's doing, so the "
                "request is accepted whatever the return window.",
                True,
            )
        )
        outcome = Outcome.ELIGIBLE
    else:
        returnable = True
        outcome = _return_decision(facts, store, w, rules)

    # Informative context.
    if facts.delivered_on is None:
        rules.append(
            Rule(
                "no_delivery_date",
                "No delivery date recorded: deadlines counted from delivery (return window, "
                "legal withdrawal, supplier evidence) are not computed.",
                False,
            )
        )
    if supplier is not None and supplier.return_days is not None:
        if supplier.return_days != store.return_days:
            rules.append(
                Rule(
                    "supplier_window",
                    f"The supplier's policy sets a {supplier.return_days}-day return window "
                    f"instead of the store's {store.return_days} days.",
                    False,
                )
            )
    rules.extend(_legal_rules(facts, store, w))
    eligible = outcome != Outcome.NOT_ELIGIBLE
    keep_item = supplier is not None and supplier.reimburses_without_return
    if (
        returnable
        and eligible
        and not fault
        and supplier is not None
        and supplier.restocking_fee_percent > 0
    ):
        rules.append(
            Rule(
                "restocking_fee",
                f"The supplier keeps a {supplier.restocking_fee_percent}% restocking fee on "
                f"returns that are not its fault.",
                False,
            )
        )

    suggestion: str | None = None
    if returnable and eligible:
        if keep_item and fault:
            suggestion = (
                "The supplier reimburses without a return: a refund where the customer keeps "
                "the item may be simplest."
            )
        elif not keep_item and (facts.minor_fault or facts.reason in _PARTIAL_REFUND_REASONS):
            suggestion = "A partial refund may settle this faster than a return."

    return Verdict(outcome, tuple(rules), suggestion)
