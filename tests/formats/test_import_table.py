"""Reading real-world CSV exports: encodings, separators, quoting, blank rows, header case."""

from __future__ import annotations

import pytest

from returnsdesk.formats.importers.table import (
    FileFormatError,
    layout_key,
    read_bytes,
    sniff_delimiter,
)
from returnsdesk.formats.importers.values import (
    RowError,
    parse_datetime,
    parse_decimal,
    parse_money,
    split_item_name,
)

TEXT = (
    'Name,Item,Price\r\n#1,"Lampe, bleue",12.50\r\n'
    '#2,"Note\r\non two lines",3\r\n,,\r\n\r\n#3,Thé,1\r\n'
)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected(data, encoding):
    table = read_bytes(data)
    assert table.encoding == encoding
    assert table.header == ["Name", "Item", "Price"]
    assert [cells[1] for _, cells in table.rows] == ["Lampe, bleue", "Note\r\non two lines", "Thé"]


def test_line_numbers_count_physical_lines_and_blank_rows_are_skipped():
    table = read_bytes(TEXT.encode())
    assert [line for line, _ in table.rows] == [2, 3, 7]


def test_semicolon_separator_and_case_insensitive_headers():
    table = read_bytes(b'ORDER  number;Prix;Note\n1;12,50;"a;b"\n')
    assert table.delimiter == ";"
    assert table.column("order number") == 0
    assert table.rows[0][1] == ["1", "12,50", "a;b"]


def test_sniff_ignores_separators_inside_quotes():
    assert sniff_delimiter('"a,b,c,d";x;y\n') == ";"
    assert sniff_delimiter("only\n") == ","


def test_layout_key_ignores_case_and_blanks_but_not_order():
    assert layout_key(["Order", " Date "]) == layout_key(["order", "date"])
    assert layout_key(["Order", "Date"]) != layout_key(["Date", "Order"])


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\x00\x01\x02binary", b"justone\n1\n"])
def test_unreadable_files_are_refused(data):
    with pytest.raises(FileFormatError):
        read_bytes(data)


@pytest.mark.parametrize(
    "text, minor",
    [
        ("12.50", 1250),
        ("12,50", 1250),
        ("1,234.50", 123450),
        ("1.234,50", 123450),
        ("€ 12.50", 1250),
        ("12.50 EUR", 1250),
        ("0", 0),
        ("1 234,5", 123450),
    ],
)
def test_amounts_are_exact(text, minor):
    assert parse_money(text, "EUR", "Price") == minor


@pytest.mark.parametrize("text", ["abc", "12.345", "-3", "1e5", ""])
def test_bad_amounts_are_row_errors(text):
    with pytest.raises(RowError):
        parse_money(text, "EUR", "Price")


def test_decimal_never_goes_through_float():
    assert str(parse_decimal("0.10", "x") + parse_decimal("0.20", "x")) == "0.30"


def test_dates():
    shopify = parse_datetime("2026-05-01 10:00:00 +0200", "d")
    assert shopify.isoformat() == "2026-05-01T10:00:00+02:00"
    assert parse_datetime("2026-05-01T08:00:00Z", "d").isoformat() == "2026-05-01T08:00:00+00:00"
    assert parse_datetime("01/05/2026", "d", date_order="dmy").date().isoformat() == "2026-05-01"
    assert parse_datetime("05/01/2026 3:04 PM", "d", date_order="mdy").hour == 15
    assert parse_datetime("2026-05-01 10:00", "d").tzinfo is not None  # local time
    assert parse_datetime("  ", "d") is None
    for bad in ("2026-13-45 10:00:00 +0200", "yesterday", "31/02/2026"):
        with pytest.raises(RowError):
            parse_datetime(bad, "Order date", date_order="dmy")


def test_item_names_split_on_the_last_dash():
    assert split_item_name("Lamp - Blue") == ("Lamp", "Blue")
    assert split_item_name("Chargeur - USB-C - 20W") == ("Chargeur - USB-C", "20W")
    assert split_item_name("Coque - Noir / iPhone 15") == ("Coque", "Noir / iPhone 15")
    assert split_item_name("T-shirt") == ("T-shirt", "")
    assert split_item_name("Lamp -") == ("Lamp -", "")
