"""Qt table model of a person's escalations (the inbox): level, item, reason, raised, state."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QColor, QFont

from fieldapp.domain.clock import COURT_TZ
from fieldapp.services.escalation_inbox import EscalationView
from fieldapp.ui.escalation_labels import level_text, raised_text, reason_text
from fieldapp.ui.row_table_model import (
    BACKGROUND_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    TOOLTIP_ROLE,
    RowTableModel,
)

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


class EscalationModel(RowTableModel[EscalationView]):
    """Rows stay in the order the inbox gives them: the columns do not sort."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_CONTEXT, [str(_HEADERS[column]) for column in Column], parent=parent)
        self._bold = QFont()
        self._bold.setBold(True)
        self._white = QColor("#ffffff")

    def row_of(self, key: tuple[str, str, int]) -> int:
        return next((n for n, row in enumerate(self._rows) if row.key == key), -1)

    def cell_data(self, row: EscalationView, column: int, role: int) -> Any:
        if role == TOOLTIP_ROLE and column == Column.REASON.value:
            return reason_tooltip(row)
        if role == BACKGROUND_ROLE and column == Column.LEVEL.value:
            return LEVEL_COLOURS.get(row.level)
        if role == FOREGROUND_ROLE and column == Column.LEVEL.value and row.level >= 4:
            return self._white
        if role == FONT_ROLE and row.acknowledged_at is None:
            return self._bold
        return None

    def cell_text(self, row: EscalationView, column: int) -> str:
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
