"""Shopify's orders export (Admin → Orders → Export), as Shopify writes it.

One row per line item; the order's own columns (Financial Status, Created at,
totals, addresses, …) are filled on its first row only. Times look like
``2026-05-01 10:00:00 +0200``; money is a plain decimal string. ``Fulfilled at``
is taken as the shipping date; Shopify has no delivery date, so delivered_on
stays unknown unless a ``Delivered at`` column is present.
"""

from __future__ import annotations

from returnsdesk.formats.importers.base import Layout

#: Header names that identify the layout (all must be present, any case).
SIGNATURE = ("Name", "Financial Status", "Lineitem name", "Lineitem quantity")

LAYOUT = Layout(
    store="shopify",
    head_field="placed_at",
    columns={
        "number": ("Name",),
        "email": ("Email",),
        "customer_name": ("Billing Name",),
        "ship_name": ("Shipping Name",),
        "phone": ("Billing Phone", "Phone", "Shipping Phone"),
        "billing_country": ("Billing Country",),
        "shipping_country": ("Shipping Country",),
        "address1": ("Shipping Address1", "Shipping Street"),
        "address2": ("Shipping Address2",),
        "city": ("Shipping City",),
        "zip": ("Shipping Zip",),
        "province": ("Shipping Province Name", "Shipping Province"),
        "currency": ("Currency",),
        "subtotal": ("Subtotal",),
        "shipping": ("Shipping",),
        "tax": ("Taxes",),
        "total": ("Total",),
        "placed_at": ("Created at",),
        "paid_at": ("Paid at",),
        "shipped_at": ("Fulfilled at",),
        "delivered_at": ("Delivered at", "Delivery date"),
        "payment_method": ("Payment Method",),
        "payment_reference": ("Payment Reference",),
        "carrier": ("Tracking Company", "Shipping Carrier"),
        "tracking": ("Tracking Number",),
        "quantity": ("Lineitem quantity",),
        "item_name": ("Lineitem name",),
        "sku": ("Lineitem sku",),
        "price": ("Lineitem price",),
        "vendor": ("Vendor",),
    },
)
