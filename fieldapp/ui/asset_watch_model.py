"""Qt table model of the asset watch list: one row per control in force, coloured by how soon
it expires, sorted on the model's Python list (DESIGN §5: no proxy model)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.services.asset_watch import WatchedControl, band_of
from fieldapp.ui.row_table_model import (
    BACKGROUND_ROLE,
    DISPLAY_ROLE,
    FOREGROUND_ROLE,
    TOOLTIP_ROLE,
    RowTableModel,
)

__all__ = [
    "BACKGROUND_ROLE",
    "BAND_COLOURS",
    "BAND_ROLE",
    "DISPLAY_ROLE",
    "FOREGROUND_ROLE",
    "KIND_LABELS",
    "MEASURE_LABELS",
    "ROW_ROLE",
    "TOOLTIP_ROLE",
    "AssetWatchModel",
    "Column",
    "counts_by_band",
]


class Column(IntEnum):
    DAYS_LEFT = 0
    EXPIRES_ON = 1
    MEASURE = 2
    ASSET = 3
    CASE_NUMBER = 4
    TASK = 5
    SQUAD = 6
    RENEWALS = 7


_CONTEXT = "AssetWatchModel"
_HEADERS: dict[Column, object] = {
    Column.DAYS_LEFT: QT_TRANSLATE_NOOP("AssetWatchModel", "Days left"),
    Column.EXPIRES_ON: QT_TRANSLATE_NOOP("AssetWatchModel", "Expires on"),
    Column.MEASURE: QT_TRANSLATE_NOOP("AssetWatchModel", "Measure"),
    Column.ASSET: QT_TRANSLATE_NOOP("AssetWatchModel", "Asset"),
    Column.CASE_NUMBER: QT_TRANSLATE_NOOP("AssetWatchModel", "Case number"),
    Column.TASK: QT_TRANSLATE_NOOP("AssetWatchModel", "Task"),
    Column.SQUAD: QT_TRANSLATE_NOOP("AssetWatchModel", "Squad"),
    Column.RENEWALS: QT_TRANSLATE_NOOP("AssetWatchModel", "Renewals"),
}
_MEASURES: dict[ControlMeasure, object] = {
    ControlMeasure.SEAL: QT_TRANSLATE_NOOP("AssetWatchModel", "Seal"),
    ControlMeasure.SEIZE: QT_TRANSLATE_NOOP("AssetWatchModel", "Seize"),
    ControlMeasure.FREEZE: QT_TRANSLATE_NOOP("AssetWatchModel", "Freeze"),
    ControlMeasure.RENEW: QT_TRANSLATE_NOOP("AssetWatchModel", "Renew"),
    ControlMeasure.RELEASE: QT_TRANSLATE_NOOP("AssetWatchModel", "Release"),
}
_KINDS: dict[AssetKind, object] = {
    AssetKind.REAL_ESTATE: QT_TRANSLATE_NOOP("AssetWatchModel", "Real estate"),
    AssetKind.VEHICLE: QT_TRANSLATE_NOOP("AssetWatchModel", "Vehicle"),
    AssetKind.MOVABLE: QT_TRANSLATE_NOOP("AssetWatchModel", "Movable property"),
    AssetKind.BANK_DEPOSIT: QT_TRANSLATE_NOOP("AssetWatchModel", "Bank deposit"),
    AssetKind.EQUITY: QT_TRANSLATE_NOOP("AssetWatchModel", "Equity"),
    AssetKind.OTHER: QT_TRANSLATE_NOOP("AssetWatchModel", "Other property"),
}

# Source texts, marked for lupdate; translated when shown.
MEASURE_LABELS: dict[ControlMeasure, str] = {key: str(text) for key, text in _MEASURES.items()}
KIND_LABELS: dict[AssetKind, str] = {key: str(text) for key, text in _KINDS.items()}

# Band → (background, text). -1 is expired: red, the asset is about to "lose control".
BAND_COLOURS: dict[int, tuple[QColor, QColor]] = {
    -1: (QColor("#e53935"), QColor("#ffffff")),
    7: (QColor("#ffab91"), QColor("#4e1400")),
    30: (QColor("#ffe082"), QColor("#3e2a00")),
    90: (QColor("#fff9c4"), QColor("#3e3a00")),
}

ROW_ROLE = Qt.ItemDataRole.UserRole.value + 1
BAND_ROLE = Qt.ItemDataRole.UserRole.value + 2

_NUMERIC = (Column.DAYS_LEFT.value, Column.RENEWALS.value)
SortKey = Callable[[WatchedControl], Any]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _days_key(row: WatchedControl) -> tuple[bool, int]:
    # Controls without an expiry go after the dated ones, whichever way the list is sorted.
    return (row.days_left is None, row.days_left if row.days_left is not None else 0)


_SORT_KEYS: dict[int, SortKey] = {
    Column.DAYS_LEFT.value: _days_key,
    Column.EXPIRES_ON.value: _days_key,
    Column.MEASURE.value: lambda row: row.measure.value,
    Column.ASSET.value: lambda row: row.asset_description,
    Column.CASE_NUMBER.value: lambda row: row.case_number,
    Column.TASK.value: lambda row: row.registration_no or "",
    Column.SQUAD.value: lambda row: row.squad_code or "",
    Column.RENEWALS.value: lambda row: row.renewals,
}


class AssetWatchModel(RowTableModel[WatchedControl]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            _CONTEXT,
            [str(_HEADERS[column]) for column in Column],
            sort_keys=_SORT_KEYS,
            sort_column=Column.DAYS_LEFT.value,
            right_aligned=_NUMERIC,
            parent=parent,
        )
        self._squad_names: dict[str, str] = {}  # code -> name, as the squad records have it

    # --- contents ------------------------------------------------------------------------

    def set_squad_names(self, names: dict[str, str]) -> None:
        """Show squads by name (第一外勤组), not by code; unknown codes stay as they are."""
        if names == self._squad_names:
            return
        self._squad_names = dict(names)
        if self._rows:
            column = Column.SQUAD.value
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def squad_name(self, code: str) -> str:
        return self._squad_names.get(code) or code

    def row_of(self, control_id: str) -> int:
        for position, row in enumerate(self._rows):
            if row.control_id == control_id:
                return position
        return -1

    # --- cells -------------------------------------------------------------------------

    def cell_data(self, row: WatchedControl, column: int, role: int) -> Any:
        if role in (BACKGROUND_ROLE, FOREGROUND_ROLE):
            band = band_of(row.days_left)
            if band is None:
                return None
            background, text = BAND_COLOURS[band]
            return background if role == BACKGROUND_ROLE else text
        if role == TOOLTIP_ROLE:
            return self._tooltip(row)
        if role == ROW_ROLE:
            return row
        if role == BAND_ROLE:
            return band_of(row.days_left)
        return None

    def cell_text(self, row: WatchedControl, column: int) -> str:
        if column == Column.DAYS_LEFT.value:
            if row.days_left is None:
                return "—"
            if row.days_left < 0:
                text = QCoreApplication.translate("AssetWatchModel", "expired %1 d ago")
                return text.replace("%1", str(-row.days_left))
            return str(row.days_left)
        if column == Column.EXPIRES_ON.value:
            return row.expires_on.isoformat() if row.expires_on else "—"
        if column == Column.MEASURE.value:
            return _tr(MEASURE_LABELS[row.measure])
        if column == Column.ASSET.value:
            return f"{_tr(KIND_LABELS[row.asset_kind])}: {row.asset_description}"
        if column == Column.CASE_NUMBER.value:
            closed = QCoreApplication.translate("AssetWatchModel", " (closed for now)")
            suffix = closed if row.closed_for_now else ""
            return row.case_number + suffix
        if column == Column.TASK.value:
            return row.registration_no or "—"
        if column == Column.SQUAD.value:
            return self.squad_name(row.squad_code) if row.squad_code else "—"
        if column == Column.RENEWALS.value:
            return str(row.renewals)
        return ""

    def _tooltip(self, row: WatchedControl) -> str:
        lines = [row.asset_description]
        if row.location:
            lines.append(row.location)
        if row.ruling_no:
            ruling = QCoreApplication.translate("AssetWatchModel", "Ruling: %1")
            lines.append(ruling.replace("%1", row.ruling_no))
        since = QCoreApplication.translate("AssetWatchModel", "In force since %1")
        lines.append(since.replace("%1", row.effective_on.isoformat()))
        return "\n".join(lines)

    def _sort_rows(self) -> None:
        if self._sort_column not in (Column.DAYS_LEFT.value, Column.EXPIRES_ON.value):
            super()._sort_rows()
            return
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        dated = [row for row in self._rows if row.days_left is not None]
        undated = [row for row in self._rows if row.days_left is None]
        dated.sort(key=_days_key, reverse=descending)
        self._rows = dated + undated


def counts_by_band(rows: Sequence[WatchedControl]) -> dict[int, int]:
    """How many rows are expired (-1) or within 7, 30 and 90 days."""
    counts = {band: 0 for band in BAND_COLOURS}
    for row in rows:
        band = band_of(row.days_left)
        if band is not None:
            counts[band] += 1
    return counts
