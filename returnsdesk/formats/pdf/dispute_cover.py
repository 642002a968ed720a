"""The dispute pack's first pages: letterhead, the dispute's facts, the cover letter arguing
from the facts of every case of the order, the contents, and each section's heading."""

from __future__ import annotations

from datetime import UTC

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table

from returnsdesk.domain.chargebacks import STRIPE_FIELDS, Section
from returnsdesk.domain.i18n import tn
from returnsdesk.domain.i18n.formatting import moment_text
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats import dispute_text as dt
from returnsdesk.formats.pdf import common as c
from returnsdesk.formats.pdf.dispute_context import Ctx, Story


def _letterhead(ctx: Ctx) -> Story:
    shop, st = ctx.facts.shop, ctx.st
    lines = [f"<b>{c.esc(shop.name)}</b>"] + [
        c.esc(v.strip()) for v in (shop.address, shop.email, shop.phone, shop.website) if v.strip()
    ]
    right = [
        c.P(ctx.t("disp.title"), st["title"].clone("t_r", alignment=2)),
        c.P(ctx.day(ctx.now.date()), st["small"].clone("s_r", alignment=2)),
    ]
    header = Table(
        [[c.M("<br/>".join(lines), st["small"]), right]],
        colWidths=[c.CONTENT_WIDTH * 0.45, c.CONTENT_WIDTH * 0.55],
    )
    header.setStyle(c.header_style())
    return [header, Spacer(1, 5 * mm)]


def _facts_table(ctx: Ctx) -> Story:
    f = ctx.facts
    rows = [
        (ctx.t("disp.reference"), f.reference or "—"),
        (cat.text("rma", ctx.lang), f.rma),
        (cat.text("order", ctx.lang), f.order_number),
        (cat.text("amount", ctx.lang), ctx.money(f.amount_minor)),
        (ctx.t("reason"), dt.reason_label(f.reason, ctx.lang)),
    ]
    if f.processor is not None:
        rows.append((ctx.t("processor"), dt.processor_label(f.processor, ctx.lang)))
    if f.due_at is not None:
        rows.append((ctx.t("due_at"), moment_text(f.due_at, ctx.lang, UTC) + " UTC"))
    elif f.due_on is not None:
        rows.append((ctx.t("disp.due_by"), ctx.day(f.due_on)))
    return [c.fields_table(rows, ctx.st), Spacer(1, 6 * mm)]


def _given_sentence(ctx: Ctx) -> str:
    given = ctx.facts.given_back()
    if not given:
        return ctx.t("p_nothing_given")
    items = [
        ctx.t(
            "given_item",
            kind=cat.ledger_label(m.kind, ctx.lang),
            amount=ctx.money(m.amount_minor, m.currency),
            date=ctx.day(m.entry_date),
            rma=m.rma,
            ref=ctx.t("ref", ref=m.reference) if m.reference else "",
        )
        for m in given
    ]
    total = ctx.money(ctx.facts.given_back_total())
    return ctx.t("p_given", amount=total, list="; ".join(items))


def _argument(ctx: Ctx) -> list[str]:
    """What the reason code asks us to argue, from the facts held."""
    f, reason = ctx.facts, ctx.facts.reason.value
    if reason == "credit_not_processed":
        given = f.given_back_total()
        if given:
            return [ctx.t("arg.credit_not_processed_given", amount=ctx.money(given))]
        return [ctx.t("arg.credit_not_processed_none")]
    if reason == "product_not_received" and f.delivered_on:
        return [
            ctx.t("arg.product_not_received"),
            ctx.t("arg.product_not_received_delivered", date=ctx.day(f.delivered_on)),
        ]
    if reason in ("duplicate", "subscription_canceled"):
        return [ctx.t(f"arg.{reason}", order=f.order_number)]
    return [ctx.t(f"arg.{reason}")]


def _cover_paragraphs(ctx: Ctx) -> list[str]:
    f = ctx.facts
    values = {
        "customer": f.customer_name,
        "order": f.order_number,
        "shop": f.shop.name,
        "placed": ctx.day(f.placed_at.date()),
        "total": ctx.money(f.total_minor),
    }
    if f.payment_method:
        paragraphs = [ctx.t("disp.p_order", method=f.payment_method, **values)]
    else:
        paragraphs = [ctx.t("p_order_no_method", **values)]
    if f.shipped_on or f.carrier or f.tracking_number:
        shipped = ctx.t(
            "disp.p_shipped",
            shipped=ctx.day(f.shipped_on) if f.shipped_on else "—",
            carrier=f.carrier or "—",
            tracking=f.tracking_number or "—",
        )
    else:
        shipped = ctx.t("p_not_shipped")
    delivered = (
        ctx.t("disp.p_delivered", delivered=ctx.day(f.delivered_on))
        if f.delivered_on
        else ctx.t("disp.p_not_delivered")
    )
    paragraphs.append(f"{shipped} {delivered}")
    cases = ", ".join(
        f"{c.rma} ({cat.kind_label(c.kind, ctx.lang).lower()}, {ctx.day(c.opened_at.date())})"
        for c in f.cases
    )
    paragraphs.append(
        tn(
            "The order has {n} case in our records: {list}.",
            "The order has {n} cases in our records: {list}.",
            len(f.cases),
            ctx.lang,
            list=cases,
        )
    )
    paragraphs.append(_given_sentence(ctx))
    paragraphs += _argument(ctx)
    paragraphs.append(ctx.t("p_policy_text" if f.policy.published_text else "p_policy_terms"))
    paragraphs.append(ctx.t("ask"))
    return paragraphs


def cover(ctx: Ctx) -> Story:
    f, st = ctx.facts, ctx.st
    story = _letterhead(ctx) + _facts_table(ctx)
    story += [c.P(ctx.t("disp.to"), st["body"]), Spacer(1, 2 * mm)]
    subject = ctx.t(
        "disp.re", ref=f.reference or f.rma, order=f.order_number, amount=ctx.money(f.amount_minor)
    )
    story += [c.M(f"<b>{c.esc(subject)}</b>", st["body"]), Spacer(1, 3 * mm)]
    for paragraph in _cover_paragraphs(ctx):
        story += [c.P(paragraph, st["body"]), Spacer(1, 2.5 * mm)]
    story += [Spacer(1, 3 * mm), c.P(ctx.t("disp.sincerely"), st["body"])]
    story.append(c.M(f"<b>{c.esc(f.shop.name)}</b>", st["body"]))
    return story


def contents(ctx: Ctx, order: tuple[Section, ...]) -> Story:
    width = c.CONTENT_WIDTH
    rows = [
        (str(i), dt.section_title(s, ctx.lang), STRIPE_FIELDS[s]) for i, s in enumerate(order, 1)
    ]
    return [
        Spacer(1, 6 * mm),
        c.P(ctx.t("disp.contents"), ctx.st["h2"]),
        c.data_table(
            ["#", ctx.t("disp.what"), "Stripe"],
            rows,
            [8 * mm, width * 0.45, width - 8 * mm - width * 0.45],
            ctx.st,
        ),
        PageBreak(),
    ]


def heading(ctx: Ctx, number: int, section: Section) -> Story:
    title = f"{number}. {dt.section_title(section, ctx.lang)}"
    return [
        c.P(title, ctx.st["h1"].clone("h1k", keepWithNext=1)),
        c.M(
            f"Stripe: <b>{c.esc(STRIPE_FIELDS[section])}</b>",
            ctx.st["field"].clone("fk", keepWithNext=1),
        ),
        Spacer(1, 2 * mm),
    ]
