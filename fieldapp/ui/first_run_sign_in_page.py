"""The first run's sign-in page: user name and password, signed in online in the background
through the same SignInAttempt as the sign-in dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage
from sqlalchemy import Engine

from fieldapp.sync.enrolment import Enrolment
from fieldapp.sync.sign_in import MAX_PASSWORD, MAX_USERNAME, How, SignInForm
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.first_run_notice import OfflineNotice
from fieldapp.ui.sign_in_attempt import SignInAttempt, is_offline

ERROR_STYLE = "color: #c62828;"


class SignInPage(QWizardPage):
    """A commit page: Next signs in and goes on only once signed in (no way back after it)."""

    sig_signed_in = Signal(object)  # Enrolment

    def __init__(
        self,
        engine: Engine,
        device_id: str,
        runner: BackgroundRunner,
        server_url: Callable[[], str],
    ) -> None:
        super().__init__()
        self.setObjectName("signInPage")
        self.setCommitPage(True)
        self.server_url = server_url
        self.enrolment: Enrolment | None = None
        self.error: Exception | None = None
        self.attempt = SignInAttempt(engine, device_id, runner, self)
        self.attempt.sig_signed_in.connect(self._signed_in)
        self.attempt.sig_refused.connect(self._refused)
        self.attempt.sig_busy_changed.connect(self._busy_changed)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.store = QLabel(self)
        self.store.setObjectName("signInStore")
        self.username = QLineEdit(self)
        self.username.setObjectName("wizardUsernameField")
        self.username.setMaxLength(MAX_USERNAME * 4)  # too long is refused in words, not cut
        self.password = QLineEdit(self)
        self.password.setObjectName("wizardPasswordField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(MAX_PASSWORD * 2)
        self.message = QLabel(self)
        self.message.setObjectName("wizardSignInMessage")
        self.message.setWordWrap(True)
        self.notice = OfflineNotice(self)
        self.username_label = QLabel(self)
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.store)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self._show_store()
        (self.password if self.username.text() else self.username).setFocus()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.attempt.busy

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Next: signed in already, go on; else start signing in and stay until it answers."""
        if self.enrolment is not None:
            return True
        self.error = None
        self.notice.hide()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Signing in…"))
        form = SignInForm(self.server_url(), self.username.text(), self.password.text())
        self.attempt.start(form)
        return False

    def _signed_in(self, enrolment: Enrolment, _how: How) -> None:
        self.enrolment = enrolment
        self.message.clear()
        self.sig_signed_in.emit(enrolment)

    def _refused(self, error: Exception) -> None:
        self.error = error
        self._show_error()
        self.password.selectAll()
        self.password.setFocus()

    def _show_error(self) -> None:
        if self.error is None:
            return
        if is_offline(self.error):
            self.message.clear()
            self.notice.show_for(self.server_url())
            return
        self.notice.hide()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.attempt.explain(self.error))

    def _busy_changed(self, busy: bool) -> None:
        for field in (self.username, self.password):
            field.setReadOnly(busy)
        self.completeChanged.emit()  # Next (Sign in) off while it runs
        wizard = self.wizard()
        if busy and wizard is not None:
            # No way back to another address while signing in against this one.
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def _show_store(self) -> None:
        self.store.setText(self.tr("Central store: {url}").format(url=self.server_url()))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Sign in"))
        self.setSubTitle(self.tr("With the user name and password of your court account."))
        self.intro.setText(
            self.tr(
                "This first sign-in is online. Afterwards the same password also works "
                "without a network."
            )
        )
        self.username_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.username.setAccessibleName(self.tr("User name"))
        self.password.setAccessibleName(self.tr("Password"))
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self._show_store()
        if self.attempt.busy:
            self.message.setText(self.tr("Signing in…"))
        else:
            self._show_error()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
