"""Words of the dispute pack that are its own (arguments per reason, labels of codes), in
English (French in ``resources/locale/fr/documents.po``); everything else comes from
``formats.catalogue``.

Each sentence states only a fact the store holds, with the fact filled in.
"""

from __future__ import annotations

from returnsdesk.domain.chargebacks import (
    DisputeReason,
    Processor,
    Section,
    dispute_reason_label,
)
from returnsdesk.domain.i18n import N_, t
from returnsdesk.formats import catalogue as cat

_EN: dict[str, str] = {
    "reason": N_("Dispute reason"),
    "p_order_no_method": N_(
        "{customer} placed order {order} with {shop} on {placed}, paying {total}."
    ),
    "p_not_shipped": N_("No shipping date, carrier or tracking number is recorded for this order."),
    "processor": N_("Payment processor"),
    "due_at": N_("Response due"),
    "cases": N_("Cases on this order"),
    "p_given": N_("Before this dispute the customer was given back {amount}: {list}."),
    "given_item": N_("{kind} of {amount} on {date} (case {rma}{ref})"),
    "ref": N_(", reference {ref}"),
    "p_nothing_given": N_("Our records hold no refund or store credit on this order."),
    "p_policy_text": N_(
        "Our refund policy as in force on the order date is reproduced in the "
        "refund policy section."
    ),
    "p_policy_terms": N_(
        "The terms of our refund policy in force on the order date are listed in "
        "the refund policy section."
    ),
    "arg.fraudulent": N_(
        "The purchase was made in the customer's name with the details below; "
        "the order was sent to the address the customer gave."
    ),
    "arg.product_not_received": N_(
        "The shipping and delivery records of the order come first in this pack."
    ),
    "arg.product_not_received_delivered": N_(
        "The carrier recorded the order as delivered on {date}."
    ),
    "arg.product_unacceptable": N_(
        "The product as it was sold, our refund policy and our "
        "exchanges with the customer come first in this pack."
    ),
    "arg.duplicate": N_("The receipt of this payment comes first; it is for order {order} only."),
    "arg.credit_not_processed_given": N_(
        "The customer's request was answered: {amount} was "
        "given back (see the refunds section), so the disputed amount should not be taken "
        "from us a second time."
    ),
    "arg.credit_not_processed_none": N_(
        "Our refund policy and our exchanges with the customer come first in this pack."
    ),
    "arg.subscription_canceled": N_(
        "This was a one-off purchase (order {order}), not a subscription."
    ),
    "arg.general": N_("The facts of the order follow."),
    "ask": N_(
        "We ask that the dispute be decided in our favour. The evidence follows, "
        "organised by the evidence fields of the payment processor."
    ),
    "billing_not_held": N_("Not held by the store"),
    "billing_country_only": N_("Not held by the store (billing country: {country})"),
    "policy_published": N_("Published wording"),
    "policy_terms": N_("Terms recorded by the store"),
    "policy_no_text": N_(
        "The store holds no published wording of this policy; the terms it "
        "recorded are listed above."
    ),
    "disclosure_shown": N_(
        "The store recorded that this policy was shown to the customer at "
        "checkout. The order was placed on {placed}."
    ),
    "disclosure_unknown": N_(
        "The store holds no record of how this policy was shown to the "
        "customer before the order of {placed}."
    ),
    "refunds": N_("Refunds and credit given on this order"),
    "refunds_none": N_("No refund or store credit has been given on this order."),
    "reversed": N_("reversed"),
    "case_col": N_("Case"),
    "timeline_note": N_(
        "Every dated event of every case of this order and every message "
        "exchanged about it, oldest first (times in UTC)."
    ),
    "ev.created": N_("Case {rma} opened"),
    "ev.status": N_("Case {rma}: {status}"),
    "ev.note": N_("Note on case {rma}"),
    "ev.customer_email": N_("E-mail to the customer (case {rma})"),
    "ev.first_response": N_("First response sent to the customer (case {rma})"),
    "ev.linked": N_("Chargeback {value} opened on this order"),
    "ev.supplier_sent": N_("Message to the supplier by {channel} (case {rma})"),
    "ev.supplier_received": N_("Message from the supplier by {channel} (case {rma})"),
    "size_warning": N_(
        "The pack is {size} MB, above the {limit} MB that {processor} accepts "
        "per file, even with its images reduced. Leave some photos out and make it again."
    ),
    "unknown_source": N_("an unrecorded source"),
    "pages_warning": N_(
        "The pack has {pages} pages; Shopify Payments accepts PDFs of fewer than "
        "{limit} pages. Shorten the longest notes or messages and make it again."
    ),
    "files_reduced": N_(
        "Images are reduced in size so the pack fits the processors' upload "
        "limits; the originals are kept in the case file."
    ),
}


_PROCESSORS = {
    Processor.STRIPE: "Stripe",
    Processor.PAYPAL: "PayPal",
    Processor.SHOPIFY_PAYMENTS: "Shopify Payments",
}

_SUPPLIED_BY = {
    "customer": N_("the customer"),
    "supplier": N_("the supplier"),
    "merchant": N_("the shop"),
    "carrier": N_("the carrier"),
}

_CHANNELS = {
    "email": N_("e-mail"),
    "chat": N_("chat"),
    "phone": N_("phone"),
    "platform_dispute": N_("the platform's dispute system"),
    "other": N_("another channel"),
}

_SECTIONS = {
    Section.CUSTOMER: "disp.customer",
    Section.PRODUCT: "disp.product",
    Section.SHIPPING: "disp.shipping_doc",
    Section.POLICY: "disp.policy",
    Section.COMMUNICATION: "disp.communication",
    Section.FILES: "disp.files",
}


def text(key: str, lang: str, **values: object) -> str:
    """A pack string: this module's own keys, else the catalogue's ``disp.*`` and shared.
    The French lives in ``resources/locale/fr/documents.po``."""
    lang = cat.norm_lang(lang)
    english = _EN.get(key)
    if english is None:
        return cat.text(key, lang, **values)
    return t(english, lang, context=None, **values)


def reason_label(reason: DisputeReason, lang: str) -> str:
    return dispute_reason_label(reason, cat.norm_lang(lang))


def processor_label(processor: Processor, lang: str) -> str:
    return _PROCESSORS[processor]


def supplied_by_label(code: str, lang: str) -> str:
    label = _SUPPLIED_BY.get(code)
    return t(label, cat.norm_lang(lang)) if label else text("unknown_source", lang)


def channel_label(code: str, lang: str) -> str:
    return t(_CHANNELS.get(code, _CHANNELS["other"]), cat.norm_lang(lang))


def section_title(section: Section, lang: str) -> str:
    if section == Section.REFUNDS:
        return text("refunds", lang)
    return cat.text(_SECTIONS[section], lang)
