"""The case rows every document starts from, read with joins rather than lazy walks."""

from __future__ import annotations

from peewee import JOIN

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.store.models import Case, Customer, Order, Supplier


def load_case(case_id: int) -> Case:
    """The case with its order, customer and supplier, in one joined query."""
    case: Case | None = (
        Case.select(Case, Order, Customer, Supplier)
        .join(Order)
        .join(Customer)
        .switch(Case)
        .join(Supplier, JOIN.LEFT_OUTER)
        .where(Case.id == case_id)
        .get_or_none()
    )
    if case is None:
        raise InputError(t("The case no longer exists."))
    return case


def case_rma(case_id: int) -> str:
    """The case's RMA number (what a document's title and file name show)."""
    row = Case.select(Case.rma).where(Case.id == case_id).tuples().first()
    if row is None:
        raise InputError(t("The case no longer exists."))
    return str(row[0])
