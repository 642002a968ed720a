"""The three printed documents, built from the demo store and read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.workflow import Kind
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf.codes import rma_codes
from returnsdesk.formats.pdf.common import write_atomic
from returnsdesk.formats.pdf.dispute import build_dispute_pack
from returnsdesk.formats.pdf.instructions import build_instructions
from returnsdesk.formats.pdf.summary import build_summary
from returnsdesk.services import settings
from returnsdesk.services.cases import add_note
from returnsdesk.services.documents.instruction_facts import MIN_SHIP_DAYS, instructions_facts
from returnsdesk.store import reports
from returnsdesk.store.models import Case, Customer, Evidence, LedgerEntry

HOSTILE = '<b>bold</b> & <img src="/etc/passwd"/> <font color="red">red</font>'
UNICODE = "Łódź Ğ ş œ €"


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    """Collapse whitespace (line breaks, no-break spaces) so phrases can be searched."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def _images(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    return sum(len(page.images) for page in reader.pages)


@pytest.fixture
def shop(demo_store):
    details = settings.ShopDetails(
        name=f"Boutique {UNICODE}",
        address="12 rue des Lilas\n69003 Lyon",
        email="bonjour@example.fr",
        return_address="Entrepôt retours\n5 allée du Port\n13002 Marseille",
    )
    settings.save_shop_details(details)
    return details


def _return_case() -> Case:
    return Case.select().where(Case.kind == Kind.RETURN).order_by(Case.id).first()


def test_instructions_show_the_facts(demo_store, shop, now):
    case = _return_case()
    customer = case.order.customer
    Customer.update(name=f"{UNICODE} {HOSTILE}").where(Customer.id == customer.id).execute()
    facts = instructions_facts(case.id, "en", now)
    pdf = build_instructions(case.id, "en", now)
    text = _flat(_text(pdf))
    assert pdf.startswith(b"%PDF")
    label_pages = 1 if facts.label is not None else 0  # a demo label prints on its own page
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2 + label_pages
    assert case.rma in text
    assert case.order.number in text
    assert cat.date_text(facts.ship_by, "en") in text
    assert UNICODE in text
    assert HOSTILE in text  # printed literally, not interpreted
    assert "Return instructions" in text
    for item in facts.items:
        assert item.title in text
    # The return address is the case's destination (services.return_address), and the RMA
    # number is printed once in it: not "RMA RMA-2026-…".
    from returnsdesk.services.return_address import destination

    expected = destination(case).address.splitlines()[0]
    assert expected in text
    assert f"RMA {case.rma}" not in text
    # Only the logo could be an image, and there is none: the <img> tag embedded nothing.
    assert _images(pdf) == 0


def test_ship_by_is_the_return_window_or_two_weeks_from_issue(demo_store, now):
    case = _return_case()
    facts = instructions_facts(case.id, "en", now)
    assert facts.ship_by >= now.date()
    assert (facts.ship_by - now.date()).days >= MIN_SHIP_DAYS


def test_instructions_in_french(demo_store, shop, now):
    case = _return_case()
    pdf = build_instructions(case.id, "fr", now)
    text = _flat(_text(pdf))
    facts = instructions_facts(case.id, "fr", now)
    assert "Instructions de retour" in text
    assert "Articles à retourner" in text
    assert cat.date_text(facts.ship_by, "fr") in text
    assert re.search(
        r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
        r"octobre|novembre|décembre) \d{4}",
        text,
    )


def test_default_language_is_the_customers(demo_store, now):
    case = _return_case()
    Customer.update(language="fr").where(Customer.id == case.order.customer_id).execute()
    assert instructions_facts(case.id, None, now).lang == "fr"
    Customer.update(language="de").where(Customer.id == case.order.customer_id).execute()
    assert instructions_facts(case.id, None, now).lang == "en"


def test_barcode_and_qr_carry_the_rma(demo_store):
    barcode, qr = rma_codes("RMA-2026-00042")
    assert barcode.contents[0].value == "RMA-2026-00042"
    assert type(barcode.contents[0]).__name__ == "BarcodeCode128"
    assert qr.contents[0].value == "RMA-2026-00042"


def test_summary_figures_match_the_ledger(demo_store, shop, now):
    start, end = date(2025, 1, 1), date(2026, 5, 20)
    period = reports.Period(start, end)
    data = reports.summary(period)
    # Cross-check the SQL sums with a plain Python pass over the (small) demo ledger.
    from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind

    expected: dict[str, int] = {}
    for e in LedgerEntry.select():
        if not start <= e.entry_date <= end:
            continue
        d = DIRECTION[LedgerKind(e.kind)]
        sign = {Direction.PAID_OUT: 1, Direction.RECOVERED: -1, Direction.NEUTRAL: 0}[d]
        sign *= -1 if e.reverses_id else 1
        expected[e.currency] = expected.get(e.currency, 0) + sign * e.amount_minor
    assert {m.currency: m.net for m in data.money} == expected
    from returnsdesk.services.reports import build_report

    opened = build_report(start, end, now=now).cases
    assert opened == Case.select().where(Case.opened_at >= "2025-01-01").count()

    pdf = build_summary(start, end, "en", now)
    text = _flat(_text(pdf))
    assert "Returns summary" in text
    for row in data.money:
        assert _flat(cat.money_text(row.net, row.currency, "en")) in text
        assert _flat(cat.money_text(row.refunds, row.currency, "en")) in text
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"Page {pages} of {pages}" in text
    assert text.count("Generated on") == pages


def test_summary_counts_reversals_with_the_opposite_sign(demo_store, now):
    period = reports.Period(date(2026, 5, 1), date(2026, 5, 31))
    before = {m.currency: m for m in reports.money_by_currency(period)}
    refund = LedgerEntry.select().where(LedgerEntry.kind == "customer_refund").first()
    LedgerEntry.create(
        case=refund.case_id,
        entry_date=date(2026, 5, 15),
        kind="customer_refund",
        amount_minor=refund.amount_minor,
        currency=refund.currency,
        reverses=refund.id,
        created_at=now,
    )
    after = {m.currency: m for m in reports.money_by_currency(period)}
    old = before.get(refund.currency)
    assert after[refund.currency].refunds == (old.refunds if old else 0) - refund.amount_minor
    assert after[refund.currency].net == (old.net if old else 0) - refund.amount_minor


def test_summary_in_french_and_empty_period(demo_store, now):
    pdf = build_summary(date(2030, 1, 1), date(2030, 1, 31), "fr", now)
    text = _flat(_text(pdf))
    assert "Bilan des retours" in text
    assert "Aucun dossier dans cette période." in text
    with pytest.raises(InputError):
        reports.Period(date(2026, 2, 1), date(2026, 1, 1))


def test_summary_writes_counts_as_the_reader_does(demo_store, now):
    """Seen when tried: the tile read "4760" in both languages; a count over a thousand is
    grouped the reader's way (DESIGN §4: numbers go through domain.i18n.formatting)."""
    from dataclasses import replace

    from returnsdesk.formats.pdf.summary import render_summary
    from returnsdesk.services.reports import build_report

    data = build_report(date(2025, 1, 1), date(2026, 5, 20), now=now)
    big = replace(data, orders=4760, open_now=1234)
    shop = settings.shop_details()
    english = _flat(_text(render_summary(big, shop, "en", now.date())))
    french = _flat(_text(render_summary(big, shop, "fr", now.date())))
    assert "4,760" in english and "4760" not in english
    assert "4 760" in french and "4760" not in french
    assert "of 1,234 open cases" in english


def _chargeback_with_evidence() -> Case:
    return (
        Case.select().join(Evidence).where(Case.kind == Kind.CHARGEBACK).order_by(Case.id).first()
    ) or Case.select().where(Case.kind == Kind.CHARGEBACK).first()


def test_dispute_pack_maps_stripe_fields(demo_store, shop, now):
    case = _chargeback_with_evidence()
    add_note(case.id, f"Customer wrote: {HOSTILE} {UNICODE}", now=now)
    pdf = build_dispute_pack(case.id, demo_store.evidence_dir, "en", now)
    text = _flat(_text(pdf))
    for field in (
        "customer_name",
        "customer_email_address",
        "billing_address",
        "receipt",
        "product_description",
        "shipping_documentation",
        "refund_policy",
        "refund_policy_disclosure",
        "customer_communication",
        "uncategorized_file",
    ):
        assert field in text
    order = case.order
    assert case.rma in text
    assert order.tracking_number in text
    assert order.customer.name in text
    assert _flat(cat.money_text(order.total_minor, order.currency, "en")) in text
    assert HOSTILE in text
    assert UNICODE in text
    shown = Evidence.select().where((Evidence.case == case) & Evidence.removed_at.is_null()).count()
    assert _images(pdf) == shown  # each evidence photo once, nothing from the hostile note


def test_dispute_pack_lists_non_images_and_missing_files(demo_store, now):
    from returnsdesk.services.evidence_files import store_bytes
    from returnsdesk.store.models import EvidenceFile

    case = _chargeback_with_evidence()
    sha, _ = store_bytes(demo_store.evidence_dir, b"\x00\x00\x00\x18ftypmp42 video bytes")
    video = EvidenceFile.create(sha256=sha, size=30, mime="video/mp4")
    Evidence.create(
        case=case,
        file=video,
        supplied_by="customer",
        original_name="unboxing.mp4",
        added_at=now,
    )
    ghost = EvidenceFile.create(sha256="ab" * 32, size=10, mime="image/png")
    Evidence.create(
        case=case, file=ghost, supplied_by="customer", original_name="lost.png", added_at=now
    )
    text = _flat(_text(build_dispute_pack(case.id, demo_store.evidence_dir, "en", now)))
    assert "unboxing.mp4 (video/mp4)" in text
    assert "File missing from the evidence folder: lost.png." in text


def test_dispute_pack_in_french(demo_store, now):
    case = _chargeback_with_evidence()
    text = _flat(_text(build_dispute_pack(case.id, demo_store.evidence_dir, "fr", now)))
    assert "Dossier de contestation" in text
    assert "customer_communication" in text
    assert "Échanges avec le client" in text


def test_dispute_pack_refuses_other_cases(demo_store, now):
    case = _return_case()
    with pytest.raises(InputError, match="not a chargeback"):
        build_dispute_pack(case.id, demo_store.evidence_dir, "en", now)


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]
    with pytest.raises(InputError):
        write_atomic(tmp_path / "missing" / "x.pdf", b"data")


def test_catalogue_has_french_for_every_key():
    from returnsdesk.domain.i18n.catalogue import catalogue
    from returnsdesk.formats.catalogue import _EN

    french = catalogue("fr").singular
    for key, english in _EN.items():
        assert (None, english) in french or (key, english) in french, key
    # One English word, two French ones: the document's own reading wins on the document.
    assert cat.text("rep.approved", "fr") != cat.text("rep.approved", "en")
    assert cat.norm_lang("fr_FR") == "fr"
    assert cat.norm_lang("de") == "en"
