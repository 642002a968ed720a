"""RMA numbers: ``RMA-<year>-<sequence>``, sequence zero-padded to five digits.

The sequence per year comes from the store and is never reused; past 99,999
cases in one year the number simply grows a digit.
"""

from __future__ import annotations

import re

_PATTERN = re.compile(r"^RMA-(\d{4})-(\d{5,})$")


def format_rma(year: int, sequence: int) -> str:
    if sequence < 1:
        raise ValueError("RMA sequence numbers start at 1.")
    return f"RMA-{year:04d}-{sequence:05d}"


def parse_rma(text: str) -> tuple[int, int]:
    """Return (year, sequence) of a well-formed RMA number, else raise ValueError."""
    match = _PATTERN.match(text.strip().upper())
    if not match:
        raise ValueError(f"Not an RMA number: {text!r} (expected e.g. RMA-2026-00042).")
    return int(match.group(1)), int(match.group(2))
