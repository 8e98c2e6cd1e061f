"""The sign-in dialog: online against the central store the first time (its address is
remembered), offline against the laptop's own password verifier afterwards."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.sync.client import SyncError, Unreachable
from fieldapp.sync.enrolment import Enrolment, load_enrolment
from fieldapp.sync.sign_in import MAX_PASSWORD, How, SignInForm, SignInRefused, sign_in
from fieldapp.ui.background import BackgroundRunner

ERROR_STYLE = "color: #c62828;"


class SignInDialog(QDialog):
    """Asks for the central store's address, the user name and the password; signs in in
    the background. Accepted: ``enrolment`` and ``how`` (online or offline) are set."""

    def __init__(
        self,
        engine: Engine,
        device_id: str,
        *,
        server_url: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to Fieldapp"))
        self.setAccessibleName(self.tr("Sign in"))
        self.engine = engine
        self.device_id = device_id
        self.runner = BackgroundRunner(self)
        self.enrolment: Enrolment | None = None
        self.how: How | None = None
        self.busy = False
        known = load_enrolment(engine)

        intro = QLabel(self)
        intro.setWordWrap(True)
        if known is not None and known.token:
            intro.setText(
                self.tr(
                    "This laptop is enrolled with the central store. Sign in with your "
                    "password; no network is needed."
                )
            )
        else:
            intro.setText(
                self.tr(
                    "Sign in once online with the central store; afterwards the same "
                    "password also works without a network."
                )
            )
        self.server = QLineEdit(server_url or (known.server_url if known else ""), self)
        self.server.setObjectName("serverField")
        self.server.setAccessibleName(self.tr("Central store address"))
        self.server.setPlaceholderText("https://fieldapp.court.example:8470")
        self.server.setMaxLength(512)
        self.username = QLineEdit(username or (known.username if known else ""), self)
        self.username.setObjectName("usernameField")
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setMaxLength(64)
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordField")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(MAX_PASSWORD)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)

        form = QFormLayout()
        form.addRow(self.tr("Central &store:"), self.server)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = QPushButton(self.tr("&Sign in"), self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        for field in (self.server, self.username, self.password):
            if not field.text():
                field.setFocus()
                break

    def form(self) -> SignInForm:
        return SignInForm(self.server.text(), self.username.text(), self.password.text())

    def try_sign_in(self) -> None:
        if self.busy:
            return
        form = self.form()
        self._set_busy(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Signing in…"))
        engine, device_id = self.engine, self.device_id
        self.runner.submit(
            lambda: sign_in(engine, form, device_id=device_id), self._signed_in, self._refused
        )

    def _signed_in(self, outcome: tuple[Enrolment, How]) -> None:
        self._set_busy(False)
        self.enrolment, self.how = outcome
        self.message.clear()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.explain(error))
        self.password.selectAll()
        self.password.setFocus()

    def explain(self, error: Exception) -> str:
        """The words for why signing in did not go ahead."""
        if isinstance(error, SignInRefused):
            words = {
                "no_server": self.tr("Enter the address of the central store."),
                "bad_server": self.tr(
                    "The address of the central store must look like https://host:port."
                ),
                "no_username": self.tr("Enter your user name."),
                "bad_username": self.tr("This user name is not valid."),
                "no_password": self.tr("Enter your password."),
                "bad_password": self.tr("This password is not valid."),
                "wrong_password": self.tr("The user name or the password is wrong."),
            }
            if error.code == "unsent_changes":
                return self.tr(
                    "Another user has unsent changes on this laptop. They must sign in and "
                    "sync first. ({detail})"
                ).format(detail=error.message)
            return words.get(error.code, error.message)
        if isinstance(error, Unreachable):
            return self.tr(
                "The central store cannot be reached. Check the address and the network; "
                "the first sign-in on a laptop needs them."
            )
        if isinstance(error, SyncError):
            if error.status == 401:
                return self.tr("The user name or the password is wrong.")
            if error.status == 429:
                return self.tr("Too many failed sign-ins: wait a moment, then try again.")
            return self.tr("The central store refused: {message}").format(message=error.message)
        return self.tr("Signing in failed: {error}").format(error=error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.sign_in_button.setEnabled(not busy)
        for field in (self.server, self.username, self.password):
            field.setReadOnly(busy)

    def done(self, result: int) -> None:
        # Closing while a sign-in runs: wait for it (a few seconds at most), leave no thread.
        self.runner.shutdown()
        super().done(result)
