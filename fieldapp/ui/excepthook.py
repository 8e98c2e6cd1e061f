"""The one handler of unexpected errors: it logs them to the log file and shows a dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


class _Installed:
    """What the hook needs between calls: the log file to name, the dialog on screen."""

    log_file: Path | None = None
    dialog: QMessageBox | None = None


def install_excepthook(log_file: Path | None) -> None:
    """Make ``handle_exception`` the handler of errors nobody caught (``log_file`` is shown)."""
    _Installed.log_file = log_file
    sys.excepthook = handle_exception
    threading.excepthook = _handle_thread_exception


def handle_exception(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, error, tb)
        return
    log.critical("unexpected error", exc_info=(exc_type, error, tb))
    app = QApplication.instance()
    # A dialog can only be made on the GUI thread; elsewhere the log entry must do.
    if isinstance(app, QApplication) and QThread.currentThread() is app.thread():
        _show_dialog(exc_type, error, tb)


def _handle_thread_exception(args: threading.ExceptHookArgs) -> None:
    handle_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)


def _show_dialog(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    current = _Installed.dialog
    if current is not None and current.isVisible():
        # One dialog at a time: a burst of the same failure must not bury the window.
        return
    translate = QCoreApplication.translate
    text = translate(
        "ExceptHook",
        "Something went wrong, and Fieldapp could not finish what it was doing.\n"
        "Your saved work is safe. If this happens again, please tell your administrator.",
    )
    log_file = _Installed.log_file
    if log_file is not None:
        text += "\n\n" + translate("ExceptHook", "The details were written to {path}.").format(
            path=log_file
        )
    dialog = QMessageBox(
        QMessageBox.Icon.Critical, translate("ExceptHook", "Unexpected error"), text
    )
    dialog.setObjectName("unexpectedErrorDialog")
    dialog.setAccessibleName(translate("ExceptHook", "Unexpected error"))
    dialog.setInformativeText(f"{exc_type.__name__}: {error}")
    dialog.setDetailedText("".join(traceback.format_exception(exc_type, error, tb)))
    dialog.setModal(True)
    # Shown without a nested event loop: the hook may run inside any slot.
    dialog.show()
    _Installed.dialog = dialog
