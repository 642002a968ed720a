"""Look strings up in the French catalogue (gettext ``.po`` files read with Babel).

Every ``.po`` file under ``resources/locale/<lang>/`` belongs to the same catalogue; each
area of the app keeps its own file so that work on one area never touches another's.
Placeholders are ``{name}`` fields filled with :meth:`str.format`; a count is ``{n}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from returnsdesk import paths

LANGUAGES = ("en", "fr")
SOURCE_LANGUAGE = "en"

_current = SOURCE_LANGUAGE


def norm_lang(lang: str | None) -> str:
    """``"fr_FR"``, ``"FR"``, ``"fr-CA"`` → ``"fr"``; anything we do not speak → ``"en"``."""
    code = (lang or SOURCE_LANGUAGE).strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def set_language(lang: str | None) -> None:
    """The window's language: what :func:`t` uses when no ``lang`` is given."""
    global _current
    _current = norm_lang(lang)


def current_language() -> str:
    return _current


def N_(msgid: str) -> str:
    """Mark a string for translation where it is declared; translate it where it is shown.
    (Named as gettext names it, so every extraction tool knows it.)"""
    return msgid


@dataclass(frozen=True)
class Catalogue:
    """The translations of one language, keyed by (context, English source)."""

    singular: dict[tuple[str | None, str], str]
    plural: dict[tuple[str | None, str], tuple[str, ...]]
    locale: Locale


def locale_dir(lang: str) -> Path:
    return paths.resources_dir() / "locale" / lang


@cache
def catalogue(lang: str) -> Catalogue:
    """Every ``.po`` file of ``lang`` merged; fuzzy and empty entries do not count."""
    singular: dict[tuple[str | None, str], str] = {}
    plural: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for path in sorted(locale_dir(lang).glob("*.po")):
        with path.open("rb") as handle:
            messages = read_po(handle, locale=lang)
        for message in messages:
            if not message.id or message.fuzzy:
                continue
            text = message.string
            if isinstance(message.id, tuple):
                forms = tuple(text) if isinstance(text, tuple | list) else ()
                if forms and all(forms):
                    plural[(message.context, message.id[0])] = forms
            elif isinstance(message.id, str) and isinstance(text, str) and text:
                singular[(message.context, message.id)] = text
    return Catalogue(singular, plural, Locale.parse(lang))


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format(**values) if values else template


def t(msgid: str, lang: str | None = None, *, context: str | None = None, **values: object) -> str:
    """``msgid`` in ``lang`` (the window's language by default), placeholders filled in."""
    code = norm_lang(lang) if lang is not None else _current
    if code != SOURCE_LANGUAGE:
        msgid = catalogue(code).singular.get((context, msgid), msgid)
    return _fill(msgid, values)


def tn(
    singular: str,
    plural: str,
    n: int,
    lang: str | None = None,
    *,
    context: str | None = None,
    **values: object,
) -> str:
    """The form of a counted string for ``n`` (``{n}`` is filled in with ``n``)."""
    code = norm_lang(lang) if lang is not None else _current
    values = {"n": n, **values}
    if code != SOURCE_LANGUAGE:
        forms = catalogue(code).plural.get((context, singular))
        if forms:
            return _fill(forms[plural_index(code, n)], values)
    return _fill(singular if n == 1 else plural, values)


def plural_index(lang: str, n: int) -> int:
    """Which msgstr[i] a count takes: CLDR's plural category, in gettext's order."""
    category = catalogue(lang).locale.plural_form(abs(n))
    return 0 if category == "one" else 1
