"""$FIELDAPP_STARTUP_PROBE: the client times its start to a usable window, writes it, quits."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace
from fieldapp.ui import app as app_module
from fieldapp.ui import user_log
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.settings_values import SettingsStore
from fieldapp.ui.startup_probe import PROBE_ENV, watch_startup
from tests.ui.sample_data import TODAY

KEYS = {"process_start_to_window_s", "window_shown_s", "first_list_s", "process_start_source"}


def _run_gui_with_probe(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: Path
) -> int:
    monkeypatch.setenv(PROBE_ENV, str(target))
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    monkeypatch.setattr(user_log, "log_folder", lambda: tmp_path / "logs")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    safety = QTimer()  # a probe that never fires must fail the test, not hang it
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: qapp.exit(99))
    safety.start(20_000)
    try:
        settings = SettingsStore(
            QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        )
        return app_module.run_gui(workspace, ["fieldapp"], signed_in=True, settings=settings)
    finally:
        safety.stop()
        for handler in list(logging.getLogger("fieldapp").handlers):
            if isinstance(handler, logging.FileHandler):
                user_log.stop_file_log(handler)


def test_the_window_reports_its_start_and_the_application_ends_cleanly(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "probe" / "startup.json"
    assert _run_gui_with_probe(workspace, tmp_path, monkeypatch, target) == 0
    figures = json.loads(target.read_text(encoding="utf-8"))
    assert set(figures) == KEYS
    assert figures["process_start_source"] == "proc"
    made, shown, listed = (
        figures["process_start_to_window_s"],
        figures["window_shown_s"],
        figures["first_list_s"],
    )
    # The test session started long before: the clock is the process's, not the window's.
    assert 0 < made <= shown
    assert made <= listed
    assert made > 0.5
    assert not (tmp_path / "probe" / "startup.json.partial").exists()
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_a_target_that_cannot_be_written_is_logged_and_the_client_still_quits(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    (target / "startup.json.partial").mkdir()  # in the way of the file the probe writes
    with caplog.at_level(logging.ERROR, logger="fieldapp.ui.startup_probe"):
        code = _run_gui_with_probe(workspace, tmp_path, monkeypatch, target / "startup.json")
    assert code == 0
    assert "cannot write" in caplog.text
    assert not (target / "startup.json").exists()


def test_without_the_variable_there_is_no_probe(
    qtbot: QtBot, views: AssignmentViews, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PROBE_ENV, raising=False)
    window = MainWindow(views, today=lambda: TODAY)
    qtbot.addWidget(window)
    assert watch_startup(window, window.queue.sig_rows_loaded) is None
    monkeypatch.setenv(PROBE_ENV, "   ")
    assert watch_startup(window, window.queue.sig_rows_loaded) is None


def test_the_process_age_counts_from_the_start_of_the_interpreter() -> None:
    # The process sleeps before it even imports the probe: that time must count.
    code = (
        "import time; time.sleep(0.6); "
        "from fieldapp.ui.startup_probe import process_age; print(*process_age())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    age, source = done.stdout.split()
    assert source == "proc"
    assert 0.6 <= float(age) < 30
