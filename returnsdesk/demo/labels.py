"""Sample prepaid labels and return addresses for the demo store (see ``demo.insight``).

A few open returns get a carrier label (a real 4×6 in PDF, stored by hash like any
evidence) with its cost in the ledger and an expiry date; one goes to a saved
return centre, and one refund is settled without a return.
"""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from returnsdesk.services.evidence_files import store_bytes
from returnsdesk.store import demo_extras_sql
from returnsdesk.store.models import to_stamp

_SHOP_ADDRESS = "Maison Lumière – Retours, 14 rue des Lilas, 69003 Lyon, France"
CARRIERS = [("Colissimo", "8R"), ("DHL", "JD"), ("UPS", "1Z"), ("La Poste", "6A")]


def label_pdf(carrier: str, tracking: str, rma: str, address: str) -> bytes:
    """A 4×6 in carrier-style label: carrier, barcode, tracking, sender reference, address."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import inch
    from reportlab.pdfgen import canvas

    from returnsdesk.formats.pdf.common import FONT, FONT_BOLD, register_fonts

    register_fonts()  # carriers' labels embed their fonts; so does this sample
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(4 * inch, 6 * inch), initialFontName=FONT)
    c.setLineWidth(1.5)
    c.rect(6, 6, 4 * inch - 12, 6 * inch - 12)
    c.setFont(FONT_BOLD, 20)
    c.drawString(16, 6 * inch - 40, carrier.upper())
    c.setFont(FONT, 9)
    c.drawString(16, 6 * inch - 56, "PREPAID RETURN · RETOUR PRÉPAYÉ")
    c.line(6, 6 * inch - 66, 4 * inch - 6, 6 * inch - 66)
    c.setFont(FONT_BOLD, 11)
    c.drawString(16, 6 * inch - 86, "TO / DESTINATAIRE")
    c.setFont(FONT, 11)
    for i, line in enumerate(address.split(", ")[:5]):
        c.drawString(16, 6 * inch - 102 - 14 * i, line)
    code128.Code128(tracking, barHeight=70, barWidth=1.1).drawOn(c, 14, 110)
    c.setFont(FONT_BOLD, 12)
    c.drawCentredString(2 * inch, 92, tracking)
    c.setFont(FONT, 9)
    c.drawString(16, 40, f"Ref. {rma}")
    c.showPage()
    c.save()
    return buffer.getvalue()


def add_return_extras(db: Any, evidence_dir: Path, now: datetime, rng: random.Random) -> None:
    """Labels on a few open returns, a saved address, and a keep-the-item refund."""
    hub_id = demo_extras_sql.insert_saved_address(
        db,
        "Retours Europe – Köln",
        "Returnly GmbH, Hafenstraße 3, 50667 Köln, Germany",
        "Consolidated EU returns; collected weekly.",
        to_stamp(now - timedelta(days=200)),
    )
    for index, (case_id, rma, currency) in enumerate(demo_extras_sql.returns_for_labels(db, 4)):
        if index == 3:
            chosen_at = to_stamp(now - timedelta(days=1))
            demo_extras_sql.choose_saved_address(db, case_id, hub_id, chosen_at)
            continue
        _label(db, evidence_dir, now, rng, index, (case_id, rma, currency))


def _label(
    db: Any,
    evidence_dir: Path,
    now: datetime,
    rng: random.Random,
    index: int,
    case: tuple[int, str, str],
) -> None:
    """A carrier label (a real PDF, stored by hash) on the case, with its cost."""
    case_id, rma, currency = case
    carrier, prefix = CARRIERS[index % len(CARRIERS)]
    tracking = f"{prefix}{rng.randrange(10**10, 10**11)}"
    data = label_pdf(carrier, tracking, rma, _SHOP_ADDRESS)
    sha, _ = store_bytes(evidence_dir, data)
    file_id = demo_extras_sql.evidence_file_id(db, sha, len(data), "application/pdf")
    added = now - timedelta(days=2, hours=index)
    cost = rng.choice([590, 690, 845, 1250])
    demo_extras_sql.add_label(
        db,
        {
            "case_id": case_id,
            "file_id": file_id,
            "original_name": f"{carrier.lower().replace(' ', '-')}-{rma}.pdf",
            "carrier": carrier,
            "tracking": tracking,
            "expires_on": (added + timedelta(days=21)).date().isoformat(),
            "added_at": to_stamp(added),
        },
        {
            "entry_date": added.date().isoformat(),
            "amount_minor": cost,
            "currency": currency,
            "memo": f"Prepaid return label {carrier.lower()}-{rma}.pdf",
        },
        f"Prepaid return label attached ({carrier}, {tracking}).",
    )
