"""The generator's state and its fixed rows: the shop, suppliers, products, customers.

Rows go straight to a ``store.demo_sql.DemoRows`` sink, which writes them in chunks;
the generator keeps only what later rows draw from (customers, RMA counters).
"""

from __future__ import annotations

import json
import random
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, overload

from returnsdesk.demo.catalogue import COUNTRIES, FIRST_NAMES, LAST_NAMES, PRODUCTS, SUPPLIERS
from returnsdesk.demo.images import DemoImage
from returnsdesk.domain.policy import StorePolicy, SupplierPolicy
from returnsdesk.domain.rma import format_rma
from returnsdesk.store.demo_sql import DemoRows
from returnsdesk.store.models import to_stamp

#: Cases of the real-life money stories (``demo.money_pairs``), part of the case count.
PAIR_CASES = 5
_CURRENCY_OF = {country: currency for country, currency, _, _ in COUNTRIES}

Customer = tuple[int, str, str]


class Customers(Sequence[Customer]):
    """The demo's case customers as ``(id, country, currency)``; ids run 1..n.

    Kept as one byte per customer (its country), not a tuple each: a million-case demo
    draws from 750,000 of them.
    """

    def __init__(self) -> None:
        self._countries = array("B")

    def append(self, country_index: int) -> None:
        self._countries.append(country_index)

    def __len__(self) -> int:
        return len(self._countries)

    @overload
    def __getitem__(self, index: int) -> Customer: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Customer]: ...
    def __getitem__(self, index: int | slice) -> Customer | Sequence[Customer]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        country = COUNTRIES[self._countries[index]][0]
        return index + 1, country, _CURRENCY_OF[country]

    def __iter__(self) -> Iterator[Customer]:
        return (self[i] for i in range(len(self)))


def weighted(rng: random.Random, pairs: Sequence[tuple[Any, int]]) -> Any:
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights)[0]


def ascii_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


class Generator:
    """Deterministic for a seed and ``now``: every draw comes from ``rng`` in a fixed order."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        cases: int,
        images: list[DemoImage],
        rows: DemoRows,
    ) -> None:
        self.rng, self.now, self.n, self.images = rng, now, cases, images
        self.rows = rows
        self.rma_last: dict[int, int] = {}
        #: Processor notice facts of the chargebacks: (reason, processor, due_at, case id).
        self.notices: list[tuple[str, str, str, int]] = []
        self.customers = Customers()
        self.store_policy = StorePolicy()
        self.supplier_policies = [
            SupplierPolicy(
                return_days=s[4],
                evidence_days=s[5],
                follow_up_hours=s[6],
                restocking_fee_percent=s[7],
                reimburses_without_return=s[8],
                timezone=s[2],
            )
            for s in SUPPLIERS
        ]

    def add(self, table: str, row: Sequence[object]) -> None:
        self.rows.add(table, row)

    def count(self, table: str) -> int:
        """Rows of ``table`` added so far."""
        return self.rows.count(table)

    def rma(self, year: int) -> str:
        self.rma_last[year] = self.rma_last.get(year, 0) + 1
        return format_rma(year, self.rma_last[year])

    def catalogue(self) -> None:
        """The shop, suppliers, products and shared evidence files, written at once."""
        self._shop()
        self._suppliers_products()
        for i, image in enumerate(self.images, start=1):
            self.add(
                "evidence_file",
                (
                    i,
                    image.sha256,
                    image.size,
                    "image/jpeg",
                    image.width,
                    image.height,
                    to_stamp(image.captured) if image.captured else None,
                ),
            )
        self.rows.flush()

    def _shop(self) -> None:
        shop = {
            "name": "Maison Lumière",
            "address": "14 rue des Lilas, 69003 Lyon, France",
            "email": "bonjour@maison-lumiere.example",
            "phone": "+33 4 72 00 00 00",
            "website": "maison-lumiere.example",
            "return_address": "Maison Lumière – Retours, 14 rue des Lilas, 69003 Lyon, France",
            "default_currency": "EUR",
            "language": "fr",
        }
        self.add("setting", ("shop", json.dumps(shop, ensure_ascii=False)))

    def _suppliers_products(self) -> None:
        created = to_stamp(self.now - timedelta(days=800))
        for i, s in enumerate(SUPPLIERS, start=1):
            self.add(
                "supplier",
                (i, s[0], s[1], "", "", s[2], s[3], s[10], s[4], s[5], s[6], s[7], 1, int(s[8]))
                + (s[9], 14, "", created),
            )
        for i, p in enumerate(PRODUCTS, start=1):
            self.add("product", (i, p[0], p[1], p[2] + 1, int(p[4])))

    def add_customers(self) -> None:
        """The customers the cases draw from (three for every four cases)."""
        rng = self.rng
        count = max(1, int(self.n * 0.75))
        created = to_stamp(self.now - timedelta(days=700))
        weights = [(index, c[3]) for index, c in enumerate(COUNTRIES)]
        for i in range(1, count + 1):
            index = weighted(rng, weights)
            country, _currency, language, _ = COUNTRIES[index]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{ascii_name(first)}.{ascii_name(last)}{i}@example.com".lower()
            street = rng.choice(["Main St", "rue Victor Hugo", "High Street", "Hauptstraße"])
            address = f"{rng.randrange(1, 200)} {street}"
            phone = f"+33 6 {rng.randrange(10**7, 10**8)}"
            row = (i, f"{first} {last}", email, phone, address, country, language, created)
            self.add("customer", row)
            self.customers.append(index)
