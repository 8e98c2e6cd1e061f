"""The group tree's view (squad → region → matter, with counts and overdue badges), set up the
same way in the queue and in My tasks: one group chosen at a time, nothing editable."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from fieldapp.ui.group_tree_model import COUNT_COLUMN, NAME_COLUMN, GroupTreeModel
from fieldapp.ui.overdue_badge_delegate import OverdueBadgeDelegate


def make_group_tree(model: GroupTreeModel, parent: QWidget) -> QTreeView:
    """A tree over `model` whose names stretch and whose counts carry the overdue badge; the
    caller names it (object and accessible names) and listens to its selection."""
    tree = QTreeView(parent)
    tree.setModel(model)
    tree.setItemDelegateForColumn(COUNT_COLUMN, OverdueBadgeDelegate(tree))
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
    return tree
