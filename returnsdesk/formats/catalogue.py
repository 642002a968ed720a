"""Every string printed on a document, in English and French, behind one function.

``text(key, lang, **values)`` returns plain text (never markup): the PDF code
escapes it before it reaches a reportlab Paragraph. A French string that is
missing falls back to English, so adding a key never breaks the French build.
Dates and amounts are formatted by ``domain.i18n.formatting`` (re-exported here as
``date_text``, ``money_text`` and ``label_value`` for the documents' code) so they follow
the same language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from returnsdesk.domain.i18n import N_, formatting, t
from returnsdesk.domain.i18n.catalogue import catalogue
from returnsdesk.domain.i18n.formatting import label_value, money_text
from returnsdesk.domain.ledger import ledger_label as ledger_label_of
from returnsdesk.domain.reasons import fault_label, reason_label
from returnsdesk.domain.reasons import resolution_label as _resolution_label
from returnsdesk.domain.rule_text import deadline_label as _deadline_label
from returnsdesk.domain.workflow import kind_label as kind_label_of
from returnsdesk.domain.workflow import status_label as status_label_of

LANGUAGES = ("en", "fr")

__all__ = ["label_value", "money_text"]


def date_text(value: date | None, lang: str | None = None, length: str = "long") -> str:
    """A day as documents print it: the long form ("8 avril 2026") unless told otherwise."""
    return formatting.date_text(value, lang, length)


_EN: dict[str, str] = {
    # shared
    "page": N_("Page {page} of {pages}"),
    "generated": N_("Generated on {date}"),
    "rma": N_("RMA"),
    "order": N_("Order"),
    "order_number": N_("Order number"),
    "customer": N_("Customer"),
    "placed_on": N_("Placed on"),
    "delivered_on": N_("Delivered on"),
    "not_delivered": N_("Not delivered"),
    "sku": N_("SKU"),
    "item": N_("Item"),
    "variant": N_("Variant"),
    "qty": N_("Qty"),
    "amount": N_("Amount"),
    "date": N_("Date"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "none": N_("None"),
    # return instructions
    "instr.title": N_("Return instructions"),
    "instr.issued": N_("Issued on {date}"),
    "instr.hello": N_("Dear {name},"),
    "instr.intro": N_(
        "Thank you for contacting us. Your return has been registered under the "
        "number above. Please follow these steps so that we can process it quickly."
    ),
    "instr.rma_label": N_("Your return number (RMA)"),
    "instr.rma_write": N_("Write this number clearly on the outside of the parcel."),
    "instr.items": N_("1. Items to return"),
    "instr.address": N_("2. Where to send the parcel"),
    "instr.address_missing": N_(
        "We will confirm the return address by e-mail. Do not send the "
        "parcel before you receive it."
    ),
    "instr.ship_by_title": N_("3. Ship by"),
    "instr.ship_by": N_("Please hand the parcel to the carrier no later than {date}."),
    "instr.packing": N_("4. How to pack"),
    "instr.pack_unused": N_("The item must be unused, clean and in the condition you received it."),
    "instr.pack_original": N_(
        "Use the original packaging, with its labels and tags where possible."
    ),
    "instr.pack_parts": N_("Include every part, accessory, manual and gift that came with it."),
    "instr.pack_slip": N_("Put the slip from the bottom of this page inside the parcel."),
    "instr.pack_faulty": N_(
        "As the item is faulty, you do not need to send it unused or in its "
        "original packaging: just protect it well so it is not damaged further."
    ),
    "instr.label": N_("5. Your return label"),
    "instr.label_prepaid": N_(
        "A prepaid return label (reference {ref}) comes with these "
        "instructions. Print it and stick it on the parcel, covering any old labels."
    ),
    "instr.label_carrier": N_(
        "Drop the parcel at a {carrier} drop-off point or post office and keep the receipt."
    ),
    "instr.label_tracking": N_("Tracking number of your return: {tracking}."),
    "instr.label_none": N_(
        "Return postage is not prepaid. Please use a tracked service and keep "
        "the receipt and the tracking number."
    ),
    "instr.label_none_faulty": N_(
        "Return postage is not prepaid. Please use a tracked service and "
        "keep the receipt: as the item is faulty, we will refund the postage."
    ),
    "instr.after": N_("6. After shipping"),
    "instr.after_text": N_(
        "Send us the tracking number by e-mail to {email}, quoting your return "
        "number {rma}. That way we can follow your parcel and act as soon as it arrives."
    ),
    "instr.after_text_noemail": N_(
        "Send us the tracking number, quoting your return number {rma}. "
        "That way we can follow your parcel and act as soon as it arrives."
    ),
    "instr.next": N_("7. What happens next"),
    "instr.next.refund": N_(
        "Once the parcel has arrived and been checked, we refund you to your "
        "original payment method within {days} days. You will receive an e-mail when it is done."
    ),
    "instr.next.partial_refund": N_(
        "Once the parcel has arrived and been checked, we issue the "
        "agreed partial refund to your original payment method within {days} days."
    ),
    "instr.next.store_credit": N_(
        "Once the parcel has arrived and been checked, we send you store "
        "credit for its value within {days} days."
    ),
    "instr.next.replacement": N_(
        "Once the parcel has arrived and been checked, we ship a "
        "replacement within {days} days and send you its tracking number."
    ),
    "instr.next.exchange": N_(
        "Once the parcel has arrived and been checked, we ship the item you "
        "exchanged it for within {days} days and send you its tracking number."
    ),
    "instr.questions": N_("Questions? Write to us and quote your return number."),
    "instr.slip_cut": N_("Cut along the dotted line and put this slip inside the parcel"),
    "instr.slip_title": N_("Return slip"),
    "instr.slip_name": N_("Name"),
    "instr.slip_items": N_("Items"),
    # return labels and addresses (issue 15)
    "instr.address_ref": N_("Ref. {rma}"),
    "instr.slip_to": N_("Send to"),
    "instr.keep_intro": N_(
        "Thank you for contacting us. Your request is registered under the "
        "number above; please quote it in any message about it."
    ),
    "instr.items_keep": N_("1. Items concerned"),
    "instr.keep_title": N_("2. No need to send anything back"),
    "instr.keep_text": N_(
        "You do not need to return the item: you may keep it. There is nothing to pack or post."
    ),
    "instr.keep_next_title": N_("3. What happens next"),
    "instr.keep_next_text": N_(
        "We settle your request without a return ({resolution}) and confirm "
        "it by e-mail once it is done."
    ),
    "instr.label_file": N_(
        "Your prepaid {carrier} return label is printed on the last page. Print "
        "it at actual size (100 %) and stick it firmly on the parcel, covering any old labels."
    ),
    "instr.label_file_nocarrier": N_(
        "Your prepaid return label is printed on the last page. Print "
        "it at actual size (100 %) and stick it firmly on the parcel, covering any old labels."
    ),
    "instr.label_expires": N_("The label is valid until {date}; it cannot be used after that day."),
    "instr.label_page_heading": N_("Prepaid return label – {rma}"),
    "instr.label_page_note": N_("Print at actual size (100 %), cut out and stick on the parcel."),
    "instr.label_page_tracking": N_("Tracking number: {tracking}"),
    # returns summary
    "sum.title": N_("Returns summary"),
    "sum.period": N_("{start} – {end}"),
    "sum.headline": N_("Headline figures"),
    "sum.opened": N_("Cases opened"),
    "sum.closed": N_("Cases closed"),
    "sum.median": N_("Median time to close"),
    "sum.median_days": N_("{days} days"),
    "sum.open_now": N_("Open cases today"),
    "sum.money": N_("Money by currency"),
    "sum.currency": N_("Currency"),
    "sum.refunds": N_("Refunds paid"),
    "sum.reimbursed": N_("Supplier reimbursements"),
    "sum.paid_out": N_("Total paid out"),
    "sum.recovered": N_("Total recovered"),
    "sum.net": N_("Net cost"),
    "sum.money_note": N_(
        "From the ledger entries dated in the period; reversing entries count "
        "with the opposite sign."
    ),
    "sum.monthly": N_("Cases opened and closed per month"),
    "sum.by_reason": N_("Cases by reason"),
    "sum.by_kind": N_("Cases by kind"),
    "sum.by_status": N_("Cases by current status"),
    "sum.by_supplier": N_("Cases by supplier"),
    "sum.top_products": N_("Most returned products"),
    "sum.cases": N_("Cases"),
    "sum.share": N_("Share"),
    "sum.units": N_("Units"),
    "sum.reason": N_("Reason"),
    "sum.status": N_("Status"),
    "sum.kind": N_("Kind"),
    "sum.supplier": N_("Supplier"),
    "sum.product": N_("Product"),
    "sum.no_supplier": N_("(no supplier)"),
    "sum.breakdown_note": N_("Breakdowns count the cases opened in the period."),
    "sum.open_list": N_("Open cases and their next deadline"),
    "sum.open_more": N_("Showing the {shown} most urgent of {total} open cases."),
    "sum.next_due": N_("Next deadline"),
    "sum.due_on": N_("Due"),
    "sum.no_cases": N_("No cases in this period."),
    "sum.no_open": N_("No open cases."),
    # insight (reports area, summary PDF, report exports)
    "rep.orders": N_("Orders placed"),
    "rep.units_sold": N_("Units sold"),
    "rep.units_returned": N_("Units returned"),
    "rep.return_rate": N_("Return rate"),
    "rep.unit_rate": N_("Unit return rate"),
    "rep.counts_note": N_(
        "Cases opened: opened in the period (every breakdown counts these). "
        "Cases closed: closed in the period, whenever opened. Open cases today: not finished "
        "today, whenever opened. Return rate: cases opened ÷ orders placed in the period."
    ),
    "rep.cost_note": N_(
        "Net cost = paid out − recovered on ledger entries dated in the period, "
        "per currency; a case's money counts under its reason, its supplier and its first product."
    ),
    "rep.month": N_("Month"),
    "rep.rates": N_("Return rate per month"),
    "rep.by_product": N_("Return rate by product"),
    "rep.by_supplier": N_("Return rate and net cost by supplier"),
    "rep.by_reason": N_("Cases and net cost by reason"),
    "rep.resolve": N_("Time to resolve"),
    "rep.closed": N_("Cases closed"),
    "rep.median_days": N_("Median days"),
    "rep.days": N_("Days"),
    "rep.days_range": N_("{low}–{high} days"),
    "rep.days_over": N_("over {low} days"),
    "rep.scorecards": N_("Supplier scorecards"),
    "rep.claims": N_("Claims sent"),
    "rep.approved": N_("Approved"),
    "rep.reimbursed": N_("Reimbursed"),
    "rep.first_reply": N_("Days to first reply"),
    "rep.to_money": N_("Days to money"),
    "rep.outstanding": N_("Outstanding"),
    "rep.scorecard_note": N_(
        "Claims: cases whose first message to the supplier was sent in the "
        "period. Approved: the supplier's recorded decision. Reimbursed: a reimbursement is on the "
        "ledger. Days are medians. Outstanding: claimed minus recovered to date."
    ),
    "rep.defects": N_("Defect reasons by SKU"),
    "rep.satisfaction": N_("Customer satisfaction"),
    "rep.answers": N_("Answers"),
    "rep.ease": N_("Ease (1–5)"),
    "rep.outcome": N_("Outcome (1–5)"),
    "rep.resolution": N_("Resolution"),
    "rep.satisfaction_note": N_(
        "Survey answers given in the period; marks from 1 (poor) to 5 (excellent)."
    ),
    "rep.no_answers": N_("No survey answers in this period."),
    "rep.flags": N_("Risk signals"),
    "rep.subject": N_("Customer or supplier"),
    "rep.rule": N_("Signal"),
    "rep.why": N_("Why"),
    "rep.none": N_("—"),
    "rep.group": N_("Group"),
    "rep.drill": N_("From Reports, cases opened {period}:"),
    "rep.drill_month": N_("From Reports, cases opened in {month}"),
    # dispute evidence pack
    "disp.title": N_("Dispute evidence"),
    "disp.reference": N_("Dispute reference"),
    "disp.due_by": N_("Response due by"),
    "disp.to": N_("To the dispute team,"),
    "disp.re": N_("Re: dispute {ref} on order {order} ({amount})"),
    "disp.p_order": N_(
        "{customer} placed order {order} with {shop} on {placed}, paying {total} by {method}."
    ),
    "disp.p_shipped": N_(
        "The order was shipped on {shipped} with {carrier} (tracking number {tracking})."
    ),
    "disp.p_delivered": N_("The carrier recorded it as delivered on {delivered}."),
    "disp.p_not_delivered": N_("No delivery date has been recorded for this order."),
    "disp.sincerely": N_("Sincerely,"),
    "disp.contents": N_("Contents"),
    "disp.customer": N_("Customer details and purchase"),
    "disp.customer_name": N_("Name"),
    "disp.customer_email": N_("E-mail address"),
    "disp.billing": N_("Billing address"),
    "disp.shipping_address": N_("Shipping address"),
    "disp.receipt": N_("Receipt"),
    "disp.payment": N_("Payment"),
    "disp.subtotal": N_("Subtotal"),
    "disp.shipping": N_("Shipping"),
    "disp.tax": N_("Tax"),
    "disp.total": N_("Total"),
    "disp.unit_price": N_("Unit price"),
    "disp.product": N_("Product description"),
    "disp.personalised": N_("made to order / personalised"),
    "disp.shipping_doc": N_("Shipping documentation"),
    "disp.carrier": N_("Carrier"),
    "disp.tracking": N_("Tracking number"),
    "disp.shipping_date": N_("Shipping date"),
    "disp.delivery": N_("Delivery proof"),
    "disp.delivery_text": N_("Delivered on {date} according to the carrier's tracking."),
    "disp.return_shipment": N_("Return shipment"),
    "disp.policy": N_("Refund policy"),
    "disp.policy_days": N_("Items may be returned within {days} days of delivery."),
    "disp.policy_peak": N_(
        "Orders placed in the peak season ({season}) may be returned until "
        "{until} of the following year."
    ),
    "disp.policy_legal": N_(
        "Consumers in the EU, EEA and UK may withdraw within 14 days of "
        "delivery; refunds are made within 14 days of the withdrawal notice."
    ),
    "disp.disclosure": N_("Refund policy disclosure"),
    "disp.entry": N_("Entry"),
    "disp.reference_col": N_("Reference"),
    "disp.reversal": N_("reversal"),
    "disp.refunds_total": N_("Given back to the customer"),
    "disp.communication": N_("Customer communication"),
    "disp.what": N_("What"),
    "disp.files": N_("Evidence files"),
    "disp.files_none": N_("No evidence images attached."),
    "disp.captured": N_("Captured {when}"),
    "disp.added": N_("Added {when}"),
    "disp.supplied_by": N_("supplied by {who}"),
    "disp.skipped": N_("Not printable here (kept in the case file): {names}."),
    "disp.missing": N_("File missing from the evidence folder: {name}."),
}


def norm_lang(lang: str | None) -> str:
    """``"fr_FR"``, ``"FR"`` → ``"fr"``; anything we do not print in → ``"en"``."""
    code = (lang or "en").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else "en"


def has_text(key: str) -> bool:
    return key in _EN


def text(key: str, lang: str = "en", **values: object) -> str:
    """The plain-text string ``key`` in ``lang``, with ``{name}`` fields filled in.

    The French lives in ``resources/locale/fr/documents.po``; where a document reads one
    English text differently from the rest of the app, its French is under ``msgctxt``
    (the key), else the text's usual French applies.
    """
    english, code = _EN[key], norm_lang(lang)
    if code == "en":
        return english.format(**values) if values else english
    context = key if (key, english) in catalogue(code).singular else None
    return t(english, code, context=context, **values)


def status_label(value: str, lang: str = "en") -> str:
    return _label(status_label_of, value, lang)


def kind_label(value: str, lang: str = "en") -> str:
    return _label(kind_label_of, value, lang)


def reason_text(value: str, lang: str = "en") -> str:
    return _label(reason_label, value, lang)


def fault_text(value: str, lang: str = "en") -> str:
    return _label(fault_label, value, lang)


def resolution_text(value: str, lang: str = "en") -> str:
    return _label(_resolution_label, value, lang)


def ledger_label(value: str, lang: str = "en") -> str:
    return _label(ledger_label_of, value, lang)


def deadline_label(code: str, lang: str = "en") -> str:
    return _deadline_label(code, norm_lang(lang))


def _label(label_of: Callable[[str, str], str], value: str, lang: str) -> str:
    """A domain value's label in the document's language; an unknown code stays as it is."""
    try:
        return label_of(value, norm_lang(lang))
    except ValueError:
        return value
