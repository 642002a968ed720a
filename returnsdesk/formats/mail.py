"""Reading saved e-mails (``.eml``, and Outlook ``.msg``) into plain facts, safely.

Nothing in a message is ever executed, rendered or fetched: an HTML-only body is
turned into plain text by a parser that keeps text and drops scripts, styles and
remote references; headers in any encoding (RFC 2047, ISO-8859-1, UTF-8) are
decoded by Python's ``email`` package (``policy.default``) and undecodable bytes
become U+FFFD rather than an error. Quoted history (``>`` lines, "On … wrote:",
"-----Original Message-----") is split from the new text so the contact log can
fold it. Attachments come back as bytes with a safe file name; oversized ones
are listed as skipped instead of being loaded into the store.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol, TypeGuard

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.files import checked_size
from returnsdesk.domain.i18n import t
from returnsdesk.domain.mail import MailAttachment, ParsedMail

#: A saved e-mail bigger than this is refused (it would be read into memory).
MAX_MAIL_BYTES = 80 * 1024 * 1024
#: Attachments bigger than this are skipped (listed, not stored).
MAX_ATTACHMENT_BYTES = 40 * 1024 * 1024
MAX_ATTACHMENTS = 40
_BODY_MAX = 19_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_QUOTE_HEADER = re.compile(
    r"^(On .{3,200} wrote:|Le .{3,200} a écrit\s?:|-{2,}\s*Original Message\s*-{2,}|"
    r"-{2,}\s*Message d'origine\s*-{2,}|From: .+|De : .+)\s*$",
    re.IGNORECASE,
)


def clean_line(value: str, limit: int = 300) -> str:
    """One line of header text: no control characters or line breaks, bounded."""
    text = _CONTROL.sub("", str(value or "")).replace("\r", " ").replace("\n", " ")
    return " ".join(text.split())[:limit]


def clean_body(value: str) -> str:
    text = _CONTROL.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


class _TextExtractor(HTMLParser):
    """Text of an HTML document; script/style/head content and all markup dropped."""

    _SKIP = {"script", "style", "head", "title", "template", "noscript", "object", "iframe"}
    _BREAK = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
              "blockquote", "hr"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        if tag == "blockquote":
            self._quote_depth += 1
        if tag in self._BREAK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        if tag == "blockquote" and self._quote_depth:
            self._quote_depth -= 1
        if tag in self._BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        text = re.sub(r"\s+", " ", data)
        if not text:
            return
        at_line_start = not self.parts or self.parts[-1].endswith("\n")
        if self._quote_depth and at_line_start and text.strip():
            text = "> " * self._quote_depth + text.lstrip()
        self.parts.append(text)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML body (never rendered; links and images are not followed)."""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # malformed markup: fall back to stripping tags crudely
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def split_quoted(text: str) -> tuple[str, str]:
    """(new text, quoted history): history starts at the first quote header or ``>`` block."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _QUOTE_HEADER.match(stripped) and index > 0:
            return "\n".join(lines[:index]).strip(), "\n".join(lines[index:]).strip()
        if stripped.startswith(">"):
            rest = [raw.strip() for raw in lines[index:] if raw.strip()]
            # A quoted block at the end (the usual top-posted reply) is history.
            if rest and sum(1 for r in rest if r.startswith(">")) >= len(rest) * 0.6:
                return "\n".join(lines[:index]).strip(), "\n".join(lines[index:]).strip()
    return text.strip(), ""


def _safe_name(name: str | None, index: int, mime: str) -> str:
    text = clean_line(Path(str(name or "")).name, 120)
    text = text.replace("/", "_").replace("\\", "_").strip(". ")
    if not text:
        ext = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}.get(mime, "")
        text = f"attachment-{index}{ext}"
    return text


def _payload(part: MIMEPart) -> bytes:
    """The decoded bytes of a leaf part (a multipart has none)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _part_text(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        content = _payload(part).decode("utf-8", errors="replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    return str(content)


def _ids(value: object) -> list[str]:
    return re.findall(r"<[^<>\s]{1,400}>", str(value or ""))


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot decode is as good as missing
        return ""
    return "" if value is None else str(value)


def _addresses(message: EmailMessage, *names: str) -> list[tuple[str, str]]:
    found = []
    for name in names:
        try:
            values = message.get_all(name) or []
        except Exception:
            continue
        for display, raw in getaddresses([str(v) for v in values]):
            address = clean_line(raw, 254).lower()
            if "@" in address:
                found.append((clean_line(display, 200), address))
    return found


def _date(message: EmailMessage) -> datetime | None:
    raw = _header(message, "Date")
    if not raw:
        return None
    try:
        value = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if value is None:
        return None
    if value.tzinfo is None:  # "-0000": the zone is unknown; RFC 5322 says read it as UTC
        value = value.replace(tzinfo=UTC)
    return value


def parse_eml(data: bytes) -> ParsedMail:
    """Parse the bytes of an ``.eml`` file."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default gives these
        raise InputError(t("Not an e-mail message."))
    plain, html_part = _bodies(message)
    if plain is not None:
        text = _part_text(plain)
    elif html_part is not None:
        text = html_to_text(_part_text(html_part))
    elif message.get_content_maintype() == "text":
        text = _part_text(message)
    else:
        text = ""
    attachments, skipped = _eml_attachments(message, (plain, html_part))
    return _RawMail(
        message_id=(_ids(_header(message, "Message-ID")) or [""])[0],
        in_reply_to=(_ids(_header(message, "In-Reply-To")) or [""])[0],
        references=tuple(_ids(_header(message, "References"))),
        sender=_addresses(message, "From"),
        recipients=_addresses(message, "To", "Cc"),
        date=_date(message),
        subject=_header(message, "Subject"),
        text=text,
        attachments=attachments,
        skipped=skipped,
    ).parsed()


def _bodies(message: EmailMessage) -> tuple[MIMEPart | None, MIMEPart | None]:
    """The plain-text and the HTML body parts, each None when absent (or unreadable)."""
    plain = html_part = None
    try:
        plain = message.get_body(preferencelist=("plain",))
        html_part = message.get_body(preferencelist=("html",))
    except Exception:
        pass
    return plain, html_part


def _eml_attachments(
    message: EmailMessage, bodies: tuple[MIMEPart | None, ...]
) -> tuple[list[MailAttachment], list[str]]:
    """The attachments worth keeping, and why the others were skipped."""
    attachments: list[MailAttachment] = []
    skipped: list[str] = []
    body_parts = {id(p) for p in bodies if p is not None}
    for index, part in enumerate(message.walk(), start=1):
        if part.is_multipart() or id(part) in body_parts:
            continue
        disposition = part.get_content_disposition()
        if disposition not in ("attachment", "inline") and part.get_content_maintype() == "text":
            continue
        if disposition is None and not part.get_filename():
            continue
        mime = part.get_content_type()
        try:
            name = _safe_name(part.get_filename(), index, mime)
        except Exception:
            name = _safe_name(None, index, mime)
        payload = _payload(part)
        if not payload:
            skipped.append(f"{name}: empty")
            continue
        if len(payload) > MAX_ATTACHMENT_BYTES:
            skipped.append(f"{name}: {len(payload) / 1e6:,.0f} MB, too big to store from a mail")
            continue
        if len(attachments) >= MAX_ATTACHMENTS:
            skipped.append(f"{name}: more than {MAX_ATTACHMENTS} attachments")
            continue
        attachments.append(MailAttachment(name, payload))
    return attachments, skipped


@dataclass(frozen=True, slots=True)
class _RawMail:
    """A message's fields as read from the file, before they are cleaned and bounded."""

    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    #: (display name, address) pairs.
    sender: Sequence[tuple[str, str]]
    recipients: Sequence[tuple[str, str]]
    date: datetime | None
    subject: str
    text: str
    attachments: Sequence[MailAttachment]
    skipped: Sequence[str]

    def parsed(self) -> ParsedMail:
        body, quoted = split_quoted(clean_body(self.text))
        if len(body) > _BODY_MAX:
            body = body[:_BODY_MAX] + "\n[…]"
        if len(quoted) > _BODY_MAX:
            quoted = quoted[:_BODY_MAX] + "\n[…]"
        name, address = next(((n, a) for n, a in self.sender if "@" in a), ("", ""))
        return ParsedMail(
            message_id=clean_line(self.message_id, 500),
            in_reply_to=clean_line(self.in_reply_to, 500),
            references=tuple(clean_line(r, 500) for r in self.references[-20:]),
            from_address=clean_line(address, 254).lower(),
            from_name=clean_line(name, 200),
            to_addresses=tuple(clean_line(a, 254).lower() for _, a in self.recipients if "@" in a),
            date=self.date,
            subject=clean_line(self.subject),
            body=body,
            quoted=quoted,
            attachments=tuple(self.attachments),
            skipped=tuple(self.skipped),
        )


class _OutlookAttachment(Protocol):
    """What this module reads of an extract-msg attachment."""

    @property
    def name(self) -> str | None: ...

    @property
    def data(self) -> object: ...


class _OutlookHeaders(Protocol):
    def get(self, name: str, default: str, /) -> object: ...


class _OutlookMail(Protocol):
    """What this module reads of an extract-msg mail item (its ``MessageBase``)."""

    @property
    def body(self) -> str | None: ...

    @property
    def htmlBody(self) -> bytes | None: ...

    @property
    def date(self) -> datetime | None: ...

    @property
    def messageId(self) -> str | None: ...

    @property
    def inReplyTo(self) -> str | None: ...

    @property
    def header(self) -> _OutlookHeaders: ...

    @property
    def sender(self) -> str | None: ...

    @property
    def to(self) -> str | None: ...

    @property
    def cc(self) -> str | None: ...

    @property
    def subject(self) -> str | None: ...

    @property
    def attachments(self) -> Sequence[_OutlookAttachment]: ...


_OUTLOOK_MAIL_FIELDS = ("body", "htmlBody", "date", "messageId", "inReplyTo", "header")


def _is_outlook_mail(item: object) -> TypeGuard[_OutlookMail]:
    """A mail item (extract-msg's ``MessageBase``), not a bare ``MSGFile``. Asked of the
    class: its properties are read (and parsed) only when used."""
    return all(hasattr(type(item), field) for field in _OUTLOOK_MAIL_FIELDS)


def parse_msg(path: Path) -> ParsedMail:
    """Parse an Outlook ``.msg`` file with the ``extract-msg`` package."""
    try:
        import extract_msg
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(t("Outlook .msg files need the extract-msg package.")) from None
    try:
        message = extract_msg.openMsg(str(path))
    except Exception as exc:
        raise InputError(
            t("{name}: not a readable Outlook message ({exc}).", name=path.name, exc=exc)
        ) from None
    try:
        if not _is_outlook_mail(message):  # a bare item extract-msg could not classify
            raise TypeError(f"a {type(message).__name__}, not a mail item")
        return _outlook_raw(message).parsed()
    except InputError:
        raise
    except Exception as exc:  # a calendar item, a contact card, a damaged property stream
        raise InputError(
            t("{name}: not an Outlook e-mail that can be read ({exc}).", name=path.name, exc=exc)
        ) from None
    finally:
        message.close()


def _outlook_raw(message: _OutlookMail) -> _RawMail:
    text = message.body or ""
    if not text.strip() and message.htmlBody:
        raw = message.htmlBody
        text = html_to_text(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)
    attachments: list[MailAttachment] = []
    skipped: list[str] = []
    for index, item in enumerate(message.attachments, start=1):
        data = getattr(item, "data", None)
        name = _safe_name(getattr(item, "longFilename", None) or item.name, index, "")
        if not isinstance(data, bytes) or not data:
            skipped.append(f"{name}: not a file")
        elif len(data) > MAX_ATTACHMENT_BYTES:
            skipped.append(f"{name}: {len(data) / 1e6:,.0f} MB, too big to store from a mail")
        elif len(attachments) < MAX_ATTACHMENTS:
            attachments.append(MailAttachment(name, data))
    date = message.date
    if isinstance(date, datetime) and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return _RawMail(
        message_id=(_ids(message.messageId) or [""])[0],
        in_reply_to=(_ids(message.inReplyTo) or [""])[0],
        references=tuple(_ids(message.header.get("References", ""))),
        sender=getaddresses([message.sender or ""]),
        recipients=getaddresses([message.to or "", message.cc or ""]),
        date=date if isinstance(date, datetime) else None,
        subject=message.subject or "",
        text=text,
        attachments=attachments,
        skipped=skipped,
    )


def read_mail(path: Path | str) -> ParsedMail:
    """Parse a saved e-mail file (``.msg`` by its name, anything else as ``.eml``)."""
    path = Path(path)
    checked_size(path, MAX_MAIL_BYTES, "one e-mail")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if path.suffix.lower() == ".msg" or head.startswith(b"\xd0\xcf\x11\xe0"):
        return parse_msg(path)
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(t("{name}: not an e-mail file (binary content).", name=path.name))
    try:
        parsed = parse_eml(data)
    except InputError:
        raise
    except Exception as exc:  # fuzzed files never got here; a safety net, not a path
        raise InputError(
            t("{name}: cannot be read as an e-mail ({exc}).", name=path.name, exc=exc)
        ) from None
    if not (parsed.from_address or parsed.subject or parsed.message_id):
        raise InputError(
            t("{name}: not an e-mail file (no sender, subject or Message-ID).", name=path.name)
        )
    return parsed
