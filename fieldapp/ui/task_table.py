"""The table view of tasks: row selection, sortable headers, and an address column that flexes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from fieldapp.ui import labels
from fieldapp.ui.assignment_table_model import AssignmentTableModel, Column

# Below this the address says too little to be worth its column.
MIN_ADDRESS_WIDTH = 200
_PADDING = 28


class TaskTable(QTableView):
    """The address column takes the width the other columns leave, never less than a minimum.

    (QHeaderView's Stretch mode squeezes a column to nothing when the window is narrow, and
    does not let the user resize it.)
    """

    def __init__(self, model: AssignmentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in self._initial_widths(model).items():
            header.resizeSection(column, width)
        header.sectionResized.connect(self._section_resized)
        # Open tasks first, the one due first on top, until the user picks another column.
        header.setSortIndicator(Column.STATUS, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)

    def set_column_shown(self, column: Column, shown: bool) -> None:
        self.setColumnHidden(column, not shown)
        self._fit_address()

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport, not the view: it also narrows when the vertical scroll bar appears.
        if event.type() == QEvent.Type.Resize:
            self._fit_address()
        return super().viewportEvent(event)

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != Column.ADDRESS:
            self._fit_address()

    def _fit_address(self) -> None:
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != Column.ADDRESS and not header.isSectionHidden(column)
        )
        width = max(MIN_ADDRESS_WIDTH, self.viewport().width() - others)
        if header.sectionSize(Column.ADDRESS) != width:
            header.resizeSection(Column.ADDRESS, width)

    def _initial_widths(self, model: AssignmentTableModel) -> dict[Column, int]:
        metrics = self.fontMetrics()

        def fit(*samples: str) -> int:
            return max(metrics.horizontalAdvance(sample) for sample in samples) + _PADDING

        widths = {
            Column.REGISTRATION_NO: fit("WQ-2026-000000"),
            Column.CASE_NUMBER: fit("（2026）黔01执保0000号"),
            Column.MATTER: fit(*labels.matter_labels().values()),
            Column.PARTY: fit("贵阳某某商贸有限公司"),
            Column.ADDRESS: MIN_ADDRESS_WIDTH,
            Column.REGION: fit("观山湖区"),
            Column.STATUS: fit(*labels.status_labels().values()),
            Column.DUE_ON: fit("2026-00-00"),
            Column.OFFICERS: fit("欧阳某某、某某某"),
        }
        # The header must fit too, with room for the sort arrow.
        for column in widths:
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            widths[column] = max(widths[column], fit(title) + 16)
        return widths
