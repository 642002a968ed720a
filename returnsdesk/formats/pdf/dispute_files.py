"""The dispute pack's evidence files: each printable image with its caption, who supplied
it, when it was captured or added and its SHA-256; images are re-encoded smaller at the
later size steps (``Ctx.image_step``) so the pack fits the upload limit."""

from __future__ import annotations

import io
from datetime import UTC
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer

from returnsdesk.domain.i18n.formatting import moment_text
from returnsdesk.formats import dispute_text as dt
from returnsdesk.formats.pdf import common as c
from returnsdesk.formats.pdf.dispute_context import Ctx, Story
from returnsdesk.services.dispute_facts import EvidenceFacts

_PRINTABLE = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"}


def files(ctx: Ctx) -> Story:
    st, story, skipped, shown = ctx.st, [], [], 0
    for item in ctx.facts.evidence:
        if item.mime not in _PRINTABLE:
            skipped.append(f"{item.original_name} ({item.mime})")
            continue
        image = _image(ctx, item.path)
        if image is None:
            story.append(c.P(ctx.t("disp.missing", name=item.original_name), st["small"]))
            continue
        story.append(_evidence_block(ctx, item, image))
        shown += 1
    if not shown:
        story.append(c.P(ctx.t("disp.files_none"), st["body"]))
    elif ctx.image_step[0] is not None:
        story.append(c.P(ctx.t("files_reduced"), st["small"]))
    if skipped:
        story.append(c.P(ctx.t("disp.skipped", names=", ".join(skipped)), st["small"]))
    return story


def _evidence_block(ctx: Ctx, item: EvidenceFacts, image: Image) -> KeepTogether:
    when = (
        ctx.t("disp.captured", when=moment_text(item.captured_at, ctx.lang, UTC))
        if item.captured_at
        else ctx.t("disp.added", when=moment_text(item.added_at, ctx.lang, UTC))
    )
    who = dt.supplied_by_label(item.supplied_by, ctx.lang)
    meta = f"{item.original_name} · {item.rma} · {when} · {ctx.t('disp.supplied_by', who=who)}"
    return KeepTogether(
        [
            image,
            Spacer(1, 1.5 * mm),
            c.M(f"<b>{c.esc(item.caption or item.original_name)}</b>", ctx.st["body"]),
            c.P(meta + f" · SHA-256 {item.sha256[:16]}…", ctx.st["small"]),
            Spacer(1, 5 * mm),
        ]
    )


def _image(ctx: Ctx, path: Path) -> Image | None:
    """A reportlab Image scaled to fit (re-encoded smaller at later size steps), or None
    when the file is missing or unreadable."""
    max_side, quality = ctx.image_step
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as im:
            w, h = im.size
            source: object = str(path)
            if max_side is not None:
                small = im.convert("RGB")
                small.thumbnail((max_side, max_side))
                buffer = io.BytesIO()
                small.save(buffer, "JPEG", quality=quality, optimize=True)
                buffer.seek(0)
                source, (w, h) = buffer, small.size
    except Exception:  # missing or corrupt: reported on the page instead
        return None
    scale = min(c.CONTENT_WIDTH / w, 105 * mm / h, 1.5)
    image = Image(source, width=w * scale, height=h * scale)
    image.hAlign = "LEFT"
    return image
