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

from fieldapp.sync.enrolment import Enrolment, load_enrolment
from fieldapp.sync.sign_in import MAX_PASSWORD, How, SignInForm
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.sign_in_attempt import SignInAttempt

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
        self.attempt = SignInAttempt(engine, device_id, self.runner, self)
        self.attempt.sig_signed_in.connect(self._signed_in)
        self.attempt.sig_refused.connect(self._refused)
        self.attempt.sig_busy_changed.connect(self._set_busy)
        self.enrolment: Enrolment | None = None
        self.how: How | None = None
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

    @property
    def busy(self) -> bool:
        return self.attempt.busy

    def try_sign_in(self) -> None:
        if self.busy:
            return
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Signing in…"))
        self.attempt.start(self.form())

    def _signed_in(self, enrolment: Enrolment, how: How) -> None:
        self.enrolment, self.how = enrolment, how
        self.message.clear()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.attempt.explain(error))
        self.password.selectAll()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        for field in (self.server, self.username, self.password):
            field.setReadOnly(busy)

    def done(self, result: int) -> None:
        # Closing while a sign-in runs: wait for it (a few seconds at most), leave no thread.
        self.runner.shutdown()
        super().done(result)
