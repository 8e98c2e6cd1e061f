"""Locking the window: a watch on the user's input that says when they have been idle too long,
and the lock screen that covers the window's data until the password is entered again."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.sync.sign_in import unlock
from fieldapp.ui.background import BackgroundRunner

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatch(QObject):
    """Emits ``sig_idle`` once the application has had no keyboard, mouse or touch input for
    ``idle_ms``. The event filter only notes the time; a slow timer compares."""

    sig_idle = Signal()

    def __init__(
        self,
        idle_ms: int,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.idle_ms = max(1, idle_ms)
        self.clock = clock
        self._last = clock()
        self._check = QTimer(self)
        self._check.setInterval(max(50, min(15_000, self.idle_ms // 4)))
        self._check.timeout.connect(self._compare)
        self._app: QApplication | None = None

    def start(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._app is None:
            app.installEventFilter(self)
            self._app = app
        self.touch()
        self._check.start()

    def stop(self) -> None:
        self._check.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def touch(self) -> None:
        self._last = self.clock()

    def set_idle_ms(self, idle_ms: int) -> None:
        self.idle_ms = max(1, idle_ms)
        self._check.setInterval(max(50, min(15_000, self.idle_ms // 4)))
        self.touch()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last = self.clock()
        return False

    def _compare(self) -> None:
        if (self.clock() - self._last) * 1000 >= self.idle_ms:
            self._check.stop()
            self.sig_idle.emit()


class LockScreen(QWidget):
    """Covers the window while it is locked: who is signed in, the password, sign out."""

    sig_unlocked = Signal()
    sig_sign_out_requested = Signal()

    def __init__(
        self,
        engine: Engine,
        display_name: str,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAccessibleName(self.tr("Lock screen"))
        self.engine = engine
        self.runner = runner
        self.checking = False
        title = QLabel(self.tr("Fieldapp is locked"), self)
        title.setObjectName("lockTitle")
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = QLabel(
            self.tr("Signed in as {name}. Enter your password to go on.").format(name=display_name),
            self,
        )
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setMaxLength(1024)
        self.password.returnPressed.connect(self.try_unlock)
        self.message = QLabel(self)
        self.message.setObjectName("lockMessage")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setAccessibleName(self.tr("Unlock message"))
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button = QPushButton(self.tr("Sign &out"), self)
        self.sign_out_button.setObjectName("lockSignOutButton")
        self.sign_out_button.setAccessibleName(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(self.sig_sign_out_requested)

        form = QFormLayout()
        form.addRow(self.tr("&Password:"), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_out_button)
        buttons.addWidget(self.unlock_button)
        box = QWidget(self)
        box.setMinimumWidth(400)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(who)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setAutoFillBackground(True)

    def reset(self) -> None:
        self.password.clear()
        self.message.clear()
        self.password.setFocus()

    def try_unlock(self) -> None:
        if self.checking:
            return
        password = self.password.text()
        if not password:
            self.message.setText(self.tr("Enter your password."))
            return
        self.checking = True
        self.unlock_button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        engine = self.engine
        # Argon2 takes a noticeable moment on purpose: not on the GUI thread.
        self.runner.submit(lambda: unlock(engine, password), self._checked, self._failed)

    def _checked(self, right: bool) -> None:
        self.checking = False
        self.unlock_button.setEnabled(True)
        if right:
            self.password.clear()
            self.message.clear()
            self.sig_unlocked.emit()
        else:
            self.password.selectAll()
            self.message.setText(self.tr("That password is wrong. Try again."))

    def _failed(self, error: Exception) -> None:
        self.checking = False
        self.unlock_button.setEnabled(True)
        self.message.setText(
            self.tr("The password could not be checked: {error}").format(error=error)
        )
