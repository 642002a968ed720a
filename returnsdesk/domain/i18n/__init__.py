"""The one language layer: every string a person reads, in English and French.

English is the source language: a string is written in English where it is used, wrapped
in :func:`t` (or :func:`tn` when it depends on a count, or :func:`N_` where it is only
declared, e.g. in a table of labels), and its French lives in ``resources/locale/fr/*.po``.
Widgets call the same functions as documents, messages and the command line; only the
language differs: the window's (set once at start-up with :func:`set_language`) unless a
``lang`` is given, as documents and messages do for their reader.

Dates, times, money and numbers for a language are formatted by :mod:`.formatting`.
"""

from returnsdesk.domain.i18n.catalogue import (
    LANGUAGES,
    N_,
    current_language,
    norm_lang,
    set_language,
    t,
    tn,
)

__all__ = ["LANGUAGES", "N_", "current_language", "norm_lang", "set_language", "t", "tn"]
