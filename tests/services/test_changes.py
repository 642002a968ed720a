"""What a write touched: the value the operations layer broadcasts."""

from returnsdesk.services.changes import Area, Changes


def test_naming_a_case_touches_cases_and_only_that_case():
    changes = Changes.of(Area.LEDGER, cases=[3, None])
    assert changes.touches(Area.LEDGER) and changes.touches(Area.CASES)
    assert changes.touches_case(3) and not changes.touches_case(4)


def test_a_case_write_that_names_no_case_may_touch_any():
    assert Changes.of(Area.CASES).touches_case(12)


def test_changes_combine_and_nothing_is_falsy():
    combined = Changes.of(Area.SUPPLIERS) | Changes.of(cases=[1])
    assert combined.areas == {Area.SUPPLIERS, Area.CASES}
    assert combined.case_ids == {1}
    assert not Changes()
    assert Changes.everything().touches(*Area)
