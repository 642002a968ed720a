"""The status workflow is explicit and complete."""

from __future__ import annotations

import pytest

from returnsdesk.domain.rma import format_rma, parse_rma
from returnsdesk.domain.workflow import (
    FINISHED,
    STATUS_LABELS,
    TRANSITIONS,
    Kind,
    Status,
    TransitionError,
    TransitionRequest,
    WaitingOn,
    check_transition,
    initial_status,
    waiting_on,
)


def test_every_status_has_transitions_and_a_label():
    assert set(TRANSITIONS) == set(Status)
    assert set(STATUS_LABELS) == set(Status)


def test_every_status_is_reachable_from_a_start():
    seen, frontier = set(), [Status.NEW, Status.CHARGEBACK_OPEN]
    while frontier:
        status = frontier.pop()
        if status not in seen:
            seen.add(status)
            frontier.extend(TRANSITIONS[status])
    assert seen == set(Status)


def test_every_open_state_can_be_cancelled_or_finished():
    for status in set(Status) - FINISHED:
        assert TRANSITIONS[status], status


@pytest.mark.parametrize(
    "current, target",
    [
        (Status.NEW, Status.AWAITING_CUSTOMER),
        (Status.AWAITING_CUSTOMER, Status.AWAITING_SUPPLIER),
        (Status.APPROVED, Status.AWAITING_RETURN),
        (Status.AWAITING_RETURN, Status.RETURN_IN_TRANSIT),
        (Status.RETURN_IN_TRANSIT, Status.RECEIVED),
        (Status.RESOLVED, Status.CLOSED),
        (Status.CHARGEBACK_OPEN, Status.EVIDENCE_SUBMITTED),
        (Status.EVIDENCE_SUBMITTED, Status.WON),
    ],
)
def test_allowed_moves(current, target):
    check_transition(TransitionRequest(current, target))


@pytest.mark.parametrize(
    "current, target",
    [
        (Status.CLOSED, Status.APPROVED),
        (Status.CANCELLED, Status.NEW),
        (Status.NEW, Status.RECEIVED),
        (Status.NEW, Status.WON),
        (Status.CHARGEBACK_OPEN, Status.APPROVED),
        (Status.RESOLVED, Status.NEW),
    ],
)
def test_illegal_moves_are_refused_with_the_options(current, target):
    with pytest.raises(TransitionError, match="Allowed next"):
        check_transition(TransitionRequest(current, target, note="x", resolution="refund"))


def test_moves_that_need_a_note_or_resolution():
    with pytest.raises(TransitionError, match="Say why"):
        check_transition(TransitionRequest(Status.NEW, Status.REJECTED))
    with pytest.raises(TransitionError, match="resolution"):
        check_transition(TransitionRequest(Status.NEW, Status.APPROVED))
    check_transition(TransitionRequest(Status.NEW, Status.REJECTED, note="Used item"))


def test_waiting_on_and_initial_status():
    assert waiting_on(Status.AWAITING_SUPPLIER) == WaitingOn.SUPPLIER
    assert waiting_on(Status.AWAITING_CUSTOMER) == WaitingOn.CUSTOMER
    assert waiting_on(Status.NEW) == WaitingOn.ME
    assert waiting_on(Status.CLOSED) == WaitingOn.NOBODY
    assert initial_status(Kind.CHARGEBACK) == Status.CHARGEBACK_OPEN
    assert initial_status(Kind.RETURN) == Status.NEW


def test_rma_format_and_parse():
    assert format_rma(2026, 42) == "RMA-2026-00042"
    assert format_rma(2026, 123456) == "RMA-2026-123456"
    assert parse_rma("rma-2026-00042") == (2026, 42)
    with pytest.raises(ValueError):
        parse_rma("RMA-26-1")
