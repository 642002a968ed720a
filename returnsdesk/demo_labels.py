"""Sample prepaid labels and return addresses for the demo store (see ``demo``).

A few open returns get a carrier label (a real 4×6 in PDF, stored by hash like any
evidence) with its cost in the ledger and an expiry date; one goes to a saved
return centre, and one refund is settled without a return.
"""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta
from pathlib import Path

from returnsdesk.services.evidence_files import store_bytes
from returnsdesk.store.models import to_stamp

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


def add_return_extras(db, evidence_dir: Path, now: datetime, rng: random.Random) -> None:
    """Labels on a few open returns, a saved address, and a keep-the-item refund."""
    shop_address = "Maison Lumière – Retours, 14 rue des Lilas, 69003 Lyon, France"
    cursor = db.cursor()
    cursor.execute(
        "INSERT INTO saved_address (name, address, notes, created_at) VALUES (?, ?, ?, ?)",
        (
            "Retours Europe – Köln",
            "Returnly GmbH, Hafenstraße 3, 50667 Köln, Germany",
            "Consolidated EU returns; collected weekly.",
            to_stamp(now - timedelta(days=200)),
        ),
    )
    hub_id = cursor.lastrowid
    rows = cursor.execute(
        "SELECT id, rma, currency FROM \"case\" WHERE kind IN ('return', 'exchange') "
        "AND status IN ('approved', 'awaiting_return', 'return_in_transit', 'awaiting_supplier') "
        "ORDER BY status IN ('approved', 'awaiting_return') DESC, id LIMIT 4"
    ).fetchall()
    for index, (case_id, rma, currency) in enumerate(rows):
        if index == 3:
            cursor.execute(
                "INSERT INTO case_return_address (case_id, choice, saved_address_id, chosen_at) "
                "VALUES (?, 'saved', ?, ?)",
                (case_id, hub_id, to_stamp(now - timedelta(days=1))),
            )
            continue
        carrier, prefix = CARRIERS[index % len(CARRIERS)]
        tracking = f"{prefix}{rng.randrange(10**10, 10**11)}"
        data = label_pdf(carrier, tracking, rma, shop_address)
        sha, _ = store_bytes(evidence_dir, data)
        cursor.execute(
            "INSERT OR IGNORE INTO evidence_file (sha256, size, mime) "
            "VALUES (?, ?, 'application/pdf')",
            (sha, len(data)),
        )
        file_id = cursor.execute(
            "SELECT id FROM evidence_file WHERE sha256 = ?", (sha,)
        ).fetchone()[0]
        added = now - timedelta(days=2, hours=index)
        cost = rng.choice([590, 690, 845, 1250])
        cursor.execute(
            "INSERT INTO ledger_entry (case_id, entry_date, kind, amount_minor, currency, "
            "reference, memo, created_at) VALUES (?, ?, 'return_label_cost', ?, ?, ?, ?, ?)",
            (
                case_id,
                added.date().isoformat(),
                cost,
                currency,
                tracking,
                f"Prepaid return label {carrier.lower()}-{rma}.pdf",
                to_stamp(added),
            ),
        )
        entry_id = cursor.lastrowid
        cursor.execute(
            "INSERT INTO return_label (case_id, file_id, original_name, carrier, tracking, "
            "cost_entry_id, expires_on, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case_id,
                file_id,
                f"{carrier.lower().replace(' ', '-')}-{rma}.pdf",
                carrier,
                tracking,
                entry_id,
                (added + timedelta(days=21)).date().isoformat(),
                to_stamp(added),
            ),
        )
        cursor.execute(
            'UPDATE "case" SET return_carrier = ?, return_tracking = ? WHERE id = ?',
            (carrier, tracking, case_id),
        )
        cursor.execute(
            "INSERT INTO case_event (case_id, at, kind, text) VALUES (?, ?, 'evidence', ?)",
            (case_id, to_stamp(added), f"Prepaid return label attached ({carrier}, {tracking})."),
        )
