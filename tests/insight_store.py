"""A small hand-made store for the report and risk tests (figures counted by hand below)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.services.cases import OpenCaseInput, open_case
from returnsdesk.services.contacts import ContactInput, Direction, log_contact, record_decision
from returnsdesk.services.ledger import EntryInput, post_entry, reverse_entry
from returnsdesk.services.orders import LineInput, OrderInput, create_order
from returnsdesk.services.satisfaction import record_answer
from returnsdesk.store.models import Case, Supplier, SurveyAnswer

START, END = date(2026, 4, 1), date(2026, 4, 30)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def _order(number, name, email, placed, lines, currency="EUR", **extra):
    return create_order(
        OrderInput(
            number=number,
            customer_name=name,
            customer_email=email,
            customer_country="FR",
            currency=currency,
            placed_at=placed,
            delivered_on=extra.pop("delivered_on", date(placed.year, placed.month, placed.day + 3)),
            lines=lines,
            **extra,
        ),
        now=placed,
    )


def _close(case: Case, when: datetime, status: str = "closed", resolution: str = "refund") -> None:
    Case.update(status=status, closed_at=when, agreed_resolution=resolution).where(
        Case.id == case.id
    ).execute()


def build() -> dict:
    """Orders placed in April: #1 #2 #3 #4 (8 units); #5 in March. Cases opened in April:
    c1 (#1, defective), c2 (#2, MUG line only, not as described), c3 (#5, size too small);
    c4 opened in May. Closed in April: c3 and c1 (opened in March? no: c1 opened in April)."""
    a = Supplier.create(name="Atelier", timezone="UTC", created_at=at(1, 1))
    b = Supplier.create(name="Bright", timezone="UTC", created_at=at(1, 1))
    lamp = lambda q: LineInput("Lamp", q, 4900, sku="LMP", supplier_id=a.id)  # noqa: E731
    mug = lambda q: LineInput("Mug", q, 1500, sku="MUG", supplier_id=b.id)  # noqa: E731
    o1 = _order("#1", "Alice Martin", "alice@example.com", at(4, 2), [lamp(1)])
    o2 = _order("#2", "Bob Roy", "bob@example.com", at(4, 5), [lamp(2), mug(1)])
    _order("#3", "Carol Diaz", "carol@example.com", at(4, 10), [mug(1)])
    o4 = _order("#4", "Alice Martin", "alice@example.com", at(4, 20), [mug(3)], currency="GBP")
    o5 = _order("#5", "Dave Low", "dave@example.com", at(3, 15), [lamp(1)])

    c1 = open_case(OpenCaseInput(o1.id, Kind.RETURN, Reason.DEFECTIVE), now=at(4, 12))
    mug_line = [line for line in o2.lines if line.sku == "MUG"][0]
    c2 = open_case(
        OpenCaseInput(o2.id, Kind.REFUND_ONLY, Reason.NOT_AS_DESCRIBED, lines=[(mug_line.id, 1)]),
        now=at(4, 14),
    )
    c3 = open_case(OpenCaseInput(o5.id, Kind.RETURN, Reason.SIZE_TOO_SMALL), now=at(4, 3))
    c4 = open_case(OpenCaseInput(o4.id, Kind.RETURN, Reason.DAMAGED_IN_TRANSIT), now=at(5, 2))

    # Money: c1 refunded 49.00, Atelier reimbursed 20.00; c2 refunded 15.00 then a 5.00
    # label reversed; c4 (GBP) refunded in May (outside the period).
    post_entry(
        EntryInput(c1.id, LedgerKind.CUSTOMER_REFUND, 4900, "EUR", date(2026, 4, 15)), now=at(4, 15)
    )
    post_entry(
        EntryInput(c1.id, LedgerKind.SUPPLIER_REIMBURSEMENT, 2000, "EUR", date(2026, 4, 25)),
        now=at(4, 25),
    )
    post_entry(
        EntryInput(c2.id, LedgerKind.CUSTOMER_REFUND, 1500, "EUR", date(2026, 4, 20)), now=at(4, 20)
    )
    label = post_entry(
        EntryInput(c2.id, LedgerKind.RETURN_LABEL_COST, 500, "EUR", date(2026, 4, 21)),
        now=at(4, 21),
    )
    reverse_entry(label.id, "typed twice", entry_date=date(2026, 4, 22), now=at(4, 22))
    post_entry(
        EntryInput(c4.id, LedgerKind.CUSTOMER_REFUND, 4500, "GBP", date(2026, 5, 3)), now=at(5, 3)
    )

    # Claims: Atelier on c1 (sent 13th 10:00, answered 15th 10:00 = 2 days, approved);
    # Bright on c2 (sent 16th, never answered).
    log_contact(
        ContactInput(a.id, Direction.SENT, case_id=c1.id, at=at(4, 13), subject="Claim"),
        now=at(4, 13),
    )
    record_decision(c1.id, "approved", now=at(4, 15))
    log_contact(
        ContactInput(b.id, Direction.SENT, case_id=c2.id, at=at(4, 16), subject="Claim"),
        now=at(4, 16),
    )

    _close(c3, at(4, 20))  # 17 days after opening
    _close(c1, at(4, 27))  # 15 days after opening
    record_answer(c3.id, 4, 5, "Quick and easy", answered_on=date(2026, 4, 28), now=at(4, 28))
    record_answer(c1.id, 2, 3, "", answered_on=date(2026, 4, 29), now=at(4, 29))
    assert SurveyAnswer.select().count() == 2
    return {"a": a, "b": b, "c1": c1, "c2": c2, "c3": c3, "c4": c4}
