"""WooCommerce's order export CSV in its common layout (one row per item, order columns repeated).

Column names follow the usual export plugins ("Order Number"/"Order ID",
"Order Date", "Billing First Name", "Billing Email", "Item Name", "Item SKU",
"Quantity", "Item Cost", "Payment Method Title", "Transaction ID", …). Dates
without an offset are the shop's local time. "Item Cost" is the unit price.
"""

from __future__ import annotations

from returnsdesk.formats.importers.base import Layout

SIGNATURE_ANY_NUMBER = ("Order ID", "Order Number")
SIGNATURE = ("Order Date", "Item Name")

LAYOUT = Layout(
    store="woocommerce",
    columns={
        "number": ("Order Number", "Order ID", "Order #"),
        "email": ("Billing Email", "Billing Email Address", "Customer Email", "Email"),
        "customer_name": ("Billing Full Name", "Customer Name"),
        "first_name": ("Billing First Name",),
        "last_name": ("Billing Last Name",),
        "ship_first_name": ("Shipping First Name",),
        "ship_last_name": ("Shipping Last Name",),
        "phone": ("Billing Phone",),
        "billing_country": ("Billing Country",),
        "shipping_country": ("Shipping Country",),
        "address1": ("Shipping Address 1", "Shipping Address"),
        "address2": ("Shipping Address 2",),
        "city": ("Shipping City",),
        "zip": ("Shipping Postcode", "Shipping Zip"),
        "province": ("Shipping State",),
        "currency": ("Order Currency", "Currency"),
        "subtotal": ("Order Subtotal", "Order Subtotal Amount"),
        "shipping": ("Order Shipping", "Order Shipping Amount", "Shipping Total"),
        "tax": ("Order Total Tax", "Order Tax", "Order Total Tax Amount", "Tax Total"),
        "total": ("Order Total", "Order Total Amount"),
        "placed_at": ("Order Date",),
        "paid_at": ("Paid Date", "Date Paid"),
        "shipped_at": ("Completed Date", "Date Completed", "Order Completed Date"),
        "delivered_at": ("Delivered Date", "Delivery Date"),
        "payment_method": ("Payment Method Title", "Payment Method"),
        "payment_reference": ("Transaction ID",),
        "carrier": ("Tracking Provider", "Carrier"),
        "tracking": ("Tracking Number",),
        "quantity": ("Quantity", "Item Quantity", "Qty"),
        "item_name": ("Item Name", "Product Name"),
        "sku": ("Item SKU", "SKU"),
        "price": ("Item Cost", "Item Price"),
        "vendor": ("Vendor", "Supplier"),
    },
)
