"""Risk signals: plain rules with thresholds, each explained in words (never a bare score).

Customer-side rules look at one case, its order and its customer; supplier-side
rules look at a supplier's last twelve months. The rules decide from *facts*
(counts and dates gathered by the store); the inbox evaluates the same rules in
SQL (``store/risk.py``) so the column and filter cost nothing per keystroke, and
a test keeps both readings equal.

A signal is a reason to look twice, not a verdict: a customer with several
requests may simply have bad luck with a faulty product. The wording says what
was seen, with the figure and the threshold, and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, norm_lang, t, tn
from returnsdesk.domain.i18n.formatting import date_text, money_text, number_text

#: Setting key under which the thresholds are stored (JSON of ``Thresholds``).
SETTING_KEY = "risk_thresholds"
#: How far back the "repeated requests" and supplier rules look.
WINDOW_DAYS = 365


class Rule(StrEnum):
    REPEATED_REQUESTS = "repeated_requests"
    ADDRESS_MISMATCH = "address_mismatch"
    PAST_CHARGEBACKS = "past_chargebacks"
    BEFORE_DELIVERY = "opened_before_delivery"
    FIRST_ORDER_HIGH_VALUE = "first_order_high_value"
    SLOW_REPLIES = "slow_replies"
    HIGH_DEFECT_RATE = "high_defect_rate"
    LOW_REIMBURSEMENT = "low_reimbursement_rate"


CASE_RULES = (
    Rule.REPEATED_REQUESTS,
    Rule.ADDRESS_MISMATCH,
    Rule.PAST_CHARGEBACKS,
    Rule.BEFORE_DELIVERY,
    Rule.FIRST_ORDER_HIGH_VALUE,
)
SUPPLIER_RULES = (Rule.SLOW_REPLIES, Rule.HIGH_DEFECT_RATE, Rule.LOW_REIMBURSEMENT)

#: Bit of each case rule in the inbox's risk mask.
BIT = {rule: 1 << i for i, rule in enumerate(CASE_RULES)}


def rules_of_mask(mask: int) -> list[Rule]:
    """The case rules whose bit is set in an inbox risk mask."""
    return [rule for rule, bit in BIT.items() if mask & bit]


#: Each rule's short title (English, marked for translation: show with ``rule_title``).
RULE_LABELS: dict[Rule, str] = {
    Rule.REPEATED_REQUESTS: N_("Repeated requests"),
    Rule.ADDRESS_MISMATCH: N_("Billing/shipping mismatch"),
    Rule.PAST_CHARGEBACKS: N_("Past chargebacks"),
    Rule.BEFORE_DELIVERY: N_("Opened before delivery"),
    Rule.FIRST_ORDER_HIGH_VALUE: N_("First order, high value"),
    Rule.SLOW_REPLIES: N_("Slow replies"),
    Rule.HIGH_DEFECT_RATE: N_("High defect rate"),
    Rule.LOW_REIMBURSEMENT: N_("Low reimbursement rate"),
}


def rule_title(rule: Rule, lang: str | None = None) -> str:
    return t(RULE_LABELS[Rule(rule)], lang)


@dataclass(frozen=True)
class Thresholds:
    """The numbers behind each rule; the user sets them in Preferences → Risk signals."""

    #: Requests from one customer in the last 12 months that make a pattern.
    repeat_requests: int = 3
    #: Chargebacks on the customer's other cases that are worth a look.
    past_chargebacks: int = 1
    #: A first order at least this much, in the order's currency (major units).
    first_order_value: int = 250
    #: Median days before a supplier answers a claim.
    slow_reply_days: int = 3
    #: Cases with a defect reason per 100 orders of the supplier's goods.
    defect_rate_percent: int = 8
    #: Claims reimbursed per 100 claims sent (at least ``min_claims`` claims).
    reimbursement_rate_percent: int = 25
    #: Fewest claims (or replies, or orders ÷ 10) before a supplier rule speaks.
    min_claims: int = 5

    def __post_init__(self) -> None:
        limits = {
            "repeat_requests": (2, 100),
            "past_chargebacks": (1, 100),
            "first_order_value": (1, 10_000_000),
            "slow_reply_days": (1, 365),
            "defect_rate_percent": (1, 100),
            "reimbursement_rate_percent": (1, 100),
            "min_claims": (1, 1000),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise InputError(
                    f"Risk threshold {name!r} must be a whole number from {low} to {high}."
                )

    @classmethod
    def from_mapping(cls, stored: object) -> Thresholds:
        """Thresholds from stored JSON; unknown keys and bad values fall back to the defaults."""
        if not isinstance(stored, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in stored.items() if k in known}
        try:
            return cls(**values)
        except (InputError, TypeError):
            return cls()


@dataclass(frozen=True)
class Flag:
    """One signal that fired: which rule, about whom, and the figures behind it."""

    rule: Rule
    subject: str  # customer e-mail (or name) / supplier name
    values: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def title(self, lang: str = "en") -> str:
        return rule_title(self.rule, lang)

    def reason(self, lang: str = "en") -> str:
        return explain(self, lang)


@dataclass(frozen=True)
class CaseFacts:
    """What the customer-side rules look at for one case."""

    customer: str
    requests_12_months: int
    other_chargebacks: int
    billing_country: str
    shipping_country: str
    billing_name: str
    shipping_name: str
    opened_on: date
    delivered_on: date | None
    kind: str
    reason: str
    earlier_orders: int
    order_total_minor: int
    currency: str
    minor_exponent: int


@dataclass(frozen=True)
class SupplierFacts:
    """A supplier's last twelve months, as the supplier rules need them."""

    supplier: str
    replies: int
    median_reply_days: float | None
    orders: int
    defect_cases: int
    claims: int
    reimbursed_claims: int


#: Reasons for which a case opened before delivery is expected, not a signal.
_DELIVERY_REASONS = ("not_received", "arrived_late")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def names_differ(billing: str, shipping: str) -> bool:
    """Both names known and different, ignoring surrounding spaces and ASCII case
    (the same comparison SQLite's ``lower(trim(...))`` makes for the inbox)."""
    a, b = billing.strip().translate(_ASCII_LOWER), shipping.strip().translate(_ASCII_LOWER)
    return bool(a and b) and a != b


def case_flags(facts: CaseFacts, limits: Thresholds) -> list[Flag]:
    """The customer-side signals for one case, in rule order."""
    who = facts.customer
    flags = []
    if facts.requests_12_months >= limits.repeat_requests:
        flags.append(
            Flag(
                Rule.REPEATED_REQUESTS,
                who,
                {"count": facts.requests_12_months, "threshold": limits.repeat_requests},
            )
        )
    countries = (
        facts.billing_country
        and facts.shipping_country
        and facts.billing_country != facts.shipping_country
    )
    if countries or names_differ(facts.billing_name, facts.shipping_name):
        flags.append(
            Flag(
                Rule.ADDRESS_MISMATCH,
                who,
                {
                    "billing_country": facts.billing_country,
                    "shipping_country": facts.shipping_country,
                    "billing_name": facts.billing_name,
                    "shipping_name": facts.shipping_name,
                    "countries": bool(countries),
                },
            )
        )
    if facts.other_chargebacks >= limits.past_chargebacks:
        flags.append(Flag(Rule.PAST_CHARGEBACKS, who, {"count": facts.other_chargebacks}))
    if (
        facts.delivered_on is not None
        and facts.opened_on < facts.delivered_on
        and facts.kind != "not_received"
        and facts.reason not in _DELIVERY_REASONS
    ):
        flags.append(
            Flag(
                Rule.BEFORE_DELIVERY,
                who,
                {"opened_on": facts.opened_on, "delivered_on": facts.delivered_on},
            )
        )
    limit = limits.first_order_value * 10**facts.minor_exponent
    if facts.earlier_orders == 0 and facts.order_total_minor >= limit:
        flags.append(
            Flag(
                Rule.FIRST_ORDER_HIGH_VALUE,
                who,
                {
                    "total_minor": facts.order_total_minor,
                    "currency": facts.currency,
                    "threshold": limits.first_order_value,
                },
            )
        )
    return flags


def supplier_flags(facts: SupplierFacts, limits: Thresholds) -> list[Flag]:
    """The supplier-side signals, each only once there is enough history to speak."""
    who = facts.supplier
    flags = []
    if (
        facts.replies >= limits.min_claims
        and facts.median_reply_days is not None
        and facts.median_reply_days >= limits.slow_reply_days
    ):
        flags.append(
            Flag(
                Rule.SLOW_REPLIES,
                who,
                {
                    "days": round(facts.median_reply_days, 1),
                    "replies": facts.replies,
                    "threshold": limits.slow_reply_days,
                },
            )
        )
    if facts.orders >= limits.min_claims * 10 and facts.orders > 0:
        rate = 100 * facts.defect_cases / facts.orders
        if rate >= limits.defect_rate_percent:
            flags.append(
                Flag(
                    Rule.HIGH_DEFECT_RATE,
                    who,
                    {
                        "rate": round(rate, 1),
                        "cases": facts.defect_cases,
                        "orders": facts.orders,
                        "threshold": limits.defect_rate_percent,
                    },
                )
            )
    if facts.claims >= limits.min_claims:
        rate = 100 * facts.reimbursed_claims / facts.claims
        if rate < limits.reimbursement_rate_percent:
            flags.append(
                Flag(
                    Rule.LOW_REIMBURSEMENT,
                    who,
                    {
                        "rate": round(rate),
                        "reimbursed": facts.reimbursed_claims,
                        "claims": facts.claims,
                        "threshold": limits.reimbursement_rate_percent,
                    },
                )
            )
    return flags


def _figure(value: object, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return number_text(value, lang)


def explain(flag: Flag, lang: str = "en") -> str:
    """The signal in one plain sentence, with its figures and threshold."""
    lang = norm_lang(lang)
    v = {k: _figure(x, lang) for k, x in flag.values.items()}
    rule = flag.rule
    if rule == Rule.REPEATED_REQUESTS:
        return t(
            "{count} requests from this customer in the last 12 months (flagged from {threshold}).",
            lang,
            count=v["count"],
            threshold=v["threshold"],
        )
    if rule == Rule.ADDRESS_MISMATCH:
        return _address_mismatch(flag, v, lang)
    if rule == Rule.PAST_CHARGEBACKS:
        return tn(
            "This customer opened {n} chargeback on other cases.",
            "This customer opened {n} chargebacks on other cases.",
            int(str(flag.values["count"])),
            lang,
        )
    if rule == Rule.BEFORE_DELIVERY:
        return _before_delivery(flag, lang)
    if rule == Rule.FIRST_ORDER_HIGH_VALUE:
        currency = str(flag.values["currency"])
        amount = money_text(int(str(flag.values["total_minor"])), currency, lang)
        return t(
            "The customer's first order, worth {amount} (flagged from {threshold}).",
            lang,
            amount=amount,
            threshold=v["threshold"],
        )
    if rule == Rule.SLOW_REPLIES:
        return t(
            "Median {days} days to a first reply over {replies} claims (flagged from "
            "{threshold} days).",
            lang,
            days=v["days"],
            replies=v["replies"],
            threshold=v["threshold"],
        )
    if rule == Rule.HIGH_DEFECT_RATE:
        return t(
            "{cases} defect cases for {orders} orders in 12 months, {rate} % (flagged from "
            "{threshold} %).",
            lang,
            cases=v["cases"],
            orders=v["orders"],
            rate=v["rate"],
            threshold=v["threshold"],
        )
    return t(
        "{reimbursed} of {claims} claims reimbursed in 12 months, {rate} % (flagged below "
        "{threshold} %).",
        lang,
        reimbursed=v["reimbursed"],
        claims=v["claims"],
        rate=v["rate"],
        threshold=v["threshold"],
    )


def _address_mismatch(flag: Flag, v: dict[str, str], lang: str) -> str:
    parts = []
    if flag.values.get("countries"):
        parts.append(
            t(
                "billing country {billing}, shipping country {shipping}",
                lang,
                billing=v["billing_country"],
                shipping=v["shipping_country"],
            )
        )
    billing, shipping = v.get("billing_name", ""), v.get("shipping_name", "")
    if names_differ(billing, shipping):
        parts.append(
            t(
                "billed to “{billing}”, shipped to “{shipping}”",
                lang,
                billing=billing,
                shipping=shipping,
            )
        )
    return t("Billing and shipping differ: {details}.", lang, details="; ".join(parts))


def _before_delivery(flag: Flag, lang: str) -> str:
    opened, delivered = flag.values["opened_on"], flag.values["delivered_on"]
    assert isinstance(opened, date) and isinstance(delivered, date)
    return t(
        "Case opened on {opened}, before the parcel was delivered ({delivered}).",
        lang,
        opened=date_text(opened, lang),
        delivered=date_text(delivered, lang),
    )
