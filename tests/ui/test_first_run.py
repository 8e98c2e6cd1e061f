"""The first-run wizard: the language applies at once, every bad address is named with Next
off, an unreachable store gets the offline notice, and against the real central store a wrong
password is refused and a right one opens the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from fieldapp import __version__
from fieldapp.domain.enums import Role
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.sync.enrolment import load_enrolment
from fieldapp.ui.app import Shell
from fieldapp.ui.first_run_wizard import FirstRunWizard
from fieldapp.ui.i18n import switch_language
from fieldapp.ui.settings_values import AppSettings, SettingsStore
from tests.support.central_process import CentralProcess, free_port
from tests.ui import central_fixtures
from tests.ui.first_run_steps import TIMEOUT_MS, click, submit_sign_in

central = central_fixtures.central
cheap_argon2 = central_fixtures.cheap_argon2

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
Make = Callable[..., FirstRunWizard]


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """English to start with, and again afterwards whatever the test switched to."""
    previous = QLocale()
    switch_language(qapp, ENGLISH)
    yield
    switch_language(qapp, ENGLISH)
    QLocale.setDefault(previous)


@pytest.fixture
def settings(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "laptop")
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def make_wizard(qtbot: QtBot, laptop: Workspace, settings: SettingsStore, english: None) -> Make:
    def make(url: str = "") -> FirstRunWizard:
        if url:
            settings.save(AppSettings(server_url=url))
        wizard = FirstRunWizard(laptop.engine, laptop.device_id, laptop.data_dir, settings)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def _to_store_page(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.store_page


def test_the_language_applies_at_once_and_is_kept(
    qtbot: QtBot, make_wizard: Make, settings: SettingsStore
) -> None:
    wizard = make_wizard()
    page = wizard.language_page
    assert page.english.isChecked()  # the language installed now (the system's by default)
    assert page.title() == "Welcome to Fieldapp"
    page.chinese.click()  # as a click on the button's label does
    qtbot.waitUntil(lambda: page.title() == "欢迎使用 Fieldapp", timeout=5_000)
    assert settings.load().language == "zh_CN"
    assert wizard.windowTitle() == "设置 Fieldapp"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "下一步(&N) >"
    assert wizard.store_page.title() == "中心服务器"  # pages not shown yet too
    assert wizard.done_page.title() == "设置完成"
    _to_store_page(qtbot, wizard)
    wizard.store_page.address_field.setText("court.example:8470")
    assert wizard.store_page.message.text().startswith("地址须以 https:// 开头")
    # Back to English: the message on the page follows as well.
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    page.english.click()
    qtbot.waitUntil(lambda: page.title() == "Welcome to Fieldapp", timeout=5_000)
    assert settings.load().language == "en"
    assert wizard.store_page.message.text().startswith("The address must start with https://")
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Cancel"


def test_the_first_choice_follows_the_language_in_use(
    qapp: QApplication, make_wizard: Make
) -> None:
    switch_language(qapp, CHINESE)
    wizard = make_wizard()
    assert wizard.language_page.chinese.isChecked()
    assert wizard.language_page.title() == "欢迎使用 Fieldapp"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Enter the address of the central store"),
        ("     ", "Enter the address of the central store"),
        ("court.example:8470", "must start with https:// — for example https://court.example:8470"),
        ("not a url", "no spaces"),
        ("hello", "not a web address"),
        ("ftp://court.example", "must start with https://"),
        ("https://court.example/fieldapp?user=a&x=1", "no ? or # part"),
        ("https://" + "a" * 2000, "too long"),
        ("http://court.example:8470", "plain http would send your password"),
        ("https://admin:secret@court.example", "must not contain a user name or password"),
        ("https://court.example:99999", "from 1 to 65535"),
        ("https://court.example:8470/api/v1/health", "without /api/"),
    ],
)
def test_a_bad_address_is_named_and_next_stays_off(
    qtbot: QtBot, make_wizard: Make, text: str, words: str
) -> None:
    wizard = make_wizard("https://court.example:8470")
    _to_store_page(qtbot, wizard)
    page = wizard.store_page
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.address_field.setText(text)
    assert page.address_field.text() == text  # kept as typed, not cut
    assert words in page.message.text()
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not page.check_button.isEnabled()
    page.address_field.setText("https://court.example:8470")
    assert page.message.text() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_plain_http_to_this_laptop_is_allowed_with_a_warning(
    qtbot: QtBot, make_wizard: Make
) -> None:
    wizard = make_wizard()
    _to_store_page(qtbot, wizard)
    wizard.store_page.address_field.setText("http://localhost:8470")
    assert wizard.store_page.message.text().startswith("Warning: this address is not encrypted")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_an_unreachable_store_shows_the_offline_notice(qtbot: QtBot, make_wizard: Make) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    wizard = make_wizard(url)
    _to_store_page(qtbot, wizard)
    page = wizard.store_page
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.checking, timeout=TIMEOUT_MS)
    assert page.notice.isVisible()
    notice = page.notice.plain_text()
    assert f"{url} cannot be reached" in notice
    assert "needs the court network once" in notice  # what it means
    assert "VPN" in notice  # what to check
    assert "IT staff" in notice
    assert "Nothing is lost" in notice
    assert page.address_field.text() == url
    # Typing another address puts the notice away: it was about the old one.
    page.address_field.setText(url + "1")
    assert not page.notice.isVisible()
    page.address_field.setText(url)
    # Going on anyway: the sign-in cannot reach it either, and says so the same way.
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    submit_sign_in(qtbot, wizard, "officer11", DEMO_PASSWORD)
    assert wizard.currentPage() is wizard.sign_in_page
    assert wizard.sign_in_page.notice.isVisible()
    assert wizard.enrolment is None


def _shell(qapp: QApplication, laptop: Workspace, settings: SettingsStore, url: str) -> Shell:
    settings.save(AppSettings(server_url=url))
    return Shell(laptop, settings, qapp)


@pytest.mark.usefixtures("cheap_argon2", "english")
def test_check_wrong_password_then_signed_in_opens_the_window(
    qtbot: QtBot,
    qapp: QApplication,
    central: CentralProcess,
    laptop: Workspace,
    settings: SettingsStore,
) -> None:
    if not central.alive():
        central.start()
    shell = _shell(qapp, laptop, settings, central.url)
    try:
        shell.start(signed_in=False)
        wizard = shell.wizard
        assert wizard is not None  # never enrolled: the wizard, not the dialog
        assert shell.dialog is None
        _to_store_page(qtbot, wizard)
        assert wizard.store_page.address_field.text() == central.url  # from the settings
        qtbot.mouseClick(wizard.store_page.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.store_page.checking, timeout=TIMEOUT_MS)
        assert wizard.store_page.result.text() == (
            f"Found the central store, version {__version__}."
        )
        assert not wizard.store_page.notice.isVisible()
        click(qtbot, wizard, QWizard.WizardButton.NextButton)

        submit_sign_in(qtbot, wizard, "officer11", "not the password")
        assert wizard.currentPage() is wizard.sign_in_page
        assert wizard.sign_in_page.message.text() == "The user name or the password is wrong."
        assert load_enrolment(laptop.engine) is None
        submit_sign_in(qtbot, wizard, "", DEMO_PASSWORD)
        assert wizard.sign_in_page.message.text() == "Enter your user name."

        # Return in the password field signs in; meanwhile there is no way back or twice.
        wizard.sign_in_page.username.setText("officer11")
        wizard.sign_in_page.password.setText(DEMO_PASSWORD)
        qtbot.keyClick(wizard.sign_in_page.password, Qt.Key.Key_Return)
        assert wizard.sign_in_page.attempt.busy
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=TIMEOUT_MS)
        enrolment = load_enrolment(laptop.engine)
        assert enrolment is not None
        assert enrolment.username == "officer11"
        done = wizard.done_page.values
        assert "(officer11)" in done["user"].text()
        assert done["role"].text() == "Field officer"
        assert enrolment.squad_code
        assert done["squad"].text() == enrolment.squad_code
        assert done["store"].text() == central.url
        assert done["data"].text() == str(laptop.data_dir)
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()

        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
        window = shell.window
        assert window is not None
        assert shell.wizard is None
        assert window.isVisible()
        assert window.context is not None
        assert window.context.role is Role.OFFICER
        assert settings.load().server_url == central.url
        sync = window.session.sync  # type: ignore[union-attr]
        assert sync is not None
        qtbot.waitUntil(lambda: bool(sync.runs), timeout=TIMEOUT_MS)

        # Enrolled now: after signing out it is the sign-in dialog, not the wizard again.
        window.session.sign_out()  # type: ignore[union-attr]
        assert shell.wizard is None
        assert shell.dialog is not None
        window.close()
    finally:
        if shell.dialog is not None:
            shell.dialog.reject()
        if shell.wizard is not None:
            shell.wizard.reject()
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()
        shell.deleteLater()


@pytest.mark.usefixtures("cheap_argon2", "english")
def test_a_lead_is_shown_with_the_role_and_squad(
    qtbot: QtBot, central: CentralProcess, make_wizard: Make
) -> None:
    if not central.alive():
        central.start()
    wizard = make_wizard(central.url)
    _to_store_page(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    submit_sign_in(qtbot, wizard, "lead1", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=TIMEOUT_MS)
    assert wizard.done_page.values["role"].text() == "Squad lead"
    # Closing the last page is as good as Finish: the laptop is enrolled.
    wizard.reject()
    assert wizard.result() == QWizard.DialogCode.Accepted
