"""A case's supplier platform: its extra deadlines and the evidence checklist for the claim.

The platform is read from the supplier's "dispute platform" field
(``domain.platforms.platform_of``). The checklist ticks itself from the case's
evidence: each item is met by a file of the right kind whose caption says what it
shows (``domain.platforms.tick``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.platforms import (
    PROFILES,
    EvidenceFact,
    Platform,
    evidence_needs,
    platform_deadlines,
    platform_of,
    tick,
)
from returnsdesk.domain.policy import Deadline, local_day
from returnsdesk.domain.workflow import FINISHED, Status
from returnsdesk.services.clock import resolve
from returnsdesk.services.evidence import media_type
from returnsdesk.store.models import Case, Evidence, EvidenceFile, SupplierContact

if TYPE_CHECKING:
    from returnsdesk.services.suppliers import SupplierInput


@dataclass(frozen=True)
class ChecklistLine:
    code: str
    text: str
    done: bool
    #: Names of the evidence files that meet it.
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CaseChecklist:
    platform: Platform
    platform_name: str
    lines: tuple[ChecklistLine, ...]

    @property
    def done(self) -> int:
        return sum(1 for line in self.lines if line.done)


def case_platform(case: Case) -> Platform:
    supplier = case.supplier if case.supplier_id else None
    return platform_of(supplier.dispute_platform) if supplier else Platform.OTHER


def case_checklist(case_id: int, lang: str = "en") -> CaseChecklist:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError("The case no longer exists.")
    platform = case_platform(case)
    needs = evidence_needs(platform, case.reason, case.kind)
    rows = (
        Evidence.select(Evidence, EvidenceFile)
        .join(EvidenceFile)
        .where((Evidence.case == case.id) & Evidence.removed_at.is_null())
        .order_by(Evidence.added_at, Evidence.id)
    )
    facts = [EvidenceFact(r.original_name, r.caption, media_type(r.file.mime).value) for r in rows]
    met = tick(needs, facts)
    lines = tuple(
        ChecklistLine(n.code, n.text(lang), bool(met[n.code]), tuple(met[n.code])) for n in needs
    )
    return CaseChecklist(platform, PROFILES[platform].name, lines)


def checklist_text(checklist: CaseChecklist) -> str:
    """The checklist as plain text lines for a message: ``[x] item — file, file``."""
    out = []
    for line in checklist.lines:
        mark = "[x]" if line.done else "[ ]"
        files = f" — {', '.join(line.evidence)}" if line.evidence else ""
        out.append(f"{mark} {line.text}{files}")
    return "\n".join(out)


def shop_today(now: datetime | None = None) -> date:
    """Today in the shop's calendar (its time zone)."""
    from returnsdesk.services.rule_facts import shop_time_zone

    return local_day(resolve(now), shop_time_zone())


def case_platform_deadlines(case: Case, now: datetime | None = None) -> list[Deadline]:
    """The supplier platform's deadlines for the case (none for "other")."""
    first_claim = (
        SupplierContact.select(SupplierContact.at)
        .where((SupplierContact.case == case.id) & (SupplierContact.direction == "sent"))
        .order_by(SupplierContact.at)
        .first()
    )
    order = case.order
    return platform_deadlines(
        case_platform(case),
        kind=case.kind,
        shipped_on=order.shipped_on,
        delivered_on=order.delivered_on,
        shipping_country=order.shipping_country or order.customer.country,
        claim_sent_on=first_claim.at.date() if first_claim else None,
        is_open=Status(case.status) not in FINISHED,
        today=shop_today(now),
    )


def extra_deadlines(case: Case, now: datetime | None = None) -> list[Deadline]:
    """Deadlines this area adds to a case: the label's expiry and the platform's own."""
    from returnsdesk.services.return_labels import label_deadline

    out = case_platform_deadlines(case, now)
    label = label_deadline(case, now)
    if label is not None:
        out.append(label)
    return sorted(out, key=lambda d: (d.due or date.max, d.code))


def apply_profile(data: SupplierInput, platform: Platform | str) -> SupplierInput:
    """``data`` (a ``suppliers.SupplierInput``) with the platform profile's policy filled in.

    Values the profile leaves open (None) keep what ``data`` had; the dispute platform
    field becomes the platform's name, which is how cases find the profile again.
    """
    from dataclasses import replace

    profile = PROFILES[Platform(platform)]

    def kept(value: int | None, had: int | None) -> int | None:
        return had if value is None else value

    return replace(
        data,
        pays_return_shipping_at_fault=profile.pays_return_shipping_at_fault,
        reimburses_without_return=profile.reimburses_without_return,
        dispute_platform=profile.name if profile.platform != Platform.OTHER else "",
        return_days=kept(profile.return_days, data.return_days),
        evidence_days=kept(profile.evidence_days, data.evidence_days),
        escalation_days=kept(profile.escalation_days, data.escalation_days),
    )
