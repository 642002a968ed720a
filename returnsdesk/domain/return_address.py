"""Where a case's parcel goes back to: the supplier, the shop, a saved address, or nowhere.

The default, when the user has not chosen, follows the case and the supplier:

* nothing goes back for a refund without return, a parcel that never arrived or a
  chargeback — the customer keeps the item;
* a faulty item the supplier reimburses without a return stays with the customer too;
* a faulty item goes back to the supplier when it has a return address (the supplier pays
  for its own fault and wants the goods);
* anything else (wrong size, colour, changed mind) comes back to the shop, whose stock it
  becomes — sending a French customer's colour exchange to a factory in Shenzhen helps no
  one; without a shop address it goes to the supplier's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from returnsdesk.domain.reasons import Reason, is_fault_reason


class AddressChoice(StrEnum):
    SUPPLIER = "supplier"
    SHOP = "shop"
    SAVED = "saved"
    NONE = "none"


class DefaultWhy(StrEnum):
    """Why the default is what it is (the window and the CLI say it in words)."""

    NOTHING_TO_RETURN = "nothing_to_return"
    SUPPLIER_KEEPS_NO_RETURN = "supplier_reimburses_without_return"
    FAULTY_TO_SUPPLIER = "faulty_to_supplier"
    TO_SHOP = "to_shop"
    SHOP_HAS_NO_ADDRESS = "shop_has_no_address"
    NO_ADDRESS_AT_ALL = "no_address_at_all"


#: What messages say in place of an address when nothing goes back, per language.
NO_RETURN_TEXT = {
    "en": "No return needed: you may keep the item.",
    "fr": "Aucun retour nécessaire : vous pouvez garder l'article.",
}
#: What messages call a prepaid label that has a file but no reference.
LABEL_ATTACHED_TEXT = {"en": "attached to this e-mail", "fr": "jointe à ce message"}

_NO_RETURN_KINDS = frozenset({"refund_only", "not_received", "chargeback"})


@dataclass(frozen=True)
class DefaultAddress:
    choice: AddressChoice
    why: DefaultWhy


def default_address(
    kind: str,
    reason: Reason | str,
    supplier_address: str,
    supplier_reimburses_without_return: bool,
    shop_address: str,
) -> DefaultAddress:
    """The return address a case gets until the user picks one (see the module rules)."""
    if kind in _NO_RETURN_KINDS:
        return DefaultAddress(AddressChoice.NONE, DefaultWhy.NOTHING_TO_RETURN)
    faulty = is_fault_reason(Reason(reason))
    if faulty and supplier_reimburses_without_return:
        return DefaultAddress(AddressChoice.NONE, DefaultWhy.SUPPLIER_KEEPS_NO_RETURN)
    if faulty and supplier_address.strip():
        return DefaultAddress(AddressChoice.SUPPLIER, DefaultWhy.FAULTY_TO_SUPPLIER)
    if shop_address.strip():
        return DefaultAddress(AddressChoice.SHOP, DefaultWhy.TO_SHOP)
    if supplier_address.strip():
        return DefaultAddress(AddressChoice.SUPPLIER, DefaultWhy.SHOP_HAS_NO_ADDRESS)
    return DefaultAddress(AddressChoice.SHOP, DefaultWhy.NO_ADDRESS_AT_ALL)
