"""The start-up probe: how long the client takes to a usable main window, for benchmarks.

When $FIELDAPP_STARTUP_PROBE names a file, the first main window, once shown on screen and
with its first list loaded, writes there (JSON, seconds since the process started, so the
interpreter's own start-up counts)::

    {"process_start_to_window_s": …,  # the window made and asked to show
     "window_shown_s": …,             # the window on screen (first exposed)
     "first_list_s": …,               # the queue's first list loaded
     "process_start_source": "…"}     # where the start time came from

and the application then closes the window and quits (exit code 0). Without the variable
nothing happens.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, SignalInstance
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

log = logging.getLogger(__name__)

PROBE_ENV = "FIELDAPP_STARTUP_PROBE"
_IMPORTED_AT = time.monotonic()


def probe_target() -> Path | None:
    """The file the probe writes to, or None when no probe is asked for."""
    value = os.environ.get(PROBE_ENV, "").strip()
    return Path(value).expanduser() if value else None


def process_age() -> tuple[float, str]:
    """Seconds since the operating system started this process, and how that was found.

    Linux: /proc/self/stat (start in clock ticks since boot) against CLOCK_BOOTTIME.
    Windows: GetProcessTimes against the system clock. Elsewhere: since this module was
    imported (which leaves out the interpreter's start-up; said so in the source).
    """
    try:
        if sys.platform.startswith("linux"):
            return _linux_process_age(), "proc"
        if sys.platform == "win32":
            return _windows_process_age(), "GetProcessTimes"
    except (OSError, ValueError, IndexError, AttributeError) as error:
        log.warning("process start time unavailable (%s); timing from the import", error)
    return time.monotonic() - _IMPORTED_AT, "module import"


def _linux_process_age() -> float:
    stat = Path("/proc/self/stat").read_text(encoding="ascii")
    # The command name (field 2) may hold spaces and parentheses: split after the last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    start_ticks = int(fields[19])  # field 22, starttime
    started = start_ticks / os.sysconf("SC_CLK_TCK")
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started


def _windows_process_age() -> float:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    creation, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
    if not kernel32.GetProcessTimes(
        kernel32.GetCurrentProcess(),
        ctypes.byref(creation),
        ctypes.byref(exited),
        ctypes.byref(kernel),
        ctypes.byref(user),
    ):
        raise OSError("GetProcessTimes failed")
    kernel32.GetSystemTimePreciseAsFileTime(ctypes.byref(now))

    def ticks(value: wintypes.FILETIME) -> int:  # 100 ns units
        return (value.dwHighDateTime << 32) | value.dwLowDateTime

    return (ticks(now) - ticks(creation)) / 1e7


class StartupProbe(QObject):
    """Watches one main window until it is on screen with its first list, then reports."""

    def __init__(
        self,
        window: QMainWindow,
        loaded: SignalInstance,
        target: Path,
        *,
        age: Callable[[], tuple[float, str]] = process_age,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self._age = age
        self.figures: dict[str, float | str] = {}
        made, source = age()
        self.figures["process_start_to_window_s"] = round(made, 4)
        self.figures["process_start_source"] = source
        self.done = False
        loaded.connect(self._list_loaded)
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            self._mark("window_shown_s")
        else:
            window.installEventFilter(self)
            if handle is not None:
                handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        exposed = (
            kind == QEvent.Type.Expose and isinstance(watched, QWindow) and watched.isExposed()
        )
        if exposed or (kind == QEvent.Type.Paint and watched is self.window):
            self.window.removeEventFilter(self)
            handle = self.window.windowHandle()
            if handle is not None:
                handle.removeEventFilter(self)
            self._mark("window_shown_s")
        elif kind == QEvent.Type.Show and watched is self.window:
            handle = self.window.windowHandle()
            if handle is not None:
                handle.installEventFilter(self)
        return False

    def _list_loaded(self, _count: int) -> None:
        self._mark("first_list_s")

    def _mark(self, key: str) -> None:
        if key in self.figures or self.done:
            return
        self.figures[key] = round(self._age()[0], 4)
        if "window_shown_s" in self.figures and "first_list_s" in self.figures:
            self.done = True
            self._report()

    def _report(self) -> None:
        try:
            write_figures(self.target, self.figures)
        except OSError as error:
            log.error("start-up probe: cannot write %s: %s", self.target, error)
        # Out of the signal handler first: the window closes (its workers stop), then the
        # application ends with exit code 0.
        QTimer.singleShot(0, self._quit)

    def _quit(self) -> None:
        # Closing the last window ends the application (exit code 0) as a user's closing does;
        # only when something else is still open (a message box) is it ended directly.
        self.window.close()
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if others or not QApplication.quitOnLastWindowClosed():
            for widget in others:
                widget.close()
            QCoreApplication.exit(0)


def write_figures(target: Path, figures: dict[str, float | str]) -> None:
    """Write the figures as JSON, whole or not at all (a reader never sees half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(target)


def watch_startup(window: QMainWindow, loaded: SignalInstance) -> StartupProbe | None:
    """Start the probe on ``window`` if $FIELDAPP_STARTUP_PROBE asks for one.

    Call once the window has been asked to show; ``loaded`` is the signal of its first list.
    """
    target = probe_target()
    return StartupProbe(window, loaded, target) if target is not None else None
