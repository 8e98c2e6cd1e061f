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
Outcome = tuple[bool, object]  # (succeeded, the result or the exception)


def report_unexpected(error: BaseException) -> None:
    """The default for failed work: the application's one excepthook shows and logs it."""
    sys.excepthook(type(error), error, error.__traceback__)


@cache
def shared_executor() -> ThreadPoolExecutor:
    """The threads every runner shares: database reads, a few at a time."""
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="fieldapp-work")


class Job(QObject):
    """One piece of work; emits exactly one of its signals, on the GUI thread."""

    sig_succeeded = Signal(object)
    sig_failed = Signal(object)


class _Runner(QObject):
    """What both runners share: numbered jobs, delivery of outcomes, shutting down."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, Job] = {}
        self._numbers = itertools.count(1)
        self._closed = False

    @property
    def pending(self) -> int:
        """Jobs submitted whose outcome has not been delivered yet."""
        return len(self._jobs)

    def _new_job(
        self, on_success: Callable[[Any], Any], on_failure: Callable[[Exception], Any]
    ) -> tuple[int, Job]:
        if self._closed:
            raise RuntimeError("the runner was shut down")
        number = next(self._numbers)
        job = Job(self)
        job.sig_succeeded.connect(on_success)
        job.sig_failed.connect(on_failure)
        self._jobs[number] = job
        return number, job

    def _deliver(self, number: int, outcome: Outcome) -> None:
        job = self._jobs.pop(number, None)
        if job is None:
            return  # forgotten at shutdown
        succeeded, value = outcome
        try:
            if succeeded:
                job.sig_succeeded.emit(value)
            else:
                job.sig_failed.emit(value)
        finally:
            job.deleteLater()

    def _forget_jobs(self) -> None:
        self._closed = True
        for job in self._jobs.values():
            job.deleteLater()
        self._jobs.clear()


def _outcome(work: Callable[[], object]) -> Outcome:
    try:
        return (True, work())
    except Exception as error:
        return (False, error)


class BackgroundRunner(_Runner):
    """Runs callables on a thread pool; their results arrive as signals on the GUI thread.

    Work must not touch Qt objects: it gets plain data in and hands plain data back. Nothing
    Qt crosses threads either: a Python pool runs the work (not QThreadPool.start(callable),
    whose wrapper PySide6 frees on the worker), the outcome waits in a dict behind a lock,
    and a timer on the GUI thread collects it while jobs are out.
    """

    POLL_MS = 15

    def __init__(self, parent: QObject | None = None, executor: Executor | None = None) -> None:
        super().__init__(parent)
        self._executor = executor if executor is not None else shared_executor()
        self._running: set[Future[None]] = set()
        self._outcomes: dict[int, Outcome] = {}
        # The work of each job until its outcome is delivered. The pool thread drops its own
        # reference when the work returns; were it the last one, whatever the work holds (a
        # widget, a model) would be destroyed on that thread, beside the GUI thread using it.
        self._work: dict[int, Callable[[], object]] = {}
        self._lock = threading.Lock()
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._deliver_finished)

    def submit(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any] = report_unexpected,
    ) -> Job:
        """Start ``work`` on the pool; ``on_success`` or ``on_failure`` runs on the GUI thread."""
        number, job = self._new_job(on_success, on_failure)
        self._work[number] = work
        future = self._executor.submit(self._run, number, work)
        with self._lock:
            self._running.add(future)
        future.add_done_callback(self._finished)
        if not self._poll.isActive():
            self._poll.start()
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

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Forget outcomes not delivered yet and wait for running work; False on timeout."""
        self._forget_jobs()
        self._poll.stop()
        done = self.wait(timeout_ms)
        with self._lock:
            self._outcomes.clear()
        if done:
            self._work.clear()  # every work has returned: released here, on the GUI thread
        return done

    def _run(self, number: int, work: Callable[[], object]) -> None:
        outcome = _outcome(work)
        with self._lock:
            self._outcomes[number] = outcome

    def _finished(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    def _deliver_finished(self) -> None:
        with self._lock:
            finished = sorted(self._outcomes.items())
            self._outcomes.clear()
        for number, outcome in finished:
            self._work.pop(number, None)
            self._deliver(number, outcome)
        if not self._jobs:
            self._poll.stop()


class InlineRunner(_Runner):
    """The runner's interface for work that must stay on the GUI thread: notice PDFs.

    reportlab and PDFium work on a pool thread beside the event loop corrupted the heap now
    and then (about one notice-dialog test run in ten aborted in malloc_consolidate, with or
    without PDFium, whether outcomes came by queued signal or by polling); run here, none did
    in dozens of runs. A page takes tens of milliseconds. The outcome is still delivered by
    signal on the next turn of the event loop, like the background runner's.
    """

    def submit(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any] = report_unexpected,
    ) -> Job:
        number, job = self._new_job(on_success, on_failure)
        outcome = _outcome(work)
        QTimer.singleShot(0, self, lambda: self._deliver(number, outcome))
        return job

    def shutdown(self, timeout_ms: int = 0) -> bool:
        self._forget_jobs()
        return True
