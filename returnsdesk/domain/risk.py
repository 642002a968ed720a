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


RULE_TITLES = {
    Rule.REPEATED_REQUESTS: ("Repeated requests", "Demandes répétées"),
    Rule.ADDRESS_MISMATCH: ("Billing/shipping mismatch", "Facturation ≠ livraison"),
    Rule.PAST_CHARGEBACKS: ("Past chargebacks", "Rétrofacturations passées"),
    Rule.BEFORE_DELIVERY: ("Opened before delivery", "Ouvert avant la livraison"),
    Rule.FIRST_ORDER_HIGH_VALUE: ("First order, high value", "Première commande élevée"),
    Rule.SLOW_REPLIES: ("Slow replies", "Réponses lentes"),
    Rule.HIGH_DEFECT_RATE: ("High defect rate", "Taux de défauts élevé"),
    Rule.LOW_REIMBURSEMENT: ("Low reimbursement rate", "Faible taux de remboursement"),
}


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
        en, fr = RULE_TITLES[self.rule]
        return fr if lang.startswith("fr") else en

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


def case_flags(facts: CaseFacts, t: Thresholds) -> list[Flag]:
    """The customer-side signals for one case, in rule order."""
    who = facts.customer
    flags = []
    if facts.requests_12_months >= t.repeat_requests:
        flags.append(
            Flag(
                Rule.REPEATED_REQUESTS,
                who,
                {"count": facts.requests_12_months, "threshold": t.repeat_requests},
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
    if facts.other_chargebacks >= t.past_chargebacks:
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
    limit = t.first_order_value * 10**facts.minor_exponent
    if facts.earlier_orders == 0 and facts.order_total_minor >= limit:
        flags.append(
            Flag(
                Rule.FIRST_ORDER_HIGH_VALUE,
                who,
                {
                    "total_minor": facts.order_total_minor,
                    "currency": facts.currency,
                    "threshold": t.first_order_value,
                },
            )
        )
    return flags


def supplier_flags(facts: SupplierFacts, t: Thresholds) -> list[Flag]:
    """The supplier-side signals, each only once there is enough history to speak."""
    who = facts.supplier
    flags = []
    if (
        facts.replies >= t.min_claims
        and facts.median_reply_days is not None
        and facts.median_reply_days >= t.slow_reply_days
    ):
        flags.append(
            Flag(
                Rule.SLOW_REPLIES,
                who,
                {
                    "days": round(facts.median_reply_days, 1),
                    "replies": facts.replies,
                    "threshold": t.slow_reply_days,
                },
            )
        )
    if facts.orders >= t.min_claims * 10 and facts.orders > 0:
        rate = 100 * facts.defect_cases / facts.orders
        if rate >= t.defect_rate_percent:
            flags.append(
                Flag(
                    Rule.HIGH_DEFECT_RATE,
                    who,
                    {
                        "rate": round(rate, 1),
                        "cases": facts.defect_cases,
                        "orders": facts.orders,
                        "threshold": t.defect_rate_percent,
                    },
                )
            )
    if facts.claims >= t.min_claims:
        rate = 100 * facts.reimbursed_claims / facts.claims
        if rate < t.reimbursement_rate_percent:
            flags.append(
                Flag(
                    Rule.LOW_REIMBURSEMENT,
                    who,
                    {
                        "rate": round(rate),
                        "reimbursed": facts.reimbursed_claims,
                        "claims": facts.claims,
                        "threshold": t.reimbursement_rate_percent,
                    },
                )
            )
    return flags


def _money(minor: int, currency: str, exponent: int) -> str:
    if exponent:
        whole, part = divmod(abs(minor), 10**exponent)
        text = f"{whole:,}.{part:0{exponent}d}"
    else:
        text = f"{abs(minor):,}"
    return f"{'-' if minor < 0 else ''}{text} {currency}"


def _number(value: object, fr: bool) -> str:
    text = str(value)
    return text.replace(".", ",") if fr and isinstance(value, float) else text


def explain(flag: Flag, lang: str = "en") -> str:
    """The signal in one plain sentence, with its figures and threshold."""
    fr = lang.startswith("fr")
    v = {k: _number(x, fr) if isinstance(x, float) else x for k, x in flag.values.items()}
    rule = flag.rule
    if rule == Rule.REPEATED_REQUESTS:
        if fr:
            return (
                f"{v['count']} demandes de ce client sur les 12 derniers mois "
                f"(signal à partir de {v['threshold']})."
            )
        return (
            f"{v['count']} requests from this customer in the last 12 months "
            f"(flagged from {v['threshold']})."
        )
    if rule == Rule.ADDRESS_MISMATCH:
        parts = []
        if v.get("countries"):
            parts.append(
                f"pays de facturation {v['billing_country']}, de livraison {v['shipping_country']}"
                if fr
                else f"billing country {v['billing_country']}, "
                f"shipping country {v['shipping_country']}"
            )
        if names_differ(str(v.get("billing_name", "")), str(v.get("shipping_name", ""))):
            parts.append(
                f"facturé à « {v['billing_name']} », livré à « {v['shipping_name']} »"
                if fr
                else f"billed to “{v['billing_name']}”, shipped to “{v['shipping_name']}”"
            )
        lead = "Adresses différentes : " if fr else "Billing and shipping differ: "
        return lead + "; ".join(parts) + "."
    if rule == Rule.PAST_CHARGEBACKS:
        n = v["count"]
        if fr:
            plural = "s" if n > 1 else ""
            return f"Ce client a ouvert {n} rétrofacturation{plural} sur d'autres dossiers."
        return f"This customer opened {n} chargeback{'s' if n != 1 else ''} on other cases."
    if rule == Rule.BEFORE_DELIVERY:
        if fr:
            return (
                f"Dossier ouvert le {v['opened_on'].isoformat()}, avant la livraison du colis "
                f"({v['delivered_on'].isoformat()})."
            )
        return (
            f"Case opened on {v['opened_on'].isoformat()}, before the parcel was delivered "
            f"({v['delivered_on'].isoformat()})."
        )
    if rule == Rule.FIRST_ORDER_HIGH_VALUE:
        from returnsdesk.domain.money import minor_exponent

        amount = _money(
            int(v["total_minor"]), str(v["currency"]), minor_exponent(str(v["currency"]))
        )
        if fr:
            return (
                f"Première commande de ce client, d'un montant de {amount} "
                f"(signal à partir de {v['threshold']})."
            )
        return f"The customer's first order, worth {amount} (flagged from {v['threshold']})."
    if rule == Rule.SLOW_REPLIES:
        if fr:
            return (
                f"Délai médian de première réponse : {v['days']} jours sur {v['replies']} "
                f"réclamations (signal à partir de {v['threshold']} jours)."
            )
        return (
            f"Median {v['days']} days to a first reply over {v['replies']} claims "
            f"(flagged from {v['threshold']} days)."
        )
    if rule == Rule.HIGH_DEFECT_RATE:
        if fr:
            return (
                f"{v['cases']} dossiers pour défaut sur {v['orders']} commandes en 12 mois, "
                f"soit {v['rate']} % (signal à partir de {v['threshold']} %)."
            )
        return (
            f"{v['cases']} defect cases for {v['orders']} orders in 12 months, {v['rate']} % "
            f"(flagged from {v['threshold']} %)."
        )
    if fr:
        return (
            f"{v['reimbursed']} réclamations remboursées sur {v['claims']} en 12 mois, "
            f"soit {v['rate']} % (signal sous {v['threshold']} %)."
        )
    return (
        f"{v['reimbursed']} of {v['claims']} claims reimbursed in 12 months, {v['rate']} % "
        f"(flagged below {v['threshold']} %)."
    )
