"""Country input: ISO 3166-1 codes and names, English and French; nothing invented."""

from __future__ import annotations

import pytest

from returnsdesk.domain.countries import country_name, parse_country
from returnsdesk.domain.errors import InputError


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("FR", "FR"),
        ("fr", "FR"),
        ("FRA", "FR"),
        ("France", "FR"),
        ("  france ", "FR"),
        ("Allemagne", "DE"),
        ("Germany", "DE"),
        ("Réunion", "RE"),
        ("reunion", "RE"),
        ("Guadeloupe", "GP"),
        ("Åland Islands", "AX"),
        ("UK", "GB"),  # what people type for the United Kingdom
        ("United Kingdom", "GB"),
        ("EL", "GR"),  # Greece in EU documents
    ],
)
def test_codes_and_names_are_understood(typed, code):
    assert parse_country(typed) == code


@pytest.mark.parametrize("typed", ["", "ZZ", "XX", "Atlantis", "=1+1", "F R"])
def test_unknown_countries_are_refused(typed):
    with pytest.raises(InputError):
        parse_country(typed)


def test_names_in_both_languages():
    assert country_name("DE", "en") == "Germany"
    assert country_name("DE", "fr") == "Allemagne"
