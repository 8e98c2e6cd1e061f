"""Spotting Qt work a test leaves behind: pool jobs, running QTimers, undelivered results."""

from __future__ import annotations

import traceback
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from fieldapp.ui.background import BackgroundRunner


def _where() -> str:
    # The caller of the patched method, skipping this module's own frames.
    frames = traceback.extract_stack()[:-2]
    return "".join(traceback.format_list(frames[-3:]))


class LeakWatch:
    """Patches QTimer and BackgroundRunner for one test, then reports what is still going."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.timers: list[tuple[QTimer, str]] = []
        self.single_shots: dict[int, str] = {}
        self.runners: list[BackgroundRunner] = []
        start, single_shot, submit = QTimer.start, QTimer.singleShot, BackgroundRunner.submit
        watch = self

        def tracked_start(timer: QTimer, *args: Any) -> None:
            watch.timers.append((timer, _where()))
            start(timer, *args)

        def tracked_single_shot(*args: Any) -> None:
            # Only the (msec, callable) form: it cannot be cancelled, so it must have fired.
            if len(args) == 2 and callable(args[1]):
                number, function = len(watch.single_shots) + 1, args[1]
                watch.single_shots[number] = _where()

                def fire() -> None:
                    watch.single_shots.pop(number, None)
                    function()

                args = (args[0], fire)
            single_shot(*args)

        def tracked_submit(runner: BackgroundRunner, *args: Any, **kwargs: Any) -> Any:
            watch.runners.append(runner)
            return submit(runner, *args, **kwargs)

        monkeypatch.setattr(QTimer, "start", tracked_start)
        monkeypatch.setattr(QTimer, "singleShot", staticmethod(tracked_single_shot))
        monkeypatch.setattr(BackgroundRunner, "submit", tracked_submit)

    def problems(self, wait_ms: int = 5_000) -> list[str]:
        found: list[str] = []
        for runner in dict.fromkeys(self.runners):
            if not runner.wait(wait_ms):
                found.append(
                    f"{runner.running} background job(s) still running {wait_ms} ms after the test"
                )
        for timer, where in self.timers:
            if _alive(timer) and timer.isActive():
                found.append(f"a QTimer is still running; it was started at\n{where}")
        for where in self.single_shots.values():
            found.append(f"a QTimer.singleShot has not fired yet; it was set at\n{where}")
        for runner in dict.fromkeys(self.runners):
            if _alive(runner) and runner.pending:
                found.append(
                    f"{runner.pending} background result(s) not delivered: the test ended "
                    "before waiting for them (qtbot.waitSignal on the job or the view)"
                )
        return found


def _alive(qobject: object) -> bool:
    return bool(shiboken6.isValid(qobject))


def fail_on(problems: list[str]) -> None:
    if problems:
        pytest.fail("the test left Qt work behind:\n- " + "\n- ".join(problems), pytrace=False)
