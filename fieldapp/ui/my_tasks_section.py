"""The My tasks section: the signed-in officer's Today / Overdue / All, grouped region → matter.

Which tasks are on Today and Overdue is decided by :mod:`fieldapp.services.my_tasks` (the
court's calendar day; due today or visited today). The list is read in the background; the
tabs, the group tree, the search and the sort then work on that list in memory.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import Role
from fieldapp.services.assignment_views import AssignmentRow
from fieldapp.services.my_tasks import MyTask, MyTasks, TaskList, load_my_tasks
from fieldapp.ui.assignment_table_model import AssignmentTableModel, Column
from fieldapp.ui.background import report_unexpected
from fieldapp.ui.group_tree_model import COUNT_COLUMN, KEY_ROLE, NAME_COLUMN, GroupTreeModel
from fieldapp.ui.group_tree_view import make_group_tree
from fieldapp.ui.group_tree_width import group_tree_width
from fieldapp.ui.groups import GroupKey
from fieldapp.ui.my_tasks_groups import TOP, in_group, list_snapshot
from fieldapp.ui.queue_view import SEARCH_DELAY_MS
from fieldapp.ui.sections import Section, WindowContext
from fieldapp.ui.task_table import TaskTable

TABS = (TaskList.TODAY, TaskList.OVERDUE, TaskList.ALL)


class MyTasksSection(QWidget):
    sig_loaded = Signal()
    # shown, in the group, overdue among those shown
    sig_counts_changed = Signal(int, int, int)

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("My tasks"))
        self._context = context
        self._tasks: MyTasks | None = None
        self._generation = 0
        self._group: GroupKey = TOP
        self._rows_shown = 0  # counts table fills, to tell whether a selection change did one

        self.tabs = self._make_tabs()
        self.search = self._make_search()
        self.group_model = GroupTreeModel(self)
        self.tree = self._make_tree()
        self.table_model = AssignmentTableModel(self)
        self.table = TaskTable(self.table_model, self)
        self.table.setObjectName("myTaskTable")
        self.table.setAccessibleName(self.tr("My field tasks"))
        self.table.activated.connect(self._open_index)
        self.heading = self._make_heading()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("myTaskCounts")
        self.count_label.setAccessibleName(self.tr("Number of tasks shown"))
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("myTasksEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self._lay_out()
        self._show_tab_counts()

    # -- what the window and tests call ------------------------------------------------------

    @property
    def tasks(self) -> MyTasks | None:
        return self._tasks

    @property
    def current_list(self) -> TaskList:
        return TABS[max(self.tabs.currentIndex(), 0)]

    def refresh(self) -> None:
        officer_id = self._context.actor.user_id
        if officer_id is None:
            self._show_empty(self.tr("Sign in as an officer to see your tasks."))
            return
        self._generation += 1
        engine, today = self._context.engine, self._context.today()

        def work() -> MyTasks:
            return load_my_tasks(engine, officer_id=officer_id, today=today)

        self._context.runner.submit(work, partial(self._loaded, self._generation), self._failed)

    def show_list(self, which: TaskList) -> None:
        self.tabs.setCurrentIndex(TABS.index(which))

    def select_group(self, key: GroupKey) -> bool:
        index = self.group_model.index_of(key)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def apply_search(self) -> None:
        self._search_timer.stop()
        self.table_model.set_search(self.search.text())
        self._show_counts()

    def shown_rows(self) -> list[AssignmentRow]:
        return [self.table_model.row_at(row) for row in range(self.table_model.rowCount())]

    def shutdown(self) -> None:
        self._search_timer.stop()

    # -- loading -----------------------------------------------------------------------------

    def _loaded(self, generation: int, tasks: MyTasks) -> None:
        if generation != self._generation:
            return
        self._tasks = tasks
        self._show_tab_counts()
        self._show_list()
        self.sig_loaded.emit()

    def _failed(self, error: Exception) -> None:
        report_unexpected(error)

    def _list_tasks(self) -> list[MyTask]:
        return [] if self._tasks is None else self._tasks.on_list(self.current_list)

    def _show_list(self) -> None:
        """Rebuild the tree for the current tab and show the selected group's tasks."""
        if self._tasks is None:
            return
        tasks = self._list_tasks()
        snapshot = list_snapshot(tasks, self._tasks.today, self._list_name(self.current_list))
        self.group_model.set_snapshot(snapshot)
        # Above the list node sits the tree's "all" node, which would say the same again.
        self.tree.setRootIndex(self.group_model.index(0, NAME_COLUMN))
        self.tree.expandToDepth(1)
        key = self._group if self.group_model.index_of(self._group).isValid() else TOP
        index = self.group_model.index_of(key)
        shown = self._rows_shown
        if index.isValid():
            self.tree.setCurrentIndex(index)
        if self._rows_shown == shown:
            # The selection did not move (or the list is empty): show the rows here.
            self._show_rows(key)
        if tasks:
            self.empty_label.hide()
        else:
            self._show_empty(self._empty_text(self.current_list))

    @Slot(QModelIndex, QModelIndex)
    def _group_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_rows(current.data(KEY_ROLE))

    def _show_rows(self, key: GroupKey) -> None:
        self._group = key
        self._rows_shown += 1
        if self._tasks is None:
            return
        rows = [task.row for task in self._list_tasks() if in_group(task.row, key)]
        self.table.set_column_shown(Column.REGION, key.depth < 2)
        self.table.set_column_shown(Column.MATTER, key.depth < 3)
        self.table_model.set_rows(rows, self._tasks.today)
        names = self.group_model.path_names(key)
        self.heading.setText(" › ".join(names))
        self._show_counts()

    def _show_counts(self) -> None:
        model = self.table_model
        shown, total, overdue = model.rowCount(), model.total_count, model.overdue_count
        if shown == total:
            text = self.tr("{total} tasks").format(total=total)
        else:
            text = self.tr("{shown} of {total} tasks shown").format(shown=shown, total=total)
        if overdue:
            text += " · " + self.tr("{count} overdue").format(count=overdue)
        self.count_label.setText(text)
        self.sig_counts_changed.emit(shown, total, overdue)

    def _show_tab_counts(self) -> None:
        counts = self._tasks.counts() if self._tasks is not None else {}
        for position, which in enumerate(TABS):
            name = self._tab_name(which)
            count = counts.get(which)
            self.tabs.setTabText(position, name if count is None else f"{name} ({count})")

    def _show_empty(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.show()

    @Slot(int)
    def _tab_changed(self, _position: int) -> None:
        self._show_list()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._context.open_assignment(self.table_model.row_at(index.row()).id)

    # -- texts -------------------------------------------------------------------------------

    def _tab_name(self, which: TaskList) -> str:
        if which is TaskList.TODAY:
            return self.tr("&Today")
        if which is TaskList.OVERDUE:
            return self.tr("&Overdue")
        return self.tr("A&ll")

    def _list_name(self, which: TaskList) -> str:
        if which is TaskList.TODAY:
            return self.tr("Today")
        if which is TaskList.OVERDUE:
            return self.tr("Overdue")
        return self.tr("All my tasks")

    def _empty_text(self, which: TaskList) -> str:
        if which is TaskList.TODAY:
            return self.tr("Nothing is due today and no visit was recorded today.")
        if which is TaskList.OVERDUE:
            return self.tr("None of your tasks is overdue.")
        return self.tr("No tasks are assigned to you.")

    # -- widgets -----------------------------------------------------------------------------

    def _make_tabs(self) -> QTabBar:
        tabs = QTabBar(self)
        tabs.setObjectName("myTaskLists")
        tabs.setAccessibleName(self.tr("Task lists"))
        for which in TABS:
            tabs.addTab(self._tab_name(which))
        tabs.setToolTip(
            self.tr(
                "Today: due today, or visited today (the court's calendar day). "
                "Overdue: open and past the due date. All: every task you are named on."
            )
        )
        tabs.currentChanged.connect(self._tab_changed)
        return tabs

    def _make_search(self) -> QLineEdit:
        search = QLineEdit(self)
        search.setObjectName("myTaskSearch")
        search.setAccessibleName(self.tr("Search my tasks"))
        search.setPlaceholderText(self.tr("Search registration no., case number, party or address"))
        search.setClearButtonEnabled(True)
        return search

    def _make_tree(self) -> QTreeView:
        tree = make_group_tree(self.group_model, self)
        tree.setObjectName("myTaskGroups")
        tree.setAccessibleName(self.tr("My task groups"))
        tree.setAccessibleDescription(
            self.tr("Regions and matters, with their task counts and overdue tasks")
        )
        tree.selectionModel().currentChanged.connect(self._group_changed)
        return tree

    def _make_heading(self) -> QLabel:
        heading = QLabel(self)
        heading.setObjectName("myTaskHeading")
        heading.setAccessibleName(self.tr("Selected group"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        return heading

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.tabs)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 4, 0)
        column.setSpacing(6)
        title = QHBoxLayout()
        title.addWidget(self.heading, 1)
        title.addWidget(self.count_label)
        column.addLayout(title)
        column.addWidget(self.empty_label)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("myTasksSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([group_tree_width(self.tree, COUNT_COLUMN), 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)


def make_my_tasks_section(context: WindowContext, parent: QWidget) -> QWidget:
    section = MyTasksSection(context, parent)
    section.refresh()
    return section


SECTION = Section(
    key="my_tasks",
    title=lambda: QCoreApplication.translate("MyTasksSection", "My tasks"),
    roles=frozenset({Role.OFFICER}),
    make=make_my_tasks_section,
)
