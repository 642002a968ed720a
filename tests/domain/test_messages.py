"""Message templates: defaults complete in both languages, rendering safe on any input."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.messages import (
    AUDIENCE,
    DEFAULTS,
    PLACEHOLDERS,
    TEMPLATE_TITLES,
    TemplateKey,
    days_text,
    default_template,
    evidence_line,
    item_line,
    languages,
    long_date,
    mailto_url,
    missing_marker,
    normalise_language,
    placeholders_in,
    render,
)

FULL = {name: f"<{name}>" for name in PLACEHOLDERS}


def test_every_key_has_a_template_title_and_audience_in_both_languages():
    assert languages() == ("en", "fr")
    for key in TemplateKey:
        assert key in TEMPLATE_TITLES and key in AUDIENCE
        for lang in languages():
            template = DEFAULTS[(key, lang)]
            assert template.subject.strip() and template.body.strip()
            assert "\n" not in template.subject
    assert len(DEFAULTS) == len(TemplateKey) * 2
    assert AUDIENCE[TemplateKey.SUPPLIER_CLAIM] == "supplier"
    assert AUDIENCE[TemplateKey.SUPPLIER_FOLLOW_UP] == "supplier"
    assert AUDIENCE[TemplateKey.DELAY_NOTICE] == "customer"


@pytest.mark.parametrize("key", list(TemplateKey))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_default_templates_use_only_known_placeholders(key, lang):
    template = DEFAULTS[(key, lang)]
    used = placeholders_in(template.subject) + placeholders_in(template.body)
    assert used and set(used) <= set(PLACEHOLDERS)
    for text in (template.subject, template.body):
        filled, missing = render(text, FULL)
        assert missing == []
        assert "[missing:" not in filled
        assert "{" not in filled and "}" not in filled


def test_english_and_french_use_the_same_placeholders():
    for key in TemplateKey:
        en, fr = DEFAULTS[(key, "en")], DEFAULTS[(key, "fr")]
        assert set(placeholders_in(en.subject + en.body)) == set(
            placeholders_in(fr.subject + fr.body)
        ), key


def test_supplier_claim_carries_the_evidence_list_and_order_facts():
    body = DEFAULTS[(TemplateKey.SUPPLIER_CLAIM, "en")].body
    for name in ("evidence_list", "items", "order_number", "order_date", "delivered_on", "rma"):
        assert "{" + name + "}" in body
    fr = DEFAULTS[(TemplateKey.SUPPLIER_CLAIM, "fr")].body
    assert (
        "Madame, Monsieur" in fr
        and "Réclamation" in DEFAULTS[(TemplateKey.SUPPLIER_CLAIM, "fr")].subject
    )


def test_render_fills_placeholders():
    text, missing = render(
        "Hello {customer_name}, case {rma}.", {"customer_name": "Zoë", "rma": "R-1"}
    )
    assert text == "Hello Zoë, case R-1."
    assert missing == []


def test_missing_values_become_a_clear_marker_in_order_and_once():
    text, missing = render(
        "{customer_name} {rma} {rma} {return_label_ref} {nonsense}",
        {"customer_name": None, "rma": "", "return_label_ref": "   "},
    )
    assert text == (
        "[missing: customer's name] [missing: case number] [missing: case number] "
        "[missing: return label reference] [missing: nonsense]"
    )
    assert missing == ["customer_name", "rma", "return_label_ref", "nonsense"]
    assert missing_marker("rma") == "[missing: case number]"
    # Issue #13: the marker names the value as a person does, in the message's language.
    assert missing_marker("delivered_on", "fr") == "[manquant : date de livraison]"
    assert missing_marker("delivered_on", "en") == "[missing: delivery date]"


def test_unknown_name_is_missing_even_when_a_value_is_given():
    text, missing = render("{secret}", {"secret": "leak"})
    assert text == "[missing: secret]" and missing == ["secret"]


@pytest.mark.parametrize(
    "template",
    [
        "{",
        "}",
        "{0}",
        "{a.b}",
        "{x!r}",
        "{rma:>10}",
        "{{x}}",
        "{{",
        "}}",
        "{}",
        "{ rma }",
        "{RMA}",
        "{rma",
        "rma}",
        "%s %(rma)s $rma $rma$",
        "{__class__.__mro__}",
    ],
)
def test_hostile_template_text_is_left_as_typed(template):
    text, missing = render(template, FULL)
    assert text == template
    assert missing == []


def test_escaped_braces_around_a_placeholder():
    assert render("{{{rma}}}", {"rma": "R"})[0] == "{{R}}"
    assert render("{{rma}}", {"rma": "R"})[0] == "{{rma}}"


@pytest.mark.parametrize(
    "value",
    [
        "{rma}",
        "{{rma}}",
        "{0}",
        "<b>bold</b><script>alert(1)</script>",
        "=1+1",
        "@SUM(A1)",
        "😀👍🏽 family 👨‍👩‍👧",
        "مرحبا بالعالم",
        "\u202eevil\u202c",
        "line one\nline two\r\nthree",
        "[missing: rma]",
        "\\1 \\g<0>",
        "x" * 10_000,
    ],
)
def test_hostile_values_are_inserted_verbatim_and_never_reparsed(value):
    text, missing = render("A {customer_name} B {rma} C", {"customer_name": value, "rma": "R-9"})
    assert text == f"A {value} B R-9 C"
    assert missing == []


@given(
    template=st.text(alphabet=st.sampled_from("{}!.:0ab_rmz \n") | st.characters(), max_size=200),
    values=st.dictionaries(
        st.sampled_from(sorted(PLACEHOLDERS)) | st.text(max_size=10),
        st.none() | st.text(max_size=50),
        max_size=8,
    ),
)
def test_render_never_raises(template, values):
    text, missing = render(template, values)
    assert isinstance(text, str)
    assert all(isinstance(name, str) for name in missing)
    assert len(missing) == len(set(missing))


@given(value=st.text(max_size=200))
def test_any_value_comes_back_verbatim(value):
    text, missing = render("[{customer_name}]", {"customer_name": value})
    if value.strip():
        assert text == f"[{value}]" and missing == []
    else:
        assert text == "[[missing: customer's name]]" and missing == ["customer_name"]


def test_normalise_language():
    for code in ("fr", "fr_FR", "FR", "fr-BE", " fr-ca "):
        assert normalise_language(code) == "fr"
    for code in ("en", "en_GB", "de", "", None, "french", "x" * 100):
        assert normalise_language(code) == "en"


def test_default_template_accepts_loose_language_codes():
    assert default_template("delay_notice", "fr_CA") == DEFAULTS[(TemplateKey.DELAY_NOTICE, "fr")]
    with pytest.raises(ValueError):
        default_template("nope", "en")


def test_mailto_encodes_everything():
    url = mailto_url(
        "chloe@example.com", "Re: #1042 & more? 100%", "Bonjour Chloé,\nligne 2\r\n=1+1 & co"
    )
    assert url.startswith("mailto:chloe@example.com?subject=")
    query = url.split("?", 1)[1]
    subject, body = query.split("&")
    assert subject == "subject=Re%3A%20%231042%20%26%20more%3F%20100%25"
    assert body == "body=Bonjour%20Chlo%C3%A9%2C%0D%0Aligne%202%0D%0A%3D1%2B1%20%26%20co"
    assert "\n" not in url and " " not in url


def test_mailto_allows_an_empty_recipient():
    assert mailto_url("", "s", "b") == "mailto:?subject=s&body=b"


@pytest.mark.parametrize(
    "to",
    [
        "a@b.com?cc=evil@x.com",
        "a@b.com&bcc=evil@x.com",
        "a@b.com\nBcc: evil@x.com",
        "a@b.com\r\nBcc: evil@x.com",
        "a@b.com%0ABcc:evil@x.com",
        "a@b.com#frag",
    ],
)
def test_mailto_refuses_header_injection(to):
    with pytest.raises(InputError):
        mailto_url(to, "subject", "body")


def test_item_and_evidence_lines():
    assert item_line(2, "Lamp", "Blue", "LMP-001", "en") == "- 2 × Lamp (Blue), SKU LMP-001"
    assert item_line(1, "Lampe", "", "LMP-001", "fr") == "- 1 × Lampe, réf. LMP-001"
    assert item_line(1, "Lamp", "", "", "en") == "- 1 × Lamp"
    at = datetime(2026, 5, 8, 14, 2, tzinfo=UTC)
    assert evidence_line("IMG_1.jpg", "Box", at, "en") == (
        "- IMG_1.jpg — Box — captured 8 May 2026, 14:02 UTC"
    )
    assert evidence_line("IMG_1.jpg", "", at, "fr") == (
        "- IMG_1.jpg — capturé le 8 mai 2026 à 14:02 UTC"
    )
    assert "unknown" in evidence_line("a.pdf", "", None, "en")


def test_dates_and_day_counts_in_each_language():
    assert long_date(date(2026, 5, 8), "en") == "8 May 2026"
    assert long_date(date(2026, 5, 8), "fr_FR") == "8 mai 2026"
    assert days_text(0, "en") == "less than a day"
    assert days_text(1, "en") == "1 day"
    assert days_text(3, "fr") == "3 jours"
    assert days_text(1, "fr") == "1 jour"
