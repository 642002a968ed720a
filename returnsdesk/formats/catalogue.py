"""Every string printed on a document, in English and French, behind one function.

``text(key, lang, **values)`` returns plain text (never markup): the PDF code
escapes it before it reaches a reportlab Paragraph. A French string that is
missing falls back to English, so adding a key never breaks the French build.
Dates and amounts are formatted with ``date_text`` / ``money_text`` so they
follow the same language.
"""

from __future__ import annotations

from datetime import date

from returnsdesk.domain.ledger import ledger_label as ledger_label_of
from returnsdesk.domain.money import format_money
from returnsdesk.domain.reasons import fault_label, reason_label
from returnsdesk.domain.reasons import resolution_label as _resolution_label
from returnsdesk.domain.rule_text import deadline_label as _deadline_label
from returnsdesk.domain.workflow import kind_label as kind_label_of
from returnsdesk.domain.workflow import status_label as status_label_of

LANGUAGES = ("en", "fr")

_EN: dict[str, str] = {
    # shared
    "page": "Page {page} of {pages}",
    "generated": "Generated on {date}",
    "rma": "RMA",
    "order": "Order",
    "order_number": "Order number",
    "customer": "Customer",
    "placed_on": "Placed on",
    "delivered_on": "Delivered on",
    "not_delivered": "Not delivered",
    "sku": "SKU",
    "item": "Item",
    "variant": "Variant",
    "qty": "Qty",
    "amount": "Amount",
    "date": "Date",
    "email": "E-mail",
    "phone": "Phone",
    "none": "None",
    # return instructions
    "instr.title": "Return instructions",
    "instr.issued": "Issued on {date}",
    "instr.hello": "Dear {name},",
    "instr.intro": "Thank you for contacting us. Your return has been registered under the "
    "number above. Please follow these steps so that we can process it quickly.",
    "instr.rma_label": "Your return number (RMA)",
    "instr.rma_write": "Write this number clearly on the outside of the parcel.",
    "instr.items": "1. Items to return",
    "instr.address": "2. Where to send the parcel",
    "instr.address_missing": "We will confirm the return address by e-mail. Do not send the "
    "parcel before you receive it.",
    "instr.ship_by_title": "3. Ship by",
    "instr.ship_by": "Please hand the parcel to the carrier no later than {date}.",
    "instr.packing": "4. How to pack",
    "instr.pack_unused": "The item must be unused, clean and in the condition you received it.",
    "instr.pack_original": "Use the original packaging, with its labels and tags where possible.",
    "instr.pack_parts": "Include every part, accessory, manual and gift that came with it.",
    "instr.pack_slip": "Put the slip from the bottom of this page inside the parcel.",
    "instr.pack_faulty": "As the item is faulty, you do not need to send it unused or in its "
    "original packaging: just protect it well so it is not damaged further.",
    "instr.label": "5. Your return label",
    "instr.label_prepaid": "A prepaid return label (reference {ref}) comes with these "
    "instructions. Print it and stick it on the parcel, covering any old labels.",
    "instr.label_carrier": "Drop the parcel at a {carrier} drop-off point or post office and "
    "keep the receipt.",
    "instr.label_tracking": "Tracking number of your return: {tracking}.",
    "instr.label_none": "Return postage is not prepaid. Please use a tracked service and keep "
    "the receipt and the tracking number.",
    "instr.label_none_faulty": "Return postage is not prepaid. Please use a tracked service and "
    "keep the receipt: as the item is faulty, we will refund the postage.",
    "instr.after": "6. After shipping",
    "instr.after_text": "Send us the tracking number by e-mail to {email}, quoting your return "
    "number {rma}. That way we can follow your parcel and act as soon as it arrives.",
    "instr.after_text_noemail": "Send us the tracking number, quoting your return number {rma}. "
    "That way we can follow your parcel and act as soon as it arrives.",
    "instr.next": "7. What happens next",
    "instr.next.refund": "Once the parcel has arrived and been checked, we refund you to your "
    "original payment method within {days} days. You will receive an e-mail when it is done.",
    "instr.next.partial_refund": "Once the parcel has arrived and been checked, we issue the "
    "agreed partial refund to your original payment method within {days} days.",
    "instr.next.store_credit": "Once the parcel has arrived and been checked, we send you store "
    "credit for its value within {days} days.",
    "instr.next.replacement": "Once the parcel has arrived and been checked, we ship a "
    "replacement within {days} days and send you its tracking number.",
    "instr.next.exchange": "Once the parcel has arrived and been checked, we ship the item you "
    "exchanged it for within {days} days and send you its tracking number.",
    "instr.questions": "Questions? Write to us and quote your return number.",
    "instr.slip_cut": "Cut along the dotted line and put this slip inside the parcel",
    "instr.slip_title": "Return slip",
    "instr.slip_name": "Name",
    "instr.slip_items": "Items",
    # return labels and addresses (issue 15)
    "instr.address_ref": "Ref. {rma}",
    "instr.slip_to": "Send to",
    "instr.keep_intro": "Thank you for contacting us. Your request is registered under the "
    "number above; please quote it in any message about it.",
    "instr.items_keep": "1. Items concerned",
    "instr.keep_title": "2. No need to send anything back",
    "instr.keep_text": "You do not need to return the item: you may keep it. There is nothing "
    "to pack or post.",
    "instr.keep_next_title": "3. What happens next",
    "instr.keep_next_text": "We settle your request without a return ({resolution}) and confirm "
    "it by e-mail once it is done.",
    "instr.label_file": "Your prepaid {carrier} return label is printed on the last page. Print "
    "it at actual size (100 %) and stick it firmly on the parcel, covering any old labels.",
    "instr.label_file_nocarrier": "Your prepaid return label is printed on the last page. Print "
    "it at actual size (100 %) and stick it firmly on the parcel, covering any old labels.",
    "instr.label_expires": "The label is valid until {date}; it cannot be used after that day.",
    "instr.label_page_heading": "Prepaid return label – {rma}",
    "instr.label_page_note": "Print at actual size (100 %), cut out and stick on the parcel.",
    "instr.label_page_tracking": "Tracking number: {tracking}",
    # returns summary
    "sum.title": "Returns summary",
    "sum.period": "{start} – {end}",
    "sum.headline": "Headline figures",
    "sum.opened": "Cases opened",
    "sum.closed": "Cases closed",
    "sum.median": "Median time to close",
    "sum.median_days": "{days} days",
    "sum.open_now": "Open cases today",
    "sum.money": "Money by currency",
    "sum.currency": "Currency",
    "sum.refunds": "Refunds paid",
    "sum.reimbursed": "Supplier reimbursements",
    "sum.paid_out": "Total paid out",
    "sum.recovered": "Total recovered",
    "sum.net": "Net cost",
    "sum.money_note": "From the ledger entries dated in the period; reversing entries count "
    "with the opposite sign.",
    "sum.monthly": "Cases opened and closed per month",
    "sum.by_reason": "Cases by reason",
    "sum.by_kind": "Cases by kind",
    "sum.by_status": "Cases by current status",
    "sum.by_supplier": "Cases by supplier",
    "sum.top_products": "Most returned products",
    "sum.cases": "Cases",
    "sum.share": "Share",
    "sum.units": "Units",
    "sum.reason": "Reason",
    "sum.status": "Status",
    "sum.kind": "Kind",
    "sum.supplier": "Supplier",
    "sum.product": "Product",
    "sum.no_supplier": "(no supplier)",
    "sum.breakdown_note": "Breakdowns count the cases opened in the period.",
    "sum.open_list": "Open cases and their next deadline",
    "sum.open_more": "Showing the {shown} most urgent of {total} open cases.",
    "sum.next_due": "Next deadline",
    "sum.due_on": "Due",
    "sum.no_cases": "No cases in this period.",
    "sum.no_open": "No open cases.",
    # insight (reports area, summary PDF, report exports)
    "rep.orders": "Orders placed",
    "rep.units_sold": "Units sold",
    "rep.units_returned": "Units returned",
    "rep.return_rate": "Return rate",
    "rep.unit_rate": "Unit return rate",
    "rep.counts_note": "Cases opened: opened in the period (every breakdown counts these). "
    "Cases closed: closed in the period, whenever opened. Open cases today: not finished "
    "today, whenever opened. Return rate: cases opened ÷ orders placed in the period.",
    "rep.cost_note": "Net cost = paid out − recovered on ledger entries dated in the period, "
    "per currency; a case's money counts under its reason, its supplier and its first product.",
    "rep.month": "Month",
    "rep.rates": "Return rate per month",
    "rep.by_product": "Return rate by product",
    "rep.by_supplier": "Return rate and net cost by supplier",
    "rep.by_reason": "Cases and net cost by reason",
    "rep.resolve": "Time to resolve",
    "rep.closed": "Cases closed",
    "rep.median_days": "Median days",
    "rep.days": "Days",
    "rep.days_range": "{low}–{high} days",
    "rep.days_over": "over {low} days",
    "rep.scorecards": "Supplier scorecards",
    "rep.claims": "Claims sent",
    "rep.approved": "Approved",
    "rep.reimbursed": "Reimbursed",
    "rep.first_reply": "Days to first reply",
    "rep.to_money": "Days to money",
    "rep.outstanding": "Outstanding",
    "rep.scorecard_note": "Claims: cases whose first message to the supplier was sent in the "
    "period. Approved: the supplier's recorded decision. Reimbursed: a reimbursement is on the "
    "ledger. Days are medians. Outstanding: claimed minus recovered to date.",
    "rep.defects": "Defect reasons by SKU",
    "rep.satisfaction": "Customer satisfaction",
    "rep.answers": "Answers",
    "rep.ease": "Ease (1–5)",
    "rep.outcome": "Outcome (1–5)",
    "rep.resolution": "Resolution",
    "rep.satisfaction_note": "Survey answers given in the period; marks from 1 (poor) to 5 "
    "(excellent).",
    "rep.no_answers": "No survey answers in this period.",
    "rep.flags": "Risk signals",
    "rep.subject": "Customer or supplier",
    "rep.rule": "Signal",
    "rep.why": "Why",
    "rep.none": "—",
    "rep.group": "Group",
    "rep.drill": "From Reports, cases opened {period}:",
    "rep.drill_month": "From Reports, cases opened in {month}",
    # dispute evidence pack
    "disp.title": "Dispute evidence",
    "disp.reference": "Dispute reference",
    "disp.due_by": "Response due by",
    "disp.to": "To the dispute team,",
    "disp.re": "Re: dispute {ref} on order {order} ({amount})",
    "disp.p_order": "{customer} placed order {order} with {shop} on {placed}, paying {total} "
    "by {method}.",
    "disp.p_shipped": "The order was shipped on {shipped} with {carrier} (tracking number "
    "{tracking}).",
    "disp.p_delivered": "The carrier recorded it as delivered on {delivered}.",
    "disp.p_not_delivered": "No delivery date has been recorded for this order.",
    "disp.sincerely": "Sincerely,",
    "disp.contents": "Contents",
    "disp.customer": "Customer details and purchase",
    "disp.customer_name": "Name",
    "disp.customer_email": "E-mail address",
    "disp.billing": "Billing address",
    "disp.shipping_address": "Shipping address",
    "disp.receipt": "Receipt",
    "disp.payment": "Payment",
    "disp.subtotal": "Subtotal",
    "disp.shipping": "Shipping",
    "disp.tax": "Tax",
    "disp.total": "Total",
    "disp.unit_price": "Unit price",
    "disp.product": "Product description",
    "disp.personalised": "made to order / personalised",
    "disp.shipping_doc": "Shipping documentation",
    "disp.carrier": "Carrier",
    "disp.tracking": "Tracking number",
    "disp.shipping_date": "Shipping date",
    "disp.delivery": "Delivery proof",
    "disp.delivery_text": "Delivered on {date} according to the carrier's tracking.",
    "disp.return_shipment": "Return shipment",
    "disp.policy": "Refund policy",
    "disp.policy_days": "Items may be returned within {days} days of delivery.",
    "disp.policy_peak": "Orders placed in the peak season ({season}) may be returned until "
    "{until} of the following year.",
    "disp.policy_legal": "Consumers in the EU, EEA and UK may withdraw within 14 days of "
    "delivery; refunds are made within 14 days of the withdrawal notice.",
    "disp.disclosure": "Refund policy disclosure",
    "disp.entry": "Entry",
    "disp.reference_col": "Reference",
    "disp.reversal": "reversal",
    "disp.refunds_total": "Given back to the customer",
    "disp.communication": "Customer communication",
    "disp.what": "What",
    "disp.files": "Evidence files",
    "disp.files_none": "No evidence images attached.",
    "disp.captured": "Captured {when}",
    "disp.added": "Added {when}",
    "disp.supplied_by": "supplied by {who}",
    "disp.skipped": "Not printable here (kept in the case file): {names}.",
    "disp.missing": "File missing from the evidence folder: {name}.",
}

_FR: dict[str, str] = {
    "page": "Page {page} sur {pages}",
    "generated": "Édité le {date}",
    "rma": "RMA",
    "order": "Commande",
    "order_number": "Numéro de commande",
    "customer": "Client",
    "placed_on": "Passée le",
    "delivered_on": "Livrée le",
    "not_delivered": "Non livrée",
    "sku": "Réf.",
    "item": "Article",
    "variant": "Variante",
    "qty": "Qté",
    "amount": "Montant",
    "date": "Date",
    "email": "E-mail",
    "phone": "Téléphone",
    "none": "Aucun",
    "instr.title": "Instructions de retour",
    "instr.issued": "Émises le {date}",
    "instr.hello": "Bonjour {name},",
    "instr.intro": "Merci de nous avoir contactés. Votre retour est enregistré sous le numéro "
    "ci-dessus. Suivez ces étapes pour que nous puissions le traiter rapidement.",
    "instr.rma_label": "Votre numéro de retour (RMA)",
    "instr.rma_write": "Inscrivez ce numéro lisiblement à l'extérieur du colis.",
    "instr.items": "1. Articles à retourner",
    "instr.address": "2. Adresse de retour",
    "instr.address_missing": "Nous vous confirmerons l'adresse de retour par e-mail. "
    "N'envoyez pas le colis avant de l'avoir reçue.",
    "instr.ship_by_title": "3. Date limite d'envoi",
    "instr.ship_by": "Merci de remettre le colis au transporteur au plus tard le {date}.",
    "instr.packing": "4. Emballage",
    "instr.pack_unused": "L'article doit être inutilisé, propre et dans l'état où vous l'avez "
    "reçu.",
    "instr.pack_original": "Utilisez si possible l'emballage d'origine, avec ses étiquettes.",
    "instr.pack_parts": "Joignez toutes les pièces, accessoires, notices et cadeaux fournis.",
    "instr.pack_slip": "Glissez le coupon du bas de cette page dans le colis.",
    "instr.pack_faulty": "L'article étant défectueux, il n'a pas besoin d'être inutilisé ni dans "
    "son emballage d'origine : protégez-le simplement pour qu'il ne s'abîme pas davantage.",
    "instr.label": "5. Votre étiquette retour",
    "instr.label_prepaid": "Une étiquette retour prépayée (référence {ref}) accompagne ces "
    "instructions. Imprimez-la et collez-la sur le colis, en masquant les anciennes étiquettes.",
    "instr.label_carrier": "Déposez le colis dans un point relais {carrier} ou un bureau de poste "
    "et gardez le reçu.",
    "instr.label_tracking": "Numéro de suivi de votre retour : {tracking}.",
    "instr.label_none": "Les frais de retour ne sont pas prépayés. Utilisez un envoi suivi et "
    "gardez le reçu et le numéro de suivi.",
    "instr.label_none_faulty": "Les frais de retour ne sont pas prépayés. Utilisez un envoi "
    "suivi et gardez le reçu : l'article étant défectueux, nous vous rembourserons le port.",
    "instr.after": "6. Après l'envoi",
    "instr.after_text": "Envoyez-nous le numéro de suivi par e-mail à {email}, en rappelant "
    "votre numéro de retour {rma}. Nous pourrons ainsi suivre le colis et agir dès son arrivée.",
    "instr.after_text_noemail": "Envoyez-nous le numéro de suivi en rappelant votre numéro de "
    "retour {rma}. Nous pourrons ainsi suivre le colis et agir dès son arrivée.",
    "instr.next": "7. Et ensuite ?",
    "instr.next.refund": "Dès réception et vérification du colis, nous vous remboursons sur "
    "votre moyen de paiement d'origine sous {days} jours. Vous recevrez un e-mail de "
    "confirmation.",
    "instr.next.partial_refund": "Dès réception et vérification du colis, nous effectuons le "
    "remboursement partiel convenu sur votre moyen de paiement d'origine sous {days} jours.",
    "instr.next.store_credit": "Dès réception et vérification du colis, nous vous envoyons un "
    "avoir de sa valeur sous {days} jours.",
    "instr.next.replacement": "Dès réception et vérification du colis, nous expédions un "
    "article de remplacement sous {days} jours et vous envoyons son numéro de suivi.",
    "instr.next.exchange": "Dès réception et vérification du colis, nous expédions l'article "
    "d'échange sous {days} jours et vous envoyons son numéro de suivi.",
    "instr.questions": "Une question ? Écrivez-nous en rappelant votre numéro de retour.",
    "instr.slip_cut": "Découpez suivant les pointillés et glissez ce coupon dans le colis",
    "instr.slip_title": "Coupon de retour",
    "instr.slip_name": "Nom",
    "instr.slip_items": "Articles",
    # étiquettes et adresses de retour (ticket 15)
    "instr.address_ref": "Réf. {rma}",
    "instr.slip_to": "À envoyer à",
    "instr.keep_intro": "Merci de nous avoir contactés. Votre demande est enregistrée sous le "
    "numéro ci-dessus ; merci de le rappeler dans vos messages.",
    "instr.items_keep": "1. Articles concernés",
    "instr.keep_title": "2. Rien à nous renvoyer",
    "instr.keep_text": "Vous n'avez pas besoin de nous retourner l'article : vous pouvez le "
    "garder. Il n'y a rien à emballer ni à poster.",
    "instr.keep_next_title": "3. Et ensuite ?",
    "instr.keep_next_text": "Nous réglons votre demande sans retour ({resolution}) et vous le "
    "confirmons par e-mail dès que c'est fait.",
    "instr.label_file": "Votre étiquette retour prépayée {carrier} est imprimée sur la dernière "
    "page. Imprimez-la en taille réelle (100 %) et collez-la bien sur le colis, en couvrant les "
    "anciennes étiquettes.",
    "instr.label_file_nocarrier": "Votre étiquette retour prépayée est imprimée sur la dernière "
    "page. Imprimez-la en taille réelle (100 %) et collez-la bien sur le colis, en couvrant les "
    "anciennes étiquettes.",
    "instr.label_expires": "L'étiquette est valable jusqu'au {date} ; elle ne peut plus servir "
    "après cette date.",
    "instr.label_page_heading": "Étiquette retour prépayée – {rma}",
    "instr.label_page_note": "Imprimez en taille réelle (100 %), découpez et collez sur le colis.",
    "instr.label_page_tracking": "Numéro de suivi : {tracking}",
    "sum.title": "Bilan des retours",
    "sum.period": "{start} – {end}",
    "sum.headline": "Chiffres clés",
    "sum.opened": "Dossiers ouverts",
    "sum.closed": "Dossiers clos",
    "sum.median": "Délai médian de clôture",
    "sum.median_days": "{days} jours",
    "sum.open_now": "Dossiers ouverts à ce jour",
    "sum.money": "Montants par devise",
    "sum.currency": "Devise",
    "sum.refunds": "Remboursé aux clients",
    "sum.reimbursed": "Reçu des fournisseurs",
    "sum.paid_out": "Total décaissé",
    "sum.recovered": "Total récupéré",
    "sum.net": "Coût net",
    "sum.money_note": "D'après les écritures datées de la période ; les contre-passations "
    "comptent avec le signe opposé.",
    "sum.monthly": "Dossiers ouverts et clos par mois",
    "sum.by_reason": "Dossiers par motif",
    "sum.by_kind": "Dossiers par type",
    "sum.by_status": "Dossiers par statut actuel",
    "sum.by_supplier": "Dossiers par fournisseur",
    "sum.top_products": "Produits les plus retournés",
    "sum.cases": "Dossiers",
    "sum.share": "Part",
    "sum.units": "Unités",
    "sum.reason": "Motif",
    "sum.status": "Statut",
    "sum.kind": "Type",
    "sum.supplier": "Fournisseur",
    "sum.product": "Produit",
    "sum.no_supplier": "(sans fournisseur)",
    "sum.breakdown_note": "Les répartitions portent sur les dossiers ouverts dans la période.",
    "sum.open_list": "Dossiers ouverts et leur prochaine échéance",
    "sum.open_more": "Les {shown} plus urgents sur {total} dossiers ouverts.",
    "sum.next_due": "Prochaine échéance",
    "sum.due_on": "Échéance",
    "sum.no_cases": "Aucun dossier dans cette période.",
    "sum.no_open": "Aucun dossier ouvert.",
    # insight (reports area, summary PDF, report exports)
    "rep.orders": "Commandes passées",
    "rep.units_sold": "Unités vendues",
    "rep.units_returned": "Unités retournées",
    "rep.return_rate": "Taux de retour",
    "rep.unit_rate": "Taux de retour (unités)",
    "rep.counts_note": "Dossiers ouverts : ouverts dans la période (toutes les répartitions "
    "portent sur eux). Dossiers clos : clos dans la période, quelle que soit leur date "
    "d'ouverture. Dossiers ouverts à ce jour : non terminés aujourd'hui. Taux de retour : "
    "dossiers ouverts ÷ commandes passées dans la période.",
    "rep.cost_note": "Coût net = décaissé − récupéré, d'après les écritures datées de la "
    "période, par devise ; l'argent d'un dossier compte pour son motif, son fournisseur et son "
    "premier produit.",
    "rep.month": "Mois",
    "rep.rates": "Taux de retour par mois",
    "rep.by_product": "Taux de retour par produit",
    "rep.by_supplier": "Taux de retour et coût net par fournisseur",
    "rep.by_reason": "Dossiers et coût net par motif",
    "rep.resolve": "Délai de résolution",
    "rep.closed": "Dossiers clos",
    "rep.median_days": "Jours (médiane)",
    "rep.days": "Jours",
    "rep.days_range": "{low} à {high} jours",
    "rep.days_over": "plus de {low} jours",
    "rep.scorecards": "Fiches fournisseurs",
    "rep.claims": "Réclamations",
    "rep.approved": "Acceptées",
    "rep.reimbursed": "Remboursées",
    "rep.first_reply": "Jours avant réponse",
    "rep.to_money": "Jours avant paiement",
    "rep.outstanding": "Restant dû",
    "rep.scorecard_note": "Réclamations : dossiers dont le premier message au fournisseur a été "
    "envoyé dans la période. Acceptées : décision enregistrée du fournisseur. Remboursées : un "
    "remboursement figure au registre. Jours : médianes. Restant dû : réclamé moins récupéré.",
    "rep.defects": "Motifs de défaut par référence",
    "rep.satisfaction": "Satisfaction client",
    "rep.answers": "Réponses",
    "rep.ease": "Facilité (1–5)",
    "rep.outcome": "Résultat (1–5)",
    "rep.resolution": "Solution",
    "rep.satisfaction_note": "Réponses au questionnaire reçues dans la période ; notes de 1 "
    "(mauvais) à 5 (excellent).",
    "rep.no_answers": "Aucune réponse au questionnaire dans cette période.",
    "rep.flags": "Signaux de risque",
    "rep.subject": "Client ou fournisseur",
    "rep.rule": "Signal",
    "rep.why": "Pourquoi",
    "rep.group": "Groupe",
    "rep.drill": "Depuis les rapports, dossiers ouverts {period} :",
    "rep.drill_month": "Depuis les rapports, dossiers ouverts en {month}",
    "rep.none": "—",
    "disp.title": "Dossier de contestation",
    "disp.reference": "Référence du litige",
    "disp.due_by": "Réponse avant le",
    "disp.to": "À l'attention du service des litiges,",
    "disp.re": "Objet : litige {ref} sur la commande {order} ({amount})",
    "disp.p_order": "{customer} a passé la commande {order} auprès de {shop} le {placed} et a "
    "payé {total} par {method}.",
    "disp.p_shipped": "La commande a été expédiée le {shipped} par {carrier} (numéro de suivi "
    "{tracking}).",
    "disp.p_delivered": "Le transporteur l'a enregistrée comme livrée le {delivered}.",
    "disp.p_not_delivered": "Aucune date de livraison n'est enregistrée pour cette commande.",
    "disp.sincerely": "Cordialement,",
    "disp.contents": "Sommaire",
    "disp.customer": "Client et achat",
    "disp.customer_name": "Nom",
    "disp.customer_email": "Adresse e-mail",
    "disp.billing": "Adresse de facturation",
    "disp.shipping_address": "Adresse de livraison",
    "disp.receipt": "Reçu",
    "disp.payment": "Paiement",
    "disp.subtotal": "Sous-total",
    "disp.shipping": "Livraison",
    "disp.tax": "Taxes",
    "disp.total": "Total",
    "disp.unit_price": "Prix unitaire",
    "disp.product": "Description du produit",
    "disp.personalised": "fabriqué sur commande / personnalisé",
    "disp.shipping_doc": "Documents d'expédition",
    "disp.carrier": "Transporteur",
    "disp.tracking": "Numéro de suivi",
    "disp.shipping_date": "Date d'expédition",
    "disp.delivery": "Preuve de livraison",
    "disp.delivery_text": "Livrée le {date} selon le suivi du transporteur.",
    "disp.return_shipment": "Colis retour",
    "disp.policy": "Politique de remboursement",
    "disp.policy_days": "Les articles peuvent être retournés dans les {days} jours suivant la "
    "livraison.",
    "disp.policy_peak": "Les commandes passées pendant la haute saison ({season}) peuvent être "
    "retournées jusqu'au {until} de l'année suivante.",
    "disp.policy_legal": "Les consommateurs de l'UE, de l'EEE et du Royaume-Uni disposent de "
    "14 jours après la livraison pour se rétracter ; le remboursement intervient sous 14 jours.",
    "disp.disclosure": "Communication de la politique de remboursement",
    "disp.entry": "Écriture",
    "disp.reference_col": "Référence",
    "disp.reversal": "contre-passation",
    "disp.refunds_total": "Restitué au client",
    "disp.communication": "Échanges avec le client",
    "disp.what": "Quoi",
    "disp.files": "Pièces justificatives",
    "disp.files_none": "Aucune image jointe.",
    "disp.captured": "Prise le {when}",
    "disp.added": "Ajoutée le {when}",
    "disp.supplied_by": "fournie par {who}",
    "disp.skipped": "Non imprimables ici (conservées au dossier) : {names}.",
    "disp.missing": "Fichier absent du dossier de preuves : {name}.",
}


def norm_lang(lang: str | None) -> str:
    """``"fr_FR"``, ``"FR"`` → ``"fr"``; anything we do not print in → ``"en"``."""
    code = (lang or "en").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else "en"


def has_text(key: str) -> bool:
    return key in _EN


def text(key: str, lang: str = "en", **values: object) -> str:
    """The plain-text string ``key`` in ``lang``, with ``{name}`` fields filled in."""
    template = (_FR.get(key) if norm_lang(lang) == "fr" else None) or _EN[key]
    return template.format(**values) if values else template


def label_value(label: str, value: str, lang: str = "en") -> str:
    """``"Order: #1042"``; French typography puts a space before the colon."""
    return f"{label} : {value}" if norm_lang(lang) == "fr" else f"{label}: {value}"


def date_text(value: date, lang: str = "en", fmt: str = "long") -> str:
    from babel.dates import format_date

    return format_date(value, fmt, locale=norm_lang(lang))


def datetime_text(value, lang: str = "en") -> str:
    """A UTC time as date plus HH:MM, e.g. ``20 May 2026, 09:30``."""
    return f"{date_text(value.date(), lang, 'medium')}, {value:%H:%M}"


def money_text(minor: int, currency: str, lang: str = "en") -> str:
    return format_money(minor, currency, norm_lang(lang))


def status_label(value: str, lang: str = "en") -> str:
    return _label(status_label_of, value, lang)


def kind_label(value: str, lang: str = "en") -> str:
    return _label(kind_label_of, value, lang)


def reason_text(value: str, lang: str = "en") -> str:
    return _label(reason_label, value, lang)


def fault_text(value: str, lang: str = "en") -> str:
    return _label(fault_label, value, lang)


def resolution_text(value: str, lang: str = "en") -> str:
    return _label(_resolution_label, value, lang)


def ledger_label(value: str, lang: str = "en") -> str:
    return _label(ledger_label_of, value, lang)


def deadline_label(code: str, lang: str = "en") -> str:
    return _deadline_label(code, norm_lang(lang))


def _label(label_of, value: str, lang: str) -> str:
    """A domain value's label in the document's language; an unknown code stays as it is."""
    try:
        return label_of(value, norm_lang(lang))
    except ValueError:
        return value
