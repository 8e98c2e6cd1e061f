"""The leak check of the autouse fixture: it notices what a careless test leaves running."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from fieldapp.ui.background import BackgroundRunner
from tests.ui.leaks import LeakWatch


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> LeakWatch:
    # A second watch for the test itself; the autouse one still checks the test as a whole.
    return LeakWatch(monkeypatch)


def test_a_running_timer_is_reported(watch: LeakWatch, qtbot: QtBot) -> None:
    timer = QTimer()
    timer.start(60_000)
    problems = watch.problems()
    timer.stop()
    assert len(problems) == 1
    assert "QTimer is still running" in problems[0]
    assert "test_leaks.py" in problems[0]
    assert watch.problems() == []


def test_a_pending_single_shot_is_reported(watch: LeakWatch, qtbot: QtBot) -> None:
    fired: list[bool] = []
    QTimer.singleShot(10, lambda: fired.append(True))
    assert any("singleShot" in problem for problem in watch.problems())
    qtbot.waitUntil(lambda: bool(fired))
    assert watch.problems() == []


def test_running_pool_work_is_reported(watch: LeakWatch, qtbot: QtBot) -> None:
    release = threading.Event()
    runner = BackgroundRunner()
    job = runner.submit(lambda: release.wait(5), lambda _value: None)
    try:
        problems = watch.problems(wait_ms=50)
    finally:
        release.set()
    assert any("background job(s) still running" in problem for problem in problems)
    with qtbot.waitSignal(job.sig_succeeded, timeout=5_000):
        pass
    assert watch.problems() == []


def test_an_undelivered_result_is_reported(watch: LeakWatch, qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    job = runner.submit(lambda: 1, lambda _value: None)
    assert runner.wait(5_000)
    assert any("not delivered" in problem for problem in watch.problems())
    with qtbot.waitSignal(job.sig_succeeded, timeout=5_000):
        pass
    assert watch.problems() == []
