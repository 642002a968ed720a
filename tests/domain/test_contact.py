"""E-mail addresses and countries as people type or import them."""

from __future__ import annotations

import pytest

from returnsdesk.domain.contact import check_country, check_email
from returnsdesk.domain.errors import InputError


@pytest.mark.parametrize("text", ["chloe@example.com", " jean.dupont+shop@exemple.fr ", ""])
def test_real_addresses_pass(text):
    assert check_email(text) == text.strip()


@pytest.mark.parametrize(
    "text", ["=1+1", "not-an-email", "a@b", "a@b.com?bcc=evil@x.com", "two@@at.com", "a b@c.com"]
)
def test_things_that_are_not_addresses_are_refused(text):
    with pytest.raises(InputError, match="is not an e-mail address"):
        check_email(text, "Customer e-mail")


def test_countries_become_codes_and_unknown_ones_are_refused():
    assert check_country("France") == "FR"
    assert check_country("de") == "DE"
    assert check_country("") == ""
    with pytest.raises(InputError, match="not a country"):
        check_country("ZZ")
