"""Shopify, WooCommerce and mapped-CSV files parsed into orders, with problem rows reported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from import_data import to_csv

from returnsdesk.domain.errors import InputError
from returnsdesk.formats.importers import (
    ColumnMapping,
    detect_format,
    parse,
    parse_file,
    read_bytes,
)
from returnsdesk.formats.importers.generic import (
    check_mapping,
    guess_mapping,
    save_mapping,
    saved_mapping,
    setting_key,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHOPIFY = FIXTURES / "shopify_orders.csv"
WOO = FIXTURES / "woocommerce_orders.csv"


def _by_number(result):
    return {o.number: o for o in result.orders}


def test_shopify_export_as_shopify_writes_it():
    result = parse_file(SHOPIFY)
    assert result.format == "shopify"
    orders = _by_number(result)
    assert sorted(orders) == ["#1001", "#1002", "#1003", "#1005", "#1006"]
    first = orders["#1001"]
    assert first.customer_name == "Chloé Dubois"
    assert first.customer_email == "chloe.dubois@example.fr"
    assert first.placed_at.isoformat() == "2026-05-01T10:00:00+02:00"
    assert first.shipped_on.isoformat() == "2026-05-03"
    assert first.delivered_on is None
    assert (first.subtotal_minor, first.shipping_minor, first.total_minor) == (9100, 495, 9595)
    assert first.payment_reference == "c28117384577.1"
    assert "12, rue de l'Église" in first.shipping_address
    assert [
        (ln.title, ln.variant, ln.quantity, ln.unit_price_minor, ln.sku, ln.supplier_name)
        for ln in first.lines
    ] == [
        ("Lampe LED", "Bleu", 1, 4900, "LMP-002", "Atelier Lumière"),
        ("Coque iPhone", "Noir / iPhone 15", 2, 2450, "CSE-072", "CJ Dropshipping"),
    ]
    # a comma inside a quoted name, a multi-line quoted note before it
    assert orders["#1002"].customer_name == "O'Brien, Seán"
    assert orders["#1002"].shipped_on is None
    # no e-mail, three lines, one without SKU
    assert orders["#1003"].customer_email == ""
    assert [ln.title for ln in orders["#1003"].lines] == [
        "Montre connectée",
        "Bracelet, cuir",
        "Chargeur - USB-C",
    ]
    assert orders["#1006"].currency == "GBP"


def test_shopify_duplicate_row_is_dropped_and_bad_date_reported_with_its_line():
    result = parse_file(SHOPIFY)
    assert result.duplicate_rows == 1
    assert len(_by_number(result)["#1005"].lines) == 1
    assert [(p.line, p.order_number) for p in result.problems] == [(10, "#1004")]
    assert "2026-13-45" in result.problems[0].reason


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("cp1252"),
        lambda text: _resave(text, ";").encode("utf-8"),
        lambda text: _resave(text, ";").encode("cp1252"),
    ],
    ids=["utf8", "bom", "cp1252", "semicolon", "semicolon-cp1252"],
)
def test_shopify_variants_of_the_same_file_parse_the_same(transform):
    data = transform(SHOPIFY.read_text(encoding="utf-8"))
    table = read_bytes(data)
    fmt = detect_format(table.header)
    assert fmt == "shopify"
    result = parse(table, fmt)
    assert _by_number(result)["#1001"].customer_name == "Chloé Dubois"
    assert _by_number(result)["#1002"].customer_name == "O'Brien, Seán"
    assert len(result.orders) == 5
    assert [(p.line, p.order_number) for p in result.problems] == [(10, "#1004")]
    assert _by_number(result)["#1003"].lines[1].title == "Bracelet, cuir"


def _resave(text: str, delimiter: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return to_csv(rows[1:], rows[0], delimiter)


def test_reordered_extra_and_differently_cased_columns():
    header = [
        "created AT",
        "Extra",
        "lineitem NAME",
        "NAME",
        "Financial status",
        "Lineitem Quantity",
        "Lineitem price",
        "currency",
    ]
    rows = [["2026-05-01 10:00:00 +0200", "x", "Lamp - Blue", "#9", "paid", "2", "9.99", "eur"]]
    text = "\n".join(",".join(r) for r in [header, *rows])
    result = parse_file_from_text(text)
    (order,) = result.orders
    assert (order.number, order.currency, order.lines[0].quantity) == ("#9", "EUR", 2)
    assert order.customer_email == ""


def parse_file_from_text(text: str):
    table = read_bytes(text.encode())
    return parse(table, detect_format(table.header))


def test_woocommerce_semicolon_windows_1252_decimal_commas():
    result = parse_file(WOO)
    assert (result.format, result.encoding, result.delimiter) == ("woocommerce", "cp1252", ";")
    orders = _by_number(result)
    first = orders["812"]
    assert first.customer_name == "François Lefèvre"
    assert first.total_minor == 5980 and first.shipping_minor == 590
    assert [(ln.title, ln.variant, ln.quantity, ln.unit_price_minor) for ln in first.lines] == [
        ("Théière en fonte", "Noir, 1,2 L", 1, 3990),
        ("Tasse à thé", "", 2, 700),
    ]
    assert first.payment_method == "Carte bancaire (Stripe)"
    assert first.payment_reference == "pi_3PQx81"
    assert first.shipped_on.isoformat() == "2026-04-30"
    assert orders["813"].customer_email == ""
    assert "Besançon" in first.shipping_address


def test_missing_order_number_and_bad_amount_are_problems():
    text = (
        "Order ID,Order Date,Order Currency,Item Name,Quantity,Item Cost,Billing Email\n"
        "1,2026-05-01,EUR,Lamp,1,10.00,a@example.com\n"
        ",2026-05-01,EUR,Lamp,1,10.00,b@example.com\n"
        "2,2026-05-01,EUR,Lamp,1,ten,c@example.com\n"
        "3,2026-05-01,EUR,Lamp,0,10.00,d@example.com\n"
    )
    result = parse_file_from_text(text)
    assert [o.number for o in result.orders] == ["1"]
    assert [(p.line, p.order_number) for p in result.problems] == [(3, ""), (4, "2"), (5, "3")]
    assert "No order number" in result.problems[0].reason
    assert "not an amount" in result.problems[1].reason.lower()
    assert "Quantity" in result.problems[2].reason


def test_unknown_layout_needs_a_mapping(store, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(
        "Ref;Jour;Client;Courriel;Article;Nb;PU\nA-1;01/05/2026;Zoé;z@x.fr;Lampe;2;9,90\n",
        encoding="utf-8",
    )
    table = read_bytes(path.read_bytes())
    assert detect_format(table.header) is None
    with pytest.raises(InputError, match="no column mapping"):
        parse_file(path)
    mapping = ColumnMapping(
        {
            "number": "Ref",
            "placed_at": "Jour",
            "customer_name": "Client",
            "email": "Courriel",
            "title": "Article",
            "quantity": "Nb",
            "price": "PU",
        },
        currency="eur",
        date_order="dmy",
    )
    save_mapping(table.header, mapping)
    assert saved_mapping(table.header) == mapping
    # remembered per layout: same columns in another case/spacing find it too
    assert saved_mapping(["ref", " JOUR", "client", "courriel", "article", "nb", "pu"]) == mapping
    result = parse_file(path)  # detects nothing, uses the saved mapping
    (order,) = result.orders
    assert (order.store, order.number, order.currency) == ("csv", "A-1", "EUR")
    assert order.placed_at.date().isoformat() == "2026-05-01"
    assert order.lines[0].unit_price_minor == 990 and order.lines[0].quantity == 2
    from returnsdesk.store.models import Setting

    assert Setting.get_by_id(setting_key(table.header)).value.startswith("{")


def test_mapping_checks_and_guess():
    header = ["Order number", "Date", "E-mail", "Product", "Qty", "Unit price", "Currency"]
    guess = guess_mapping(header)
    assert guess.columns == {
        "number": "Order number",
        "placed_at": "Date",
        "email": "E-mail",
        "title": "Product",
        "quantity": "Qty",
        "price": "Unit price",
        "currency": "Currency",
    }
    check_mapping(guess, header)
    with pytest.raises(InputError, match="price"):
        check_mapping(
            ColumnMapping(
                {"number": "Order number", "placed_at": "Date", "title": "Product"}, "EUR"
            ),
            header,
        )
    with pytest.raises(InputError, match="currency"):
        check_mapping(
            ColumnMapping({k: v for k, v in guess.columns.items() if k != "currency"}), header
        )
    with pytest.raises(InputError, match="no column"):
        check_mapping(ColumnMapping({**guess.columns, "sku": "Nope"}), header)


def test_not_an_export_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Financial Status,Lineitem name,Lineitem quantity\n#1,paid,Lamp,1\n")
    with pytest.raises(InputError, match="not a shopify orders export"):
        parse_file(path)


def test_customer_country_is_the_billing_country_not_the_gift_address(tmp_path):
    """Rome I art. 6(1), CRD art. 9: the consumer's residence, not a gift's destination."""
    rows = list(csv.reader(io.StringIO(SHOPIFY.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("Shipping Country")] = "US"
    path = tmp_path / "gift.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = parse_file(path)
    first = _by_number(result)["#1001"]
    assert (first.customer_country, first.shipping_country) == ("FR", "US")
