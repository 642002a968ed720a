"""What menus and case actions call: build a document off the GUI thread, then preview it.

The documents gather their facts through services (``services.documents``,
``services.dispute_facts``); nothing here reads the store on the GUI thread (the
dispute pack's default language, the shop's, is read through ``read_op``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.ui.messages import show_error, show_warning
from returnsdesk.ui.operations import read_op
from returnsdesk.ui.tasks import run_task

#: What a build returns: the PDF, the preview's title, the suggested file name, and
#: anything ``after`` needs (the dispute pack's warnings).
Built = tuple[Any, ...]


class DocumentJob(QObject):
    """A document being made on a worker: ``finished`` when done, then ``preview`` is the
    dialog showing it (None when making it failed or the person cancelled)."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.preview: QDialog | None = None


def _show(
    parent: QWidget | None,
    build: Callable[[], Built],
    make_preview: Callable[[bytes, str, str], QDialog] | None = None,
    after: Callable[..., None] | None = None,
    handle: DocumentJob | None = None,
) -> DocumentJob:
    """Run ``build`` on a worker; open the preview (``make_preview``'s, or the plain one)
    on success, then call ``after`` with everything ``build`` returned. A refusal or a
    failure is shown by ``ui.messages.show_error``."""
    from returnsdesk.ui.documents.preview import DocumentPreview

    made = handle or DocumentJob()

    def on_success(result: Built) -> None:
        pdf, title, name = result[:3]
        if after is not None:
            after(*result)
        if make_preview is not None:
            preview = make_preview(pdf, title, name)
        else:
            preview = DocumentPreview(pdf, title, name, parent)
        preview.setModal(False)
        preview.show()
        made.preview = preview  # for callers and tests

    def on_error(exc: Exception) -> None:
        show_error(parent, t("Document"), exc)

    job = run_task(lambda _job: build(), on_success, on_error)
    job.finished.connect(made.finished)  # after on_success: the preview is set by then
    return made


def _evidence_dir() -> Path:
    from returnsdesk import session

    return session.current().evidence_dir


def open_instructions(
    parent: QWidget | None,
    case_id: int,
    lang: str | None = None,
    paper: str | None = None,
    label_page: str | None = None,
) -> DocumentJob:
    """Build the instructions (with the case's label) and preview them; the preview lets
    the user switch between A4 and Letter, and print the label on a 4×6 in page."""
    from returnsdesk.ui.documents.instructions_preview import (
        InstructionsPreview,
        remembered_options,
    )

    remembered = remembered_options()
    chosen = (paper or remembered[0], label_page or remembered[1])

    def make(paper: str, label_page: str) -> bytes:
        from returnsdesk.formats.pdf.instructions import build_instructions

        return build_instructions(
            case_id, lang, evidence_dir=_evidence_dir(), paper=paper, label_page=label_page
        )

    def build() -> Built:
        from returnsdesk.services.documents.case_rows import case_rma

        rma = case_rma(case_id)
        return make(*chosen), rma, f"{rma}-instructions.pdf"

    def preview(pdf: bytes, title: str, name: str) -> InstructionsPreview:
        return InstructionsPreview(pdf, title, name, make, *chosen, parent)

    return _show(parent, build, preview)


def open_summary(parent: QWidget | None, start: date, end: date) -> DocumentJob:
    def build() -> Built:
        from returnsdesk.formats.pdf.summary import build_summary

        name = f"returns-summary-{start.isoformat()}-{end.isoformat()}.pdf"
        return build_summary(start, end), t("Returns summary"), name

    return _show(parent, build)


def ask_period_and_open_summary(parent: QWidget | None) -> DocumentJob | None:
    from returnsdesk.ui.documents.period_dialog import PeriodDialog

    dialog = PeriodDialog(parent)
    if dialog.exec() != PeriodDialog.DialogCode.Accepted:
        return None
    return open_summary(parent, *dialog.period())


def open_dispute_pack(parent: QWidget | None, case_id: int, lang: str | None = None) -> DocumentJob:
    """Make the pack in ``lang`` (asked for when not given, the shop's language, read off
    the GUI thread, offered first); warns when it is too big to upload to the payment
    processor. ``finished`` is emitted also when the person cancels the question."""
    handle = DocumentJob()
    if lang is not None:
        return _show_dispute_pack(parent, case_id, lang, handle)

    def ask(default: str) -> None:
        from returnsdesk.ui.documents.language_choice import ask_language

        chosen = ask_language(parent, default, t("Dispute pack"))
        if chosen is None:
            handle.finished.emit()
        else:
            _show_dispute_pack(parent, case_id, chosen, handle)

    def failed(error: Exception) -> None:
        show_error(parent, t("Dispute pack"), error)
        handle.finished.emit()

    read_op(parent, _shop_language, ask, on_error=failed)
    return handle


def _shop_language() -> str:
    from returnsdesk.services import settings

    return settings.shop_details().language


def _show_dispute_pack(
    parent: QWidget | None, case_id: int, lang: str, handle: DocumentJob
) -> DocumentJob:
    def build() -> Built:
        from returnsdesk.formats.pdf.dispute import make_dispute_pack
        from returnsdesk.services.documents.case_rows import case_rma

        rma = case_rma(case_id)
        pack = make_dispute_pack(case_id, _evidence_dir(), lang)
        return pack.data, rma, f"{rma}-dispute-evidence.pdf", pack.warnings

    def on_built(pdf: bytes, title: str, name: str, warnings: tuple[str, ...]) -> None:
        if warnings:  # advice, not a failure: the pack is made and shown
            show_warning(parent, t("Dispute pack"), "\n".join(warnings))

    return _show(parent, build, after=on_built, handle=handle)


def edit_shop_details(parent: QWidget | None) -> bool:
    from returnsdesk.ui.documents.shop_details_dialog import ShopDetailsDialog

    return ShopDetailsDialog(parent).exec() == ShopDetailsDialog.DialogCode.Accepted


__all__ = [
    "DocumentJob",
    "ask_period_and_open_summary",
    "edit_shop_details",
    "open_dispute_pack",
    "open_instructions",
    "open_summary",
]
