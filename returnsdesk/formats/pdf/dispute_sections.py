"""The dispute pack's sections, one renderer per Stripe evidence field (``RENDERERS``):
customer and receipt, product, shipping, refund policy, refunds, communication, files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from returnsdesk.domain.chargebacks import Section
from returnsdesk.domain.countries import country_name
from returnsdesk.domain.i18n.formatting import date_text, moment_text
from returnsdesk.domain.ledger import GIVEN_BACK
from returnsdesk.formats import catalogue as cat
from returnsdesk.formats import dispute_text as dt
from returnsdesk.formats.pdf import common as c
from returnsdesk.formats.pdf.dispute_context import Ctx, Story, paragraphs
from returnsdesk.formats.pdf.dispute_files import files


def _customer(ctx: Ctx) -> Story:
    f = ctx.facts
    if f.billing_address:
        billing = f.billing_address
    elif f.billing_country:
        country = country_name(f.billing_country, ctx.lang) or f.billing_country
        billing = ctx.t("billing_country_only", country=country)
    else:
        billing = ctx.t("billing_not_held")
    payment = " · ".join(x for x in (f.payment_method, f.payment_reference) if x) or "—"
    rows = [
        (f"{ctx.t('disp.customer_name')} (customer_name)", f.customer_name),
        (f"{ctx.t('disp.customer_email')} (customer_email_address)", f.customer_email or "—"),
        (f"{ctx.t('disp.billing')} (billing_address)", billing),
        (ctx.t("disp.shipping_address"), f.shipping_address or "—"),
        (ctx.t("disp.payment"), payment),
    ]
    return [
        c.fields_table(rows, ctx.st, label_width=58 * mm),
        c.P(f"{ctx.t('disp.receipt')} (receipt)", ctx.st["h2"]),
        _receipt(ctx),
    ]


def _receipt(ctx: Ctx) -> Table:
    f, width = ctx.facts, c.CONTENT_WIDTH
    rows = [
        (
            line.sku,
            line.title + (f" — {line.variant}" if line.variant else ""),
            str(line.quantity),
            ctx.money(line.unit_price_minor),
            ctx.money(line.unit_price_minor * line.quantity),
        )
        for line in f.lines
    ]
    for key, value in (
        ("disp.subtotal", f.subtotal_minor),
        ("disp.shipping", f.shipping_minor),
        ("disp.tax", f.tax_minor),
        ("disp.total", f.total_minor),
    ):
        rows.append(("", "", "", ctx.t(key), ctx.money(value)))
    table = c.data_table(
        [cat.text(k, ctx.lang) for k in ("sku", "item", "qty")]
        + [ctx.t("disp.unit_price"), cat.text("amount", ctx.lang)],
        rows,
        [24 * mm, width - 24 * mm - 12 * mm - 60 * mm, 12 * mm, 30 * mm, 30 * mm],
        ctx.st,
        right=(2, 3, 4),
    )
    first_total = len(f.lines) + 1
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (3, first_total), (-1, first_total), 0.5, c.RULE),
                ("FONTNAME", (0, -1), (-1, -1), c.FONT_BOLD),
            ]
        )
    )
    return table


def _product(ctx: Ctx) -> Story:
    story = []
    for line in ctx.facts.lines:
        bits = [line.title] + [b for b in (line.variant,) if b]
        if line.sku:
            bits.append(f"{cat.text('sku', ctx.lang)} {line.sku}")
        if line.personalised:
            bits.append(ctx.t("disp.personalised"))
        story.append(c.M("• " + c.esc(" — ".join(bits)), ctx.st["body"]))
    return story


def _shipping(ctx: Ctx) -> Story:
    f = ctx.facts
    delivery = (
        ctx.t("disp.delivery_text", date=ctx.day(f.delivered_on))
        if f.delivered_on
        else cat.text("not_delivered", ctx.lang)
    )
    rows = [
        (f"{ctx.t('disp.carrier')} (shipping_carrier)", f.carrier or "—"),
        (f"{ctx.t('disp.tracking')} (shipping_tracking_number)", f.tracking_number or "—"),
        (
            f"{ctx.t('disp.shipping_date')} (shipping_date)",
            ctx.day(f.shipped_on) if f.shipped_on else "—",
        ),
        (f"{ctx.t('disp.shipping_address')} (shipping_address)", f.shipping_address or "—"),
        (ctx.t("disp.delivery"), delivery),
    ]
    for case in f.cases:
        if case.return_tracking:
            value = f"{case.return_carrier} {case.return_tracking} ({case.rma})".strip()
            rows.append((ctx.t("disp.return_shipment"), value))
    return [c.fields_table(rows, ctx.st, label_width=58 * mm)]


def _dm(month: int, day: int, lang: str) -> str:
    return date_text(date(2000, month, day), lang, "d MMMM")


def _policy(ctx: Ctx) -> Story:
    f, st = ctx.facts, ctx.st
    policy = f.policy
    terms = [ctx.t("disp.policy_days", days=policy.return_days)]
    if policy.peak is not None:
        peak = policy.peak
        season = (
            f"{_dm(peak.start_month, peak.start_day, ctx.lang)} – "
            f"{_dm(peak.end_month, peak.end_day, ctx.lang)}"
        )
        until = _dm(peak.returns_until_month, peak.returns_until_day, ctx.lang)
        terms.append(ctx.t("disp.policy_peak", season=season, until=until))
    terms.append(ctx.t("disp.policy_legal"))  # mandatory (CRD art. 25): always stated
    story = [c.P(ctx.t("policy_terms"), st["h2"])]
    story += [c.M("• " + c.esc(term), st["body"]) for term in terms]
    if policy.published_text:
        story.append(c.P(ctx.t("policy_published"), st["h2"]))
        story += [c.P(part, st["body"]) for part in paragraphs(policy.published_text)]
    else:
        story.append(c.P(ctx.t("policy_no_text"), st["small"]))
    story.append(c.P(f"{ctx.t('disp.disclosure')} (refund_policy_disclosure)", st["h2"]))
    key = "disclosure_shown" if policy.shown_at_checkout else "disclosure_unknown"
    story.append(c.P(ctx.t(key, placed=ctx.day(f.placed_at.date())), st["body"]))
    return story


def _refunds(ctx: Ctx) -> Story:
    f, width = ctx.facts, c.CONTENT_WIDTH
    given = [m for m in f.money if m.kind in GIVEN_BACK]  # with their reversals
    if not given:
        return [c.P(ctx.t("refunds_none"), ctx.st["body"])]
    rows = []
    for m in given:
        label = cat.ledger_label(m.kind, ctx.lang)
        if m.is_reversal:
            label += f" ({ctx.t('disp.reversal')})"
        elif m.is_reversed:
            label += f" ({ctx.t('reversed')})"
        sign = -1 if m.is_reversal else 1
        amount = ctx.money(sign * m.amount_minor, m.currency)
        rows.append(
            (cat.date_text(m.entry_date, ctx.lang, "medium"), m.rma, label, m.reference, amount)
        )
    table = c.data_table(
        [cat.text("date", ctx.lang), ctx.t("case_col"), ctx.t("disp.entry")]
        + [ctx.t("disp.reference_col"), cat.text("amount", ctx.lang)],
        rows,
        [26 * mm, 32 * mm, width - 26 * mm - 32 * mm - 34 * mm - 28 * mm, 34 * mm, 28 * mm],
        ctx.st,
        right=(4,),
    )
    total = f.given_back_total()
    summary = ctx.money(total) if total else ctx.t("refunds_none")
    line = cat.label_value(ctx.t("disp.refunds_total"), summary, ctx.lang)
    return [table, Spacer(1, 2 * mm), c.P(line, ctx.st["body"])]


def _timeline_head(ctx: Ctx, what: str, rma: str, value: str) -> str:
    if what == "status":
        return ctx.t("ev.status", rma=rma, status=cat.status_label(value, ctx.lang))
    if what in ("supplier_sent", "supplier_received"):
        return ctx.t(f"ev.{what}", rma=rma, channel=dt.channel_label(value, ctx.lang))
    return ctx.t(f"ev.{what}", rma=rma, value=value)


def _communication(ctx: Ctx) -> Story:
    st = ctx.st
    story = [c.P(ctx.t("timeline_note"), st["small"]), Spacer(1, 1.5 * mm)]
    head_style = st["body"].clone("tl_head", keepWithNext=1, spaceBefore=4)
    body_style = st["body"].clone("tl_body", leftIndent=10)
    for item in ctx.facts.timeline:
        when = moment_text(item.at, ctx.lang, UTC)
        head = _timeline_head(ctx, item.what, item.rma, item.value)
        story.append(c.M(f"<b>{c.esc(when)}</b> — {c.esc(head)}", head_style))
        if item.text:
            story += [c.P(part, body_style) for part in paragraphs(item.text)]
    return story


RENDERERS: dict[Section, Callable[[Ctx], Story]] = {
    Section.CUSTOMER: _customer,
    Section.PRODUCT: _product,
    Section.SHIPPING: _shipping,
    Section.POLICY: _policy,
    Section.REFUNDS: _refunds,
    Section.COMMUNICATION: _communication,
    Section.FILES: files,
}
