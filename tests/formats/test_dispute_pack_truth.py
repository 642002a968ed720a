"""The dispute pack tells the truth: built from every case of the order, states only what
the store holds, argues by the Stripe reason code, flows long text, fits upload limits.

Seen when tried: a chargeback on an order refunded through a return case got a pack
saying "No refund or credit has been given for this order"."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_case, make_order, make_supplier
from pypdf import PdfReader

from returnsdesk.domain.chargebacks import DisputeReason, Processor
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.policy import StorePolicy
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Status
from returnsdesk.formats.pdf.dispute import SIZE_LIMIT, build_dispute_pack, make_dispute_pack
from returnsdesk.services import ledger, settings
from returnsdesk.services.cases import add_note
from returnsdesk.services.chargebacks import ChargebackNotice, open_chargeback
from returnsdesk.services.contacts import Channel
from returnsdesk.services.evidence import SuppliedBy
from returnsdesk.services.ledger import EntryInput
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import Case

DUE = datetime(2026, 6, 20, 23, 59, tzinfo=UTC)
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", raw.replace("\u202f", " ").replace("\xa0", " "))


def _refunded_then_chargeback(reason=DisputeReason.CREDIT_NOT_PROCESSED, order=None):
    order = order or make_order(customer_address="5 Shipping Street\n75001 Paris")
    ret = make_case(NOW - timedelta(days=20), order=order, reason=Reason.NOT_AS_DESCRIBED)
    ledger.post_entry(
        EntryInput(
            ret.id,
            LedgerKind.CUSTOMER_REFUND,
            9100,
            "EUR",
            entry_date=date(2026, 5, 15),
            reference="re_3PqR",
            memo="Full refund after return",
        ),
        now=NOW - timedelta(days=15),
    )
    chargeback = open_chargeback(
        order.id,
        ChargebackNotice(reason, Processor.STRIPE, DUE, reference="dp_1Xyz"),
        Reason.NOT_AS_DESCRIBED,
        now=NOW,
    )
    return ret, chargeback


def test_pack_names_the_refund_made_on_another_case(store):
    ret, chargeback = _refunded_then_chargeback()
    for lang, amount, day in (("en", "€91.00", "15 May 2026"), ("fr", "91,00 €", "15 mai 2026")):
        text = _text(build_dispute_pack(chargeback.id, store.evidence_dir, lang, NOW))
        assert amount in text and day in text and "re_3PqR" in text and ret.rma in text
        assert "No refund" not in text and "Aucun remboursement" not in text


def test_refund_reversed_is_not_claimed_as_given(store):
    ret, chargeback = _refunded_then_chargeback()
    entry = ledger.entries_of_case(ret.id)[0]
    ledger.reverse_entry(entry.id, "Card declined the refund", now=NOW)
    text = _text(build_dispute_pack(chargeback.id, store.evidence_dir, "en", NOW))
    assert "Our records hold no refund or store credit on this order." in text
    assert "was given back" not in text


RAW_CODES = (
    [r.value for r in DisputeReason if "_" in r.value]
    + [r.value for r in Reason if "_" in r.value]
    + [k.value for k in LedgerKind]
    + [s.value for s in Status if "_" in s.value]
    + [c.value for c in Channel if "_" in c.value]
    + ["fraudulent", "shopify_payments", "refund_refusal_explanation"]
)


@pytest.mark.parametrize("reason", list(DisputeReason))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_reason_reads_back_without_raw_codes_or_unheld_claims(store, reason, lang):
    _, chargeback = _refunded_then_chargeback(reason)
    text = _text(build_dispute_pack(chargeback.id, store.evidence_dir, lang, NOW))
    # Stripe's field names are printed on purpose next to "Stripe:"; drop them first.
    prose = re.sub(r"\(([a-z_]+)\)|Stripe: [a-z_ ·]+", " ", text)
    for code in RAW_CODES:
        assert code not in prose, (code, lang)
    # Nothing the store does not hold: no checkout claim (not recorded), no billing street.
    assert "shown at checkout" not in text and "affichée lors du paiement" not in text
    assert "5 Shipping Street" in text  # the shipping address, as shipping
    billing = text.split("Billing address" if lang == "en" else "Adresse de facturation")[1]
    assert billing.replace("(billing_address)", "").lstrip().startswith(("Not held", "Non détenue"))
    if lang == "fr":
        for english in ("Full refund", "Customer refund", "Case opened", "Refunds and"):
            assert english not in text.replace("Full refund after return", ""), english


def test_reason_code_chooses_what_comes_first(store):
    _, chargeback = _refunded_then_chargeback(DisputeReason.CREDIT_NOT_PROCESSED)
    text = _text(build_dispute_pack(chargeback.id, store.evidence_dir, "en", NOW))
    body = text.split("Contents")[1]
    assert body.index("1. Refunds and credit given") < body.index("2. Refund policy")
    assert "should not be taken from us a second time" in text

    _, other = _refunded_then_chargeback(
        DisputeReason.PRODUCT_NOT_RECEIVED,
        order=make_order(
            number="#2001", supplier=make_supplier("Other"), delivered_on=date(2026, 5, 8)
        ),
    )
    text = _text(build_dispute_pack(other.id, store.evidence_dir, "en", NOW))
    assert "1. Shipping documentation" in text.split("Contents")[1]
    assert "recorded the order as delivered on 8 May 2026" in text


def test_due_moment_processor_and_reason_are_printed_in_words(store):
    _, chargeback = _refunded_then_chargeback()
    text = _text(build_dispute_pack(chargeback.id, store.evidence_dir, "fr", NOW))
    assert "Remboursement non effectué" in text and "Stripe" in text
    assert "20 juin 2026, 23:59 UTC" in text


def test_policy_quoted_is_the_one_in_force_on_the_order_date(store):
    settings.save_store_policy(
        StorePolicy(published_text="OLD WORDING: returns within 30 days.", shown_at_checkout=True),
        date(2026, 1, 1),
        now=NOW,
    )
    settings.save_store_policy(
        StorePolicy(return_days=14, published_text="NEW WORDING: 14 days."),
        date(2026, 5, 20),
        now=NOW,
    )
    _, chargeback = _refunded_then_chargeback()  # order placed 2026-05-01
    text = _text(build_dispute_pack(chargeback.id, store.evidence_dir, "en", NOW))
    assert "OLD WORDING" in text and "NEW WORDING" not in text
    assert "within 30 days of delivery" in text
    assert "recorded that this policy was shown to the customer at checkout" in text


def test_a_30000_character_note_flows_across_pages(store):
    _, chargeback = _refunded_then_chargeback()
    note = ("Le client a écrit longuement. " * 1000)[:30000]
    # The note field takes 20,000 characters today; the store may hold longer text
    # (older versions, imports), and the pack must print it all.
    with write():
        record_event(Case.get_by_id(chargeback.id), EventKind.NOTE, note, NOW)
    add_note(chargeback.id, "x" * 20000, now=NOW)  # one unbroken word, wider than a line
    pdf = build_dispute_pack(chargeback.id, store.evidence_dir, "en", NOW)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 5
    from returnsdesk.formats.pdf.dispute import page_count

    assert page_count(pdf) == len(reader.pages)
    assert _text(pdf).count("Le client a écrit longuement.") >= 900


def test_large_photos_are_reduced_to_fit_the_upload_limit(store, tmp_path):
    from returnsdesk.services.evidence import attach_files

    _, chargeback = _refunded_then_chargeback()
    photos = []
    for i in range(6):
        path = tmp_path / f"photo{i}.png"
        _noise(path, 1800, 1400, seed=i)
        photos.append(path)
    attach_files(store.evidence_dir, chargeback.id, photos, SuppliedBy.CUSTOMER, now=NOW)
    pack = make_dispute_pack(chargeback.id, store.evidence_dir, "en", NOW)
    assert len(pack.data) <= SIZE_LIMIT
    assert pack.warnings == ()
    assert "Images are reduced" in _text(pack.data)
    assert "supplied by the customer" in _text(pack.data)


def test_pack_too_big_even_reduced_is_made_with_a_warning(store, tmp_path, monkeypatch):
    from returnsdesk.formats.pdf import dispute

    _, chargeback = _refunded_then_chargeback()
    monkeypatch.setattr(dispute, "SIZE_LIMIT", 1000)
    monkeypatch.setattr(dispute, "PAGE_LIMIT", 2)
    pack = dispute.make_dispute_pack(chargeback.id, store.evidence_dir, "fr", NOW)
    assert pack.data.startswith(b"%PDF") and len(pack.warnings) == 2
    assert "Mo, au-delà des 0 Mo par fichier acceptés par Stripe" in pack.warnings[0]
    assert "Le dossier compte 3 pages" in pack.warnings[1]


def _noise(path, width, height, seed):
    import random

    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    image.save(path)


def test_not_a_chargeback_is_refused(store):
    from returnsdesk.domain.errors import InputError

    case = make_case(NOW)
    with pytest.raises(InputError, match="not a chargeback case"):
        build_dispute_pack(case.id, store.evidence_dir, "en", NOW)
