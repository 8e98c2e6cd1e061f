"""Starting the window: the application object, language, font, error handling, event loop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from fieldapp import __version__
from fieldapp.domain.enums import Role
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.sync.enrolment import load_enrolment
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.excepthook import install_excepthook
from fieldapp.ui.fonts import use_cjk_font_if_needed
from fieldapp.ui.i18n import chosen_locale, install_translations
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.queue_view import court_today
from fieldapp.ui.section_list import all_sections
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.user_log import start_file_log

if TYPE_CHECKING:
    from fieldapp.services.workspace import Workspace

APPLICATION_NAME = "Fieldapp"
ORGANISATION_NAME = "Fieldapp"


def create_application(argv: list[str]) -> QApplication:
    """The QApplication (made once), with its names, language and a font that shows Chinese."""
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QCoreApplication.setOrganizationName(ORGANISATION_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    install_translations(app, chosen_locale())
    use_cjk_font_if_needed(app)
    return app


def run_gui(workspace: Workspace, argv: list[str]) -> int:
    """Open the main window on ``workspace`` and run until it closes; returns the exit code."""
    app = create_application(argv)
    handler = start_file_log()
    install_excepthook(Path(handler.baseFilename))
    enrolment = load_enrolment(workspace.engine)
    actor = workspace.actor(enrolment.user_id if enrolment else None)

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
        )

    window = MainWindow(
        AssignmentViews(workspace.engine),
        notices=(workspace.engine, actor, workspace.blobs_dir),
        context=context,
        sections=all_sections(),
    )
    window.show()
    window.refresh()
    return app.exec()
