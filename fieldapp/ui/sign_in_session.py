"""What a signed-in session adds to the main window: the lock screen and the idle lock, sign
out, the settings, sync on demand with its status in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.sync.sign_in import sign_out, unsent
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.lock_screen import IdleWatch, LockScreen
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.settings_values import AppSettings, SettingsStore
from fieldapp.ui.sync_controller import SyncController
from fieldapp.ui.sync_status import SyncStatusBar

MINUTE_MS = 60_000


class Session(QObject):
    """Installed into a main window by :meth:`install`; ``sig_signed_out`` when the user
    signs out (the token is forgotten by then, unsent changes kept)."""

    sig_signed_out = Signal()
    sig_locked_changed = Signal(bool)

    def __init__(
        self,
        engine: Engine,
        display_name: str,
        *,
        sync: SyncController | None = None,
        settings: SettingsStore | None = None,
        idle_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.display_name = display_name
        self.sync = sync
        self.settings = settings
        values = settings.load() if settings is not None else AppSettings()
        self.idle = IdleWatch(idle_ms or values.idle_lock_minutes * MINUTE_MS, self)
        self.idle.sig_idle.connect(self.lock)
        self.locked = False
        self.window: QMainWindow | None = None
        self._hidden_dialogs: list[QWidget] = []
        self._disabled_actions: list[QAction] = []

    # Installing

    def install(self, window: QMainWindow, runner: BackgroundRunner) -> None:
        self.window = window
        self.setParent(window)
        content = window.takeCentralWidget()
        assert content is not None, "the window makes its centre first"
        self.content: QWidget = content
        self.pages = QStackedWidget(window)
        self.pages.setObjectName("sessionPages")
        self.pages.addWidget(self.content)
        self.lock_screen = LockScreen(self.engine, self.display_name, runner, self.pages)
        self.lock_screen.sig_unlocked.connect(self.unlock)
        self.lock_screen.sig_sign_out_requested.connect(self.ask_sign_out)
        self.pages.addWidget(self.lock_screen)
        window.setCentralWidget(self.pages)
        self._make_actions(window)
        self._make_menus(window)
        self.sync_status: SyncStatusBar | None = None
        if self.sync is not None:
            self.sync_status = SyncStatusBar(window)
            window.statusBar().addPermanentWidget(self.sync_status)
            self.sync.sig_status_changed.connect(self.sync_status.show_status)
            self.sync_status.show_status(self.sync.status)
        self.idle.start()

    def _make_actions(self, window: QMainWindow) -> None:
        self.action_sync = QAction(self.tr("&Sync now"), window)
        self.action_sync.setObjectName("actionSync")
        self.action_sync.setShortcuts([QKeySequence("F9"), QKeySequence("Ctrl+Shift+S")])
        self.action_sync.setStatusTip(self.tr("Send unsent changes and fetch the news now"))
        self.action_sync.setEnabled(self.sync is not None)
        if self.sync is not None:
            self.action_sync.triggered.connect(self.sync.sync_now)
        self.action_lock = QAction(self.tr("&Lock"), window)
        self.action_lock.setObjectName("actionLock")
        self.action_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.action_lock.setStatusTip(self.tr("Hide the data until the password is entered"))
        self.action_lock.triggered.connect(self.lock)
        self.action_sign_out = QAction(self.tr("Sign &out…"), window)
        self.action_sign_out.setObjectName("actionSignOut")
        self.action_sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action_sign_out.setStatusTip(
            self.tr("Forget this laptop's sign-in; unsent changes stay")
        )
        self.action_sign_out.triggered.connect(self.ask_sign_out)
        self.action_settings = QAction(self.tr("Se&ttings…"), window)
        self.action_settings.setObjectName("actionSettings")
        self.action_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.action_settings.setStatusTip(self.tr("Language, idle lock, sync interval, server"))
        self.action_settings.triggered.connect(self.open_settings)

    def _make_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = _menu(bar.actions()[0]) if bar.actions() else bar.addMenu(self.tr("&File"))
        first = file_menu.actions()[0] if file_menu.actions() else None
        for action in (self.action_settings, self.action_lock, self.action_sign_out):
            file_menu.insertAction(first, action)  # type: ignore[arg-type]
        file_menu.insertSeparator(first)  # type: ignore[arg-type]
        sync_menu = bar.addMenu(self.tr("S&ync"))
        sync_menu.addAction(self.action_sync)

    # Lock

    def lock(self) -> None:
        if self.locked or self.window is None:
            return
        self.locked = True
        window = self.window
        self.idle.stop()
        # Dialogs over the window show data too: hidden while locked, back afterwards.
        self._hidden_dialogs = [w for w in window.findChildren(QDialog) if w.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        # Shortcuts would still reach the hidden sections: every action off but the lock's own.
        self._disabled_actions = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled_actions:
            action.setEnabled(False)
        window.menuBar().setEnabled(False)
        window.statusBar().hide()
        self.lock_screen.reset()
        self.pages.setCurrentWidget(self.lock_screen)
        self.lock_screen.password.setFocus()
        self.sig_locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked or self.window is None:
            return
        self.locked = False
        for action in self._disabled_actions:
            action.setEnabled(True)
        self._disabled_actions = []
        self.window.menuBar().setEnabled(True)
        self.window.statusBar().show()
        self.pages.setCurrentWidget(self.content)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.start()
        self.sig_locked_changed.emit(False)

    # Sign out

    def ask_sign_out(self) -> None:
        count = unsent(self.engine)
        text = self.tr("Sign out of Fieldapp? The next sign-in needs the central store.")
        if count:
            text += "\n\n" + self.tr(
                "{count} unsent change(s) stay on this laptop and are sent after the next sign-in."
            ).format(count=count)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Sign out"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("signOutConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(
            lambda result: self.sign_out() if result == QMessageBox.StandardButton.Yes else None
        )
        box.open()

    def sign_out(self) -> None:
        """Forget the token now (a short local write); the shell shows the sign-in again."""
        if self.sync is not None:
            self.sync.shutdown()
        sign_out(self.engine)
        self.sig_signed_out.emit()

    # Settings

    def open_settings(self) -> None:
        if self.settings is None or self.window is None:
            return
        dialog = SettingsDialog(self.settings.load(), self.window)
        dialog.finished.connect(lambda result: self._settings_done(dialog, result))
        dialog.open()

    def _settings_done(self, dialog: SettingsDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self.settings is not None:
            values = dialog.values()
            self.settings.save(values)
            self.idle.set_idle_ms(values.idle_lock_minutes * MINUTE_MS)
            if self.sync is not None:
                self.sync.set_interval(values.sync_interval_minutes * 60.0)
        dialog.deleteLater()

    def shutdown(self) -> None:
        self.idle.stop()
        if self.sync is not None:
            self.sync.shutdown()


def _menu(action: QAction) -> QMenu:
    menu = action.menu()
    assert isinstance(menu, QMenu)
    return menu
