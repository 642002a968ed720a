"""What happened to a case, as a sentence in the reader's language.

A timeline event is stored as a code (``case_opened``, ``status_changed``, ...) with its
parameters (codes and user text, never sentences); :func:`event_sentence` writes the
sentence when it is shown, so the timeline reads in the window's language and no raw code
(``not_as_described``) reaches a person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from returnsdesk.domain.i18n import N_, t
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
}

EVENT_CODES = frozenset(_SENTENCES)


def event_sentence(code: str, params: Params, lang: str | None = None) -> str:
    """The sentence for event ``code`` with ``params`` in ``lang`` (the window's by default).

    Raises KeyError for a code this version does not know; callers fall back to the text
    stored with the event.
    """
    return _SENTENCES[code](params, lang)
