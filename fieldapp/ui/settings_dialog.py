"""The settings dialog: language (at the next start), idle lock, sync interval, server address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.sign_in import SignInForm, SignInRefused, check_form
from fieldapp.ui.settings_values import (
    IDLE_LOCK_RANGE,
    MAX_SERVER_URL,
    SYNC_INTERVAL_RANGE,
    AppSettings,
)


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.original = settings
        self.language = QComboBox(self)
        self.language.setObjectName("languageBox")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("Follow the system"), "system")
        # Each language is named in itself, so it can be found whatever is shown now.
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        language_note = QLabel(self.tr("A new language applies at the next start."), self)
        language_note.setObjectName("languageNote")
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idleLockBox")
        self.idle.setAccessibleName(self.tr("Lock after idle minutes"))
        self.idle.setRange(*IDLE_LOCK_RANGE)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(settings.idle_lock_minutes)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("syncIntervalBox")
        self.interval.setAccessibleName(self.tr("Sync interval in minutes"))
        self.interval.setRange(*SYNC_INTERVAL_RANGE)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(settings.sync_interval_minutes)
        self.server = QLineEdit(settings.server_url, self)
        self.server.setObjectName("serverAddressField")
        self.server.setAccessibleName(self.tr("Central store address"))
        self.server.setMaxLength(MAX_SERVER_URL)
        self.server.textChanged.connect(self._check)
        server_note = QLabel(self.tr("Used by the next online sign-in."), self)
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setAccessibleName(self.tr("Settings message"))

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", language_note)
        form.addRow(self.tr("Lock after &idle:"), self.idle)
        form.addRow(self.tr("S&ync every:"), self.interval)
        form.addRow(self.tr("Central &store:"), self.server)
        form.addRow("", server_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._check()

    def values(self) -> AppSettings:
        return AppSettings(
            language=str(self.language.currentData()),
            idle_lock_minutes=self.idle.value(),
            sync_interval_minutes=self.interval.value(),
            server_url=self.server.text().strip().rstrip("/"),
        )

    def _check(self) -> None:
        """An address that is empty is allowed (asked at sign-in); a malformed one is not."""
        text = self.server.text().strip()
        problem = ""
        if text:
            try:
                check_form(SignInForm(text, "user", "password"))
            except SignInRefused:
                problem = self.tr(
                    "The address of the central store must look like https://host:port."
                )
        self.message.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
