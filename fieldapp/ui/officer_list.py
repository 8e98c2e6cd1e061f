"""The squad's officers with their open load, docked beside the queue; tasks dropped on an
officer are offered to them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from fieldapp.domain.enums import Role
from fieldapp.services.assigning import OfficerLoad
from fieldapp.ui.assignment_table_model import TASK_IDS_MIME

ModelIndex = QModelIndex | QPersistentModelIndex
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
ID_ROLE = Qt.ItemDataRole.UserRole.value + 1
# A drop names a handful of tasks; more ids than this is not a drag from our table.
MAX_DROPPED_BYTES = 1_000_000


def dropped_ids(data: QMimeData) -> list[str] | None:
    """The task ids a drag carries, or None when it carries none of ours."""
    if not data.hasFormat(TASK_IDS_MIME):
        return None
    raw = bytes(data.data(TASK_IDS_MIME).data())
    if len(raw) > MAX_DROPPED_BYTES:
        return None
    text = raw.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


class OfficerListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._officers: list[OfficerLoad] = []

    def set_officers(self, officers: Sequence[OfficerLoad]) -> None:
        self.beginResetModel()
        self._officers = list(officers)
        self.endResetModel()

    def officer_at(self, row: int) -> OfficerLoad:
        return self._officers[row]

    @property
    def officers(self) -> list[OfficerLoad]:
        return list(self._officers)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._officers)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> object:
        officer = self._officers[index.row()]
        if role == DISPLAY_ROLE:
            lead = self.tr(" (lead)") if officer.role is Role.LEAD else ""
            return self.tr("{name}{lead} — {count} open").format(
                name=officer.name, lead=lead, count=officer.open_count
            )
        if role == TOOLTIP_ROLE:
            return self.tr(
                "{name} holds {count} open tasks. Drop tasks here to assign them."
            ).format(name=officer.name, count=officer.open_count)
        if role == ID_ROLE:
            return officer.id
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        )


class OfficerView(QListView):
    """Takes drops of tasks on an officer; a drop between officers or of no task is refused."""

    # task ids, officer id
    sig_tasks_dropped = Signal(list, str)

    def __init__(self, model: OfficerListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_ids(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and dropped_ids(event.mimeData()):
            self.setCurrentIndex(index)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        ids = dropped_ids(event.mimeData())
        if not index.isValid() or ids is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # An empty list still reaches the controller, which says that nothing was selected.
        self.sig_tasks_dropped.emit(ids, str(index.data(ID_ROLE)))


class OfficerList(QWidget):
    """A titled officer list for the queue's right side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officerList")
        self.model = OfficerListModel(self)
        self.view = OfficerView(self.model, self)
        self.view.setObjectName("officerView")
        self.view.setAccessibleName(self.tr("Officers of the squad"))
        self.view.setAccessibleDescription(
            self.tr("Each officer with their open tasks; drop selected tasks on an officer")
        )
        self.title = QLabel(self.tr("Officers — drop tasks here"), self)
        self.title.setWordWrap(True)
        self.title.setBuddy(self.view)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.view, 1)
        self.setMinimumWidth(180)

    def add_footer(self, widget: QWidget) -> None:
        """Put ``widget`` under the list (what became of the last drop)."""
        self._layout.addWidget(widget)
