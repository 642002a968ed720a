"""A moment in both zones: an unknown zone name is shown without the supplier's time; a
naive moment is a programming error and is not hidden."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from returnsdesk.ui.suppliers.times import both_times, supplier_clock

MOMENT = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_an_unknown_zone_shows_the_users_time_only():
    assert "theirs" not in both_times(MOMENT, "Nowhere/Atlantis")
    assert supplier_clock("Nowhere/Atlantis", MOMENT) == "—"
    assert supplier_clock("Asia/Shanghai", MOMENT) == "20:00 Fri (Asia/Shanghai)"


def test_a_naive_moment_is_not_swallowed():
    with pytest.raises(ValueError, match="aware"):
        supplier_clock("Asia/Shanghai", datetime(2026, 5, 1, 12, 0))
