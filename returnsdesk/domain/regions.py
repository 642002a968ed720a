"""Which consumer law a customer's place of residence brings: EU, EEA or UK.

Membership is decided from the treaties, not from a shipping address:

- EU member states (TEU art. 52), with the outermost regions that are part of the EU
  and have their own ISO 3166-1 codes (TFEU art. 349 and art. 355(1)): Guadeloupe (GP),
  French Guiana (GF), Martinique (MQ), Réunion (RE), Mayotte (YT) and Saint-Martin (MF).
  The Azores, Madeira and the Canary Islands are part of PT/ES and have no code of their own.
- Åland (AX) is part of the EU (Act of Accession 1994, Protocol No 2 only carves out
  indirect taxation), so its consumers have the EU rights.
- EEA EFTA states (EEA Agreement, which incorporates the Consumer Rights Directive):
  Iceland, Liechtenstein, Norway.
- The United Kingdom (GB): Consumer Contracts Regulations 2013 and Consumer Rights Act 2015.
  Jersey, Guernsey and the Isle of Man are not part of the UK and are not treated as such.

Overseas countries and territories (TFEU art. 355(2), Annex II: French Polynesia, New
Caledonia, Saint-Barthélemy, Greenland, Aruba, ...) are outside the EU.
"""

from __future__ import annotations

from enum import StrEnum


class LegalRegion(StrEnum):
    EU = "EU"
    EEA = "EEA"
    UK = "UK"


EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    }
)  # fmt: skip
EU_OUTERMOST_REGIONS = frozenset({"GP", "GF", "MQ", "RE", "YT", "MF"})
EU_SPECIAL_MEMBERS = frozenset({"AX"})
EEA_EFTA_STATES = frozenset({"IS", "LI", "NO"})
UK = "GB"


def legal_region(country: str) -> LegalRegion | None:
    """The consumer-law region of an ISO 3166-1 alpha-2 code, or None outside EU/EEA/UK."""
    code = (country or "").strip().upper()
    if code in EU_MEMBER_STATES or code in EU_OUTERMOST_REGIONS or code in EU_SPECIAL_MEMBERS:
        return LegalRegion.EU
    if code in EEA_EFTA_STATES:
        return LegalRegion.EEA
    if code == UK:
        return LegalRegion.UK
    return None
