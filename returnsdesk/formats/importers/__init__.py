"""Store export files → orders: Shopify, WooCommerce, and any CSV through a column mapping.

Parsing only (no Qt, no writes): ``parse_file`` returns the orders it could
read and the problem rows it could not; ``services.imports.import_orders``
writes them. Typical use::

    table = read_table(path)
    fmt = detect_format(table.header)          # "shopify" | "woocommerce" | None
    result = parse(table, fmt, mapping=None)   # mapping required when fmt == "csv"
    summary = import_orders(result.orders, dry_run=True)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.formats.importers import generic, shopify, woocommerce
from returnsdesk.formats.importers.base import ParseResult, parse_table
from returnsdesk.formats.importers.generic import ColumnMapping
from returnsdesk.formats.importers.table import FileFormatError, Table, read_bytes, read_table

FORMATS = ("shopify", "woocommerce", "csv")

__all__ = [
    "FORMATS",
    "ColumnMapping",
    "FileFormatError",
    "ParseResult",
    "Table",
    "detect_format",
    "parse",
    "parse_file",
    "read_bytes",
    "read_table",
]


def detect_format(header: list[str]) -> str | None:
    """``"shopify"`` or ``"woocommerce"`` when the header is one of theirs, else None."""
    table = Table(header, [])
    if table.has(*shopify.SIGNATURE):
        return "shopify"
    if (
        table.has(*woocommerce.SIGNATURE)
        and table.column(*woocommerce.SIGNATURE_ANY_NUMBER) is not None
    ):
        return "woocommerce"
    return None


def parse(
    table: Table,
    fmt: str,
    *,
    mapping: ColumnMapping | None = None,
    tz: tzinfo | None = None,
    check: Callable[[], None] | None = None,
) -> ParseResult:
    if fmt == "shopify":
        layout = shopify.LAYOUT
    elif fmt == "woocommerce":
        layout = woocommerce.LAYOUT
    elif fmt == "csv":
        if mapping is None:
            raise InputError(t("Choose which column holds what before importing this file."))
        generic.check_mapping(mapping, table.header)
        layout = generic.layout_for(mapping)
    else:
        raise InputError(
            t(
                "Unknown file format {fmt!r} (use one of {formats}).",
                fmt=fmt,
                formats=", ".join(FORMATS),
            )
        )
    if fmt != "csv":
        missing = [
            names[0]
            for field, names in layout.columns.items()
            if field in ("number", "placed_at", "item_name", "price")
            and table.column(*names) is None
        ]
        if missing:
            raise FileFormatError(
                f"This is not a {fmt} orders export: no column " + ", ".join(missing) + "."
            )
    return parse_table(table, layout, fmt, tz=tz, check=check)


def parse_file(
    path: str | Path,
    fmt: str | None = None,
    *,
    mapping: ColumnMapping | None = None,
    tz: tzinfo | None = None,
    check: Callable[[], None] | None = None,
) -> ParseResult:
    """Read and parse ``path``; ``fmt`` None detects Shopify/WooCommerce, else a saved mapping."""
    table = read_table(path)
    if fmt is None:
        fmt = detect_format(table.header)
        if fmt is None:
            mapping = mapping or generic.saved_mapping(table.header)
            if mapping is None:
                raise InputError(
                    t(
                        "This file is neither a Shopify nor a WooCommerce orders export, and no "
                        "column mapping is saved for its layout. Import it once from the app "
                        "(File → Import orders…) to choose its columns."
                    )
                )
            fmt = "csv"
    elif fmt == "csv" and mapping is None:
        mapping = generic.saved_mapping(table.header)
    return parse(table, fmt, mapping=mapping, tz=tz, check=check)
