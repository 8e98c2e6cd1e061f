"""Running work off the GUI thread and handing its outcome back to the GUI thread by signal."""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")


def report_unexpected(error: BaseException) -> None:
    """The default for failed work: the application's one excepthook shows and logs it."""
    sys.excepthook(type(error), error, error.__traceback__)


class Job(QObject):
    """One piece of background work; emits exactly one of its signals, on the GUI thread."""

    sig_succeeded = Signal(object)
    sig_failed = Signal(object)


class BackgroundRunner(QObject):
    """Runs callables on a thread pool; their results arrive as signals on the GUI thread.

    Work must not touch Qt objects: it gets plain data in and hands plain data back.
    """

    # Emitted on a pool thread; the queued connections carry them over to the GUI thread.
    # (Two signals rather than one with a bool flag: PySide6 6.12 drops a reference to
    # True/False on each queued bool argument, which crashes the interpreter at exit.)
    _sig_result = Signal(int, object)
    _sig_error = Signal(int, object)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._jobs: dict[int, Job] = {}
        self._numbers = itertools.count(1)
        self._closed = False
        self._sig_result.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._sig_error.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)

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
        self._pool.start(partial(self._run, number, work))
        return job

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Forget outcomes not delivered yet and wait for running work; False on timeout."""
        self._closed = True
        for job in self._jobs.values():
            job.deleteLater()
        self._jobs.clear()
        return self._pool.waitForDone(timeout_ms)

    def _run(self, number: int, work: Callable[[], object]) -> None:
        # On a pool thread: only emitting a signal is safe here.  RuntimeError on emit: the
        # runner was deleted with its window, so nobody waits for this outcome.
        try:
            result = work()
        except Exception as error:
            with contextlib.suppress(RuntimeError):
                self._sig_error.emit(number, error)
        else:
            with contextlib.suppress(RuntimeError):
                self._sig_result.emit(number, result)

    @Slot(int, object)
    def _deliver_result(self, number: int, result: object) -> None:
        job = self._jobs.pop(number, None)
        if job is not None:
            try:
                job.sig_succeeded.emit(result)
            finally:
                job.deleteLater()

    @Slot(int, object)
    def _deliver_error(self, number: int, error: object) -> None:
        job = self._jobs.pop(number, None)
        if job is not None:
            try:
                job.sig_failed.emit(error)
            finally:
                job.deleteLater()
