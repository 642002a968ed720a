"""Words of the dispute pack that are its own (arguments per reason, labels of codes), in
English and French; everything else comes from ``formats.catalogue``.

Each sentence states only a fact the store holds, with the fact filled in.
"""

from __future__ import annotations

from returnsdesk.domain.chargebacks import DisputeReason, Processor, Section
from returnsdesk.formats import catalogue as cat

_EN: dict[str, str] = {
    "reason": "Dispute reason",
    "p_order_no_method": "{customer} placed order {order} with {shop} on {placed}, paying {total}.",
    "p_not_shipped": "No shipping date, carrier or tracking number is recorded for this order.",
    "processor": "Payment processor",
    "due_at": "Response due",
    "cases": "Cases on this order",
    "p_cases": "The order has {count} case(s) in our records: {list}.",
    "p_given": "Before this dispute the customer was given back {amount}: {list}.",
    "given_item": "{kind} of {amount} on {date} (case {rma}{ref})",
    "ref": ", reference {ref}",
    "p_nothing_given": "Our records hold no refund or store credit on this order.",
    "p_policy_text": "Our refund policy as in force on the order date is reproduced in the "
    "refund policy section.",
    "p_policy_terms": "The terms of our refund policy in force on the order date are listed in "
    "the refund policy section.",
    "arg.fraudulent": "The purchase was made in the customer's name with the details below; "
    "the order was sent to the address the customer gave.",
    "arg.product_not_received": "The shipping and delivery records of the order come first "
    "in this pack.",
    "arg.product_not_received_delivered": "The carrier recorded the order as delivered on {date}.",
    "arg.product_unacceptable": "The product as it was sold, our refund policy and our "
    "exchanges with the customer come first in this pack.",
    "arg.duplicate": "The receipt of this payment comes first; it is for order {order} only.",
    "arg.credit_not_processed_given": "The customer's request was answered: {amount} was "
    "given back (see the refunds section), so the disputed amount should not be taken "
    "from us a second time.",
    "arg.credit_not_processed_none": "Our refund policy and our exchanges with the customer "
    "come first in this pack.",
    "arg.subscription_canceled": "This was a one-off purchase (order {order}), not a subscription.",
    "arg.general": "The facts of the order follow.",
    "ask": "We ask that the dispute be decided in our favour. The evidence follows, "
    "organised by the evidence fields of the payment processor.",
    "billing_not_held": "Not held by the store",
    "billing_country_only": "Not held by the store (billing country: {country})",
    "policy_published": "Published wording",
    "policy_terms": "Terms recorded by the store",
    "policy_no_text": "The store holds no published wording of this policy; the terms it "
    "recorded are listed above.",
    "disclosure_shown": "The store recorded that this policy was shown to the customer at "
    "checkout. The order was placed on {placed}.",
    "disclosure_unknown": "The store holds no record of how this policy was shown to the "
    "customer before the order of {placed}.",
    "refunds": "Refunds and credit given on this order",
    "refunds_none": "No refund or store credit has been given on this order.",
    "reversed": "reversed",
    "case_col": "Case",
    "timeline_note": "Every dated event of every case of this order and every message "
    "exchanged about it, oldest first (times in UTC).",
    "ev.created": "Case {rma} opened",
    "ev.status": "Case {rma}: {status}",
    "ev.note": "Note on case {rma}",
    "ev.customer_email": "E-mail to the customer (case {rma})",
    "ev.first_response": "First response sent to the customer (case {rma})",
    "ev.linked": "Chargeback {value} opened on this order",
    "ev.supplier_sent": "Message to the supplier by {channel} (case {rma})",
    "ev.supplier_received": "Message from the supplier by {channel} (case {rma})",
    "size_warning": "The pack is {size} MB, above the {limit} MB that {processor} accepts "
    "per file, even with its images reduced. Leave some photos out and make it again.",
    "unknown_source": "an unrecorded source",
    "pages_warning": "The pack has {pages} pages; Shopify Payments accepts PDFs of fewer than "
    "{limit} pages. Shorten the longest notes or messages and make it again.",
    "files_reduced": "Images are reduced in size so the pack fits the processors' upload "
    "limits; the originals are kept in the case file.",
}

_FR: dict[str, str] = {
    "reason": "Motif du litige",
    "p_order_no_method": "{customer} a passé la commande {order} auprès de {shop} le {placed} "
    "et a payé {total}.",
    "p_not_shipped": "Aucune date d'expédition, aucun transporteur ni numéro de suivi n'est "
    "enregistré pour cette commande.",
    "processor": "Prestataire de paiement",
    "due_at": "Réponse attendue avant",
    "cases": "Dossiers sur cette commande",
    "p_cases": "La commande compte {count} dossier(s) dans nos registres : {list}.",
    "p_given": "Avant ce litige, le client a reçu en retour {amount} : {list}.",
    "given_item": "{kind} de {amount} le {date} (dossier {rma}{ref})",
    "ref": ", référence {ref}",
    "p_nothing_given": "Nos registres ne contiennent aucun remboursement ni avoir sur cette "
    "commande.",
    "p_policy_text": "Notre politique de remboursement en vigueur à la date de la commande est "
    "reproduite dans la section correspondante.",
    "p_policy_terms": "Les conditions de notre politique de remboursement en vigueur à la date "
    "de la commande figurent dans la section correspondante.",
    "arg.fraudulent": "L'achat a été fait au nom du client avec les coordonnées ci-dessous ; "
    "la commande a été envoyée à l'adresse qu'il a indiquée.",
    "arg.product_not_received": "Les preuves d'expédition et de livraison de la commande "
    "figurent en tête de ce dossier.",
    "arg.product_not_received_delivered": "Le transporteur a enregistré la commande comme "
    "livrée le {date}.",
    "arg.product_unacceptable": "Le produit tel qu'il a été vendu, notre politique de "
    "remboursement et nos échanges avec le client figurent en tête de ce dossier.",
    "arg.duplicate": "Le reçu de ce paiement figure en tête ; il concerne uniquement la "
    "commande {order}.",
    "arg.credit_not_processed_given": "La demande du client a été traitée : {amount} lui a été "
    "restitué (voir la section des remboursements) ; ce montant ne doit donc pas nous être "
    "débité une seconde fois.",
    "arg.credit_not_processed_none": "Notre politique de remboursement et nos échanges avec le "
    "client figurent en tête de ce dossier.",
    "arg.subscription_canceled": "Il s'agit d'un achat unique (commande {order}), pas d'un "
    "abonnement.",
    "arg.general": "Les faits relatifs à la commande suivent.",
    "ask": "Nous demandons que le litige soit tranché en notre faveur. Les preuves suivent, "
    "classées selon les champs de preuve du prestataire de paiement.",
    "billing_not_held": "Non détenue par la boutique",
    "billing_country_only": "Non détenue par la boutique (pays de facturation : {country})",
    "policy_published": "Texte publié",
    "policy_terms": "Conditions enregistrées par la boutique",
    "policy_no_text": "La boutique ne détient pas le texte publié de cette politique ; les "
    "conditions qu'elle a enregistrées figurent ci-dessus.",
    "disclosure_shown": "La boutique a enregistré que cette politique était présentée au client "
    "lors du paiement. La commande a été passée le {placed}.",
    "disclosure_unknown": "La boutique ne détient aucune trace de la façon dont cette "
    "politique a été présentée au client avant la commande du {placed}.",
    "refunds": "Remboursements et avoirs accordés sur cette commande",
    "refunds_none": "Aucun remboursement ni avoir n'a été accordé sur cette commande.",
    "reversed": "annulé",
    "case_col": "Dossier",
    "timeline_note": "Tous les événements datés de chaque dossier de cette commande et tous "
    "les messages échangés à son sujet, du plus ancien au plus récent (heures UTC).",
    "ev.created": "Ouverture du dossier {rma}",
    "ev.status": "Dossier {rma} : {status}",
    "ev.note": "Note sur le dossier {rma}",
    "ev.customer_email": "E-mail au client (dossier {rma})",
    "ev.first_response": "Première réponse envoyée au client (dossier {rma})",
    "ev.linked": "Rétrofacturation {value} ouverte sur cette commande",
    "ev.supplier_sent": "Message au fournisseur par {channel} (dossier {rma})",
    "ev.supplier_received": "Message du fournisseur par {channel} (dossier {rma})",
    "size_warning": "Le dossier pèse {size} Mo, au-delà des {limit} Mo par fichier acceptés "
    "par {processor}, même avec les images réduites. Retirez des photos et recommencez.",
    "unknown_source": "une source non enregistrée",
    "pages_warning": "Le dossier compte {pages} pages ; Shopify Payments accepte des PDF de "
    "moins de {limit} pages. Raccourcissez les notes ou messages les plus longs et "
    "recommencez.",
    "files_reduced": "Les images sont réduites pour respecter les limites d'envoi des "
    "prestataires ; les originaux restent dans le dossier.",
}

_REASONS = {
    "en": {
        DisputeReason.FRAUDULENT: "Fraudulent (payment not recognised)",
        DisputeReason.PRODUCT_NOT_RECEIVED: "Product not received",
        DisputeReason.PRODUCT_UNACCEPTABLE: "Product unacceptable",
        DisputeReason.DUPLICATE: "Duplicate payment",
        DisputeReason.CREDIT_NOT_PROCESSED: "Credit not processed",
        DisputeReason.SUBSCRIPTION_CANCELED: "Subscription cancelled",
        DisputeReason.GENERAL: "General",
    },
    "fr": {
        DisputeReason.FRAUDULENT: "Fraude (paiement non reconnu)",
        DisputeReason.PRODUCT_NOT_RECEIVED: "Produit non reçu",
        DisputeReason.PRODUCT_UNACCEPTABLE: "Produit non conforme",
        DisputeReason.DUPLICATE: "Paiement en double",
        DisputeReason.CREDIT_NOT_PROCESSED: "Remboursement non effectué",
        DisputeReason.SUBSCRIPTION_CANCELED: "Abonnement résilié",
        DisputeReason.GENERAL: "Général",
    },
}

_PROCESSORS = {
    "en": {
        Processor.STRIPE: "Stripe",
        Processor.PAYPAL: "PayPal",
        Processor.SHOPIFY_PAYMENTS: "Shopify Payments",
    },
    "fr": {
        Processor.STRIPE: "Stripe",
        Processor.PAYPAL: "PayPal",
        Processor.SHOPIFY_PAYMENTS: "Shopify Payments",
    },
}

_SUPPLIED_BY = {
    "en": {
        "customer": "the customer",
        "supplier": "the supplier",
        "merchant": "the shop",
        "carrier": "the carrier",
    },
    "fr": {
        "customer": "le client",
        "supplier": "le fournisseur",
        "merchant": "la boutique",
        "carrier": "le transporteur",
    },
}

_CHANNELS = {
    "en": {
        "email": "e-mail",
        "chat": "chat",
        "phone": "phone",
        "platform_dispute": "the platform's dispute system",
        "other": "another channel",
    },
    "fr": {
        "email": "e-mail",
        "chat": "messagerie",
        "phone": "téléphone",
        "platform_dispute": "le système de litiges de la plateforme",
        "other": "un autre moyen",
    },
}

_SECTIONS = {
    Section.CUSTOMER: "disp.customer",
    Section.PRODUCT: "disp.product",
    Section.SHIPPING: "disp.shipping_doc",
    Section.POLICY: "disp.policy",
    Section.COMMUNICATION: "disp.communication",
    Section.FILES: "disp.files",
}


def text(key: str, lang: str, **values: object) -> str:
    """A pack string: this module's own keys, else the catalogue's ``disp.*`` and shared."""
    lang = cat.norm_lang(lang)
    table = _FR if lang == "fr" else _EN
    template = table.get(key) or _EN.get(key)
    if template is None:
        return cat.text(key, lang, **values)
    return template.format(**values) if values else template


def reason_label(reason: DisputeReason, lang: str) -> str:
    return _REASONS[cat.norm_lang(lang)][reason]


def processor_label(processor: Processor, lang: str) -> str:
    return _PROCESSORS[cat.norm_lang(lang)][processor]


def supplied_by_label(code: str, lang: str) -> str:
    return _SUPPLIED_BY[cat.norm_lang(lang)].get(code, text("unknown_source", lang))


def channel_label(code: str, lang: str) -> str:
    return _CHANNELS[cat.norm_lang(lang)].get(code, _CHANNELS[cat.norm_lang(lang)]["other"])


def section_title(section: Section, lang: str) -> str:
    if section == Section.REFUNDS:
        return text("refunds", lang)
    return cat.text(_SECTIONS[section], lang)
