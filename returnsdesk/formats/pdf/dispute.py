"""Chargeback evidence pack: a cover letter, then one section per Stripe evidence field.

Rule: only chargeback cases get a pack. Any other case is refused with an
``InputError`` naming its kind (open a chargeback case when the bank notifies one).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind
from returnsdesk.domain.workflow import Kind
from returnsdesk.formats import catalogue as cat
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.evidence_files import stored_path
from returnsdesk.store.models import (
    Case,
    CaseEvent,
    Evidence,
    EvidenceFile,
    LedgerEntry,
    OrderLine,
    SupplierContact,
)

#: Ledger kinds that put money back in the customer's hands.
GIVEN_BACK = (LedgerKind.CUSTOMER_REFUND, LedgerKind.STORE_CREDIT_ISSUED)
_PRINTABLE = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"}


def check_chargeback(case: Case) -> None:
    if case.kind != Kind.CHARGEBACK:
        raise InputError(
            f"{case.rma} is not a chargeback case (its kind is "
            f"{cat.kind_label(case.kind).lower()}); evidence packs are made for chargeback "
            "cases only."
        )


def build_dispute_pack(
    case_id: int, evidence_dir: Path, lang: str | None = None, now: datetime | None = None
) -> bytes:
    """The evidence-pack PDF of a chargeback case, as bytes."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

    from returnsdesk.formats.pdf import common as c

    now = resolve(now)
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError("The case no longer exists.")
    check_chargeback(case)
    shop = settings.shop_details()
    policy = settings.store_policy(case.order.placed_at.date())
    lang = cat.norm_lang(lang or shop.language)
    order = case.order
    customer = order.customer
    st = c.styles()
    W = c.CONTENT_WIDTH
    T = lambda key, **kw: cat.text(key, lang, **kw)  # noqa: E731
    D = lambda d: cat.date_text(d, lang)  # noqa: E731
    money = lambda minor, cur=order.currency: cat.money_text(minor, cur, lang)  # noqa: E731
    lines = list(order.lines.order_by(OrderLine.id))
    ledger = list(LedgerEntry.select().where(LedgerEntry.case == case).order_by(LedgerEntry.id))
    given: dict[str, int] = {}
    for entry in ledger:
        if LedgerKind(entry.kind) in GIVEN_BACK:
            sign = -1 if entry.reverses_id else 1
            given[entry.currency] = given.get(entry.currency, 0) + sign * entry.amount_minor
    given_text = ", ".join(money(v, cur) for cur, v in sorted(given.items()) if v)
    ref = case.chargeback_reference or case.rma

    def heading(field: str, title: str) -> list:
        return [
            c.P(title, st["h1"].clone("h1k", keepWithNext=1)),
            c.M(f"Stripe: <b>{c.esc(field)}</b>", st["field"].clone("fk", keepWithNext=1)),
            Spacer(1, 2 * mm),
        ]

    story: list = []
    # Cover letter.
    header = Table(
        [
            [
                c.M(
                    "<br/>".join(
                        [f"<b>{c.esc(shop.name)}</b>"]
                        + [
                            c.esc(v.strip())
                            for v in (shop.address, shop.email, shop.phone, shop.website)
                            if v.strip()
                        ]
                    ),
                    st["small"],
                ),
                [
                    c.P(T("disp.title"), st["title"].clone("t_r", alignment=2)),
                    c.P(D(now.date()), st["small"].clone("s_r", alignment=2)),
                ],
            ]
        ],
        colWidths=[W * 0.45, W * 0.55],
    )
    header.setStyle(c.header_style())
    story += [header, Spacer(1, 5 * mm)]
    facts = [
        (T("disp.reference"), ref),
        (T("rma"), case.rma),
        (T("order"), order.number),
        (T("amount"), money(case.amount_minor, case.currency)),
    ]
    if case.chargeback_due_on:
        facts.append((T("disp.due_by"), D(case.chargeback_due_on)))
    story += [c.fields_table(facts, st), Spacer(1, 6 * mm)]
    story.append(c.P(T("disp.to"), st["body"]))
    story.append(Spacer(1, 2 * mm))
    story.append(
        c.M(
            "<b>"
            + c.esc(
                T(
                    "disp.re",
                    ref=ref,
                    order=order.number,
                    amount=money(case.amount_minor, case.currency),
                )
            )
            + "</b>",
            st["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    paragraphs = [
        T(
            "disp.p_order",
            customer=customer.name,
            order=order.number,
            shop=shop.name,
            placed=D(order.placed_at.date()),
            total=money(order.total_minor),
            method=order.payment_method or "—",
        )
    ]
    shipped = [
        T(
            "disp.p_shipped",
            shipped=D(order.shipped_on) if order.shipped_on else "—",
            carrier=order.carrier or "—",
            tracking=order.tracking_number or "—",
        )
    ]
    shipped.append(
        T("disp.p_delivered", delivered=D(order.delivered_on))
        if order.delivered_on
        else T("disp.p_not_delivered")
    )
    paragraphs.append(" ".join(shipped))
    paragraphs.append(
        T(
            "disp.p_case",
            opened=D(case.opened_at.date()),
            rma=case.rma,
            reason=cat.reason_text(case.reason, lang),
        )
    )
    paragraphs.append(
        T("disp.p_refunded", amount=given_text) if given_text else T("disp.p_no_refund")
    )
    paragraphs.append(T("disp.p_policy"))
    paragraphs.append(T("disp.p_ask"))
    for text in paragraphs:
        story += [c.P(text, st["body"]), Spacer(1, 2.5 * mm)]
    story += [Spacer(1, 3 * mm), c.P(T("disp.sincerely"), st["body"])]
    story.append(c.M(f"<b>{c.esc(shop.name)}</b>", st["body"]))
    sections = [
        ("customer_name · customer_email_address · billing_address · receipt", T("disp.customer")),
        ("product_description", T("disp.product")),
        ("shipping_documentation", T("disp.shipping_doc")),
        ("refund_policy · refund_policy_disclosure", T("disp.policy")),
        ("refund_refusal_explanation", T("disp.refunds")),
        ("customer_communication", T("disp.communication")),
        ("uncategorized_file", T("disp.files")),
    ]
    story.append(Spacer(1, 6 * mm))
    story.append(c.P(T("disp.contents"), st["h2"]))
    story.append(
        c.data_table(
            ["#", T("disp.what"), "Stripe"],
            [(str(i), title, field) for i, (field, title) in enumerate(sections, 1)],
            [8 * mm, W * 0.45, W - 8 * mm - W * 0.45],
            st,
        )
    )
    story.append(PageBreak())

    # 1. Customer and purchase.
    story += heading(sections[0][0], f"1. {T('disp.customer')}")
    story.append(
        c.fields_table(
            [
                (f"{T('disp.customer_name')} (customer_name)", customer.name),
                (f"{T('disp.customer_email')} (customer_email_address)", customer.email or "—"),
                (
                    f"{T('disp.billing')} (billing_address)",
                    "\n".join(
                        x
                        for x in (customer.address, order.billing_country or customer.country)
                        if x
                    )
                    or "—",
                ),
                (T("disp.shipping_address"), order.shipping_address or customer.address or "—"),
                (
                    T("disp.payment"),
                    " · ".join(x for x in (order.payment_method, order.payment_reference) if x)
                    or "—",
                ),
            ],
            st,
            label_width=58 * mm,
        )
    )
    story.append(c.P(f"{T('disp.receipt')} (receipt)", st["h2"]))
    rows = [
        (
            line.sku,
            line.title + (f" — {line.variant}" if line.variant else ""),
            str(line.quantity),
            money(line.unit_price_minor),
            money(line.unit_price_minor * line.quantity),
        )
        for line in lines
    ]
    for key, value in (
        ("disp.subtotal", order.subtotal_minor),
        ("disp.shipping", order.shipping_minor),
        ("disp.tax", order.tax_minor),
        ("disp.total", order.total_minor),
    ):
        rows.append(("", "", "", T(key), money(value)))
    receipt = c.data_table(
        [T("sku"), T("item"), T("qty"), T("disp.unit_price"), T("amount")],
        rows,
        [24 * mm, W - 24 * mm - 12 * mm - 2 * 30 * mm, 12 * mm, 30 * mm, 30 * mm],
        st,
        right=(2, 3, 4),
    )
    receipt.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (3, len(lines) + 1), (-1, len(lines) + 1), 0.5, c.RULE),
                ("FONTNAME", (0, -1), (-1, -1), c.FONT_BOLD),
            ]
        )
    )
    story.append(receipt)

    # 2. Product description.
    story += heading(sections[1][0], f"2. {T('disp.product')}")
    for line in lines:
        bits = [line.title]
        if line.variant:
            bits.append(line.variant)
        if line.sku:
            bits.append(f"{T('sku')} {line.sku}")
        if line.personalised:
            bits.append(T("disp.personalised"))
        story.append(c.M("• " + c.esc(" — ".join(bits)), st["body"]))

    # 3. Shipping documentation.
    story += heading(sections[2][0], f"3. {T('disp.shipping_doc')}")
    ship_rows = [
        (f"{T('disp.carrier')} (shipping_carrier)", order.carrier or "—"),
        (f"{T('disp.tracking')} (shipping_tracking_number)", order.tracking_number or "—"),
        (
            f"{T('disp.shipping_date')} (shipping_date)",
            D(order.shipped_on) if order.shipped_on else "—",
        ),
        (
            f"{T('disp.shipping_address')} (shipping_address)",
            order.shipping_address or customer.address or "—",
        ),
        (
            T("disp.delivery"),
            T("disp.delivery_text", date=D(order.delivered_on))
            if order.delivered_on
            else T("not_delivered"),
        ),
    ]
    if case.return_tracking:
        ship_rows.append(
            (T("disp.return_shipment"), f"{case.return_carrier} {case.return_tracking}".strip())
        )
    story.append(c.fields_table(ship_rows, st, label_width=58 * mm))

    # 4. Refund policy and its disclosure.
    story += heading(sections[3][0], f"4. {T('disp.policy')}")
    policy_lines = [T("disp.policy_days", days=policy.return_days)]
    if policy.peak is not None:
        policy_lines.append(
            T(
                "disp.policy_peak",
                season=f"{_dm(policy.peak.start_month, policy.peak.start_day, lang)} – "
                f"{_dm(policy.peak.end_month, policy.peak.end_day, lang)}",
                until=_dm(policy.peak.returns_until_month, policy.peak.returns_until_day, lang),
            )
        )
    # The legal withdrawal right is mandatory (CRD art. 25): it is always stated.
    policy_lines += [T("disp.policy_faulty"), T("disp.policy_personalised"), T("disp.policy_legal")]
    for text in policy_lines:
        story.append(c.M("• " + c.esc(text), st["body"]))
    story.append(c.P(f"{T('disp.disclosure')} (refund_policy_disclosure)", st["h2"]))
    story.append(
        c.P(
            T(
                "disp.disclosure_text",
                site=shop.website or shop.name,
                placed=D(order.placed_at.date()),
            ),
            st["body"],
        )
    )

    # 5. Refunds and credits already given.
    story += heading(sections[4][0], f"5. {T('disp.refunds')}")
    if ledger:
        rows = []
        for entry in ledger:
            label = cat.ledger_label(entry.kind, lang)
            if entry.reverses_id:
                label += f" ({T('disp.reversal')})"
            sign = -1 if entry.reverses_id else 1
            direction = DIRECTION[LedgerKind(entry.kind)]
            if direction == Direction.RECOVERED:
                sign = -sign
            rows.append(
                (
                    cat.date_text(entry.entry_date, lang, "medium"),
                    label,
                    entry.memo,
                    entry.reference,
                    money(sign * entry.amount_minor, entry.currency),
                )
            )
        story.append(
            c.data_table(
                [T("date"), T("disp.entry"), "", T("disp.reference_col"), T("amount")],
                rows,
                [28 * mm, 48 * mm, W - 28 * mm - 48 * mm - 28 * mm - 28 * mm, 28 * mm, 28 * mm],
                st,
                right=(4,),
            )
        )
        story.append(Spacer(1, 2 * mm))
        story.append(
            c.M(
                f"<b>{c.esc(T('disp.refunds_total'))}:</b> {c.esc(given_text or T('none'))}",
                st["body"],
            )
        )
    else:
        story.append(c.P(T("disp.refunds_none"), st["body"]))

    # 6. Communication timeline.
    story += heading(sections[5][0], f"6. {T('disp.communication')}")
    story.append(c.P(T("disp.timeline_note"), st["small"]))
    story.append(Spacer(1, 1.5 * mm))
    timeline: list[tuple[datetime, int, str, str]] = []
    for event in CaseEvent.select().where(CaseEvent.case == case):
        timeline.append(
            (
                event.at,
                0,
                cat.status_label(event.to_status, lang) if event.to_status else "",
                event.text,
            )
        )
    for msg in SupplierContact.select().where(SupplierContact.case == case):
        key = "disp.msg_sent" if msg.direction == "sent" else "disp.msg_received"
        what = T(key, channel=msg.channel)
        body = "\n".join(x for x in (msg.subject, msg.body) if x)
        if msg.supplier_reference:
            body += f"\n({msg.supplier_reference})"
        timeline.append((msg.at, 1, what, body))
    timeline.sort(key=lambda t: (t[0], t[1]))
    story.append(
        c.data_table(
            [T("disp.when"), "", T("disp.what")],
            [(cat.datetime_text(at, lang), head, body) for at, _, head, body in timeline],
            [32 * mm, 40 * mm, W - 72 * mm],
            st,
        )
    )

    # 7. Evidence files.
    story += heading(sections[6][0], f"7. {T('disp.files')}")
    items = list(
        Evidence.select(Evidence, EvidenceFile)
        .join(EvidenceFile)
        .where((Evidence.case == case) & Evidence.removed_at.is_null())
        .order_by(Evidence.added_at, Evidence.id)
    )
    skipped: list[str] = []
    shown = 0
    for item in items:
        ev_file = item.file
        path = stored_path(evidence_dir, ev_file.sha256)
        if ev_file.mime not in _PRINTABLE:
            skipped.append(f"{item.original_name} ({ev_file.mime})")
            continue
        image = _image(path, W, 105 * mm)
        if image is None:
            story.append(c.P(T("disp.missing", name=item.original_name), st["small"]))
            continue
        when = (
            T("disp.captured", when=cat.datetime_text(ev_file.captured_at, lang))
            if ev_file.captured_at
            else T("disp.added", when=cat.datetime_text(item.added_at, lang))
        )
        caption = item.caption or item.original_name
        meta = f"{item.original_name} · {when} · {T('disp.supplied_by', who=item.supplied_by)}"
        story.append(
            KeepTogether(
                [
                    image,
                    Spacer(1, 1.5 * mm),
                    c.M(f"<b>{c.esc(caption)}</b>", st["body"]),
                    c.P(meta + f" · SHA-256 {ev_file.sha256[:16]}…", st["small"]),
                    Spacer(1, 5 * mm),
                ]
            )
        )
        shown += 1
    if not shown:
        story.append(c.P(T("disp.files_none"), st["body"]))
    if skipped:
        story.append(c.P(T("disp.skipped", names=", ".join(skipped)), st["small"]))

    footer_left = f"{shop.name} · {T('disp.title')} · {ref} · {case.rma}"

    def footer(canvas, page: int, pages: int) -> None:
        c.draw_footer(canvas, footer_left, T("page", page=page, pages=pages))

    return c.build(story, footer, title=f"{T('disp.title')} {ref}", author=shop.name)


def _dm(month: int, day: int, lang: str) -> str:
    from datetime import date

    from babel.dates import format_date

    return format_date(date(2000, month, day), "d MMMM", locale=lang)


def _image(path: Path, max_w: float, max_h: float):
    """A reportlab Image scaled to fit, or None when the file is missing or unreadable."""
    from reportlab.platypus import Image

    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as im:
            w, h = im.size
    except Exception:  # missing or corrupt: reported on the page instead
        return None
    scale = min(max_w / w, max_h / h, 1.5)
    image = Image(str(path), width=w * scale, height=h * scale)
    image.hAlign = "LEFT"
    return image
