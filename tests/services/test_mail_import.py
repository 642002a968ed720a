"""Saved e-mails into the contact log: .eml files written with Python's ``email`` package."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from returnsdesk.cli import main
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.mail import order_numbers, rma_numbers
from returnsdesk.formats import mail as mailfmt
from returnsdesk.formats.mail import html_to_text, read_mail, split_quoted
from returnsdesk.services import settings
from returnsdesk.services.contacts import ContactInput, Direction, log_contact, pending_replies
from returnsdesk.services.mail_import import import_mail
from returnsdesk.store.models import Case, Evidence, SupplierContact
from tests.factories import make_case, make_order, make_photo, make_supplier

SHOP = "bonjour@maison-lumiere.example"
SUPPLIER = "service@shenzhen-lights.example"
SENT_AT = datetime(2026, 5, 18, 9, 0, tzinfo=timezone(timedelta(hours=2)))


@pytest.fixture
def world(store, now):
    settings.save_shop_details(settings.ShopDetails(name="Maison Lumière", email=SHOP))
    supplier = make_supplier("Shenzhen Lights", email=SUPPLIER)
    case = make_case(now, order=make_order(supplier=supplier))
    return supplier, case


def _write(tmp_path, message: EmailMessage, name: str = "mail.eml"):
    path = tmp_path / name
    path.write_bytes(bytes(message))
    return path


def _mail(subject, body, sender=SUPPLIER, to=SHOP, when=SENT_AT, **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    for key, value in headers.items():
        message[key.replace("_", "-")] = value
    message.set_content(body)
    return message


def _import(store, path, **kw):
    return import_mail(
        store.evidence_dir, read_mail(path), now=datetime(2026, 5, 20, 9, 30, tzinfo=UTC), **kw
    )


def test_plain_mail_from_the_supplier_is_logged_on_the_case_it_names(world, store, tmp_path):
    supplier, case = world
    text = f"Hello,\n\nWe accept the claim {case.rma}. Refund tomorrow.\n\nBest"
    message = _mail(f"Re: claim {case.rma}", text, Message_ID="<a1@shenzhen.example>")
    result = _import(store, _write(tmp_path, message))
    assert (result.direction, result.rma, result.matched_by) == ("received", case.rma, "rma")
    contact = SupplierContact.get_by_id(result.contact_id)
    assert contact.subject == f"Re: claim {case.rma}"
    assert "Refund tomorrow." in contact.body
    assert contact.at == datetime(2026, 5, 18, 7, 0, tzinfo=UTC)  # 09:00 +02:00, kept exact
    assert contact.message_id == "<a1@shenzhen.example>"
    # The same message again is not logged twice.
    again = _import(store, _write(tmp_path, message, "again.eml"))
    assert again.duplicate and SupplierContact.select().count() == 1


def test_html_only_mail_becomes_plain_text_and_nothing_runs(world, store, tmp_path):
    supplier, case = world
    message = EmailMessage()
    message["From"] = f"Shenzhen Lights <{SUPPLIER}>"
    message["To"] = SHOP
    message["Subject"] = f"Order {case.order.number} update"
    message["Date"] = format_datetime(SENT_AT)
    message.set_content(
        "<html><head><title>t</title><style>p{color:red}</style>"
        "<script>alert('x');fetch('http://evil.example/')</script></head>"
        "<body><p>Dear partner,</p><p>Please send a <b>video</b> of the fault.</p>"
        '<img src="http://tracker.example/pixel.gif"><ul><li>one</li><li>two</li></ul>'
        "</body></html>",
        subtype="html",
    )
    result = _import(store, _write(tmp_path, message))
    assert result.matched_by == "order" and result.rma == case.rma
    body = SupplierContact.get_by_id(result.contact_id).body
    assert "Please send a video of the fault." in body
    assert "- one" in body and "- two" in body
    for bad in ("alert", "evil.example", "tracker.example", "color:red", "<"):
        assert bad not in body


def test_multipart_attachments_become_deduplicated_evidence(world, store, tmp_path):
    supplier, case = world
    photo = make_photo(tmp_path / "crack.jpg").read_bytes()
    message = _mail(f"Photos for {case.rma}", "See attached.", sender=SHOP, to=SUPPLIER)
    message.add_attachment(photo, maintype="image", subtype="jpeg", filename="crack.jpg")
    message.add_attachment(b"%PDF-1.4 receipt", maintype="application", subtype="pdf",
                           filename="../../etc/receipt.pdf")  # fmt: skip
    result = _import(store, _write(tmp_path, message))
    assert result.direction == "sent" and result.attached == 2
    items = list(Evidence.select().where(Evidence.case == case.id).order_by(Evidence.id))
    assert [i.original_name for i in items] == ["crack.jpg", "receipt.pdf"]
    assert {i.supplied_by for i in items} == {"merchant"}
    assert all(i.contact_id == result.contact_id for i in items)
    # Sent mail about a case awaits the supplier's reply.
    assert [p.contact.id for p in pending_replies(now=SENT_AT + timedelta(days=3))] == [
        result.contact_id
    ]
    # Another mail with the same photo does not attach it twice.
    second = _mail(f"Again {case.rma}", "Same photo.", Message_ID="<b2@x>")
    second.add_attachment(photo, maintype="image", subtype="jpeg", filename="IMG_0001.jpg")
    result = _import(store, _write(tmp_path, second, "second.eml"))
    assert (result.attached, result.already_attached) == (0, 1)
    assert Evidence.select().where(Evidence.case == case.id).count() == 2


def test_latin1_and_utf8_headers_and_bodies(world, store, tmp_path):
    supplier, case = world
    raw = (
        f"From: =?iso-8859-1?q?Service_apr=E8s-vente?= <{SUPPLIER}>\r\n"
        f"To: {SHOP}\r\n"
        f"Subject: =?iso-8859-1?q?R=E9clamation_{case.rma}_=E9cran_cass=E9?=\r\n"
        "Date: Mon, 18 May 2026 15:04:05 +0800\r\n"
        "Message-ID: <latin@x>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode("ascii") + "Nous avons reçu l'écran cassé. Remboursé.".encode("latin-1")
    path = tmp_path / "latin.eml"
    path.write_bytes(raw)
    result = _import(store, path)
    contact = SupplierContact.get_by_id(result.contact_id)
    assert contact.subject == f"Réclamation {case.rma} écran cassé"
    assert contact.body == "Nous avons reçu l'écran cassé. Remboursé."
    assert contact.at == datetime(2026, 5, 18, 7, 4, 5, tzinfo=UTC)

    message = _mail(f"回复: {case.rma} – écran 😀", "已退款 – remboursé ✓", Message_ID="<utf8@x>")
    result = _import(store, _write(tmp_path, message, "utf8.eml"))
    contact = SupplierContact.get_by_id(result.contact_id)
    assert contact.subject == f"回复: {case.rma} – écran 😀"
    assert contact.body == "已退款 – remboursé ✓"


def test_a_reply_with_in_reply_to_marks_the_claim_answered(world, store, tmp_path):
    supplier, case = world
    claim = _mail(f"Claim {case.rma}", "Please refund.", sender=SHOP, to=SUPPLIER,
                  Message_ID="<claim-1@maison-lumiere.example>")  # fmt: skip
    sent = _import(store, _write(tmp_path, claim, "claim.eml"))
    assert SupplierContact.get_by_id(sent.contact_id).awaiting_reply
    reply_text = (
        "We agree to refund.\n\nOn Mon, 18 May 2026 at 09:00, Maison Lumière wrote:\n"
        "> Please refund.\n> Thanks"
    )
    reply = _mail("Re: your message", reply_text, when=SENT_AT + timedelta(hours=5),
                  Message_ID="<r1@shenzhen.example>",
                  In_Reply_To="<claim-1@maison-lumiere.example>")  # fmt: skip
    result = _import(store, _write(tmp_path, reply, "reply.eml"))
    assert result.matched_by == "reply" and result.rma == case.rma  # no RMA in it
    claim_row = SupplierContact.get_by_id(sent.contact_id)
    assert claim_row.answered_at == (SENT_AT + timedelta(hours=5)).astimezone(UTC)
    logged = SupplierContact.get_by_id(result.contact_id)
    assert logged.body == "We agree to refund."
    assert logged.quoted.startswith("On Mon, 18 May 2026") and "> Please refund." in logged.quoted
    assert logged.in_reply_to == "<claim-1@maison-lumiere.example>"
    assert pending_replies(now=SENT_AT + timedelta(days=3)) == []


def test_supplier_reference_finds_the_case(world, store, tmp_path):
    supplier, case = world
    Case.update(supplier_reference="DSP-884213").where(Case.id == case.id).execute()
    result = _import(store, _write(tmp_path, _mail("Dispute DSP-884213 closed", "Refunded.")))
    assert (result.rma, result.matched_by) == (case.rma, "supplier reference")


def test_a_mail_dropped_on_a_supplier_without_a_case_is_logged_on_the_supplier(
    world, store, tmp_path
):
    supplier, case = world
    message = _mail("New catalogue", "Hello", Message_ID="<cat@x>")
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + b"0" * 100, maintype="image", subtype="png",
                           filename="cat.png")  # fmt: skip
    claim = log_contact(
        ContactInput(supplier.id, Direction.SENT, case_id=case.id, subject="Claim",
                     expects_reply=True, at=SENT_AT),
        now=SENT_AT,
    )  # fmt: skip
    result = _import(store, _write(tmp_path, message), supplier_id=supplier.id)
    assert result.rma == "" and result.attached == 0
    # A mail about nothing in particular does not answer the claim of a case.
    assert SupplierContact.get_by_id(claim.id).answered_at is None
    assert result.skipped == ("cat.png: no case to attach it to",)
    assert SupplierContact.get_by_id(result.contact_id).case_id is None


def test_hostile_and_unplaceable_mail_is_refused_or_defused(world, store, tmp_path, monkeypatch):
    supplier, case = world
    stranger = _mail("Hi", "no case here", sender="x@unknown.example", to="y@unknown.example")
    with pytest.raises(InputError, match="not to or from a known supplier"):
        _import(store, _write(tmp_path, stranger))
    future = _mail(f"{case.rma}", "from the future", when=datetime(2030, 1, 1, tzinfo=UTC))
    with pytest.raises(InputError, match="in the future"):
        _import(store, _write(tmp_path, future, "future.eml"))
    binary = tmp_path / "image.eml"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="not an e-mail"):
        read_mail(binary)
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_mail(empty)
    # A mail file over the size limit is refused before it is read.
    monkeypatch.setattr(mailfmt, "MAX_MAIL_BYTES", 100)
    with pytest.raises(InputError, match="too big for one e-mail"):
        read_mail(_write(tmp_path, _mail("x", "y" * 500), "huge.eml"))
    monkeypatch.undo()
    # A huge attachment is skipped (named), the mail itself is logged.
    monkeypatch.setattr(mailfmt, "MAX_ATTACHMENT_BYTES", 1000)
    big = _mail(f"{case.rma} video", "video attached", Message_ID="<big@x>")
    big.add_attachment(b"v" * 5000, maintype="video", subtype="mp4", filename="fault.mp4")
    result = _import(store, _write(tmp_path, big, "big.eml"))
    assert result.attached == 0 and "fault.mp4" in result.skipped[0]
    # An unknown charset and control characters do not break the import.
    raw = (
        f"From: {SUPPLIER}\r\nTo: {SHOP}\r\nSubject: {case.rma} \x07bell\r\n"
        "Date: Mon, 18 May 2026 10:00:00 +0000\r\nMessage-ID: <weird@x>\r\n"
        "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n"
    ).encode() + b"caf\xe9 \x1b[31m ok"
    weird = tmp_path / "weird.eml"
    weird.write_bytes(raw)
    result = _import(store, weird)
    contact = SupplierContact.get_by_id(result.contact_id)
    assert "ok" in contact.body and "\x1b" not in contact.body and "\x07" not in contact.subject


def test_helpers():
    assert rma_numbers("re: rma-2026-00042 and RMA-2026-00042", "RMA-2025-00001") == [
        "RMA-2026-00042",
        "RMA-2025-00001",
    ]
    assert order_numbers("Order #1042, also # 1043 and a#999") == ["#1042", "#1043"]
    assert split_quoted("New\n\n> old\n> older") == ("New", "> old\n> older")
    assert split_quoted("Top\n-----Original Message-----\nFrom: a") == (
        "Top",
        "-----Original Message-----\nFrom: a",
    )
    assert split_quoted("no quotes") == ("no quotes", "")
    assert html_to_text("<p>a &amp; b</p><script>x()</script><br>c") == "a & b\n\nc"


def test_mail_cli(world, store, tmp_path, capsys):
    supplier, case = world
    from returnsdesk.session import close_session

    folder = store.data_dir
    close_session()
    good = _write(tmp_path, _mail(f"About {case.rma}", "ok", Message_ID="<cli@x>"))
    bad = _write(tmp_path, _mail("?", "?", sender="a@b.example", to="c@d.example"), "bad.eml")
    d = ["--data-dir", str(folder)]
    assert main(["mail", "import", str(good), str(bad), *d]) == 1
    captured = capsys.readouterr()
    assert f"logged as received from Shenzhen Lights on {case.rma} (found by rma)" in captured.out
    assert "bad.eml: not imported" in captured.err
    assert main(["mail", "import", str(good), "--case", case.rma, *d]) == 0
    assert "already in the contact log" in capsys.readouterr().out
    assert main(["mail", "import", str(bad), "--case", case.rma, *d]) == 0
    assert main(["mail", "import", str(bad), "--supplier", "Nobody", *d]) == 1


def test_outlook_msg_fields_are_mapped(tmp_path, monkeypatch):
    """``.msg`` files go through extract-msg (checked by hand on its sample files); here a
    stand-in message checks how its fields become a ParsedMail."""
    import sys
    import types

    class Attachment:
        def __init__(self, name, data):
            self.longFilename, self.name, self.data = name, name, data

    class Message:
        subject = "Re: RMA-2026-00001 refund"
        sender = f"Amy <{SUPPLIER.upper()}>"
        to = SHOP
        cc = ""
        body = ""
        htmlBody = b"<p>Refund <b>sent</b>.</p><script>x()</script>"
        date = datetime(2026, 5, 18, 10, 0)  # naive, as extract-msg can return
        messageId = "<m1@outlook>"
        inReplyTo = "<claim@x>"
        header = {"References": "<a@x> <claim@x>"}
        attachments = [Attachment("photo.jpg", b"\xff\xd8\xff" + b"0" * 50), Attachment("x", None)]

        def close(self):
            pass

    fake = types.ModuleType("extract_msg")
    fake.openMsg = lambda path: Message()
    monkeypatch.setitem(sys.modules, "extract_msg", fake)
    path = tmp_path / "mail.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    mail = read_mail(path)
    assert mail.subject == "Re: RMA-2026-00001 refund"
    assert mail.from_address == SUPPLIER and mail.to_addresses == (SHOP,)
    assert mail.body == "Refund sent."
    assert mail.date == datetime(2026, 5, 18, 10, 0, tzinfo=UTC)
    assert (mail.message_id, mail.in_reply_to) == ("<m1@outlook>", "<claim@x>")
    assert [a.name for a in mail.attachments] == ["photo.jpg"]
    assert mail.skipped == ("x: not a file",)

    # An Outlook item that is not a mail (a contact card has no body) is refused clearly.
    class Card:
        def close(self):
            pass

    fake.openMsg = lambda path: Card()
    with pytest.raises(InputError, match="not an Outlook e-mail"):
        read_mail(path)
