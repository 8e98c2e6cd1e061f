"""The main window: menus, the squad queue in the centre, and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget
from sqlalchemy import Engine

from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.registration import Actor
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.notice_actions import NoticeActions
from fieldapp.ui.queue_view import QueueView, court_today

# What issuing notices needs: the database, who issues, where PDFs are kept.
NoticeContext = tuple[Engine, Actor, Path]

OVERDUE_STYLE = "color: #c62828; font-weight: bold;"


class MainWindow(QMainWindow):
    """The one window; for now its centre is the squad queue (DESIGN §4b adds the sections)."""

    def __init__(
        self,
        views: AssignmentViews,
        *,
        today: Callable[[], date] = court_today,
        notices: NoticeContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Fieldapp — Field Affairs Centre"))
        self.setAccessibleName(self.tr("Fieldapp main window"))
        self.runner = BackgroundRunner(self)
        self.queue = QueueView(views, self.runner, today, self)
        self.setCentralWidget(self.queue)
        self.notices = (
            NoticeActions(self, *notices, selected=self.queue.selected_rows) if notices else None
        )
        self._make_actions()
        self._make_menus()
        self._make_status_bar()
        self.queue.sig_counts_changed.connect(self._show_counts)
        self.queue.sig_busy_changed.connect(self._show_busy)
        self.resize(1280, 800)

    def refresh(self) -> None:
        self.queue.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.queue.shutdown()
        # Database reads are short; waiting for them keeps no thread running past the window.
        self.runner.shutdown()
        super().closeEvent(event)

    def _make_actions(self) -> None:
        self.action_refresh = QAction(self.tr("&Refresh"), self)
        self.action_refresh.setShortcut(QKeySequence("F5"))
        self.action_refresh.setStatusTip(self.tr("Reload the groups and the list"))
        self.action_refresh.triggered.connect(self.refresh)

        self.action_find = QAction(self.tr("&Find…"), self)
        self.action_find.setShortcut(QKeySequence("Ctrl+F"))
        self.action_find.setStatusTip(self.tr("Search the list"))
        self.action_find.triggered.connect(self.queue.focus_search)

        self.action_quit = QAction(self.tr("&Quit"), self)
        # Spelled out: QKeySequence.StandardKey.Quit has no key on Windows.
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_quit.setStatusTip(self.tr("Close Fieldapp"))
        self.action_quit.triggered.connect(self.close)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName(self.tr("Menu bar"))
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.action_find)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.action_refresh)
        if self.notices is not None:
            notices_menu = bar.addMenu(self.tr("&Notices"))
            notices_menu.addAction(self.notices.action_issue)
            notices_menu.addAction(self.notices.action_batch)

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        status.setAccessibleName(self.tr("Status bar"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(self.tr("Number of tasks shown"))
        self.overdue_label = QLabel(self)
        self.overdue_label.setObjectName("overdueLabel")
        self.overdue_label.setAccessibleName(self.tr("Number of overdue tasks shown"))
        self.overdue_label.setStyleSheet(OVERDUE_STYLE)
        self.busy_label = QLabel(self.tr("Loading…"), self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.setAccessibleName(self.tr("Loading"))
        self.busy_label.hide()
        status.addWidget(self.count_label)
        status.addWidget(self.overdue_label)
        status.addPermanentWidget(self.busy_label)

    def _show_counts(self, shown: int, total: int, overdue: int) -> None:
        if shown == total:
            text = self.tr("{total} tasks").format(total=total)
        else:
            text = self.tr("{shown} of {total} tasks shown").format(shown=shown, total=total)
        self.count_label.setText(text)
        self.overdue_label.setText(
            self.tr("{count} overdue").format(count=overdue) if overdue else ""
        )
        self.overdue_label.setVisible(bool(overdue))

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
