"""Store-wide settings: shop details (JSON in the setting table) and the store policy
with its history (one row per version, by the date it took effect)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from returnsdesk.domain.deadlines import PeakSeason
from returnsdesk.domain.policy import StorePolicy
from returnsdesk.services.clock import resolve
from returnsdesk.store.db import write
from returnsdesk.store.models import Setting, StorePolicyVersion


@dataclass(frozen=True)
class ShopDetails:
    name: str = "My shop"
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    logo_path: str = ""
    return_address: str = ""
    default_currency: str = "EUR"
    language: str = "en"


def get_value(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except json.JSONDecodeError:
        return default


def set_value(key: str, value: Any) -> None:
    with write():
        Setting.insert(
            key=key, value=json.dumps(value, ensure_ascii=False)
        ).on_conflict_replace().execute()


def shop_details() -> ShopDetails:
    stored = get_value("shop", {}) or {}
    known = {k: v for k, v in stored.items() if k in ShopDetails.__dataclass_fields__}
    return ShopDetails(**known)


def save_shop_details(details: ShopDetails) -> None:
    set_value("shop", asdict(details))


@dataclass(frozen=True)
class PolicyVersion:
    """One version of the store policy and the first day (shop calendar) it applies to."""

    effective_from: date
    policy: StorePolicy


def _policy_from_json(text: str) -> StorePolicy:
    try:
        stored = json.loads(text) or {}
    except json.JSONDecodeError:
        stored = {}
    peak = stored.get("peak", "default")
    fields = {
        k: v for k, v in stored.items() if k in StorePolicy.__dataclass_fields__ and k != "peak"
    }
    if peak is None:
        fields["peak"] = None
    elif isinstance(peak, dict):
        fields["peak"] = PeakSeason(**peak)
    return StorePolicy(**fields)


def store_policy_history() -> list[PolicyVersion]:
    """Every recorded version of the store policy, oldest first."""
    rows = StorePolicyVersion.select().order_by(StorePolicyVersion.effective_from)
    return [PolicyVersion(row.effective_from, _policy_from_json(row.policy)) for row in rows]


def store_policy(on: date | None = None) -> StorePolicy:
    """The store policy in force on ``on`` (an order's placing day), or the latest one.

    An order placed before the first recorded version is judged by that first version:
    the app knows no older policy, and inventing one could only hurt the customer.
    """
    query = StorePolicyVersion.select().order_by(StorePolicyVersion.effective_from.desc())
    if on is not None:
        row = query.where(StorePolicyVersion.effective_from <= on).first()
        if row is None:
            row = StorePolicyVersion.select().order_by(StorePolicyVersion.effective_from).first()
    else:
        row = query.first()
    return _policy_from_json(row.policy) if row is not None else StorePolicy()


def save_store_policy(
    policy: StorePolicy, effective_from: date | None = None, now: datetime | None = None
) -> None:
    """Record ``policy`` as in force from ``effective_from`` (default: the earliest day, i.e.
    it replaces the whole history when no date is given and none is recorded yet).

    A version with the same effective date is replaced; older versions are kept so cases
    on earlier orders are still judged by the policy they were sold under.
    """
    now = resolve(now)
    day = effective_from or (date.min if not store_policy_history() else now.date())
    with write():
        StorePolicyVersion.insert(
            effective_from=day,
            policy=json.dumps(asdict(policy), ensure_ascii=False),
            recorded_at=now,
        ).on_conflict(
            conflict_target=[StorePolicyVersion.effective_from],
            preserve=[StorePolicyVersion.policy, StorePolicyVersion.recorded_at],
        ).execute()
