"""Sample-data generator: a living store for first-time users and for benchmarks.

Deterministic for a given seed and ``now``. It writes through raw bulk
inserts in one transaction (the services would be too slow for 100,000
cases) and then derives what the services derive: next deadlines through the
domain rules and the search index through ``store.search``.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from returnsdesk import paths
from returnsdesk.demo_events import event_row
from returnsdesk.demo_labels import add_return_extras
from returnsdesk.demo_money_pairs import add_money_pairs, generated_notices
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.policy import (
    CaseFacts,
    LineFacts,
    StorePolicy,
    SupplierPolicy,
    compute_deadlines,
    end_of_day,
    next_deadline,
)
from returnsdesk.domain.reasons import Reason, Resolution, default_fault, reason_label
from returnsdesk.domain.rma import format_rma
from returnsdesk.domain.workflow import FINISHED, Kind, Status
from returnsdesk.services.evidence_files import store_bytes
from returnsdesk.store.db import make_database
from returnsdesk.store.migrations import migrate
from returnsdesk.store.models import to_stamp
from returnsdesk.store.search import rebuild_index

S = Status

# (name, email, timezone, language, return_days, evidence_days, follow_up_hours,
#  restocking %, reimburses without return, dispute platform, return address)
SUPPLIERS = [
    (
        "Shenzhen Bright Home Co.",
        "service@brighthome.cn",
        "Asia/Shanghai",
        "en",
        15,
        15,
        48,
        0,
        True,
        "AliExpress dispute",
        "Bldg 4, Bao'an District, Shenzhen 518101, China",
    ),
    (
        "CJ Dropshipping",
        "support@cjdropshipping.example",
        "Asia/Shanghai",
        "en",
        30,
        7,
        24,
        10,
        False,
        "CJ ticket",
        "CJ Warehouse, 88 Yiwu Rd, Jinhua, Zhejiang, China",
    ),
    (
        "Spocket EU – Atelier Lumière",
        "retours@atelier-lumiere.fr",
        "Europe/Paris",
        "fr",
        30,
        15,
        48,
        15,
        False,
        "Spocket",
        "12 rue de la Verrerie, 69002 Lyon, France",
    ),
    (
        "Kraków Leather Works",
        "returns@krakowleather.pl",
        "Europe/Warsaw",
        "en",
        30,
        14,
        72,
        0,
        False,
        "E-mail",
        "ul. Długa 17, 31-147 Kraków, Poland",
    ),
    (
        "PrintHaus POD",
        "claims@printhaus.example",
        "Europe/Berlin",
        "en",
        None,
        10,
        48,
        0,
        True,
        "Printful-style portal",
        "Industriestraße 9, 04109 Leipzig, Germany",
    ),
    (
        "Pacific Gadget Supply",
        "rma@pacificgadget.example",
        "America/Los_Angeles",
        "en",
        30,
        15,
        48,
        20,
        False,
        "PayPal dispute",
        "2201 E 7th St, Los Angeles, CA 90021, USA",
    ),
    (
        "Osaka Kitchen Goods",
        "support@osakakitchen.example",
        "Asia/Tokyo",
        "en",
        14,
        7,
        48,
        0,
        False,
        "E-mail",
        "3-1 Namba, Chuo-ku, Osaka 542-0076, Japan",
    ),
    (
        "Maple Outdoor Gear",
        "returns@mapleoutdoor.example",
        "America/Toronto",
        "en",
        30,
        15,
        48,
        5,
        False,
        "Spocket",
        "410 Adelaide St W, Toronto, ON M5V 1S8, Canada",
    ),
]

# (sku, title, supplier index, price in major units, personalised, variants)
PRODUCTS = [
    ("LMP-001", "Sunset projection lamp", 0, 34, False, ["Warm", "RGB"]),
    ("LMP-002", "Lampe écran LED pliable", 2, 49, False, ["Blanc", "Noir"]),
    ("MUG-010", "Personalised photo mug", 4, 19, True, ["11 oz", "15 oz"]),
    ("TSH-020", "Custom name T-shirt", 4, 24, True, ["S", "M", "L", "XL"]),
    ("WAL-030", "Leather bifold wallet", 3, 59, False, ["Brown", "Black"]),
    ("BAG-031", "Sac bandoulière en cuir", 3, 89, False, ["Cognac", "Noir"]),
    ("EAR-040", "Wireless earbuds Pro", 5, 45, False, ["White", "Black"]),
    ("CHG-041", "Magnetic phone charger", 5, 29, False, ["15 W"]),
    ("WAT-042", "Smart fitness watch", 5, 79, False, ["S/M", "M/L"]),
    ("KNF-050", "Damascus chef knife", 6, 120, False, ["21 cm"]),
    ("PAN-051", "Cast-iron frying pan", 6, 65, False, ["24 cm", "28 cm"]),
    ("TNT-060", "Ultralight 2-person tent", 7, 149, False, ["Green", "Orange"]),
    ("BTL-061", "Insulated water bottle", 7, 22, False, ["500 ml", "1 l"]),
    ("PIL-070", "Memory-foam neck pillow", 1, 27, False, ["Grey"]),
    ("ORG-071", "Drawer organiser set", 1, 18, False, ["6 pcs", "12 pcs"]),
    ("CSE-072", "Coque iPhone personnalisée", 4, 21, True, ["iPhone 15", "iPhone 16"]),
    ("RUG-073", "Washable boho rug", 1, 95, False, ["120×170", "160×230"]),
    ("HUM-074", "Mini humidifier", 0, 31, False, ["White"]),
    ("MAS-075", "Massage gun", 1, 69, False, ["Black", "Blue"]),
    ("PLT-076", "Ceramic planter trio", 2, 39, False, ["Terracotta", "Sage"]),
]

FIRST_NAMES = [
    "Emma",
    "Lucas",
    "Chloé",
    "Noah",
    "Zoë",
    "Łukasz",
    "Amélie",
    "Oliver",
    "Sofía",
    "Mehmet",
    "Aoife",
    "Jonas",
    "Inès",
    "Hiroshi",
    "Olivia",
    "François",
    "Ayşe",
    "Liam",
    "Małgorzata",
    "Björn",
    "Nour",
    "Camille",
    "Jack",
    "Élodie",
    "Mateo",
]
LAST_NAMES = [
    "Martin",
    "Dubois",
    "Smith",
    "Nowak",
    "Müller",
    "García",
    "Rossi",
    "O'Brien",
    "Lefèvre",
    "Kowalski",
    "Yılmaz",
    "Tanaka",
    "Johnson",
    "Moreau",
    "Brown",
    "Łódź",
    "Schmidt",
    "Fernández",
    "Lambert",
    "Wilson",
    "Bernard",
    "Novák",
    "Ng",
    "Haddad",
]

# (country, currency, language, weight)
COUNTRIES = [
    ("FR", "EUR", "fr", 26),
    ("BE", "EUR", "fr", 5),
    ("DE", "EUR", "en", 10),
    ("ES", "EUR", "en", 5),
    ("IT", "EUR", "en", 4),
    ("GB", "GBP", "en", 14),
    ("US", "USD", "en", 22),
    ("CA", "CAD", "en", 6),
    ("PL", "PLN", "en", 4),
    ("JP", "JPY", "en", 2),
    ("CH", "CHF", "fr", 2),
]
# One unit of the major currency in minor units of each currency, roughly as EUR.
PRICE_FACTOR = {"EUR": 100, "GBP": 86, "USD": 108, "CAD": 148, "PLN": 430, "JPY": 160, "CHF": 95}
CARRIERS = ["Colissimo", "DHL", "UPS", "Royal Mail", "USPS", "Canada Post", "La Poste", "GLS"]

KIND_WEIGHTS = [
    (Kind.RETURN, 40),
    (Kind.REFUND_ONLY, 14),
    (Kind.REPLACEMENT, 16),
    (Kind.EXCHANGE, 8),
    (Kind.NOT_RECEIVED, 14),
    (Kind.CHARGEBACK, 8),
]
REASONS_BY_KIND = {
    Kind.RETURN: [
        Reason.SIZE_TOO_SMALL,
        Reason.SIZE_TOO_LARGE,
        Reason.COLOUR_STYLE,
        Reason.NO_LONGER_WANTED,
        Reason.NOT_AS_DESCRIBED,
        Reason.DEFECTIVE,
        Reason.WRONG_ITEM,
        Reason.OTHER,
    ],
    Kind.REFUND_ONLY: [
        Reason.DAMAGED_IN_TRANSIT,
        Reason.MISSING_PARTS,
        Reason.DEFECTIVE,
        Reason.NOT_AS_DESCRIBED,
        Reason.ARRIVED_LATE,
    ],
    Kind.REPLACEMENT: [
        Reason.DAMAGED_IN_TRANSIT,
        Reason.DEFECTIVE,
        Reason.WRONG_ITEM,
        Reason.PERSONALISATION_ERROR,
        Reason.MISSING_PARTS,
    ],
    Kind.EXCHANGE: [Reason.SIZE_TOO_SMALL, Reason.SIZE_TOO_LARGE, Reason.COLOUR_STYLE],
    Kind.NOT_RECEIVED: [Reason.NOT_RECEIVED],
    Kind.CHARGEBACK: [Reason.NOT_RECEIVED, Reason.NOT_AS_DESCRIBED, Reason.DEFECTIVE, Reason.OTHER],
}

OPEN_PATHS = [
    [S.NEW],
    [S.NEW, S.AWAITING_CUSTOMER],
    [S.NEW, S.AWAITING_SUPPLIER],
    [S.NEW, S.AWAITING_CUSTOMER, S.AWAITING_SUPPLIER],
    [S.NEW, S.APPROVED],
    [S.NEW, S.AWAITING_SUPPLIER, S.APPROVED, S.AWAITING_RETURN],
    [S.NEW, S.APPROVED, S.AWAITING_RETURN, S.RETURN_IN_TRANSIT],
    [S.NEW, S.AWAITING_SUPPLIER, S.APPROVED, S.AWAITING_RETURN, S.RETURN_IN_TRANSIT, S.RECEIVED],
    [S.NEW, S.APPROVED, S.RESOLVED, S.CLOSED, S.REOPENED],
]
DONE_PATHS = [
    [S.NEW, S.AWAITING_SUPPLIER, S.APPROVED, S.RESOLVED],
    [S.NEW, S.AWAITING_SUPPLIER, S.APPROVED, S.RESOLVED, S.CLOSED],
    [S.NEW, S.APPROVED, S.AWAITING_RETURN, S.RETURN_IN_TRANSIT, S.RECEIVED, S.RESOLVED, S.CLOSED],
    [S.NEW, S.AWAITING_CUSTOMER, S.REJECTED],
    [S.NEW, S.AWAITING_SUPPLIER, S.REJECTED, S.CLOSED],
    [S.NEW, S.CANCELLED],
]
CHARGEBACK_OPEN = [[S.CHARGEBACK_OPEN], [S.CHARGEBACK_OPEN, S.EVIDENCE_SUBMITTED]]
CHARGEBACK_DONE = [
    [S.CHARGEBACK_OPEN, S.EVIDENCE_SUBMITTED, S.WON],
    [S.CHARGEBACK_OPEN, S.EVIDENCE_SUBMITTED, S.WON, S.CLOSED],
    [S.CHARGEBACK_OPEN, S.EVIDENCE_SUBMITTED, S.LOST, S.CLOSED],
    [S.CHARGEBACK_OPEN, S.LOST],
]
NOTES_FOR = {
    S.REJECTED: [
        "Photos show wear from use; outside the policy.",
        "Return window expired before the request.",
        "Personalised item, no fault found.",
    ],
    S.CANCELLED: ["Customer withdrew the request.", "Duplicate of another case."],
    S.REOPENED: ["Customer reports the replacement is faulty too."],
    S.LOST: ["Bank sided with the cardholder."],
}
CUSTOMER_NOTES = [
    "Customer very polite, sent photos quickly.",
    "Asked for a refund to the original card.",
    "Colis reçu abîmé, carton écrasé.",
    "Prefers contact by e-mail after 6 pm.",
    "Second request this year.",
    "",
]


@dataclass(frozen=True)
class DemoImage:
    name: str
    sha256: str
    size: int
    width: int
    height: int
    captured: datetime | None


def _make_images(evidence_dir: Path, rng: random.Random) -> list[DemoImage]:
    """A dozen small photo-like JPEGs (some with EXIF capture time) shared by all cases."""
    from PIL import Image, ImageDraw

    subjects = [
        "broken lamp base",
        "dented box",
        "wrong colour mug",
        "torn seam",
        "missing screws",
        "cracked screen",
        "label close-up",
        "scratched pan",
        "print error on T-shirt",
        "water damage",
        "parcel on doorstep",
        "size label",
    ]
    images = []
    for i, subject in enumerate(subjects):
        width, height = (640, 480) if i % 3 else (480, 640)
        image = Image.new("RGB", (width, height), (rng.randrange(60, 200),) * 3)
        draw = ImageDraw.Draw(image)
        for band in range(0, height, 12):
            tone = (rng.randrange(90, 230), rng.randrange(80, 210), rng.randrange(70, 190))
            draw.rectangle([0, band, width, band + 12], fill=tone)
        draw.rectangle([40, height // 2 - 30, width - 40, height // 2 + 30], fill=(250, 250, 250))
        draw.text((56, height // 2 - 8), f"Evidence: {subject}", fill=(20, 20, 20))
        captured = None
        exif = Image.Exif()
        if i % 4 != 3:
            captured = datetime(2026, 1 + i % 10, 3 + i, 14, 5, tzinfo=UTC)
            exif[0x8769] = {0x9003: captured.strftime("%Y:%m:%d %H:%M:%S")}
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, exif=exif)
        data = buffer.getvalue()
        sha, _ = store_bytes(evidence_dir, data)
        name = f"IMG_{4100 + i}.jpg"
        images.append(DemoImage(name, sha, len(data), width, height, captured))
    return images


def _weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights)[0]


def build_demo_store(
    folder: Path, cases: int = 300, seed: int = 1, now: datetime | None = None
) -> dict[str, int]:
    """Create a new store in ``folder`` filled with ``cases`` sample cases; returns row counts.

    When it fails (a full disk), the half-made database is removed: no empty store is left.
    """
    db_path = paths.database_path(folder)
    if db_path.exists() and db_path.stat().st_size > 0:
        raise InputError(f"{folder} already holds a store; choose an empty folder for the demo.")
    try:
        return _build_demo_store(folder, cases, seed, now)
    except BaseException:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        raise


def _build_demo_store(folder: Path, cases: int, seed: int, now: datetime | None) -> dict[str, int]:
    db_path = paths.database_path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    rng = random.Random(seed)
    db = make_database(db_path)
    db.connect()
    from returnsdesk.store.db import APPLICATION_ID

    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(db)
    images = _make_images(paths.evidence_dir(folder), rng)
    generator = _Generator(rng, now, cases, images)
    from returnsdesk.demo_insight import enrich
    from returnsdesk.store import sales

    with db.atomic():
        sales.suspend(db)  # bulk load: the sales summary is computed once at the end
        generator.write(db)
        add_return_extras(db, paths.evidence_dir(folder), now, rng)
        enrich(db, random.Random(seed + 16), now, cases)
        sales.resume(db)
        rebuild_index(db)
    counts = {
        table: db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in (
            "case",
            "order",
            "customer",
            "supplier_contact",
            "evidence",
            "ledger_entry",
            "case_event",
        )
    }
    db.close()
    return {
        "cases": counts["case"],
        "orders": counts["order"],
        "customers": counts["customer"],
        "supplier messages": counts["supplier_contact"],
        "evidence items": counts["evidence"],
        "ledger entries": counts["ledger_entry"],
        "timeline events": counts["case_event"],
    }


#: Cases of the real-life money stories (``demo_money_pairs``), part of the case count.
PAIR_CASES = 5


class _Generator:
    def __init__(self, rng: random.Random, now: datetime, cases: int, images: list[DemoImage]):
        self.rng, self.now, self.n, self.images = rng, now, cases, images
        self.rows: dict[str, list[tuple]] = {}
        self.rma_last: dict[int, int] = {}
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

    def add(self, table: str, row: tuple) -> None:
        self.rows.setdefault(table, []).append(row)

    def write(self, db) -> None:
        self._shop()
        self._suppliers_products()
        self._customers()
        pairs = PAIR_CASES if self.n >= 20 else 0  # small stores stay purely random
        for index in range(self.n - pairs):
            self._case(index + 1)
        notices = generated_notices(self)
        if pairs:
            notices += add_money_pairs(self, PRODUCTS, self._rma)
        columns = {
            "setting": "key, value",
            "supplier": "id, name, email, chat_url, phone, timezone, language, return_address, "
            "return_days, evidence_days, follow_up_hours, restocking_fee_percent, "
            "pays_return_shipping_at_fault, reimburses_without_return, dispute_platform, "
            "escalation_days, notes, created_at",
            "product": "id, sku, title, supplier_id, personalised",
            "customer": "id, name, email, phone, address, country, language, created_at",
            "order": "id, store, number, customer_id, placed_at, paid_at, shipped_on, "
            "delivered_on, currency, subtotal_minor, shipping_minor, tax_minor, total_minor, "
            "payment_method, payment_reference, carrier, tracking_number, billing_country, "
            "shipping_country, shipping_address",
            "order_line": "id, order_id, product_id, supplier_id, sku, title, variant, quantity, "
            "unit_price_minor, personalised",
            "case": "id, rma, order_id, supplier_id, kind, reason, reason_note, fault, "
            "requested_resolution, agreed_resolution, status, supplier_reference, "
            "return_carrier, return_tracking, return_label_ref, notes, currency, amount_minor, "
            "opened_at, first_response_at, chargeback_due_on, chargeback_reference, "
            "withdrawal_notice_on, closed_at, updated_at, next_due_on, next_due_code, version",
            "case_line": "case_id, order_line_id, quantity",
            "case_event": "case_id, at, kind, from_status, to_status, text, code, params",
            "supplier_contact": "id, supplier_id, case_id, at, channel, direction, subject, body, "
            "supplier_reference, awaiting_reply, reply_due_at, answered_at",
            "evidence_file": "id, sha256, size, mime, width, height, captured_at",
            "evidence": "case_id, file_id, contact_id, supplied_by, original_name, caption, "
            "added_at, removed_at",
            "ledger_entry": "case_id, entry_date, kind, amount_minor, currency, method, "
            "reference, memo, reverses_id, override_note, created_at",
            "rma_counter": "year, last",
        }
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
        cursor = db.cursor()
        for table, cols in columns.items():
            rows = self.rows.get(table, [])
            if not rows:
                continue
            marks = ", ".join("?" * len(rows[0]))
            cursor.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)
        for year, last in sorted(self.rma_last.items()):
            cursor.execute("INSERT INTO rma_counter (year, last) VALUES (?, ?)", (year, last))
        cursor.executemany(
            'UPDATE "case" SET chargeback_reason = ?, chargeback_processor = ?, '
            "chargeback_due_at = ? WHERE id = ?",
            notices,
        )

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
                (
                    i,
                    s[0],
                    s[1],
                    "",
                    "",
                    s[2],
                    s[3],
                    s[10],
                    s[4],
                    s[5],
                    s[6],
                    s[7],
                    1,
                    int(s[8]),
                    s[9],
                    14,
                    "",
                    created,
                ),
            )
        for i, p in enumerate(PRODUCTS, start=1):
            self.add("product", (i, p[0], p[1], p[2] + 1, int(p[4])))

    def _customers(self) -> None:
        rng = self.rng
        self.customers = []
        count = max(1, int(self.n * 0.75))
        created = to_stamp(self.now - timedelta(days=700))
        for i in range(1, count + 1):
            country, currency, language, _ = _weighted(rng, [(c, c[3]) for c in COUNTRIES])
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{_ascii(first)}.{_ascii(last)}{i}@example.com".lower()
            street = rng.choice(["Main St", "rue Victor Hugo", "High Street", "Hauptstraße"])
            address = f"{rng.randrange(1, 200)} {street}"
            self.add(
                "customer",
                (
                    i,
                    f"{first} {last}",
                    email,
                    f"+33 6 {rng.randrange(10**7, 10**8)}",
                    address,
                    country,
                    language,
                    created,
                ),
            )
            self.customers.append((i, country, currency))

    def _rma(self, year: int) -> str:
        self.rma_last[year] = self.rma_last.get(year, 0) + 1
        return format_rma(year, self.rma_last[year])

    def _case(self, case_id: int) -> None:
        rng, now = self.rng, self.now
        # Most cases are old and finished; a steady stream of recent ones stays open.
        recent = rng.random() < 0.3
        age_days = rng.uniform(0, 28) if recent else rng.uniform(28, 540)
        opened = (now - timedelta(days=age_days, minutes=rng.randrange(0, 1440))).replace(second=0)
        customer_id, country, currency = rng.choice(self.customers)
        factor = PRICE_FACTOR[currency]
        delivered_after = rng.randrange(5, 20)
        placed = opened - timedelta(days=delivered_after + rng.randrange(1, 12))
        delivered = (placed + timedelta(days=delivered_after)).date()
        kind = _weighted(rng, KIND_WEIGHTS)
        reason = rng.choice(REASONS_BY_KIND[kind])
        if kind == Kind.NOT_RECEIVED:
            delivered = None

        order_id = case_id
        lines = []
        for line_no in range(rng.choice([1, 1, 1, 2, 2, 3])):
            product_index = rng.randrange(len(PRODUCTS))
            sku, title, supplier_index, price, personalised, variants = PRODUCTS[product_index]
            quantity = rng.choice([1, 1, 1, 2])
            unit = price * factor
            line_id = case_id * 4 + line_no
            lines.append((line_id, quantity, unit, supplier_index + 1, personalised))
            self.add(
                "order_line",
                (
                    line_id,
                    order_id,
                    product_index + 1,
                    supplier_index + 1,
                    sku,
                    title,
                    rng.choice(variants),
                    quantity,
                    unit,
                    int(personalised),
                ),
            )
        subtotal = sum(q * u for _, q, u, _, _ in lines)
        shipping = rng.choice([0, 499, 699]) * factor // 100
        carrier = rng.choice(CARRIERS)
        tracking = f"{carrier[:2].upper()}{rng.randrange(10**9, 10**10)}FR"
        self.add(
            "order",
            (
                order_id,
                "shopify",
                f"#{1000 + case_id}",
                customer_id,
                to_stamp(placed),
                to_stamp(placed + timedelta(minutes=3)),
                (placed + timedelta(days=2)).date().isoformat(),
                delivered.isoformat() if delivered else None,
                currency,
                subtotal,
                shipping,
                0,
                subtotal + shipping,
                rng.choice(["Card", "PayPal", "Shop Pay"]),
                f"ch_{rng.randrange(16**12):012x}",
                carrier,
                tracking,
                country,
                country,
                "",
            ),
        )
        chosen = lines if rng.random() < 0.7 else lines[:1]
        for line_id, quantity, _, _, _ in chosen:
            self.add("case_line", (case_id, line_id, quantity))
        amount = sum(q * u for _, q, u, _, _ in chosen)
        supplier_id = chosen[0][3]
        personalised = any(p for *_, p in chosen)

        if kind == Kind.CHARGEBACK:
            path = rng.choice(CHARGEBACK_OPEN if recent else CHARGEBACK_DONE)
        else:
            path = rng.choice(OPEN_PATHS if recent else DONE_PATHS)
        status = path[-1]
        resolution = {
            Kind.RETURN: Resolution.REFUND,
            Kind.REFUND_ONLY: Resolution.PARTIAL_REFUND,
            Kind.REPLACEMENT: Resolution.REPLACEMENT,
            Kind.EXCHANGE: Resolution.EXCHANGE,
            Kind.NOT_RECEIVED: Resolution.REFUND,
            Kind.CHARGEBACK: Resolution.REFUND,
        }[kind]
        if kind == Kind.RETURN and rng.random() < 0.2:
            resolution = Resolution.STORE_CREDIT

        # Timeline: one event per step, spread over the case's life so far.
        span = max(1.0, min(age_days, 40.0))
        times = sorted(opened + timedelta(hours=rng.uniform(2, span * 24)) for _ in path[1:])
        times = [min(t, now) for t in times]
        self.add(
            "case_event",
            event_row(
                case_id,
                opened,
                "created",
                "case_opened",
                {"kind": kind.value, "reason": reason.value},
                to_status=path[0],
            ),
        )
        agreed = ""
        for previous, step, at in zip(path, path[1:], times, strict=False):
            note = rng.choice(NOTES_FOR[step]) if step in NOTES_FOR else ""
            if step in (S.APPROVED, S.RESOLVED):
                agreed = resolution.value
            params = {"from_status": previous.value, "to_status": step.value, "note": note}
            params["resolution"] = agreed if step in (S.APPROVED, S.RESOLVED) else ""
            self.add(
                "case_event",
                event_row(case_id, at, "status", "status_changed", params, previous, step),
            )
        last_activity = times[-1] if times else opened
        first_response = opened + timedelta(hours=rng.uniform(1, 30)) if len(path) > 1 else None
        if first_response and first_response > now:
            first_response = None
        chargeback_due = (
            (opened + timedelta(days=rng.randrange(7, 21))).date()
            if kind == Kind.CHARGEBACK
            else None
        )

        # Supplier messages: a claim, and its answer once the case moved on.
        claim_at = opened + timedelta(hours=rng.uniform(3, 30))
        waiting = status == S.AWAITING_SUPPLIER
        supplier_ref = f"SR-{rng.randrange(10**6, 10**7)}"
        contact_base = len(self.rows.get("supplier_contact", [])) + 1
        follow_up = self.supplier_policies[supplier_id - 1].follow_up_hours or 48
        if waiting:  # a recent claim, some still within the follow-up threshold
            recent_claim = now - timedelta(hours=rng.uniform(1, 90))
            claim_at = min(now, max(opened + timedelta(hours=1), recent_claim))
        answered_at = None if waiting else claim_at + timedelta(hours=rng.uniform(4, 70))
        # Nothing is written, sent or answered after the demo's "now".
        claim_at = min(claim_at, now)
        answered_at = min(answered_at, now) if answered_at is not None else None
        self.add(
            "supplier_contact",
            (
                contact_base,
                supplier_id,
                case_id,
                to_stamp(claim_at),
                "email",
                "sent",
                f"Claim for order #{1000 + case_id}",
                f"Hello, the customer reports: {reason_label(reason, 'en').lower()}. "
                "Photos attached. Please advise.",
                "",
                1,
                to_stamp(claim_at + timedelta(hours=follow_up)),
                to_stamp(answered_at) if answered_at else None,
            ),
        )
        self.add("case_event", event_row(case_id, claim_at, "contact", "claim_sent", {}))
        if answered_at is not None:
            self.add(
                "supplier_contact",
                (
                    contact_base + 1,
                    supplier_id,
                    case_id,
                    to_stamp(answered_at),
                    "email",
                    "received",
                    f"Re: Claim for order #{1000 + case_id}",
                    "We checked the photos. "
                    + rng.choice(
                        [
                            "Refund approved.",
                            "We will send a new one.",
                            "Please ask the customer to return the item.",
                            "Not covered: damage caused by use.",
                        ]
                    ),
                    supplier_ref,
                    0,
                    None,
                    None,
                ),
            )
            self.add(
                "case_event",
                event_row(
                    case_id,
                    answered_at,
                    "contact",
                    "supplier_replied",
                    {"reference": supplier_ref},
                ),
            )
            last_activity = max(last_activity, answered_at)

        # Evidence for about half the cases: 1-3 shared photos from the customer.
        if rng.random() < 0.5 and kind != Kind.NOT_RECEIVED:
            for _ in range(rng.randrange(1, 4)):
                file_id = rng.randrange(len(self.images)) + 1
                added = opened + timedelta(hours=rng.uniform(0, 48))
                added = min(added, now)
                self.add(
                    "evidence",
                    (
                        case_id,
                        file_id,
                        contact_base,
                        "customer",
                        self.images[file_id - 1].name,
                        rng.choice(
                            [
                                "Photo sent by the customer",
                                "Box as delivered",
                                "Close-up of the fault",
                                "",
                            ]
                        ),
                        to_stamp(added),
                        None,
                    ),
                )

        # Money: what left and what came back.
        self._ledger(
            case_id,
            kind,
            status,
            path,
            resolution,
            amount,
            currency,
            opened,
            times,
            supplier_id,
            factor,
        )

        upcoming = None
        if status not in FINISHED:
            # The same facts the services read back (services/rule_facts.case_facts), so the
            # stored next deadline is what the case workspace shows.
            facts = CaseFacts(
                kind=kind.value,
                reason=reason,
                placed_at=placed,
                customer_country=country,
                lines=tuple(
                    LineFacts(str(line[0]), delivered, personalised=line[4]) for line in lines
                ),
                case_line_ids=tuple(str(line[0]) for line in chosen),
                opened_at=opened,
                now=now,
                shipped_on=(placed + timedelta(days=2)).date(),
                first_response_at=first_response,
                claim_sent_at=claim_at,
                awaiting_supplier_since=claim_at if waiting else None,
                chargeback_due_at=end_of_day(chargeback_due, self.store_policy.time_zone)
                if chargeback_due
                else None,
                refunded_on=self._refunded_on(case_id, amount),
                chargeback_answered_at=times[path.index(S.EVIDENCE_SUBMITTED) - 1]
                if S.EVIDENCE_SUBMITTED in path
                else None,
            )
            upcoming = next_deadline(
                compute_deadlines(facts, self.store_policy, self.supplier_policies[supplier_id - 1])
            )
        reason_note = "Customer explains in detail by e-mail." if reason == Reason.OTHER else ""
        closed_at = times[-1] if status == S.CLOSED else None
        return_tracking = f"RT{rng.randrange(10**8, 10**9)}" if S.RETURN_IN_TRANSIT in path else ""
        self.add(
            "case",
            (
                case_id,
                self._rma(opened.year),
                order_id,
                supplier_id,
                kind.value,
                reason.value,
                reason_note,
                default_fault(reason).value,
                resolution.value,
                agreed,
                status.value,
                supplier_ref if answered_at else "",
                carrier if return_tracking else "",
                return_tracking,
                f"LBL-{case_id:06d}" if S.AWAITING_RETURN in path else "",
                rng.choice(CUSTOMER_NOTES),
                currency,
                amount,
                to_stamp(opened),
                to_stamp(first_response) if first_response else None,
                chargeback_due.isoformat() if chargeback_due else None,
                f"dp_{rng.randrange(16**10):010x}" if kind == Kind.CHARGEBACK else "",
                None,
                to_stamp(closed_at) if closed_at else None,
                to_stamp(last_activity),
                upcoming.due.isoformat() if upcoming else None,
                upcoming.code if upcoming else "",
                1,
            ),
        )

    def _refunded_on(self, case_id: int, amount: int):
        """The day this case's customer refunds reached its amount (the ledger rows added)."""
        total = 0
        for row in self.rows.get("ledger_entry", []):
            if row[0] == case_id and row[2] == LedgerKind.CUSTOMER_REFUND.value:
                total += row[3]
                if total >= amount > 0:
                    return date.fromisoformat(row[1])
        return None

    def _ledger(
        self,
        case_id,
        kind,
        status,
        path,
        resolution,
        amount,
        currency,
        opened,
        times,
        supplier_id,
        factor,
    ) -> None:
        rng = self.rng
        when = (times[-1] if times else opened).date().isoformat()
        stamp = to_stamp(times[-1] if times else opened)

        def entry(kind_: LedgerKind, value: int, memo: str = "", method: str = "") -> None:
            if value > 0:
                self.add(
                    "ledger_entry",
                    (
                        case_id,
                        when,
                        kind_.value,
                        value,
                        currency,
                        method,
                        f"R{rng.randrange(10**6, 10**7)}",
                        memo,
                        None,
                        "",
                        stamp,
                    ),
                )

        if S.AWAITING_RETURN in path:
            entry(
                LedgerKind.RETURN_LABEL_COST,
                rng.choice([590, 750, 1190]) * factor // 100,
                "Prepaid return label",
            )
        if kind == Kind.CHARGEBACK:
            entry(LedgerKind.CHARGEBACK_DEBIT, amount, "Disputed amount debited by the bank")
            entry(LedgerKind.CHARGEBACK_FEE, 15 * factor, "Processor dispute fee")
            if S.WON in path:
                entry(LedgerKind.CHARGEBACK_REVERSAL, amount, "Dispute won")
            return
        if S.RESOLVED not in path and S.APPROVED not in path:
            return
        if resolution == Resolution.STORE_CREDIT:
            entry(LedgerKind.STORE_CREDIT_ISSUED, amount, "Store credit instead of refund")
        elif resolution in (Resolution.REPLACEMENT, Resolution.EXCHANGE):
            entry(
                LedgerKind.REPLACEMENT_COST,
                amount * rng.choice([40, 50, 60]) // 100,
                "Replacement shipped by the supplier",
            )
        elif S.RESOLVED in path or S.APPROVED in path:
            share = 100 if resolution == Resolution.REFUND else rng.choice([20, 30, 50])
            entry(
                LedgerKind.CUSTOMER_REFUND,
                amount * share // 100,
                "Full refund" if share == 100 else f"Partial refund ({share} %)",
                "Card",
            )
        if S.RESOLVED in path and rng.random() < 0.65:
            entry(
                LedgerKind.SUPPLIER_REIMBURSEMENT,
                amount * rng.choice([30, 45, 60]) // 100,
                "Supplier paid back the cost price",
                "Bank transfer",
            )
        pct = self.supplier_policies[supplier_id - 1].restocking_fee_percent
        if S.RECEIVED in path and pct:
            entry(LedgerKind.RESTOCKING_FEE_KEPT, amount * pct // 100, f"{pct} % restocking fee")


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())
