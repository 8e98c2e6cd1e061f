"""Fixtures of the window tests: a workspace with sample tasks, windows, Chinese, leak checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.ui.gc_guard import collect_on_gui_thread
from fieldapp.ui.i18n import chosen_locale, install_translations, remove_translations
from fieldapp.ui.main_window import MainWindow
from tests.ui.leaks import LeakWatch, fail_on
from tests.ui.sample_data import TODAY, add_samples

LOAD_TIMEOUT_MS = 10_000


@pytest.fixture(scope="package", autouse=True)
def _cycles_collected_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the application (fieldapp/ui/gc_guard.py): no Qt object dies on a pool thread.
    Automatic collection is back on for the tests outside this folder."""
    collector = collect_on_gui_thread(qapp)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _no_leaked_qt_work(monkeypatch: pytest.MonkeyPatch) -> Iterator[LeakWatch]:
    """Fail a test that leaves thread-pool jobs, QTimers or undelivered results behind.

    Autouse fixtures are set up first and torn down last, so pytest-qt has already closed the
    test's widgets (whose closeEvent stops their timers and waits for their jobs) by then.
    """
    watch = LeakWatch(monkeypatch)
    yield watch
    fail_on(watch.problems())


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    add_samples(workspace.engine)
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def views(workspace: Workspace) -> AssignmentViews:
    return AssignmentViews(workspace.engine)


@pytest.fixture
def open_window(qtbot: QtBot, views: AssignmentViews) -> Callable[[], MainWindow]:
    """Opens a main window on the sample data and waits until its first list is loaded."""

    def open_() -> MainWindow:
        window = MainWindow(views, today=lambda: TODAY)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
            window.refresh()
        # The counts came first and asked for the list: nothing else may still be loading.
        assert not window.queue.busy
        return window

    return open_


@pytest.fixture
def chinese(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The interface in Chinese, as FIELDAPP_LANG=zh_CN gives it; English again afterwards."""
    monkeypatch.setenv("FIELDAPP_LANG", "zh_CN")
    previous = QLocale()
    translators = install_translations(qapp, chosen_locale())
    assert translators, "the Chinese translation did not load"
    yield
    remove_translations(qapp, translators)
    QLocale.setDefault(previous)
