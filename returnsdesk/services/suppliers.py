"""Suppliers: create and edit them with their return policy; the Suppliers area's figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, fields
from datetime import datetime

from peewee import fn

from returnsdesk.domain.contact import check_email
from returnsdesk.domain.deadlines import zone
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.domain.workflow import FINISHED
from returnsdesk.services.clock import resolve
from returnsdesk.store.db import database, write
from returnsdesk.store.ledger_sql import SupplierMoneyRow, supplier_money
from returnsdesk.store.models import Case, Supplier
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


def _bounded(
    value: int | None, what: str, low: int, high: int, optional: bool = True
) -> int | None:
    if value is None:
        if optional:
            return None
        raise InputError(t("{what} is required.", what=what))
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(t("{what} must be a whole number.", what=what))
    if not low <= value <= high:
        raise InputError(
            t("{what} must be between {low} and {high}.", what=what, low=low, high=high)
        )
    return value


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
        restocking_fee_percent=_bounded(
            data.restocking_fee_percent, "Restocking fee (%)", 0, 100, optional=False
        ),
        pays_return_shipping_at_fault=bool(data.pays_return_shipping_at_fault),
        reimburses_without_return=bool(data.reimburses_without_return),
        dispute_platform=clean_text(data.dispute_platform, "Dispute platform"),
        escalation_days=_bounded(data.escalation_days, "Escalation delay (days)", 0, 365),
        notes=clean_text(data.notes, "Notes", max_len=LONG),
    )


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


@dataclass(frozen=True)
class SupplierSummary:
    id: int
    name: str
    timezone: str
    open_cases: int
    awaiting_reply: int
    overdue_replies: int
    oldest_waiting_since: datetime | None
    money: tuple[SupplierMoneyRow, ...]
    median_reply_hours: float | None


def summaries(now: datetime | None = None) -> list[SupplierSummary]:
    """One row per supplier: open cases, claims awaiting a reply, money, median reply time."""
    from returnsdesk.store.models import from_stamp, to_stamp

    now = resolve(now)
    finished = ", ".join(f"'{s.value}'" for s in FINISHED)
    open_counts = dict(
        database.execute_sql(
            f'SELECT supplier_id, count(*) FROM "case" WHERE supplier_id IS NOT NULL '
            f"AND status NOT IN ({finished}) GROUP BY supplier_id"
        ).fetchall()
    )
    waiting = {
        row[0]: row[1:]
        for row in database.execute_sql(
            "SELECT supplier_id, count(*), SUM(reply_due_at <= ?), MIN(at) FROM supplier_contact "
            "WHERE awaiting_reply = 1 AND answered_at IS NULL GROUP BY supplier_id",
            (to_stamp(now),),
        ).fetchall()
    }
    replies: dict[int, list[float]] = {}
    for supplier_id, hours in database.execute_sql(
        "SELECT supplier_id, (julianday(answered_at) - julianday(at)) * 24 FROM supplier_contact "
        "WHERE direction = 'sent' AND answered_at IS NOT NULL"
    ).fetchall():
        replies.setdefault(supplier_id, []).append(hours)
    money: dict[int, list[SupplierMoneyRow]] = {}
    for row in supplier_money():
        money.setdefault(row.supplier_id, []).append(row)
    result = []
    for supplier in Supplier.select().order_by(fn.lower(Supplier.name)):
        count, overdue, oldest = waiting.get(supplier.id, (0, 0, None))
        hours = replies.get(supplier.id)
        result.append(
            SupplierSummary(
                id=supplier.id,
                name=supplier.name,
                timezone=supplier.timezone,
                open_cases=open_counts.get(supplier.id, 0),
                awaiting_reply=count or 0,
                overdue_replies=int(overdue or 0),
                oldest_waiting_since=from_stamp(oldest) if oldest else None,
                money=tuple(money.get(supplier.id, [])),
                median_reply_hours=statistics.median(hours) if hours else None,
            )
        )
    return result
