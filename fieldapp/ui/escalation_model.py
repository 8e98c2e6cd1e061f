"""Qt table model of a person's escalations (the inbox): level, item, reason, raised, state."""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtGui import QColor, QFont

from fieldapp.domain.clock import COURT_TZ
from fieldapp.services.escalation_inbox import EscalationView
from fieldapp.ui.escalation_labels import level_text, raised_text, reason_text

__all__ = ["Column", "EscalationModel", "level_text", "local_time", "reason_tooltip"]


class Column(IntEnum):
    LEVEL = 0
    ITEM = 1
    REASON = 2
    RAISED = 3
    STATE = 4


_CONTEXT = "EscalationModel"
_HEADERS: dict[Column, object] = {
    Column.LEVEL: QT_TRANSLATE_NOOP("EscalationModel", "Level"),
    Column.ITEM: QT_TRANSLATE_NOOP("EscalationModel", "Item"),
    Column.REASON: QT_TRANSLATE_NOOP("EscalationModel", "Reason"),
    Column.RAISED: QT_TRANSLATE_NOOP("EscalationModel", "Raised at"),
    Column.STATE: QT_TRANSLATE_NOOP("EscalationModel", "State"),
}
# Marked for lupdate (it does not see through _tr), translated when shown.
_PROVISIONAL = str(QT_TRANSLATE_NOOP("EscalationModel", "Computed on this laptop"))
_WAITING = str(QT_TRANSLATE_NOOP("EscalationModel", "Not acknowledged"))
_DONE = str(QT_TRANSLATE_NOOP("EscalationModel", "Acknowledged %1"))
LEVEL_COLOURS = {
    1: QColor("#fff3c4"),
    2: QColor("#ffd59e"),
    3: QColor("#ff9e80"),
    4: QColor("#e53935"),
}

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole.value
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole.value
FONT_ROLE = Qt.ItemDataRole.FontRole.value
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole.value
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def local_time(view: EscalationView) -> str:
    """When raised; for one computed on this laptop, the day its level was reached."""
    return raised_text(view)


def reason_tooltip(view: EscalationView) -> str:
    shown = reason_text(view)
    if shown == view.reason:
        return shown
    recorded = QCoreApplication.translate("EscalationModel", "As recorded: %1")
    return f"{shown}\n\n{recorded.replace('%1', view.reason)}"


class EscalationModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EscalationView] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._white = QColor("#ffffff")

    def set_rows(self, rows: Sequence[EscalationView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> EscalationView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: tuple[str, str, int]) -> int:
        return next((n for n, row in enumerate(self._rows) if row.key == key), -1)

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
        if role == TOOLTIP_ROLE and column == Column.REASON.value:
            return reason_tooltip(row)
        if role == BACKGROUND_ROLE and column == Column.LEVEL.value:
            return LEVEL_COLOURS.get(row.level)
        if role == FOREGROUND_ROLE and column == Column.LEVEL.value and row.level >= 4:
            return self._white
        if role == FONT_ROLE and row.acknowledged_at is None:
            return self._bold
        return None

    def _text(self, row: EscalationView, column: int) -> str:
        if column == Column.LEVEL.value:
            return level_text(row.level)
        if column == Column.ITEM.value:
            return row.item_label or "—"
        if column == Column.REASON.value:
            return reason_text(row)
        if column == Column.RAISED.value:
            return local_time(row)
        if row.provisional:
            return _tr(_PROVISIONAL)
        if row.acknowledged_at is None:
            return _tr(_WAITING)
        when = row.acknowledged_at.astimezone(COURT_TZ).strftime("%m-%d %H:%M")
        return _tr(_DONE).replace("%1", when)
