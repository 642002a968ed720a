"""Prepaid return labels: which files can be one, and the deadline an expiry date sets.

Carriers void unused prepaid labels after a while (often 30 days or less), so a
label's expiry date is a deadline on the case: the customer must hand the
parcel over before it, or the merchant must buy a new label. Once the parcel
is on its way (or the case is finished) the deadline is met.
"""

from __future__ import annotations

from datetime import date

from returnsdesk.domain.policy import Deadline

#: The file types a label may be, by content (not by name).
LABEL_MIMES = frozenset({"application/pdf", "image/png", "image/jpeg"})
#: A label is a page or two; anything bigger is not a label.
MAX_LABEL_BYTES = 20 * 1024 * 1024
MAX_LABEL_PAGES = 4

LABEL_EXPIRY = "return_label_expiry"
LABEL_EXPIRY_TITLE = "Return label expiry"

#: Case statuses in which the parcel has left the customer (the label was used).
_SHIPPED = frozenset({"return_in_transit", "received", "resolved"})


def label_expiry_deadline(
    expires_on: date | None, status: str, is_open: bool, carrier: str = ""
) -> Deadline | None:
    """The label's expiry as a case deadline, or None when the label has no expiry date."""
    if expires_on is None:
        return None
    who = f"The {carrier} label" if carrier else "The prepaid label"
    text = (
        f"{who} expires on {expires_on.day} {expires_on:%B %Y}: the customer must hand the "
        f"parcel over by then, or a new label is needed."
    )
    used = status in _SHIPPED
    if used:
        text += " The parcel is on its way, so the label was used in time."
    return Deadline(
        code=LABEL_EXPIRY,
        label=LABEL_EXPIRY_TITLE,
        due=expires_on,
        due_at=None,
        explanation=text,
        met=used or not is_open,
    )
