"""Message templates (e-mails to customers and suppliers) and their safe rendering.

A template is plain text with ``{name}`` placeholders. ``render`` fills them from a
mapping of already formatted strings. It never raises: anything in the template that
is not exactly ``{lowercase_name}`` (``{0}``, ``{a.b}``, ``{x!r}``, a stray brace,
``{{``/``}}``) is left as typed, and values are inserted verbatim and never parsed
again, so a customer called ``{rma}`` or ``=1+1`` stays exactly that. A placeholder
with no value (or an unknown name) becomes a visible ``[missing: name]`` marker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from urllib.parse import quote

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, t, tn
from returnsdesk.domain.i18n.formatting import date_text


class TemplateKey(StrEnum):
    """Which message. Values are stable: they are stored in ``message_template.key``."""

    SUPPLIER_CLAIM = "supplier_claim"
    #: The claim for a parcel that never arrived (chosen for a not-received case).
    SUPPLIER_CLAIM_NOT_RECEIVED = "supplier_claim_not_received"
    SUPPLIER_FOLLOW_UP = "supplier_follow_up"
    CUSTOMER_ACKNOWLEDGEMENT = "customer_acknowledgement"
    CUSTOMER_EVIDENCE_REQUEST = "customer_evidence_request"
    CUSTOMER_RETURN_INSTRUCTIONS = "customer_return_instructions"
    REFUND_CONFIRMATION = "refund_confirmation"
    DELAY_NOTICE = "delay_notice"
    SATISFACTION_SURVEY = "satisfaction_survey"


SUPPLIER = "supplier"
CUSTOMER = "customer"

AUDIENCE: dict[TemplateKey, str] = {
    key: SUPPLIER
    if key
    in (
        TemplateKey.SUPPLIER_CLAIM,
        TemplateKey.SUPPLIER_CLAIM_NOT_RECEIVED,
        TemplateKey.SUPPLIER_FOLLOW_UP,
    )
    else CUSTOMER
    for key in TemplateKey
}

TEMPLATE_TITLES: dict[TemplateKey, str] = {
    TemplateKey.SUPPLIER_CLAIM: N_("Supplier claim"),
    TemplateKey.SUPPLIER_CLAIM_NOT_RECEIVED: N_("Supplier claim (parcel not received)"),
    TemplateKey.SUPPLIER_FOLLOW_UP: N_("Supplier follow-up"),
    TemplateKey.CUSTOMER_ACKNOWLEDGEMENT: N_("Customer acknowledgement"),
    TemplateKey.CUSTOMER_EVIDENCE_REQUEST: N_("Customer evidence request"),
    TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS: N_("Customer return instructions"),
    TemplateKey.REFUND_CONFIRMATION: N_("Refund confirmation"),
    TemplateKey.DELAY_NOTICE: N_("Delay notice"),
    TemplateKey.SATISFACTION_SURVEY: N_("Satisfaction survey"),
}

#: Every placeholder a template may use, with what it is filled with.
PLACEHOLDERS: dict[str, str] = {
    "customer_name": "Customer's name",
    "customer_email": "Customer's e-mail address",
    "order_number": "Store order number, e.g. #1042",
    "order_date": "Date the order was placed",
    "rma": "Case (RMA) number, e.g. RMA-2026-00042",
    "shop_name": "Your shop's name (Settings)",
    "shop_email": "Your shop's e-mail address (Settings)",
    "supplier_name": "Supplier's name",
    "supplier_reference": "Supplier's own reference (RMA or dispute number) for the case",
    "reason": "Return reason, in the message's language, with the reason note",
    "items": "Items concerned, one per line: quantity, title, variant, SKU",
    "evidence_list": "Evidence files, one per line: file name, caption, capture time",
    "evidence_checklist": "What the supplier's platform asks for on this claim, ticked when "
    "the evidence is attached and captioned",
    "amount": "Money at stake on the case",
    "refund_amount": "Total refunded to the customer on the case (net of reversals)",
    "return_deadline": "Customer return window end date",
    "evidence_deadline": "Supplier evidence deadline",
    "return_address": "Where to send the return (the address chosen for the case)",
    "return_label_ref": "Prepaid return label reference",
    "return_carrier": "Carrier for the return",
    "return_tracking": "Tracking number of the return parcel",
    "tracking_number": "Tracking number of the original delivery",
    "delivered_on": "Delivery date of the order",
    "claim_sent_on": "Date the first claim was sent to the supplier",
    "days_waiting": "How long the latest unanswered supplier message has waited, e.g. 3 days",
    "resolution": "Agreed resolution, in the message's language",
}

#: What a placeholder is called where a message says it is missing ("[missing: delivery
#: date]"): a person's words, in the message's language, never the placeholder's code.
PLACEHOLDER_NAMES: dict[str, str] = {
    "customer_name": N_("customer's name"),
    "customer_email": N_("customer's e-mail address"),
    "order_number": N_("order number"),
    "order_date": N_("order date"),
    "rma": N_("case number"),
    "shop_name": N_("shop name"),
    "shop_email": N_("shop e-mail address"),
    "supplier_name": N_("supplier's name"),
    "supplier_reference": N_("supplier's reference"),
    "reason": N_("reason"),
    "items": N_("items concerned"),
    "evidence_list": N_("evidence files"),
    "evidence_checklist": N_("evidence checklist"),
    "amount": N_("amount at stake"),
    "refund_amount": N_("amount refunded"),
    "return_deadline": N_("return deadline"),
    "evidence_deadline": N_("evidence deadline"),
    "return_address": N_("return address"),
    "return_label_ref": N_("return label reference"),
    "return_carrier": N_("return carrier"),
    "return_tracking": N_("return tracking number"),
    "tracking_number": N_("tracking number"),
    "delivered_on": N_("delivery date"),
    "claim_sent_on": N_("date the claim was sent"),
    "days_waiting": N_("time waited for the supplier"),
    "resolution": N_("agreed resolution"),
}

LANGUAGES = ("en", "fr")

# Escaped braces first so "{{x}}" stays as typed; then a bare lowercase name.
_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z_]+)\}")


@dataclass(frozen=True)
class Template:
    subject: str
    body: str


def placeholder_name(name: str, language: str = "en") -> str:
    """What a person calls placeholder ``name`` in ``language`` (an unknown name, typed by
    the user in their own template, is shown as typed)."""
    known = PLACEHOLDER_NAMES.get(name)
    return t(known, normalise_language(language)) if known else name


def missing_marker(name: str, language: str = "en") -> str:
    """``[missing: delivery date]`` / ``[manquant : date de livraison]``."""
    return t(
        "[missing: {name}]", normalise_language(language), name=placeholder_name(name, language)
    )


def render(
    text: str, values: Mapping[str, str | None], language: str = "en"
) -> tuple[str, list[str]]:
    """Fill ``{name}`` placeholders; return the text and the names left missing (in order).

    A name is missing when it is not in ``PLACEHOLDERS`` or its value is None or blank; its
    marker names it in ``language``.
    """
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:  # "{{" or "}}": leave as typed
            return match.group(0)
        value = values.get(name) if name in PLACEHOLDERS else None
        if value is not None and not isinstance(value, str):
            value = str(value)
        if value is None or not value.strip():
            if name not in missing:
                missing.append(name)
            return missing_marker(name, language)
        return value

    return _TOKEN.sub(fill, text or ""), missing


def placeholders_in(text: str) -> list[str]:
    """The placeholder names a text uses, in order of first use (known or not)."""
    names: list[str] = []
    for match in _TOKEN.finditer(text or ""):
        name = match.group(1)
        if name is not None and name not in names:
            names.append(name)
    return names


def languages() -> tuple[str, ...]:
    return LANGUAGES


def normalise_language(code: str | None) -> str:
    """``"fr_FR"``, ``"FR"``, ``"fr-BE"`` → ``"fr"``; anything else → ``"en"``."""
    base = (code or "").strip().lower().replace("-", "_").split("_")[0]
    return base if base in LANGUAGES else "en"


_CRLF = re.compile(r"\r\n|\r|\n")
_BAD_ADDRESS = set('?&#%<>"\\') | {chr(c) for c in range(32)} | {"\x7f"}


def mailto_url(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` link (RFC 6068) that opens the message in the user's mail program.

    Everything is percent-encoded; line breaks become ``%0D%0A``. An address that could
    smuggle extra headers (``?``, ``&``, line breaks …) is refused.
    """
    address = (to or "").strip()
    if any(ch in _BAD_ADDRESS for ch in address):
        raise InputError(f"The e-mail address {address!r} contains characters not allowed.")
    subject_text = _CRLF.sub(" ", subject or "")
    body_text = _CRLF.sub("\r\n", body or "")
    return (
        f"mailto:{quote(address, safe='@,')}"
        f"?subject={quote(subject_text, safe='')}&body={quote(body_text, safe='')}"
    )


# --- pieces of text built from case data ------------------------------------------------


def item_line(quantity: int, title: str, variant: str, sku: str, language: str) -> str:
    """``- 2 × Lamp (Blue), SKU LMP-001`` (French: ``réf.``)."""
    lang = normalise_language(language)
    text = f"- {quantity} × {title}"
    if variant:
        text += f" ({variant})"
    if sku:
        text = t("{item}, SKU {sku}", lang, item=text, sku=sku)
    return text


def long_date(value: date, language: str) -> str:
    """``8 May 2026`` / ``8 mai 2026`` (day-month-year in English too: British usage)."""
    return date_text(value, normalise_language(language), "long")


def evidence_line(name: str, caption: str, captured_at: datetime | None, language: str) -> str:
    """``- IMG_1.jpg — Box as delivered — captured 8 May 2026, 14:02 UTC``."""
    lang = normalise_language(language)
    parts = [f"- {name}"]
    if caption:
        parts.append(caption)
    if captured_at is None:
        parts.append(t("capture time unknown", lang))
    else:
        at = captured_at.astimezone(UTC)
        day = long_date(at.date(), lang)
        parts.append(t("captured {day}, {time} UTC", lang, day=day, time=f"{at:%H:%M}"))
    return " — ".join(parts)


def days_text(days: int, language: str) -> str:
    """``3 days`` / ``3 jours``; under a day reads ``less than a day``."""
    lang = normalise_language(language)
    if days < 1:
        return t("less than a day", lang)
    return tn("{n} day", "{n} days", days, lang)


# --- default texts ----------------------------------------------------------------------

_EN_SIGNATURE = "Kind regards,\n{shop_name}\n{shop_email}"
_FR_SIGNATURE = "Bien cordialement,\n{shop_name}\n{shop_email}"

DEFAULTS: dict[tuple[TemplateKey, str], Template] = {
    (TemplateKey.SUPPLIER_CLAIM, "en"): Template(
        "Claim for order {order_number} – {reason} (our ref. {rma})",
        "Dear {supplier_name} team,\n\n"
        "We are writing about order {order_number}, placed on {order_date} and delivered "
        "to our customer on {delivered_on} (tracking number {tracking_number}).\n\n"
        "The customer reports the following problem: {reason}.\n\n"
        "Items concerned:\n{items}\n\n"
        "Evidence (attached to this e-mail):\n{evidence_list}\n\n"
        "Evidence checklist:\n{evidence_checklist}\n\n"
        "Amount at stake: {amount}. We are sending this claim within your evidence "
        "deadline ({evidence_deadline}).\n\n"
        "Could you please review it and let us know how you will settle it (refund, "
        "replacement or return)? Please quote our reference {rma} in your reply.\n\n"
        "Thank you in advance for your help.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.SUPPLIER_CLAIM, "fr"): Template(
        "Réclamation commande {order_number} – {reason} (notre réf. {rma})",
        "À l'attention du service après-vente – {supplier_name}\n\n"
        "Madame, Monsieur,\n\n"
        "Nous vous contactons au sujet de la commande {order_number}, passée le {order_date} "
        "et livrée à notre client le {delivered_on} (numéro de suivi {tracking_number}).\n\n"
        "Le client nous signale le problème suivant : {reason}.\n\n"
        "Articles concernés :\n{items}\n\n"
        "Justificatifs (joints à ce message) :\n{evidence_list}\n\n"
        "Liste des justificatifs :\n{evidence_checklist}\n\n"
        "Montant en jeu : {amount}. Nous vous adressons cette réclamation dans le délai "
        "prévu pour les justificatifs ({evidence_deadline}).\n\n"
        "Pourriez-vous l'examiner et nous indiquer la solution retenue (remboursement, "
        "remplacement ou retour) ? Merci de rappeler notre référence {rma} dans votre "
        "réponse.\n\n"
        "En vous remerciant par avance pour votre aide.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.SUPPLIER_CLAIM_NOT_RECEIVED, "en"): Template(
        "Parcel not received – order {order_number} (our ref. {rma})",
        "Dear {supplier_name} team,\n\n"
        "We are writing about order {order_number}, placed on {order_date}. Our customer "
        "tells us the parcel never arrived.\n\n"
        "Tracking number: {tracking_number}. The tracking does not show the parcel as "
        "delivered to the customer; could you please check it with the carrier and open an "
        "investigation if needed?\n\n"
        "Items ordered:\n{items}\n\n"
        "Amount at stake: {amount}.\n\n"
        "Please reship the order to the customer at no extra cost, or refund it to us, and "
        "let us know which you choose. Please quote our reference {rma} in your reply.\n\n"
        "Thank you in advance for your help.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.SUPPLIER_CLAIM_NOT_RECEIVED, "fr"): Template(
        "Colis non reçu – commande {order_number} (notre réf. {rma})",
        "À l'attention du service après-vente – {supplier_name}\n\n"
        "Madame, Monsieur,\n\n"
        "Nous vous contactons au sujet de la commande {order_number}, passée le "
        "{order_date}. Notre client nous indique que le colis ne lui est jamais "
        "parvenu.\n\n"
        "Numéro de suivi : {tracking_number}. Le suivi n'indique pas de livraison au "
        "client ; pourriez-vous le vérifier auprès du transporteur et ouvrir une enquête si "
        "nécessaire ?\n\n"
        "Articles commandés :\n{items}\n\n"
        "Montant en jeu : {amount}.\n\n"
        "Merci de réexpédier la commande au client sans frais supplémentaires, ou de nous "
        "la rembourser, et de nous indiquer la solution retenue. Merci de rappeler notre "
        "référence {rma} dans votre réponse.\n\n"
        "En vous remerciant par avance pour votre aide.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.SUPPLIER_FOLLOW_UP, "en"): Template(
        "Follow-up: claim {rma} for order {order_number}",
        "Dear {supplier_name} team,\n\n"
        "On {claim_sent_on} we sent you a claim about order {order_number} (our reference "
        "{rma}): {reason}. We have been waiting {days_waiting} for your answer.\n\n"
        "As a reminder, the items concerned are:\n{items}\n\n"
        "Amount at stake: {amount}.\n\n"
        "Our customer is waiting for a solution, so we would be grateful for a reply at "
        "your earliest convenience. If you need more information or evidence, please let "
        "us know.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.SUPPLIER_FOLLOW_UP, "fr"): Template(
        "Relance : réclamation {rma} – commande {order_number}",
        "À l'attention du service après-vente – {supplier_name}\n\n"
        "Madame, Monsieur,\n\n"
        "Le {claim_sent_on}, nous vous avons adressé une réclamation concernant la commande "
        "{order_number} (notre référence {rma}) : {reason}. Nous attendons votre réponse "
        "depuis {days_waiting}.\n\n"
        "Pour rappel, les articles concernés sont :\n{items}\n\n"
        "Montant en jeu : {amount}.\n\n"
        "Notre client attend une solution ; nous vous serions reconnaissants de nous "
        "répondre dans les meilleurs délais. Si vous avez besoin d'informations ou de "
        "justificatifs supplémentaires, n'hésitez pas à nous le faire savoir.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.CUSTOMER_ACKNOWLEDGEMENT, "en"): Template(
        "We have received your request – {rma}",
        "Dear {customer_name},\n\n"
        "Thank you for contacting us about your order {order_number}. We have opened a "
        "case for your request under the reference {rma}; please quote it in any message "
        "about this matter.\n\n"
        "Reason given: {reason}\n"
        "Items concerned:\n{items}\n\n"
        "We are looking into it and will come back to you with the next steps as soon as "
        "possible.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.CUSTOMER_ACKNOWLEDGEMENT, "fr"): Template(
        "Nous avons bien reçu votre demande – {rma}",
        "Bonjour {customer_name},\n\n"
        "Merci de nous avoir contactés au sujet de votre commande {order_number}. Nous "
        "avons ouvert un dossier pour votre demande sous la référence {rma} ; merci de la "
        "rappeler dans tous vos messages à ce sujet.\n\n"
        "Motif indiqué : {reason}\n"
        "Articles concernés :\n{items}\n\n"
        "Nous étudions votre demande et revenons vers vous très rapidement avec la marche "
        "à suivre.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.CUSTOMER_EVIDENCE_REQUEST, "en"): Template(
        "Photos needed for your request {rma}",
        "Dear {customer_name},\n\n"
        "Thank you for your message about order {order_number} ({reason}). To settle your "
        "request quickly, we need a few photos (or a short video) showing the problem:\n\n"
        "- a photo of the whole item;\n"
        "- close-up photos of the problem;\n"
        "- a photo of the parcel and its shipping label, if you still have them.\n\n"
        "Please reply to this e-mail with the photos attached by {evidence_deadline} at the "
        "latest, quoting the reference {rma}.\n\n"
        "Thank you for your help.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.CUSTOMER_EVIDENCE_REQUEST, "fr"): Template(
        "Photos nécessaires pour votre demande {rma}",
        "Bonjour {customer_name},\n\n"
        "Merci pour votre message concernant la commande {order_number} ({reason}). Afin "
        "de traiter rapidement votre demande, nous avons besoin de quelques photos (ou "
        "d'une courte vidéo) montrant le problème :\n\n"
        "- une photo de l'article en entier ;\n"
        "- des photos en gros plan du problème ;\n"
        "- une photo du colis et de son étiquette d'expédition, si vous les avez "
        "encore.\n\n"
        "Merci de répondre à ce message en joignant les photos au plus tard le "
        "{evidence_deadline}, en rappelant la référence {rma}.\n\n"
        "Merci pour votre aide.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS, "en"): Template(
        "Return instructions for order {order_number} – {rma}",
        "Dear {customer_name},\n\n"
        "Your return has been accepted. Here is how to send the item(s) back:\n\n"
        "1. Pack the following securely, in the original packaging if possible:\n"
        "{items}\n"
        "2. Write the reference {rma} clearly on the parcel.\n"
        "3. Send it with {return_carrier}, using the prepaid label {return_label_ref}, "
        "to:\n{return_address}\n"
        "4. Ship it by {return_deadline} and reply to this e-mail with the tracking "
        "number.\n\n"
        "As soon as the parcel reaches us, we will let you know.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS, "fr"): Template(
        "Instructions de retour – commande {order_number} – {rma}",
        "Bonjour {customer_name},\n\n"
        "Votre retour a été accepté. Voici comment nous renvoyer le ou les articles :\n\n"
        "1. Emballez soigneusement les articles suivants, si possible dans leur emballage "
        "d'origine :\n{items}\n"
        "2. Inscrivez lisiblement la référence {rma} sur le colis.\n"
        "3. Expédiez-le avec {return_carrier}, à l'aide de l'étiquette prépayée "
        "{return_label_ref}, à l'adresse suivante :\n{return_address}\n"
        "4. Envoyez-le au plus tard le {return_deadline} et répondez à ce message en nous "
        "indiquant le numéro de suivi.\n\n"
        "Nous vous préviendrons dès réception du colis.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.REFUND_CONFIRMATION, "en"): Template(
        "Your refund for order {order_number} – {rma}",
        "Dear {customer_name},\n\n"
        "We have issued a refund of {refund_amount} for your order {order_number} "
        "(reference {rma}).\n\n"
        "Depending on your bank or payment provider, it may take a few working days to "
        "appear on your statement.\n\n"
        "Thank you for your patience, and we hope to see you again soon.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.REFUND_CONFIRMATION, "fr"): Template(
        "Votre remboursement – commande {order_number} – {rma}",
        "Bonjour {customer_name},\n\n"
        "Nous avons effectué un remboursement de {refund_amount} pour votre commande "
        "{order_number} (référence {rma}).\n\n"
        "Selon votre banque ou votre moyen de paiement, il peut s'écouler quelques jours "
        "ouvrés avant qu'il n'apparaisse sur votre relevé.\n\n"
        "Merci pour votre patience ; nous espérons vous revoir bientôt.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.DELAY_NOTICE, "en"): Template(
        "An update on your request {rma}",
        "Dear {customer_name},\n\n"
        "We wanted to let you know that your request about order {order_number} is taking "
        "longer than expected. We contacted our supplier on {claim_sent_on} and are still "
        "waiting for their answer; we are following it up.\n\n"
        "We will write to you again as soon as we hear back. Thank you for your patience, "
        "and sorry for the wait.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.DELAY_NOTICE, "fr"): Template(
        "Point sur votre demande {rma}",
        "Bonjour {customer_name},\n\n"
        "Nous tenions à vous informer que le traitement de votre demande concernant la "
        "commande {order_number} prend plus de temps que prévu. Nous avons contacté notre "
        "fournisseur le {claim_sent_on} et attendons toujours sa réponse ; nous l'avons "
        "relancé.\n\n"
        "Nous reviendrons vers vous dès que nous aurons de ses nouvelles. Merci pour votre "
        "patience, et veuillez nous excuser pour ce délai.\n\n" + _FR_SIGNATURE,
    ),
    (TemplateKey.SATISFACTION_SURVEY, "en"): Template(
        "How did your return go? – {rma}",
        "Dear {customer_name},\n\n"
        "Your request about order {order_number} (reference {rma}) is now settled: "
        "{resolution}. Could you spare a minute to tell us how it went? Just reply to this "
        "e-mail with a mark from 1 (poor) to 5 (excellent) for each question:\n\n"
        "Ease: how easy was the return for you? (1–5)\n"
        "Outcome: how satisfied are you with the outcome? (1–5)\n"
        "Comment: anything we could do better?\n\n"
        "Thank you — your answer helps us improve.\n\n" + _EN_SIGNATURE,
    ),
    (TemplateKey.SATISFACTION_SURVEY, "fr"): Template(
        "Comment s'est passé votre retour ? – {rma}",
        "Bonjour {customer_name},\n\n"
        "Votre demande concernant la commande {order_number} (référence {rma}) est "
        "maintenant réglée : {resolution}. Pourriez-vous prendre une minute pour nous dire "
        "comment cela s'est passé ? Il suffit de répondre à ce message avec une note de 1 "
        "(mauvais) à 5 (excellent) pour chaque question :\n\n"
        "Facilité : le retour a-t-il été simple pour vous ? (1–5)\n"
        "Résultat : êtes-vous satisfait de la solution apportée ? (1–5)\n"
        "Commentaire : que pourrions-nous améliorer ?\n\n"
        "Merci, votre réponse nous aide à progresser.\n\n" + _FR_SIGNATURE,
    ),
}


def default_template(key: TemplateKey | str, language: str) -> Template:
    return DEFAULTS[(TemplateKey(key), normalise_language(language))]
