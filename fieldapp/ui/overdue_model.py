"""Qt table model of the overdue tasks: sorted on the model's Python list (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from fieldapp.services.escalation_overdue import OverdueTask
from fieldapp.ui.escalation_labels import level_text
from fieldapp.ui.escalation_model import LEVEL_COLOURS
from fieldapp.ui.labels import matter_label
from fieldapp.ui.row_table_model import BACKGROUND_ROLE, RowTableModel


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


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class OverdueModel(RowTableModel[OverdueTask]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            _CONTEXT,
            [str(_HEADERS[column]) for column in Column],
            sort_keys=_SORT_KEYS,
            sort_column=Column.DAYS.value,
            sort_order=Qt.SortOrder.DescendingOrder,
            right_aligned=(Column.DAYS.value,),
            parent=parent,
        )

    def cell_data(self, row: OverdueTask, column: int, role: int) -> Any:
        if role == BACKGROUND_ROLE and column == Column.LEVEL.value and row.level:
            return LEVEL_COLOURS.get(row.level)
        return None

    def cell_text(self, row: OverdueTask, column: int) -> str:
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
