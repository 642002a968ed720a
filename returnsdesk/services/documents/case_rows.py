"""The case rows every document starts from, read with joins rather than lazy walks."""

from __future__ import annotations

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.store.models import Case


def case_rma(case_id: int) -> str:
    """The case's RMA number (what a document's title and file name show)."""
    row = Case.select(Case.rma).where(Case.id == case_id).tuples().first()
    if row is None:
        raise InputError(t("The case no longer exists."))
    return str(row[0])
