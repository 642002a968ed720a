"""A saved e-mail as plain facts (what ``formats.mail`` reads and ``services.mail_import``
logs), and how its addresses and text point at a case."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class MailAttachment:
    name: str
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    from_address: str
    from_name: str
    to_addresses: tuple[str, ...]
    #: Aware datetime from the Date header (its own zone kept), or None when absent/invalid.
    date: datetime | None
    subject: str
    body: str
    quoted: str
    attachments: tuple[MailAttachment, ...] = ()
    #: Attachments not taken, each with why ("photo.mov: 120 MB, too big").
    skipped: tuple[str, ...] = field(default_factory=tuple)

    @property
    def all_ids(self) -> tuple[str, ...]:
        """Message-IDs this mail answers (In-Reply-To first, then References, newest first)."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids += [r for r in reversed(self.references) if r not in ids]
        return tuple(ids)


RMA_PATTERN = re.compile(r"\bRMA-\d{4}-\d{5}\b", re.IGNORECASE)
ORDER_PATTERN = re.compile(r"(?<![\w#])#\s?(\d{3,12})\b")


def rma_numbers(*texts: str) -> list[str]:
    """RMA numbers mentioned in the texts, first mention first, upper-cased, no repeats."""
    found: list[str] = []
    for text in texts:
        for match in RMA_PATTERN.findall(text or ""):
            rma = match.upper()
            if rma not in found:
                found.append(rma)
    return found


def order_numbers(*texts: str) -> list[str]:
    """Store order numbers like ``#1042`` mentioned in the texts, as ``#1042``."""
    found: list[str] = []
    for text in texts:
        for digits in ORDER_PATTERN.findall(text or ""):
            number = f"#{digits}"
            if number not in found:
                found.append(number)
    return found
