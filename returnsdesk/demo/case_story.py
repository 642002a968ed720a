"""One sample case from start to now: its order, timeline, supplier messages, evidence,
money and next deadline, drawn from the generator's random source in a fixed order."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from returnsdesk.demo.catalogue import (
    CARRIERS,
    CHARGEBACK_DONE,
    CHARGEBACK_OPEN,
    CUSTOMER_NOTES,
    DONE_PATHS,
    KIND_WEIGHTS,
    NOTES_FOR,
    OPEN_PATHS,
    PRICE_FACTOR,
    PRODUCTS,
    REASONS_BY_KIND,
)
from returnsdesk.demo.events import event_row
from returnsdesk.demo.generator import weighted
from returnsdesk.demo.ledger import add_ledger, refunded_on
from returnsdesk.domain.chargebacks import suggested_reason
from returnsdesk.domain.policy import CaseFacts, LineFacts, compute_deadlines, end_of_day
from returnsdesk.domain.policy import next_deadline as first_deadline
from returnsdesk.domain.reasons import Reason, Resolution, default_fault, reason_label
from returnsdesk.domain.workflow import FINISHED, Kind, Status
from returnsdesk.store.models import to_stamp

if TYPE_CHECKING:
    from returnsdesk.demo.generator import Generator

S = Status
_RESOLUTION = {
    Kind.RETURN: Resolution.REFUND,
    Kind.REFUND_ONLY: Resolution.PARTIAL_REFUND,
    Kind.REPLACEMENT: Resolution.REPLACEMENT,
    Kind.EXCHANGE: Resolution.EXCHANGE,
    Kind.NOT_RECEIVED: Resolution.REFUND,
    Kind.CHARGEBACK: Resolution.REFUND,
}
#: A drawn order line: (line id, quantity, unit price, supplier id, personalised).
Line = tuple[int, int, int, int, bool]


class CaseStory:
    """Draws and adds the rows of case ``case_id`` (its order has the same id)."""

    def __init__(self, gen: Generator, case_id: int) -> None:
        self.gen, self.rng, self.now, self.case_id = gen, gen.rng, gen.now, case_id
        self.ledger_rows: list[tuple[object, ...]] = []

    def write(self) -> None:
        self._facts()
        self._order()
        self._claimed_lines()
        self._path()
        self._timeline()
        self._contacts()
        self._evidence()
        add_ledger(self)
        self._case_row(self._next_deadline())
        self.gen.rows.flush_if_full()

    def _facts(self) -> None:
        rng, now = self.rng, self.now
        # Most cases are old and finished; a steady stream of recent ones stays open.
        self.recent = rng.random() < 0.3
        self.age_days = rng.uniform(0, 28) if self.recent else rng.uniform(28, 540)
        minutes = rng.randrange(0, 1440)
        self.opened = (now - timedelta(days=self.age_days, minutes=minutes)).replace(second=0)
        self.customer_id, self.country, self.currency = self.rng.choice(self.gen.customers)
        self.factor = PRICE_FACTOR[self.currency]
        delivered_after = rng.randrange(5, 20)
        self.placed = self.opened - timedelta(days=delivered_after + rng.randrange(1, 12))
        delivered: date | None = (self.placed + timedelta(days=delivered_after)).date()
        self.kind = weighted(rng, KIND_WEIGHTS)
        self.reason: Reason = rng.choice(REASONS_BY_KIND[self.kind])
        if self.kind == Kind.NOT_RECEIVED:
            delivered = None
        self.delivered = delivered

    def _order(self) -> None:
        rng, gen, case_id = self.rng, self.gen, self.case_id
        self.lines: list[Line] = []
        for line_no in range(rng.choice([1, 1, 1, 2, 2, 3])):
            product_index = rng.randrange(len(PRODUCTS))
            sku, title, supplier_index, price, personalised, variants = PRODUCTS[product_index]
            quantity = rng.choice([1, 1, 1, 2])
            unit = price * self.factor
            line_id = case_id * 4 + line_no
            self.lines.append((line_id, quantity, unit, supplier_index + 1, personalised))
            variant = rng.choice(variants)
            gen.add(
                "order_line",
                (line_id, case_id, product_index + 1, supplier_index + 1, sku, title, variant)
                + (quantity, unit, int(personalised), None, 0, 0),
            )
        subtotal = sum(q * u for _, q, u, _, _ in self.lines)
        shipping = rng.choice([0, 499, 699]) * self.factor // 100
        self.carrier = carrier = rng.choice(CARRIERS)
        tracking = f"{carrier[:2].upper()}{rng.randrange(10**9, 10**10)}FR"
        placed, delivered = self.placed, self.delivered
        method = rng.choice(["Card", "PayPal", "Shop Pay"])
        payment = f"ch_{rng.randrange(16**12):012x}"
        gen.add(
            "order",
            (case_id, "shopify", f"#{1000 + case_id}", self.customer_id, to_stamp(placed))
            + (to_stamp(placed + timedelta(minutes=3)), self.shipped_on.isoformat())
            + (delivered.isoformat() if delivered else None, self.currency, subtotal, shipping)
            + (0, subtotal + shipping, method, payment, carrier, tracking, self.country)
            + (self.country, ""),
        )

    @property
    def shipped_on(self) -> date:
        return (self.placed + timedelta(days=2)).date()

    def _claimed_lines(self) -> None:
        self.chosen = self.lines if self.rng.random() < 0.7 else self.lines[:1]
        for line_id, quantity, _, _, _ in self.chosen:
            self.gen.add("case_line", (self.case_id, line_id, quantity))
        self.amount = sum(q * u for _, q, u, _, _ in self.chosen)
        self.supplier_id = self.chosen[0][3]

    def _path(self) -> None:
        rng, kind = self.rng, self.kind
        if kind == Kind.CHARGEBACK:
            self.path = rng.choice(CHARGEBACK_OPEN if self.recent else CHARGEBACK_DONE)
        else:
            self.path = rng.choice(OPEN_PATHS if self.recent else DONE_PATHS)
        self.status = self.path[-1]
        self.resolution = _RESOLUTION[kind]
        if kind == Kind.RETURN and rng.random() < 0.2:
            self.resolution = Resolution.STORE_CREDIT

    def _timeline(self) -> None:
        """One event per step, spread over the case's life so far."""
        rng, path, opened, case_id = self.rng, self.path, self.opened, self.case_id
        span = max(1.0, min(self.age_days, 40.0))
        times = sorted(opened + timedelta(hours=rng.uniform(2, span * 24)) for _ in path[1:])
        self.times = times = [min(t, self.now) for t in times]
        params = {"kind": self.kind.value, "reason": self.reason.value}
        opening = event_row(case_id, opened, "created", "case_opened", params, to_status=path[0])
        self.gen.add("case_event", opening)
        self.agreed = ""
        for previous, step, at in zip(path, path[1:], times, strict=False):
            note = rng.choice(NOTES_FOR[step]) if step in NOTES_FOR else ""
            if step in (S.APPROVED, S.RESOLVED):
                self.agreed = self.resolution.value
            params = {"from_status": previous.value, "to_status": step.value, "note": note}
            params["resolution"] = self.agreed if step in (S.APPROVED, S.RESOLVED) else ""
            row = event_row(case_id, at, "status", "status_changed", params, previous, step)
            self.gen.add("case_event", row)
        self.last_activity = times[-1] if times else opened
        first_response = None
        if len(path) > 1:
            first_response = opened + timedelta(hours=rng.uniform(1, 30))
        if first_response and first_response > self.now:
            first_response = None
        self.first_response = first_response
        self.chargeback_due = None
        if self.kind == Kind.CHARGEBACK:
            self.chargeback_due = (opened + timedelta(days=rng.randrange(7, 21))).date()

    def _contacts(self) -> None:
        """A claim to the supplier, and its answer once the case moved on."""
        rng, now, opened = self.rng, self.now, self.opened
        claim_at = opened + timedelta(hours=rng.uniform(3, 30))
        self.waiting = self.status == S.AWAITING_SUPPLIER
        self.supplier_ref = f"SR-{rng.randrange(10**6, 10**7)}"
        self.contact_id = self.gen.count("supplier_contact") + 1
        follow_up = self.gen.supplier_policies[self.supplier_id - 1].follow_up_hours or 48
        if self.waiting:  # a recent claim, some still within the follow-up threshold
            recent_claim = now - timedelta(hours=rng.uniform(1, 90))
            claim_at = min(now, max(opened + timedelta(hours=1), recent_claim))
        answered_at = None if self.waiting else claim_at + timedelta(hours=rng.uniform(4, 70))
        # Nothing is written, sent or answered after the demo's "now".
        self.claim_at = claim_at = min(claim_at, now)
        self.answered_at = answered_at = min(answered_at, now) if answered_at else None
        number = 1000 + self.case_id
        body = (
            f"Hello, the customer reports: {reason_label(self.reason, 'en').lower()}. "
            "Photos attached. Please advise."
        )
        due = to_stamp(claim_at + timedelta(hours=follow_up))
        answered = to_stamp(answered_at) if answered_at else None
        self.gen.add(
            "supplier_contact",
            (self.contact_id, self.supplier_id, self.case_id, to_stamp(claim_at), "email")
            + ("sent", f"Claim for order #{number}", body, "", 1, due, answered),
        )
        self.gen.add("case_event", event_row(self.case_id, claim_at, "contact", "claim_sent", {}))
        if answered_at is not None:
            self._answer(answered_at, number)

    def _answer(self, answered_at: datetime, number: int) -> None:
        answer = self.rng.choice(
            [
                "Refund approved.",
                "We will send a new one.",
                "Please ask the customer to return the item.",
                "Not covered: damage caused by use.",
            ]
        )
        self.gen.add(
            "supplier_contact",
            (self.contact_id + 1, self.supplier_id, self.case_id, to_stamp(answered_at))
            + ("email", "received", f"Re: Claim for order #{number}")
            + ("We checked the photos. " + answer, self.supplier_ref, 0, None, None),
        )
        params = {"reference": self.supplier_ref}
        row = event_row(self.case_id, answered_at, "contact", "supplier_replied", params)
        self.gen.add("case_event", row)
        self.last_activity = max(self.last_activity, answered_at)

    def _evidence(self) -> None:
        """Evidence for about half the cases: 1-3 shared photos from the customer."""
        rng, images = self.rng, self.gen.images
        if not (rng.random() < 0.5 and self.kind != Kind.NOT_RECEIVED):
            return
        captions = ["Photo sent by the customer", "Box as delivered", "Close-up of the fault", ""]
        for _ in range(rng.randrange(1, 4)):
            file_id = rng.randrange(len(images)) + 1
            added = min(self.opened + timedelta(hours=rng.uniform(0, 48)), self.now)
            caption = rng.choice(captions)
            self.gen.add(
                "evidence",
                (self.case_id, file_id, self.contact_id, "customer", images[file_id - 1].name)
                + (caption, to_stamp(added), None),
            )

    def _next_deadline(self) -> tuple[str | None, str]:
        """(due day, code) of the case's next deadline; none once it is finished."""
        if self.status in FINISHED:
            return None, ""
        gen, path, times = self.gen, self.path, self.times
        cb_due = self.chargeback_due
        # The same facts the services read back (services/rule_facts.case_facts), so the
        # stored next deadline is what the case workspace shows.
        facts = CaseFacts(
            kind=self.kind.value,
            reason=self.reason,
            placed_at=self.placed,
            customer_country=self.country,
            lines=tuple(
                LineFacts(str(line[0]), self.delivered, personalised=line[4]) for line in self.lines
            ),
            case_line_ids=tuple(str(line[0]) for line in self.chosen),
            opened_at=self.opened,
            now=self.now,
            shipped_on=self.shipped_on,
            first_response_at=self.first_response,
            claim_sent_at=self.claim_at,
            awaiting_supplier_since=self.claim_at if self.waiting else None,
            chargeback_due_at=end_of_day(cb_due, gen.store_policy.time_zone) if cb_due else None,
            refunded_on=refunded_on(self.ledger_rows, self.amount),
            chargeback_answered_at=times[path.index(S.EVIDENCE_SUBMITTED) - 1]
            if S.EVIDENCE_SUBMITTED in path
            else None,
        )
        policy = gen.supplier_policies[self.supplier_id - 1]
        upcoming = first_deadline(compute_deadlines(facts, gen.store_policy, policy))
        if upcoming is None or upcoming.due is None:
            return None, ""
        return upcoming.due.isoformat(), upcoming.code

    def _case_row(self, deadline: tuple[str | None, str]) -> None:
        rng, path, status, case_id = self.rng, self.path, self.status, self.case_id
        reason_note = ""
        if self.reason == Reason.OTHER:
            reason_note = "Customer explains in detail by e-mail."
        closed_at = self.times[-1] if status == S.CLOSED else None
        return_tracking = f"RT{rng.randrange(10**8, 10**9)}" if S.RETURN_IN_TRANSIT in path else ""
        rma = self.gen.rma(self.opened.year)
        supplier_reference = self.supplier_ref if self.answered_at else ""
        label = f"LBL-{case_id:06d}" if S.AWAITING_RETURN in path else ""
        notes = rng.choice(CUSTOMER_NOTES)
        due_on = self.chargeback_due.isoformat() if self.chargeback_due else None
        cb_reference = f"dp_{rng.randrange(16**10):010x}" if self.kind == Kind.CHARGEBACK else ""
        first_response = to_stamp(self.first_response) if self.first_response else None
        self.gen.add(
            "case",
            (case_id, rma, case_id, self.supplier_id, self.kind.value, self.reason.value)
            + (reason_note, default_fault(self.reason).value, self.resolution.value, self.agreed)
            + (status.value, supplier_reference, self.carrier if return_tracking else "")
            + (return_tracking, label, notes, self.currency, self.amount, to_stamp(self.opened))
            + (first_response, due_on, cb_reference, None)
            + (to_stamp(closed_at) if closed_at else None, to_stamp(self.last_activity))
            + (*deadline, 1),
        )
        if self.kind == Kind.CHARGEBACK and due_on:
            self._notice(due_on)

    def _notice(self, due_on: str) -> None:
        """What the processor's notice says: the reason the case reason suggests, Stripe,
        due at the end of the due day in the shop's time zone."""
        due_at = end_of_day(date.fromisoformat(due_on), self.gen.store_policy.time_zone)
        reason = suggested_reason(self.reason.value).value
        self.gen.notices.append((reason, "stripe", to_stamp(due_at), self.case_id))
