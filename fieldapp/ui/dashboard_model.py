"""Qt table model of the bulletin's lines (squads or officers): each figure beside its change
on the week before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from PySide6.QtGui import QFont

from fieldapp.services.bulletin import Line
from fieldapp.services.bulletin_report import (
    DASH,
    format_count_change,
    format_days,
    format_float_change,
    format_rate,
)


class Column(IntEnum):
    NAME = 0
    CARRIED_OVER = 1
    RECEIVED = 2
    COMPLETED = 3
    RATE = 4
    AVERAGE_DAYS = 5
    OVERDUE = 6
    LEVEL_1 = 7
    LEVEL_2 = 8
    LEVEL_3 = 9
    LEVEL_4 = 10
    EXPIRING = 11


_CONTEXT = "BulletinTableModel"
_HEADERS: dict[Column, object] = {
    Column.NAME: QT_TRANSLATE_NOOP("BulletinTableModel", "Name"),
    Column.CARRIED_OVER: QT_TRANSLATE_NOOP("BulletinTableModel", "Carried over"),
    Column.RECEIVED: QT_TRANSLATE_NOOP("BulletinTableModel", "Received"),
    Column.COMPLETED: QT_TRANSLATE_NOOP("BulletinTableModel", "Completed"),
    Column.RATE: QT_TRANSLATE_NOOP("BulletinTableModel", "Completion rate"),
    Column.AVERAGE_DAYS: QT_TRANSLATE_NOOP("BulletinTableModel", "Average days"),
    Column.OVERDUE: QT_TRANSLATE_NOOP("BulletinTableModel", "Overdue"),
    Column.LEVEL_1: QT_TRANSLATE_NOOP("BulletinTableModel", "Level 1"),
    Column.LEVEL_2: QT_TRANSLATE_NOOP("BulletinTableModel", "Level 2"),
    Column.LEVEL_3: QT_TRANSLATE_NOOP("BulletinTableModel", "Level 3"),
    Column.LEVEL_4: QT_TRANSLATE_NOOP("BulletinTableModel", "Level 4"),
    Column.EXPIRING: QT_TRANSLATE_NOOP("BulletinTableModel", "Assets expiring in 30 days"),
}
_TIPS: dict[Column, object] = {
    Column.CARRIED_OVER: QT_TRANSLATE_NOOP(
        "BulletinTableModel", "Tasks still open when the week began"
    ),
    Column.RATE: QT_TRANSLATE_NOOP(
        "BulletinTableModel", "Completed ÷ (carried over + received); change in points"
    ),
    Column.OVERDUE: QT_TRANSLATE_NOOP(
        "BulletinTableModel", "Open at the end of the week and past their due day"
    ),
    Column.EXPIRING: QT_TRANSLATE_NOOP(
        "BulletinTableModel", "Seals, seizures and freezes in force that expire within 30 days"
    ),
}


def header_text(column: Column) -> str:
    return QCoreApplication.translate(_CONTEXT, str(_HEADERS[column]))


@dataclass(frozen=True, slots=True)
class TableRow:
    label: str
    line: Line
    total: bool = False


def cell_texts(line: Line) -> tuple[tuple[str, str], ...]:
    """(figure, change) of each figure column, in column order."""
    this, change = line.this_week, line.change
    return (
        (str(this.carried_over), ""),
        (str(this.received), format_count_change(change.received)),
        (str(this.completed), format_count_change(change.completed)),
        (format_rate(this.completion_rate), format_float_change(change.completion_rate, 100)),
        (format_days(this.average_days), format_float_change(change.average_days)),
        (str(this.overdue), format_count_change(change.overdue)),
        *(
            (str(count), format_count_change(delta))
            for count, delta in zip(this.escalations, change.escalations, strict=True)
        ),
        (str(this.expiring_assets), format_count_change(change.expiring_assets)),
    )


class BulletinTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TableRow] = []
        self._texts: list[tuple[tuple[str, str], ...]] = []
        self._display = Qt.ItemDataRole.DisplayRole
        self._tooltip = Qt.ItemDataRole.ToolTipRole
        self._align = Qt.ItemDataRole.TextAlignmentRole
        self._font = Qt.ItemDataRole.FontRole
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def rows(self) -> list[TableRow]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[TableRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [cell_texts(row.line) for row in self._rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == self._display:
            return header_text(column)
        if role == self._tooltip and column in _TIPS:
            return QCoreApplication.translate(_CONTEXT, str(_TIPS[column]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == self._display:
            if column == 0:
                return row.label
            value, change = self._texts[index.row()][column - 1]
            # A figure without value ("—") has no change to show either.
            return f"{value}  ({change})" if change and value != DASH else value
        if role == self._align:
            if column == 0:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == self._font and row.total:
            return self._bold
        if role == self._tooltip and column > 0:
            value, change = self._texts[index.row()][column - 1]
            if change:
                tip = QCoreApplication.translate(
                    "BulletinTableModel", "This week %1; change on last week %2"
                )
                return tip.replace("%1", value).replace("%2", change)
        return None
