"""The sync schedule: periodic while online, on demand, at once on reconnect, and after
failures an exponential, jittered, capped wait."""

from __future__ import annotations

import random

import pytest

from fieldapp.sync.schedule import SyncSchedule


def schedule() -> SyncSchedule:
    return SyncSchedule(interval_s=300, probe_s=15, base_s=2, cap_s=60, rng=random.Random(7))


def test_a_success_schedules_the_next_sync_an_interval_later() -> None:
    plan = schedule()
    assert plan.due(0)
    plan.succeeded(100)
    assert not plan.due(399.9)
    assert plan.due(400)
    assert plan.wait_s(100) == pytest.approx(300)


def test_on_demand_overrides_the_wait() -> None:
    plan = schedule()
    plan.succeeded(100)
    plan.request(150)
    assert plan.due(150)


def test_failures_back_off_exponentially_with_jitter_up_to_the_cap() -> None:
    plan = schedule()
    bounds = []
    for attempt in range(1, 9):
        delay = plan.failed(0, unreachable=False)
        bound = min(60, 2 * 2 ** (attempt - 1))
        assert 0 <= delay <= bound
        bounds.append(bound)
    assert bounds == [2, 4, 8, 16, 32, 60, 60, 60]
    assert plan.failures == 8


def test_jitter_spreads_laptops_that_failed_together() -> None:
    delays = {
        round(
            SyncSchedule(base_s=2, cap_s=300, rng=random.Random(seed)).failed(0, unreachable=True),
            3,
        )
        for seed in range(200)
    }
    assert len(delays) > 150


def test_offline_the_store_is_probed_often_and_reconnecting_syncs_at_once() -> None:
    plan = schedule()
    for _ in range(6):
        plan.failed(0, unreachable=True)
    assert not plan.online
    assert plan.wait_s(0) <= 15  # probe sooner than the backoff would sync
    plan.reconnected(5)
    assert plan.online
    assert plan.failures == 0
    assert plan.due(5)


def test_a_success_resets_the_backoff() -> None:
    plan = schedule()
    for _ in range(5):
        plan.failed(0, unreachable=False)
    plan.succeeded(10)
    assert plan.failures == 0
    assert plan.failed(20, unreachable=False) <= 2
