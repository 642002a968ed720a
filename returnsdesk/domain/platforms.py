"""Supplier platform profiles: AliExpress, CJ Dropshipping, Spocket, and "other".

Each profile holds the platform's published return, dispute and evidence rules as
read on ``CHECKED_ON`` from the pages named in each rule (their wording changes;
the source and date are kept so the merchant can check them again). A profile
pre-fills a supplier's policy, adds the platform's own deadlines to a case, and
gives, per return reason, the evidence the platform asks for (the checklist).

Where a rule counts from an event the app does not record, the nearest recorded
event is used and the explanation says so, choosing the reading that gives the
merchant the *earlier* date (a missed platform deadline loses the money):
AliExpress counts its dispute window from the buyer's confirmation of receipt,
which is never before delivery, so delivery is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from returnsdesk.domain.deadlines import add_days
from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.policy import Deadline, DeadlineState
from returnsdesk.domain.reasons import Reason

CHECKED_ON = date(2026, 11, 23)


class Platform(StrEnum):
    ALIEXPRESS = "aliexpress"
    CJ = "cj"
    SPOCKET = "spocket"
    OTHER = "other"


@dataclass(frozen=True)
class PlatformRule:
    text: str
    source: str
    checked_on: date = CHECKED_ON


@dataclass(frozen=True)
class PlatformProfile:
    platform: Platform
    name: str
    #: Pre-filled supplier policy (None: leave the store's value).
    return_days: int | None
    evidence_days: int | None
    escalation_days: int | None
    pays_return_shipping_at_fault: bool
    reimburses_without_return: bool
    rules: tuple[PlatformRule, ...]


_ALI_DISPUTE = (
    "http://activities.aliexpress.com/adcms/help-aliexpress-com/buyer_protection_process.php"
)
_ALI_EVIDENCE = "http://help.aliexpress.com/how_to_provide_evidence_to_support_your_claim.html"
_ALI_OPEN = "http://www.aliexpress.com/buyerprotection/how_do_i_open_a_dispute.html"
_CJ_POLICY = "https://cjdropshipping.com/transaction-policy/"
_CJ_FAQ = "https://cjdropshipping.com/help-center?navType=faq&faqType=4&scrollToNum=400"
_CJ_NON_DELIVERY = (
    "https://www.cjdropshipping.com/article-details/1432583848989954048"
    "?menuOpenIdx=1&menuActiveIdx=4"
)
_SPOCKET_POLICY = (
    "https://help.spocket.co/en/articles/3548916-what-is-the-return-and-refund-policy-of-the-"
    "suppliers-in-spocket"
)
_SPOCKET_PROCESS = (
    "https://help.spocket.co/en/articles/3018540-how-does-the-return-refund-process-work"
)
_SPOCKET_SUPPLIERS = (
    "https://help.spocket.co/articles/3051444-what-is-spocket-s-supplier-return-refund-policy"
)

#: AliExpress: dispute open until 15 days after order completion (confirmed receipt).
ALI_DISPUTE_DAYS = 15
#: AliExpress: delivery guaranteed within 60 days; protection runs 15 days past it.
ALI_MAX_DELIVERY_DAYS = 60
#: CJ: an order not received is "delayed" after 45 days (USA) or 60 days (elsewhere).
CJ_DELAYED_DAYS_US = 45
CJ_DELAYED_DAYS = 60
#: Spocket: photos of a damaged/wrong item (issue brief and DESIGN.md: within 15 days).
SPOCKET_EVIDENCE_DAYS = 15
#: Spocket: a parcel marked delivered but missing must be reported within 30 days.
SPOCKET_MISSING_DAYS = 30

PROFILES: dict[Platform, PlatformProfile] = {
    Platform.ALIEXPRESS: PlatformProfile(
        Platform.ALIEXPRESS,
        "AliExpress",
        return_days=ALI_DISPUTE_DAYS,
        evidence_days=ALI_DISPUTE_DAYS,
        escalation_days=15,
        pays_return_shipping_at_fault=True,
        reimburses_without_return=False,
        rules=(
            PlatformRule(
                "A dispute can be opened from 5 days after the seller ships until 15 days after "
                "the order is completed (the buyer confirmed receipt, or the delivery time ran "
                "out); after that the money is released to the seller.",
                _ALI_DISPUTE,
            ),
            PlatformRule(
                "If buyer and seller do not agree within 15 days of opening, the dispute goes "
                "to AliExpress's case management team (it can be escalated after 3 days).",
                _ALI_DISPUTE,
            ),
            PlatformRule(
                "Goods received: evidence (photos, videos, chat records) must be attached to "
                "the dispute; for goods not received it is optional.",
                _ALI_OPEN,
            ),
            PlatformRule(
                "Wrong size: the item laid flat and measured with a ruler, and a photo of the "
                "size label. Defective electronics: a video showing it does not work.",
                _ALI_EVIDENCE,
            ),
            PlatformRule(
                "Delivery is guaranteed within 60 days at most; buyer protection runs 15 days "
                "past the promised delivery time.",
                _ALI_OPEN,
            ),
        ),
    ),
    Platform.CJ: PlatformProfile(
        Platform.CJ,
        "CJ Dropshipping",
        return_days=None,
        evidence_days=None,
        escalation_days=None,
        pays_return_shipping_at_fault=True,
        reimburses_without_return=True,
        rules=(
            PlatformRule(
                "Refund or resend for delayed orders, lost parcels, damaged, wrong or missing "
                "products; disputes must be opened on CJ.",
                _CJ_FAQ,
            ),
            PlatformRule(
                "An order not received counts as delayed after 45 days (USA) or 60 days "
                "(elsewhere); the app counts them from the day the parcel left CJ's warehouse.",
                _CJ_POLICY,
            ),
            PlatformRule(
                "Every dispute needs the customer's complaint (e-mail or dispute screenshot "
                "showing their e-mail address) and photos or videos of the wrong or damaged "
                "product.",
                _CJ_FAQ,
            ),
            PlatformRule(
                "Tracking says delivered but the customer has nothing: CJ asks for the local "
                "post office's official certificate of non-delivery.",
                _CJ_NON_DELIVERY,
            ),
            PlatformRule(
                "Returns are the exception: goods go back to CJ only if its dispute team asks.",
                _CJ_POLICY,
            ),
        ),
    ),
    Platform.SPOCKET: PlatformProfile(
        Platform.SPOCKET,
        "Spocket",
        return_days=15,
        evidence_days=SPOCKET_EVIDENCE_DAYS,
        escalation_days=None,
        pays_return_shipping_at_fault=True,
        reimburses_without_return=False,
        rules=(
            PlatformRule(
                "Each supplier offers no returns, 15-day or 30-day returns (see the product "
                "listing); the profile pre-fills the shorter 15 days.",
                _SPOCKET_POLICY,
            ),
            PlatformRule(
                "Damaged or wrong product: send photos with the order number and name; the "
                "supplier pays return shipping and replaces or refunds.",
                _SPOCKET_POLICY,
            ),
            PlatformRule(
                "A refund needs the return's tracking number: the product goes back to the "
                "supplier's address on the original package.",
                _SPOCKET_PROCESS,
            ),
            PlatformRule(
                "A parcel marked delivered but not received must be reported within 30 days.",
                _SPOCKET_SUPPLIERS,
            ),
        ),
    ),
    Platform.OTHER: PlatformProfile(
        Platform.OTHER,
        "Other",
        return_days=None,
        evidence_days=None,
        escalation_days=None,
        pays_return_shipping_at_fault=True,
        reimburses_without_return=False,
        rules=(),
    ),
}


def platform_of(text: str) -> Platform:
    """The platform a supplier's "dispute platform" field names (free text), else OTHER."""
    folded = "".join(ch for ch in (text or "").casefold() if ch.isalnum())
    if "aliexpress" in folded or folded == "ali":
        return Platform.ALIEXPRESS
    if folded.startswith("cj") or "cjdropshipping" in folded:
        return Platform.CJ
    if "spocket" in folded:
        return Platform.SPOCKET
    return Platform.OTHER


# --- deadlines ---------------------------------------------------------------------------


def _platform_deadline(
    code: str,
    due: date,
    params: dict[str, Any],
    claim_sent_on: date | None,
    is_open: bool,
    today: date,
) -> Deadline:
    """The merchant must open the platform dispute by ``due``: met once the claim was sent,
    not needed once the case is finished, overdue after ``due``."""
    if claim_sent_on is not None:
        state, done = DeadlineState.MET, claim_sent_on
    elif not is_open:
        state, done = DeadlineState.NOT_NEEDED, None
    else:
        state = DeadlineState.OVERDUE if due < today else DeadlineState.OPEN
        done = None
    return Deadline(code, due, None, state, done_on=done, params={**params, "due": due})


def platform_deadlines(
    platform: Platform,
    *,
    kind: str,
    shipped_on: date | None,
    delivered_on: date | None,
    shipping_country: str,
    claim_sent_on: date | None,
    is_open: bool,
    today: date,
) -> list[Deadline]:
    """The platform's own deadlines for a case (met once the claim went to the supplier).

    Sentences are rendered by ``domain.rule_text`` from the code and its parameters."""

    def make(code: str, due: date, **params: object) -> list[Deadline]:
        return [_platform_deadline(code, due, params, claim_sent_on, is_open, today)]

    not_received = kind == "not_received"
    if platform == Platform.ALIEXPRESS:
        if delivered_on is not None and not not_received:
            due = add_days(delivered_on, ALI_DISPUTE_DAYS)
            return make("aliexpress_dispute", due, delivered=delivered_on, days=ALI_DISPUTE_DAYS)
        if shipped_on is not None:
            due = add_days(shipped_on, ALI_MAX_DELIVERY_DAYS + ALI_DISPUTE_DAYS)
            return make(
                "aliexpress_protection",
                due,
                shipped=shipped_on,
                max_days=ALI_MAX_DELIVERY_DAYS,
                days=ALI_DISPUTE_DAYS,
            )
    elif platform == Platform.CJ and not_received and shipped_on is not None:
        us = (shipping_country or "").strip().upper() in {"US", "USA"}
        days = CJ_DELAYED_DAYS_US if us else CJ_DELAYED_DAYS
        due = add_days(shipped_on, days)
        return [
            replace(d, template=f"deadline.cj_not_received.{'us' if us else 'other'}")
            for d in make("cj_not_received", due, shipped=shipped_on, days=days)
        ]
    elif platform == Platform.SPOCKET and delivered_on is not None:
        if not_received:
            due = add_days(delivered_on, SPOCKET_MISSING_DAYS)
            return make("spocket_missing", due, delivered=delivered_on, days=SPOCKET_MISSING_DAYS)
        due = add_days(delivered_on, SPOCKET_EVIDENCE_DAYS)
        return make("spocket_evidence", due, delivered=delivered_on, days=SPOCKET_EVIDENCE_DAYS)
    return []


# --- evidence checklist ------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceNeed:
    code: str
    #: What to show, in English (marked for translation; ``text`` gives it in a language).
    en: str
    #: "image", "video" or "" (any file).
    media: str
    #: Words (lower case, EN and FR) of which one must appear in the caption; empty = any.
    keywords: tuple[str, ...]

    def text(self, lang: str | None = None) -> str:
        return t(self.en, lang)


NEEDS: dict[str, EvidenceNeed] = {
    n.code: n
    for n in (
        EvidenceNeed(
            "complaint",
            N_("Customer's complaint, showing their e-mail address and the date"),
            "",
            (
                "complaint",
                "réclamation",
                "reclamation",
                "plainte",
                "e-mail",
                "email",
                "chat",
                "message",
                "screenshot",
                "capture",
            ),
        ),  # fmt: skip
        EvidenceNeed(
            "photo_fault",
            N_("Clear photos of the problem: the whole item and close-ups"),
            "image",
            (),
        ),
        EvidenceNeed(
            "video_fault",
            N_("Video showing the fault (the item not working)"),
            "video",
            (),
        ),
        EvidenceNeed(
            "size_ruler",
            N_("Size: the item laid flat with a ruler, and the size label"),
            "image",
            ("ruler", "règle", "regle", "tape", "measure", "mesure", "size label", "étiquette"),
        ),
        EvidenceNeed(
            "parcel_label",
            N_("The parcel and its shipping label"),
            "image",
            ("parcel", "colis", "package", "box", "carton", "shipping label", "emballage"),
        ),
        EvidenceNeed(
            "listing",
            N_("The product listing beside what arrived"),
            "",
            ("listing", "annonce", "description", "product page", "fiche", "sku"),
        ),
        EvidenceNeed(
            "tracking",
            N_("The tracking page"),
            "",
            ("tracking", "suivi"),
        ),
        EvidenceNeed(
            "post_office_certificate",
            N_("Post-office certificate of non-delivery"),
            "",
            ("certificate", "certificat", "attestation", "non-delivery", "non-livraison"),
        ),
    )
}

_BY_REASON: dict[Reason, tuple[str, ...]] = {
    Reason.DAMAGED_IN_TRANSIT: ("photo_fault", "parcel_label", "complaint"),
    Reason.DEFECTIVE: ("photo_fault", "video_fault", "complaint"),
    Reason.WRONG_ITEM: ("photo_fault", "listing", "complaint"),
    Reason.NOT_AS_DESCRIBED: ("photo_fault", "listing", "complaint"),
    Reason.MISSING_PARTS: ("photo_fault", "parcel_label", "complaint"),
    Reason.NOT_RECEIVED: ("tracking", "complaint"),
    Reason.ARRIVED_LATE: ("tracking", "complaint"),
    Reason.SIZE_TOO_SMALL: ("size_ruler", "complaint"),
    Reason.SIZE_TOO_LARGE: ("size_ruler", "complaint"),
    Reason.COLOUR_STYLE: ("photo_fault", "listing"),
    Reason.NO_LONGER_WANTED: ("complaint",),
    Reason.PERSONALISATION_ERROR: ("photo_fault", "listing", "complaint"),
    Reason.OTHER: ("complaint",),
}


def evidence_needs(platform: Platform, reason: Reason | str, kind: str = "") -> list[EvidenceNeed]:
    """What the platform asks for on a claim for this reason (see each profile's rules)."""
    reason = Reason(reason)
    codes = list(_BY_REASON[reason])
    if kind == "not_received" and reason != Reason.NOT_RECEIVED:
        codes = ["tracking", "complaint"]
    if platform == Platform.CJ and "complaint" not in codes:
        codes.append("complaint")  # CJ: the complaint with the e-mail address is a must
    if platform == Platform.CJ and (reason == Reason.NOT_RECEIVED or kind == "not_received"):
        codes.append("post_office_certificate")
    if platform == Platform.CJ and reason == Reason.DAMAGED_IN_TRANSIT:
        codes.insert(1, "video_fault")  # "if the photo cannot prove it, upload the video"
    if platform == Platform.SPOCKET and "photo_fault" in codes and "video_fault" in codes:
        codes.remove("video_fault")  # Spocket asks for pictures
    return [NEEDS[c] for c in dict.fromkeys(codes)]


@dataclass(frozen=True)
class EvidenceFact:
    """What the checklist looks at in one piece of evidence."""

    name: str
    caption: str
    media: str  # "image", "video", "pdf", "other"


def _matches(need: EvidenceNeed, item: EvidenceFact) -> bool:
    if need.media and item.media != need.media:
        return False
    caption = item.caption.casefold()
    return not need.keywords or any(word in caption for word in need.keywords)


def tick(needs: list[EvidenceNeed], evidence: list[EvidenceFact]) -> dict[str, list[str]]:
    """For each need, the names of the evidence meeting it: the right kind of file, with a
    caption that says what it shows. A file captioned for a specific need (a ruler, the
    parcel, the complaint) does not also count as a general photo or video of the fault."""
    specific = [n for n in needs if n.keywords]
    result: dict[str, list[str]] = {}
    for need in needs:
        names = []
        for item in evidence:
            if not _matches(need, item):
                continue
            if not need.keywords and any(_matches(other, item) for other in specific):
                continue
            names.append(item.name)
        result[need.code] = names
    return result
