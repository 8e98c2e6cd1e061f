"""A read-only Qt table model over a Python list of rows, sorted on that list (DESIGN §5: no
proxy model). Subclasses say what a cell shows; this keeps the list, the headers and the sort."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

# Role numbers as plain ints, computed once: data() runs for every visible cell.
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
FONT_ROLE = Qt.ItemDataRole.FontRole.value
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole.value
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole.value
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole.value
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole.value

RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows are selectable, never editable. `headers` are source texts in column order,
    translated in `context`; `sort_keys` maps a column to its key (columns without one do not
    sort); `right_aligned` columns hold numbers."""

    def __init__(
        self,
        context: str,
        headers: Sequence[str],
        *,
        sort_keys: Mapping[int, Callable[[RowT], Any]] | None = None,
        sort_column: int = 0,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
        right_aligned: Collection[int] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._headers = tuple(headers)
        self._sort_keys = dict(sort_keys or {})
        self._sort_column = sort_column
        self._sort_order = sort_order
        self._right_aligned = frozenset(right_aligned)
        self._rows: list[RowT] = []

    # --- what a cell shows (for the subclass) -------------------------------------------------

    def cell_text(self, row: RowT, column: int) -> str:
        raise NotImplementedError

    def cell_data(self, row: RowT, column: int, role: int) -> Any:
        """Any other role (colours, fonts, tooltips, …); None when the cell has nothing."""
        return None

    # --- contents -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[RowT]:
        return list(self._rows)

    # --- Qt interface -------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == DISPLAY_ROLE and 0 <= section < len(self._headers):
            return QCoreApplication.translate(self._context, self._headers[section])
        return None

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY_ROLE, ACCESSIBLE_ROLE):
            return self.cell_text(row, column)
        if role == ALIGNMENT_ROLE and column in self._right_aligned:
            return RIGHT_ALIGNED
        return self.cell_data(row, column, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in self._sort_keys:
            return
        self._sort_column, self._sort_order = column, order
        self.beginResetModel()
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        key = self._sort_keys.get(self._sort_column)
        if key is not None:
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            self._rows.sort(key=key, reverse=descending)
