"""Store policy history: every case is judged by the policy in force when its order was
placed (Consumer Rights Directive art. 6(1)(h): the terms given before the contract bind)."""

from __future__ import annotations

from datetime import date

from returnsdesk.domain.policy import StorePolicy
from returnsdesk.services import settings


def test_no_policy_recorded_gives_the_default(store):
    assert settings.store_policy() == StorePolicy()
    assert settings.store_policy(date(2026, 1, 1)) == StorePolicy()
    assert settings.store_policy_history() == []


def test_policy_in_force_on_the_order_day(store, now):
    settings.save_store_policy(StorePolicy(return_days=30, published_text="30 days"), now=now)
    settings.save_store_policy(
        StorePolicy(return_days=14, published_text="14 days"),
        effective_from=date(2026, 6, 1),
        now=now,
    )
    assert settings.store_policy(date(2026, 5, 31)).return_days == 30
    assert settings.store_policy(date(2026, 6, 1)).return_days == 14
    assert settings.store_policy().return_days == 14  # the latest
    # An order older than every recorded version is judged by the first one known.
    assert settings.store_policy(date(2020, 1, 1)).published_text == "30 days"
    history = settings.store_policy_history()
    assert [v.effective_from for v in history] == [date.min, date(2026, 6, 1)]


def test_saving_again_for_the_same_day_replaces_that_version_only(store, now):
    settings.save_store_policy(StorePolicy(return_days=30), now=now)
    settings.save_store_policy(StorePolicy(return_days=20), effective_from=date(2026, 6, 1))
    settings.save_store_policy(StorePolicy(return_days=21), effective_from=date(2026, 6, 1))
    assert [v.policy.return_days for v in settings.store_policy_history()] == [30, 21]


def test_peak_season_and_flags_round_trip(store, now):
    policy = StorePolicy(peak=None, shown_at_checkout=True, published_text="Retours: 30 j ✓")
    settings.save_store_policy(policy, now=now)
    assert settings.store_policy() == policy
