"""What happened to a case, as a sentence in the reader's language.

A timeline event is stored as a code (``case_opened``, ``status_changed``, ...) with its
parameters (codes and user text, never sentences); :func:`event_sentence` writes the
sentence when it is shown, so the timeline reads in the window's language and no raw code
(``not_as_described``) reaches a person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime

from returnsdesk.domain.chargebacks import dispute_reason_label
from returnsdesk.domain.i18n import N_, t, tn
from returnsdesk.domain.i18n.formatting import date_text, moment_text, money_text
from returnsdesk.domain.ledger import ledger_label
from returnsdesk.domain.reasons import reason_label, resolution_label
from returnsdesk.domain.workflow import kind_label, status_label

Params = Mapping[str, object]

#: The labels of the fields a case's details form edits, as a timeline names them.
DETAIL_LABELS: dict[str, str] = {
    "reason": N_("reason"),
    "reason_note": N_("reason note"),
    "fault": N_("fault"),
    "requested_resolution": N_("requested resolution"),
    "agreed_resolution": N_("agreed resolution"),
    "supplier_reference": N_("supplier reference"),
    "return_carrier": N_("return carrier"),
    "return_tracking": N_("return tracking number"),
    "return_label_ref": N_("return label reference"),
    "notes": N_("notes"),
    "chargeback_due_on": N_("chargeback due date"),
    "chargeback_reference": N_("chargeback reference"),
}

#: How a message went to or came from a supplier.
CHANNEL_LABELS: dict[str, str] = {
    "email": N_("E-mail"),
    "chat": N_("Chat"),
    "phone": N_("Phone"),
    "platform_dispute": N_("Platform dispute"),
    "other": N_("Other"),
}


#: Who supplied a piece of evidence, as the timeline says it ("added by the customer").
SUPPLIED_BY_LABELS: dict[str, str] = {
    "customer": N_("the customer"),
    "supplier": N_("the supplier"),
    "merchant": N_("the merchant"),
    "carrier": N_("the carrier"),
}

#: The dates a case records for the legal refund deadline.
CASE_DATE_LABELS: dict[str, str] = {
    "withdrawal_notice_on": N_("withdrawal notice"),
    "goods_received_on": N_("goods received"),
    "proof_of_sending_on": N_("proof of sending"),
}

#: The facts of an order line the rules use.
LINE_FACT_LABELS: dict[str, str] = {
    "delivered_on": N_("delivery date"),
    "personalised": N_("personalised"),
    "sealed_hygiene": N_("sealed hygiene item"),
    "perishable": N_("perishable"),
}

#: Where a return goes, as the timeline says it.
ADDRESS_CHOICE_LABELS: dict[str, str] = {
    "supplier": N_("the supplier's return address"),
    "shop": N_("the shop's own return address"),
    "saved": N_("a saved address"),
    "none": N_("no return (the customer keeps the item)"),
}


def channel_label(channel: str, lang: str | None = None) -> str:
    return t(CHANNEL_LABELS[channel], lang) if channel in CHANNEL_LABELS else channel


def detail_label(name: str, lang: str | None = None) -> str:
    return t(DETAIL_LABELS[name], lang) if name in DETAIL_LABELS else name


def _text(params: Params, name: str) -> str:
    value = params.get(name)
    return str(value) if value else ""


def _case_opened(params: Params, lang: str | None) -> str:
    return t(
        "Case opened: {kind}, {reason}.",
        lang,
        kind=kind_label(_text(params, "kind"), lang),
        reason=reason_label(_text(params, "reason"), lang),
    )


def _status_changed(params: Params, lang: str | None) -> str:
    text = t(
        "{before} → {after}",
        lang,
        before=status_label(_text(params, "from_status"), lang),
        after=status_label(_text(params, "to_status"), lang),
    )
    resolution = _text(params, "resolution")
    if resolution:
        text = t(
            "{change} ({resolution})",
            lang,
            change=text,
            resolution=resolution_label(resolution, lang).lower(),
        )
    note = _text(params, "note")
    return t("{change}: {note}", lang, change=text, note=note) if note else text


def _details_changed(params: Params, lang: str | None) -> str:
    raw = params.get("fields")
    names = [str(n) for n in raw] if isinstance(raw, list) else []
    return t("Changed {fields}.", lang, fields=", ".join(detail_label(n, lang) for n in names))


def _contact(params: Params, lang: str | None) -> str:
    channel = channel_label(_text(params, "channel"), lang)
    supplier = _text(params, "supplier")
    if params.get("direction") == "sent":
        text = t("{channel} sent to {supplier}", lang, channel=channel, supplier=supplier)
    else:
        text = t("{channel} received from {supplier}", lang, channel=channel, supplier=supplier)
    if subject := _text(params, "subject"):
        text = t("{change}: {note}", lang, change=text, note=subject)
    if reference := _text(params, "reference"):
        text = t("{text} (ref. {reference})", lang, text=text, reference=reference)
    if params.get("awaiting_reply"):
        if awaiting := _text(params, "awaiting"):
            text = t("{text}; awaiting reply ({awaiting})", lang, text=text, awaiting=awaiting)
        else:
            text = t("{text}; awaiting reply", lang, text=text)
    return t("{sentence}.", lang, sentence=text)


def _customer_email(params: Params, lang: str | None) -> str:
    return t("E-mail sent to the customer: {subject}.", lang, subject=_text(params, "subject"))


def _first_response(params: Params, lang: str | None) -> str:
    return t("First response sent to the customer.", lang)


def _claim_sent(params: Params, lang: str | None) -> str:
    return t("Claim sent to the supplier by e-mail.", lang)


def _supplier_replied(params: Params, lang: str | None) -> str:
    return t("Supplier replied ({reference}).", lang, reference=_text(params, "reference"))


def _chargeback_linked(params: Params, lang: str | None) -> str:
    return t("Chargeback {rma} opened on this order.", lang, rma=_text(params, "rma"))


def _same_order(params: Params, lang: str | None) -> str:
    return t("Same order as {rmas}.", lang, rmas=_text(params, "rmas"))


def _day(value: object, lang: str | None) -> str:
    try:
        return date_text(date.fromisoformat(str(value)), lang)
    except ValueError:
        return str(value)


def _fact(value: object, lang: str | None) -> str:
    if value is None or value == "":
        return t("not known", lang)
    if isinstance(value, bool):
        return t("yes", lang) if value else t("no", lang)
    return _day(value, lang)


def _money_posted(params: Params, lang: str | None) -> str:
    text = t(
        "{kind} {amount} (entry #{entry}, {day})",
        lang,
        kind=ledger_label(_text(params, "kind"), lang),
        amount=_amount(params, lang),
        entry=_text(params, "entry"),
        day=_day(params.get("entry_date"), lang),
    )
    return _money_tail(text, params, lang)


def _amount(params: Params, lang: str | None) -> str:
    minor = params.get("amount_minor")
    return money_text(int(str(minor)), _text(params, "currency"), lang) if minor else ""


def _money_tail(text: str, params: Params, lang: str | None) -> str:
    if details := _text(params, "details"):
        text = f"{text} — {details}"
    if memo := _text(params, "memo"):
        text = t("{change}: {note}", lang, change=text, note=memo)
    if override := _text(params, "override"):
        text = t("{text} [Override: {reason}]", lang, text=text, reason=override)
    return text


def _money_reversed(params: Params, lang: str | None) -> str:
    text = t(
        "Reversal #{reversal} of entry #{entry} ({kind} {amount})",
        lang,
        reversal=_text(params, "reversal"),
        entry=_text(params, "entry"),
        kind=ledger_label(_text(params, "kind"), lang),
        amount=_amount(params, lang),
    )
    return _money_tail(text, params, lang)


def _evidence_added(params: Params, lang: str | None) -> str:
    who = _text(params, "who")
    names = params.get("names")
    listed = [str(n) for n in names] if isinstance(names, list) else []
    return tn(
        "Evidence added by {who}: {names}.",
        "Evidence added by {who}: {n} files, {names}.",
        len(listed),
        lang,
        who=t(SUPPLIED_BY_LABELS[who], lang) if who in SUPPLIED_BY_LABELS else who,
        names=", ".join(listed),
    )


def _caption(params: Params, lang: str | None) -> str:
    name, caption = _text(params, "name"), _text(params, "caption")
    if caption:
        return t("Caption of {name}: {caption}", lang, name=name, caption=caption)
    return t("Caption of {name} cleared.", lang, name=name)


def _evidence_removed(params: Params, lang: str | None) -> str:
    return t("Evidence removed: {name}.", lang, name=_text(params, "name"))


def _survey(params: Params, lang: str | None) -> str:
    values = {"ease": _text(params, "ease"), "outcome": _text(params, "outcome")}
    if params.get("corrected"):
        text = t(
            "Satisfaction survey answer corrected: ease {ease}/5, outcome {outcome}/5",
            lang,
            **values,
        )
    else:
        text = t("Satisfaction survey answered: ease {ease}/5, outcome {outcome}/5", lang, **values)
    if comment := _text(params, "comment"):
        text = t("{text}. Comment: {comment}", lang, text=text, comment=comment)
    return text


def _label_attached(params: Params, lang: str | None) -> str:
    parts = [_text(params, "carrier")]
    if tracking := _text(params, "tracking"):
        parts.append(t("tracking {number}", lang, number=tracking))
    if expires := params.get("expires_on"):
        parts.append(t("expires {day}", lang, day=_day(expires, lang)))
    details = ", ".join(p for p in parts if p)
    name = _text(params, "name")
    if details:
        return t(
            "Prepaid return label attached: {name} ({details}).", lang, name=name, details=details
        )
    return t("Prepaid return label attached: {name}.", lang, name=name)


def _label_removed(params: Params, lang: str | None) -> str:
    return t(
        "Prepaid return label removed: {name}. Its cost stays in the ledger; reverse it "
        "there if the carrier refunded it.",
        lang,
        name=_text(params, "name"),
    )


def _dates_recorded(params: Params, lang: str | None) -> str:
    dates = params.get("dates")
    items = dates.items() if isinstance(dates, dict) else []
    listed = ", ".join(
        t("{what} {value}", lang, what=t(CASE_DATE_LABELS[k], lang), value=_fact(v, lang))
        for k, v in items
        if k in CASE_DATE_LABELS
    )
    return t("Recorded {dates}.", lang, dates=listed)


def _line_facts(params: Params, lang: str | None) -> str:
    facts = params.get("facts")
    items = facts.items() if isinstance(facts, dict) else []
    listed = ", ".join(
        t("{what} {value}", lang, what=t(LINE_FACT_LABELS[k], lang), value=_fact(v, lang))
        for k, v in items
        if k in LINE_FACT_LABELS
    )
    return t("Line {line!r}: {facts}.", lang, line=_text(params, "line"), facts=listed)


def _return_address(params: Params, lang: str | None) -> str:
    choice = _text(params, "choice")
    where = t(ADDRESS_CHOICE_LABELS[choice], lang) if choice in ADDRESS_CHOICE_LABELS else choice
    if saved := _text(params, "saved"):
        return t("Return address: {where} ({name}).", lang, where=where, name=saved)
    return t("Return address: {where}.", lang, where=where)


_PROCESSOR_NAMES = {"stripe": "Stripe", "paypal": "PayPal", "shopify_payments": "Shopify Payments"}


def _chargeback_notice(params: Params, lang: str | None) -> str:
    processor = _text(params, "processor")
    try:
        reason = dispute_reason_label(_text(params, "reason"), lang)
        due = moment_text(datetime.fromisoformat(_text(params, "due_at")), lang, UTC)
    except ValueError:
        reason, due = _text(params, "reason"), _text(params, "due_at")
    return t(
        "Chargeback notice recorded: {processor}, reason: {reason}, response due {due} UTC.",
        lang,
        processor=_PROCESSOR_NAMES.get(processor, processor),
        reason=reason,
        due=due,
    )


def _anonymised(params: Params, lang: str | None) -> str:
    return t(
        "The customer's personal data was anonymised on request (name, e-mail, phone, "
        "addresses); money records and case facts are kept.",
        lang,
    )


_SENTENCES: dict[str, Callable[[Params, str | None], str]] = {
    "case_opened": _case_opened,
    "status_changed": _status_changed,
    "details_changed": _details_changed,
    "contact": _contact,
    "customer_email": _customer_email,
    "first_response": _first_response,
    "claim_sent": _claim_sent,
    "supplier_replied": _supplier_replied,
    "chargeback_linked": _chargeback_linked,
    "same_order": _same_order,
    "money_posted": _money_posted,
    "money_reversed": _money_reversed,
    "evidence_added": _evidence_added,
    "caption": _caption,
    "evidence_removed": _evidence_removed,
    "survey": _survey,
    "label_attached": _label_attached,
    "label_removed": _label_removed,
    "dates_recorded": _dates_recorded,
    "line_facts": _line_facts,
    "return_address": _return_address,
    "chargeback_notice": _chargeback_notice,
    "anonymised": _anonymised,
}

EVENT_CODES = frozenset(_SENTENCES)


def event_sentence(code: str, params: Params, lang: str | None = None) -> str:
    """The sentence for event ``code`` with ``params`` in ``lang`` (the window's by default).

    Raises KeyError for a code this version does not know; callers fall back to the text
    stored with the event.
    """
    return _SENTENCES[code](params, lang)
