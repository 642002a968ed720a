"""The returns summary's insight sections: supplier scorecards and customer satisfaction."""

from __future__ import annotations

from collections.abc import Callable

from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.pdf import common as c
from returnsdesk.formats.pdf.summary_page import Page, Story
from returnsdesk.services.report_rows import SatisfactionRow


def scorecards(p: Page) -> Story:
    """Suppliers with claims or cases: approval, reimbursement, reply and money times."""
    st, W = p.st, p.width
    cards = [s for s in p.data.scorecards if s.claims or s.cases]
    if not cards:
        return []
    rows = [
        (
            s.supplier,
            p.count(s.claims),
            p.pct(s.approval_rate),
            p.pct(s.reimbursement_rate),
            p.days(s.median_reply_days),
            p.days(s.median_money_days),
            "\n".join(p.money(v, cur) for cur, v in s.outstanding) or "—",
        )
        for s in cards
    ]
    heads = ["sum.supplier", "rep.claims", "rep.approved", "rep.reimbursed"]
    heads += ["rep.first_reply", "rep.to_money", "rep.outstanding"]
    story = [
        c.P(p.t("rep.scorecards"), st["h1"]),
        c.data_table(
            [p.t(key) for key in heads],
            rows,
            [W * 0.19, W * 0.12, W * 0.11, W * 0.13, W * 0.12, W * 0.12, W * 0.21],
            st,
            right=(1, 2, 3, 4, 5, 6),
        ),
        c.P(p.t("rep.scorecard_note"), st["small"]),
    ]
    flagged = [(s.supplier, f) for s in cards for f in s.flags]
    if flagged:
        story.append(
            c.data_table(
                [p.t("sum.supplier"), p.t("rep.why")],
                [(name, f.reason(p.lang)) for name, f in flagged],
                [W * 0.25, W * 0.75],
                st,
            )
        )
    return story


def satisfaction(p: Page) -> Story:
    """Survey answers: overall marks, then by reason, supplier and resolution."""
    st, W, lang = p.st, p.width, p.lang
    sat = p.data.satisfaction
    story = [c.P(p.t("rep.satisfaction"), st["h1"])]
    if not sat.answers:
        return story + [c.P(p.t("rep.no_answers"), st["body"])]
    rows = [(p.t("rep.answers"), p.count(sat.answers)), (p.t("rep.ease"), p.days(sat.ease))]
    rows.append((p.t("rep.outcome"), p.days(sat.outcome)))
    story.append(c.data_table(["", ""], rows, [W * 0.3, W * 0.15], st, right=(1,)))
    groups: list[tuple[str, Callable[[str], str], tuple[SatisfactionRow, ...]]] = [
        (p.t("sum.reason"), lambda k: cat.reason_text(k, lang), sat.by_reason),
        (p.t("sum.supplier"), lambda k: k or p.t("sum.no_supplier"), sat.by_supplier),
        (
            p.t("rep.resolution"),
            lambda k: cat.resolution_text(k, lang) if k else "—",
            sat.by_resolution,
        ),
    ]
    for title, label, rows_of in groups:
        story.append(
            c.data_table(
                [title, p.t("rep.answers"), p.t("rep.ease"), p.t("rep.outcome")],
                [
                    (label(r.key), p.count(r.answers), p.days(r.ease), p.days(r.outcome))
                    for r in rows_of
                ],
                [W * 0.46, W * 0.14, W * 0.2, W * 0.2],
                st,
                right=(1, 2, 3),
            )
        )
    story.append(c.P(p.t("rep.satisfaction_note"), st["small"]))
    return story
