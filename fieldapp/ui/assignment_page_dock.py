"""The assignment page docked on the right of the main window, beside the current section.

``install_assignment_page`` binds ``WindowContext.open_assignment`` to it and opens the task a
user activates (double-click or Enter) in the squad queue. The dock is made the first time an
assignment is opened and stays, hidden or shown, for the window's life.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from fieldapp.ui.queue_view import QueueView
from fieldapp.ui.sections import WindowContext

if TYPE_CHECKING:  # the page (and all its tabs) loads when a task is first opened
    from fieldapp.ui.assignment_page import AssignmentPageView

DOCK_WIDTH = 620


class AssignmentDock:
    def __init__(self, window: QMainWindow, context: WindowContext) -> None:
        self._window = window
        self.context = replace(context, open_assignment=self.open)
        self.dock: QDockWidget | None = None
        self.page: AssignmentPageView | None = None

    def open(self, assignment_id: str) -> None:
        """Show the task in the dock (made the first time)."""
        if self.page is None or self.dock is None:
            from fieldapp.ui.assignment_page import AssignmentPageView

            title = QCoreApplication.translate("AssignmentDock", "Field task")
            self.dock = QDockWidget(title, self._window)
            self.dock.setObjectName("assignmentDock")
            self.dock.setAccessibleName(title)
            self.dock.setAllowedAreas(
                Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
            )
            self.page = AssignmentPageView(self.context, parent=self.dock)
            self.dock.setWidget(self.page)
            self._window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self._window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.dock.show()
        self.dock.raise_()
        self.page.open(assignment_id)

    def refresh(self) -> None:
        if self.page is not None:
            self.page.refresh()

    def shutdown(self) -> None:
        if self.page is not None:
            self.page.shutdown()

    def follow_queue(self, queue: QueueView) -> None:
        """Double-click or Enter on a task of the queue opens it here."""

        def activated(index: QModelIndex) -> None:
            if index.isValid():
                self.context.open_assignment(queue.table_model.row_at(index.row()).id)

        queue.table.activated.connect(activated)


def install_assignment_page(
    window: QMainWindow, context: WindowContext, queue: QueueView | None = None
) -> AssignmentDock:
    """The dock for ``window``; its ``context`` has ``open_assignment`` bound to it."""
    dock = AssignmentDock(window, context)
    if queue is not None:
        dock.follow_queue(queue)
    return dock
