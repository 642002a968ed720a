"""The language layer: lookups, plural forms, and values formatted for a language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from returnsdesk.domain import i18n
from returnsdesk.domain.i18n import formatting
from returnsdesk.domain.i18n.catalogue import catalogue, plural_index


@pytest.fixture(autouse=True)
def _window_in_english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_norm_lang_reduces_locales_and_refuses_unknown_languages():
    assert [i18n.norm_lang(x) for x in ("fr_FR", "FR", "fr-CA", "de", "", None)] == [
        "fr",
        "fr",
        "fr",
        "en",
        "en",
        "en",
    ]


def test_english_is_the_source_and_placeholders_are_filled():
    assert i18n.t("{n} days overdue", n=3) == "3 days overdue"
    assert i18n.t("Save") == "Save"


def test_the_window_language_is_used_unless_a_reader_language_is_given():
    i18n.set_language("fr")
    assert i18n.t("Save") == catalogue("fr").singular[(None, "Save")]
    assert i18n.t("Save", "en") == "Save"


def test_an_unknown_string_falls_back_to_english():
    assert i18n.t("A sentence nobody translated {x}", "fr", x=1) == "A sentence nobody translated 1"


def test_french_plural_takes_the_singular_for_zero_and_one():
    # gettext's French rule, "nplurals=2; plural=(n > 1)": 0 and 1 are singular.
    assert [plural_index("fr", n) for n in (0, 1, 2, 1000)] == [0, 0, 1, 1]
    assert i18n.tn("{n} file", "{n} files", 1) == "1 file"
    assert i18n.tn("{n} file", "{n} files", 0) == "0 files"
    assert i18n.tn("{n} file", "{n} files", 0, "fr") == "0 fichier"
    assert i18n.tn("{n} file", "{n} files", 2, "fr") == "2 fichiers"


def test_dates_are_day_first_in_both_languages():
    day = date(2026, 11, 8)
    assert formatting.date_text(day, "en") == "8 Nov 2026"
    assert formatting.date_text(day, "fr") == "8 nov. 2026"
    assert formatting.date_text(day, "fr", "long") == "8 novembre 2026"
    assert formatting.date_text(None, "fr") == "—"


def test_moments_are_shown_in_the_zone_asked_for():
    moment = datetime(2026, 11, 8, 23, 30, tzinfo=UTC)
    assert formatting.moment_text(moment, "fr", ZoneInfo("Europe/Paris")) == "9 nov. 2026, 00:30"
    assert formatting.moment_text(moment, "en", UTC) == "8 Nov 2026, 23:30"


def test_money_and_numbers_follow_the_language():
    assert formatting.money_text(14900, "EUR", "en") == "€149.00"
    assert formatting.money_text(14900, "EUR", "fr") == "149,00\u00a0€"
    assert formatting.number_text(1234567, "fr") == "1\u202f234\u202f567"
    assert formatting.percent_text(0.125, "fr") == "12,5\u00a0%"
    assert formatting.percent_text(0.125, "en") == "12.5%"
    assert formatting.label_value("Order", "#1", "fr") == "Order\u00a0: #1"
