"""How wide a group tree (squad → region → matter, with counts and overdue badges) starts, so
that the longest matter name shows whole beside its badge in the interface's language."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTreeView

from fieldapp.ui.labels import matter_labels
from fieldapp.ui.overdue_badge_delegate import OverdueBadgeDelegate

NARROWEST = 280
WIDEST = 480
DEEPEST = 3  # squad → region → matter below the "all" node
ROOM = 40  # item margins, the expand arrow's own room, the frame and a scroll bar


def group_tree_width(tree: QTreeView, count_column: int) -> int:
    """The width that shows the longest matter name at the deepest level, its count and a
    two-digit overdue badge; between NARROWEST and WIDEST (the task table needs the rest)."""
    metrics = QFontMetrics(tree.font())
    longest = max((metrics.horizontalAdvance(name) for name in matter_labels().values()), default=0)
    name = longest + (DEEPEST + 1) * tree.indentation()
    delegate = tree.itemDelegateForColumn(count_column)
    count = metrics.horizontalAdvance("999") + 16
    if isinstance(delegate, OverdueBadgeDelegate):
        badge = QFont(tree.font())
        badge.setBold(True)
        count += QFontMetrics(badge).horizontalAdvance(delegate.badge_text(99)) + 20
    return max(NARROWEST, min(WIDEST, name + count + ROOM))
