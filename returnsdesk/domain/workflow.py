"""Case status workflow: named states, the allowed transitions, and who waits on whom.

Every move a case can make is listed in ``TRANSITIONS``; anything else is
refused with a reason. The services layer records each accepted move on the
case timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, t


class Kind(StrEnum):
    RETURN = "return"
    REFUND_ONLY = "refund_only"
    REPLACEMENT = "replacement"
    EXCHANGE = "exchange"
    NOT_RECEIVED = "not_received"
    CHARGEBACK = "chargeback"


class Status(StrEnum):
    NEW = "new"
    AWAITING_CUSTOMER = "awaiting_customer"
    AWAITING_SUPPLIER = "awaiting_supplier"
    APPROVED = "approved"
    REJECTED = "rejected"
    AWAITING_RETURN = "awaiting_return"
    RETURN_IN_TRANSIT = "return_in_transit"
    RECEIVED = "received"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    REOPENED = "reopened"
    CHARGEBACK_OPEN = "chargeback_open"
    EVIDENCE_SUBMITTED = "evidence_submitted"
    WON = "won"
    LOST = "lost"


class WaitingOn(StrEnum):
    ME = "me"
    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    CARRIER = "carrier"
    BANK = "bank"
    NOBODY = "nobody"


STATUS_LABELS: dict[Status, str] = {
    Status.NEW: N_("New"),
    Status.AWAITING_CUSTOMER: N_("Awaiting customer"),
    Status.AWAITING_SUPPLIER: N_("Awaiting supplier"),
    Status.APPROVED: N_("Approved"),
    Status.REJECTED: N_("Rejected"),
    Status.AWAITING_RETURN: N_("Awaiting return"),
    Status.RETURN_IN_TRANSIT: N_("Return in transit"),
    Status.RECEIVED: N_("Received"),
    Status.RESOLVED: N_("Resolved"),
    Status.CLOSED: N_("Closed"),
    Status.CANCELLED: N_("Cancelled"),
    Status.REOPENED: N_("Reopened"),
    Status.CHARGEBACK_OPEN: N_("Chargeback open"),
    Status.EVIDENCE_SUBMITTED: N_("Evidence submitted"),
    Status.WON: N_("Chargeback won"),
    Status.LOST: N_("Chargeback lost"),
}

KIND_LABELS: dict[Kind, str] = {
    Kind.RETURN: N_("Return"),
    Kind.REFUND_ONLY: N_("Refund only"),
    Kind.REPLACEMENT: N_("Replacement"),
    Kind.EXCHANGE: N_("Exchange"),
    Kind.NOT_RECEIVED: N_("Not received"),
    Kind.CHARGEBACK: N_("Chargeback"),
}


def status_label(status: Status | str, lang: str | None = None) -> str:
    """The status as a reader of ``lang`` (the window's language by default) names it."""
    return t(STATUS_LABELS[Status(status)], lang)


def kind_label(kind: Kind | str, lang: str | None = None) -> str:
    return t(KIND_LABELS[Kind(kind)], lang)


WAITING_LABELS: dict[WaitingOn, str] = {
    WaitingOn.ME: N_("Me"),
    WaitingOn.CUSTOMER: N_("Customer"),
    WaitingOn.SUPPLIER: N_("Supplier"),
    WaitingOn.CARRIER: N_("Carrier"),
    WaitingOn.BANK: N_("Bank"),
}


def waiting_label(waiting: WaitingOn | str, lang: str | None = None) -> str:
    """Who the case waits on, as a reader of ``lang`` names it ("—" for nobody)."""
    value = WaitingOn(waiting)
    return t(WAITING_LABELS[value], lang) if value in WAITING_LABELS else "—"


_TRIAGE = (
    Status.AWAITING_CUSTOMER,
    Status.AWAITING_SUPPLIER,
    Status.APPROVED,
    Status.REJECTED,
    Status.CANCELLED,
)

TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.NEW: _TRIAGE,
    Status.REOPENED: _TRIAGE,
    Status.AWAITING_CUSTOMER: (
        Status.AWAITING_SUPPLIER,
        Status.APPROVED,
        Status.REJECTED,
        Status.CANCELLED,
    ),
    Status.AWAITING_SUPPLIER: (
        Status.AWAITING_CUSTOMER,
        Status.APPROVED,
        Status.REJECTED,
        Status.CANCELLED,
    ),
    Status.APPROVED: (Status.AWAITING_RETURN, Status.RESOLVED, Status.CANCELLED),
    Status.AWAITING_RETURN: (Status.RETURN_IN_TRANSIT, Status.RECEIVED, Status.CANCELLED),
    Status.RETURN_IN_TRANSIT: (Status.RECEIVED, Status.CANCELLED),
    Status.RECEIVED: (Status.RESOLVED, Status.REJECTED, Status.CANCELLED),
    Status.RESOLVED: (Status.CLOSED,),
    Status.REJECTED: (Status.CLOSED,),
    Status.CLOSED: (Status.REOPENED,),
    Status.CANCELLED: (),
    Status.CHARGEBACK_OPEN: (
        Status.EVIDENCE_SUBMITTED,
        Status.WON,
        Status.LOST,
        Status.CANCELLED,
    ),
    Status.EVIDENCE_SUBMITTED: (Status.WON, Status.LOST),
    Status.WON: (Status.CLOSED,),
    Status.LOST: (Status.CLOSED,),
}

#: States in which nothing more is expected of anyone.
FINISHED: frozenset[Status] = frozenset(
    {Status.RESOLVED, Status.REJECTED, Status.CLOSED, Status.CANCELLED, Status.WON, Status.LOST}
)
OPEN: frozenset[Status] = frozenset(Status) - FINISHED

#: Moves that must carry an explanation (shown to whoever reads the timeline later).
NOTE_REQUIRED: frozenset[Status] = frozenset(
    {Status.REJECTED, Status.CANCELLED, Status.REOPENED, Status.LOST}
)
#: Moves that must say what was agreed (refund, replacement, ...).
RESOLUTION_REQUIRED: frozenset[Status] = frozenset({Status.APPROVED, Status.RESOLVED})

_WAITING: dict[Status, WaitingOn] = {
    Status.AWAITING_CUSTOMER: WaitingOn.CUSTOMER,
    Status.AWAITING_SUPPLIER: WaitingOn.SUPPLIER,
    Status.AWAITING_RETURN: WaitingOn.CUSTOMER,
    Status.RETURN_IN_TRANSIT: WaitingOn.CARRIER,
    Status.EVIDENCE_SUBMITTED: WaitingOn.BANK,
}


class TransitionError(InputError):
    """A status change the workflow does not allow, with the reason in plain words."""


@dataclass(frozen=True)
class TransitionRequest:
    current: Status
    target: Status
    note: str = ""
    resolution: str = ""


def initial_status(kind: Kind) -> Status:
    return Status.CHARGEBACK_OPEN if kind == Kind.CHARGEBACK else Status.NEW


def allowed_targets(current: Status) -> tuple[Status, ...]:
    return TRANSITIONS[Status(current)]


def waiting_on(status: Status) -> WaitingOn:
    status = Status(status)
    if status in FINISHED:
        return WaitingOn.NOBODY
    return _WAITING.get(status, WaitingOn.ME)


def check_transition(request: TransitionRequest) -> None:
    """Raise TransitionError unless ``request`` is an allowed, complete move."""
    current, target = Status(request.current), Status(request.target)
    if target not in TRANSITIONS[current]:
        options = ", ".join(status_label(s) for s in TRANSITIONS[current]) or t("none")
        raise TransitionError(
            t(
                "A case that is {current} cannot become {target}. Allowed next: {options}.",
                current=status_label(current).lower(),
                target=status_label(target).lower(),
                options=options,
            )
        )
    if target in NOTE_REQUIRED and not request.note.strip():
        raise TransitionError(
            t("Say why the case is {status}.", status=status_label(target).lower())
        )
    if target in RESOLUTION_REQUIRED and not request.resolution.strip():
        raise TransitionError(
            t(
                "Choose the agreed resolution before marking the case {status}.",
                status=status_label(target).lower(),
            )
        )
