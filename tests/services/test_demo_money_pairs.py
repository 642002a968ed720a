"""The demo store holds the real-life money pairs of issue 12."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.formats.pdf.dispute import build_dispute_pack
from returnsdesk.services.chargebacks import paying_twice
from returnsdesk.store.models import Case, LedgerEntry


def test_demo_holds_the_money_pairs(demo_store):
    credit = Case.get(Case.chargeback_reason == "credit_not_processed")
    [refund] = paying_twice(credit.id)
    assert refund.amount_minor == credit.order.total_minor  # refunded in full before
    assert credit.chargeback_processor == "paypal" and credit.chargeback_due_at is not None

    # A partial refund, then a chargeback for the whole order.
    later = [
        c
        for c in Case.select().where(Case.kind == "chargeback")
        if c.id != credit.id and paying_twice(c.id)
    ]
    assert later
    assert all(g.amount_minor < c.order.total_minor for c in later for g in paying_twice(c.id))

    partials = [
        c
        for c in Case.select().where(Case.kind == "return")
        if LedgerEntry.select()
        .where((LedgerEntry.case == c) & (LedgerEntry.kind == LedgerKind.CUSTOMER_REFUND))
        .count()
        == 2
    ]
    assert partials, "a return case with two partial refunds"

    pdf = build_dispute_pack(
        credit.id, demo_store.evidence_dir, "fr", datetime(2026, 6, 1, tzinfo=UTC)
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert refund.rma in text and "Remboursement client" in text


def test_every_demo_chargeback_has_its_notice(demo_store):
    for case in Case.select().where(Case.kind == "chargeback"):
        assert case.chargeback_reason and case.chargeback_processor, case.rma
        assert case.chargeback_due_at.date() == case.chargeback_due_on
