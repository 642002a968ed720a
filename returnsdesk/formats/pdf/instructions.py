"""Customer return instructions: one or two pages, in the customer's language.

``build_instructions(case_id)`` gathers the facts (``instructions_facts``) and
lays them out (``render_instructions``). The ship-by date is the case's
customer return deadline from the policy; when that is unknown (no delivery
date) or leaves the customer fewer than ``MIN_SHIP_DAYS`` days from the day the
instructions are issued, it is the issue date + ``MIN_SHIP_DAYS`` (the 14 days
EU law gives a consumer to send goods back after withdrawing), so the sheet
never asks for the impossible.

The parcel goes where the case's return destination says
(``services.return_address``); when it says "no return", the sheet tells the
customer to keep the item and has nothing to pack, post or cut out. A prepaid
label file on the case is printed after the instructions, as its own page(s)
(``label_pages``): on the document's paper (A4 or Letter) or on a 4×6 in page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from returnsdesk.domain.countries import country_name
from returnsdesk.domain.reasons import Reason, is_fault_reason
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf.label_pages import (
    PAPER_SIZES,
    LabelArt,
    LabelPage,
    Paper,
    append_pdf,
    label_pages,
)
from returnsdesk.services import settings
from returnsdesk.services.cases import Assessment, assess
from returnsdesk.services.clock import resolve
from returnsdesk.services.return_address import destination
from returnsdesk.services.return_labels import current_label
from returnsdesk.store.models import Case, CaseLine, OrderLine

MIN_SHIP_DAYS = 14
REFUND_DAYS = 14


@dataclass(frozen=True)
class ItemLine:
    sku: str
    title: str
    variant: str
    quantity: int


@dataclass(frozen=True)
class LabelFacts:
    path: Path
    is_pdf: bool
    carrier: str
    tracking: str
    expires_on: date | None


@dataclass(frozen=True)
class InstructionsFacts:
    lang: str
    issued_on: date
    shop: settings.ShopDetails
    rma: str
    order_number: str
    placed_on: date
    delivered_on: date | None
    customer_name: str
    customer_email: str
    customer_address: str
    items: list[ItemLine]
    return_address: str
    #: Who the parcel is addressed to (supplier, shop or saved address name).
    recipient: str
    #: False when the customer keeps the item (nothing to send back).
    needs_parcel: bool
    ship_by: date
    faulty: bool
    label_ref: str
    carrier: str
    return_tracking: str
    resolution: str
    label: LabelFacts | None = None


def ship_by(assessment: Assessment, issued_on: date) -> date:
    """The last day to hand the parcel over (see the module docstring for the rule)."""
    floor = issued_on + timedelta(days=MIN_SHIP_DAYS)
    window = next((d.due for d in assessment.deadlines if d.code == "customer_return"), None)
    if window is None or window < floor:
        return floor
    return window


def instructions_facts(
    case_id: int,
    lang: str | None = None,
    now: datetime | None = None,
    evidence_dir: Path | None = None,
) -> InstructionsFacts:
    from returnsdesk.domain.errors import InputError

    now = resolve(now)
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError("The case no longer exists.")
    order = case.order
    customer = order.customer
    shop = settings.shop_details()
    rows = (
        OrderLine.select(OrderLine, CaseLine.quantity.alias("returned"))
        .join(CaseLine)
        .where(CaseLine.case == case)
        .order_by(OrderLine.id)
        .objects()
    )
    items = [ItemLine(r.sku, r.title, r.variant, r.returned) for r in rows]
    where = destination(case)
    label = None
    if where.needs_parcel:
        if evidence_dir is None:
            from returnsdesk import session

            evidence_dir = session.current().evidence_dir
        found = current_label(case.id, evidence_dir)
        if found is not None:
            label = LabelFacts(
                found.path, found.is_pdf, found.carrier, found.tracking, found.expires_on
            )
    resolution = case.agreed_resolution or case.requested_resolution or "refund"
    address = customer.address
    if order.shipping_address:
        address = order.shipping_address
    reader = cat.norm_lang(lang or customer.language or shop.language)
    if customer.country and customer.country not in address:
        country = country_name(customer.country, reader)  # a name, not the ISO code
        if country not in address:
            address = f"{address}\n{country}".strip()
    return InstructionsFacts(
        lang=reader,
        issued_on=now.date(),
        shop=shop,
        rma=case.rma,
        order_number=order.number,
        placed_on=order.placed_at.date(),
        delivered_on=order.delivered_on,
        customer_name=customer.name,
        customer_email=customer.email,
        customer_address=address,
        items=items,
        return_address=where.address.strip(),
        recipient=where.recipient.strip(),
        needs_parcel=where.needs_parcel,
        ship_by=ship_by(assess(case, now), now.date()),
        faulty=is_fault_reason(Reason(case.reason)),
        label_ref=case.return_label_ref,
        carrier=(label.carrier if label else "") or case.return_carrier or order.carrier,
        return_tracking=(label.tracking if label else "") or case.return_tracking,
        resolution=resolution,
        label=label,
    )


def build_instructions(
    case_id: int,
    lang: str | None = None,
    now: datetime | None = None,
    *,
    evidence_dir: Path | None = None,
    paper: Paper | str = Paper.A4,
    label_page: LabelPage | str = LabelPage.SHEET,
) -> bytes:
    """The return-instructions PDF for a case (with its label pages), as bytes."""
    facts = instructions_facts(case_id, lang, now, evidence_dir)
    return render_instructions(facts, Paper(paper), LabelPage(label_page))


def _barcode_widget_drawing(value: str, width: float, height: float):
    from reportlab.graphics.barcode.widgets import BarcodeCode128
    from reportlab.graphics.shapes import Drawing

    widget = BarcodeCode128(value=value, barHeight=height, humanReadable=False, quiet=False)
    x0, y0, w, h = widget.getBounds()
    widget.barWidth = widget.barWidth * width / (w - x0)
    x0, y0, w, h = widget.getBounds()
    drawing = Drawing(w - x0, h - y0)
    widget.x, widget.y = -x0, -y0
    drawing.add(widget, name="barcode")
    return drawing


def _qr_drawing(value: str, size: float):
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget, name="qr")
    return drawing


def rma_codes(rma: str):
    """(Code 128 drawing, QR drawing) for an RMA number; each holds its widget by name."""
    from reportlab.lib.units import mm

    return _barcode_widget_drawing(rma, 48 * mm, 13 * mm), _qr_drawing(rma, 22 * mm)


def _cut_line(label: str):
    from reportlab.platypus import Flowable

    from returnsdesk.formats.pdf.common import CONTENT_WIDTH, FONT, MUTED

    class CutLine(Flowable):
        def wrap(self, avail_w, avail_h):
            return CONTENT_WIDTH, 14

        def draw(self):
            c = self.canv
            c.saveState()
            c.setStrokeColor(MUTED)
            c.setDash(3, 2.5)
            c.setLineWidth(0.7)
            c.line(16, 6, CONTENT_WIDTH, 6)
            c.setDash()
            c.setFont(FONT, 12)
            c.setFillColor(MUTED)
            c.drawString(0, 2, "✂")
            c.setFont(FONT, 7)
            width = c.stringWidth(label, FONT, 7)
            x = (CONTENT_WIDTH - width) / 2
            c.setFillColorRGB(1, 1, 1)
            c.rect(x - 4, 3, width + 8, 7, stroke=0, fill=1)
            c.setFillColor(MUTED)
            c.drawString(x, 4, label)
            c.restoreState()

    return CutLine()


def render_instructions(
    f: InstructionsFacts, paper: Paper = Paper.A4, label_page: LabelPage = LabelPage.SHEET
) -> bytes:
    """The instructions on ``paper``, then the label page(s) when the case has a label."""
    pdf = _render_sheet(f, paper)
    if f.label is None or not f.needs_parcel:
        return pdf
    T = lambda key, **kw: cat.text(key, f.lang, **kw)  # noqa: E731
    note = T("instr.label_page_note")
    if f.return_tracking:
        note += "  " + T("instr.label_page_tracking", tracking=f.return_tracking)
    art = LabelArt(f.label.path, f.label.is_pdf, T("instr.label_page_heading", rma=f.rma), note)
    return append_pdf(pdf, label_pages(art, paper, label_page))


def _address_markup(f: InstructionsFacts, esc) -> str:
    """Recipient, the RMA once, then the address (the recipient is not repeated)."""
    lines = [line.strip() for line in f.return_address.splitlines() if line.strip()]
    head = []
    if f.recipient and not (lines and lines[0].casefold().startswith(f.recipient.casefold())):
        head.append(f"<b>{esc(f.recipient)}</b>")
    elif lines:
        head.append(f"<b>{esc(lines.pop(0))}</b>")
    head.append(esc(cat.text("instr.address_ref", f.lang, rma=f.rma)))
    return "<br/>".join(head + [esc(line) for line in lines])


def _render_sheet(f: InstructionsFacts, paper: Paper) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle
    from reportlab.platypus.flowables import TopPadder

    from returnsdesk.formats.pdf import common as c

    lang = f.lang
    st = c.styles()
    st["body"] = st["body"].clone("body_i", fontSize=9, leading=12)
    st["bullet"] = st["bullet"].clone("bullet_i", fontSize=9, leading=12)
    st["h2"] = st["h2"].clone("h2k", keepWithNext=1, spaceBefore=5, spaceAfter=2)
    T = lambda key, **kw: cat.text(key, lang, **kw)  # noqa: E731
    story: list = []
    # Letter is 18 mm shorter than A4: tighter gaps keep the slip on the first page.
    gap = 0.3 if paper == Paper.LETTER else 1.0

    # Header: logo and shop on the left, title on the right.
    shop_lines = [f"<b>{c.esc(f.shop.name)}</b>"]
    for value in (f.shop.address, f.shop.email, f.shop.phone, f.shop.website):
        if value.strip():
            shop_lines.append(c.esc(value.strip()))
    shop_block = c.M("<br/>".join(shop_lines), st["small"])
    logo = c.logo_flowable(f.shop.logo_path, 34 * mm, 17 * mm)
    title_block = [
        c.P(T("instr.title"), st["title"].clone("title_r", alignment=2, fontSize=18)),
        c.P(
            T("instr.issued", date=cat.date_text(f.issued_on, lang)),
            st["small"].clone("small_r", alignment=2),
        ),
    ]
    if logo:
        cells = [[logo, shop_block, title_block]]
        widths = [38 * mm, c.CONTENT_WIDTH * 0.5 - 38 * mm, c.CONTENT_WIDTH * 0.5]
    else:
        cells = [[shop_block, title_block]]
        widths = [c.CONTENT_WIDTH * 0.5] * 2
    header = Table(cells, colWidths=widths)
    header.setStyle(c.header_style())
    story += [header, Spacer(1, 5 * mm * gap)]

    # The RMA box: number in large type, Code 128 and QR code.
    barcode, qr = rma_codes(f.rma)
    rma_style = st["title"].clone("rma", fontSize=22, leading=26, textColor=c.INK)
    rma_cell = [
        c.P(T("instr.rma_label"), st["cell_head"]),
        Spacer(1, 1.5 * mm),
        c.P(f.rma, rma_style),
        Spacer(1, 1 * mm),
        c.P(T("instr.rma_write"), st["small"]),
    ]
    box = Table(
        [[rma_cell, barcode, qr]],
        colWidths=[c.CONTENT_WIDTH - 56 * mm - 28 * mm, 56 * mm, 28 * mm],
    )
    box.setStyle(
        TableStyle(
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
    story += [box, Spacer(1, 4 * mm * gap)]

    story.append(c.P(T("instr.hello", name=f.customer_name), st["body"]))
    story.append(c.P(T("instr.intro" if f.needs_parcel else "instr.keep_intro"), st["body"]))
    story.append(Spacer(1, 3 * mm * gap))

    # Customer and order side by side.
    cust = [f"<b>{c.esc(T('customer'))}</b>", c.esc(f.customer_name)]
    if f.customer_address:
        cust.append(c.esc(f.customer_address))
    if f.customer_email:
        cust.append(c.esc(f.customer_email))
    delivered = cat.date_text(f.delivered_on, lang) if f.delivered_on else T("not_delivered")
    order = [
        f"<b>{c.esc(T('order'))}</b>",
        c.esc(cat.label_value(T("order_number"), f.order_number, lang)),
        c.esc(cat.label_value(T("placed_on"), cat.date_text(f.placed_on, lang), lang)),
        c.esc(cat.label_value(T("delivered_on"), delivered, lang)),
    ]
    parties = Table(
        [[c.M("<br/>".join(cust), st["cell"]), c.M("<br/>".join(order), st["cell"])]],
        colWidths=[c.CONTENT_WIDTH / 2] * 2,
    )
    parties.setStyle(
        TableStyle(
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
    story.append(parties)

    # 1. Items.
    story.append(c.P(T("instr.items" if f.needs_parcel else "instr.items_keep"), st["h2"]))
    story.append(
        c.data_table(
            [T("sku"), T("item"), T("variant"), T("qty")],
            [(i.sku, i.title, i.variant, str(i.quantity)) for i in f.items],
            [28 * mm, c.CONTENT_WIDTH - 28 * mm - 38 * mm - 14 * mm, 38 * mm, 14 * mm],
            st,
            right=(3,),
        )
    )

    def bullets(texts: list[str]) -> list:
        return [c.M(c.esc(t), st["bullet"].clone("b", bulletText="•")) for t in texts]

    footer_left = f"{f.shop.name} · {f.rma}"

    def footer(canvas, page: int, pages: int) -> None:
        c.draw_footer(canvas, footer_left, T("page", page=page, pages=pages))

    title = f"{T('instr.title')} {f.rma}"
    if not f.needs_parcel:
        # Nothing goes back: say so, and what happens next; no packing, label or slip.
        story.append(c.P(T("instr.keep_title"), st["h2"]))
        story.append(c.P(T("instr.keep_text"), st["body"]))
        story.append(c.P(T("instr.keep_next_title"), st["h2"]))
        story.append(
            c.P(
                T("instr.keep_next_text", resolution=cat.resolution_text(f.resolution, lang)),
                st["body"],
            )
        )
        story.append(Spacer(1, 2 * mm))
        story.append(c.P(T("instr.questions"), st["small"]))
        return c.build(story, footer, title, f.shop.name, PAPER_SIZES[paper])

    # 2. Address and 3. ship-by, side by side.
    if f.return_address:
        address = c.M(_address_markup(f, c.esc), st["body"])
    else:
        address = c.P(T("instr.address_missing"), st["body"].clone("warn", textColor=c.WARN))
    deadline_style = st["title"].clone("deadline", fontSize=15, leading=19, textColor=c.INK)
    ship_cell = [
        c.P(T("instr.ship_by_title"), st["h2"]),
        c.P(cat.date_text(f.ship_by, lang), deadline_style),
        Spacer(1, 1 * mm),
        c.P(T("instr.ship_by", date=cat.date_text(f.ship_by, lang)), st["small"]),
    ]
    addr_cell = [c.P(T("instr.address"), st["h2"]), address]
    two = Table(
        [[addr_cell, ship_cell]], colWidths=[c.CONTENT_WIDTH * 0.56, c.CONTENT_WIDTH * 0.44]
    )
    two.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 5 * mm),
                ("LINEBEFORE", (1, 0), (1, 0), 0.5, c.RULE),
            ]
        )
    )
    story.append(two)

    # 4. Packing.
    story.append(c.P(T("instr.packing"), st["h2"]))
    if f.faulty:
        packing = [T("instr.pack_faulty"), T("instr.pack_parts"), T("instr.pack_slip")]
    else:
        packing = [
            T("instr.pack_unused"),
            T("instr.pack_original"),
            T("instr.pack_parts"),
            T("instr.pack_slip"),
        ]
    story += bullets(packing)

    # 5. Label.
    story.append(c.P(T("instr.label"), st["h2"]))
    label: list[str] = []
    if f.label is not None:
        if f.carrier:
            label.append(T("instr.label_file", carrier=f.carrier))
        else:
            label.append(T("instr.label_file_nocarrier"))
        if f.label.expires_on is not None:
            label.append(T("instr.label_expires", date=cat.date_text(f.label.expires_on, lang)))
    elif f.label_ref:
        label.append(T("instr.label_prepaid", ref=f.label_ref))
        label.append(T("instr.label_carrier", carrier=f.carrier or "—"))
    else:
        label.append(T("instr.label_none_faulty" if f.faulty else "instr.label_none"))
    if f.return_tracking:
        label.append(T("instr.label_tracking", tracking=f.return_tracking))
    story += bullets(label)

    # 6. After shipping, 7. next.
    if f.shop.email.strip():
        after = T("instr.after_text", email=f.shop.email.strip(), rma=f.rma)
    else:
        after = T("instr.after_text_noemail", rma=f.rma)
    key = f"instr.next.{f.resolution}"
    if not cat.has_text(key):
        key = "instr.next.refund"
    steps = Table(
        [
            [
                [c.P(T("instr.after"), st["h2"]), c.P(after, st["body"])],
                [c.P(T("instr.next"), st["h2"]), c.P(T(key, days=REFUND_DAYS), st["body"])],
            ]
        ],
        colWidths=[c.CONTENT_WIDTH / 2] * 2,
    )
    steps.setStyle(
        TableStyle(
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
    story.append(steps)
    story.append(Spacer(1, 2 * mm * gap))
    story.append(c.P(T("instr.questions"), st["small"]))

    # The cut-out slip.
    small_bar = _barcode_widget_drawing(f.rma, 50 * mm, 10 * mm)
    slip_rma = st["title"].clone("slip_rma", fontSize=16, leading=20, textColor=c.INK)
    items = ", ".join(f"{i.quantity} × {i.title}" for i in f.items)
    colon = ":" if lang == "en" else "\u00a0:"  # French puts a no-break space before it
    slip_left = [
        c.P(T("instr.slip_title"), st["cell_head"]),
        c.P(f.rma, slip_rma),
        c.M(
            f"<b>{c.esc(T('order_number'))}{colon}</b> {c.esc(f.order_number)}<br/>"
            f"<b>{c.esc(T('instr.slip_name'))}{colon}</b> {c.esc(f.customer_name)}<br/>"
            f"<b>{c.esc(T('instr.slip_items'))}{colon}</b> {c.esc(items)}"
            + (
                f"<br/><b>{c.esc(T('instr.slip_to'))}{colon}</b> {c.esc(f.recipient)}"
                if f.recipient
                else ""
            ),
            st["cell"],
        ),
    ]
    slip = Table([[slip_left, small_bar]], colWidths=[c.CONTENT_WIDTH - 58 * mm, 58 * mm])
    slip.setStyle(
        TableStyle(
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
    # One block pushed to the bottom of the last page, so the slip can be cut off cleanly.
    cut = c.WholeTable([[Spacer(1, 3 * mm * gap)], [_cut_line(T("instr.slip_cut"))], [slip]])
    cut.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 1), (0, 1), 3 * mm),
            ]
        )
    )
    story.append(TopPadder(cut))
    return c.build(story, footer, title, f.shop.name, PAPER_SIZES[paper])
