"""Return address per case: supplier, shop, saved address or none; documents follow it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from returnsdesk.cli import main
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.return_address import AddressChoice, DefaultWhy, default_address
from returnsdesk.domain.workflow import Kind
from returnsdesk.formats.pdf.instructions import build_instructions
from returnsdesk.services import settings
from returnsdesk.services.return_address import (
    choose,
    delete_address,
    destination,
    list_addresses,
    save_address,
)
from returnsdesk.services.templates import render_for_case
from tests.factories import make_case, make_order, make_supplier

SHENZHEN = "Bldg 4, Bao'an District\nShenzhen 518101\nChina"
LYON = "Maison Lumière – Retours\n14 rue des Lilas\n69003 Lyon"


@pytest.mark.parametrize(
    ("kind", "reason", "supplier_address", "no_return", "shop", "expected"),
    [
        ("refund_only", Reason.DEFECTIVE, SHENZHEN, False, LYON, DefaultWhy.NOTHING_TO_RETURN),
        ("not_received", Reason.NOT_RECEIVED, SHENZHEN, False, LYON, DefaultWhy.NOTHING_TO_RETURN),
        ("return", Reason.DEFECTIVE, SHENZHEN, True, LYON, DefaultWhy.SUPPLIER_KEEPS_NO_RETURN),
        ("return", Reason.DEFECTIVE, SHENZHEN, False, LYON, DefaultWhy.FAULTY_TO_SUPPLIER),
        ("exchange", Reason.COLOUR_STYLE, SHENZHEN, False, LYON, DefaultWhy.TO_SHOP),
        ("return", Reason.SIZE_TOO_SMALL, SHENZHEN, True, LYON, DefaultWhy.TO_SHOP),
        ("return", Reason.NO_LONGER_WANTED, SHENZHEN, False, "", DefaultWhy.SHOP_HAS_NO_ADDRESS),
        ("return", Reason.DEFECTIVE, "", False, LYON, DefaultWhy.TO_SHOP),
        ("return", Reason.DEFECTIVE, "", False, "", DefaultWhy.NO_ADDRESS_AT_ALL),
    ],
)
def test_default_address_rule(kind, reason, supplier_address, no_return, shop, expected):
    result = default_address(kind, reason, supplier_address, no_return, shop)
    assert result.why == expected
    choice = {
        DefaultWhy.NOTHING_TO_RETURN: AddressChoice.NONE,
        DefaultWhy.SUPPLIER_KEEPS_NO_RETURN: AddressChoice.NONE,
        DefaultWhy.FAULTY_TO_SUPPLIER: AddressChoice.SUPPLIER,
        DefaultWhy.TO_SHOP: AddressChoice.SHOP,
        DefaultWhy.SHOP_HAS_NO_ADDRESS: AddressChoice.SUPPLIER,
        DefaultWhy.NO_ADDRESS_AT_ALL: AddressChoice.SHOP,
    }[expected]
    assert result.choice == choice


@pytest.fixture
def shop(store):
    details = settings.ShopDetails(
        name="Maison Lumière", email="bonjour@ml.fr", return_address=LYON
    )
    settings.save_shop_details(details)
    return details


def _instructions_text(case_id: int, now, store) -> str:
    pdf = build_instructions(case_id, "en", now, evidence_dir=store.evidence_dir)
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def test_colour_exchange_goes_to_the_shop_not_to_shenzhen(store, shop, now):
    supplier = make_supplier("Shenzhen Lights", return_address=SHENZHEN)
    order = make_order(supplier=supplier)
    case = make_case(now, order=order, kind=Kind.EXCHANGE, reason=Reason.COLOUR_STYLE)
    text = _instructions_text(case.id, now, store)
    assert "14 rue des Lilas" in text and "Shenzhen" not in text
    assert f"Ref. {case.rma}" in text and f"RMA {case.rma}" not in text
    # Addressed to the shop once: its name is not repeated before "Maison Lumière – Retours".
    assert "Send to: Maison Lumière" in text


def test_address_choice_changes_the_instructions_and_the_message(store, shop, now):
    supplier = make_supplier("Shenzhen Lights", return_address=SHENZHEN)
    case = make_case(now, order=make_order(supplier=supplier), reason=Reason.DEFECTIVE)
    assert destination(case.id).choice == AddressChoice.SUPPLIER  # faulty: to the supplier
    text = _instructions_text(case.id, now, store)
    assert "Shenzhen Lights" in text and "Bao'an District" in text

    hub = save_address(None, "Return centre Köln", "Returnly GmbH\nHafenstr. 3\n50667 Köln")
    choose(case.id, AddressChoice.SAVED, hub.id, now=now)
    text = _instructions_text(case.id, now, store)
    assert "Hafenstr. 3" in text and "Return centre Köln" in text and "Shenzhen" not in text
    message = render_for_case(case.id, "customer_return_instructions", "en", now)
    assert "Return centre Köln\nReturnly GmbH\nHafenstr. 3\n50667 Köln" in message.body

    choose(case.id, AddressChoice.NONE, now=now)
    text = _instructions_text(case.id, now, store)
    assert "No need to send anything back" in text
    assert "Ship by" not in text and "Return slip" not in text and "Hafenstr" not in text
    message = render_for_case(case.id, "customer_return_instructions", "fr", now)
    assert "Aucun retour nécessaire" in message.body

    choose(case.id, AddressChoice.SHOP, now=now)
    assert "14 rue des Lilas" in _instructions_text(case.id, now, store)


def test_choices_that_cannot_work_are_refused(store, shop, now):
    case = make_case(now, order=make_order(supplier=make_supplier("No Address Co")))
    with pytest.raises(InputError, match="no supplier with a return address"):
        choose(case.id, AddressChoice.SUPPLIER, now=now)
    with pytest.raises(InputError, match="Pick one of the saved addresses"):
        choose(case.id, AddressChoice.SAVED, None, now=now)
    with pytest.raises(InputError, match="Unknown return address choice"):
        choose(case.id, "moon", now=now)


def test_address_book_edits_and_refuses_deleting_an_address_in_use(store, shop, now):
    first = save_address(None, "Lyon hub", "1 quai Rambaud\n69002 Lyon", now=now)
    with pytest.raises(InputError, match="already a saved address"):
        save_address(None, "lyon HUB", "elsewhere", now=now)
    with pytest.raises(InputError, match="Address"):
        save_address(None, "Empty", "   ", now=now)
    save_address(first.id, "Lyon hub", "2 quai Rambaud\n69002 Lyon", "dock B", now=now)
    assert list_addresses()[0].address.startswith("2 quai") and list_addresses()[0].notes
    case = make_case(now)
    choose(case.id, AddressChoice.SAVED, first.id, now=now)
    with pytest.raises(InputError, match=case.rma):
        delete_address(first.id)
    choose(case.id, AddressChoice.SHOP, now=now)
    delete_address(first.id)
    assert list_addresses() == []


def test_address_cli(tmp_path, now, capsys):
    from returnsdesk.session import close_session, open_session

    folder = tmp_path / "data"
    open_session(folder)
    case = make_case(now, reason=Reason.SIZE_TOO_LARGE)
    close_session()
    d = ["--data-dir", str(folder)]
    assert main(["address", "add", "Köln", "--address", "Hafenstr. 3\\n50667 Köln", *d]) == 0
    assert main(["address", "set", case.rma, "saved", "--saved", "köln", *d]) == 0
    out = capsys.readouterr().out
    assert "a saved address (chosen)" in out and "  Hafenstr. 3" in out
    assert main(["address", "set", case.rma, "saved", "--saved", "Paris", *d]) == 1
    assert "No saved address called 'Paris'" in capsys.readouterr().err
    assert main(["address", "set", case.rma, "none", *d]) == 0
    assert main(["address", "show", case.rma, *d]) == 0
    assert "no return (the customer keeps the item) (chosen)" in capsys.readouterr().out
    assert main(["address", "list", *d]) == 0
    assert "Köln" in capsys.readouterr().out
