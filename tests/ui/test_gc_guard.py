"""Cycles are collected by a timer on the GUI thread, and never by a worker thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.ui.gc_guard import GuiThreadCollector, collect_on_gui_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_while_the_window_tests_run(qapp: QApplication) -> None:
    assert collect_on_gui_thread(qapp) is collect_on_gui_thread(qapp)
    assert not gc.isenabled()


def test_a_cycle_made_on_a_worker_dies_on_the_gui_thread(qtbot: QtBot) -> None:
    died_on: list[str] = []

    class Watched(QObject):
        def __del__(self) -> None:
            died_on.append(threading.current_thread().name)

    def make_garbage() -> None:
        watched = Watched()
        watched.cycle = watched  # type: ignore[attr-defined]
        for _ in range(5_000):  # past every threshold: automatic collection would run here
            Cycle()

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert died_on == []
    gc.collect(2)  # what the timer does once the counts are past their thresholds
    assert died_on == [threading.main_thread().name]


def test_due_generations_are_collected_by_the_timer(qtbot: QtBot) -> None:
    collector = GuiThreadCollector()
    try:
        for _ in range(3 * gc.get_threshold()[0]):
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        collector.collect_due()
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        collector.deleteLater()
