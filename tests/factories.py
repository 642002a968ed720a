"""Small builders for test data that go through the real services."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import contacts
from returnsdesk.services.cases import OpenCaseInput, open_case
from returnsdesk.services.contacts import ContactInput, Direction
from returnsdesk.services.orders import LineInput, OrderInput, create_order
from returnsdesk.store.models import Supplier

PLACED = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


def make_supplier(name: str = "Atelier Lumière", **fields) -> Supplier:
    defaults = {"timezone": "Asia/Shanghai", "evidence_days": 15, "created_at": PLACED}
    defaults.update(fields)
    return Supplier.create(name=name, **defaults)


def make_order(number: str = "#1042", supplier: Supplier | None = None, **overrides):
    supplier = supplier or make_supplier()
    data = {
        "number": number,
        "customer_name": "Chloé Dubois",
        "customer_email": "chloe@example.com",
        "customer_country": "FR",
        "currency": "EUR",
        "placed_at": PLACED,
        "delivered_on": date(2026, 5, 8),
        "lines": [
            LineInput("Lampe écran LED", 1, 4900, sku="LMP-002", supplier_id=supplier.id),
            LineInput(
                "Coque personnalisée",
                2,
                2100,
                sku="CSE-072",
                personalised=True,
                supplier_id=supplier.id,
            ),
        ],
    }
    data.update(overrides)
    return create_order(OrderInput(**data), now=PLACED)


def make_case(now: datetime, order=None, kind=Kind.RETURN, reason=Reason.DEFECTIVE, **extra):
    order = order or make_order()
    return open_case(OpenCaseInput(order_id=order.id, kind=kind, reason=reason, **extra), now=now)


def make_photo(path, size=(400, 300), orientation=None, captured=None, colour=(200, 90, 40)):
    """A real JPEG on disk (Pillow), optionally with EXIF orientation and capture time."""
    from PIL import Image

    image = Image.new("RGB", size, colour)
    # A marker in the top-left corner so tests can see where "up" went.
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if captured is not None:
        exif[0x8769] = {0x9003: captured}
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


def claim_answered_after(supplier, case, sent, hours: float) -> None:
    """A claim message to ``supplier`` about ``case`` at ``sent``, answered ``hours`` later."""
    contacts.log_contact(
        ContactInput(
            supplier.id,
            Direction.SENT,
            case_id=case.id,
            at=sent,
            subject="Claim",
            expects_reply=True,
        ),
        now=sent,
    )
    answered = sent + timedelta(hours=hours)
    contacts.log_contact(
        ContactInput(supplier.id, Direction.RECEIVED, case_id=case.id, at=answered, subject="Re"),
        now=answered,
    )
