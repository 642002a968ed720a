"""The money of one sample case: what left (refunds, labels, chargebacks) and what came back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.reasons import Resolution
from returnsdesk.domain.workflow import Kind, Status
from returnsdesk.store.models import to_stamp

if TYPE_CHECKING:
    from returnsdesk.demo.case_story import CaseStory

S = Status


class _Entries:
    """Adds the case's ledger rows, all dated at its last step."""

    def __init__(self, story: CaseStory) -> None:
        self.story = story
        last = story.times[-1] if story.times else story.opened
        self.when = last.date().isoformat()
        self.stamp = to_stamp(last)

    def __call__(self, kind: LedgerKind, value: int, memo: str = "", method: str = "") -> None:
        if value <= 0:
            return
        story = self.story
        reference = f"R{story.rng.randrange(10**6, 10**7)}"
        row = (story.case_id, self.when, kind.value, value, story.currency, method, reference)
        row += (memo, None, "", self.stamp)  # type: ignore[assignment]
        story.ledger_rows.append(row)
        story.gen.add("ledger_entry", row)


def add_ledger(story: CaseStory) -> None:
    """The ledger rows of the case, as its kind, path and resolution imply."""
    rng, path, amount, factor = story.rng, story.path, story.amount, story.factor
    entry = _Entries(story)
    if S.AWAITING_RETURN in path:
        cost = rng.choice([590, 750, 1190]) * factor // 100
        entry(LedgerKind.RETURN_LABEL_COST, cost, "Prepaid return label")
    if story.kind == Kind.CHARGEBACK:
        entry(LedgerKind.CHARGEBACK_DEBIT, amount, "Disputed amount debited by the bank")
        entry(LedgerKind.CHARGEBACK_FEE, 15 * factor, "Processor dispute fee")
        if S.WON in path:
            entry(LedgerKind.CHARGEBACK_REVERSAL, amount, "Dispute won")
        return
    if S.RESOLVED not in path and S.APPROVED not in path:
        return
    resolution = story.resolution
    if resolution == Resolution.STORE_CREDIT:
        entry(LedgerKind.STORE_CREDIT_ISSUED, amount, "Store credit instead of refund")
    elif resolution in (Resolution.REPLACEMENT, Resolution.EXCHANGE):
        cost = amount * rng.choice([40, 50, 60]) // 100
        entry(LedgerKind.REPLACEMENT_COST, cost, "Replacement shipped by the supplier")
    else:
        share = 100 if resolution == Resolution.REFUND else rng.choice([20, 30, 50])
        memo = "Full refund" if share == 100 else f"Partial refund ({share} %)"
        entry(LedgerKind.CUSTOMER_REFUND, amount * share // 100, memo, "Card")
    if S.RESOLVED in path and rng.random() < 0.65:
        paid_back = amount * rng.choice([30, 45, 60]) // 100
        entry(
            LedgerKind.SUPPLIER_REIMBURSEMENT,
            paid_back,
            "Supplier paid back the cost price",
            "Bank transfer",
        )
    pct = story.gen.supplier_policies[story.supplier_id - 1].restocking_fee_percent
    if S.RECEIVED in path and pct:
        entry(LedgerKind.RESTOCKING_FEE_KEPT, amount * pct // 100, f"{pct} % restocking fee")


def refunded_on(rows: list[tuple[object, ...]], amount: int) -> date | None:
    """The day the case's customer refunds (its ledger ``rows``) reached its amount."""
    total = 0
    for row in rows:
        if row[2] == LedgerKind.CUSTOMER_REFUND.value:
            value = row[3]
            assert isinstance(value, int)
            total += value
            if total >= amount > 0:
                return date.fromisoformat(str(row[1]))
    return None
