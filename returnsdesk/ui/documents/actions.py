"""What menus and case actions call: build a document off the GUI thread, then preview it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox, QWidget

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.ui.tasks import Job, run_task


def _show(
    parent: QWidget | None,
    build: Callable[[], tuple],
    make_preview: Callable[[bytes, str, str], QWidget] | None = None,
    after: Callable[..., None] | None = None,
) -> Job:
    """Run ``build`` (returns pdf, title, file name[, extra]) on a worker; open the preview
    (``make_preview``'s, or the plain one) on success, then call ``after`` with everything
    ``build`` returned."""
    from returnsdesk.ui.documents.preview import DocumentPreview

    def on_success(result) -> None:
        pdf, title, name = result[:3]
        if after is not None:
            after(*result)
        if make_preview is not None:
            preview = make_preview(pdf, title, name)
        else:
            preview = DocumentPreview(pdf, title, name, parent)
        preview.setModal(False)
        preview.show()
        job.preview = preview  # for callers and tests

    def on_error(exc: Exception) -> None:
        text = (
            str(exc)
            if isinstance(exc, InputError)
            else t("The document could not be made: {error}", error=exc)
        )
        QMessageBox.warning(parent, t("Document"), text)

    job = run_task(lambda _job: build(), on_success, on_error)
    job.preview = None
    return job


def open_instructions(
    parent: QWidget | None,
    case_id: int,
    lang: str | None = None,
    paper: str | None = None,
    label_page: str | None = None,
) -> Job:
    """Build the instructions (with the case's label) and preview them; the preview lets
    the user switch between A4 and Letter, and print the label on a 4×6 in page."""
    from returnsdesk.ui.documents.instructions_preview import (
        InstructionsPreview,
        remembered_options,
    )

    remembered = remembered_options()
    chosen = (paper or remembered[0], label_page or remembered[1])

    def make(paper: str, label_page: str) -> bytes:
        from returnsdesk import session
        from returnsdesk.formats.pdf.instructions import build_instructions

        return build_instructions(
            case_id,
            lang,
            evidence_dir=session.current().evidence_dir,
            paper=paper,
            label_page=label_page,
        )

    def build():
        from returnsdesk.store.models import Case

        rma = Case.get_by_id(case_id).rma
        return make(*chosen), f"{rma}", f"{rma}-instructions.pdf"

    def preview(pdf: bytes, title: str, name: str) -> InstructionsPreview:
        return InstructionsPreview(pdf, title, name, make, *chosen, parent)

    return _show(parent, build, preview)


def open_summary(parent: QWidget | None, start: date, end: date) -> Job:
    def build():
        from returnsdesk.formats.pdf.summary import build_summary

        name = f"returns-summary-{start.isoformat()}-{end.isoformat()}.pdf"
        return build_summary(start, end), t("Returns summary"), name

    return _show(parent, build)


def ask_period_and_open_summary(parent: QWidget | None) -> Job | None:
    from returnsdesk.ui.documents.period_dialog import PeriodDialog

    dialog = PeriodDialog(parent)
    if dialog.exec() != PeriodDialog.DialogCode.Accepted:
        return None
    return open_summary(parent, *dialog.period())


def open_dispute_pack(parent: QWidget | None, case_id: int, lang: str | None = None) -> Job | None:
    """Make the pack in ``lang`` (asked for when not given); warns when it is too big to
    upload to the payment processor."""
    if lang is None:
        from returnsdesk.services import settings
        from returnsdesk.ui.documents.language_choice import ask_language

        lang = ask_language(parent, settings.shop_details().language, t("Dispute pack"))
        if lang is None:
            return None
    chosen = lang

    def build():
        from returnsdesk import session
        from returnsdesk.formats.pdf.dispute import make_dispute_pack
        from returnsdesk.store.models import Case

        rma = Case.get_by_id(case_id).rma
        pack = make_dispute_pack(case_id, session.current().evidence_dir, chosen)
        return pack.data, rma, f"{rma}-dispute-evidence.pdf", pack.warnings

    def on_built(pdf: bytes, title: str, name: str, warnings: tuple[str, ...]) -> None:
        if warnings:
            QMessageBox.warning(parent, t("Dispute pack"), "\n".join(warnings))

    return _show(parent, build, after=on_built)


def edit_shop_details(parent: QWidget | None) -> bool:
    from returnsdesk.ui.documents.shop_details_dialog import ShopDetailsDialog

    return ShopDetailsDialog(parent).exec() == ShopDetailsDialog.DialogCode.Accepted
