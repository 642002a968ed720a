"""Customer return instructions: one or two pages, in the customer's language.

``build_instructions(case_id)`` asks ``services.documents.instruction_facts`` for the
facts (the ship-by rule and the return destination are explained there) and lays them out
here, one renderer per section (``instruction_sections``). When the customer keeps the
item, the sheet says so and has nothing to pack, post or cut out. A prepaid label file on
the case is printed after the instructions, as its own page(s) (``label_pages``): on the
document's paper (A4 or Letter) or on a 4×6 in page.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf.label_pages import (
    PAPER_SIZES,
    LabelArt,
    LabelPage,
    Paper,
    append_pdf,
    label_pages,
)
from returnsdesk.services.documents.instruction_facts import InstructionsFacts, instructions_facts


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


def render_instructions(
    f: InstructionsFacts, paper: Paper = Paper.A4, label_page: LabelPage = LabelPage.SHEET
) -> bytes:
    """The instructions on ``paper``, then the label page(s) when the case has a label."""
    pdf = _render_sheet(f, paper)
    if f.label is None or not f.needs_parcel:
        return pdf
    note = cat.text("instr.label_page_note", f.lang)
    if f.return_tracking:
        note += "  " + cat.text("instr.label_page_tracking", f.lang, tracking=f.return_tracking)
    heading = cat.text("instr.label_page_heading", f.lang, rma=f.rma)
    art = LabelArt(f.label.path, f.label.is_pdf, heading, note)
    return append_pdf(pdf, label_pages(art, paper, label_page))


def _render_sheet(f: InstructionsFacts, paper: Paper) -> bytes:
    from returnsdesk.formats.pdf import common as c
    from returnsdesk.formats.pdf import instruction_sections as sec

    # Letter is 18 mm shorter than A4: tighter gaps keep the slip on the first page.
    sheet = sec.Sheet(f, sec.sheet_styles(), 0.3 if paper == Paper.LETTER else 1.0)
    story = sec.header(sheet) + sec.rma_box(sheet) + sec.greeting(sheet) + sec.parties(sheet)
    story += sec.items(sheet)
    if f.needs_parcel:
        for section in (sec.address_and_ship_by, sec.packing, sec.label, sec.after_and_next):
            story += section(sheet)
        story += sec.slip(sheet)
    else:
        story += sec.keep_item(sheet)
    footer_left = f"{f.shop.name} · {f.rma}"

    def footer(canvas: Any, page: int, pages: int) -> None:
        c.draw_footer(canvas, footer_left, cat.text("page", f.lang, page=page, pages=pages))

    title = f"{cat.text('instr.title', f.lang)} {f.rma}"
    return c.build(story, footer, title, f.shop.name, PAPER_SIZES[paper])
