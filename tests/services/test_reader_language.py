"""Documents and messages go out in the customer's language when it is known, and in the
shop's default language (Edit → Preferences… → Language) when it is not (issue #13)."""

from __future__ import annotations

from dataclasses import replace

from factories import make_case, make_order

from returnsdesk.domain.messages import TemplateKey
from returnsdesk.services import settings
from returnsdesk.services.documents.instruction_facts import instructions_facts
from returnsdesk.services.templates import render_for_case


def _shop_language(lang: str) -> None:
    settings.save_shop_details(replace(settings.shop_details(), language=lang))


def test_a_customer_of_unknown_language_reads_the_shops_default(store, now):
    case = make_case(now)
    assert case.order.customer.language == ""  # nothing said which language they read
    _shop_language("fr")
    message = render_for_case(case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT, now=now)
    assert message.language == "fr"
    assert instructions_facts(case.id, now=now).lang == "fr"
    _shop_language("en")
    assert render_for_case(case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT, now=now).language == "en"


def test_a_customer_whose_language_is_known_keeps_it(store, now):
    case = make_case(now, order=make_order(customer_language="fr"))
    _shop_language("en")
    message = render_for_case(case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT, now=now)
    assert message.language == "fr"
    assert instructions_facts(case.id, now=now).lang == "fr"
