"""Shopify orders-export files for tests and benchmarks, with Shopify's real column list."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

SHOPIFY_COLUMNS = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,"
    "Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,"
    "Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,"
    "Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,"
    "Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,"
    "Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,"
    "Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
    "Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
).split(",")

#: Columns Shopify repeats on every line-item row of an order.
_REPEATED = {"Name", "Email"}
_LINE = {
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Vendor",
    "Lineitem discount",
}


def shopify_rows(order: dict, lines: list[dict]) -> list[list[str]]:
    """Rows for one order: order columns on the first row only, as Shopify writes them."""
    rows = []
    for index, line in enumerate(lines):
        row = []
        for column in SHOPIFY_COLUMNS:
            if column in _LINE:
                row.append(str(line.get(column, "")))
            elif index == 0 or column in _REPEATED:
                row.append(str(order.get(column, "")))
            else:
                row.append("")
        rows.append(row)
    return rows


def to_csv(rows: list[list[str]], header=SHOPIFY_COLUMNS, delimiter: str = ",") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


_FIRST = ["Chloé", "Łukasz", "Seán", "Zoë", "Amélie", "João", "Björn", "Ana", "Mehmet", "Lea"]
_LAST = ["Dubois", "Nowak", "O'Brien", "Müller", "Lefèvre", "Silva", "Åberg", "García", "Yılmaz"]
_PRODUCTS = [
    ("Lampe LED", ["Bleu", "Rouge", "Blanc"], "Atelier Lumière", "LMP"),
    ("Coque iPhone", ["Noir / iPhone 15", "Rose / iPhone 14"], "CJ Dropshipping", "CSE"),
    ("Sweat à capuche", ["M", "L", "XL"], "Spocket Textiles", "SWT"),
    ("Montre connectée", ["Noir"], "AliExpress - ShenZhen Store", "WCH"),
]


def generate_shopify(count: int, seed: int = 1, start_number: int = 1001) -> str:
    """``count`` realistic orders (1-3 lines each) as Shopify orders-export CSV text."""
    rng = random.Random(seed)
    base = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    paris = timezone(timedelta(hours=1))
    rows = []
    for i in range(count):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        placed = (base + timedelta(minutes=17 * i)).astimezone(paris)
        lines = []
        subtotal = 0
        for _ in range(rng.randint(1, 3)):
            title, variants, vendor, code = rng.choice(_PRODUCTS)
            variant = rng.choice(variants)
            qty = rng.randint(1, 3)
            cents = rng.randint(500, 9000)
            subtotal += qty * cents
            lines.append(
                {
                    "Lineitem quantity": qty,
                    "Lineitem name": f"{title} - {variant}",
                    "Lineitem price": f"{cents // 100}.{cents % 100:02d}",
                    "Lineitem sku": f"{code}-{variants.index(variant):03d}",
                    "Vendor": vendor,
                }
            )
        shipping = 495
        total = subtotal + shipping
        order = {
            "Name": f"#{start_number + i}",
            "Email": f"{first.lower()}.{i}@example.com" if i % 50 else "",
            "Financial Status": "paid",
            "Paid at": placed.strftime("%Y-%m-%d %H:%M:%S %z"),
            "Fulfillment Status": "fulfilled",
            "Fulfilled at": (placed + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S %z"),
            "Currency": "EUR",
            "Subtotal": f"{subtotal // 100}.{subtotal % 100:02d}",
            "Shipping": "4.95",
            "Taxes": "0.00",
            "Total": f"{total // 100}.{total % 100:02d}",
            "Created at": placed.strftime("%Y-%m-%d %H:%M:%S %z"),
            "Billing Name": f"{first} {last}",
            "Shipping Name": f"{first} {last}",
            "Shipping Address1": f"{rng.randint(1, 99)}, rue de la Paix",
            "Shipping City": "Lyon",
            "Shipping Zip": "69001",
            "Shipping Country": "FR",
            "Billing Country": "FR",
            "Payment Method": "Shopify Payments",
            "Payment Reference": f"c{rng.getrandbits(40)}.1",
            "Id": str(5_000_000_000 + i),
        }
        rows.extend(shopify_rows(order, lines))
    return to_csv(rows)


def write_shopify(path: Path, count: int, seed: int = 1, start_number: int = 1001) -> Path:
    path.write_text(generate_shopify(count, seed, start_number), encoding="utf-8", newline="")
    return path
