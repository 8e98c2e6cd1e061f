"""Starting the window: the application object, language, font, error handling, event loop."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from fieldapp import __version__
from fieldapp.domain.enums import Role
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.sync.enrolment import load_enrolment
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.excepthook import install_excepthook
from fieldapp.ui.first_run_wizard import FirstRunWizard
from fieldapp.ui.fonts import use_cjk_font_if_needed
from fieldapp.ui.gc_guard import collect_on_gui_thread
from fieldapp.ui.i18n import LANGUAGE_ENV, chosen_locale, install_translations
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.queue_view import court_today
from fieldapp.ui.section_list import all_sections
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.settings_values import SettingsStore
from fieldapp.ui.sign_in_dialog import SignInDialog
from fieldapp.ui.sign_in_session import Session
from fieldapp.ui.startup_probe import watch_startup
from fieldapp.ui.sync_controller import Connection, SyncController
from fieldapp.ui.user_log import start_file_log

if TYPE_CHECKING:
    from fieldapp.services.workspace import Workspace

APPLICATION_NAME = "Fieldapp"
ORGANISATION_NAME = "Fieldapp"


def create_application(argv: list[str], settings: SettingsStore | None = None) -> QApplication:
    """The QApplication (made once), with its names, language and a font that shows Chinese.

    The language: $FIELDAPP_LANG when set, else the one chosen in the settings, else the
    system's. It is installed here, at start: a change in the settings applies next time.
    """
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QCoreApplication.setOrganizationName(ORGANISATION_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    install_translations(app, _locale(settings or SettingsStore()))
    use_cjk_font_if_needed(app)
    collect_on_gui_thread(app)  # Qt objects in cycles die on the GUI thread (gc_guard.py)
    return app


def _locale(settings: SettingsStore) -> QLocale:
    if os.environ.get(LANGUAGE_ENV, "").strip():
        return chosen_locale()
    return settings.load().locale() or chosen_locale()


def run_gui(
    workspace: Workspace,
    argv: list[str],
    *,
    signed_in: bool = False,
    settings: SettingsStore | None = None,
    on_started: Callable[[], None] | None = None,
) -> int:
    """Open Fieldapp on ``workspace`` and run until it closes; returns the exit code.

    ``signed_in``: the caller has just signed in (``fieldapp demo``), so the window opens
    at once; else the first-run wizard (a laptop never enrolled) or the sign-in dialog first.
    ``on_started`` runs once the event loop turns, after the window or dialog is shown.
    """
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QCoreApplication.setOrganizationName(ORGANISATION_NAME)
    store = settings or SettingsStore()
    app = create_application(argv, store)
    handler = start_file_log()
    install_excepthook(Path(handler.baseFilename))
    shell = Shell(workspace, store, app)
    shell.start(signed_in=signed_in)
    if on_started is not None:
        QTimer.singleShot(0, on_started)
    return app.exec()


class Shell(QObject):
    """Sign-in, the window for the signed-in user, and sign-in again after signing out."""

    def __init__(self, workspace: Workspace, settings: SettingsStore, app: QApplication) -> None:
        super().__init__(app)
        self.workspace = workspace
        self.settings = settings
        self.app = app
        self.window: MainWindow | None = None
        self.dialog: SignInDialog | None = None
        self.wizard: FirstRunWizard | None = None

    def start(self, *, signed_in: bool) -> None:
        if signed_in:
            self.open_window()
        elif load_enrolment(self.workspace.engine) is None:
            self.first_run()  # never enrolled: language, central store, sign-in
        else:
            self.ask_sign_in()

    def first_run(self) -> None:
        workspace = self.workspace
        wizard = FirstRunWizard(
            workspace.engine, workspace.device_id, workspace.data_dir, self.settings
        )
        wizard.finished.connect(lambda result: self._set_up(wizard, result))
        self.wizard = wizard
        wizard.show()

    def _set_up(self, wizard: FirstRunWizard, result: int) -> None:
        self.wizard = None
        wizard.deleteLater()
        if result != QDialog.DialogCode.Accepted or wizard.enrolment is None:
            self.app.quit()
            return
        self.open_window()  # the wizard kept the address and the language in the settings

    def ask_sign_in(self) -> None:
        values = self.settings.load()
        dialog = SignInDialog(
            self.workspace.engine, self.workspace.device_id, server_url=values.server_url
        )
        dialog.finished.connect(lambda result: self._signed_in(dialog, result))
        self.dialog = dialog
        dialog.show()

    def _signed_in(self, dialog: SignInDialog, result: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or dialog.enrolment is None:
            if self.window is None:
                self.app.quit()
            return
        values = self.settings.load()
        if values.server_url != dialog.enrolment.server_url:
            self.settings.save(replace(values, server_url=dialog.enrolment.server_url))
        self.open_window()

    def open_window(self) -> MainWindow:
        workspace = self.workspace
        enrolment = load_enrolment(workspace.engine)
        actor = workspace.actor(enrolment.user_id if enrolment else None)
        values = self.settings.load()
        sync = None
        if enrolment is not None and enrolment.token:
            sync = SyncController(
                workspace.engine,
                Connection(enrolment.server_url, enrolment.token, enrolment.device_id),
                workspace.blobs_dir,
                interval_s=values.sync_interval_minutes * 60.0,
            )

        def context(runner: BackgroundRunner) -> WindowContext:
            return WindowContext(
                engine=workspace.engine,
                actor=actor,
                role=Role(enrolment.role) if enrolment else Role.ADMIN,
                squad_code=enrolment.squad_code if enrolment else None,
                display_name=enrolment.display_name if enrolment else "",
                blobs_dir=workspace.blobs_dir,
                runner=runner,
                today=court_today,
                sync=sync,
            )

        session = Session(
            workspace.engine,
            (enrolment.display_name or enrolment.username) if enrolment else "",
            sync=sync,
            settings=self.settings,
        )
        window = MainWindow(
            AssignmentViews(workspace.engine),
            notices=(workspace.engine, actor, workspace.blobs_dir),
            context=context,
            sections=all_sections(),
            session=session,
        )
        if sync is not None:
            sync.setParent(window)
        session.sig_signed_out.connect(self._signed_out)
        self.window = window
        window.show()
        watch_startup(window, window.queue.sig_rows_loaded)  # $FIELDAPP_STARTUP_PROBE
        window.refresh()
        if sync is not None:
            sync.start()
        return window

    def _signed_out(self) -> None:
        # The dialog first: with no window open at all, the application would end.
        window, self.window = self.window, None
        self.ask_sign_in()
        if window is not None:
            window.close()
            window.deleteLater()
