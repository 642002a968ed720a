"""Country codes as people type them: ISO 3166-1 codes, English or French names.

The table is pycountry's (ISO 3166-1 and its translations), not a hand list. Two codes
that people use but ISO does not are accepted for what they mean: ``UK`` (the United
Kingdom, ISO ``GB``) and ``EL`` (Greece in EU documents, ISO ``GR``).
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache

import pycountry

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t

_ALIASES = {"UK": "GB", "EL": "GR"}


def _fold(text: str) -> str:
    """Lower case without accents or punctuation, so "Réunion" matches "reunion"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(kept).split())


@cache
def _names() -> dict[str, str]:
    """Folded English and French names (common, official and short forms) → alpha-2."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if not name:
                continue
            for variant in (name, french.gettext(name)):
                names.setdefault(_fold(variant), country.alpha_2)
                # "Réunion, Île de la" → also "Île de la Réunion"-style short head "Réunion"
                head = variant.split(",")[0]
                names.setdefault(_fold(head), country.alpha_2)
    return names


def parse_country(text: str, field: str = "Country") -> str:
    """The ISO 3166-1 alpha-2 code for ``text`` (a code or a name), or InputError.

    Empty text is refused too: callers that allow "not known" check for it first.
    """
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InputError(t("{field}: enter a country.", field=field))
    upper = cleaned.upper()
    if upper in _ALIASES:
        return _ALIASES[upper]
    if len(upper) in (2, 3) and upper.isalpha():
        found = pycountry.countries.get(alpha_2=upper) if len(upper) == 2 else None
        found = found or (pycountry.countries.get(alpha_3=upper) if len(upper) == 3 else None)
        if found is not None:
            return str(found.alpha_2)
    code = _names().get(_fold(cleaned))
    if code is None:
        raise InputError(
            t(
                "{field}: {cleaned!r} is not a country (use a code such as FR or DE).",
                field=field,
                cleaned=cleaned,
            )
        )
    return code


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in English or French (the code itself when unknown)."""
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    if country is None:
        return code
    if lang == "fr":
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        return french.gettext(country.name)
    return str(country.name)
