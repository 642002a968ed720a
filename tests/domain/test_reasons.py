import pytest

from returnsdesk.domain.reasons import (
    SHOPIFY_CODE,
    Fault,
    Reason,
    Resolution,
    default_fault,
    fault_label,
    is_change_of_mind,
    is_fault_reason,
    reason_from_shopify,
    reason_label,
    reason_requires_note,
    resolution_label,
)

SHOPIFY_CODES = {
    "DEFECTIVE",
    "NOT_AS_DESCRIBED",
    "WRONG_ITEM",
    "SIZE_TOO_LARGE",
    "SIZE_TOO_SMALL",
    "COLOR",
    "STYLE",
    "UNWANTED",
    "OTHER",
}


def test_reason_values_are_stable():
    assert [r.value for r in Reason] == [
        "damaged_in_transit",
        "defective",
        "wrong_item",
        "not_as_described",
        "missing_parts",
        "not_received",
        "arrived_late",
        "size_too_small",
        "size_too_large",
        "colour_style",
        "no_longer_wanted",
        "personalisation_error",
        "other",
    ]
    assert Reason("colour_style") is Reason.COLOUR_STYLE


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        (Reason.DAMAGED_IN_TRANSIT, "Damaged in transit"),
        (Reason.COLOUR_STYLE, "Colour/style"),
        (Reason.PERSONALISATION_ERROR, "Print/personalisation error"),
        (Reason.NO_LONGER_WANTED, "No longer wanted"),
        (Reason.OTHER, "Other"),
    ],
)
def test_reason_labels(reason, label):
    assert reason_label(reason) == label


def test_every_enum_member_has_a_label_and_code():
    for r in Reason:
        assert reason_label(r)
        assert SHOPIFY_CODE[r] in SHOPIFY_CODES
    for f in Fault:
        assert fault_label(f)
    for res in Resolution:
        assert resolution_label(res)
    assert reason_label("defective") == "Defective"  # plain strings from the database work


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        (Reason.DAMAGED_IN_TRANSIT, "DEFECTIVE"),
        (Reason.MISSING_PARTS, "DEFECTIVE"),
        (Reason.PERSONALISATION_ERROR, "DEFECTIVE"),
        (Reason.NOT_RECEIVED, "OTHER"),
        (Reason.ARRIVED_LATE, "OTHER"),
        (Reason.COLOUR_STYLE, "COLOR"),
        (Reason.NO_LONGER_WANTED, "UNWANTED"),
        (Reason.SIZE_TOO_SMALL, "SIZE_TOO_SMALL"),
        (Reason.SIZE_TOO_LARGE, "SIZE_TOO_LARGE"),
        (Reason.WRONG_ITEM, "WRONG_ITEM"),
        (Reason.NOT_AS_DESCRIBED, "NOT_AS_DESCRIBED"),
    ],
)
def test_shopify_code(reason, code):
    assert SHOPIFY_CODE[reason] == code


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("DEFECTIVE", Reason.DEFECTIVE),
        ("defective", Reason.DEFECTIVE),
        (" Color ", Reason.COLOUR_STYLE),
        ("STYLE", Reason.COLOUR_STYLE),
        ("unwanted", Reason.NO_LONGER_WANTED),
        ("SIZE_TOO_SMALL", Reason.SIZE_TOO_SMALL),
        ("WRONG_ITEM", Reason.WRONG_ITEM),
        ("NOT_AS_DESCRIBED", Reason.NOT_AS_DESCRIBED),
        ("OTHER", Reason.OTHER),
        ("SOMETHING_NEW", Reason.OTHER),
        ("", Reason.OTHER),
    ],
)
def test_reason_from_shopify(code, reason):
    assert reason_from_shopify(code) is reason


def test_shopify_round_trip_keeps_the_code():
    for r in Reason:
        code = SHOPIFY_CODE[r]
        assert SHOPIFY_CODE[reason_from_shopify(code)] == code


def test_fault_reasons_and_change_of_mind_are_disjoint():
    faulty = {r for r in Reason if is_fault_reason(r)}
    assert faulty == {
        Reason.DAMAGED_IN_TRANSIT,
        Reason.DEFECTIVE,
        Reason.WRONG_ITEM,
        Reason.NOT_AS_DESCRIBED,
        Reason.MISSING_PARTS,
        Reason.PERSONALISATION_ERROR,
    }
    change = {r for r in Reason if is_change_of_mind(r)}
    assert change == {
        Reason.SIZE_TOO_SMALL,
        Reason.SIZE_TOO_LARGE,
        Reason.COLOUR_STYLE,
        Reason.NO_LONGER_WANTED,
        Reason.OTHER,
    }
    assert not faulty & change


def test_only_other_requires_a_note():
    assert [r for r in Reason if reason_requires_note(r)] == [Reason.OTHER]


@pytest.mark.parametrize(
    ("reason", "fault"),
    [
        (Reason.DEFECTIVE, Fault.SUPPLIER),
        (Reason.WRONG_ITEM, Fault.SUPPLIER),
        (Reason.NOT_AS_DESCRIBED, Fault.SUPPLIER),
        (Reason.MISSING_PARTS, Fault.SUPPLIER),
        (Reason.PERSONALISATION_ERROR, Fault.SUPPLIER),
        (Reason.DAMAGED_IN_TRANSIT, Fault.CARRIER),
        (Reason.NOT_RECEIVED, Fault.CARRIER),
        (Reason.ARRIVED_LATE, Fault.CARRIER),
        (Reason.SIZE_TOO_SMALL, Fault.CUSTOMER),
        (Reason.SIZE_TOO_LARGE, Fault.CUSTOMER),
        (Reason.COLOUR_STYLE, Fault.CUSTOMER),
        (Reason.NO_LONGER_WANTED, Fault.CUSTOMER),
        (Reason.OTHER, Fault.UNKNOWN),
    ],
)
def test_default_fault(reason, fault):
    assert default_fault(reason) is fault


def test_resolution_values_and_labels():
    assert [r.value for r in Resolution] == [
        "refund",
        "partial_refund",
        "store_credit",
        "replacement",
        "exchange",
        "keep_item",
        "refusal",
    ]
    assert resolution_label(Resolution.PARTIAL_REFUND) == "Partial refund"
    assert "keeps" in resolution_label(Resolution.KEEP_ITEM)
    assert [f.value for f in Fault] == ["supplier", "carrier", "customer", "merchant", "unknown"]
