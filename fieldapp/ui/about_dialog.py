"""Help → About Fieldapp: the version, where the data and the logs are, the database, who is
signed in with which server, and the versions underneath; copied whole for a support ticket."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

if TYPE_CHECKING:  # read when the dialog opens: the window starts without it
    from fieldapp.ui.about_details import AboutDetails


UrlOpener = Callable[[QUrl], bool]
SHOWN_LENGTH = 160


class AboutDialog(QDialog):
    """Shows :class:`AboutDetails`; every value can be selected, and "Copy details" puts the
    whole list on the clipboard as plain text."""

    def __init__(
        self,
        details: AboutDetails,
        *,
        open_url: UrlOpener = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Fieldapp"))
        self.setAccessibleName(self.tr("About Fieldapp"))
        self.details = details
        self._open_url = open_url

        title = QLabel(self.tr("Fieldapp {version}").format(version=details.version), self)
        title.setObjectName("aboutTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        subtitle = QLabel(self.tr("Field work of the court's field affairs centre"), self)
        subtitle.setWordWrap(True)

        self.rows = self._rows(details)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for label, value in self.rows:
            # Paths do not wrap; an overlong value (a name from the server) is cut here and
            # shown whole in its tooltip and in the copied details.
            field = QLabel(_shortened(value), self)
            # Names and addresses come from the server: never read as rich text.
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if field.text() != value:
                field.setToolTip(value)
            field.setAccessibleName(label)
            form.addRow(label + ":", field)
            self.values[label] = field

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy these details, e.g. for a support request"))
        self.copy_button.clicked.connect(self.copy_details)
        self.open_data_button = QPushButton(self.tr("Open &data folder"), self)
        self.open_data_button.setObjectName("openDataFolder")
        self.open_data_button.setAccessibleName(self.tr("Open data folder"))
        self.open_data_button.setEnabled(details.data_folder is not None)
        self.open_data_button.clicked.connect(self.open_data_folder)
        self.open_log_button = QPushButton(self.tr("Open &log folder"), self)
        self.open_log_button.setObjectName("openLogFolder")
        self.open_log_button.setAccessibleName(self.tr("Open log folder"))
        self.open_log_button.clicked.connect(self.open_log_folder)
        for button in (self.copy_button, self.open_data_button, self.open_log_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copied = QLabel(self)
        self.copied.setObjectName("copiedNote")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _rows(self, details: AboutDetails) -> list[tuple[str, str]]:
        none = self.tr("(none)")
        rows = [
            (self.tr("Version"), self._version_text(details)),
            (self.tr("Data folder"), str(details.data_folder) if details.data_folder else none),
            (self.tr("Log folder"), str(details.log_folder)),
            (self.tr("Database file"), str(details.database) if details.database else none),
            (self.tr("Database schema"), self._schema_text(details)),
        ]
        who = details.signed_in
        if who is None:
            rows.append((self.tr("Signed in"), self.tr("not enrolled with a central store")))
        else:
            name = (
                f"{who.display_name} ({who.username})"
                if who.display_name and who.display_name != who.username
                else who.username
            )
            role = self._role_text(who.role)
            if who.squad_name:
                role = self.tr("{role}, {squad_name}").format(role=role, squad_name=who.squad_name)
            elif who.squad_code:
                role = self.tr("{role}, squad {squad}").format(role=role, squad=who.squad_code)
            rows += [
                (self.tr("Signed in"), f"{name} — {role}"),
                (self.tr("Central store"), who.server_url),
                (self.tr("Device"), who.device_id),
            ]
        rows += [
            (self.tr("Python"), details.python),
            (self.tr("Qt / PySide6"), f"{details.qt} / {details.pyside}"),
            (self.tr("System"), details.system),
        ]
        return rows

    def _version_text(self, details: AboutDetails) -> str:
        kind = self.tr("installed") if details.frozen else self.tr("from source")
        return f"{details.version} ({kind})"

    def _schema_text(self, details: AboutDetails) -> str:
        if details.database_error:
            return self.tr("cannot be read: {error}").format(error=details.database_error)
        if details.schema_revision is None:
            return self.tr("not created yet")
        if details.schema_current:
            return self.tr("revision {revision} (current)").format(revision=details.schema_revision)
        return self.tr("revision {revision} (this version expects {head})").format(
            revision=details.schema_revision, head=details.schema_head or "?"
        )

    def _role_text(self, role: str) -> str:
        names = {
            "officer": self.tr("field officer"),
            "lead": self.tr("squad lead"),
            "registrar": self.tr("registrar"),
            "supervisor": self.tr("supervisor"),
            "admin": self.tr("administrator"),
        }
        return names.get(role, role)

    def details_text(self) -> str:
        """The plain text "Copy details" puts on the clipboard."""
        lines = [f"Fieldapp {self.details.version}"]
        lines += [f"{label}: {value}" for label, value in self.rows]
        return "\n".join(lines) + "\n"

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copied.setText(self.tr("Copied to the clipboard."))

    def open_data_folder(self) -> None:
        if self.details.data_folder is not None:
            self._open_folder(self.details.data_folder)

    def open_log_folder(self) -> None:
        # Made here if the log has not been written yet, so there is something to open.
        self.details.log_folder.mkdir(parents=True, exist_ok=True)
        self._open_folder(self.details.log_folder)

    def _open_folder(self, folder: Path) -> None:
        if not self._open_url(QUrl.fromLocalFile(str(folder))):
            self.copied.setText(
                self.tr("Could not open {folder}: no file manager answered.").format(folder=folder)
            )


def _shortened(value: str) -> str:
    return value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"


def install_about(window: QMainWindow, engine: Engine | None) -> QAction:
    """Help → About Fieldapp in ``window`` (the Help menu made last, after every other menu)."""
    action = QAction(QCoreApplication.translate("AboutDialog", "&About Fieldapp"), window)
    action.setObjectName("actionAbout")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.setStatusTip(
        QCoreApplication.translate(
            "AboutDialog", "Version, data and log folders, for a support request"
        )
    )

    def show() -> None:
        from fieldapp.ui.about_details import gather_details

        dialog = AboutDialog(gather_details(engine), parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(show)
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "&Help"))
    help_menu.setObjectName("helpMenu")
    help_menu.addAction(action)
    return action
