"""Keeping a laptop in sync while it runs: the schedule's decisions carried out."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from fieldapp.sync.client import SyncError, Unreachable
from fieldapp.sync.engine import SyncReport
from fieldapp.sync.schedule import SyncSchedule

log = logging.getLogger(__name__)


def keep_in_sync(
    run_once: Callable[[], SyncReport],
    reachable: Callable[[], bool],
    schedule: SyncSchedule,
    *,
    stop: threading.Event,
    clock: Callable[[], float] = time.monotonic,
    on_report: Callable[[SyncReport], None] = lambda report: None,
    on_error: Callable[[SyncError], None] = lambda error: None,
) -> None:
    """Sync when due; while offline, probe and sync as soon as the store answers again."""
    while not stop.is_set():
        if not schedule.online and reachable():
            schedule.reconnected(clock())
        if schedule.due(clock()):
            try:
                report = run_once()
            except Unreachable as error:
                log.info(
                    "central store unreachable; next try in %.0f s",
                    schedule.failed(clock(), unreachable=True),
                )
                on_error(error)
            except SyncError as error:
                log.warning("sync failed: %s", error.message)
                schedule.failed(clock(), unreachable=False)
                on_error(error)
            else:
                schedule.succeeded(clock())
                on_report(report)
        stop.wait(schedule.wait_s(clock()))
