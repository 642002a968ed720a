"""Prepaid return labels: the file a carrier or label service issued, attached to a case.

The file is stored like evidence (copied into ``evidence/`` by SHA-256, never altered;
see ``services.evidence``) and must be a PDF, PNG or JPEG that really is one. A case
has at most one current label: setting a new one marks the old one replaced. Its
cost is posted to the ledger as a return label cost; its carrier and tracking number
become the case's return carrier and tracking; its expiry date is a case deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.files import checked_size
from returnsdesk.domain.i18n import t
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.policy import Deadline
from returnsdesk.domain.return_labels import (
    LABEL_MIMES,
    MAX_LABEL_BYTES,
    MAX_LABEL_PAGES,
    label_expiry_deadline,
)
from returnsdesk.domain.text import clean_text
from returnsdesk.domain.workflow import FINISHED, Status, status_label
from returnsdesk.services.clock import resolve
from returnsdesk.services.evidence import prepare_files, record_file
from returnsdesk.services.evidence_files import stored_path
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import Case, ReturnLabel
from returnsdesk.store.search import index_case


@dataclass(frozen=True)
class LabelView:
    id: int
    case_id: int
    original_name: str
    sha256: str
    mime: str
    path: Path
    carrier: str
    tracking: str
    cost_minor: int | None
    currency: str
    expires_on: date | None
    added_at: datetime

    @property
    def is_pdf(self) -> bool:
        return self.mime == "application/pdf"


def check_label_file(path: Path) -> str:
    """The label's type if ``path`` is a usable label file; refuses anything else."""
    path = Path(path)
    checked_size(path, MAX_LABEL_BYTES, "a label")
    from returnsdesk.services.evidence_files import sniff_mime

    with open(path, "rb") as handle:
        mime = sniff_mime(handle.read(64))
    if mime not in LABEL_MIMES:
        raise InputError(t("{name}: a label must be a PDF, PNG or JPEG file.", name=path.name))
    if mime == "application/pdf":
        _check_pdf(path)
    else:
        from returnsdesk.services.evidence import probe_image

        if probe_image(path, mime).width is None:
            raise InputError(
                t("{name}: the image cannot be read (damaged or too large).", name=path.name)
            )
    return mime


def _check_pdf(path: Path) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(t("{name}: the PDF is password-protected.", name=path.name))
        pages = len(reader.pages)
        boxes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages[:5]]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(
            t("{name}: the PDF cannot be read ({exc}).", name=path.name, exc=exc)
        ) from None
    if not 1 <= pages <= MAX_LABEL_PAGES:
        raise InputError(
            t(
                "{name}: a label PDF has 1 to {max_label_pages} pages; this one has {pages}.",
                name=path.name,
                max_label_pages=MAX_LABEL_PAGES,
                pages=pages,
            )
        )
    if any(not (10 <= w <= 14400 and 10 <= h <= 14400) for w, h in boxes):
        raise InputError(t("{name}: the PDF's page size is not a printable one.", name=path.name))


def _check_can_label(case_id: int) -> None:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError(t("The case no longer exists."))
    if Status(case.status) in FINISHED:
        raise InputError(
            t(
                "{rma} is {status}; reopen it to give it a label.",
                rma=case.rma,
                status=status_label(case.status).lower(),
            )
        )


def _post_cost(case: Case, cost_minor: int, tracking: str, name: str, now: datetime) -> int:
    """The label's cost in the ledger (inside the caller's transaction); the entry's id."""
    from returnsdesk.services.ledger import EntryInput, post_entry

    entry = post_entry(
        EntryInput(
            case_id=case.id,
            kind=LedgerKind.RETURN_LABEL_COST,
            amount_minor=cost_minor,
            currency=case.currency,
            reference=tracking,
            memo=f"Prepaid return label {name}",
        ),
        now=now,
    )
    return int(entry.id)


def _copy_tracking(case_id: int, carrier: str, tracking: str) -> Case:
    """The label's carrier and tracking become the case's return carrier and tracking."""
    case = Case.get_by_id(case_id)
    changed = []
    if carrier and case.return_carrier != carrier:
        case.return_carrier = carrier
        changed.append(Case.return_carrier)
    if tracking and case.return_tracking != tracking:
        case.return_tracking = tracking
        changed.append(Case.return_tracking)
    if changed:
        case.save(only=changed)
    return case


def set_label(
    evidence_dir: Path,
    case_id: int,
    source: Path | str,
    carrier: str = "",
    tracking: str = "",
    cost_minor: int | None = None,
    expires_on: date | None = None,
    now: datetime | None = None,
) -> LabelView:
    """Attach a label file to a case (replacing its current label) and post its cost."""
    now = resolve(now)
    source = Path(source)
    carrier = clean_text(carrier, "Carrier")
    tracking = clean_text(tracking, "Tracking number")
    if cost_minor is not None and cost_minor <= 0:
        raise InputError(t("The label cost must be more than zero (leave it out if it was free)."))
    _check_can_label(case_id)
    check_label_file(source)
    prepared = prepare_files(evidence_dir, [source])[0]
    name = prepared.original_name
    with write():
        file = record_file(prepared)
        entry_id = None
        if cost_minor is not None:
            entry_id = _post_cost(Case.get_by_id(case_id), cost_minor, tracking, name, now)
        ReturnLabel.update(replaced_at=now).where(
            (ReturnLabel.case == case_id) & ReturnLabel.replaced_at.is_null()
        ).execute()
        label = ReturnLabel.create(
            case=case_id,
            file=file,
            original_name=name,
            carrier=carrier,
            tracking=tracking,
            cost_entry=entry_id,
            expires_on=expires_on,
            added_at=now,
        )
        case = _copy_tracking(case_id, carrier, tracking)
        record_event(
            case,
            EventKind.EVIDENCE,
            "",
            now,
            code="label_attached",
            params={
                "name": name,
                "carrier": carrier,
                "tracking": tracking,
                "expires_on": expires_on.isoformat() if expires_on else "",
            },
        )
        index_case(case.id)
    return _view(ReturnLabel.get_by_id(label.id), evidence_dir)


def remove_label(case_id: int, now: datetime | None = None) -> None:
    """Take the current label off the case (its file and its cost entry stay)."""
    now = resolve(now)
    with write():
        label = _current_row(case_id)
        if label is None:
            return
        label.replaced_at = now
        label.save(only=[ReturnLabel.replaced_at])
        record_event(
            label.case,
            EventKind.EVIDENCE,
            "",
            now,
            code="label_removed",
            params={"name": label.original_name},
        )


def _current_row(case_id: int) -> ReturnLabel | None:
    row: ReturnLabel | None = (
        ReturnLabel.select()
        .where((ReturnLabel.case == case_id) & ReturnLabel.replaced_at.is_null())
        .order_by(ReturnLabel.id.desc())
        .first()
    )
    return row


def _view(row: ReturnLabel, evidence_dir: Path | None) -> LabelView:
    entry = row.cost_entry if row.cost_entry_id else None
    file = row.file
    folder = evidence_dir if evidence_dir is not None else Path()
    return LabelView(
        id=row.id,
        case_id=row.case_id,
        original_name=row.original_name,
        sha256=file.sha256,
        mime=file.mime,
        path=stored_path(folder, file.sha256),
        carrier=row.carrier,
        tracking=row.tracking,
        cost_minor=entry.amount_minor if entry else None,
        currency=entry.currency if entry else row.case.currency,
        expires_on=row.expires_on,
        added_at=row.added_at,
    )


def current_label(case_id: int, evidence_dir: Path) -> LabelView | None:
    """The case's current label (with the path of its stored file), or None."""
    row = _current_row(case_id)
    return _view(row, evidence_dir) if row is not None else None


def label_deadline(case: Case, now: datetime | None = None) -> Deadline | None:
    """The current label's expiry as a case deadline (None without a label or expiry)."""
    from returnsdesk.services.platform_checklist import shop_today

    row = _current_row(case.id)
    if row is None:
        return None
    return label_expiry_deadline(
        row.expires_on,
        case.status,
        Status(case.status) not in FINISHED,
        shop_today(now),
        row.carrier,
    )
