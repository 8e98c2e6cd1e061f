"""Paints a group's count with its overdue tasks as a red badge beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from fieldapp.ui.group_tree_model import OVERDUE_ROLE, TOTAL_ROLE

_PADDING = 6
_BADGE_PADDING = 7
OVERDUE_COLOUR = QColor("#c62828")
_BADGE_TEXT = QColor("#ffffff")
_RIGHT_CENTRE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class OverdueBadgeDelegate(QStyledItemDelegate):
    def badge_text(self, overdue: int) -> str:
        return self.tr("overdue {count}").format(count=overdue)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        total = int(index.data(TOTAL_ROLE) or 0)
        overdue = int(index.data(OVERDUE_ROLE) or 0)
        # Let the style draw selection and hover, then draw the text ourselves.
        view_option.text = ""
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)

        rect = QRect(view_option.rect).adjusted(_PADDING, 0, -_PADDING, 0)
        painter.save()
        if overdue:
            badge = self._badge_rect(rect, self.badge_text(overdue), view_option.font)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OVERDUE_COLOUR)
            radius = badge.height() / 2
            painter.drawRoundedRect(badge, radius, radius)
            painter.setPen(_BADGE_TEXT)
            painter.setFont(self._badge_font(view_option.font))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.badge_text(overdue))
            rect.setRight(badge.left() - _PADDING)
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(view_option.palette.color(role))
        painter.setFont(view_option.font)
        painter.drawText(rect, _RIGHT_CENTRE, str(total))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        total = int(index.data(TOTAL_ROLE) or 0)
        overdue = int(index.data(OVERDUE_ROLE) or 0)
        font = option.font
        width = QFontMetrics(font).horizontalAdvance(str(total)) + 2 * _PADDING
        if overdue:
            badge_metrics = QFontMetrics(self._badge_font(font))
            width += badge_metrics.horizontalAdvance(self.badge_text(overdue))
            width += 2 * _BADGE_PADDING + _PADDING
        return QSize(max(width, size.width()), size.height())

    def _badge_rect(self, rect: QRect, text: str, font: QFont) -> QRect:
        metrics = QFontMetrics(self._badge_font(font))
        width = metrics.horizontalAdvance(text) + 2 * _BADGE_PADDING
        height = min(metrics.height() + 2, rect.height() - 2)
        return QRect(rect.right() - width + 1, rect.center().y() - height // 2 + 1, width, height)

    @staticmethod
    def _badge_font(font: QFont) -> QFont:
        badge = QFont(font)
        badge.setBold(True)
        badge.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        return badge
