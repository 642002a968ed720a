"""When posting money asks for a confirmation first: large amounts and unusual postings.

A wrong kind or a misplaced decimal costs real money, so the window repeats the amount
and the kind in words before posting when:

- the amount is at least half of what the customer paid on the order (large);
- it is ten times the amount of the case or more (a decimal typed in the wrong place);
- a chargeback kind is posted on a case that is not a chargeback, or a kind that needs
  an explanation ("other cost", "other recovery") is used.
"""

from __future__ import annotations

from enum import StrEnum

from returnsdesk.domain.ledger import LedgerKind

CHARGEBACK_KINDS = {
    LedgerKind.CHARGEBACK_DEBIT,
    LedgerKind.CHARGEBACK_FEE,
    LedgerKind.CHARGEBACK_REVERSAL,
}
OTHER_KINDS = {LedgerKind.OTHER_COST, LedgerKind.OTHER_RECOVERY}


class Concern(StrEnum):
    LARGE = "large"
    TEN_TIMES_CASE = "ten_times_case"
    CHARGEBACK_KIND_ON_OTHER_CASE = "chargeback_kind_on_other_case"
    OTHER_KIND = "other_kind"


def concerns(
    kind: LedgerKind, amount: int, order_total: int, case_amount: int, case_is_chargeback: bool
) -> list[Concern]:
    """Why this posting deserves a second look (empty: post without asking)."""
    found = []
    if order_total > 0 and amount * 2 >= order_total:
        found.append(Concern.LARGE)
    if case_amount > 0 and amount >= 10 * case_amount:
        found.append(Concern.TEN_TIMES_CASE)
    if kind in CHARGEBACK_KINDS and not case_is_chargeback:
        found.append(Concern.CHARGEBACK_KIND_ON_OTHER_CASE)
    if kind in OTHER_KINDS:
        found.append(Concern.OTHER_KIND)
    return found
