"""Reading evidence: the gallery's filtered lists and counts, and a case's summary against its
supplier evidence deadline. Each list is one joined query (file, case, order, supplier)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from peewee import JOIN, Expression, ModelSelect

from returnsdesk.domain.policy import SupplierPolicy, supplier_evidence_due
from returnsdesk.services import settings
from returnsdesk.services.evidence_files import MediaType, media_type
from returnsdesk.store.evidence_counts import kept_links
from returnsdesk.store.models import Case, Evidence, EvidenceFile, Order, Supplier


@dataclass(frozen=True, slots=True)
class EvidenceFilter:
    case_id: int | None = None
    rma: str = ""
    supplier_id: int | None = None
    supplied_by: str = ""
    media: str = ""
    added_from: date | None = None
    added_to: date | None = None
    include_removed: bool = False


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One row of the gallery: a link of a stored file to a case, with what the UI shows."""

    id: int
    case_id: int
    rma: str
    supplier_id: int | None
    sha256: str
    size: int
    mime: str
    width: int | None
    height: int | None
    captured_at: datetime | None
    supplied_by: str
    original_name: str
    caption: str
    added_at: datetime
    removed_at: datetime | None
    #: The case's supplier evidence deadline, if it has one (needs a delivery date).
    evidence_due: date | None

    @property
    def media(self) -> MediaType:
        return media_type(self.mime)

    @property
    def previewable(self) -> bool:
        """An image we checked at attach time: safe to decode for a thumbnail."""
        return self.media == MediaType.IMAGE and self.width is not None

    @property
    def late(self) -> bool:
        """Added after the supplier's evidence deadline (the supplier may refuse it)."""
        return self.evidence_due is not None and self.added_at.date() > self.evidence_due


def evidence_deadline(case: Case, now: datetime | None = None) -> date | None:
    """The case's supplier evidence deadline (from ``cases.assess``), or None."""
    from returnsdesk.services.cases import assess

    for deadline in assess(case, now).deadlines:
        if deadline.code == "supplier_evidence":
            return deadline.due
    return None


#: The columns of a gallery item, in the order ``list_evidence`` unpacks them.
_COLUMNS = (
    Evidence.id,
    Case.id,
    Case.rma,
    Case.supplier,
    EvidenceFile.sha256,
    EvidenceFile.size,
    EvidenceFile.mime,
    EvidenceFile.width,
    EvidenceFile.height,
    EvidenceFile.captured_at,
    Evidence.supplied_by,
    Evidence.original_name,
    Evidence.caption,
    Evidence.added_at,
    Evidence.removed_at,
    Order.delivered_on,
    Supplier.evidence_days,
)


def _evidence_query(flt: EvidenceFilter) -> ModelSelect[Evidence]:
    """The filtered evidence with just the columns a gallery item needs (``_COLUMNS``)."""
    query = (
        Evidence.select(*_COLUMNS)
        .join(EvidenceFile)
        .switch(Evidence)
        .join(Case)
        .join(Order)
        .switch(Case)
        .join(Supplier, JOIN.LEFT_OUTER)
    )
    return _filtered(query, flt)


def _filtered(query: ModelSelect[Evidence], flt: EvidenceFilter) -> ModelSelect[Evidence]:
    if flt.case_id is not None:
        query = query.where(Evidence.case == flt.case_id)
    if flt.rma.strip():
        query = query.where(Case.rma.contains(flt.rma.strip().upper()))
    if flt.supplier_id is not None:
        query = query.where(Case.supplier == flt.supplier_id)
    if flt.supplied_by:
        query = query.where(Evidence.supplied_by == flt.supplied_by)
    if flt.media:
        query = query.where(_media_condition(MediaType(flt.media)))
    if flt.added_from is not None:
        query = query.where(Evidence.added_at >= f"{flt.added_from.isoformat()} 00:00:00")
    if flt.added_to is not None:
        query = query.where(Evidence.added_at <= f"{flt.added_to.isoformat()} 23:59:59")
    if not flt.include_removed:
        query = query.where(Evidence.removed_at.is_null())
    return query


def _media_condition(media: MediaType) -> Expression:
    if media == MediaType.IMAGE:
        return EvidenceFile.mime.startswith("image/")
    if media == MediaType.VIDEO:
        return EvidenceFile.mime.startswith("video/")
    is_pdf: Expression = EvidenceFile.mime == "application/pdf"
    if media == MediaType.PDF:
        return is_pdf
    other: Expression = (
        ~EvidenceFile.mime.startswith("image/") & ~EvidenceFile.mime.startswith("video/") & ~is_pdf
    )
    return other


def count_evidence(flt: EvidenceFilter = EvidenceFilter()) -> int:
    """How many match. With no filter but who supplied it, from the kept counts
    (``store.evidence_counts``); else joined only to the tables the filter names (every
    link has its file and its case, so the other joins would not change the count)."""
    narrowed = (flt.case_id, flt.supplier_id, flt.added_from, flt.added_to)
    if all(value is None for value in narrowed) and not flt.rma.strip() and not flt.media:
        return kept_links(flt.supplied_by, flt.include_removed)
    query = Evidence.select(Evidence.id)
    if flt.media:
        query = query.join(EvidenceFile).switch(Evidence)
    if flt.rma.strip() or flt.supplier_id is not None:
        query = query.join(Case)
    return int(_filtered(query, flt).count())


def newest_query(flt: EvidenceFilter, limit: int | None = None) -> ModelSelect[Evidence]:
    """The filtered links newest first: walked down the ``evidence_added`` index, so a
    page of the newest stops after ``limit`` rows instead of sorting every link."""
    query = _evidence_query(flt).order_by(Evidence.added_at.desc(), Evidence.id.desc())
    return query.limit(limit) if limit is not None else query


def list_evidence(
    flt: EvidenceFilter = EvidenceFilter(), limit: int | None = None
) -> list[EvidenceItem]:
    """Evidence matching ``flt``, newest first (at most ``limit``); filtered in SQL.

    The late flag uses the supplier evidence deadline rule alone
    (``policy.supplier_evidence_due``), so listing thousands of items stays fast.
    """
    query = newest_query(flt, limit)
    store = settings.store_policy()
    items = []
    rows = cast(Iterable[tuple[Any, ...]], query.tuples())  # the stubs type rows as models
    for row in rows:
        (id_, case_id, rma, supplier_id, sha, size, mime, width, height, captured) = row[:10]
        (supplied_by, name, caption, added, removed, delivered, evidence_days) = row[10:]
        policy = SupplierPolicy(evidence_days=evidence_days) if supplier_id is not None else None
        items.append(
            EvidenceItem(
                id=id_,
                case_id=case_id,
                rma=rma,
                supplier_id=supplier_id,
                sha256=sha,
                size=size,
                mime=mime,
                width=width,
                height=height,
                captured_at=captured,
                supplied_by=supplied_by,
                original_name=name,
                caption=caption,
                added_at=added,
                removed_at=removed,
                evidence_due=supplier_evidence_due(delivered, store, policy),
            )
        )
    return items


@dataclass(frozen=True, slots=True)
class CaseEvidenceSummary:
    rma: str
    due: date | None
    on_time: int
    late: int

    @property
    def total(self) -> int:
        return self.on_time + self.late


def summarize(case_id: int, items: list[EvidenceItem] | None = None) -> CaseEvidenceSummary:
    case = Case.get_by_id(case_id)
    if items is None:
        items = list_evidence(EvidenceFilter(case_id=case_id))
    due = evidence_deadline(case)
    late = sum(1 for i in items if i.late)
    return CaseEvidenceSummary(case.rma, due, len(items) - late, late)


@dataclass(frozen=True, slots=True)
class GalleryPage:
    """What the gallery shows for a filter: the newest items, and how many match in all
    (only counted when the list was cut at its limit); for one case, its summary."""

    items: tuple[EvidenceItem, ...]
    total: int
    summary: CaseEvidenceSummary | None


def gallery_page(flt: EvidenceFilter, limit: int | None = None) -> GalleryPage:
    items = list_evidence(flt, limit=limit)
    total = len(items)
    if limit is not None and total == limit:
        total = count_evidence(flt)
    summary = summarize(flt.case_id, items) if flt.case_id is not None else None
    return GalleryPage(tuple(items), total, summary)


@dataclass(frozen=True, slots=True)
class EvidencePack:
    """What an evidence pack for the supplier holds: the case, its order, its files (oldest
    first) and its supplier evidence deadline."""

    rma: str
    order_number: str
    items: tuple[EvidenceItem, ...]
    due: date | None


def evidence_pack(case_id: int) -> EvidencePack | None:
    """The case's evidence for a pack, or None when the case no longer exists."""
    case = Case.select(Case.rma, Order.number).join(Order).where(Case.id == case_id).first()
    if case is None:
        return None
    items = tuple(reversed(list_evidence(EvidenceFilter(case_id=case_id))))
    due = items[0].evidence_due if items else None
    return EvidencePack(case.rma, case.order.number, items, due)
