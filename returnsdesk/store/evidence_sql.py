"""Indexes behind the evidence gallery: the newest links are read from an index in order,
so the all-cases gallery stops after the items it shows instead of sorting every link."""

from __future__ import annotations

INDEXES = """
CREATE INDEX IF NOT EXISTS evidence_added ON evidence(added_at);
"""
