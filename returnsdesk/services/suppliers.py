"""Suppliers: create and edit them with their return policy; the Suppliers area's figures."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from peewee import fn

from returnsdesk.domain.contact import check_email
from returnsdesk.domain.deadlines import zone
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.domain.workflow import FINISHED, OPEN
from returnsdesk.services.clock import resolve
from returnsdesk.store import supplier_replies_kept, suppliers_sql
from returnsdesk.store.db import is_read_only, write
from returnsdesk.store.models import Case, Supplier, from_stamp, to_stamp
from returnsdesk.store.search import index_cases

CHANNELS_LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class SupplierInput:
    name: str
    email: str = ""
    chat_url: str = ""
    phone: str = ""
    timezone: str = "UTC"
    language: str = "en"
    return_address: str = ""
    return_days: int | None = None
    evidence_days: int | None = None
    follow_up_hours: int | None = None
    restocking_fee_percent: int = 0
    pays_return_shipping_at_fault: bool = True
    reimburses_without_return: bool = False
    dispute_platform: str = ""
    escalation_days: int | None = None
    notes: str = ""

    @classmethod
    def of(cls, supplier: Supplier) -> SupplierInput:
        return cls(**{f.name: getattr(supplier, f.name) for f in fields(cls)})


def _whole(value: object, what: str, low: int, high: int) -> int:
    """``value`` as a whole number within [low, high], or InputError naming ``what``."""
    if value is None:
        raise InputError(t("{what} is required.", what=what))
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(t("{what} must be a whole number.", what=what))
    if not low <= value <= high:
        raise InputError(
            t("{what} must be between {low} and {high}.", what=what, low=low, high=high)
        )
    return value


def _bounded(value: int | None, what: str, low: int, high: int) -> int | None:
    """An optional whole number (None: the store default applies)."""
    return None if value is None else _whole(value, what, low, high)


def validate(data: SupplierInput) -> SupplierInput:
    """Return a cleaned copy of ``data`` or raise InputError naming the first problem."""
    email = check_email(data.email)
    chat_url = clean_text(data.chat_url, "Chat or platform link", max_len=2000)
    if chat_url and not chat_url.lower().startswith(("http://", "https://")):
        raise InputError(t("The chat or platform link must start with http:// or https://."))
    timezone = clean_text(data.timezone, "Time zone", required=True)
    try:
        zone(timezone)
    except ValueError:
        raise InputError(
            t("Unknown time zone: {timezone!r} (use a name like Asia/Shanghai).", timezone=timezone)
        ) from None
    language = (data.language or "en").strip().lower()
    if language not in CHANNELS_LANGUAGES:
        raise InputError(t("Supplier language must be English (en) or French (fr)."))
    return SupplierInput(
        name=clean_text(data.name, "Supplier name", required=True),
        email=email,
        chat_url=chat_url,
        phone=clean_text(data.phone, "Phone"),
        timezone=timezone,
        language=language,
        return_address=clean_text(data.return_address, "Return address", max_len=LONG),
        return_days=_bounded(data.return_days, "Return window (days)", 0, 365),
        evidence_days=_bounded(data.evidence_days, "Evidence deadline (days)", 0, 365),
        follow_up_hours=_bounded(data.follow_up_hours, "Follow-up after (hours)", 1, 2160),
        restocking_fee_percent=_whole(data.restocking_fee_percent, "Restocking fee (%)", 0, 100),
        pays_return_shipping_at_fault=bool(data.pays_return_shipping_at_fault),
        reimburses_without_return=bool(data.reimburses_without_return),
        dispute_platform=clean_text(data.dispute_platform, "Dispute platform"),
        escalation_days=_bounded(data.escalation_days, "Escalation delay (days)", 0, 365),
        notes=clean_text(data.notes, "Notes", max_len=LONG),
    )


def supplier_input(supplier_id: int) -> SupplierInput:
    """A stored supplier as the edit form shows it."""
    supplier = Supplier.get_or_none(Supplier.id == supplier_id)
    if supplier is None:
        raise InputError(t("The supplier no longer exists."))
    return SupplierInput.of(supplier)


def _check_unique(name: str, own_id: int | None) -> None:
    query = Supplier.select().where(fn.lower(Supplier.name) == name.lower())
    if own_id is not None:
        query = query.where(Supplier.id != own_id)
    if query.exists():
        raise InputError(t("A supplier called {name!r} already exists.", name=name))


def create_supplier(data: SupplierInput, now: datetime | None = None) -> Supplier:
    clean = validate(data)
    with write():
        _check_unique(clean.name, None)
        return Supplier.create(created_at=resolve(now), **clean.__dict__)


def update_supplier(supplier_id: int, data: SupplierInput, now: datetime | None = None) -> Supplier:
    """Save edits; open cases get their deadlines recomputed (the policy may have changed)."""
    from returnsdesk.services.cases import refresh_next_due

    clean = validate(data)
    with write():
        supplier = Supplier.get_or_none(Supplier.id == supplier_id)
        if supplier is None:
            raise InputError(t("The supplier no longer exists."))
        _check_unique(clean.name, supplier_id)
        renamed = supplier.name != clean.name
        for name, value in clean.__dict__.items():
            setattr(supplier, name, value)
        supplier.save()
        open_cases = Case.select().where(
            (Case.supplier == supplier_id) & Case.status.not_in([s.value for s in FINISHED])
        )
        for case in open_cases:
            refresh_next_due(case, now)
        if renamed:
            index_cases([c.id for c in Case.select(Case.id).where(Case.supplier == supplier_id)])
    return supplier


@dataclass(frozen=True, slots=True)
class SupplierMoney:
    """What a supplier owes in one currency (minor units)."""

    currency: str
    claimed: int
    recovered: int

    @property
    def outstanding(self) -> int:
        """Claimed but not yet recovered (never below zero)."""
        return max(self.claimed - self.recovered, 0)


@dataclass(frozen=True, slots=True)
class SupplierSummary:
    id: int
    name: str
    timezone: str
    open_cases: int
    awaiting_reply: int
    overdue_replies: int
    oldest_waiting_since: datetime | None
    money: tuple[SupplierMoney, ...]
    median_reply_hours: float | None


def summaries(now: datetime | None = None) -> list[SupplierSummary]:
    """One row per supplier: open cases, claims awaiting a reply, money, median reply time.

    Each figure comes from an index or a maintained table (``store.suppliers_sql``), so
    the cost follows the number of suppliers and of open claims, not the store's size;
    the median reply times are kept ready (``refresh_reply_medians``) when up to date.
    """
    now = resolve(now)
    names = suppliers_sql.supplier_names()
    open_counts = suppliers_sql.open_case_counts(sorted(s.value for s in OPEN))
    waiting = suppliers_sql.waiting_replies(to_stamp(now))
    medians = supplier_replies_kept.median_reply_hours_of([row.id for row in names])
    money: dict[int, list[SupplierMoney]] = {}
    for total in suppliers_sql.money_totals():
        money.setdefault(total.supplier_id, []).append(
            SupplierMoney(total.currency, total.claimed, total.recovered)
        )
    nobody = suppliers_sql.WaitingRow(0, 0, None)
    result = []
    for row in names:
        wait = waiting.get(row.id, nobody)
        result.append(
            SupplierSummary(
                id=row.id,
                name=row.name,
                timezone=row.timezone,
                open_cases=open_counts.get(row.id, 0),
                awaiting_reply=wait.count,
                overdue_replies=wait.overdue,
                oldest_waiting_since=from_stamp(wait.oldest_stamp) if wait.oldest_stamp else None,
                money=tuple(money.get(row.id, [])),
                median_reply_hours=medians.get(row.id),
            )
        )
    return result


def refresh_reply_medians() -> bool:
    """Bring the kept median reply times up to date (off the GUI thread); True when they
    were rebuilt. A read-only store reads them along the index each time."""
    if is_read_only():
        return False
    return supplier_replies_kept.rebuild()
