"""The "Overdue" section for supervisors and leads: open tasks past their due day with the days
overdue and the escalation level, sortable by any column; Enter opens the task."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import Role
from fieldapp.services.escalation_overdue import OverdueTask, overdue_tasks
from fieldapp.ui.escalation_section import CALENDAR, RULES
from fieldapp.ui.overdue_model import Column, OverdueModel
from fieldapp.ui.sections import Section, WindowContext
from fieldapp.ui.table_fit import fit_columns, stretch_column


class OverdueSection(QWidget):
    sig_rows_loaded = Signal()

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdueSection")
        self._context = context
        self._generation = 0
        self.model = OverdueModel(self)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("overdueSummary")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("overdueTable")
        self.table.setAccessibleName(self.tr("Overdue tasks"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DAYS.value, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        # The matter takes the room left over; the others fit their contents.
        stretch_column(self.table, Column.MATTER.value)
        fit_columns(self.table, skip=Column.MATTER.value)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.action_open = QAction(self.tr("&Open task"), self)
        self.action_open.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.action_open.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_open.triggered.connect(self.open_selected)
        self.table.addAction(self.action_open)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    def squad_shown(self) -> str | None:
        """A lead sees the squad's overdue tasks; supervisors and admins every squad's."""
        return self._context.squad_code if self._context.role is Role.LEAD else None

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        engine, today, squad = self._context.engine, self._context.today(), self.squad_shown()

        def work() -> list[OverdueTask]:
            return overdue_tasks(engine, today, rules=RULES, calendar=CALENDAR, squad_code=squad)

        self._context.runner.submit(work, lambda rows: self._loaded(generation, rows), self._failed)

    def _loaded(self, generation: int, rows: list[OverdueTask]) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        fit_columns(self.table, skip=Column.MATTER.value)
        levels = Counter(row.level for row in rows)
        self.summary.setText(
            self.tr("%1 overdue · level 2: %2 · level 3: %3 · level 4: %4")
            .replace("%1", str(len(rows)))
            .replace("%2", str(levels[2]))
            .replace("%3", str(levels[3]))
            .replace("%4", str(levels[4]))
        )
        if not rows:
            self.summary.setText(self.tr("No task is overdue."))
        self.sig_rows_loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.message.setText(
            self.tr("The overdue list could not be loaded: %1").replace("%1", str(error))
        )

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self._context.open_assignment(row.assignment_id)


def _make(context: WindowContext, parent: QWidget) -> QWidget:
    return OverdueSection(context, parent)


def _title() -> str:
    return QCoreApplication.translate("OverdueSection", "Overdue")


SECTION = Section("overdue", _title, frozenset({Role.LEAD, Role.SUPERVISOR, Role.ADMIN}), _make)
