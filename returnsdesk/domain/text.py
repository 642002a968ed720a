"""Checks for text the user types: required, bounded, free of invisible junk."""

from __future__ import annotations

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import number_text

SHORT = 300
LONG = 20_000

_FORBIDDEN = {chr(c) for c in range(32)} - {"\n", "\t", "\r"}


class TextError(InputError):
    """A text field the app cannot accept, with the field named."""


def clean_text(
    value: str | None, field: str, *, max_len: int = SHORT, required: bool = False
) -> str:
    """Strip surrounding blanks and refuse control characters and over-long text.

    Markup, formulas, emoji and right-to-left text are ordinary data and pass
    untouched; the layers that display them escape them.
    """
    text = (value or "").strip()
    name = t(field)  # the field's name in the window's language, when it has French
    if required and not text:
        raise TextError(t("{field} is required.", field=name))
    if len(text) > max_len:
        raise TextError(
            t(
                "{field} is too long ({count} characters; at most {limit}).",
                field=name,
                count=number_text(len(text)),
                limit=number_text(max_len),
            )
        )
    if any(ch in _FORBIDDEN for ch in text):
        raise TextError(t("{field} contains control characters.", field=name))
    if max_len <= SHORT and ("\n" in text or "\r" in text):
        raise TextError(t("{field} must fit on one line.", field=name))
    return text


# Letters that Unicode does not decompose into base letter + accent, so the
# search tokenizer's diacritics removal leaves them alone.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
    }
)


def fold_for_search(text: str | None) -> str:
    """Map letters like ł, ø, ß, œ to their plain Latin spelling ("Łódź" → "Lódź")."""
    return (text or "").translate(_FOLD)
