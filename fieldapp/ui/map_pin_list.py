"""A list model of assignments beside the map (today's route in order, those with no location)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole.value
ID_ROLE = Qt.ItemDataRole.UserRole.value + 1

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class PinLine:
    assignment_id: str
    text: str
    tooltip: str


class PinListModel(QAbstractListModel):
    """Lines made once per load: data() only looks them up (the list may be long)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[PinLine] = []

    def set_lines(self, lines: Sequence[PinLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> PinLine:
        return self._lines[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role in (DISPLAY_ROLE, ACCESSIBLE_ROLE):
            return line.text
        if role == TOOLTIP_ROLE:
            return line.tooltip
        if role == ID_ROLE:
            return line.assignment_id
        return None
