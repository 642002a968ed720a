"""Message templates: the user's edited versions, and messages filled from a case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import money_text
from returnsdesk.domain.messages import (
    AUDIENCE,
    LANGUAGES,
    SUPPLIER,
    Template,
    TemplateKey,
    days_text,
    default_template,
    evidence_line,
    item_line,
    long_date,
    mailto_url,
    normalise_language,
    placeholder_name,
    render,
)
from returnsdesk.domain.reasons import Reason, Resolution, reason_label, resolution_label
from returnsdesk.domain.return_address import LABEL_ATTACHED_TEXT, NO_RETURN_TEXT
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import settings
from returnsdesk.services.cases import assess
from returnsdesk.services.clock import resolve
from returnsdesk.services.platform_checklist import case_checklist, checklist_text
from returnsdesk.services.return_address import destination
from returnsdesk.services.return_labels import current_label
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    CaseLine,
    Evidence,
    EvidenceFile,
    LedgerEntry,
    MessageTemplate,
    OrderLine,
    SupplierContact,
)
from returnsdesk.store.row_ids import fk_id


@dataclass(frozen=True)
class RenderedMessage:
    key: TemplateKey
    language: str
    audience: str
    #: The recipient's e-mail address ("" when none is on file).
    to: str
    subject: str
    body: str
    #: What had no value, named for a person in the message's language, as the markers in
    #: the text name it ("[missing: delivery date]").
    missing: tuple[str, ...]
    #: The same, as placeholder codes (``delivered_on``), for scripts.
    missing_codes: tuple[str, ...] = ()

    def mailto(self) -> str:
        """A ``mailto:`` link; raises InputError if the address could inject headers."""
        return mailto_url(self.to, self.subject, self.body)


def _key(key: TemplateKey | str) -> TemplateKey:
    try:
        return TemplateKey(key)
    except ValueError:
        raise InputError(t("Unknown message template: {key!r}.", key=key)) from None


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise InputError(
            t(
                "Templates exist in {languages}, not {language!r}.",
                languages=", ".join(LANGUAGES),
                language=language,
            )
        )
    return language


def _saved(key: TemplateKey, language: str) -> MessageTemplate | None:
    return MessageTemplate.get_or_none(
        (MessageTemplate.key == key.value) & (MessageTemplate.language == language)
    )


def get_template(key: TemplateKey | str, language: str) -> Template:
    """The user's saved version of a template, or the built-in default."""
    k, lang = _key(key), normalise_language(language)
    row = _saved(k, lang)
    return Template(row.subject, row.body) if row else default_template(k, lang)


def is_customised(key: TemplateKey | str, language: str) -> bool:
    return _saved(_key(key), normalise_language(language)) is not None


@dataclass(frozen=True, slots=True)
class TemplateView:
    """A template as the editor shows it: its text in force and whether it is the user's."""

    key: str
    language: str
    subject: str
    body: str
    customised: bool


def template_view(key: TemplateKey | str, language: str) -> TemplateView:
    k, lang = _key(key), normalise_language(language)
    row = _saved(k, lang)
    text = Template(row.subject, row.body) if row else default_template(k, lang)
    return TemplateView(k.value, lang, text.subject, text.body, row is not None)


def save_template(
    key: TemplateKey | str,
    language: str,
    subject: str,
    body: str,
    now: datetime | None = None,
) -> Template:
    """Store the user's version of a template (replacing any earlier one)."""
    k, lang = _key(key), _language(language)
    clean_subject = clean_text(subject, "Subject", required=True)
    clean_body = clean_text(body, "Message", max_len=LONG, required=True)
    at = resolve(now)
    with write():
        MessageTemplate.insert(
            key=k.value, language=lang, subject=clean_subject, body=clean_body, updated_at=at
        ).on_conflict_replace().execute()
    return Template(clean_subject, clean_body)


def reset_template(key: TemplateKey | str, language: str) -> None:
    """Forget the user's version: the built-in default applies again."""
    k, lang = _key(key), _language(language)
    with write():
        MessageTemplate.delete().where(
            (MessageTemplate.key == k.value) & (MessageTemplate.language == lang)
        ).execute()


# --- values from a case -------------------------------------------------------------------


def _reason(case: Case, language: str) -> str:
    try:
        label = reason_label(Reason(case.reason), language)
    except ValueError:
        label = case.reason
    note = (case.reason_note or "").strip()
    return f"{label} — {note}" if note else label


def _resolution(value: str, language: str) -> str | None:
    if not value:
        return None
    try:
        return resolution_label(Resolution(value), language)
    except ValueError:
        return value


def _refunded(case: Case) -> int:
    """Customer refunds on the case in its currency, net of their reversals."""
    total = 0
    for entry in LedgerEntry.select().where(
        (LedgerEntry.case == case)
        & (LedgerEntry.kind == "customer_refund")
        & (LedgerEntry.currency == case.currency)
    ):
        reversal = fk_id(entry, LedgerEntry.reverses) is not None
        total += -entry.amount_minor if reversal else entry.amount_minor
    return total


def _money(minor: int, currency: str, language: str) -> str | None:
    return money_text(minor, currency, language) if minor else None


def _items(case: Case, lang: str) -> str:
    """One line per case line (quantity, title, variant, SKU): one joined query."""
    lines = (
        CaseLine.select(CaseLine, OrderLine)
        .join(OrderLine)
        .where(CaseLine.case == case)
        .order_by(CaseLine.id)
    )
    return "\n".join(
        item_line(cl.quantity, ol.title, ol.variant, ol.sku, lang)
        for cl in lines
        for ol in [cl.order_line]
    )


def _evidence_list(case: Case, lang: str) -> str:
    evidence = (
        Evidence.select(Evidence, EvidenceFile)
        .join(EvidenceFile)
        .where((Evidence.case == case) & Evidence.removed_at.is_null())
        .order_by(Evidence.added_at, Evidence.id)
    )
    return "\n".join(
        evidence_line(e.original_name, e.caption, e.file.captured_at, lang) for e in evidence
    )


@dataclass(frozen=True, slots=True)
class _SupplierSide:
    """What the messages say: when the claim went, what is awaited, their reference."""

    first_sent: datetime | None
    pending_since: datetime | None
    reference: str


def _supplier_side(case: Case) -> _SupplierSide:
    contacts = SupplierContact.select().where(SupplierContact.case == case)
    first_sent = (
        contacts.where(SupplierContact.direction == "sent").order_by(SupplierContact.at).first()
    )
    pending = (
        contacts.where(SupplierContact.awaiting_reply & SupplierContact.answered_at.is_null())
        .order_by(SupplierContact.at.desc())
        .first()
    )
    reference = case.supplier_reference
    if not reference:
        with_ref = (
            contacts.where(SupplierContact.supplier_reference != "")
            .order_by(SupplierContact.at.desc())
            .first()
        )
        reference = with_ref.supplier_reference if with_ref else ""
    return _SupplierSide(
        first_sent.at if first_sent else None, pending.at if pending else None, reference
    )


def _return_values(case: Case, lang: str) -> tuple[str, str]:
    """Where the parcel goes (or that none is needed), and the return label's reference."""
    where = destination(case)
    return_address = "\n".join(where.lines()) if where.needs_parcel else NO_RETURN_TEXT[lang]
    label = current_label(case.id, Path())
    label_ref = case.return_label_ref
    if not label_ref and label is not None:
        label_ref = label.tracking or LABEL_ATTACHED_TEXT[lang]
    return return_address, label_ref


def case_values(case_id: int, language: str, now: datetime | None = None) -> dict[str, str | None]:
    """Every placeholder's value for one case, formatted for ``language`` (None = missing)."""
    now = resolve(now)
    lang = normalise_language(language)
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError(t("The case no longer exists."))
    order = case.order
    customer = order.customer
    supplier = case.supplier
    shop = settings.shop_details()

    def day(value: date | None) -> str | None:
        return long_date(value, lang) if value else None

    side = _supplier_side(case)
    deadlines = {d.code: d.due for d in assess(case, now).deadlines}
    return_address, label_ref = _return_values(case, lang)
    values: dict[str, str | None] = {
        "customer_name": customer.name,
        "customer_email": customer.email,
        "order_number": order.number,
        "order_date": day(order.placed_at.date()),
        "rma": case.rma,
        "shop_name": shop.name,
        "shop_email": shop.email,
        "supplier_name": supplier.name if supplier else None,
        "supplier_reference": side.reference,
        "reason": _reason(case, lang),
        "items": _items(case, lang),
        "evidence_list": _evidence_list(case, lang),
        "evidence_checklist": checklist_text(case_checklist(case.id, lang)),
        "amount": _money(case.amount_minor, case.currency, lang),
        "refund_amount": _money(_refunded(case), case.currency, lang),
        "return_deadline": day(deadlines.get("customer_return")),
        "evidence_deadline": day(deadlines.get("supplier_evidence")),
        "return_address": return_address,
        "return_label_ref": label_ref,
        "return_carrier": case.return_carrier,
        "return_tracking": case.return_tracking,
        "tracking_number": order.tracking_number,
        "delivered_on": day(order.delivered_on),
        "claim_sent_on": day(side.first_sent.date()) if side.first_sent else None,
        "days_waiting": (
            days_text((now - side.pending_since).days, lang) if side.pending_since else None
        ),
        "resolution": _resolution(case.agreed_resolution, lang),
    }
    return {k: (v if v and v.strip() else None) for k, v in values.items()}


def render_for_case(
    case_id: int,
    key: TemplateKey | str,
    language: str | None = None,
    now: datetime | None = None,
) -> RenderedMessage:
    """Fill a template from a case; the language defaults to the recipient's."""
    k = _key(key)
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError(t("The case no longer exists."))
    audience = AUDIENCE[k]
    customer = case.order.customer
    supplier = case.supplier
    if audience == SUPPLIER:
        to = supplier.email if supplier else ""
        own_language = supplier.language if supplier else "en"
    else:
        to = customer.email
        own_language = customer.language or settings.shop_details().language
    lang = normalise_language(language if language is not None else own_language)
    values = case_values(case_id, lang, now)
    template = get_template(wording_for(k, case), lang)
    subject, missing_subject = render(template.subject, values, lang)
    body, missing_body = render(template.body, values, lang)
    missing = list(missing_subject)
    missing += [name for name in missing_body if name not in missing]
    return RenderedMessage(
        key=k,
        language=lang,
        audience=audience,
        to=(to or "").strip(),
        subject=subject,
        body=body,
        missing=tuple(placeholder_name(name, lang) for name in missing),
        missing_codes=tuple(missing),
    )


def wording_for(key: TemplateKey, case: Case) -> TemplateKey:
    """The template that says ``key`` for this case: a claim about a parcel that never
    arrived asks for a reship or a refund, not about damage or a defect."""
    not_received = case.kind == Kind.NOT_RECEIVED or case.reason == Reason.NOT_RECEIVED
    if key == TemplateKey.SUPPLIER_CLAIM and not_received:
        return TemplateKey.SUPPLIER_CLAIM_NOT_RECEIVED
    return key


#: Supplier messages after which an answer is awaited (logged as awaiting a reply).
FOLLOW_UP_KEYS = (TemplateKey.SUPPLIER_CLAIM, TemplateKey.SUPPLIER_FOLLOW_UP)


def log_composed_message(case_id: int, key: TemplateKey | str, subject: str, body: str) -> None:
    """Record a message written from a template on its case, as it was sent.

    To the supplier: a contact (awaiting a reply after a claim or a follow-up); to the
    customer: a timeline event, which also stops the first-response clock.
    """
    from returnsdesk.services import contacts

    k = _key(key)
    if AUDIENCE[k] != SUPPLIER:
        contacts.log_customer_message(case_id, subject, body)
        return
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError(t("The case no longer exists."))
    supplier_id = fk_id(case, Case.supplier)
    if supplier_id is None:
        raise InputError(t("This case has no supplier to log the message with."))
    follow_up = k in FOLLOW_UP_KEYS
    contacts.log_contact(
        contacts.ContactInput(
            supplier_id=supplier_id,
            direction=contacts.Direction.SENT,
            case_id=case_id,
            subject=subject,
            body=body,
            expects_reply=follow_up,
            awaiting=t("answer to the claim") if follow_up else "",
        )
    )


def case_rma(case_id: int) -> str:
    """The RMA a compose window is titled with."""
    case = Case.select(Case.rma).where(Case.id == case_id).first()
    if case is None:
        raise InputError(t("The case no longer exists."))
    return str(case.rma)


#: How every language's marker for a missing value begins ("[missing: …]", "[manquant : …]").
MISSING_MARKERS = ("[missing:", "[manquant")


def has_missing_marker(text: str) -> bool:
    """True while a ``[missing: …]`` marker (in any language) is left in ``text``: such a
    message must not be copied or sent until the user fills it in."""
    return any(marker in (text or "") for marker in MISSING_MARKERS)
