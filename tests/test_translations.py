"""Every string a person reads has French, with the same placeholders as the English.

English is written in the code; French lives in ``resources/locale/fr/*.po``. An area is
a package (or the top-level modules of ``ui``), so a failure names where to look.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from babel.messages.pofile import read_po
from translations import (
    PACKAGE,
    bare_window_strings,
    hidden_strings,
    placeholders,
    python_files,
    sources,
)

from returnsdesk.domain.i18n.catalogue import catalogue, locale_dir


def _areas() -> list[str]:
    areas = ["ui"]
    for top in ("domain", "store", "services", "formats", "commands", "ui"):
        areas += [f"{top}/{p.name}" for p in sorted((PACKAGE / top).iterdir()) if p.is_dir()]
    areas += ["domain", "store", "services", "formats", "commands", "demo", "."]
    return [a for a in areas if not a.endswith("__pycache__")]


def _files(area: str) -> list:
    folder = PACKAGE / area
    if area in {"ui", "domain", "store", "services", "formats", "commands", "."}:
        return sorted(folder.glob("*.py"))
    return python_files(area)


@pytest.mark.parametrize("area", _areas())
def test_every_string_can_be_extracted(area):
    assert hidden_strings(_files(area)) == []


@pytest.mark.parametrize("area", [a for a in _areas() if a.startswith("ui")])
def test_window_text_goes_through_the_language_layer(area):
    assert bare_window_strings(_files(area)) == []


@pytest.mark.parametrize("area", _areas())
def test_every_string_has_french_with_the_same_placeholders(area):
    french = catalogue("fr")
    missing, mismatched = [], []
    for source in sources(_files(area)):
        key = (source.context, source.msgid)
        if source.plural is not None:
            forms = french.plural.get(key)
            if not forms:
                missing.append(f"{source.path}:{source.line}: {source.msgid!r} (plural)")
                continue
            expected = placeholders(source.plural) | placeholders(source.msgid)
            if any(placeholders(form) - expected for form in forms) or not (
                placeholders(forms[-1]) >= placeholders(source.plural) - {"{n}"}
            ):
                mismatched.append(f"{source.path}:{source.line}: {source.msgid!r}")
            continue
        text = french.singular.get(key)
        if text is None:
            missing.append(f"{source.path}:{source.line}: {source.msgid!r}")
        elif placeholders(text) != placeholders(source.msgid):
            mismatched.append(f"{source.path}:{source.line}: {source.msgid!r} -> {text!r}")
    assert missing == [], f"{len(missing)} strings without French:\n" + "\n".join(missing)
    assert mismatched == [], "placeholders differ:\n" + "\n".join(mismatched)


def test_catalogue_files_agree_and_declare_french_plurals():
    seen: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for path in sorted(locale_dir("fr").glob("*.po")):
        with path.open("rb") as handle:
            messages = read_po(handle, locale="fr")
        assert messages.plural_forms == "nplurals=2; plural=(n > 1);", path.name
        for message in messages:
            if message.id:
                text = message.string if isinstance(message.string, str) else message.string[0]
                seen[(message.context, message.id)].add((path.name, text))
    conflicts = {k: v for k, v in seen.items() if len({text for _, text in v}) > 1}
    assert conflicts == {}
