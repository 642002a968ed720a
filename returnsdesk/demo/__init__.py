"""Sample-data generator: a living store for first-time users and for benchmarks.

Deterministic for a given seed and ``now``. It writes through bulk inserts (the
services would be too slow for 100,000 cases) — orders through the one order writer
(``store.orders_sql``), the rest through ``store.demo_sql`` — streaming its rows in
chunks and committing each chunk, so memory and the write-ahead log stay small at any
size. It then derives what the services derive: next deadlines through the domain
rules and the search index through ``store.search``. The store is built under a
side name and renamed into place once whole, so an interrupted build never leaves a
half-made store to open.

- ``catalogue``: the fixed cast (suppliers, products, names, case paths);
- ``generator``: the shop, suppliers, products and customers;
- ``case_story`` and ``ledger``: each case, its timeline, messages, evidence, money;
- ``money_pairs``, ``labels``, ``insight``: the special stories and finishing touches.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from returnsdesk import paths
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t

if TYPE_CHECKING:
    from returnsdesk.demo.generator import Customers
    from returnsdesk.demo.images import DemoImage

_REPORTED = {
    "cases": "case",
    "orders": "order",
    "customers": "customer",
    "supplier messages": "supplier_contact",
    "evidence items": "evidence",
    "ledger entries": "ledger_entry",
    "timeline events": "case_event",
}


def build_demo_store(
    folder: Path, cases: int = 300, seed: int = 1, now: datetime | None = None
) -> dict[str, int]:
    """Create a new store in ``folder`` filled with ``cases`` sample cases; returns row counts.

    When it fails (a full disk), the half-made database is removed: no empty store is left.
    """
    db_path = paths.database_path(folder)
    if db_path.exists() and db_path.stat().st_size > 0:
        raise InputError(
            t("{folder} already holds a store; choose an empty folder for the demo.", folder=folder)
        )
    building = db_path.with_name(f"{db_path.name}.building")
    _remove_database(building)  # what a killed earlier build left
    try:
        counts = _build(folder, building, cases, seed, now)
    except BaseException:
        _remove_database(building)
        raise
    building.replace(db_path)
    return counts


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _build(
    folder: Path, db_path: Path, cases: int, seed: int, now: datetime | None
) -> dict[str, int]:
    from returnsdesk.demo.images import make_images
    from returnsdesk.demo.insight import enrich
    from returnsdesk.demo.labels import add_return_extras
    from returnsdesk.store import demo_sql
    from returnsdesk.store.db import open_store
    from returnsdesk.store.search import rebuild_index
    from returnsdesk.store.summary_tables import resume_all, suspend_all

    folder.mkdir(parents=True, exist_ok=True)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    rng = random.Random(seed)
    # Its own connection: the models stay bound to whatever store is open.
    db = open_store(db_path, bind=False)
    try:
        demo_sql.prepare_bulk_load(db)
        images = make_images(paths.evidence_dir(folder), rng)
        # Committed chunk by chunk: one transaction would grow a write-ahead log as big as
        # the store. Nobody sees the side-named file before it is whole.
        with db.atomic() as transaction:
            suspend_all(db)  # bulk load: the summaries are computed once at the end
            customers = _write_cases(db, rng, now, cases, images, transaction.commit)
            add_return_extras(db, paths.evidence_dir(folder), now, rng)
            enrich(db, random.Random(seed + 16), now, cases, customers, transaction.commit)
            transaction.commit()
            resume_all(db)
            transaction.commit()
            rebuild_index(db)
        counts = demo_sql.row_counts(db)
        demo_sql.fold_write_ahead_log(db)  # the renamed file must hold every row itself
    finally:
        db.close()
    return {name: counts[table] for name, table in _REPORTED.items()}


def _write_cases(
    db: Any,
    rng: random.Random,
    now: datetime,
    cases: int,
    images: list[DemoImage],
    commit: Callable[[], None],
) -> Customers:
    """The generator's cases (and the money stories); returns the case customers.

    ``commit`` ends the bulk load's current transaction after each written chunk."""
    from returnsdesk.demo.case_story import CaseStory
    from returnsdesk.demo.catalogue import PRODUCTS
    from returnsdesk.demo.generator import PAIR_CASES, Generator
    from returnsdesk.demo.money_pairs import add_money_pairs
    from returnsdesk.store import demo_sql

    rows = demo_sql.DemoRows(db, after_flush=commit)
    gen = Generator(rng, now, cases, images, rows)
    gen.catalogue()
    gen.add_customers()
    pairs = PAIR_CASES if cases >= 20 else 0  # small stores stay purely random
    for index in range(cases - pairs):
        CaseStory(gen, index + 1).write()
    if pairs:
        gen.notices += add_money_pairs(gen, PRODUCTS, gen.rma)
    rows.flush()
    demo_sql.write_rma_counters(db, gen.rma_last)
    demo_sql.set_chargeback_notices(db, gen.notices)
    return gen.customers
