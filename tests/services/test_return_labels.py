"""Prepaid return labels on a case: stored like evidence, cost in the ledger, expiry a deadline."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from returnsdesk.cli import main
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.policy import DeadlineState
from returnsdesk.domain.return_labels import LABEL_EXPIRY, label_expiry_deadline
from returnsdesk.services.cases import transition
from returnsdesk.services.evidence import verify_store
from returnsdesk.services.evidence_files import stored_path
from returnsdesk.services.ledger import case_money, entries_of_case
from returnsdesk.services.return_labels import (
    current_label,
    label_deadline,
    remove_label,
    set_label,
)
from returnsdesk.store.models import Case, EvidenceFile, LedgerEntry
from tests.factories import make_case
from tests.label_files import make_label_image, make_label_pdf


def test_label_is_stored_by_hash_and_its_cost_posted(store, now, tmp_path):
    case = make_case(now)
    source = make_label_pdf(tmp_path / "colissimo.pdf")
    label = set_label(
        store.evidence_dir,
        case.id,
        source,
        carrier="Colissimo",
        tracking="8R00112233445",
        cost_minor=690,
        expires_on=date(2026, 6, 19),
        now=now,
    )
    assert label.path == stored_path(store.evidence_dir, label.sha256)
    assert label.path.read_bytes() == source.read_bytes()
    assert label.mime == "application/pdf" and label.cost_minor == 690
    entries = entries_of_case(case.id)
    assert [(e.kind, e.amount_minor, e.reference) for e in entries] == [
        ("return_label_cost", 690, "8R00112233445")
    ]
    assert case_money(case.id).paid_out == 690
    case = Case.get_by_id(case.id)
    assert (case.return_carrier, case.return_tracking) == ("Colissimo", "8R00112233445")
    # The same file twice is one stored file; a new label replaces the old one.
    set_label(store.evidence_dir, case.id, source, now=now)
    assert EvidenceFile.select().count() == 1
    assert current_label(case.id, store.evidence_dir).carrier == ""
    # A label file counts as used by the store (not "unreferenced").
    assert verify_store(store.evidence_dir).unreferenced == []


def test_bad_label_files_are_refused_and_nothing_is_stored(store, now, tmp_path):
    case = make_case(now)
    text = tmp_path / "label.pdf"
    text.write_text("not a pdf at all")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    fake_png = tmp_path / "label.png"
    fake_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    too_many = make_label_pdf(tmp_path / "many.pdf", pages=5)
    for path, message in (
        (text, "must be a PDF, PNG or JPEG"),
        (broken, "cannot be read"),
        (fake_png, "cannot be read"),
        (too_many, "1 to 4 pages"),
        (tmp_path / "missing.pdf", "no such file"),
    ):
        with pytest.raises(InputError, match=message):
            set_label(store.evidence_dir, case.id, path, cost_minor=500, now=now)
    assert LedgerEntry.select().count() == 0
    assert current_label(case.id, store.evidence_dir) is None
    assert not any(store.evidence_dir.glob("??/*"))
    with pytest.raises(InputError, match="more than zero"):
        set_label(store.evidence_dir, case.id, make_label_pdf(tmp_path / "ok.pdf"), cost_minor=0)


def test_a_jpeg_label_is_accepted(store, now, tmp_path):
    case = make_case(now)
    label = set_label(
        store.evidence_dir, case.id, make_label_image(tmp_path / "l.jpg", fmt="JPEG"), now=now
    )
    assert label.mime == "image/jpeg" and not label.is_pdf


def test_label_expiry_is_a_deadline_met_once_the_parcel_ships(store, now, tmp_path):
    case = make_case(now)
    set_label(
        store.evidence_dir,
        case.id,
        make_label_pdf(tmp_path / "l.pdf"),
        carrier="DHL",
        expires_on=date(2026, 6, 1),
        now=now,
    )
    deadline = label_deadline(Case.get_by_id(case.id), now)
    assert deadline.code == LABEL_EXPIRY and deadline.due == date(2026, 6, 1)
    assert not deadline.met and "DHL label expires on" in deadline.explanation
    assert "1 June 2026" in deadline.explanation and "1 juin 2026" in deadline.text("fr")
    transition(case.id, "approved", resolution="refund", now=now)
    for status in ("awaiting_return", "return_in_transit"):
        transition(case.id, status, now=now)
    assert label_deadline(Case.get_by_id(case.id), now).met
    remove_label(case.id, now=now)
    assert label_deadline(Case.get_by_id(case.id), now) is None
    assert LedgerEntry.select().count() == 0  # no cost was given, none was posted


def test_label_expiry_rule_alone():
    # The customer's deadline (hand the parcel over): open, then missed — never the
    # merchant's overdue work; met once the parcel is on its way.
    day = date(2026, 6, 1)
    assert label_expiry_deadline(None, "new", True, day) is None
    assert label_expiry_deadline(day, "awaiting_return", True, day).state == DeadlineState.OPEN
    late = label_expiry_deadline(day, "awaiting_return", True, date(2026, 6, 2))
    assert late.state == DeadlineState.MISSED and not late.pending
    shipped = label_expiry_deadline(day, "return_in_transit", True, date(2026, 6, 2))
    assert shipped.state == DeadlineState.MET
    closed = label_expiry_deadline(day, "awaiting_return", False, date(2026, 6, 2))
    assert closed.state == DeadlineState.NOT_NEEDED


def test_label_cli(tmp_path, now, capsys):
    from returnsdesk.session import close_session, open_session

    folder = tmp_path / "data"
    open_session(folder)
    case = make_case(now.replace(year=2026) - timedelta(days=1))
    rma = case.rma
    close_session()
    d = ["--data-dir", str(folder)]
    label = make_label_pdf(tmp_path / "label.pdf")
    args = ["label", "set", rma, str(label), "--carrier", "UPS", "--tracking", "1Z999"]
    assert main([*args, "--cost", "7.50", "--expires", "2026-12-31", *d]) == 0
    out = capsys.readouterr().out
    assert "cost: €7.50 (in the ledger)" in out and "expires: 2026-12-31" in out
    assert main(["label", "show", rma, *d]) == 0
    assert "carrier: UPS" in capsys.readouterr().out
    pdf = tmp_path / "i.pdf"
    assert main(["print", "instructions", rma, "--out", str(pdf), "--label-page", "4x6", *d]) == 0
    from pypdf import PdfReader

    last = PdfReader(pdf).pages[-1]
    assert (float(last.mediabox.width), float(last.mediabox.height)) == (288.0, 432.0)
    capsys.readouterr()
    assert main([*args, "--expires", "31/12/2026", *d]) == 1
    assert "--expires must be a date" in capsys.readouterr().err
    assert main([*args, "--cost", "abc", *d]) == 1
    assert "Not an amount" in capsys.readouterr().err
    assert main(["label", "set", "RMA-1999-00001", str(label), *d]) == 1
    # An expired label still prints, with a warning (the deadline shows it too).
    expired = ["label", "set", rma, str(label), "--expires", "2026-01-01", *d]
    assert main(expired) == 0
    capsys.readouterr()
    assert main(["print", "instructions", rma, "--out", str(pdf), *d]) == 0
    assert "label expired on 2026-01-01" in capsys.readouterr().err
    assert main(["label", "remove", rma, *d]) == 0
    assert main(["label", "show", rma, *d]) == 0
    assert "no label" in capsys.readouterr().out


def test_demo_store_has_labels_that_print_and_verify(demo_store, now):
    from pypdf import PdfReader

    from returnsdesk.formats.pdf.instructions import build_instructions
    from returnsdesk.store.models import ReturnLabel

    labels = list(ReturnLabel.select())
    assert labels and all(label.cost_entry_id for label in labels)
    pdf = build_instructions(labels[0].case_id, "en", now, evidence_dir=demo_store.evidence_dir)
    last = PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()
    assert labels[0].tracking in last and labels[0].carrier.upper() in last
    assert verify_store(demo_store.evidence_dir).ok
