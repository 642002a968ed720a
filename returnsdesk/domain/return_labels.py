"""Prepaid return labels: which files can be one, and the deadline an expiry date sets.

Carriers void unused prepaid labels after a while (often 30 days or less), so a
label's expiry date is a deadline on the case: the customer must hand the
parcel over before it, or the merchant must buy a new label. Once the parcel
is on its way (or the case is finished) the deadline is met.
"""

from __future__ import annotations

from datetime import date

from returnsdesk.domain.policy import Deadline, DeadlineState

#: The file types a label may be, by content (not by name).
LABEL_MIMES = frozenset({"application/pdf", "image/png", "image/jpeg"})
#: A label is a page or two; anything bigger is not a label.
MAX_LABEL_BYTES = 20 * 1024 * 1024
MAX_LABEL_PAGES = 4

LABEL_EXPIRY = "return_label_expiry"

#: Case statuses in which the parcel has left the customer (the label was used).
_SHIPPED = frozenset({"return_in_transit", "received", "resolved"})


def label_expiry_deadline(
    expires_on: date | None, status: str, is_open: bool, today: date, carrier: str = ""
) -> Deadline | None:
    """The label's expiry as a case deadline, or None when the label has no expiry date.

    It is the customer's deadline (hand the parcel over): met once the parcel is on its way,
    not needed once the case is finished, missed (a new label is needed) after the date.
    """
    if expires_on is None:
        return None
    if status in _SHIPPED:
        state = DeadlineState.MET
    elif not is_open:
        state = DeadlineState.NOT_NEEDED
    else:
        state = DeadlineState.MISSED if expires_on < today else DeadlineState.OPEN
    template = "deadline.return_label_expiry" + (".carrier" if carrier else "")
    return Deadline(
        LABEL_EXPIRY,
        expires_on,
        None,
        state,
        template=template,
        params={"end": expires_on, "carrier": carrier},
    )
