"""Checks for the contact details people type or import: e-mail addresses and countries.

E-mail addresses are checked for their form only (``email-validator`` without a DNS
look-up: the app works offline). Both functions let an empty value through — "not
known" is allowed where the field is optional — and refuse anything else that is
not what it claims to be, with a sentence naming the field.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from returnsdesk.domain.countries import parse_country
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.text import clean_text


def check_email(text: str | None, field: str = "E-mail") -> str:
    """The address, trimmed (empty when none was given), or InputError."""
    cleaned = clean_text(text, field)
    if not cleaned:
        return ""
    try:
        validate_email(cleaned, check_deliverability=False)
    except EmailNotValidError as error:
        raise InputError(f"{field}: {cleaned!r} is not an e-mail address ({error}).") from None
    return cleaned


def check_country(text: str | None, field: str = "Country") -> str:
    """The ISO 3166-1 alpha-2 code for a code or a name (empty when none was given)."""
    cleaned = clean_text(text, field)
    return parse_country(cleaned, field) if cleaned else ""
