"""The one place rule, deadline and warning sentences are written (English here, French in
``resources/locale/fr/rules.po``).

The rules engine returns codes with parameters; :func:`render` turns them into a sentence
in the reader's language, so the window, the documents and ``returnsdesk verdict`` say the
same thing. Parameters are formatted here: dates (long form), moments (in the time zone
named by the ``tz`` parameter), countries (their name) and regions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from returnsdesk.domain.countries import country_name
from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import date_text

LANGUAGES = ("en", "fr")

DEADLINE_LABELS_EN: dict[str, str] = {
    "customer_return": N_("Customer return window"),
    "legal_withdrawal": N_("Legal withdrawal period"),
    "legal_refund_by": N_("Legal refund deadline"),
    "uk_right_to_reject": N_("UK right to reject"),
    "legal_guarantee": N_("Legal guarantee"),
    "supplier_evidence": N_("Supplier evidence deadline"),
    "supplier_follow_up": N_("Supplier follow-up"),
    "first_response": N_("First response to customer"),
    "chargeback_response": N_("Chargeback response"),
    "return_label_expiry": N_("Return label expiry"),
    "aliexpress_dispute": N_("AliExpress dispute window"),
    "aliexpress_protection": N_("AliExpress buyer protection"),
    "cj_not_received": N_("CJ not-received dispute"),
    "spocket_evidence": N_("Spocket photo evidence"),
    "spocket_missing": N_("Spocket missing-parcel report"),
}
#: Where consumer rights come from, as the rule sentences name it ("the EU consumer
#: rights" / "les droits des consommateurs de l'UE").
_REGIONS = {"EU": N_("EU"), "EEA": N_("EEA"), "UK": N_("UK")}

_EN: dict[str, str] = {
    # verdict summaries
    "summary.eligible": N_("Eligible"),
    "summary.not_eligible": N_("Not eligible"),
    "summary.eligible_because_faulty": N_("Eligible only because the item is faulty"),
    "summary.unknown": N_("Unknown: a fact is missing"),
    "summary.not_applicable": N_("No verdict: a chargeback is contested or accepted"),
    "summary.mixed": N_("The lines differ: see the verdict for each line"),
    # deadline states
    "state.open": N_("open"),
    "state.met": N_("met"),
    "state.missed": N_("missed"),
    "state.overdue": N_("overdue"),
    "state.not_needed": N_("not needed"),
    "state.waiting": N_("waiting for the goods or proof of sending"),
    # rules
    "not_received": N_(
        "The customer reports the parcel never arrived: there is nothing to send "
        "back, so the return window does not apply. Check the tracking and claim from the "
        "carrier or the supplier."
    ),
    "arrived_late": N_(
        "The parcel arrived late: the delay is not the customer's doing, so the "
        "request is accepted whatever the return window."
    ),
    "return_window.inside": N_(
        "{line}: delivered on {delivered}; the store's {days}-day return "
        "window runs until {end}, and the request on {request} is inside it."
    ),
    "return_window.after": N_(
        "{line}: delivered on {delivered}; the store's {days}-day return "
        "window ended on {end}, {late} day(s) before the request on {request}."
    ),
    "return_window.peak_inside": N_(
        "{line}: ordered in the peak season, so returns are accepted "
        "until {end}; the request on {request} is inside it."
    ),
    "return_window.peak_after": N_(
        "{line}: ordered in the peak season, returns were accepted "
        "until {end}; the request on {request} is {late} day(s) after it."
    ),
    "fault_covered": N_(
        "{line}: the goods are faulty, damaged or wrong; the published store "
        "policy refunds or replaces them."
    ),
    "personalised_but_faulty": N_(
        "{line}: personalised or made to order, so it cannot be "
        "withdrawn from (CRD art. 16(c)) — but it is faulty, so the legal remedies apply."
    ),
    "hygiene_but_faulty": N_(
        "{line}: a sealed hygiene item that was unsealed, so it cannot be "
        "withdrawn from (CRD art. 16(e)) — but it is faulty, so the legal remedies apply."
    ),
    "perishable_but_faulty": N_(
        "{line}: perishable, so it cannot be withdrawn from (CRD art. "
        "16(d)) — but it is faulty, so the legal remedies apply."
    ),
    "legal_guarantee.inside": N_(
        "{line}: the legal guarantee of conformity lasts 2 years from "
        "delivery on {delivered}, until {end}: repair, replacement, price reduction or refund."
    ),
    "legal_guarantee.after": N_(
        "{line}: the 2-year legal guarantee from delivery on {delivered} "
        "ended on {end}, before the request on {request}."
    ),
    "legal_guarantee.undated": N_(
        "{line}: no delivery date, but the request is within 2 years of "
        "the order, so the legal guarantee of conformity still covers it."
    ),
    "no_delivery_date": N_(
        "{line}: no delivery date is recorded. Record the delivery date to decide."
    ),
    "uk_right_to_reject.inside": N_(
        "{line}: UK consumer with faulty goods: the short-term right "
        "to reject gives a full refund until {end} (30 days from delivery on {delivered})."
    ),
    "uk_repair_first": N_(
        "{line}: the UK 30-day right to reject ended on {end}; the customer is "
        "entitled to a repair or a replacement first, then a price reduction or a final refund "
        "if that fails."
    ),
    "uk_repair_first.undated": N_(
        "{line}: UK consumer with faulty goods and no delivery date: "
        "repair or replacement first, or a refund within 30 days of delivery."
    ),
    "customer_country_unknown": N_(
        "The country the customer lives in is not recorded, so the "
        "consumer law that applies is not known. Record it on the customer."
    ),
    "personalised_exempt": N_(
        "{line}: personalised or made to order: it cannot be returned for a "
        "change of mind and is exempt from the legal withdrawal right (CRD art. 16(c))."
    ),
    "hygiene_exempt": N_(
        "{line}: sealed for health or hygiene reasons and unsealed after "
        "delivery: exempt from the withdrawal right (CRD art. 16(e))."
    ),
    "perishable_exempt": N_(
        "{line}: perishable goods are exempt from the withdrawal right (CRD art. 16(d))."
    ),
    "legal_withdrawal.inside": N_(
        "Customer living in {country}: {region} consumers may withdraw "
        "within {days} days of delivery of the last item, until {end}; the request on {request} "
        "is inside it."
    ),
    "legal_withdrawal.after": N_(
        "Customer living in {country}: the {region} withdrawal period of "
        "{days} days ended on {end}, before the request on {request}."
    ),
    "chargeback.due": N_(
        "A chargeback is contested with evidence or accepted, not judged under "
        "the return policy. The response is due by {due}."
    ),
    "chargeback.no_due": N_(
        "A chargeback is contested with evidence or accepted, not judged "
        "under the return policy. Enter the response due date from the processor's notice."
    ),
    "lines_differ": N_(
        "The {count} lines do not get the same verdict: each line is judged on its own."
    ),
    "no_legal_withdrawal": N_(
        "Customer living in {country}: no statutory withdrawal right "
        "applies; the store policy decides."
    ),
    "legal_region": N_(
        "Customer living in {country}: the {region} consumer rights apply "
        "({days}-day withdrawal period, mandatory: the store policy cannot remove it)."
    ),
    "restocking_fee": N_(
        "The supplier keeps a {percent}% restocking fee on returns that are not its fault."
    ),
    "suggest_keep_item": N_(
        "The supplier reimburses without a return: a refund where the "
        "customer keeps the item may be simplest."
    ),
    "suggest_partial_refund": N_("A partial refund may settle this faster than a return."),
    "rolled": N_(
        " The period would end on {raw_end}, a non-working day, so it ends on the next "
        "working day (Regulation 1182/71 art. 3(4))."
    ),
    # warnings
    "warning.store_outlasts_supplier": N_(
        "{line}: the store's return window (until {store_end}) "
        "outlasts the supplier's (until {supplier_end}). The customer keeps the store's window; "
        "a return after {supplier_end} may not be recovered from the supplier."
    ),
    # deadlines
    "deadline.customer_return": N_(
        "Delivered on {delivered} + {days} days (store policy) = {end}. Request on {request}."
    ),
    "deadline.customer_return.peak": N_(
        "Ordered in the peak season: returns accepted until {end} "
        "(later than delivery on {delivered} + {days} days). Request on {request}."
    ),
    "deadline.legal_withdrawal": N_(
        "Customer living in {country}: {days} days from delivery of "
        "the last item, until {end}. Request on {request}."
    ),
    "deadline.legal_refund_by.eu": N_(
        "Withdrawal notified on {notice}: the refund is due within "
        "14 days, by {due} (the trader may wait for the goods or proof of sending)."
    ),
    "deadline.legal_refund_by.eu_goods_late": N_(
        "Withdrawal notified on {notice}; the goods or "
        "proof of sending arrived on {goods_back}, after 14 days, so the refund is due then."
    ),
    "deadline.legal_refund_by.eu_waiting": N_(
        "Withdrawal notified on {notice}: 14 days ran out "
        "on {due}, but the trader may withhold the refund until the goods or proof of sending "
        "arrive (CRD art. 13(3)). Record their date on the case."
    ),
    "deadline.legal_refund_by.uk": N_(
        "UK: the refund is due 14 days after the goods or proof of "
        "sending arrived on {goods_back}, by {due} (CCR 2013 reg. 34)."
    ),
    "deadline.legal_refund_by.uk_waiting": N_(
        "UK: withdrawal notified on {notice}; the refund is "
        "due 14 days after the goods or proof of sending arrive. Record their date on the case."
    ),
    "deadline.uk_right_to_reject": N_("30 days from delivery on {delivered}: until {end}."),
    "deadline.legal_guarantee": N_("2 years from delivery on {delivered}: until {end}."),
    "deadline.supplier_evidence": N_(
        "Delivered on {start} + {days} days = {due}: the supplier "
        "needs the photos or videos by then to reimburse."
    ),
    "deadline.supplier_evidence.estimate": N_(
        "Estimate: no delivery date, so counted from the "
        "shipping date ({start}) + {days} days = {due}. Record the delivery date."
    ),
    "deadline.supplier_follow_up": N_(
        "Claim sent on {sent} with no reply: chase after {hours} hours, at {due_at}."
    ),
    "deadline.first_response": N_(
        "Request opened on {opened}: answer within {hours} hours, by {due_at}."
    ),
    "deadline.chargeback_response": N_("Due by {due_at} (from the processor's notice)."),
    "deadline.return_label_expiry": N_(
        "The prepaid label expires on {end}: the customer must "
        "hand the parcel over by then, or a new label is needed."
    ),
    "deadline.return_label_expiry.carrier": N_(
        "The {carrier} label expires on {end}: the "
        "customer must hand the parcel over by then, or a new label is needed."
    ),
    "deadline.aliexpress_dispute": N_(
        "AliExpress: open the dispute within {days} days of the "
        "order's completion. Delivered on {delivered}; receipt cannot be confirmed earlier, so "
        "the window is taken to end on {due} (later only if the order was confirmed later — "
        "check the order page)."
    ),
    "deadline.aliexpress_protection": N_(
        "AliExpress: shipped on {shipped}; delivery is "
        "guaranteed within {max_days} days and buyer protection ends {days} days after the "
        "promised time, so {due} at the latest (earlier when the seller promised a shorter "
        "delivery time)."
    ),
    "deadline.cj_not_received.us": N_(
        "CJ: a parcel to the USA counts as not received {days} "
        "days after it left the warehouse ({shipped}), so from {due}; open the dispute on CJ then, "
        "with the customer's complaint (and, if tracking says delivered, the post office's "
        "certificate of non-delivery)."
    ),
    "deadline.cj_not_received.other": N_(
        "CJ: a parcel to a country outside the USA counts as "
        "not received {days} days after it left the warehouse ({shipped}), so from {due}; open "
        "the dispute on CJ then, with the customer's complaint (and, if tracking says delivered, "
        "the post office's certificate of non-delivery)."
    ),
    "deadline.spocket_evidence": N_(
        "Spocket: photos of the problem within {days} days of delivery ({delivered}), by {due}."
    ),
    "deadline.spocket_missing": N_(
        "Spocket: a parcel marked delivered ({delivered}) but not "
        "received must be reported within {days} days, by {due}."
    ),
}


def norm_lang(lang: str | None) -> str:
    code = (lang or "en").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else "en"


def date_words(value: date, lang: str = "en") -> str:
    """A day in words: "Monday 23 March 2026" / "lundi 23 mars 2026"."""
    return date_text(value, norm_lang(lang), "EEEE d MMMM y")


def _moment(value: datetime, tz_name: str, lang: str) -> str:
    local = value.astimezone(ZoneInfo(tz_name))
    day = date_words(local.date(), lang)
    return t("{day} at {time} ({zone})", lang, day=day, time=f"{local:%H:%M}", zone=tz_name)


def _natural_country(name: str) -> str:
    """ISO list names put qualifiers last ("Réunion, Île de la", "Taiwan, Province of
    China"); the part before the comma is what people say."""
    return name.partition(", ")[0]


def label_colon(lang: str) -> str:
    """ ": " in English, " : " in French typography."""
    return " : " if norm_lang(lang) == "fr" else ": "


def _format(key: str, value: Any, params: Mapping[str, Any], lang: str) -> str:
    if isinstance(value, datetime):
        return _moment(value, str(params.get("tz") or "UTC"), lang)
    if isinstance(value, date):
        return date_words(value, lang)
    if key == "country" and value:
        return _natural_country(country_name(str(value), lang))
    if key == "region":
        region = _REGIONS.get(str(value))
        return t(region, lang) if region else str(value)
    return "" if value is None else str(value)


def render(key: str, params: Mapping[str, Any], lang: str = "en") -> str:
    """The sentence for ``key`` in ``lang`` (English when French has none); the French
    lives in ``resources/locale/fr/rules.po``."""
    lang = norm_lang(lang)
    values = {name: _format(name, value, params, lang) for name, value in params.items()}
    out = t(_EN[key], lang, **values)
    raw_end, end = params.get("raw_end"), params.get("end")
    if raw_end is not None and end is not None and raw_end != end:
        out += t(_EN["rolled"], lang, raw_end=values["raw_end"])
    return out


def deadline_label(code: str, lang: str | None = None) -> str:
    """A deadline's name in ``lang`` (the window's language by default)."""
    return t(DEADLINE_LABELS_EN[code], lang) if code in DEADLINE_LABELS_EN else code


def state_label(state: str, lang: str = "en") -> str:
    return render(f"state.{state}", {}, lang)
