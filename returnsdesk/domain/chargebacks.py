"""Chargeback facts from the processor's notice, and what each dispute reason asks for.

Reason codes are Stripe's ``Dispute.reason`` values; Shopify Payments reports the same
ones (shopify.dev, ``ShopifyPaymentsDisputeReason``: CREDIT_NOT_PROCESSED is "the customer
claims that the purchased product was returned or the transaction was otherwise canceled,
but you haven't yet provided a refund or credit"). For each, the pack puts first the
sections Stripe's category defense guidelines point to (docs.stripe.com/disputes/categories
and docs.stripe.com/disputes/types, "Dispute reason code categories"; consulted through
the search index on 2026-11-23, excerpts only):

- fraudulent: show the cardholder made the purchase: customer and billing details,
  delivery to their address, their messages;
- product_not_received: proof of shipping and delivery first;
- product_unacceptable: the product as described, the refund policy and whether the
  customer used it, then delivery;
- duplicate: the receipt of the disputed payment and any refund of the other one;
- credit_not_processed: the refund policy and the refunds actually given;
- subscription_canceled: the cancellation policy and the messages;
- general: everything, in the usual order.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.reasons import Reason


class DisputeReason(StrEnum):
    FRAUDULENT = "fraudulent"
    PRODUCT_NOT_RECEIVED = "product_not_received"
    PRODUCT_UNACCEPTABLE = "product_unacceptable"
    DUPLICATE = "duplicate"
    CREDIT_NOT_PROCESSED = "credit_not_processed"
    SUBSCRIPTION_CANCELED = "subscription_canceled"
    GENERAL = "general"


#: What each dispute reason is called (English, marked for translation).
DISPUTE_REASON_LABELS: dict[DisputeReason, str] = {
    DisputeReason.FRAUDULENT: N_("Fraudulent (payment not recognised)"),
    DisputeReason.PRODUCT_NOT_RECEIVED: N_("Product not received"),
    DisputeReason.PRODUCT_UNACCEPTABLE: N_("Product unacceptable"),
    DisputeReason.DUPLICATE: N_("Duplicate payment"),
    DisputeReason.CREDIT_NOT_PROCESSED: N_("Credit not processed"),
    DisputeReason.SUBSCRIPTION_CANCELED: N_("Subscription cancelled"),
    DisputeReason.GENERAL: N_("General"),
}


def dispute_reason_label(reason: DisputeReason | str, lang: str | None = None) -> str:
    return t(DISPUTE_REASON_LABELS[DisputeReason(reason)], lang)


class Processor(StrEnum):
    STRIPE = "stripe"
    PAYPAL = "paypal"
    SHOPIFY_PAYMENTS = "shopify_payments"


class Section(StrEnum):
    CUSTOMER = "customer"
    PRODUCT = "product"
    SHIPPING = "shipping"
    POLICY = "policy"
    REFUNDS = "refunds"
    COMMUNICATION = "communication"
    FILES = "files"


_USUAL = (
    Section.CUSTOMER,
    Section.PRODUCT,
    Section.SHIPPING,
    Section.POLICY,
    Section.REFUNDS,
    Section.COMMUNICATION,
    Section.FILES,
)

SECTION_ORDER: dict[DisputeReason, tuple[Section, ...]] = {
    DisputeReason.FRAUDULENT: (
        Section.CUSTOMER,
        Section.SHIPPING,
        Section.COMMUNICATION,
        Section.REFUNDS,
        Section.PRODUCT,
        Section.POLICY,
        Section.FILES,
    ),
    DisputeReason.PRODUCT_NOT_RECEIVED: (
        Section.SHIPPING,
        Section.COMMUNICATION,
        Section.REFUNDS,
        Section.CUSTOMER,
        Section.PRODUCT,
        Section.POLICY,
        Section.FILES,
    ),
    DisputeReason.PRODUCT_UNACCEPTABLE: (
        Section.PRODUCT,
        Section.POLICY,
        Section.COMMUNICATION,
        Section.REFUNDS,
        Section.SHIPPING,
        Section.CUSTOMER,
        Section.FILES,
    ),
    DisputeReason.DUPLICATE: (
        Section.CUSTOMER,
        Section.REFUNDS,
        Section.COMMUNICATION,
        Section.PRODUCT,
        Section.SHIPPING,
        Section.POLICY,
        Section.FILES,
    ),
    DisputeReason.CREDIT_NOT_PROCESSED: (
        Section.REFUNDS,
        Section.POLICY,
        Section.COMMUNICATION,
        Section.SHIPPING,
        Section.CUSTOMER,
        Section.PRODUCT,
        Section.FILES,
    ),
    DisputeReason.SUBSCRIPTION_CANCELED: (
        Section.POLICY,
        Section.COMMUNICATION,
        Section.REFUNDS,
        Section.CUSTOMER,
        Section.PRODUCT,
        Section.SHIPPING,
        Section.FILES,
    ),
    DisputeReason.GENERAL: _USUAL,
}

#: Stripe evidence fields each section fills (Stripe API ``Dispute.evidence``).
STRIPE_FIELDS: dict[Section, str] = {
    Section.CUSTOMER: "customer_name · customer_email_address · billing_address · receipt",
    Section.PRODUCT: "product_description",
    Section.SHIPPING: "shipping_documentation · shipping_tracking_number",
    Section.POLICY: "refund_policy · refund_policy_disclosure",
    # Refunds already given are not a refusal: Stripe has no field for them, so they go
    # with the uncategorised evidence (never under refund_refusal_explanation).
    Section.REFUNDS: "uncategorized_text",
    Section.COMMUNICATION: "customer_communication",
    Section.FILES: "uncategorized_file",
}

#: PayPal asks the seller to respond to a dispute or claim within 10 days of being
#: notified (PayPal Help Center, "How long does it take to resolve a dispute or
#: claim?", and PayPal "Resolve disputes and chargebacks" page; read 2026-11-23).
#: Disputes the buyer and seller do not settle within 20 days can be escalated to a
#: claim, which again gives the seller 10 days.
PAYPAL_RESPONSE_DAYS = 10
PAYPAL_ESCALATION_DAYS = 20


def paypal_due(notified_at: datetime) -> datetime:
    """When a PayPal dispute or claim response is due, from the moment it was notified."""
    if notified_at.tzinfo is None:
        raise ValueError("The notice time needs a time zone.")
    return notified_at + timedelta(days=PAYPAL_RESPONSE_DAYS)


_FROM_CASE_REASON = {
    Reason.NOT_RECEIVED: DisputeReason.PRODUCT_NOT_RECEIVED,
    Reason.ARRIVED_LATE: DisputeReason.PRODUCT_NOT_RECEIVED,
    Reason.DAMAGED_IN_TRANSIT: DisputeReason.PRODUCT_UNACCEPTABLE,
    Reason.DEFECTIVE: DisputeReason.PRODUCT_UNACCEPTABLE,
    Reason.WRONG_ITEM: DisputeReason.PRODUCT_UNACCEPTABLE,
    Reason.NOT_AS_DESCRIBED: DisputeReason.PRODUCT_UNACCEPTABLE,
    Reason.MISSING_PARTS: DisputeReason.PRODUCT_UNACCEPTABLE,
}


def suggested_reason(case_reason: str) -> DisputeReason:
    """The dispute reason a case reason usually becomes (the user confirms it)."""
    try:
        return _FROM_CASE_REASON.get(Reason(case_reason), DisputeReason.GENERAL)
    except ValueError:
        return DisputeReason.GENERAL
