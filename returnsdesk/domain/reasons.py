"""Return reasons, fault parties and resolutions, with their labels and Shopify codes."""

from __future__ import annotations

from enum import StrEnum, auto

from returnsdesk.domain.i18n import N_, t


class Reason(StrEnum):
    """Why the customer got in touch. Values are stable: they are stored and exported."""

    DAMAGED_IN_TRANSIT = auto()
    DEFECTIVE = auto()
    WRONG_ITEM = auto()
    NOT_AS_DESCRIBED = auto()
    MISSING_PARTS = auto()
    NOT_RECEIVED = auto()
    ARRIVED_LATE = auto()
    SIZE_TOO_SMALL = auto()
    SIZE_TOO_LARGE = auto()
    COLOUR_STYLE = auto()
    NO_LONGER_WANTED = auto()
    PERSONALISATION_ERROR = auto()
    OTHER = auto()


class Fault(StrEnum):
    """Who is responsible for the problem (drives who should pay for it)."""

    SUPPLIER = auto()
    CARRIER = auto()
    CUSTOMER = auto()
    MERCHANT = auto()
    UNKNOWN = auto()


class Resolution(StrEnum):
    """How a case is (or should be) settled."""

    REFUND = auto()
    PARTIAL_REFUND = auto()
    STORE_CREDIT = auto()
    REPLACEMENT = auto()
    EXCHANGE = auto()
    KEEP_ITEM = auto()  # refund without return
    REFUSAL = auto()


_REASON_LABELS: dict[Reason, str] = {
    Reason.DAMAGED_IN_TRANSIT: N_("Damaged in transit"),
    Reason.DEFECTIVE: N_("Defective"),
    Reason.WRONG_ITEM: N_("Wrong item"),
    Reason.NOT_AS_DESCRIBED: N_("Not as described"),
    Reason.MISSING_PARTS: N_("Missing parts"),
    Reason.NOT_RECEIVED: N_("Not received"),
    Reason.ARRIVED_LATE: N_("Arrived late"),
    Reason.SIZE_TOO_SMALL: N_("Size too small"),
    Reason.SIZE_TOO_LARGE: N_("Size too large"),
    Reason.COLOUR_STYLE: N_("Colour/style"),
    Reason.NO_LONGER_WANTED: N_("No longer wanted"),
    Reason.PERSONALISATION_ERROR: N_("Print/personalisation error"),
    Reason.OTHER: N_("Other"),
}

_FAULT_LABELS: dict[Fault, str] = {
    Fault.SUPPLIER: N_("Supplier"),
    Fault.CARRIER: N_("Carrier"),
    Fault.CUSTOMER: N_("Customer"),
    Fault.MERCHANT: N_("Merchant"),
    Fault.UNKNOWN: N_("Unknown"),
}

_RESOLUTION_LABELS: dict[Resolution, str] = {
    Resolution.REFUND: N_("Refund"),
    Resolution.PARTIAL_REFUND: N_("Partial refund"),
    Resolution.STORE_CREDIT: N_("Store credit"),
    Resolution.REPLACEMENT: N_("Replacement"),
    Resolution.EXCHANGE: N_("Exchange"),
    Resolution.KEEP_ITEM: N_("Refund without return (customer keeps the item)"),
    Resolution.REFUSAL: N_("Refusal"),
}

#: Shopify return reason code for each reason (Shopify has fewer, coarser codes).
SHOPIFY_CODE: dict[Reason, str] = {
    Reason.DAMAGED_IN_TRANSIT: "DEFECTIVE",
    Reason.DEFECTIVE: "DEFECTIVE",
    Reason.WRONG_ITEM: "WRONG_ITEM",
    Reason.NOT_AS_DESCRIBED: "NOT_AS_DESCRIBED",
    Reason.MISSING_PARTS: "DEFECTIVE",
    Reason.NOT_RECEIVED: "OTHER",
    Reason.ARRIVED_LATE: "OTHER",
    Reason.SIZE_TOO_SMALL: "SIZE_TOO_SMALL",
    Reason.SIZE_TOO_LARGE: "SIZE_TOO_LARGE",
    Reason.COLOUR_STYLE: "COLOR",
    Reason.NO_LONGER_WANTED: "UNWANTED",
    Reason.PERSONALISATION_ERROR: "DEFECTIVE",
    Reason.OTHER: "OTHER",
}

_FROM_SHOPIFY: dict[str, Reason] = {
    "DEFECTIVE": Reason.DEFECTIVE,
    "NOT_AS_DESCRIBED": Reason.NOT_AS_DESCRIBED,
    "WRONG_ITEM": Reason.WRONG_ITEM,
    "SIZE_TOO_LARGE": Reason.SIZE_TOO_LARGE,
    "SIZE_TOO_SMALL": Reason.SIZE_TOO_SMALL,
    "COLOR": Reason.COLOUR_STYLE,
    "STYLE": Reason.COLOUR_STYLE,
    "UNWANTED": Reason.NO_LONGER_WANTED,
    "OTHER": Reason.OTHER,
}

_FAULT_REASONS = frozenset(
    {
        Reason.DAMAGED_IN_TRANSIT,
        Reason.DEFECTIVE,
        Reason.WRONG_ITEM,
        Reason.NOT_AS_DESCRIBED,
        Reason.MISSING_PARTS,
        Reason.PERSONALISATION_ERROR,
    }
)

_CHANGE_OF_MIND_REASONS = frozenset(
    {
        Reason.SIZE_TOO_SMALL,
        Reason.SIZE_TOO_LARGE,
        Reason.COLOUR_STYLE,
        Reason.NO_LONGER_WANTED,
        Reason.OTHER,
    }
)

_DEFAULT_FAULT: dict[Reason, Fault] = {
    Reason.DEFECTIVE: Fault.SUPPLIER,
    Reason.WRONG_ITEM: Fault.SUPPLIER,
    Reason.NOT_AS_DESCRIBED: Fault.SUPPLIER,
    Reason.MISSING_PARTS: Fault.SUPPLIER,
    Reason.PERSONALISATION_ERROR: Fault.SUPPLIER,
    Reason.DAMAGED_IN_TRANSIT: Fault.CARRIER,
    Reason.NOT_RECEIVED: Fault.CARRIER,
    Reason.ARRIVED_LATE: Fault.CARRIER,
    Reason.SIZE_TOO_SMALL: Fault.CUSTOMER,
    Reason.SIZE_TOO_LARGE: Fault.CUSTOMER,
    Reason.COLOUR_STYLE: Fault.CUSTOMER,
    Reason.NO_LONGER_WANTED: Fault.CUSTOMER,
    Reason.OTHER: Fault.UNKNOWN,
}


def reason_label(reason: Reason | str, lang: str | None = None) -> str:
    """The reason as a reader of ``lang`` (the window's language by default) names it."""
    return t(_REASON_LABELS[Reason(reason)], lang)


def fault_label(fault: Fault | str, lang: str | None = None) -> str:
    return t(_FAULT_LABELS[Fault(fault)], lang)


def resolution_label(resolution: Resolution | str, lang: str | None = None) -> str:
    return t(_RESOLUTION_LABELS[Resolution(resolution)], lang)


def reason_from_shopify(code: str) -> Reason:
    """Map a Shopify reason code to a reason; unknown or empty codes become OTHER."""
    return _FROM_SHOPIFY.get((code or "").strip().upper(), Reason.OTHER)


def is_fault_reason(reason: Reason) -> bool:
    """True when the goods are faulty, damaged or wrong — not the customer's choice."""
    return reason in _FAULT_REASONS


def is_change_of_mind(reason: Reason) -> bool:
    """True for reasons that only count inside the return window (size, colour, unwanted, other)."""
    return reason in _CHANGE_OF_MIND_REASONS


def reason_requires_note(reason: Reason) -> bool:
    return reason == Reason.OTHER


def default_fault(reason: Reason) -> Fault:
    """Who is usually at fault for this reason; the user can override it per case."""
    return _DEFAULT_FAULT[Reason(reason)]
