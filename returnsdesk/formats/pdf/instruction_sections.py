"""The sections of the return-instructions sheet, top to bottom, each a list of flowables.

``Sheet`` carries what every section needs: the facts, the styles and the vertical gap
factor (Letter is 18 mm shorter than A4: tighter gaps keep the slip on the first page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus.flowables import TopPadder

from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf import common as c
from returnsdesk.formats.pdf.codes import CutLine, barcode_drawing, rma_codes
from returnsdesk.services.documents.instruction_facts import InstructionsFacts

#: Days the shop takes to settle once the parcel is back (refund within 14 days of
#: withdrawal: Directive 2011/83/EU art. 13(1)).
REFUND_DAYS = 14

Story = list[Any]


@dataclass(frozen=True, slots=True)
class Sheet:
    facts: InstructionsFacts
    st: dict[str, Any]
    gap: float

    def t(self, key: str, **values: object) -> str:
        return cat.text(key, self.facts.lang, **values)

    def day(self, value: Any) -> str:
        return cat.date_text(value, self.facts.lang)

    def bullets(self, texts: list[str]) -> Story:
        style = self.st["bullet"].clone("b", bulletText="•")
        return [c.M(c.esc(text), style) for text in texts]


def sheet_styles() -> dict[str, Any]:
    """The common styles, a little tighter for a one-page sheet."""
    st = c.styles()
    st["body"] = st["body"].clone("body_i", fontSize=9, leading=12)
    st["bullet"] = st["bullet"].clone("bullet_i", fontSize=9, leading=12)
    st["h2"] = st["h2"].clone("h2k", keepWithNext=1, spaceBefore=5, spaceAfter=2)
    return st


def _style(commands: list[tuple[Any, ...]]) -> TableStyle:
    return TableStyle(commands)


def header(s: Sheet) -> Story:
    """Logo and shop on the left, title and issue date on the right."""
    f, st = s.facts, s.st
    shop_lines = [f"<b>{c.esc(f.shop.name)}</b>"]
    for value in (f.shop.address, f.shop.email, f.shop.phone, f.shop.website):
        if value.strip():
            shop_lines.append(c.esc(value.strip()))
    shop_block = c.M("<br/>".join(shop_lines), st["small"])
    logo = c.logo_flowable(f.shop.logo_path, 34 * mm, 17 * mm)
    title_block = [
        c.P(s.t("instr.title"), st["title"].clone("title_r", alignment=2, fontSize=18)),
        c.P(
            s.t("instr.issued", date=s.day(f.issued_on)),
            st["small"].clone("small_r", alignment=2),
        ),
    ]
    if logo:
        cells = [[logo, shop_block, title_block]]
        widths = [38 * mm, c.CONTENT_WIDTH * 0.5 - 38 * mm, c.CONTENT_WIDTH * 0.5]
    else:
        cells = [[shop_block, title_block]]
        widths = [c.CONTENT_WIDTH * 0.5] * 2
    table = Table(cells, colWidths=widths)
    table.setStyle(c.header_style())
    return [table, Spacer(1, 5 * mm * s.gap)]


def rma_box(s: Sheet) -> Story:
    """The RMA number in large type, its Code 128 and QR code."""
    st = s.st
    barcode, qr = rma_codes(s.facts.rma)
    rma_style = st["title"].clone("rma", fontSize=22, leading=26, textColor=c.INK)
    rma_cell = [
        c.P(s.t("instr.rma_label"), st["cell_head"]),
        Spacer(1, 1.5 * mm),
        c.P(s.facts.rma, rma_style),
        Spacer(1, 1 * mm),
        c.P(s.t("instr.rma_write"), st["small"]),
    ]
    box = Table(
        [[rma_cell, barcode, qr]],
        colWidths=[c.CONTENT_WIDTH - 56 * mm - 28 * mm, 56 * mm, 28 * mm],
    )
    box.setStyle(
        _style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), c.ACCENT_LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.8, c.ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (-1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (0, 0), 5 * mm),
                ("LEFTPADDING", (1, 0), (-1, 0), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return [box, Spacer(1, 4 * mm * s.gap)]


def greeting(s: Sheet) -> Story:
    f, st = s.facts, s.st
    return [
        c.P(s.t("instr.hello", name=f.customer_name), st["body"]),
        c.P(s.t("instr.intro" if f.needs_parcel else "instr.keep_intro"), st["body"]),
        Spacer(1, 3 * mm * s.gap),
    ]


def parties(s: Sheet) -> Story:
    """The customer and the order side by side."""
    f, st, lang = s.facts, s.st, s.facts.lang
    cust = [f"<b>{c.esc(s.t('customer'))}</b>", c.esc(f.customer_name)]
    if f.customer_address:
        cust.append(c.esc(f.customer_address))
    if f.customer_email:
        cust.append(c.esc(f.customer_email))
    delivered = s.day(f.delivered_on) if f.delivered_on else s.t("not_delivered")
    order = [
        f"<b>{c.esc(s.t('order'))}</b>",
        c.esc(cat.label_value(s.t("order_number"), f.order_number, lang)),
        c.esc(cat.label_value(s.t("placed_on"), s.day(f.placed_on), lang)),
        c.esc(cat.label_value(s.t("delivered_on"), delivered, lang)),
    ]
    table = Table(
        [[c.M("<br/>".join(cust), st["cell"]), c.M("<br/>".join(order), st["cell"])]],
        colWidths=[c.CONTENT_WIDTH / 2] * 2,
    )
    table.setStyle(
        _style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEABOVE", (0, 0), (-1, 0), 0.3, c.RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.3, c.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [table]


def items(s: Sheet) -> Story:
    """1. The items going back (or concerned, when the customer keeps them)."""
    f = s.facts
    return [
        c.P(s.t("instr.items" if f.needs_parcel else "instr.items_keep"), s.st["h2"]),
        c.data_table(
            [s.t("sku"), s.t("item"), s.t("variant"), s.t("qty")],
            [(i.sku, i.title, i.variant, str(i.quantity)) for i in f.items],
            [28 * mm, c.CONTENT_WIDTH - 28 * mm - 38 * mm - 14 * mm, 38 * mm, 14 * mm],
            s.st,
            right=(3,),
        ),
    ]


def keep_item(s: Sheet) -> Story:
    """Nothing goes back: say so, and what happens next; no packing, label or slip."""
    st, lang = s.st, s.facts.lang
    resolution = cat.resolution_text(s.facts.resolution, lang)
    return [
        c.P(s.t("instr.keep_title"), st["h2"]),
        c.P(s.t("instr.keep_text"), st["body"]),
        c.P(s.t("instr.keep_next_title"), st["h2"]),
        c.P(s.t("instr.keep_next_text", resolution=resolution), st["body"]),
        Spacer(1, 2 * mm),
        c.P(s.t("instr.questions"), st["small"]),
    ]


def address_markup(f: InstructionsFacts) -> str:
    """Recipient, the RMA once, then the address (the recipient is not repeated)."""
    lines = [line.strip() for line in f.return_address.splitlines() if line.strip()]
    head = []
    if f.recipient and not (lines and lines[0].casefold().startswith(f.recipient.casefold())):
        head.append(f"<b>{c.esc(f.recipient)}</b>")
    elif lines:
        head.append(f"<b>{c.esc(lines.pop(0))}</b>")
    head.append(c.esc(cat.text("instr.address_ref", f.lang, rma=f.rma)))
    return "<br/>".join(head + [c.esc(line) for line in lines])


def address_and_ship_by(s: Sheet) -> Story:
    """2. Where to send the parcel and 3. the ship-by date, side by side."""
    f, st = s.facts, s.st
    if f.return_address:
        address = c.M(address_markup(f), st["body"])
    else:
        address = c.P(s.t("instr.address_missing"), st["body"].clone("warn", textColor=c.WARN))
    deadline_style = st["title"].clone("deadline", fontSize=15, leading=19, textColor=c.INK)
    ship_cell = [
        c.P(s.t("instr.ship_by_title"), st["h2"]),
        c.P(s.day(f.ship_by), deadline_style),
        Spacer(1, 1 * mm),
        c.P(s.t("instr.ship_by", date=s.day(f.ship_by)), st["small"]),
    ]
    addr_cell = [c.P(s.t("instr.address"), st["h2"]), address]
    table = Table(
        [[addr_cell, ship_cell]], colWidths=[c.CONTENT_WIDTH * 0.56, c.CONTENT_WIDTH * 0.44]
    )
    table.setStyle(
        _style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 5 * mm),
                ("LINEBEFORE", (1, 0), (1, 0), 0.5, c.RULE),
            ]
        )
    )
    return [table]


def packing(s: Sheet) -> Story:
    """4. How to pack (faulty goods need not be unused or in their box)."""
    if s.facts.faulty:
        keys = ["instr.pack_faulty", "instr.pack_parts", "instr.pack_slip"]
    else:
        keys = ["instr.pack_unused", "instr.pack_original", "instr.pack_parts", "instr.pack_slip"]
    return [c.P(s.t("instr.packing"), s.st["h2"])] + s.bullets([s.t(k) for k in keys])


def label_lines(s: Sheet) -> list[str]:
    """What section 5 says about the return label and postage."""
    f = s.facts
    lines: list[str] = []
    if f.label is not None:
        if f.carrier:
            lines.append(s.t("instr.label_file", carrier=f.carrier))
        else:
            lines.append(s.t("instr.label_file_nocarrier"))
        if f.label.expires_on is not None:
            lines.append(s.t("instr.label_expires", date=s.day(f.label.expires_on)))
    elif f.label_ref:
        lines.append(s.t("instr.label_prepaid", ref=f.label_ref))
        lines.append(s.t("instr.label_carrier", carrier=f.carrier or "—"))
    else:
        lines.append(s.t("instr.label_none_faulty" if f.faulty else "instr.label_none"))
    if f.return_tracking:
        lines.append(s.t("instr.label_tracking", tracking=f.return_tracking))
    return lines


def label(s: Sheet) -> Story:
    """5. The return label."""
    return [c.P(s.t("instr.label"), s.st["h2"])] + s.bullets(label_lines(s))


def after_and_next(s: Sheet) -> Story:
    """6. After shipping and 7. what happens next, side by side; then the questions line."""
    f, st = s.facts, s.st
    if f.shop.email.strip():
        after = s.t("instr.after_text", email=f.shop.email.strip(), rma=f.rma)
    else:
        after = s.t("instr.after_text_noemail", rma=f.rma)
    key = f"instr.next.{f.resolution}"
    if not cat.has_text(key):
        key = "instr.next.refund"
    steps = Table(
        [
            [
                [c.P(s.t("instr.after"), st["h2"]), c.P(after, st["body"])],
                [c.P(s.t("instr.next"), st["h2"]), c.P(s.t(key, days=REFUND_DAYS), st["body"])],
            ]
        ],
        colWidths=[c.CONTENT_WIDTH / 2] * 2,
    )
    steps.setStyle(
        _style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [steps, Spacer(1, 2 * mm * s.gap), c.P(s.t("instr.questions"), st["small"])]


def _slip_fields(s: Sheet) -> str:
    f = s.facts
    colon = ":" if f.lang == "en" else "\u00a0:"  # French puts a no-break space before it
    listed = ", ".join(f"{i.quantity} × {i.title}" for i in f.items)
    pairs = [
        (s.t("order_number"), f.order_number),
        (s.t("instr.slip_name"), f.customer_name),
        (s.t("instr.slip_items"), listed),
    ]
    if f.recipient:
        pairs.append((s.t("instr.slip_to"), f.recipient))
    return "<br/>".join(f"<b>{c.esc(label)}{colon}</b> {c.esc(value)}" for label, value in pairs)


def slip(s: Sheet) -> Story:
    """The cut-out slip, pushed to the bottom of the last page as one block."""
    st = s.st
    slip_rma = st["title"].clone("slip_rma", fontSize=16, leading=20, textColor=c.INK)
    slip_left = [
        c.P(s.t("instr.slip_title"), st["cell_head"]),
        c.P(s.facts.rma, slip_rma),
        c.M(_slip_fields(s), st["cell"]),
    ]
    small_bar = barcode_drawing(s.facts.rma, 50 * mm, 10 * mm)
    table = Table([[slip_left, small_bar]], colWidths=[c.CONTENT_WIDTH - 58 * mm, 58 * mm])
    table.setStyle(
        _style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("BOX", (0, 0), (-1, -1), 0.6, c.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    cut: Flowable = c.WholeTable(
        [[Spacer(1, 3 * mm * s.gap)], [CutLine(s.t("instr.slip_cut"))], [table]]
    )
    cut.setStyle(
        _style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 1), (0, 1), 3 * mm),
            ]
        )
    )
    return [TopPadder(cut)]
