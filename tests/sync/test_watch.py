"""The keep-in-sync loop: syncs when due, backs off on failure, syncs at once on reconnect."""

from __future__ import annotations

import random
import threading

from fieldapp.sync.client import Refused, Unreachable
from fieldapp.sync.engine import SyncReport
from fieldapp.sync.schedule import SyncSchedule
from fieldapp.sync.watch import keep_in_sync


def fast_schedule() -> SyncSchedule:
    return SyncSchedule(
        interval_s=0.01, probe_s=0.005, base_s=0.01, cap_s=0.02, rng=random.Random(1)
    )


def test_offline_then_back_online() -> None:
    stop = threading.Event()
    outcomes: list[str] = []
    network = {"up": False}
    runs = {"n": 0}

    def run_once() -> SyncReport:
        runs["n"] += 1
        if not network["up"]:
            if runs["n"] == 3:
                network["up"] = True  # the officer drives back into coverage
            raise Unreachable("no route to host")
        if runs["n"] >= 6:
            stop.set()
        return SyncReport(pulled=runs["n"])

    keep_in_sync(
        run_once,
        lambda: network["up"],
        fast_schedule(),
        stop=stop,
        on_report=lambda report: outcomes.append(f"ok {report.pulled}"),
        on_error=lambda error: outcomes.append("offline"),
    )
    assert outcomes[:3] == ["offline", "offline", "offline"]
    assert outcomes[3:] == ["ok 4", "ok 5", "ok 6"]


def test_a_refused_sync_backs_off_but_keeps_trying() -> None:
    stop = threading.Event()
    schedule = fast_schedule()
    failures: list[int] = []

    def run_once() -> SyncReport:
        failures.append(schedule.failures)
        if len(failures) == 4:
            stop.set()
        raise Refused("the central store refused the request", 400)

    keep_in_sync(run_once, lambda: True, schedule, stop=stop)
    assert failures == [0, 1, 2, 3]
    assert schedule.online  # refused is not offline
