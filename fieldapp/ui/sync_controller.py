"""Sync in the window: fieldapp.sync's engine on its own thread, started on demand, every few
minutes, at once when the central store answers again, and after failures with exponential
backoff and jitter (fieldapp.sync.schedule decides; a QTimer waits)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine, select

from fieldapp.services.rejected_changes import OutboxCounts, outbox_counts
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.local_tables import SyncState
from fieldapp.storage.types import utcnow
from fieldapp.sync.client import CentralClient, SyncError, Unauthorized, Unreachable
from fieldapp.sync.engine import SyncEngine, SyncReport
from fieldapp.sync.schedule import SyncSchedule
from fieldapp.ui.background import BackgroundRunner

MAX_RUNS = 20
COUNTS_EVERY_MS = 5_000  # unsent changes are counted this often (one indexed query)
PROGRESS_EVERY_MS = 100


class SyncCancelled(Exception):
    """The window is closing: the sync stops at its next safe point (after a commit)."""


@dataclass(frozen=True)
class Connection:
    """Where and as whom the laptop syncs."""

    server_url: str
    token: str
    device_id: str


@dataclass(frozen=True)
class SyncRun:
    started_at: datetime
    finished_at: datetime
    report: SyncReport | None  # None when it failed
    error: str = ""
    kind: str = ""  # of a failure: "unreachable", "signed_out" or "refused"

    @property
    def ok(self) -> bool:
        return self.report is not None


@dataclass(frozen=True)
class Progress:
    phase: str  # "push", "files up", "pull", "files down"
    done: int
    total: int  # 0 when unknown


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None = None  # None: not known yet
    syncing: bool = False
    signed_out: bool = False  # the central store refused the token: sign in again
    counts: OutboxCounts = field(default_factory=lambda: OutboxCounts(0, 0, 0))
    last_success: datetime | None = None
    last_error: str = ""
    progress: Progress | None = None


@dataclass(frozen=True)
class _Stored:
    counts: OutboxCounts
    last_success: datetime | None


class SyncController(QObject):
    """Owns the schedule, the sync thread and the laptop's sync status; never blocks the GUI."""

    sig_status_changed = Signal(object)  # SyncStatus
    sig_synced = Signal(object)  # SyncReport: data changed, the window refreshes
    sig_runs_changed = Signal()

    def __init__(
        self,
        engine: Engine,
        connection: Connection,
        blobs_dir: Path | None,
        *,
        interval_s: float = 300.0,
        schedule: SyncSchedule | None = None,
        clock: Callable[[], float] = time.monotonic,
        make_client: Callable[[Connection], CentralClient] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.connection = connection
        self.store = ContentStore(blobs_dir) if blobs_dir is not None else None
        self.schedule = schedule or SyncSchedule(interval_s=interval_s)
        self.schedule.online = True
        self.clock = clock
        self.make_client = make_client or (lambda c: CentralClient(c.server_url, c.token))
        self.runs: list[SyncRun] = []
        self.status = SyncStatus(signed_out=not connection.token)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-sync")
        # Syncs and probes take their own thread: a long upload holds up no database read.
        self.runner = BackgroundRunner(self, self._executor)
        self._reads = BackgroundRunner(self)
        self._cancel = threading.Event()
        self._progress_lock = threading.Lock()
        self._progress: Progress | None = None
        self._again = False
        self._probing = False
        self._closed = False
        self._started: datetime | None = None
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self._on_tick)
        self._progress_poll = QTimer(self)
        self._progress_poll.setInterval(PROGRESS_EVERY_MS)
        self._progress_poll.timeout.connect(self._show_progress)
        self._counts_poll = QTimer(self)
        self._counts_poll.setInterval(COUNTS_EVERY_MS)
        self._counts_poll.timeout.connect(self.refresh_counts)

    # What the window calls

    def start(self, *, sync_now: bool = True) -> None:
        """Begin: read the stored status, and sync at once or when the interval is up."""
        now = self.clock()
        self.schedule.next_at = now if sync_now else now + self.schedule.interval_s
        self._counts_poll.start()
        self.refresh_counts()
        self._plan()

    def sync_now(self) -> None:
        """On demand (F9): now, whatever the backoff says; after the running one if any."""
        if self._closed or self.status.signed_out:
            return
        self.schedule.request(self.clock())
        if self.status.syncing:
            self._again = True
            return
        self._run()

    def set_interval(self, seconds: float) -> None:
        self.schedule.interval_s = seconds
        if self.schedule.online and not self.status.syncing:
            self.schedule.next_at = min(self.schedule.next_at, self.clock() + seconds)
            self._plan()

    def refresh_counts(self) -> None:
        """Read unsent changes and the last success again (in the background)."""
        if self._closed:
            return
        engine = self.engine
        self._reads.submit(lambda: _read_stored(engine), self._take_stored, self._ignore)

    def shutdown(self, timeout_ms: int = 15_000) -> None:
        """Stop the timers, ask a running sync to stop at its next safe point, and wait."""
        self._closed = True
        self._cancel.set()
        for timer in (self._tick, self._progress_poll, self._counts_poll):
            timer.stop()
        self.runner.shutdown(timeout_ms)
        self._reads.shutdown(timeout_ms)
        self._executor.shutdown(wait=False)

    # The schedule

    def _plan(self) -> None:
        if self._closed or self.status.syncing or self.status.signed_out:
            return
        wait_s = self.schedule.wait_s(self.clock())
        self._tick.start(max(0, int(wait_s * 1000)))

    def _on_tick(self) -> None:
        if self._closed or self.status.syncing:
            return
        now = self.clock()
        if not self.schedule.online:
            self._probe()
        elif self.schedule.due(now):
            self._run()
        else:
            self._plan()

    def _probe(self) -> None:
        if self._probing:
            return
        self._probing = True
        connection, make_client = self.connection, self.make_client

        def reachable() -> bool:
            client = make_client(connection)
            try:
                client.health()
            except SyncError:
                return False
            finally:
                client.close()
            return True

        self.runner.submit(reachable, self._probed, self._probe_failed)

    def _probed(self, answered: bool) -> None:
        self._probing = False
        if answered:
            self.schedule.reconnected(self.clock())
            self._run()
        else:
            self._plan()

    def _probe_failed(self, _error: Exception) -> None:
        self._probing = False
        self._plan()

    # One sync

    def _run(self) -> None:
        if self._closed or self.status.syncing:
            return
        self._tick.stop()
        self._started = utcnow()
        with self._progress_lock:
            self._progress = None
        self._set(syncing=True, progress=None)
        self._progress_poll.start()
        engine, store, connection = self.engine, self.store, self.connection
        make_client, report_progress = self.make_client, self._report_progress

        def sync() -> SyncReport:
            client = make_client(connection)
            try:
                return SyncEngine(
                    engine, client, connection.device_id, store, progress=report_progress
                ).run()
            finally:
                client.close()

        self.runner.submit(sync, self._succeeded, self._failed)

    def _report_progress(self, phase: str, done: int, total: int) -> None:
        """On the sync thread: keep the latest figures for the GUI's poll; stop if closing."""
        with self._progress_lock:
            self._progress = Progress(phase, done, total)
        if self._cancel.is_set():
            raise SyncCancelled("the window is closing")

    def _show_progress(self) -> None:
        with self._progress_lock:
            progress = self._progress
        if progress != self.status.progress:
            self._set(progress=progress)

    def _succeeded(self, report: SyncReport) -> None:
        self._finish(SyncRun(self._started or utcnow(), utcnow(), report))
        self.schedule.succeeded(self.clock())
        self._set(online=True, last_error="", last_success=utcnow())
        self.sig_synced.emit(report)
        self._after()

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, SyncError) else str(error)
        kind = (
            "signed_out"
            if isinstance(error, Unauthorized)
            else "unreachable"
            if isinstance(error, Unreachable)
            else "refused"
        )
        self._finish(SyncRun(self._started or utcnow(), utcnow(), None, message, kind))
        now = self.clock()
        if isinstance(error, Unauthorized):
            self._set(signed_out=True, online=True, last_error=message)
        elif isinstance(error, Unreachable):
            self.schedule.failed(now, unreachable=True)
            self._set(online=False, last_error=message)
        else:
            self.schedule.failed(now, unreachable=False)
            self._set(online=True, last_error=message)
        self._after()

    def _finish(self, run: SyncRun) -> None:
        self._progress_poll.stop()
        self.runs.insert(0, run)
        del self.runs[MAX_RUNS:]
        self._set(syncing=False, progress=None)
        self.sig_runs_changed.emit()

    def _after(self) -> None:
        self.refresh_counts()
        if self._again and not self.status.signed_out:
            self._again = False
            self._run()
        else:
            self._plan()

    # Status

    def _take_stored(self, stored: _Stored) -> None:
        self._set(
            counts=stored.counts, last_success=stored.last_success or self.status.last_success
        )

    def _ignore(self, _error: Exception) -> None:
        """A count that could not be read is shown at the next poll."""

    def _set(self, **changes: object) -> None:
        status = replace(self.status, **changes)  # type: ignore[arg-type]
        if status != self.status:
            self.status = status
            self.sig_status_changed.emit(status)


def _read_stored(engine: Engine) -> _Stored:
    counts = outbox_counts(engine)
    with engine.connect() as connection:
        last = connection.execute(
            select(SyncState.last_success_at).where(SyncState.id == 1)
        ).scalar()
    return _Stored(counts, last)
