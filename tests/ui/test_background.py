"""The background helper: work runs on a pool thread, its outcome arrives on the GUI thread."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from fieldapp.ui.background import BackgroundRunner


class Boom(Exception):
    pass


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    worker_threads: list[int] = []
    delivered_on: list[bool] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    def done(value: int) -> None:
        delivered_on.append(QThread.currentThread() is QCoreApplication.instance().thread())

    job = runner.submit(work, done)
    assert runner.pending == 1
    with qtbot.waitSignal(job.sig_succeeded, timeout=5_000) as blocker:
        pass
    assert blocker.args == [42]
    assert worker_threads != [threading.get_ident()]
    assert delivered_on == [True]
    assert runner.pending == 0


def test_failure_arrives_as_the_exception(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    failures: list[Exception] = []

    def work() -> None:
        raise Boom("disk on fire")

    job = runner.submit(work, lambda _value: None, failures.append)
    with qtbot.waitSignal(job.sig_failed, timeout=5_000):
        pass
    assert len(failures) == 1
    assert isinstance(failures[0], Boom)
    # The traceback travels along, for the log.
    assert failures[0].__traceback__ is not None


def test_unhandled_failure_goes_to_the_excepthook(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[BaseException] = []

    def hook(_type: type[BaseException], error: BaseException, _tb: TracebackType | None) -> None:
        seen.append(error)

    monkeypatch.setattr(sys, "excepthook", hook)
    runner = BackgroundRunner()

    def work() -> None:
        raise Boom("unexpected")

    job = runner.submit(work, lambda _value: None)
    with qtbot.waitSignal(job.sig_failed, timeout=5_000):
        pass
    assert [type(error) for error in seen] == [Boom]


def test_shutdown_drops_undelivered_results(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    delivered: list[object] = []
    runner.submit(lambda: 1, delivered.append)
    assert runner.shutdown(5_000) is True
    qtbot.wait(50)
    assert delivered == []
    assert runner.pending == 0
    with pytest.raises(RuntimeError, match="shut down"):
        runner.submit(lambda: 2, delivered.append)


def test_outcomes_of_many_jobs_each_reach_their_own_callback(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    results: dict[int, int] = {}
    for number in range(20):
        runner.submit(lambda n=number: n * n, lambda value, n=number: results.__setitem__(n, value))
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5_000)
    assert results == {n: n * n for n in range(20)}
