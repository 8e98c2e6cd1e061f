"""One sign-in at a time, in the background, with the reasons for a refusal in words: shared by
the sign-in dialog and the first-run wizard's sign-in page."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from fieldapp.sync.client import SyncError, Unreachable, UpgradeRequired
from fieldapp.sync.enrolment import Enrolment
from fieldapp.sync.sign_in import How, SignInForm, SignInRefused, sign_in
from fieldapp.ui.background import BackgroundRunner


def is_offline(error: Exception) -> bool:
    """No answer at all from the central store (not an answer that refuses)."""
    return isinstance(error, Unreachable) and error.status is None


class SignInAttempt(QObject):
    """``start`` signs in on the runner's thread pool; then ``sig_signed_in(enrolment, how)``
    or ``sig_refused(error)`` (worded by :meth:`explain`). Nothing runs twice at once."""

    sig_signed_in = Signal(object, object)  # Enrolment, How
    sig_refused = Signal(object)  # the Exception
    sig_busy_changed = Signal(bool)

    def __init__(
        self,
        engine: Engine,
        device_id: str,
        runner: BackgroundRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.device_id = device_id
        self.runner = runner
        self.busy = False

    def start(self, form: SignInForm) -> bool:
        """False (and nothing started) while a sign-in already runs."""
        if self.busy:
            return False
        self._set_busy(True)
        engine, device_id = self.engine, self.device_id
        self.runner.submit(
            lambda: sign_in(engine, form, device_id=device_id), self._signed_in, self._refused
        )
        return True

    def _signed_in(self, outcome: tuple[Enrolment, How]) -> None:
        self._set_busy(False)
        enrolment, how = outcome
        self.sig_signed_in.emit(enrolment, how)

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        self.sig_refused.emit(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.sig_busy_changed.emit(busy)

    def explain(self, error: Exception) -> str:
        """The words for why signing in did not go ahead (in the language installed now)."""
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
        if isinstance(error, UpgradeRequired):
            return self.tr(
                "This laptop's Fieldapp is too old for the central store: ask the court's IT "
                "staff for the new version."
            )
        if isinstance(error, Unreachable):
            if error.status is not None:
                return self.tr(
                    "The central store answered with an error ({status}): it may be starting "
                    "or out of order. Try again in a few minutes."
                ).format(status=error.status)
            return self.tr(
                "The central store cannot be reached. Check the address and the network; "
                "the first sign-in on a laptop needs them."
            )
        if isinstance(error, SyncError):
            return self._store_refusal(error)
        return self.tr("Signing in failed: {error}").format(error=error)

    def _store_refusal(self, error: SyncError) -> str:
        # The central store's refusal codes (fieldapp/server/accounts.py), each in words.
        words = {
            "bad_credentials": self.tr("The user name or the password is wrong."),
            "locked": self.tr("Too many failed sign-ins: wait a moment, then try again."),
            "inactive": self.tr("This account is disabled: ask the court's IT staff."),
            "device_taken": self.tr(
                "This laptop is enrolled for another user: an administrator must release it first."
            ),
            "device_revoked": self.tr(
                "This laptop was withdrawn from Fieldapp: ask an administrator."
            ),
            "signing_key_changed": self.tr(
                "This laptop's signing key changed since its last sign-in: ask an "
                "administrator before going on."
            ),
        }
        if error.code in words:
            return words[error.code]
        if error.status == 401:
            return words["bad_credentials"]
        if error.status == 429:
            return words["locked"]
        return self.tr("The central store refused: {message}").format(message=error.message)
