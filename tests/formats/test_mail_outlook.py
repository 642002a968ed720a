"""Outlook ``.msg`` items through ``formats.mail``: only mail items are read, and only the
properties a mail needs (extract-msg parses each property when it is first read)."""

from __future__ import annotations

import sys
import types
from datetime import UTC, datetime

import pytest

from returnsdesk.domain.errors import InputError
from returnsdesk.formats.mail import read_mail


class _Mail:
    subject = "RMA-2026-00001"
    sender = "Amy <amy@supplier.example>"
    to = "shop@example.com"
    cc = None
    date = datetime(2026, 5, 18, 10, 0, tzinfo=UTC)
    messageId = "<m1@outlook>"
    inReplyTo = None
    header = {"References": ""}
    attachments = ()
    body = "Refund sent."

    @property
    def htmlBody(self):
        raise ValueError("broken HTML stream")

    def close(self):
        self.closed = True


class _BareItem:
    """What extract-msg returns for an item it cannot classify: no mail properties."""

    def close(self):
        pass


@pytest.fixture
def msg_file(tmp_path, monkeypatch):
    fake = types.ModuleType("extract_msg")
    monkeypatch.setitem(sys.modules, "extract_msg", fake)
    path = tmp_path / "item.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    return fake, path


def test_a_mail_with_a_text_body_never_reads_its_html(msg_file):
    fake, path = msg_file
    fake.openMsg = lambda name: _Mail()
    mail = read_mail(path)
    assert mail.body == "Refund sent."
    assert (mail.from_address, mail.to_addresses) == ("amy@supplier.example", ("shop@example.com",))
    assert (mail.message_id, mail.in_reply_to, mail.references) == ("<m1@outlook>", "", ())


def test_an_item_that_is_not_a_mail_is_refused_naming_what_it_is(msg_file):
    fake, path = msg_file
    fake.openMsg = lambda name: _BareItem()
    with pytest.raises(InputError, match=r"not an Outlook e-mail .*_BareItem, not a mail item"):
        read_mail(path)
