"""The one excepthook: unexpected errors are logged to the user log file and shown once."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.ui import excepthook
from fieldapp.ui.user_log import LOG_NAME, start_file_log, stop_file_log


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handler = start_file_log(tmp_path)
    excepthook.install_excepthook(Path(handler.baseFilename))
    yield tmp_path / LOG_NAME
    stop_file_log(handler)


def raised() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        {}["missing"]  # noqa: B018
    except KeyError:
        return sys.exc_info()  # type: ignore[return-value]
    raise AssertionError("unreachable")


def error_dialogs() -> list[QMessageBox]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox)
        and widget.objectName() == "unexpectedErrorDialog"
        and widget.isVisible()
    ]


def test_error_is_logged_and_shown(qtbot: QtBot, log_file: Path) -> None:
    assert sys.excepthook is excepthook.handle_exception
    excepthook.handle_exception(*raised())
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error" in text
    assert "KeyError: 'missing'" in text
    assert "Traceback" in text
    dialogs = error_dialogs()
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    assert str(log_file) in dialog.text()
    assert "KeyError" in dialog.informativeText()
    assert "Traceback" in dialog.detailedText()

    # A second error while the dialog is open is logged, not stacked on the screen.
    excepthook.handle_exception(*raised())
    assert len(error_dialogs()) == 1
    assert log_file.read_text(encoding="utf-8").count("KeyError: 'missing'") == 2
    dialog.close()


def test_error_in_another_thread_is_logged_only(qtbot: QtBot, log_file: Path) -> None:
    def fail() -> None:
        raise ValueError("in a worker")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    assert "ValueError: in a worker" in log_file.read_text(encoding="utf-8")
    assert error_dialogs() == []


def test_keyboard_interrupt_is_left_to_python(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, _error, _tb: seen.append(kind))
    excepthook.handle_exception(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert not log_file.exists() or "KeyboardInterrupt" not in log_file.read_text("utf-8")
