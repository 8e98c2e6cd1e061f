"""The squad queue: the group tree beside the selected group's tasks, with a search field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.clock import court_date
from fieldapp.services.assignment_views import AssignmentRow, AssignmentViews
from fieldapp.ui.assignment_table_model import AssignmentTableModel, Column
from fieldapp.ui.background import BackgroundRunner, report_unexpected
from fieldapp.ui.group_tree_model import COUNT_COLUMN, KEY_ROLE, NAME_COLUMN, GroupTreeModel
from fieldapp.ui.group_tree_view import make_group_tree
from fieldapp.ui.group_tree_width import group_tree_width
from fieldapp.ui.groups import ALL, GroupKey, GroupSnapshot, load_groups
from fieldapp.ui.task_table import TaskTable

# Long enough to let a word be typed, short enough to feel immediate.
SEARCH_DELAY_MS = 150


def court_today() -> date:
    return court_date(datetime.now(UTC))


class QueueView(QWidget):
    """Loads in the background: the counts on refresh, a group's tasks when it is selected."""

    sig_groups_loaded = Signal()
    sig_rows_loaded = Signal(int)
    # shown, in the group, overdue among those shown
    sig_counts_changed = Signal(int, int, int)
    sig_busy_changed = Signal(bool)

    def __init__(
        self,
        views: AssignmentViews,
        runner: BackgroundRunner,
        today: Callable[[], date] = court_today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._views = views
        self._runner = runner
        self._today = today
        self._current: GroupKey = ALL
        # Each load gets a number; an answer that is no longer the latest is dropped.
        self._groups_generation = 0
        self._rows_generation = 0
        self._loads_running = 0
        self._first_groups = True

        self.group_model = GroupTreeModel(self)
        self.table_model = AssignmentTableModel(self)
        self.tree = self._make_tree()
        self.heading = self._make_heading()
        self.search = self._make_search()
        self.table = self._make_table()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self.apply_search)
        self._lay_out()

    # -- what the window calls ---------------------------------------------------------------

    @property
    def current_group(self) -> GroupKey:
        return self._current

    @property
    def busy(self) -> bool:
        return self._loads_running > 0

    def refresh(self) -> None:
        """Reload the group counts, then the selected group's tasks."""
        self._groups_generation += 1
        views, today = self._views, self._today()
        self._runner.submit(
            lambda: load_groups(views, today),
            partial(self._groups_loaded, self._groups_generation),
            self._load_failed,
        )
        self._load_started()

    def select_group(self, key: GroupKey) -> bool:
        """Select ``key``'s node and load its tasks (again, if it was selected already).

        False when the tree has no such group (it has no tasks, or the counts are not in yet).
        """
        index = self.group_model.index_of(key)
        if not index.isValid():
            return False
        if index == self.tree.currentIndex():
            self._load_rows(key)
        else:
            self.tree.setCurrentIndex(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def apply_search(self) -> None:
        self._search_timer.stop()
        self.table_model.set_search(self.search.text())
        self._emit_counts()

    def selected_rows(self) -> list[AssignmentRow]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.table_model.row_at(row) for row in sorted(rows)]

    def shutdown(self) -> None:
        self._search_timer.stop()

    def add_side_panel(self, widget: QWidget, width: int = 240) -> None:
        """Dock ``widget`` to the right of the task table (the lead's officer list)."""
        self._splitter.addWidget(widget)
        self._splitter.setStretchFactor(self._splitter.count() - 1, 0)
        # As in _lay_out: the tree its width, the table the rest; the panel its width.
        sizes = [self._tree_width, *([1000] * (self._splitter.count() - 2)), width]
        self._splitter.setSizes(sizes)

    def add_tool(self, widget: QWidget) -> None:
        """Put ``widget`` in the row of the search field (a filter, a button)."""
        self._tools.addWidget(widget)

    def enable_task_drag(self) -> None:
        """Selected tasks may be dragged out of the table (onto an officer)."""
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    @Slot(str)
    def _search_edited(self, _text: str) -> None:
        # Filter once typing pauses, not on every key: 100,000 rows take tens of ms.
        self._search_timer.start()

    # -- loading -----------------------------------------------------------------------------

    def _groups_loaded(self, generation: int, snapshot: GroupSnapshot) -> None:
        self._load_finished()
        if generation != self._groups_generation:
            return
        expanded = self._expanded_keys()
        self.group_model.set_snapshot(snapshot)
        if self._first_groups:
            self.tree.expandToDepth(0)
            self._first_groups = False
        else:
            for key in expanded:
                self.tree.expand(self.group_model.index_of(key))
        index = self.group_model.index_of(self._current)
        if not index.isValid():
            index = self.group_model.index_of(ALL)
        before = self._rows_generation
        self.tree.setCurrentIndex(index)
        if self._rows_generation == before:
            # The selection did not change, so nothing asked for the tasks: refresh them too.
            self._load_rows(index.data(KEY_ROLE))
        self.sig_groups_loaded.emit()

    @Slot(QModelIndex, QModelIndex)
    def _group_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._load_rows(current.data(KEY_ROLE))

    def _load_rows(self, key: GroupKey) -> None:
        self._current = key
        self._rows_generation += 1
        self._show_heading(key)
        views = self._views

        def work() -> list[AssignmentRow]:
            # The service reads a None filter as "any"; key.matches keeps "none" groups exact.
            return [row for row in views.assignments(**key.query()) if key.matches(row)]

        self._runner.submit(
            work, partial(self._rows_loaded, self._rows_generation), self._load_failed
        )
        self._load_started()

    def _rows_loaded(self, generation: int, rows: list[AssignmentRow]) -> None:
        self._load_finished()
        if generation != self._rows_generation:
            return
        key = self._current
        # A column whose every cell would say the same as the heading only takes room.
        self.table.set_column_shown(Column.REGION, key.depth < 2)
        self.table.set_column_shown(Column.MATTER, key.depth < 3)
        self.table_model.set_rows(rows, self._today())
        self._emit_counts()
        self.sig_rows_loaded.emit(len(rows))

    def _load_failed(self, error: Exception) -> None:
        self._load_finished()
        report_unexpected(error)

    def _load_started(self) -> None:
        self._loads_running += 1
        if self._loads_running == 1:
            self.sig_busy_changed.emit(True)

    def _load_finished(self) -> None:
        self._loads_running -= 1
        if self._loads_running == 0:
            self.sig_busy_changed.emit(False)

    def _emit_counts(self) -> None:
        model = self.table_model
        self.sig_counts_changed.emit(model.rowCount(), model.total_count, model.overdue_count)

    def _show_heading(self, key: GroupKey) -> None:
        self.heading.setText(" › ".join(self.group_model.path_names(key)))

    def _expanded_keys(self) -> list[GroupKey]:
        keys: list[GroupKey] = []
        pending = [self.group_model.index(0, NAME_COLUMN)]
        while pending:
            index = pending.pop()
            if index.isValid() and self.tree.isExpanded(index):
                keys.append(index.data(KEY_ROLE))
                model = self.group_model
                pending.extend(
                    model.index(row, NAME_COLUMN, index) for row in range(model.rowCount(index))
                )
        return keys

    # -- widgets -----------------------------------------------------------------------------

    def _make_tree(self) -> QTreeView:
        tree = make_group_tree(self.group_model, self)
        tree.setObjectName("groupTree")
        tree.setAccessibleName(self.tr("Task groups"))
        tree.setAccessibleDescription(
            self.tr("Squads, regions and matters, with their task counts and overdue tasks")
        )
        tree.selectionModel().currentChanged.connect(self._group_changed)
        return tree

    def _make_heading(self) -> QLabel:
        heading = QLabel(self)
        heading.setObjectName("groupHeading")
        heading.setAccessibleName(self.tr("Selected group"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return heading

    def _make_search(self) -> QLineEdit:
        search = QLineEdit(self)
        search.setObjectName("searchField")
        search.setAccessibleName(self.tr("Search tasks"))
        search.setPlaceholderText(
            self.tr("Search registration no., case number, party or address (Ctrl+F)")
        )
        search.setClearButtonEnabled(True)
        return search

    def _make_table(self) -> TaskTable:
        table = TaskTable(self.table_model, self)
        table.setObjectName("taskTable")
        table.setAccessibleName(self.tr("Field tasks"))
        return table

    def _lay_out(self) -> None:
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 4, 4, 0)
        column.setSpacing(6)
        column.addWidget(self.heading)
        self._tools = QHBoxLayout()
        self._tools.setContentsMargins(0, 0, 0, 0)
        self._tools.addWidget(self.search, 1)
        column.addLayout(self._tools)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("queueSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        # Wide enough for the longest matter name beside its badge (English is longer).
        self._tree_width = group_tree_width(self.tree, COUNT_COLUMN)
        splitter.setSizes([self._tree_width, 1000])
        self._splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
