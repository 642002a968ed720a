"""Where each case's parcel goes back to, and the address book of warehouses and return centres.

A case uses the address the user chose for it (``choose``); until then the default of
``domain.return_address.default_address`` applies. ``destination`` is what every document
and message reads: the instructions, the cut-out slip and the message templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.return_address import (
    AddressChoice,
    DefaultWhy,
    default_address,
)
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import Case, CaseReturnAddress, SavedAddress

CHOICE_TEXT = {
    AddressChoice.SUPPLIER: "the supplier's return address",
    AddressChoice.SHOP: "the shop's own return address",
    AddressChoice.SAVED: "a saved address",
    AddressChoice.NONE: "no return (the customer keeps the item)",
}

DEFAULT_WHY_TEXT = {
    DefaultWhy.NOTHING_TO_RETURN: "nothing goes back for this kind of case",
    DefaultWhy.SUPPLIER_KEEPS_NO_RETURN: "the supplier reimburses faulty goods without a return",
    DefaultWhy.FAULTY_TO_SUPPLIER: "faulty goods go back to the supplier",
    DefaultWhy.TO_SHOP: "a change of mind comes back to the shop's stock",
    DefaultWhy.SHOP_HAS_NO_ADDRESS: "the shop has no return address of its own",
    DefaultWhy.NO_ADDRESS_AT_ALL: "neither the shop nor the supplier has a return address",
}


@dataclass(frozen=True)
class SavedAddressView:
    id: int
    name: str
    address: str
    notes: str


@dataclass(frozen=True)
class ReturnDestination:
    choice: AddressChoice
    #: True when the user chose it for this case; False for the default.
    chosen: bool
    #: Why the default is what it is (None when the user chose).
    why: DefaultWhy | None
    #: Who the parcel is addressed to (the supplier, the shop, the saved address's name).
    recipient: str
    #: The address lines; empty when none is known (or for "no return").
    address: str
    saved_address_id: int | None = None

    @property
    def needs_parcel(self) -> bool:
        return self.choice != AddressChoice.NONE

    def lines(self) -> list[str]:
        """The recipient then the address, without repeating a recipient the address already
        starts with ("Maison Lumière – Retours, …"); empty when nothing is known."""
        lines = [line.strip() for line in self.address.splitlines() if line.strip()]
        if not lines:
            return []
        if self.recipient and not lines[0].casefold().startswith(self.recipient.casefold()):
            lines.insert(0, self.recipient)
        return lines


def _view(row: SavedAddress) -> SavedAddressView:
    return SavedAddressView(row.id, row.name, row.address, row.notes)


def list_addresses() -> list[SavedAddressView]:
    return [_view(r) for r in SavedAddress.select().order_by(SavedAddress.name)]


def save_address(
    address_id: int | None, name: str, address: str, notes: str = "", now: datetime | None = None
) -> SavedAddressView:
    """Create (``address_id`` None) or update an address book entry."""
    now = resolve(now)
    name = clean_text(name, "Name", required=True)
    address = clean_text(address, "Address", max_len=2000, required=True)
    notes = clean_text(notes, "Notes", max_len=LONG)
    with write():
        clash = SavedAddress.get_or_none(SavedAddress.name == name)
        if clash is not None and clash.id != address_id:
            raise InputError(t("There is already a saved address called {name!r}.", name=name))
        if address_id is None:
            row = SavedAddress.create(name=name, address=address, notes=notes, created_at=now)
        else:
            found = SavedAddress.get_or_none(SavedAddress.id == address_id)
            if found is None:
                raise InputError(t("That saved address no longer exists."))
            row = found
            row.name, row.address, row.notes = name, address, notes
            row.save()
    return _view(row)


def delete_address(address_id: int) -> None:
    """Delete an address book entry no case uses (a used one is refused, naming a case)."""
    with write():
        row = SavedAddress.get_or_none(SavedAddress.id == address_id)
        if row is None:
            return
        user = (
            CaseReturnAddress.select(CaseReturnAddress, Case)
            .join(Case)
            .where(CaseReturnAddress.saved_address == row)
            .first()
        )
        if user is not None:
            raise InputError(
                t(
                    "{name!r} is the return address of {rma}; choose another address for that "
                    "case first.",
                    name=row.name,
                    rma=user.case.rma,
                )
            )
        row.delete_instance()


def destination(case: Case | int) -> ReturnDestination:
    """Where the case's parcel goes: the user's choice, else the default."""
    if isinstance(case, int):
        found = Case.get_or_none(Case.id == case)
        if found is None:
            raise InputError(t("The case no longer exists."))
        case = found
    supplier = case.supplier if case.supplier_id else None
    shop = settings.shop_details()
    supplier_address = supplier.return_address.strip() if supplier else ""
    row = CaseReturnAddress.get_or_none(CaseReturnAddress.case == case.id)
    if row is not None:
        choice, why = AddressChoice(row.choice), None
    else:
        default = default_address(
            case.kind,
            case.reason,
            supplier_address,
            bool(supplier and supplier.reimburses_without_return),
            shop.return_address,
        )
        choice, why = default.choice, default.why
    if choice == AddressChoice.SUPPLIER:
        return ReturnDestination(
            choice, row is not None, why, supplier.name if supplier else "", supplier_address
        )
    if choice == AddressChoice.SHOP:
        return ReturnDestination(choice, row is not None, why, shop.name, shop.return_address)
    saved = row.saved_address if row is not None else None
    if choice == AddressChoice.SAVED and saved is not None:
        return ReturnDestination(choice, True, None, saved.name, saved.address, saved.id)
    return ReturnDestination(choice, row is not None, why, "", "")


def choose(
    case_id: int,
    choice: AddressChoice | str,
    saved_address_id: int | None = None,
    now: datetime | None = None,
) -> ReturnDestination:
    """Record where this case's parcel goes, with a timeline event."""
    now = resolve(now)
    try:
        choice = AddressChoice(choice)
    except ValueError:
        raise InputError(t("Unknown return address choice: {choice!r}.", choice=choice)) from None
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
        saved = None
        if choice == AddressChoice.SAVED:
            saved = SavedAddress.get_or_none(SavedAddress.id == saved_address_id)
            if saved is None:
                raise InputError(t("Pick one of the saved addresses."))
        elif choice == AddressChoice.SUPPLIER:
            supplier = case.supplier if case.supplier_id is not None else None
            if supplier is None or not supplier.return_address.strip():
                raise InputError(t("{rma} has no supplier with a return address.", rma=case.rma))
        CaseReturnAddress.insert(
            case=case.id, choice=choice.value, saved_address=saved, chosen_at=now
        ).on_conflict_replace().execute()
        record_event(
            case,
            EventKind.EDIT,
            "",
            now,
            code="return_address",
            params={"choice": choice.value, "saved": saved.name if saved is not None else ""},
        )
    return destination(case_id)
