"""Helpers for the files ``formats`` writes."""

from __future__ import annotations


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would take for a formula is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
