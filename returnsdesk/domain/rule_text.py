"""The one place rule, deadline and warning sentences are written, in English and French.

The rules engine returns codes with parameters; :func:`render` turns them into a sentence
in the reader's language, so the window, the documents and ``returnsdesk verdict`` say the
same thing. Parameters are formatted here: dates (long form), moments (in the time zone
named by the ``tz`` parameter), countries (their name) and regions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from returnsdesk.domain.countries import country_name
from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import date_text

LANGUAGES = ("en", "fr")

DEADLINE_LABELS_EN: dict[str, str] = {
    "customer_return": N_("Customer return window"),
    "legal_withdrawal": N_("Legal withdrawal period"),
    "legal_refund_by": N_("Legal refund deadline"),
    "uk_right_to_reject": N_("UK right to reject"),
    "legal_guarantee": N_("Legal guarantee"),
    "supplier_evidence": N_("Supplier evidence deadline"),
    "supplier_follow_up": N_("Supplier follow-up"),
    "first_response": N_("First response to customer"),
    "chargeback_response": N_("Chargeback response"),
    "return_label_expiry": N_("Return label expiry"),
    "aliexpress_dispute": N_("AliExpress dispute window"),
    "aliexpress_protection": N_("AliExpress buyer protection"),
    "cj_not_received": N_("CJ not-received dispute"),
    "spocket_evidence": N_("Spocket photo evidence"),
    "spocket_missing": N_("Spocket missing-parcel report"),
}
_REGIONS = {
    "en": {"EU": "EU", "EEA": "EEA", "UK": "UK"},
    "fr": {"EU": "de l'UE", "EEA": "de l'EEE", "UK": "du Royaume-Uni"},
}

_EN: dict[str, str] = {
    # verdict summaries
    "summary.eligible": "Eligible",
    "summary.not_eligible": "Not eligible",
    "summary.eligible_because_faulty": "Eligible only because the item is faulty",
    "summary.unknown": "Unknown: a fact is missing",
    "summary.not_applicable": "No verdict: a chargeback is contested or accepted",
    "summary.mixed": "The lines differ: see the verdict for each line",
    # deadline states
    "state.open": "open",
    "state.met": "met",
    "state.missed": "missed",
    "state.overdue": "overdue",
    "state.not_needed": "not needed",
    "state.waiting": "waiting for the goods or proof of sending",
    # rules
    "not_received": "The customer reports the parcel never arrived: there is nothing to send "
    "back, so the return window does not apply. Check the tracking and claim from the "
    "carrier or the supplier.",
    "arrived_late": "The parcel arrived late: the delay is not the customer's doing, so the "
    "request is accepted whatever the return window.",
    "return_window.inside": "{line}: delivered on {delivered}; the store's {days}-day return "
    "window runs until {end}, and the request on {request} is inside it.",
    "return_window.after": "{line}: delivered on {delivered}; the store's {days}-day return "
    "window ended on {end}, {late} day(s) before the request on {request}.",
    "return_window.peak_inside": "{line}: ordered in the peak season, so returns are accepted "
    "until {end}; the request on {request} is inside it.",
    "return_window.peak_after": "{line}: ordered in the peak season, returns were accepted "
    "until {end}; the request on {request} is {late} day(s) after it.",
    "fault_covered": "{line}: the goods are faulty, damaged or wrong; the published store "
    "policy refunds or replaces them.",
    "personalised_but_faulty": "{line}: personalised or made to order, so it cannot be "
    "withdrawn from (CRD art. 16(c)) — but it is faulty, so the legal remedies apply.",
    "hygiene_but_faulty": "{line}: a sealed hygiene item that was unsealed, so it cannot be "
    "withdrawn from (CRD art. 16(e)) — but it is faulty, so the legal remedies apply.",
    "perishable_but_faulty": "{line}: perishable, so it cannot be withdrawn from (CRD art. "
    "16(d)) — but it is faulty, so the legal remedies apply.",
    "legal_guarantee.inside": "{line}: the legal guarantee of conformity lasts 2 years from "
    "delivery on {delivered}, until {end}: repair, replacement, price reduction or refund.",
    "legal_guarantee.after": "{line}: the 2-year legal guarantee from delivery on {delivered} "
    "ended on {end}, before the request on {request}.",
    "legal_guarantee.undated": "{line}: no delivery date, but the request is within 2 years of "
    "the order, so the legal guarantee of conformity still covers it.",
    "no_delivery_date": "{line}: no delivery date is recorded. Record the delivery date to decide.",
    "uk_right_to_reject.inside": "{line}: UK consumer with faulty goods: the short-term right "
    "to reject gives a full refund until {end} (30 days from delivery on {delivered}).",
    "uk_repair_first": "{line}: the UK 30-day right to reject ended on {end}; the customer is "
    "entitled to a repair or a replacement first, then a price reduction or a final refund "
    "if that fails.",
    "uk_repair_first.undated": "{line}: UK consumer with faulty goods and no delivery date: "
    "repair or replacement first, or a refund within 30 days of delivery.",
    "customer_country_unknown": "The country the customer lives in is not recorded, so the "
    "consumer law that applies is not known. Record it on the customer.",
    "personalised_exempt": "{line}: personalised or made to order: it cannot be returned for a "
    "change of mind and is exempt from the legal withdrawal right (CRD art. 16(c)).",
    "hygiene_exempt": "{line}: sealed for health or hygiene reasons and unsealed after "
    "delivery: exempt from the withdrawal right (CRD art. 16(e)).",
    "perishable_exempt": "{line}: perishable goods are exempt from the withdrawal right (CRD "
    "art. 16(d)).",
    "legal_withdrawal.inside": "Customer living in {country}: {region} consumers may withdraw "
    "within {days} days of delivery of the last item, until {end}; the request on {request} "
    "is inside it.",
    "legal_withdrawal.after": "Customer living in {country}: the {region} withdrawal period of "
    "{days} days ended on {end}, before the request on {request}.",
    "chargeback.due": "A chargeback is contested with evidence or accepted, not judged under "
    "the return policy. The response is due by {due}.",
    "chargeback.no_due": "A chargeback is contested with evidence or accepted, not judged "
    "under the return policy. Enter the response due date from the processor's notice.",
    "lines_differ": "The {count} lines do not get the same verdict: each line is judged on "
    "its own.",
    "no_legal_withdrawal": "Customer living in {country}: no statutory withdrawal right "
    "applies; the store policy decides.",
    "legal_region": "Customer living in {country}: the {region} consumer rights apply "
    "({days}-day withdrawal period, mandatory: the store policy cannot remove it).",
    "restocking_fee": "The supplier keeps a {percent}% restocking fee on returns that are not "
    "its fault.",
    "suggest_keep_item": "The supplier reimburses without a return: a refund where the "
    "customer keeps the item may be simplest.",
    "suggest_partial_refund": "A partial refund may settle this faster than a return.",
    "rolled": " The period would end on {raw_end}, a non-working day, so it ends on the next "
    "working day (Regulation 1182/71 art. 3(4)).",
    # warnings
    "warning.store_outlasts_supplier": "{line}: the store's return window (until {store_end}) "
    "outlasts the supplier's (until {supplier_end}). The customer keeps the store's window; "
    "a return after {supplier_end} may not be recovered from the supplier.",
    # deadlines
    "deadline.customer_return": "Delivered on {delivered} + {days} days (store policy) = "
    "{end}. Request on {request}.",
    "deadline.customer_return.peak": "Ordered in the peak season: returns accepted until {end} "
    "(later than delivery on {delivered} + {days} days). Request on {request}.",
    "deadline.legal_withdrawal": "Customer living in {country}: {days} days from delivery of "
    "the last item, until {end}. Request on {request}.",
    "deadline.legal_refund_by.eu": "Withdrawal notified on {notice}: the refund is due within "
    "14 days, by {due} (the trader may wait for the goods or proof of sending).",
    "deadline.legal_refund_by.eu_goods_late": "Withdrawal notified on {notice}; the goods or "
    "proof of sending arrived on {goods_back}, after 14 days, so the refund is due then.",
    "deadline.legal_refund_by.eu_waiting": "Withdrawal notified on {notice}: 14 days ran out "
    "on {due}, but the trader may withhold the refund until the goods or proof of sending "
    "arrive (CRD art. 13(3)). Record their date on the case.",
    "deadline.legal_refund_by.uk": "UK: the refund is due 14 days after the goods or proof of "
    "sending arrived on {goods_back}, by {due} (CCR 2013 reg. 34).",
    "deadline.legal_refund_by.uk_waiting": "UK: withdrawal notified on {notice}; the refund is "
    "due 14 days after the goods or proof of sending arrive. Record their date on the case.",
    "deadline.uk_right_to_reject": "30 days from delivery on {delivered}: until {end}.",
    "deadline.legal_guarantee": "2 years from delivery on {delivered}: until {end}.",
    "deadline.supplier_evidence": "Delivered on {start} + {days} days = {due}: the supplier "
    "needs the photos or videos by then to reimburse.",
    "deadline.supplier_evidence.estimate": "Estimate: no delivery date, so counted from the "
    "shipping date ({start}) + {days} days = {due}. Record the delivery date.",
    "deadline.supplier_follow_up": "Claim sent on {sent} with no reply: chase after {hours} "
    "hours, at {due_at}.",
    "deadline.first_response": "Request opened on {opened}: answer within {hours} hours, by "
    "{due_at}.",
    "deadline.chargeback_response": "Due by {due_at} (from the processor's notice).",
    "deadline.return_label_expiry": "The prepaid label expires on {end}: the customer must "
    "hand the parcel over by then, or a new label is needed.",
    "deadline.return_label_expiry.carrier": "The {carrier} label expires on {end}: the "
    "customer must hand the parcel over by then, or a new label is needed.",
    "deadline.aliexpress_dispute": "AliExpress: open the dispute within {days} days of the "
    "order's completion. Delivered on {delivered}; receipt cannot be confirmed earlier, so "
    "the window is taken to end on {due} (later only if the order was confirmed later — "
    "check the order page).",
    "deadline.aliexpress_protection": "AliExpress: shipped on {shipped}; delivery is "
    "guaranteed within {max_days} days and buyer protection ends {days} days after the "
    "promised time, so {due} at the latest (earlier when the seller promised a shorter "
    "delivery time).",
    "deadline.cj_not_received.us": "CJ: a parcel to the USA counts as not received {days} "
    "days after it left the warehouse ({shipped}), so from {due}; open the dispute on CJ then, "
    "with the customer's complaint (and, if tracking says delivered, the post office's "
    "certificate of non-delivery).",
    "deadline.cj_not_received.other": "CJ: a parcel to a country outside the USA counts as "
    "not received {days} days after it left the warehouse ({shipped}), so from {due}; open "
    "the dispute on CJ then, with the customer's complaint (and, if tracking says delivered, "
    "the post office's certificate of non-delivery).",
    "deadline.spocket_evidence": "Spocket: photos of the problem within {days} days of "
    "delivery ({delivered}), by {due}.",
    "deadline.spocket_missing": "Spocket: a parcel marked delivered ({delivered}) but not "
    "received must be reported within {days} days, by {due}.",
}

_FR: dict[str, str] = {
    "summary.eligible": "Éligible",
    "summary.not_eligible": "Non éligible",
    "summary.eligible_because_faulty": "Éligible uniquement parce que l'article est défectueux",
    "summary.unknown": "Indéterminé : une information manque",
    "summary.not_applicable": "Pas de verdict : une rétrofacturation se conteste ou s'accepte",
    "summary.mixed": "Les lignes diffèrent : voir le verdict de chaque ligne",
    "state.open": "en cours",
    "state.met": "respecté",
    "state.missed": "manqué",
    "state.overdue": "en retard",
    "state.not_needed": "sans objet",
    "state.waiting": "en attente des biens ou de la preuve d'expédition",
    "not_received": "Le client indique que le colis n'est jamais arrivé : il n'y a rien à "
    "renvoyer, le délai de retour ne s'applique pas. Vérifiez le suivi et réclamez auprès du "
    "transporteur ou du fournisseur.",
    "arrived_late": "Le colis est arrivé en retard : le client n'y est pour rien, la demande "
    "est acceptée quel que soit le délai de retour.",
    "return_window.inside": "{line} : livré le {delivered} ; le délai de retour de la boutique "
    "({days} jours) court jusqu'au {end}, la demande du {request} est dans le délai.",
    "return_window.after": "{line} : livré le {delivered} ; le délai de retour de la boutique "
    "({days} jours) a pris fin le {end}, {late} jour(s) avant la demande du {request}.",
    "return_window.peak_inside": "{line} : commandé en haute saison, les retours sont acceptés "
    "jusqu'au {end} ; la demande du {request} est dans le délai.",
    "return_window.peak_after": "{line} : commandé en haute saison, les retours étaient "
    "acceptés jusqu'au {end} ; la demande du {request} arrive {late} jour(s) après.",
    "fault_covered": "{line} : l'article est défectueux, abîmé ou erroné ; la politique publiée "
    "de la boutique le rembourse ou le remplace.",
    "personalised_but_faulty": "{line} : personnalisé ou fabriqué sur commande, il est exclu "
    "du droit de rétractation (art. L221-28 3°) — mais il est défectueux : les garanties "
    "légales s'appliquent.",
    "hygiene_but_faulty": "{line} : article d'hygiène descellé, exclu du droit de "
    "rétractation (art. L221-28 5°) — mais il est défectueux : les garanties légales "
    "s'appliquent.",
    "perishable_but_faulty": "{line} : périssable, exclu du droit de rétractation (art. "
    "L221-28 4°) — mais il est défectueux : les garanties légales s'appliquent.",
    "legal_guarantee.inside": "{line} : la garantie légale de conformité dure 2 ans à compter "
    "de la livraison du {delivered}, jusqu'au {end} : réparation, remplacement, réduction du "
    "prix ou remboursement.",
    "legal_guarantee.after": "{line} : la garantie légale de 2 ans depuis la livraison du "
    "{delivered} a pris fin le {end}, avant la demande du {request}.",
    "legal_guarantee.undated": "{line} : pas de date de livraison, mais la demande arrive "
    "moins de 2 ans après la commande : la garantie légale de conformité s'applique.",
    "no_delivery_date": "{line} : aucune date de livraison n'est enregistrée. Enregistrez la "
    "date de livraison pour décider.",
    "uk_right_to_reject.inside": "{line} : client au Royaume-Uni, article défectueux : le "
    "droit de rejet à court terme donne un remboursement complet jusqu'au {end} (30 jours "
    "après la livraison du {delivered}).",
    "uk_repair_first": "{line} : le droit de rejet de 30 jours (Royaume-Uni) a pris fin le "
    "{end} ; le client a droit d'abord à une réparation ou un remplacement, puis à une "
    "réduction du prix ou un remboursement final en cas d'échec.",
    "uk_repair_first.undated": "{line} : client au Royaume-Uni, article défectueux, sans date "
    "de livraison : réparation ou remplacement d'abord, ou remboursement dans les 30 jours "
    "suivant la livraison.",
    "customer_country_unknown": "Le pays où vit le client n'est pas enregistré : le droit de "
    "la consommation applicable n'est pas connu. Enregistrez-le sur la fiche client.",
    "personalised_exempt": "{line} : personnalisé ou fabriqué sur commande : il ne peut pas "
    "être retourné par simple changement d'avis et est exclu du droit de rétractation (art. "
    "L221-28 3°, directive 2011/83 art. 16 c).",
    "hygiene_exempt": "{line} : scellé pour des raisons d'hygiène et descellé après la "
    "livraison : exclu du droit de rétractation (art. L221-28 5°).",
    "perishable_exempt": "{line} : les biens périssables sont exclus du droit de rétractation "
    "(art. L221-28 4°).",
    "legal_withdrawal.inside": "Résidence du client : {country} ; "
    "les consommateurs {region} "
    "peuvent se rétracter dans les {days} jours suivant la livraison du dernier article, "
    "jusqu'au {end} ; la demande du {request} est dans le délai.",
    "legal_withdrawal.after": "Résidence du client : {country} ; "
    "le délai de rétractation "
    "{region} de {days} jours a pris fin le {end}, avant la demande du {request}.",
    "chargeback.due": "Une rétrofacturation se conteste avec des preuves ou s'accepte ; elle "
    "ne relève pas de la politique de retour. Réponse attendue avant le {due}.",
    "chargeback.no_due": "Une rétrofacturation se conteste avec des preuves ou s'accepte ; "
    "elle ne relève pas de la politique de retour. Saisissez la date limite de réponse "
    "indiquée par le prestataire de paiement.",
    "lines_differ": "Les {count} lignes n'ont pas le même verdict : chaque ligne est jugée "
    "séparément.",
    "no_legal_withdrawal": "Résidence du client : {country} ; "
    "aucun droit légal de rétractation "
    "ne s'applique ; la politique de la boutique décide.",
    "legal_region": "Résidence du client : {country} ; "
    "les droits des consommateurs {region} "
    "s'appliquent (rétractation de {days} jours, impérative : la politique de la boutique ne "
    "peut pas la supprimer).",
    "restocking_fee": "Le fournisseur retient {percent} % de frais de restockage sur les "
    "retours dont il n'est pas responsable.",
    "suggest_keep_item": "Le fournisseur rembourse sans retour : un remboursement où le client "
    "garde l'article est sans doute le plus simple.",
    "suggest_partial_refund": "Un remboursement partiel peut régler ce cas plus vite qu'un retour.",
    "rolled": " Le délai finirait le {raw_end}, jour non ouvrable : il est prorogé jusqu'au "
    "premier jour ouvrable suivant (règlement 1182/71 art. 3(4), art. L221-19).",
    "warning.store_outlasts_supplier": "{line} : le délai de retour de la boutique (jusqu'au "
    "{store_end}) dépasse celui du fournisseur (jusqu'au {supplier_end}). Le client garde le "
    "délai de la boutique ; un retour après le {supplier_end} risque de ne pas être "
    "remboursé par le fournisseur.",
    "deadline.customer_return": "Livré le {delivered} + {days} jours (politique de la "
    "boutique) = {end}. Demande du {request}.",
    "deadline.customer_return.peak": "Commandé en haute saison : retours acceptés jusqu'au "
    "{end} (plus tard que la livraison du {delivered} + {days} jours). Demande du {request}.",
    "deadline.legal_withdrawal": "Résidence du client : {country} ; "
    "{days} jours à compter de la "
    "livraison du dernier article, jusqu'au {end}. Demande du {request}.",
    "deadline.legal_refund_by.eu": "Rétractation notifiée le {notice} : remboursement dû sous "
    "14 jours, avant le {due} (le commerçant peut attendre la récupération des biens ou la "
    "preuve de leur expédition).",
    "deadline.legal_refund_by.eu_goods_late": "Rétractation notifiée le {notice} ; les biens "
    "ou la preuve d'expédition sont arrivés le {goods_back}, après 14 jours : le "
    "remboursement est dû à cette date.",
    "deadline.legal_refund_by.eu_waiting": "Rétractation notifiée le {notice} : les 14 jours "
    "ont pris fin le {due}, mais le commerçant peut différer le remboursement jusqu'à la "
    "récupération des biens ou la preuve de leur expédition (art. L221-24). Enregistrez leur "
    "date sur le dossier.",
    "deadline.legal_refund_by.uk": "Royaume-Uni : remboursement dû 14 jours après l'arrivée "
    "des biens ou de la preuve d'expédition le {goods_back}, avant le {due}.",
    "deadline.legal_refund_by.uk_waiting": "Royaume-Uni : rétractation notifiée le {notice} ; "
    "remboursement dû 14 jours après l'arrivée des biens ou de la preuve d'expédition. "
    "Enregistrez leur date sur le dossier.",
    "deadline.uk_right_to_reject": "30 jours après la livraison du {delivered} : jusqu'au {end}.",
    "deadline.legal_guarantee": "2 ans après la livraison du {delivered} : jusqu'au {end}.",
    "deadline.supplier_evidence": "Livré le {start} + {days} jours = {due} : le fournisseur "
    "doit recevoir les photos ou vidéos d'ici là pour rembourser.",
    "deadline.supplier_evidence.estimate": "Estimation : pas de date de livraison, compté "
    "depuis l'expédition ({start}) + {days} jours = {due}. Enregistrez la date de livraison.",
    "deadline.supplier_follow_up": "Réclamation envoyée le {sent} sans réponse : relancer "
    "après {hours} heures, le {due_at}.",
    "deadline.first_response": "Demande ouverte le {opened} : répondre sous {hours} heures, "
    "avant le {due_at}.",
    "deadline.chargeback_response": "À rendre avant le {due_at} (avis du prestataire de paiement).",
    "deadline.return_label_expiry": "L'étiquette prépayée expire le {end} : le client doit "
    "déposer le colis avant, sinon il faut une nouvelle étiquette.",
    "deadline.return_label_expiry.carrier": "L'étiquette {carrier} expire le {end} : le client "
    "doit déposer le colis avant, sinon il faut une nouvelle étiquette.",
    "deadline.aliexpress_dispute": "AliExpress : ouvrir le litige dans les {days} jours qui "
    "suivent la fin de la commande. Livré le {delivered} ; la réception ne peut pas être "
    "confirmée plus tôt, le délai est donc réputé finir le {due} (plus tard seulement si la "
    "commande a été confirmée plus tard : vérifier la page de la commande).",
    "deadline.aliexpress_protection": "AliExpress : expédié le {shipped} ; la livraison est "
    "garantie sous {max_days} jours et la protection acheteur prend fin {days} jours après le "
    "délai promis, donc le {due} au plus tard (plus tôt si le vendeur a promis un délai plus "
    "court).",
    "deadline.cj_not_received.us": "CJ : un colis vers les États-Unis est réputé non reçu "
    "{days} jours après sa sortie d'entrepôt ({shipped}), donc à partir du {due} ; ouvrir "
    "alors le litige sur CJ, avec la réclamation du client (et, si le suivi indique « livré », "
    "l'attestation de non-livraison de la poste).",
    "deadline.cj_not_received.other": "CJ : un colis vers un pays hors des États-Unis est "
    "réputé non reçu {days} jours après sa sortie d'entrepôt ({shipped}), donc à partir du "
    "{due} ; ouvrir alors le litige sur CJ, avec la réclamation du client (et, si le suivi "
    "indique « livré », l'attestation de non-livraison de la poste).",
    "deadline.spocket_evidence": "Spocket : photos du problème dans les {days} jours qui "
    "suivent la livraison ({delivered}), avant le {due}.",
    "deadline.spocket_missing": "Spocket : un colis indiqué livré ({delivered}) mais non reçu "
    "doit être signalé dans les {days} jours, avant le {due}.",
}


def norm_lang(lang: str | None) -> str:
    code = (lang or "en").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else "en"


def date_words(value: date, lang: str = "en") -> str:
    """A day in words: "Monday 23 March 2026" / "lundi 23 mars 2026"."""
    return date_text(value, norm_lang(lang), "EEEE d MMMM y")


def _moment(value: datetime, tz_name: str, lang: str) -> str:
    local = value.astimezone(ZoneInfo(tz_name))
    joiner = " à " if lang == "fr" else " at "
    return f"{date_words(local.date(), lang)}{joiner}{local:%H:%M} ({tz_name})"


def _natural_country(name: str) -> str:
    """ISO list names put qualifiers last ("Réunion, Île de la", "Taiwan, Province of
    China"); the part before the comma is what people say."""
    return name.partition(", ")[0]


def label_colon(lang: str) -> str:
    """ ": " in English, " : " in French typography."""
    return " : " if norm_lang(lang) == "fr" else ": "


def _format(key: str, value: Any, params: Mapping[str, Any], lang: str) -> str:
    if isinstance(value, datetime):
        return _moment(value, str(params.get("tz") or "UTC"), lang)
    if isinstance(value, date):
        return date_words(value, lang)
    if key == "country" and value:
        return _natural_country(country_name(str(value), lang))
    if key == "region":
        return _REGIONS[lang].get(str(value), str(value))
    return "" if value is None else str(value)


def render(key: str, params: Mapping[str, Any], lang: str = "en") -> str:
    """The sentence for ``key`` in ``lang`` (English when French has none)."""
    lang = norm_lang(lang)
    table = _FR if lang == "fr" else _EN
    template = table.get(key) or _EN[key]
    values = {name: _format(name, value, params, lang) for name, value in params.items()}
    out = template.format(**values)
    raw_end, end = params.get("raw_end"), params.get("end")
    if raw_end is not None and end is not None and raw_end != end:
        out += table["rolled"].format(raw_end=values["raw_end"])
    return out


def deadline_label(code: str, lang: str | None = None) -> str:
    """A deadline's name in ``lang`` (the window's language by default)."""
    return t(DEADLINE_LABELS_EN[code], lang) if code in DEADLINE_LABELS_EN else code


def state_label(state: str, lang: str = "en") -> str:
    return render(f"state.{state}", {}, lang)
