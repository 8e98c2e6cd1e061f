"""The first-run wizard of a laptop never enrolled: language, the central store, sign-in, done.

The language applies at once (the translators are swapped and every page retranslates) and is
saved in the settings, so the window opens in it now and at every start.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy import Engine

from fieldapp.sync.enrolment import Enrolment
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.first_run_sign_in_page import SignInPage
from fieldapp.ui.first_run_store_page import StorePage
from fieldapp.ui.i18n import switch_language
from fieldapp.ui.labels import role_label
from fieldapp.ui.settings_values import AppSettings, SettingsStore

CHINESE, ENGLISH = "zh_CN", "en"


def current_language() -> str:
    """The wizard's first choice: the language installed now (the system's, unless set)."""
    return CHINESE if QLocale().language() == QLocale.Language.Chinese else ENGLISH


class LanguagePage(QWizardPage):
    """Two choices, each named in its own language so it is found whatever is shown now."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.setObjectName("languagePage")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.chinese = QRadioButton("简体中文", self)
        self.chinese.setObjectName("chineseButton")
        self.english = QRadioButton("English", self)
        self.english.setObjectName("englishButton")
        self.group = QButtonGroup(self)
        self.group.addButton(self.chinese)
        self.group.addButton(self.english)
        (self.chinese if language == CHINESE else self.english).setChecked(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.chinese)
        layout.addWidget(self.english)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.retranslate()

    def language(self) -> str:
        return CHINESE if self.chinese.isChecked() else ENGLISH

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to Fieldapp"))
        self.setSubTitle(self.tr("First, the language of the interface."))
        self.intro.setText(self.tr("Choose a language; it applies at once."))
        self.chinese.setAccessibleName(self.tr("Simplified Chinese"))
        self.english.setAccessibleName(self.tr("English"))
        self.note.setText(self.tr("You can change it later in Settings."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DonePage(QWizardPage):
    """Who signed in, their role and squad, the central store and the data folder."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.setObjectName("donePage")
        self.setFinalPage(True)
        self.data_dir = data_dir
        self.enrolment: Enrolment | None = None
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in ("user", "role", "squad", "store", "data"):
            caption, value = QLabel(self), QLabel(self)
            value.setObjectName(f"done_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, value)
            self.captions[key], self.values[key] = caption, value
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.retranslate()

    def show_enrolment(self, enrolment: Enrolment) -> None:
        self.enrolment = enrolment
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("This laptop is set up for Fieldapp."))
        captions = {
            "user": self.tr("Signed in as:"),
            "role": self.tr("Role:"),
            "squad": self.tr("Squad:"),
            "store": self.tr("Central store:"),
            "data": self.tr("Data folder:"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
            self.values[key].setAccessibleName(text.rstrip(":："))
        self.note.setText(
            self.tr(
                "Finish opens Fieldapp. From now on you sign in with the same password, also "
                "without a network; your work is kept in the data folder above."
            )
        )
        who = self.enrolment
        if who is None:
            return
        name = who.display_name or who.username
        self.values["user"].setText(
            f"{name} ({who.username})" if name != who.username else who.username
        )
        self.values["role"].setText(role_label(who.role))
        self.values["squad"].setText(who.squad_code or self.tr("none (not in a squad)"))
        self.values["store"].setText(who.server_url)
        self.values["data"].setText(str(self.data_dir))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FirstRunWizard(QWizard):
    """Accepted once signed in: ``enrolment`` is set (and saved in the laptop's profile)."""

    def __init__(
        self,
        engine: Engine,
        device_id: str,
        data_dir: Path,
        settings: SettingsStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.settings = settings
        self.runner = BackgroundRunner(self)
        values = settings.load()
        self.language_page = LanguagePage(current_language())
        self.store_page = StorePage(self.runner, values.server_url)
        self.sign_in_page = SignInPage(engine, device_id, self.runner, self._server_url)
        self.done_page = DonePage(data_dir)
        for page in (self.language_page, self.store_page, self.sign_in_page, self.done_page):
            self.addPage(page)
        self.language_page.group.buttonToggled.connect(self._language_toggled)
        self.sign_in_page.sig_signed_in.connect(self._signed_in)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(620, 480)
        self.retranslate()

    @property
    def enrolment(self) -> Enrolment | None:
        return self.sign_in_page.enrolment

    def _server_url(self) -> str:
        address = self.store_page.address
        return address.url if address is not None else self.store_page.address_field.text()

    # Language

    def _language_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.use_language(self.language_page.language())

    def use_language(self, language: str) -> None:
        """Apply ``language`` ("zh_CN" or "en") now and keep it for the window and next start."""
        values = self.settings.load()
        if values.language != language:
            self.settings.save(replace(values, language=language))
        locale = AppSettings(language=language).locale()
        app = QCoreApplication.instance()
        if locale is not None and app is not None:
            switch_language(app, locale)  # LanguageChange reaches every page: they retranslate

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up Fieldapp"))
        self.setAccessibleName(self.tr("First-run setup"))
        buttons = {
            QWizard.WizardButton.BackButton: self.tr("< &Back"),
            QWizard.WizardButton.NextButton: self.tr("&Next >"),
            QWizard.WizardButton.CommitButton: self.tr("&Sign in"),
            QWizard.WizardButton.FinishButton: self.tr("&Finish"),
            QWizard.WizardButton.CancelButton: self.tr("Cancel"),
        }
        for which, text in buttons.items():
            self.setButtonText(which, text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Signing in

    def _signed_in(self, enrolment: Enrolment) -> None:
        values = self.settings.load()
        if values.server_url != enrolment.server_url:
            self.settings.save(replace(values, server_url=enrolment.server_url))
        self.done_page.show_enrolment(enrolment)
        if self.currentPage() is self.sign_in_page:
            self.next()

    def reject(self) -> None:
        # Signed in already (the last page): closing it is as good as Finish.
        if self.enrolment is not None:
            self.accept()
            return
        super().reject()

    def done(self, result: int) -> None:
        # Closed while the store is asked or a sign-in runs: wait for it, leave no thread.
        self.runner.shutdown()
        super().done(result)
