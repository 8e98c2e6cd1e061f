"""Going through the first-run wizard as a person would (shared by the window tests)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from fieldapp.ui.first_run_wizard import FirstRunWizard

TIMEOUT_MS = 15_000


def click(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible(), which
    assert button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def submit_sign_in(qtbot: QtBot, wizard: FirstRunWizard, username: str, password: str) -> None:
    """On the sign-in page: type, press Sign in, wait for the answer."""
    page = wizard.sign_in_page
    assert wizard.currentPage() is page
    page.username.setText(username)
    page.password.setText(password)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: not page.attempt.busy, timeout=TIMEOUT_MS)


def finish_first_run(qtbot: QtBot, wizard: FirstRunWizard, username: str, password: str) -> None:
    """From wherever the wizard is (before signing in) with its address filled: sign in and
    Finish."""
    if wizard.currentPage() is wizard.language_page:
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    if wizard.currentPage() is wizard.store_page:
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    submit_sign_in(qtbot, wizard, username, password)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=TIMEOUT_MS)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
