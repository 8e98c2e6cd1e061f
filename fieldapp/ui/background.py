"""Running work off the GUI thread and handing its outcome back to the GUI thread by signal."""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from functools import cache
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

T = TypeVar("T")


def report_unexpected(error: BaseException) -> None:
    """The default for failed work: the application's one excepthook shows and logs it."""
    sys.excepthook(type(error), error, error.__traceback__)


@cache
def shared_executor() -> ThreadPoolExecutor:
    """The threads every runner shares: database reads and PDF work, a few at a time."""
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="fieldapp-work")


class Job(QObject):
    """One piece of background work; emits exactly one of its signals, on the GUI thread."""

    sig_succeeded = Signal(object)
    sig_failed = Signal(object)


class BackgroundRunner(QObject):
    """Runs callables on a thread pool; their results arrive as signals on the GUI thread.

    Work must not touch Qt objects: it gets plain data in and hands plain data back.
    """

    # Nothing Qt crosses threads: the work stores its outcome in a dict (behind a lock) and
    # a timer on the GUI thread collects it. Queued signals from pool threads — even with an
    # int — and QThreadPool.start(callable) both corrupted the heap now and then under
    # PySide6 (the notice dialog's tests aborted in about one run in ten); polling did not.
    POLL_MS = 15

    def __init__(self, parent: QObject | None = None, executor: Executor | None = None) -> None:
        super().__init__(parent)
        # A Python pool rather than QThreadPool.start(callable): PySide6 would free the
        # callable's wrapper on the worker thread, another way to hurt the heap.
        self._executor = executor if executor is not None else shared_executor()
        self._running: set[Future[None]] = set()
        self._jobs: dict[int, Job] = {}
        self._outcomes: dict[int, tuple[bool, object]] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._closed = False
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._deliver_finished)

    @property
    def pending(self) -> int:
        """Jobs submitted whose outcome has not been delivered yet."""
        return len(self._jobs)

    def submit(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any] = report_unexpected,
    ) -> Job:
        """Start ``work`` on the pool; ``on_success`` or ``on_failure`` runs on the GUI thread."""
        if self._closed:
            raise RuntimeError("the background runner was shut down")
        number = next(self._numbers)
        job = Job(self)
        job.sig_succeeded.connect(on_success)
        job.sig_failed.connect(on_failure)
        self._jobs[number] = job
        future = self._executor.submit(self._run, number, work)
        if not self._poll.isActive():
            self._poll.start()
        with self._lock:
            self._running.add(future)
        future.add_done_callback(self._finished)
        return job

    @property
    def running(self) -> int:
        """Jobs whose work has not returned yet."""
        with self._lock:
            return len(self._running)

    def wait(self, timeout_ms: int) -> bool:
        """Wait for the work of every submitted job to return; False on timeout."""
        with self._lock:
            running = list(self._running)
        _, late = wait(running, timeout=timeout_ms / 1000)
        return not late

    def _finished(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Forget outcomes not delivered yet and wait for running work; False on timeout."""
        self._closed = True
        for job in self._jobs.values():
            job.deleteLater()
        self._jobs.clear()
        self._poll.stop()
        done = self.wait(timeout_ms)
        with self._lock:
            self._outcomes.clear()
        return done

    def _run(self, number: int, work: Callable[[], object]) -> None:
        try:
            outcome: tuple[bool, object] = (True, work())
        except Exception as error:
            outcome = (False, error)
        with self._lock:
            self._outcomes[number] = outcome

    def _deliver_finished(self) -> None:
        with self._lock:
            finished = sorted(self._outcomes.items())
            self._outcomes.clear()
        for number, (succeeded, value) in finished:
            job = self._jobs.pop(number, None)
            if job is None:
                continue
            try:
                if succeeded:
                    job.sig_succeeded.emit(value)
                else:
                    job.sig_failed.emit(value)
            finally:
                job.deleteLater()
        if not self._jobs:
            self._poll.stop()


class InlineRunner(QObject):
    """The runner's interface for work that must stay on the GUI thread: PDF rendering.

    reportlab and PDFium work on a pool thread beside the event loop corrupted the heap now
    and then (about one notice-dialog test run in ten aborted; run here, none in many), so
    notices render on the GUI thread — a page takes tens of milliseconds — and the outcome
    is still delivered by signal on the next turn of the event loop, like the runner's.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, Job] = {}
        self._numbers = itertools.count(1)
        self._closed = False

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def submit(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any] = report_unexpected,
    ) -> Job:
        if self._closed:
            raise RuntimeError("the runner was shut down")
        number = next(self._numbers)
        job = Job(self)
        job.sig_succeeded.connect(on_success)
        job.sig_failed.connect(on_failure)
        self._jobs[number] = job
        try:
            outcome: tuple[bool, object] = (True, work())
        except Exception as error:
            outcome = (False, error)
        QTimer.singleShot(0, self, lambda: self._deliver(number, outcome))
        return job

    def shutdown(self, timeout_ms: int = 0) -> bool:
        self._closed = True
        for job in self._jobs.values():
            job.deleteLater()
        self._jobs.clear()
        return True

    def _deliver(self, number: int, outcome: tuple[bool, object]) -> None:
        job = self._jobs.pop(number, None)
        if job is None:
            return
        succeeded, value = outcome
        try:
            if succeeded:
                job.sig_succeeded.emit(value)
            else:
                job.sig_failed.emit(value)
        finally:
            job.deleteLater()
