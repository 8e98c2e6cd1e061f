"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate past its threshold. When that is a
worker (a database read, a sync), a Qt object caught in a reference cycle — a closed dialog, a
section's model — is destroyed there, beside the GUI thread that may be painting it: the
process then dies later in Qt with a segmentation fault, far from the cause (seen twice in the
test suite, both times inside Qt's event loop while two reads ran on the pool). So automatic
collection is switched off and a timer on the GUI thread collects the generations that are
due, with the thresholds automatic collection would have used.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 250


class GuiThreadCollector(QObject):
    """While it lives (and runs), cycles are collected on the GUI thread and nowhere else."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects freed."""
        young, middle, old = gc.get_count()
        first, second, third = self._thresholds
        if young <= first:
            return 0
        if middle <= second:
            return gc.collect(0)
        if old <= third:
            return gc.collect(1)
        return gc.collect(2)


_installed: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Start the collector, once per process, as a child of ``app`` (the QApplication)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
        _installed.start()
    return _installed
