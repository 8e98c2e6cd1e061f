"""Columns of a table view sized to their header and contents, one column taking the rest."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

FIT_ROWS = 200  # rows looked at to size a column: enough for the widest, quick for 100,000
COLUMN_PADDING = 12
MIN_COLUMN = 60
MAX_COLUMN = 220


def stretch_column(table: QTableView, column: int) -> None:
    """``column`` takes the room the others leave; call once, when the table is built."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setResizeContentsPrecision(FIT_ROWS)


def fit_columns(table: QTableView, *, skip: int, widest: int = MAX_COLUMN) -> None:
    """Every column but ``skip`` as wide as its header and (the first rows of) its contents,
    between MIN_COLUMN and ``widest``: a short name needs no half of the table."""
    model = table.model()
    for column in range(model.columnCount() if model is not None else 0):
        if column == skip:
            continue
        table.resizeColumnToContents(column)
        width = table.columnWidth(column) + COLUMN_PADDING
        table.setColumnWidth(column, min(max(width, MIN_COLUMN), widest))
