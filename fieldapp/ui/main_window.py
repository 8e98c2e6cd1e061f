"""The main window: menus, the navigation between its sections, and the status bar.

The squad queue is always the first section; the others (DESIGN §4b) come from
:mod:`fieldapp.ui.section_list` and show when the signed-in role may see them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.services.actor import Actor
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.ui.about_dialog import install_about
from fieldapp.ui.assign_actions import install_queue_tools
from fieldapp.ui.assignment_page_dock import install_assignment_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.escalation_badge import install_escalation_badge
from fieldapp.ui.notice_actions import NoticeActions
from fieldapp.ui.queue_view import QueueView, court_today
from fieldapp.ui.sections import Section, WindowContext
from fieldapp.ui.sign_in_session import Session

# What issuing notices needs: the database, who issues, where PDFs are kept.
NoticeContext = tuple[Engine, Actor, Path]

NAVIGATION_WIDTH = 180
OVERDUE_STYLE = "color: #c62828; font-weight: bold;"


class MainWindow(QMainWindow):
    """The one window. Without a :class:`WindowContext` (tests of the queue alone) it shows
    only the squad queue; with one, every section the role may see, made when first shown."""

    def __init__(
        self,
        views: AssignmentViews,
        *,
        today: Callable[[], date] = court_today,
        notices: NoticeContext | None = None,
        context: Callable[[BackgroundRunner], WindowContext] | None = None,
        sections: Sequence[Section] = (),
        session: Session | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Fieldapp — Field Affairs Centre"))
        self.setAccessibleName(self.tr("Fieldapp main window"))
        self.runner = BackgroundRunner(self)
        self.queue = QueueView(views, self.runner, today, self)
        self.context = context(self.runner) if context else None
        # The assignment page beside the current section; open_assignment shows it there.
        self.assignment_dock = (
            install_assignment_page(self, self.context, self.queue) if self.context else None
        )
        if self.assignment_dock is not None:
            self.context = self.assignment_dock.context
        if self.context is not None:
            # What the role may do in the queue: assign (lead), a squad filter (supervisor).
            install_queue_tools(self.queue, self.context)
        self.sections = [
            s for s in sections if self.context is not None and s.visible_to(self.context.role)
        ]
        self._made: dict[str, QWidget] = {}
        # The task counts each listing section last reported, for the status bar.
        self._counts: dict[QWidget, tuple[int, int, int]] = {}
        self._make_centre()
        # The number of unacknowledged escalations beside their section's name.
        install_escalation_badge(self.navigation, self.context)
        self.notices = (
            NoticeActions(
                self,
                *notices,
                selected=self.queue.selected_rows,
                role=self.context.role if self.context else None,
            )
            if notices
            else None
        )
        self._make_actions()
        self._make_menus()
        self._make_status_bar()
        self._follow_counts(self.queue)
        self.queue.sig_busy_changed.connect(self._show_busy)
        # Signed in: lock, sign out, settings, and sync with its status (sign_in_session.py).
        self.session = session
        if session is not None:
            session.install(self, self.runner)
            if session.sync is not None:
                session.sync.sig_synced.connect(self._synced)
        # Help, the last menu: About Fieldapp (about_dialog.py).
        self.action_about = install_about(self, self.context.engine if self.context else None)
        self.resize(1280, 800)

    def refresh(self) -> None:
        """Reload the queue and every section made so far."""
        self.queue.refresh()
        if self.assignment_dock is not None:
            self.assignment_dock.refresh()
        for widget in self._made.values():
            refresh = getattr(widget, "refresh", None)
            if callable(refresh):
                refresh()

    def show_section(self, key: str) -> QWidget:
        """Make (the first time) and show the section ``key``; ``"queue"`` is the queue."""
        if key == "queue":
            self.stack.setCurrentWidget(self.queue)
            self.navigation.setCurrentRow(0)
            return self.queue
        section = next(s for s in self.sections if s.key == key)
        widget = self._made.get(key)
        if widget is None:
            assert self.context is not None
            widget = section.make(self.context, self.stack)
            widget.setObjectName(f"section_{key}")
            self._made[key] = widget
            self._follow_counts(widget)
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.navigation.setCurrentRow(1 + self.sections.index(section))
        return widget

    def section(self, key: str) -> QWidget | None:
        """The section ``key`` if it has been made."""
        return self.queue if key == "queue" else self._made.get(key)

    def _make_centre(self) -> None:
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.queue)
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections"))
        self.navigation.addItem(QListWidgetItem(self.tr("Squad queue")))
        for section in self.sections:
            item = QListWidgetItem(section.title())
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._navigate)
        self.stack.currentChanged.connect(self._show_current_counts)
        if not self.sections:
            self.navigation.hide()
            self.setCentralWidget(self.stack)
            return
        splitter = QSplitter(self)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        # The navigation keeps its width as the window grows; the section takes the rest.
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([NAVIGATION_WIDTH, max(1, self.width() - NAVIGATION_WIDTH)])
        self.setCentralWidget(splitter)

    def _navigate(self, row: int) -> None:
        if row <= 0:
            self.show_section("queue")
        else:
            self.show_section(self.sections[row - 1].key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.queue.shutdown()
        if self.assignment_dock is not None:
            self.assignment_dock.shutdown()
        for widget in self._made.values():
            shutdown = getattr(widget, "shutdown", None)
            if callable(shutdown):
                shutdown()
        if self.session is not None:
            self.session.shutdown()
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
        self.action_find.triggered.connect(self._find)

        # Ctrl+1 … Ctrl+9 go to the sections in the order the navigation lists them.
        self.section_actions: list[QAction] = []
        for row in range(min(9, self.navigation.count())):
            action = QAction(self.navigation.item(row).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.navigation.setCurrentRow(r))
            self.addAction(action)
            self.section_actions.append(action)

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
        if self.sections:
            view_menu.addSeparator()
            view_menu.addActions(self.section_actions)
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

    def _find(self) -> None:
        """Ctrl+F: the search field of the section on screen, if it has one."""
        focus_search = getattr(self.stack.currentWidget(), "focus_search", None)
        if callable(focus_search):
            focus_search()

    def _follow_counts(self, widget: QWidget) -> None:
        """Sections that list tasks say how many (``sig_counts_changed``); the status bar shows
        those of the section on screen."""
        signal = getattr(widget, "sig_counts_changed", None)
        if signal is None:
            return
        signal.connect(lambda *counts, w=widget: self._counts_of(w, counts))

    def _counts_of(self, widget: QWidget, counts: tuple[int, int, int]) -> None:
        self._counts[widget] = counts
        if self.stack.currentWidget() is widget:
            self._show_counts(*counts)

    def _show_current_counts(self) -> None:
        current = self.stack.currentWidget()
        counts = self._counts.get(current) if current is not None else None
        if counts is None:
            self.count_label.clear()
            self.overdue_label.hide()
        else:
            self._show_counts(*counts)

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

    def _synced(self, _report: object) -> None:
        self.refresh()

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
