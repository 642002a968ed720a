"""A customer's personal data (GDPR): everything held about them, and anonymising them.

*Export* (right of access, GDPR Art. 15; portability, Art. 20) gathers every row
about the customers with an e-mail address — their details, orders and lines,
cases with their timelines, supplier messages about those cases, evidence
metadata and ledger entries — as JSON-ready data; ``formats/personal_data_zip``
writes it with their evidence files.

*Anonymise* (right to erasure, Art. 17) replaces the name, e-mail, phone and
addresses, and removes those exact texts wherever the app copied them (case notes,
timeline, supplier messages, evidence names). The money records and the case
facts (dates, reasons, amounts, statuses, country — needed for accounting and the
legal deadlines, Art. 17(3)(b) and (e)) are kept. The search index is updated and
each case's timeline records that it was done.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from peewee import ForeignKeyField, Model, fn

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.services.clock import resolve
from returnsdesk.services.evidence_files import stored_path
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    CaseEvent,
    CaseLine,
    Customer,
    Evidence,
    LedgerEntry,
    Order,
    OrderLine,
    SupplierContact,
)
from returnsdesk.store.search import index_cases

REDACTED = "[anonymised]"


class PersonalDataError(InputError):
    """No such customer, or a request the app refuses."""


def _customers(email: str) -> list[Customer]:
    email = (email or "").strip()
    if not email:
        raise PersonalDataError(t("Give the customer's e-mail address."))
    found = list(
        Customer.select().where(fn.lower(Customer.email) == email.lower()).order_by(Customer.id)
    )
    if not found:
        raise PersonalDataError(t("No customer has the e-mail address {email!r}.", email=email))
    return found


def customer_email_of_case(case_id: int) -> str:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise PersonalDataError(t("The case no longer exists."))
    email = case.order.customer.email
    if not email:
        raise PersonalDataError(
            t("The customer of {rma} has no e-mail address (already anonymised?).", rma=case.rma)
        )
    return email


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(model: Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model row as plain JSON values (foreign keys as their ids)."""
    out: dict[str, Any] = {}
    for name, field in model._meta.fields.items():
        if name in exclude:
            continue
        if isinstance(field, ForeignKeyField):
            out[field.column_name] = model.__data__.get(name)
        else:
            out[name] = _plain(getattr(model, name))
    return out


@dataclass(frozen=True)
class EvidenceCopy:
    sha256: str
    original_name: str
    path: Path


@dataclass(frozen=True)
class PersonalData:
    email: str
    record: dict[str, Any]
    evidence: list[EvidenceCopy]


def gather(email: str, evidence_dir: Path) -> PersonalData:
    """Everything the store holds about the customer(s) with this e-mail address."""
    customers = _customers(email)
    people = []
    files: dict[str, EvidenceCopy] = {}
    for customer in customers:
        orders = []
        for order in Order.select().where(Order.customer == customer).order_by(Order.id):
            cases = []
            for case in Case.select().where(Case.order == order).order_by(Case.id):
                evidence = list(Evidence.select().where(Evidence.case == case))
                for item in evidence:
                    sha = item.file.sha256
                    files.setdefault(
                        sha, EvidenceCopy(sha, item.original_name, stored_path(evidence_dir, sha))
                    )
                cases.append(
                    {
                        **_row(case),
                        "lines": [
                            _row(line) for line in CaseLine.select().where(CaseLine.case == case)
                        ],
                        "timeline": [
                            _row(e)
                            for e in CaseEvent.select()
                            .where(CaseEvent.case == case)
                            .order_by(CaseEvent.at, CaseEvent.id)
                        ],
                        "supplier_messages": [
                            _row(c)
                            for c in SupplierContact.select().where(SupplierContact.case == case)
                        ],
                        "evidence": [
                            _row(item)
                            | {"sha256": item.file.sha256, "file": f"evidence/{item.file.sha256}"}
                            for item in evidence
                        ],
                        "ledger": [
                            _row(entry)
                            for entry in LedgerEntry.select().where(LedgerEntry.case == case)
                        ],
                    }
                )
            orders.append(
                {
                    **_row(order),
                    "lines": [
                        _row(li) for li in OrderLine.select().where(OrderLine.order == order)
                    ],
                    "cases": cases,
                }
            )
        people.append({**_row(customer), "orders": orders})
    record = {
        "about": "Personal data held by ReturnsDesk about the customer with this e-mail "
        "address (GDPR Art. 15 and 20). Amounts are in minor units (cents).",
        "email": email,
        "customers": people,
    }
    return PersonalData(email, record, sorted(files.values(), key=lambda f: f.sha256))


@dataclass(frozen=True)
class AnonymiseResult:
    customers: int
    cases: list[str]


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = re.sub(re.escape(secret), REDACTED, text, flags=re.IGNORECASE)
    return text


def _scrub_params(params: str, secrets: list[str]) -> str:
    """An event's JSON parameters with the secrets removed from every text in them."""
    if not params:
        return params

    def clean(value: object) -> object:
        if isinstance(value, str):
            return _scrub(value, secrets)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    try:
        data = json.loads(params)
    except ValueError:
        return _scrub(params, secrets)
    return json.dumps(clean(data), ensure_ascii=False, sort_keys=True)


def anonymise(email: str, now: datetime | None = None) -> AnonymiseResult:
    """Replace the customer's personal details, keep money records and case facts."""
    now = resolve(now)
    with write():
        customers = _customers(email)
        rmas: list[str] = []
        case_ids: list[int] = []
        for customer in customers:
            secrets = [
                s
                for s in (customer.name.strip(), customer.email.strip(), customer.phone.strip())
                if len(s) >= 3
            ]
            Customer.update(
                name=f"Anonymised customer {customer.id}", email="", phone="", address=""
            ).where(Customer.id == customer.id).execute()
            orders = list(Order.select().where(Order.customer == customer))
            for order in orders:
                Order.update(shipping_address="").where(Order.id == order.id).execute()
                for case in Case.select().where(Case.order == order):
                    _scrub_case(case, secrets)
                    record_event(case, EventKind.EDIT, "", now, code="anonymised")
                    rmas.append(case.rma)
                    case_ids.append(case.id)
        index_cases(case_ids)
    return AnonymiseResult(len(customers), rmas)


def _scrub_case(case: Case, secrets: list[str]) -> None:
    if not secrets:
        return
    Case.update(
        notes=_scrub(case.notes, secrets), reason_note=_scrub(case.reason_note, secrets)
    ).where(Case.id == case.id).execute()
    for event in CaseEvent.select().where(CaseEvent.case == case):
        cleaned = _scrub(event.text, secrets)
        params = _scrub_params(event.params, secrets)
        if (cleaned, params) != (event.text, event.params):
            CaseEvent.update(text=cleaned, params=params).where(CaseEvent.id == event.id).execute()
    for contact in SupplierContact.select().where(SupplierContact.case == case):
        texts = (contact.subject, contact.body, contact.quoted)
        subject, body, quoted = (_scrub(text, secrets) for text in texts)
        if (subject, body, quoted) != texts:
            SupplierContact.update(subject=subject, body=body, quoted=quoted).where(
                SupplierContact.id == contact.id
            ).execute()
    for item in Evidence.select().where(Evidence.case == case):
        name, caption = _scrub(item.original_name, secrets), _scrub(item.caption, secrets)
        if (name, caption) != (item.original_name, item.caption):
            Evidence.update(original_name=name, caption=caption).where(
                Evidence.id == item.id
            ).execute()
