"""Logging a saved e-mail as a supplier contact: direction, case, reply matching, attachments.

* **Supplier**: the one given (dropped on a supplier), else the case's, else the
  supplier whose e-mail address is among the sender or recipients.
* **Direction**: *sent* when it comes from the shop's address (or goes to the
  supplier's), *received* when it comes from the supplier; sent mail about a case
  awaits a reply.
* **Case**: the one given, else the case of the message it replies to
  (In-Reply-To / References against logged Message-IDs), else an RMA number, else
  a supplier reference of that supplier's cases, else an order number (``#1042``)
  found in the subject or text. Without a case it is logged on the supplier only.
* **Replies**: a received mail marks the awaited messages of its case answered
  (``contacts.log_contact``) and, through In-Reply-To / References, the exact
  message it answers even when that one has no case. A mail with no case found
  does not close the claims of the supplier's cases (it may be a newsletter).
* **Attachments** become evidence of the case (supplied by the supplier, or by the
  merchant for sent mail), stored by hash; a file the case already has is not
  attached twice. Without a case they are listed as not kept.
* The same Message-ID imported twice is logged once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.mail import ParsedMail, order_numbers, rma_numbers
from returnsdesk.domain.text import LONG
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.contacts import Channel, ContactInput, Direction, log_contact
from returnsdesk.services.evidence import (
    PreparedFile,
    SuppliedBy,
    link_files,
    prepare_files,
)
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    Evidence,
    EvidenceFile,
    Order,
    Supplier,
    SupplierContact,
)


@dataclass(frozen=True)
class MailImportResult:
    contact_id: int | None
    duplicate: bool
    direction: str
    supplier_name: str
    rma: str
    #: How the case was found ("given", "reply", "rma", "supplier reference", "order", "").
    matched_by: str
    answered: int
    attached: int
    already_attached: int
    skipped: tuple[str, ...]
    dated_now: bool


def _supplier_by_address(addresses: list[str]) -> Supplier | None:
    wanted = {a.lower() for a in addresses if a}
    if not wanted:
        return None
    for supplier in Supplier.select().where(Supplier.email != ""):
        if supplier.email.strip().lower() in wanted:
            return supplier
    return None


def _case_of_reply(mail: ParsedMail) -> Case | None:
    ids = [i for i in mail.all_ids if i]
    if not ids:
        return None
    contact = (
        SupplierContact.select()
        .where(SupplierContact.message_id.in_(ids) & SupplierContact.case.is_null(False))
        .order_by(SupplierContact.at.desc())
        .first()
    )
    return contact.case if contact else None


def _open_first(query: Iterable[Case]) -> Case | None:
    from returnsdesk.domain.workflow import FINISHED, Status

    cases = list(query)
    open_cases = [c for c in cases if Status(c.status) not in FINISHED]
    chosen = open_cases or cases
    return chosen[0] if chosen else None


def find_case(mail: ParsedMail, supplier: Supplier | None) -> tuple[Case | None, str]:
    """The case a mail is about, and how it was recognised (see the module rules)."""
    texts = (mail.subject, mail.body, mail.quoted)
    case = _case_of_reply(mail)
    if case is not None:
        return case, "reply"
    for rma in rma_numbers(*texts):
        case = Case.get_or_none(Case.rma == rma)
        if case is not None:
            return case, "rma"
    if supplier is not None:
        joined = "\n".join(t for t in texts if t).casefold()
        refs = (
            Case.select()
            .where((Case.supplier == supplier) & (Case.supplier_reference != ""))
            .order_by(Case.id.desc())
        )
        for candidate in refs.limit(5000):
            ref = candidate.supplier_reference.strip().casefold()
            if len(ref) >= 4 and ref in joined:
                return candidate, "supplier reference"
    for number in order_numbers(*texts):
        cases = Case.select().join(Order).where(Order.number == number).order_by(Case.id.desc())
        if supplier is not None:
            cases = cases.where(Case.supplier == supplier)
        case = _open_first(cases)
        if case is not None:
            return case, "order"
    return None, ""


def _direction(mail: ParsedMail, supplier: Supplier) -> Direction:
    shop_email = settings.shop_details().email.strip().lower()
    supplier_email = supplier.email.strip().lower()
    sender = mail.from_address.lower()
    if supplier_email and sender == supplier_email:
        return Direction.RECEIVED
    if shop_email and sender == shop_email:
        return Direction.SENT
    if supplier_email and supplier_email in mail.to_addresses:
        return Direction.SENT
    return Direction.RECEIVED


def import_mail(
    evidence_dir: Path,
    mail: ParsedMail,
    case_id: int | None = None,
    supplier_id: int | None = None,
    now: datetime | None = None,
) -> MailImportResult:
    """Log one parsed e-mail (see the module rules); refuses what it cannot place."""
    now = resolve(now)
    case, supplier, matched_by = _place(mail, case_id, supplier_id)
    if mail.message_id:
        existing = SupplierContact.get_or_none(SupplierContact.message_id == mail.message_id)
        if existing is not None:
            logged_on = existing.case
            return MailImportResult(
                existing.id, True, existing.direction, supplier.name,
                logged_on.rma if logged_on is not None else "", matched_by, 0, 0, 0, (), False,
            )  # fmt: skip
    at, dated_now = _moment(mail, now)
    direction = _direction(mail, supplier)
    subject = mail.subject or "(no subject)"
    prepared = []
    if case is not None and mail.attachments:
        prepared = _store_attachments(evidence_dir, mail)
    with write():
        contact = _log(mail, case, supplier, direction, at, subject, now)
        answered = 0
        if direction == Direction.RECEIVED:
            answered = _answer_by_ids(mail, at)
        else:
            _answered_already(contact)
        attached, already = 0, 0
        if prepared and case is not None:
            fresh = [p for p in prepared if not _case_has_file(case.id, p.stored.sha256)]
            already = len(prepared) - len(fresh)
            if fresh:
                who = _supplied_by(direction)
                link_files(case.id, fresh, who, f"E-mail: {subject}"[:300], contact.id, now=now)
                attached = len(fresh)
    skipped = list(mail.skipped)
    if case is None and mail.attachments:
        skipped += [f"{a.name}: no case to attach it to" for a in mail.attachments]
    return MailImportResult(
        contact.id, False, direction.value, supplier.name, case.rma if case else "",
        matched_by, answered, attached, already, tuple(skipped), dated_now,
    )  # fmt: skip


def _place(
    mail: ParsedMail, case_id: int | None, supplier_id: int | None
) -> tuple[Case | None, Supplier, str]:
    """The case (if any), the supplier and how the case was found; refuses what it
    cannot place."""
    case = None
    if case_id is not None:
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
    supplier = None
    if supplier_id is not None:
        supplier = Supplier.get_or_none(Supplier.id == supplier_id)
        if supplier is None:
            raise InputError(t("The supplier no longer exists."))
    if supplier is None and case is not None and case.supplier_id:
        supplier = case.supplier
    if supplier is None:
        supplier = _supplier_by_address([mail.from_address, *mail.to_addresses])
    matched_by = "given" if case is not None else ""
    if case is None:
        case, matched_by = find_case(mail, supplier)
        if supplier is None and case is not None and case.supplier_id:
            supplier = case.supplier
    if supplier is None:
        raise InputError(
            t(
                "This e-mail is not to or from a known supplier, and names no case with a "
                "supplier. Drop it on the supplier or the case it belongs to."
            )
        )
    if case is not None and case.supplier_id not in (None, supplier.id):
        raise InputError(
            t(
                "{rma} is with {name}, not {name2}.",
                rma=case.rma,
                name=Supplier.get_by_id(case.supplier_id).name,
                name2=supplier.name,
            )
        )
    return case, supplier, matched_by


def _moment(mail: ParsedMail, now: datetime) -> tuple[datetime, bool]:
    """When the e-mail was written (now when it says not) and whether it said not."""
    if mail.date is None:
        return now, True
    if mail.date > now + timedelta(minutes=5):
        raise InputError(
            t(
                "The e-mail is dated {minutes}, in the future; check the file (or the computer's "
                "clock).",
                minutes=mail.date.isoformat(" ", "minutes"),
            )
        )
    return mail.date, False


def _log(
    mail: ParsedMail,
    case: Case | None,
    supplier: Supplier,
    direction: Direction,
    at: datetime,
    subject: str,
    now: datetime,
) -> SupplierContact:
    """The contact row of the e-mail, with its message ids and quoted history."""
    contact = log_contact(
        ContactInput(
            supplier_id=supplier.id,
            direction=direction,
            channel=Channel.EMAIL,
            case_id=case.id if case is not None else None,
            at=at,
            subject=subject,
            body=mail.body[:LONG],
            expects_reply=direction == Direction.SENT and case is not None,
        ),
        now=now,
        caseless_answers_all=False,
    )
    contact.message_id = mail.message_id
    contact.in_reply_to = mail.in_reply_to
    contact.quoted = mail.quoted[:LONG]
    contact.save(
        only=[SupplierContact.message_id, SupplierContact.in_reply_to, SupplierContact.quoted]
    )
    return contact


def _store_attachments(evidence_dir: Path, mail: ParsedMail) -> list[PreparedFile]:
    """Copy the attachments into the evidence store (through temporary files)."""
    folder = evidence_dir / ".incoming"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix="mail-") as tmp:
        paths = []
        for index, item in enumerate(mail.attachments):
            path = Path(tmp) / f"{index:03d}-{item.name}"
            with open(path, "wb") as handle:
                handle.write(item.data)
                handle.flush()
                os.fsync(handle.fileno())
            paths.append(path)
        prepared = prepare_files(evidence_dir, paths)
    # Keep the names the sender gave (not the temporary ones).
    pairs = zip(prepared, mail.attachments, strict=True)
    return [replace(p, original_name=a.name) for p, a in pairs]


def _supplied_by(direction: Direction) -> SuppliedBy:
    return SuppliedBy.SUPPLIER if direction == Direction.RECEIVED else SuppliedBy.MERCHANT


def _case_has_file(case_id: int, sha256: str) -> bool:
    return (
        Evidence.select()
        .join(EvidenceFile)
        .where(
            (Evidence.case == case_id)
            & (EvidenceFile.sha256 == sha256)
            & Evidence.removed_at.is_null()
        )
        .exists()
    )


def _answer_by_ids(mail: ParsedMail, at: datetime) -> int:
    """Mark answered the messages this mail replies to by Message-ID (any case or none)."""
    ids = [i for i in mail.all_ids if i]
    if not ids:
        return 0
    answered: int = (
        SupplierContact.update(answered_at=at)
        .where(
            SupplierContact.message_id.in_(ids)
            & SupplierContact.awaiting_reply
            & SupplierContact.answered_at.is_null()
        )
        .execute()
    )
    return answered


def _answered_already(contact: SupplierContact) -> None:
    """A sent mail imported after its answer: find the answer and mark it answered."""
    if not contact.awaiting_reply:
        return
    reply = SupplierContact.select().where(
        (SupplierContact.direction == Direction.RECEIVED)
        & (SupplierContact.supplier == contact.supplier_id)
        & (SupplierContact.at >= contact.at)
    )
    if contact.message_id:
        by_id = reply.where(SupplierContact.in_reply_to == contact.message_id).first()
    else:
        by_id = None
    found = by_id or reply.where(SupplierContact.case == contact.case_id).first()
    if found is not None:
        contact.answered_at = found.at
        contact.save(only=[SupplierContact.answered_at])


def describe(result: MailImportResult) -> str:
    """One line saying what an import did (the command line and the window's report)."""
    if result.duplicate:
        where = f" on {result.rma}" if result.rma else ""
        return f"already in the contact log{where} (same Message-ID); nothing changed."
    verb = "sent to" if result.direction == "sent" else "received from"
    text = f"logged as {verb} {result.supplier_name}"
    text += f" on {result.rma} (found by {result.matched_by})" if result.rma else " (no case)"
    if result.answered:
        text += f"; marked {result.answered} awaited message(s) answered"
    if result.attached or result.already_attached:
        text += f"; {result.attached} attachment(s) added as evidence"
        if result.already_attached:
            text += f", {result.already_attached} already on the case"
    if result.dated_now:
        text += "; the mail had no date, so it is dated now"
    return text + "."
