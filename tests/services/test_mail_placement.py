"""Where an imported e-mail is logged: the case a duplicate reports, a case dropped on
with the wrong supplier, and the open case an order number points to (``mail_import``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.formats.mail import read_mail
from returnsdesk.services import settings
from returnsdesk.services.mail_import import import_mail
from returnsdesk.store.models import Case, SupplierContact
from tests.factories import make_case, make_order, make_supplier

SHOP = "bonjour@maison-lumiere.example"
SUPPLIER = "service@shenzhen-lights.example"
SENT_AT = datetime(2026, 5, 18, 9, 0, tzinfo=timezone(timedelta(hours=2)))
NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def world(store, now):
    settings.save_shop_details(settings.ShopDetails(name="Maison Lumière", email=SHOP))
    supplier = make_supplier("Shenzhen Lights", email=SUPPLIER)
    case = make_case(now, order=make_order(supplier=supplier))
    return supplier, case


def _import(store, tmp_path, subject: str, message_id: str, name: str = "mail.eml", **kw):
    message = EmailMessage()
    message["From"] = SUPPLIER
    message["To"] = SHOP
    message["Subject"] = subject
    message["Date"] = format_datetime(SENT_AT)
    message["Message-ID"] = message_id
    message.set_content("Hello")
    path = tmp_path / name
    path.write_bytes(bytes(message))
    return import_mail(store.evidence_dir, read_mail(path), now=NOW, **kw)


def test_a_duplicate_reports_the_case_it_was_logged_on(world, store, tmp_path):
    supplier, case = world
    _import(store, tmp_path, f"Claim {case.rma}", "<one@x>")
    again = _import(store, tmp_path, f"Claim {case.rma}", "<one@x>", "again.eml")
    assert again.duplicate and again.rma == case.rma
    # Logged on the supplier only: the duplicate names no case.
    _import(store, tmp_path, "Catalogue", "<cat@x>", "cat.eml", supplier_id=supplier.id)
    again = _import(store, tmp_path, "Catalogue", "<cat@x>", "cat2.eml")
    assert again.duplicate and again.rma == "" and SupplierContact.select().count() == 2


def test_a_mail_dropped_on_another_suppliers_case_is_refused(world, store, tmp_path):
    supplier, case = world
    other = make_supplier("Guangzhou Glass", email="sales@guangzhou.example")
    with pytest.raises(InputError, match=f"{case.rma} is with Shenzhen Lights, not Guangzhou"):
        _import(store, tmp_path, "Hello", "<x@x>", case_id=case.id, supplier_id=other.id)
    assert SupplierContact.select().count() == 0


def test_an_order_number_points_to_its_open_case_before_a_newer_finished_one(
    world, store, tmp_path, now
):
    supplier, open_one = world
    newer = make_case(now, order=open_one.order, kind=Kind.NOT_RECEIVED,
                      reason=Reason.NOT_RECEIVED)  # fmt: skip
    Case.update(status="closed").where(Case.id == newer.id).execute()
    number = open_one.order.number
    result = _import(store, tmp_path, f"Order {number}", "<o1@x>")
    assert (result.rma, result.matched_by) == (open_one.rma, "order")
    # With every case of the order finished, the newest is the one it is about.
    Case.update(status="closed").where(Case.id == open_one.id).execute()
    result = _import(store, tmp_path, f"Order {number} again", "<o2@x>", "o2.eml")
    assert (result.rma, result.matched_by) == (newer.rma, "order")
