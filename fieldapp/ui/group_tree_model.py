"""Qt item model of the group tree: "all", then squads, regions and matters with their counts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from fieldapp.ui.groups import ALL, GroupKey, GroupNode, GroupSnapshot, build_tree, find_node
from fieldapp.ui.labels import matter_label

NAME_COLUMN = 0
COUNT_COLUMN = 1

# Role numbers as plain ints, computed once: data() is called for every visible cell.
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole.value
FONT_ROLE = Qt.ItemDataRole.FontRole.value
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole.value
KEY_ROLE = Qt.ItemDataRole.UserRole.value + 1
TOTAL_ROLE = Qt.ItemDataRole.UserRole.value + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole.value + 3

_COUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

ModelIndex = QModelIndex | QPersistentModelIndex


class GroupTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all = GroupNode(ALL)
        # Empty until the first counts arrive, so a view does not pick "all" on its own (on
        # focus) and start a load that the arriving counts would repeat.
        self._loaded = False
        self._squad_names: dict[str, str] = {}
        self._region_names: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_snapshot(self, snapshot: GroupSnapshot) -> None:
        self.beginResetModel()
        self._all = build_tree(snapshot.counts)
        self._loaded = True
        self._squad_names = dict(snapshot.squad_names)
        self._region_names = dict(snapshot.region_names)
        self.endResetModel()

    def index_of(self, key: GroupKey) -> QModelIndex:
        """The index of ``key``'s node, or invalid when that group is gone."""
        node = find_node(self._all, key) if self._loaded else None
        return QModelIndex() if node is None else self.createIndex(node.row, 0, node)

    def node_name(self, node: GroupNode) -> str:
        key = node.key
        if key.depth == 0:
            return self.tr("All tasks")
        if key.depth == 1:
            if key.squad_code is None:
                return self.tr("Not routed to a squad")
            return self._squad_names.get(key.squad_code, key.squad_code)
        if key.depth == 2:
            if key.region_code is None:
                return self.tr("No region")
            return self._region_names.get(key.region_code, key.region_code)
        assert key.matter is not None
        return matter_label(key.matter)

    def path_names(self, key: GroupKey) -> list[str]:
        """The names from the squad down to ``key``'s node, for a heading."""
        node = find_node(self._all, key)
        names: list[str] = []
        while node is not None:
            names.append(self.node_name(node))
            node = node.parent
        names.reverse()
        return names[1:] if len(names) > 1 else names

    # -- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, self._all)
        node: GroupNode = parent.internalPointer()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: GroupNode = index.internalPointer()
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 1 if self._loaded else 0
        if parent.column() != NAME_COLUMN:
            return 0
        node: GroupNode = parent.internalPointer()
        return len(node.children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        node: GroupNode = index.internalPointer()
        column = index.column()
        if role == DISPLAY_ROLE:
            return self.node_name(node) if column == NAME_COLUMN else self._count_text(node)
        if role == KEY_ROLE:
            return node.key
        if role == TOTAL_ROLE:
            return node.total
        if role == OVERDUE_ROLE:
            return node.overdue
        if role in (TOOLTIP_ROLE, ACCESSIBLE_ROLE):
            counts = self.tr("{total} tasks, {open} open, {overdue} overdue").format(
                total=node.total, open=node.open, overdue=node.overdue
            )
            if role == TOOLTIP_ROLE and column == NAME_COLUMN:
                # The name in full, should a narrowed tree elide it.
                return f"{self.node_name(node)}\n{counts}"
            return counts
        if role == FONT_ROLE and node.key.depth <= 1:
            return self._bold
        if role == ALIGNMENT_ROLE and column == COUNT_COLUMN:
            return _COUNT_ALIGNMENT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY_ROLE:
            return None
        return self.tr("Group") if section == NAME_COLUMN else self.tr("Tasks")

    def _count_text(self, node: GroupNode) -> str:
        if not node.overdue:
            return str(node.total)
        return self.tr("{total} (overdue {overdue})").format(total=node.total, overdue=node.overdue)
