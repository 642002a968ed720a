"""Supplier platform profiles: sources kept, deadlines per platform, checklists that tick."""

from __future__ import annotations

from datetime import date

import pytest

from returnsdesk.domain.platforms import (
    PROFILES,
    EvidenceFact,
    Platform,
    evidence_needs,
    platform_deadlines,
    platform_of,
    tick,
)
from returnsdesk.domain.policy import DeadlineState
from returnsdesk.domain.reasons import Reason

SHIPPED, DELIVERED = date(2026, 4, 20), date(2026, 5, 8)


def _deadlines(platform, kind="return", country="FR", sent=None, is_open=True, today=None):
    return platform_deadlines(
        platform,
        kind=kind,
        shipped_on=SHIPPED,
        delivered_on=DELIVERED,
        shipping_country=country,
        claim_sent_on=sent,
        is_open=is_open,
        today=today or date(2026, 5, 10),
    )


def test_every_rule_names_its_source_and_the_day_it_was_read():
    for platform, profile in PROFILES.items():
        if platform == Platform.OTHER:
            assert profile.rules == ()
            continue
        assert profile.rules
        for rule in profile.rules:
            assert rule.source.startswith(("http://", "https://"))
            assert rule.checked_on == date(2026, 11, 23)


def test_aliexpress_dispute_window_counts_from_confirmed_receipt():
    # AliExpress Buyer Protection: dispute until 15 days after order completion; receipt is
    # confirmed on delivery at the earliest, so the window ends 15 days after delivery.
    (d,) = _deadlines(Platform.ALIEXPRESS)
    assert (d.code, d.due, d.met) == ("aliexpress_dispute", date(2026, 5, 23), False)
    assert "confirmed" in d.explanation
    # Not received: protection ends 15 days after the (at most 60-day) delivery time.
    (d,) = _deadlines(Platform.ALIEXPRESS, kind="not_received")
    assert (d.code, d.due) == ("aliexpress_protection", date(2026, 7, 4))


def test_cj_not_received_counts_from_shipment():
    # CJ transaction policy: delayed after 60 days (45 for the USA), counted from shipment.
    (d,) = _deadlines(Platform.CJ, kind="not_received")
    assert (d.code, d.due) == ("cj_not_received", date(2026, 6, 19))
    (d,) = _deadlines(Platform.CJ, kind="not_received", country="US")
    assert d.due == date(2026, 6, 4)
    assert _deadlines(Platform.CJ) == []  # no published window for the other claims


def test_spocket_evidence_and_missing_parcel_windows():
    (d,) = _deadlines(Platform.SPOCKET)
    assert (d.code, d.due) == ("spocket_evidence", date(2026, 5, 23))  # 15 days of delivery
    (d,) = _deadlines(Platform.SPOCKET, kind="not_received")
    assert (d.code, d.due) == ("spocket_missing", date(2026, 6, 7))  # 30 days


def test_platform_deadlines_are_met_once_the_claim_is_sent_or_the_case_closes():
    sent = _deadlines(Platform.SPOCKET, sent=date(2026, 5, 10))[0]
    assert (sent.state, sent.done_on) == (DeadlineState.MET, date(2026, 5, 10))
    assert _deadlines(Platform.SPOCKET, is_open=False)[0].state == DeadlineState.NOT_NEEDED
    assert _deadlines(Platform.OTHER) == []


def test_an_unsent_platform_claim_is_overdue_after_its_day_and_is_the_merchants_work():
    # Spocket: 15 days from delivery on 8 May = 23 May; the merchant must send the photos.
    assert _deadlines(Platform.SPOCKET, today=date(2026, 5, 23))[0].state == DeadlineState.OPEN
    assert _deadlines(Platform.SPOCKET, today=date(2026, 5, 24))[0].state == DeadlineState.OVERDUE


def test_platform_deadline_sentences_in_both_languages():
    (d,) = _deadlines(Platform.CJ, kind="not_received", country="US")
    assert d.label("fr") == "Litige CJ « non reçu »"
    assert "45" in d.text("en") and "USA" in d.text("en")
    assert "États-Unis" in d.text("fr") and "4 juin 2026" in d.text("fr")


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("AliExpress", Platform.ALIEXPRESS),
        ("aliexpress dispute centre", Platform.ALIEXPRESS),
        ("CJ Dropshipping", Platform.CJ),
        ("cj", Platform.CJ),
        ("Spocket", Platform.SPOCKET),
        ("", Platform.OTHER),
        ("PayPal", Platform.OTHER),
    ],
)
def test_platform_of_free_text(text, platform):
    assert platform_of(text) == platform


def test_checklists_per_platform_and_reason():
    codes = lambda p, r, k="return": [n.code for n in evidence_needs(p, r, k)]  # noqa: E731
    assert codes(Platform.ALIEXPRESS, Reason.SIZE_TOO_SMALL) == ["size_ruler", "complaint"]
    assert codes(Platform.ALIEXPRESS, Reason.DEFECTIVE) == [
        "photo_fault",
        "video_fault",
        "complaint",
    ]
    assert codes(Platform.SPOCKET, Reason.DEFECTIVE) == ["photo_fault", "complaint"]
    assert codes(Platform.CJ, Reason.NOT_RECEIVED, "not_received") == [
        "tracking",
        "complaint",
        "post_office_certificate",
    ]
    assert codes(Platform.CJ, Reason.COLOUR_STYLE) == ["photo_fault", "listing", "complaint"]
    for need in evidence_needs(Platform.CJ, Reason.NOT_RECEIVED, "not_received"):
        assert need.text("en") and need.text("fr") and need.text("fr") != need.text("en")


def test_checklist_ticks_from_file_kind_and_caption():
    needs = evidence_needs(Platform.ALIEXPRESS, Reason.SIZE_TOO_LARGE)
    assert tick(needs, []) == {"size_ruler": [], "complaint": []}
    evidence = [
        EvidenceFact("IMG_1.jpg", "", "image"),  # no caption: says nothing yet
        EvidenceFact("IMG_2.jpg", "Jean à plat avec une règle", "image"),
        EvidenceFact("mail.png", "Customer's e-mail complaint", "image"),
    ]
    assert tick(needs, evidence) == {"size_ruler": ["IMG_2.jpg"], "complaint": ["mail.png"]}
    needs = evidence_needs(Platform.ALIEXPRESS, Reason.DEFECTIVE)
    evidence = [
        EvidenceFact("chat.png", "chat screenshot", "image"),  # the complaint, not the fault
        EvidenceFact("fault.mp4", "", "video"),
    ]
    assert tick(needs, evidence) == {
        "photo_fault": [],
        "video_fault": ["fault.mp4"],
        "complaint": ["chat.png"],
    }
