"""The deadlines of one case with their state: the customer's windows (open, met, missed)
and the merchant's work (open, overdue, met, missed, waiting on the customer)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from returnsdesk.domain.deadlines import add_days, add_hours_utc
from returnsdesk.domain.policy.context import (
    Context,
    add_years,
    make_context,
    store_window_end,
    withdrawal_days,
    withdrawal_end,
    withdrawal_lines,
)
from returnsdesk.domain.policy.facts import (
    LEGAL_GUARANTEE_YEARS,
    LEGAL_REFUND_DAYS,
    UK_RIGHT_TO_REJECT_DAYS,
    WITHDRAWAL_KINDS,
    CaseFacts,
    StorePolicy,
    SupplierPolicy,
)
from returnsdesk.domain.policy.results import Deadline, DeadlineState
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.regions import LegalRegion


def _customer_window(ctx: Context, end: date) -> tuple[DeadlineState, date | None]:
    """A window for the customer to ask in: open while it runs, then met (they asked in
    time) or missed. Never the merchant's work, so never overdue."""
    if ctx.request_on > end:
        return DeadlineState.MISSED, None
    if ctx.today <= end:
        return DeadlineState.OPEN, None
    return DeadlineState.MET, ctx.request_on


def _action_state(done: date | None, due: date, today: date) -> tuple[DeadlineState, date | None]:
    if done is not None:
        return (DeadlineState.MET if done <= due else DeadlineState.MISSED), done
    return (DeadlineState.OVERDUE if today > due else DeadlineState.OPEN), None


def _moment_state(
    done: datetime | None, due_at: datetime, now: datetime, done_day: date | None
) -> tuple[DeadlineState, date | None]:
    if done is not None:
        return (DeadlineState.MET if done <= due_at else DeadlineState.MISSED), done_day
    return (DeadlineState.OVERDUE if now > due_at else DeadlineState.OPEN), None


def evidence_days(store: StorePolicy, supplier: SupplierPolicy | None) -> int:
    if supplier is not None and supplier.evidence_days is not None:
        return supplier.evidence_days
    return store.evidence_days


def supplier_evidence_due(
    delivered_on: date | None, store: StorePolicy, supplier: SupplierPolicy | None
) -> date | None:
    """The supplier evidence deadline alone (cheap: for lists of many cases)."""
    if delivered_on is None:
        return None
    return add_days(delivered_on, evidence_days(store, supplier))


def _refund_deadline(ctx: Context, w_end: date | None) -> Deadline | None:
    facts = ctx.facts
    if facts.kind not in WITHDRAWAL_KINDS or not withdrawal_lines(ctx):
        return None
    notice = ctx.request_on
    # A notice after the withdrawal period is not a legal withdrawal (the store window may
    # still take the item back). Before delivery it is: CRD art. 9(3).
    if w_end is not None and notice > w_end:
        return None
    back = [d for d in (facts.goods_received_on, facts.proof_of_sending_on) if d is not None]
    goods_back = min(back) if back else None
    params: dict[str, Any] = {"notice": notice, "goods_back": goods_back}
    if ctx.region == LegalRegion.UK:
        # CCR 2013 reg. 34(5)-(6): 14 days after the goods, or proof of sending, arrive.
        due = add_days(goods_back, LEGAL_REFUND_DAYS) if goods_back else None
        template = "deadline.legal_refund_by.uk" + ("" if due else "_waiting")
    else:
        # CRD art. 13(1): 14 days from the notice; art. 13(3): the trader may withhold the
        # refund until the goods or proof of sending arrive, whichever is earlier. Not
        # rolled to a working day: paying on the 14th day never hurts the consumer.
        due = add_days(notice, LEGAL_REFUND_DAYS)
        template = "deadline.legal_refund_by.eu"
        if goods_back is not None and goods_back > due:
            due = goods_back
            template = "deadline.legal_refund_by.eu_goods_late"
    params["due"] = due
    waiting = False
    done: date | None
    if facts.refunded_on is not None:
        if due is None:
            state, done = DeadlineState.MET, facts.refunded_on
        else:
            state, done = _action_state(facts.refunded_on, due, ctx.today)
    elif due is None:
        state, done, waiting = DeadlineState.OPEN, None, True
    else:
        state, done = _action_state(None, due, ctx.today)
        if state == DeadlineState.OVERDUE and goods_back is None:
            # The trader may wait for the goods or the proof of sending (art. 13(3)).
            state, waiting = DeadlineState.OPEN, True
            template = "deadline.legal_refund_by.eu_waiting"
    params["refunded"] = facts.refunded_on
    return Deadline("legal_refund_by", due, None, state, done, waiting, False, template, params)


def compute_deadlines(
    facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None = None
) -> list[Deadline]:
    """Every deadline that applies to the case with its state, earliest first.

    Deadlines that do not apply are left out."""
    ctx = make_context(facts, store, supplier)
    delivered = [line.delivered_on for line in facts.case_lines if line.delivered_on is not None]
    found: list[Deadline | None] = []
    if _returnable(facts):
        w_end, raw_end, _ = withdrawal_end(ctx)
        found += [
            _customer_return(ctx, delivered),
            _legal_withdrawal(ctx, w_end, raw_end),
            _refund_deadline(ctx, w_end),
            _legal_remedy(ctx, delivered),
        ]
    found += [
        _supplier_evidence(ctx, delivered),
        _supplier_follow_up(ctx),
        _first_response(ctx),
        _chargeback_response(ctx),
    ]
    return sorted((d for d in found if d is not None), key=_sort_key)


def _returnable(facts: CaseFacts) -> bool:
    """Goods that can come back (not a chargeback, not a parcel that never came)."""
    return facts.kind not in ("chargeback", "not_received") and facts.reason not in (
        Reason.NOT_RECEIVED,
        Reason.ARRIVED_LATE,
    )


def _customer_return(ctx: Context, delivered: list[date]) -> Deadline | None:
    """The store's own return window, from the last delivered case line."""
    if not delivered:
        return None
    end, peak = max(store_window_end(ctx, d) for d in delivered)
    state, done = _customer_window(ctx, end)
    params = {"delivered": max(delivered), "days": ctx.store.return_days, "end": end,
              "request": ctx.request_on}  # fmt: skip
    template = "deadline.customer_return" + (".peak" if peak else "")
    return Deadline("customer_return", end, None, state, done, template=template, params=params)


def _legal_withdrawal(ctx: Context, w_end: date | None, raw_end: date | None) -> Deadline | None:
    """The legal withdrawal period (CRD art. 9; CCR 2013 reg. 30) when a line is covered."""
    if w_end is None or not withdrawal_lines(ctx):
        return None
    state, done = _customer_window(ctx, w_end)
    params = {"country": ctx.facts.customer_country, "days": withdrawal_days(ctx), "end": w_end,
              "request": ctx.request_on, "raw_end": raw_end}  # fmt: skip
    return Deadline("legal_withdrawal", w_end, None, state, done, params=params)


def _legal_remedy(ctx: Context, delivered: list[date]) -> Deadline | None:
    """Faulty goods, every case line delivered: the UK 30-day right to reject (CRA 2015
    s.22) or the EU/EEA 2-year legal guarantee (Directive 2019/771 art. 10)."""
    if not ctx.fault or not delivered or len(delivered) != len(ctx.facts.case_lines):
        return None
    last_delivered = max(delivered)
    params: dict[str, Any] = {"delivered": last_delivered}
    if ctx.region == LegalRegion.UK:
        end = add_days(last_delivered, UK_RIGHT_TO_REJECT_DAYS)
        code = "uk_right_to_reject"
    elif ctx.region is not None:
        end = ctx.roll(add_years(last_delivered, LEGAL_GUARANTEE_YEARS))
        code = "legal_guarantee"
    else:
        return None
    state, done = _customer_window(ctx, end)
    params["end"] = end
    return Deadline(code, end, None, state, done, params=params)


def _supplier_evidence(ctx: Context, delivered: list[date]) -> Deadline | None:
    """Faulty goods: proof to the supplier within its evidence days of delivery (estimated
    from the shipping day while no case line is delivered)."""
    facts = ctx.facts
    if facts.kind == "chargeback" or not ctx.fault:
        return None
    start = min(delivered) if delivered else facts.shipped_on
    if start is None:
        return None
    days = evidence_days(ctx.store, ctx.supplier)
    due = add_days(start, days)
    sent = ctx.day(facts.claim_sent_at) if facts.claim_sent_at else None
    state, done = _action_state(sent, due, ctx.today)
    estimate = not delivered
    template = "deadline.supplier_evidence" + (".estimate" if estimate else "")
    return Deadline("supplier_evidence", due, None, state, done, False, estimate, template,
                    {"start": start, "days": days, "due": due})  # fmt: skip


def _supplier_follow_up(ctx: Context) -> Deadline | None:
    """Chase the supplier when a claim has waited its follow-up hours for a reply."""
    sent = ctx.facts.awaiting_supplier_since
    if sent is None:
        return None
    supplier, store = ctx.supplier, ctx.store
    hours = store.follow_up_hours
    if supplier is not None and supplier.follow_up_hours is not None:
        hours = supplier.follow_up_hours
    due_at = add_hours_utc(sent, hours)
    state = DeadlineState.OVERDUE if ctx.facts.now > due_at else DeadlineState.OPEN
    supplier_tz = supplier.timezone if supplier is not None else "UTC"
    params = {"sent": sent, "hours": hours, "due_at": due_at, "supplier_tz": supplier_tz,
              "tz": store.time_zone}  # fmt: skip
    return Deadline("supplier_follow_up", ctx.day(due_at), due_at, state, params=params)


def _first_response(ctx: Context) -> Deadline:
    """Answer the customer within the store's first-response hours of the request."""
    facts, store = ctx.facts, ctx.store
    due_at = add_hours_utc(facts.opened_at, store.first_response_hours)
    answered = facts.first_response_at
    state, done = _moment_state(
        answered, due_at, facts.now, ctx.day(answered) if answered else None
    )
    return Deadline("first_response", ctx.day(due_at), due_at, state, done,
                    params={"opened": facts.opened_at, "hours": store.first_response_hours,
                            "due_at": due_at, "tz": store.time_zone})  # fmt: skip


def _chargeback_response(ctx: Context) -> Deadline | None:
    """Answer the processor's chargeback notice by its due moment."""
    facts = ctx.facts
    if facts.kind != "chargeback" or facts.chargeback_due_at is None:
        return None
    due_at = facts.chargeback_due_at.astimezone(UTC)
    answered = facts.chargeback_answered_at
    state, done = _moment_state(
        answered, due_at, facts.now, ctx.day(answered) if answered else None
    )
    return Deadline("chargeback_response", ctx.day(due_at), due_at, state, done,
                    params={"due_at": due_at, "tz": ctx.store.time_zone})  # fmt: skip


def _sort_key(d: Deadline) -> tuple[date, datetime, str]:
    # A whole-day deadline counts as due at the end of its day; undated ones come last.
    day = d.due or date.max
    at = d.due_at or datetime.combine(day, time.max, UTC)
    return (day, at, d.code)


def next_deadline(deadlines: Iterable[Deadline], today: date | None = None) -> Deadline | None:
    """The merchant's next piece of real work: the earliest open or overdue deadline that
    is not waiting on the customer. Customer windows, met and waiting ones never count."""
    pending = [d for d in deadlines if d.pending]
    return min(pending, key=_sort_key) if pending else None
