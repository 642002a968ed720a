"""Store-wide settings (shop details, default policy) kept as JSON in the setting table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from returnsdesk.domain.deadlines import PeakSeason
from returnsdesk.domain.policy import StorePolicy
from returnsdesk.store.db import write
from returnsdesk.store.models import Setting


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


def store_policy() -> StorePolicy:
    stored = get_value("policy", {}) or {}
    peak = stored.get("peak", "default")
    fields = {
        k: v for k, v in stored.items() if k in StorePolicy.__dataclass_fields__ and k != "peak"
    }
    if peak is None:
        fields["peak"] = None
    elif isinstance(peak, dict):
        fields["peak"] = PeakSeason(**peak)
    return StorePolicy(**fields)


def save_store_policy(policy: StorePolicy) -> None:
    data = asdict(policy)
    set_value("policy", data)
