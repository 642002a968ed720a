"""Any other orders CSV, read through a column mapping the user picks once per file layout.

A mapping says which header holds which field. It is remembered per layout:
the key is a hash of the normalised header row (``table.layout_key``), stored
in the setting table, so the next file with the same columns imports at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import check_currency
from returnsdesk.formats.importers.base import Layout
from returnsdesk.formats.importers.table import layout_key, normalise_name
from returnsdesk.formats.importers.values import DATE_ORDERS

#: (field, required) in the order the mapping dialog shows them.
MAPPABLE_FIELDS: tuple[tuple[str, bool], ...] = (
    ("number", True),
    ("placed_at", True),
    ("email", False),
    ("customer_name", False),
    ("first_name", False),
    ("last_name", False),
    ("phone", False),
    ("sku", False),
    ("title", True),
    ("variant", False),
    ("quantity", False),
    ("price", True),
    ("currency", False),
    ("shipping", False),
    ("tax", False),
    ("total", False),
    ("shipping_country", False),
    ("address1", False),
    ("city", False),
    ("zip", False),
    ("vendor", False),
    ("payment_method", False),
    ("payment_reference", False),
    ("carrier", False),
    ("tracking", False),
    ("shipped_at", False),
    ("delivered_at", False),
)
REQUIRED = {name for name, required in MAPPABLE_FIELDS if required}

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("order number", "order", "order no", "order id", "order #", "name", "numéro"),
    "placed_at": ("order date", "date", "created at", "created", "placed at", "date de commande"),
    "email": ("email", "e-mail", "customer email", "billing email", "mail"),
    "customer_name": ("customer name", "customer", "billing name", "full name", "client"),
    "first_name": ("first name", "billing first name", "prénom"),
    "last_name": ("last name", "billing last name", "surname", "nom"),
    "phone": ("phone", "telephone", "téléphone"),
    "sku": ("sku", "item sku", "product sku", "référence"),
    "title": ("product", "item", "title", "product name", "item name", "produit", "article"),
    "variant": ("variant", "option", "variante"),
    "quantity": ("quantity", "qty", "quantité"),
    "price": ("unit price", "price", "item price", "item cost", "prix", "prix unitaire"),
    "currency": ("currency", "devise"),
    "shipping": ("shipping", "shipping cost", "livraison"),
    "tax": ("tax", "taxes", "vat", "tva"),
    "total": ("total", "order total"),
    "shipping_country": ("country", "shipping country", "pays"),
    "address1": ("address", "shipping address", "street", "adresse"),
    "city": ("city", "shipping city", "ville"),
    "zip": ("zip", "postcode", "postal code", "code postal"),
    "vendor": ("vendor", "supplier", "fournisseur"),
    "payment_method": ("payment method", "payment"),
    "payment_reference": ("transaction id", "payment reference"),
    "carrier": ("carrier", "transporteur"),
    "tracking": ("tracking", "tracking number", "suivi"),
    "shipped_at": ("shipped at", "shipped", "ship date", "fulfilled at", "date d'expédition"),
    "delivered_at": ("delivered at", "delivered", "delivery date", "date de livraison"),
}

SETTING_PREFIX = "import.mapping."


@dataclass(frozen=True)
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)  # field -> header name as in the file
    currency: str = ""  # used when no currency column is mapped (or its cell is blank)
    date_order: str = "dmy"  # how numeric dates like 01/05/2026 are read

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": dict(self.columns),
            "currency": self.currency,
            "date_order": self.date_order,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        columns = {
            str(k): str(v)
            for k, v in (data.get("columns") or {}).items()
            if k in dict(MAPPABLE_FIELDS) and v
        }
        order = data.get("date_order", "dmy")
        return cls(columns, str(data.get("currency", "")), order if order in DATE_ORDERS else "dmy")


def guess_mapping(header: list[str]) -> ColumnMapping:
    """A first guess from the header names, for the user to correct."""
    by_name = {normalise_name(h): h for h in header if h.strip()}
    taken: set[str] = set()
    columns = {}
    for name, _required in MAPPABLE_FIELDS:
        for synonym in _SYNONYMS.get(name, ()):
            original = by_name.get(synonym)
            if original is not None and original not in taken:
                columns[name] = original
                taken.add(original)
                break
    return ColumnMapping(columns)


def check_mapping(mapping: ColumnMapping, header: list[str]) -> None:
    """Raise InputError if ``mapping`` cannot read a file with ``header``."""
    names = {normalise_name(h) for h in header}
    missing = sorted(REQUIRED - set(mapping.columns))
    if missing:
        raise InputError("Choose a column for: " + ", ".join(missing) + ".")
    for name, column in mapping.columns.items():
        if normalise_name(column) not in names:
            raise InputError(
                t("The file has no column {column!r} (for {name}).", column=column, name=name)
            )
    if "currency" not in mapping.columns:
        if not mapping.currency:
            raise InputError(t("Choose a currency column or a currency for the whole file."))
        check_currency(mapping.currency)
    if mapping.date_order not in DATE_ORDERS:
        raise InputError(t("Unknown date order {date_order!r}.", date_order=mapping.date_order))


def layout_for(mapping: ColumnMapping) -> Layout:
    columns: dict[str, tuple[str, ...]] = {
        name: (column,) for name, column in mapping.columns.items()
    }
    if "shipping_country" in columns:
        columns["billing_country"] = columns["shipping_country"]
    return Layout(
        store="csv",
        columns=columns,
        default_currency=mapping.currency.strip().upper(),
        date_order=mapping.date_order,
    )


def setting_key(header: list[str]) -> str:
    return SETTING_PREFIX + layout_key(header)


def saved_mapping(header: list[str]) -> ColumnMapping | None:
    from returnsdesk.services.settings import get_value

    stored = get_value(setting_key(header))
    return ColumnMapping.from_json(stored) if isinstance(stored, dict) else None


def save_mapping(header: list[str], mapping: ColumnMapping) -> None:
    from returnsdesk.services.settings import set_value

    check_mapping(mapping, header)
    set_value(setting_key(header), mapping.to_json())
