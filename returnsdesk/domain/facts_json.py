"""The facts of one case as JSON (the ``returnsdesk verdict`` contract), and the answer.

Reading refuses unknown keys, bad dates, unknown countries, reasons and kinds with an
InputError naming the field, so a script learns what is wrong from one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from returnsdesk.domain.countries import parse_country
from returnsdesk.domain.deadlines import PeakSeason, zone
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.money import check_currency
from returnsdesk.domain.policy import (
    KINDS,
    CaseFacts,
    Deadline,
    LineFacts,
    StorePolicy,
    SupplierPolicy,
    Verdict,
    compute_deadlines,
    evaluate,
)
from returnsdesk.domain.reasons import Reason

_TOP = {"now", "shop", "supplier", "customer", "order", "case"}
_SHOP = {"country", "time_zone", "return_days", "peak_season", "first_response_hours",
         "follow_up_hours", "evidence_days", "extra_withdrawal_days"}  # fmt: skip
_PEAK = {"placed_from", "placed_to", "returns_until"}
_SUPPLIER = {"return_days", "evidence_days", "follow_up_hours", "restocking_fee_percent"}
_CUSTOMER = {"country"}
_ORDER = {"placed_at", "shipping_country", "shipped_on", "currency", "lines"}
_LINE = {"id", "delivered_on", "personalised", "sealed_hygiene_opened", "perishable", "title"}
_CASE = {"kind", "reason", "opened_at", "lines", "withdrawal_notice_at", "goods_received_on",
         "proof_of_sending_on", "refunded_on", "first_response_at", "last_claim_sent_at",
         "chargeback_due_at"}  # fmt: skip


def _object(
    value: Any, where: str, allowed: set[str], required: set[str] | frozenset[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected an object.")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r}.")
    missing = sorted(k for k in required if value.get(k) is None)
    if missing:
        raise InputError(f"{where}: {missing[0]!r} is required.")
    return value


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a date YYYY-MM-DD.")
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_date(where, value)
    except ValueError:
        return _bad_date(where, value)


def _bad_date(where: str, value: str) -> date:
    raise InputError(f"{where}: {value!r} is not a date YYYY-MM-DD.")


def _required_moment(value: Any, where: str) -> datetime:
    moment = _moment(value, where)
    if moment is None:
        raise InputError(f"{where} is required.")
    return moment


def _moment(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise InputError(f"{where}: expected an ISO 8601 moment with its offset, got {value!r}.")
    return parsed


def _int(value: Any, where: str, default: int, low: int = 0, high: int = 3650) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"{where}: expected a whole number from {low} to {high}.")
    return value


def _bool(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(f"{where}: expected true or false.")
    return value


def _month_day(value: Any, where: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in str(value).split("-"))
    except ValueError:
        raise InputError(f"{where}: expected MM-DD, got {value!r}.") from None
    return month, day


def _peak(value: Any) -> PeakSeason | None:
    if value is None:
        return None
    raw = _object(value, "shop.peak_season", _PEAK, _PEAK)
    start = _month_day(raw["placed_from"], "shop.peak_season.placed_from")
    end = _month_day(raw["placed_to"], "shop.peak_season.placed_to")
    until = _month_day(raw["returns_until"], "shop.peak_season.returns_until")
    try:
        return PeakSeason(*start, *end, *until)
    except ValueError as exc:
        raise InputError(f"shop.peak_season: {exc}.") from None


def _country(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a country code such as FR.")
    return parse_country(value, where)


def read_facts(data: Any) -> tuple[CaseFacts, StorePolicy, SupplierPolicy | None]:
    """The case facts and policies described by a decoded JSON document."""
    top = _object(data, "input", _TOP, {"now", "customer", "order", "case"})
    now = _required_moment(top["now"], "now")
    store = _read_store(_object(top.get("shop") or {}, "shop", _SHOP))
    supplier = None
    if top.get("supplier") is not None:
        supplier = _read_supplier(_object(top["supplier"], "supplier", _SUPPLIER))
    customer = _object(top["customer"], "customer", _CUSTOMER, _CUSTOMER)
    order = _object(top["order"], "order", _ORDER, {"placed_at", "lines"})
    _check_order(order)
    lines = _read_lines(order["lines"])
    case = _object(top["case"], "case", _CASE, {"kind", "reason", "opened_at"})
    if case["kind"] not in KINDS:
        raise InputError(f"case.kind: unknown kind {case['kind']!r}.")
    try:
        reason = Reason(case["reason"])
    except ValueError:
        raise InputError(f"case.reason: unknown reason {case['reason']!r}.") from None
    chosen = case.get("lines") or []
    if not isinstance(chosen, list) or any(str(c) not in {ln.id for ln in lines} for c in chosen):
        raise InputError("case.lines: expected ids of the order's lines.")
    claim = _moment(case.get("last_claim_sent_at"), "case.last_claim_sent_at")
    facts = CaseFacts(
        kind=case["kind"],
        reason=reason,
        placed_at=_required_moment(order["placed_at"], "order.placed_at"),
        customer_country=_country(customer["country"], "customer.country"),
        lines=lines,
        case_line_ids=tuple(str(c) for c in chosen),
        opened_at=_required_moment(case["opened_at"], "case.opened_at"),
        now=now,
        shipped_on=_date(order.get("shipped_on"), "order.shipped_on"),
        first_response_at=_moment(case.get("first_response_at"), "case.first_response_at"),
        claim_sent_at=claim,
        awaiting_supplier_since=claim,
        chargeback_due_at=_moment(case.get("chargeback_due_at"), "case.chargeback_due_at"),
        withdrawal_notice_at=_moment(case.get("withdrawal_notice_at"), "case.withdrawal_notice_at"),
        goods_received_on=_date(case.get("goods_received_on"), "case.goods_received_on"),
        proof_of_sending_on=_date(case.get("proof_of_sending_on"), "case.proof_of_sending_on"),
        refunded_on=_date(case.get("refunded_on"), "case.refunded_on"),
    )
    return facts, store, supplier


def _read_store(shop: dict[str, Any]) -> StorePolicy:
    tz = shop.get("time_zone") or "UTC"
    try:
        zone(tz)
    except ValueError:
        raise InputError(f"shop.time_zone: unknown time zone {tz!r}.") from None
    return StorePolicy(
        return_days=_int(shop.get("return_days"), "shop.return_days", 30),
        peak=_peak(shop["peak_season"]) if "peak_season" in shop else PeakSeason(),
        first_response_hours=_int(
            shop.get("first_response_hours"), "shop.first_response_hours", 24, 0, 8760
        ),
        follow_up_hours=_int(shop.get("follow_up_hours"), "shop.follow_up_hours", 48, 0, 8760),
        evidence_days=_int(shop.get("evidence_days"), "shop.evidence_days", 15),
        extra_withdrawal_days=_int(
            shop.get("extra_withdrawal_days"), "shop.extra_withdrawal_days", 0
        ),
        country=_country(shop["country"], "shop.country") if shop.get("country") else "",
        time_zone=tz,
    )


def _optional_int(raw: dict[str, Any], key: str, high: int = 3650) -> int | None:
    value = raw.get(key)
    return None if value is None else _int(value, f"supplier.{key}", 0, 0, high)


def _read_supplier(raw: dict[str, Any]) -> SupplierPolicy:
    return SupplierPolicy(
        return_days=_optional_int(raw, "return_days"),
        evidence_days=_optional_int(raw, "evidence_days"),
        follow_up_hours=_optional_int(raw, "follow_up_hours", 8760),
        restocking_fee_percent=_int(
            raw.get("restocking_fee_percent"), "supplier.restocking_fee_percent", 0, 0, 100
        ),
    )


def _check_order(order: dict[str, Any]) -> None:
    if order.get("shipping_country"):
        _country(order["shipping_country"], "order.shipping_country")
    if order.get("currency") is not None:
        try:
            check_currency(str(order["currency"]))
        except InputError:
            raise InputError(f"order.currency: unknown currency {order['currency']!r}.") from None


def _read_lines(raw_lines: Any) -> tuple[LineFacts, ...]:
    if not isinstance(raw_lines, list) or not raw_lines:
        raise InputError("order.lines: expected a list of at least one line.")
    lines = []
    for i, raw_line in enumerate(raw_lines):
        where = f"order.lines[{i}]"
        line = _object(raw_line, where, _LINE, {"id"})
        lines.append(
            LineFacts(
                id=str(line["id"]),
                delivered_on=_date(line.get("delivered_on"), f"{where}.delivered_on"),
                personalised=_bool(line.get("personalised"), f"{where}.personalised"),
                sealed_hygiene_opened=_bool(
                    line.get("sealed_hygiene_opened"), f"{where}.sealed_hygiene_opened"
                ),
                perishable=_bool(line.get("perishable"), f"{where}.perishable"),
                title=str(line.get("title") or ""),
            )
        )
    if len({line.id for line in lines}) != len(lines):
        raise InputError("order.lines: two lines have the same id.")
    return tuple(lines)


def _deadline(d: Deadline, lang: str) -> dict[str, Any]:
    return {
        "code": d.code,
        "date": d.due.isoformat() if d.due else None,
        "at": d.due_at.isoformat() if d.due_at else None,
        "state": d.state.value,
        "met_on": d.done_on.isoformat() if d.done_on else None,
        "estimate": d.estimate,
        "text": d.text(lang),
    }


def answer(verdict: Verdict, deadlines: list[Deadline], lang: str = "en") -> dict[str, Any]:
    """The verdict and deadlines as the JSON document ``returnsdesk verdict`` prints."""
    return {
        "verdict": verdict.outcome.value,
        "lines": [{"id": lv.line_id, "verdict": lv.outcome.value} for lv in verdict.lines],
        "rules": [
            {"code": r.code, "decisive": r.decisive, "text": r.text(lang)} for r in verdict.rules
        ],
        "deadlines": [_deadline(d, lang) for d in deadlines],
        "warnings": [{"code": w.code, "text": w.text(lang)} for w in verdict.warnings],
    }


def judge_json(data: Mapping[str, Any], lang: str = "en") -> dict[str, Any]:
    facts, store, supplier = read_facts(data)
    return answer(evaluate(facts, store, supplier), compute_deadlines(facts, store, supplier), lang)
