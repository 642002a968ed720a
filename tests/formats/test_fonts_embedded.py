"""Every font of every printed document is embedded (PDF/A asks for it; processors that
want PDF/A refuse a file naming an unembedded Helvetica, the canvas default)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from returnsdesk.domain.workflow import Kind
from returnsdesk.formats.pdf.dispute import build_dispute_pack
from returnsdesk.formats.pdf.instructions import build_instructions
from returnsdesk.formats.pdf.summary import build_summary
from returnsdesk.store.models import Case

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _unembedded_fonts(pdf: bytes) -> set[str]:
    missing: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_document_names_an_unembedded_font(demo_store, lang):
    case = Case.select().where(Case.kind == Kind.RETURN).first()
    chargeback = Case.select().where(Case.kind == Kind.CHARGEBACK).first()
    documents = {
        "instructions": build_instructions(case.id, lang),
        "summary": build_summary(date(2026, 1, 1), date(2026, 12, 31), lang),
        "dispute": build_dispute_pack(chargeback.id, demo_store.evidence_dir, lang, NOW),
    }
    for name, pdf in documents.items():
        assert _unembedded_fonts(pdf) == set(), name
