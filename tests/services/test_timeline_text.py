"""The timeline reads as sentences in the reader's language, never as stored codes.

Seen when tried (issue #13): the timeline showed "Case opened: chargeback,
not_as_described." and "New → Approved (refund)" with the codes of the enums.
"""

from __future__ import annotations

from datetime import timedelta

from factories import make_case

from returnsdesk.domain.i18n import set_language
from returnsdesk.domain.reasons import Reason, Resolution, reason_label
from returnsdesk.domain.workflow import Kind, Status
from returnsdesk.services import cases, contacts
from returnsdesk.services.cases import CaseDetails
from returnsdesk.services.contacts import Channel, ContactInput, Direction
from returnsdesk.services.timeline import TimelineEntry, case_timeline, event_text, events_of
from returnsdesk.store.models import CaseEvent

RAW = ("chargeback", "not_as_described", "refund", "awaiting_supplier", "platform_dispute")


def _texts(case_id, lang):
    return [entry.text for entry in case_timeline(case_id, lang)]


def test_opening_a_case_reads_in_english_and_french(store, now):
    case = make_case(
        now,
        kind=Kind.CHARGEBACK,
        reason=Reason.NOT_AS_DESCRIBED,
        chargeback_due_on=now.date() + timedelta(days=10),
    )
    english, french = _texts(case.id, "en"), _texts(case.id, "fr")
    assert english == ["Case opened: Chargeback, Not as described."]
    assert french == [
        f"Dossier ouvert : Rétrofacturation, {reason_label(Reason.NOT_AS_DESCRIBED, 'fr')}."
    ]
    assert "Non conforme" in french[0]


def test_status_change_names_statuses_and_resolution_not_codes(store, now):
    case = make_case(now)
    cases.transition(case.id, Status.APPROVED, note="Photos clear", resolution="refund", now=now)
    english, french = _texts(case.id, "en")[0], _texts(case.id, "fr")[0]
    assert english == "New → Approved (refund): Photos clear"
    assert french.startswith("Nouveau → Accepté (") and french.endswith(" : Photos clear")
    assert Resolution.REFUND.value not in french.split("(")[0]


def test_edits_and_supplier_messages_are_translated(store, now):
    case = make_case(now)
    details = CaseDetails.of(case)
    cases.update_details(
        case.id,
        CaseDetails(**{**details.__dict__, "return_tracking": "LX123", "notes": "fragile"}),
        now=now,
    )
    contacts.log_contact(
        ContactInput(
            supplier_id=case.supplier_id,
            direction=Direction.SENT,
            channel=Channel.DISPUTE,
            case_id=case.id,
            at=now + timedelta(minutes=1),
            subject="Claim",
            awaiting="their answer",
        ),
        now=now + timedelta(minutes=1),
    )
    french = _texts(case.id, "fr")
    assert french[0] == (
        "Litige sur la plateforme envoyé à Atelier Lumière : Claim ; "
        "réponse attendue (their answer)."
    )
    assert french[1] == "Modifié : numéro de suivi du retour, notes."
    english = _texts(case.id, "en")
    assert english[1] == "Changed return tracking number, notes."
    for text in french + english:
        assert not any(code in text for code in RAW), text


def test_the_window_language_is_the_default_and_entries_are_frozen_views(store, now):
    case = make_case(now)
    set_language("fr")
    try:
        entry = case_timeline(case.id)[0]
    finally:
        set_language("en")
    assert isinstance(entry, TimelineEntry)
    assert entry.kind == "Ouverture"
    assert entry.at == now
    assert entry.text.startswith("Dossier ouvert")


def test_old_events_without_a_code_keep_their_stored_text(store, now):
    case = make_case(now)
    CaseEvent.create(case=case, at=now + timedelta(hours=1), kind="note", text="Called her.")
    CaseEvent.create(
        case=case, at=now + timedelta(hours=2), kind="zzz", text="Later kind", code="future_code"
    )
    assert _texts(case.id, "fr")[:2] == ["Later kind", "Called her."]
    assert case_timeline(case.id, "fr")[0].kind == "Note"


def test_the_english_sentence_is_stored_for_search_and_old_readers(store, now):
    case = make_case(now, reason=Reason.SIZE_TOO_SMALL)
    event = events_of(case.id)[0]
    assert event.code == "case_opened"
    assert event.text == "Case opened: Return, Size too small." == event_text(event, "en")


def test_the_demo_store_timeline_reads_in_french_without_codes(demo_store):
    codes = {s.value for s in Status} | {r.value for r in Reason} | {k.value for k in Kind}
    codes -= {"other"}
    events = list(CaseEvent.select().where(CaseEvent.kind.in_(["created", "status"])))
    assert events and all(e.code for e in events)
    for event in events:
        sentence = event_text(event, "fr").split(" : ", 2)
        rendered = sentence[:2] if event.code == "case_opened" else sentence[:1]  # not the note
        words = set(" ".join(rendered).replace(",", " ").replace("(", " ").split())
        assert not words & codes, event_text(event, "fr")


def test_a_chargeback_notice_names_the_reason_not_its_code(store, now):
    from datetime import UTC, datetime

    from returnsdesk.domain.chargebacks import DisputeReason, Processor
    from returnsdesk.services.chargebacks import ChargebackNotice, open_chargeback
    from tests.factories import make_order

    due = datetime(2026, 6, 20, 23, 59, tzinfo=UTC)
    case = open_chargeback(
        make_order().id,
        ChargebackNotice(DisputeReason.PRODUCT_NOT_RECEIVED, Processor.SHOPIFY_PAYMENTS, due),
        Reason.NOT_RECEIVED,
        now=now,
    )
    french = " ".join(_texts(case.id, "fr"))
    english = " ".join(_texts(case.id, "en"))
    assert "Avis de rétrofacturation enregistré : Shopify Payments, motif : Produit non reçu" in (
        french
    )
    assert "reason: Product not received" in english
    assert "product_not_received" not in french + english
    assert "shopify_payments" not in french + english


def test_anonymising_a_customer_clears_their_name_from_coded_events(store, now):
    """GDPR erasure (art. 17): the sentence is rendered from parameters, so they are
    scrubbed too, not only the stored English text."""
    from returnsdesk.services.personal_data import anonymise

    case = make_case(now)
    contacts.log_customer_message(case.id, "Your return, Chloé Dubois", "Hello", now=now)
    anonymise("chloe@example.com", now=now)
    for lang in ("en", "fr"):
        assert not any("Chloé" in text for text in _texts(case.id, lang))
    assert any("anonymis" in text for text in _texts(case.id, "fr"))
