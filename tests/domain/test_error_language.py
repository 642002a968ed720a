"""Refusals and bad days read in the window's language; the command line stays English.

Issue #13: error messages shown to a person go through the language layer.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager

import pytest

from returnsdesk.domain import i18n
from returnsdesk.domain.text import TextError, clean_text
from returnsdesk.domain.workflow import Status, TransitionError, TransitionRequest, check_transition
from returnsdesk.failures import DISK_FULL, is_disk_full, plain_message


@contextmanager
def window(lang: str):
    previous = i18n.current_language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(previous)


def test_a_refused_status_change_reads_in_french_with_french_labels():
    request = TransitionRequest(Status.NEW, Status.CLOSED)
    with window("fr"), pytest.raises(TransitionError) as refused:
        check_transition(request)
    text = str(refused.value)
    assert text.startswith("Un dossier au statut « nouveau » ne peut pas passer à « clos »")
    assert "closed" not in text and "new" not in text.split()
    with pytest.raises(TransitionError, match="A case that is new cannot become closed"):
        check_transition(request)  # the command line never sets a language: English


def test_a_missing_note_is_asked_for_in_french():
    with window("fr"), pytest.raises(TransitionError, match="Indiquez pourquoi"):
        check_transition(TransitionRequest(Status.NEW, Status.REJECTED))


def test_text_checks_name_the_problem_in_french():
    with window("fr"), pytest.raises(TextError, match="ce champ est obligatoire"):
        clean_text("", "Note", required=True)
    with window("fr"), pytest.raises(TextError) as too_long:
        clean_text("x" * 1200, "Note")
    assert "1\u202f200 caractères" in str(too_long.value) or "1 200 caractères" in str(
        too_long.value
    )


def test_a_full_disk_is_said_in_the_window_language():
    error = OSError(errno.ENOSPC, "No space left on device")
    assert plain_message(error) == DISK_FULL
    with window("fr"):
        assert plain_message(error).startswith("Le disque est plein : rien n'a été enregistré.")
        assert is_disk_full(error)
