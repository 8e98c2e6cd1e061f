"""Qt table model of the overdue tasks: sorted on the model's Python list (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from fieldapp.services.escalation_overdue import OverdueTask
from fieldapp.ui.escalation_labels import level_text
from fieldapp.ui.escalation_model import LEVEL_COLOURS
from fieldapp.ui.labels import matter_label


class Column(IntEnum):
    DAYS = 0
    LEVEL = 1
    REGISTRATION_NO = 2
    MATTER = 3
    SQUAD = 4
    OFFICER = 5
    DUE_ON = 6


_CONTEXT = "OverdueModel"
_HEADERS: dict[Column, object] = {
    Column.DAYS: QT_TRANSLATE_NOOP("OverdueModel", "Days overdue"),
    Column.LEVEL: QT_TRANSLATE_NOOP("OverdueModel", "Level"),
    Column.REGISTRATION_NO: QT_TRANSLATE_NOOP("OverdueModel", "Registration no."),
    Column.MATTER: QT_TRANSLATE_NOOP("OverdueModel", "Matter"),
    Column.SQUAD: QT_TRANSLATE_NOOP("OverdueModel", "Squad"),
    Column.OFFICER: QT_TRANSLATE_NOOP("OverdueModel", "Officer"),
    Column.DUE_ON: QT_TRANSLATE_NOOP("OverdueModel", "Due on"),
}
_UNASSIGNED = str(QT_TRANSLATE_NOOP("OverdueModel", "(not assigned)"))
_SORT_KEYS: dict[int, Callable[[OverdueTask], Any]] = {
    Column.DAYS.value: lambda row: (row.days_overdue, row.registration_no),
    Column.LEVEL.value: lambda row: (row.level or 0, row.days_overdue),
    Column.REGISTRATION_NO.value: lambda row: row.registration_no,
    Column.MATTER.value: lambda row: (row.matter.value, row.registration_no),
    Column.SQUAD.value: lambda row: (row.squad_name or row.squad_code or "", row.registration_no),
    Column.OFFICER.value: lambda row: (row.officer_name, row.registration_no),
    Column.DUE_ON.value: lambda row: (row.due_on, row.registration_no),
}

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole.value
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole.value
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole.value
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class OverdueModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OverdueTask] = []
        self._sort_column = Column.DAYS.value
        self._sort_order = Qt.SortOrder.DescendingOrder

    def set_rows(self, rows: Sequence[OverdueTask]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def row_at(self, row: int) -> OverdueTask | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[OverdueTask]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(Column)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return _tr(str(_HEADERS[Column(section)])) if 0 <= section < len(Column) else None
        return None

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY_ROLE, ACCESSIBLE_ROLE):
            return self._text(row, column)
        if role == BACKGROUND_ROLE and column == Column.LEVEL.value and row.level:
            return LEVEL_COLOURS.get(row.level)
        if role == ALIGNMENT_ROLE and column == Column.DAYS.value:
            return _RIGHT
        return None

    def _text(self, row: OverdueTask, column: int) -> str:
        if column == Column.DAYS.value:
            return str(row.days_overdue)
        if column == Column.LEVEL.value:
            return level_text(row.level) if row.level else "—"
        if column == Column.REGISTRATION_NO.value:
            return row.registration_no
        if column == Column.MATTER.value:
            return matter_label(row.matter)
        if column == Column.SQUAD.value:
            return row.squad_name or row.squad_code or "—"
        if column == Column.OFFICER.value:
            return row.officer_name or _tr(_UNASSIGNED)
        return row.due_on.isoformat()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort_column, self._sort_order = column, order
        self.beginResetModel()
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=_SORT_KEYS[self._sort_column], reverse=descending)
