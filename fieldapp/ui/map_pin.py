"""A map pin: one assignment, coloured by status, ringed red when overdue, numbered on the route."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.services.map_data import MapPin

# Distinct at a glance and in print; open work in strong colours, finished work muted.
STATUS_COLOURS: dict[AssignmentStatus, QColor] = {
    AssignmentStatus.REGISTERED: QColor("#78909c"),
    AssignmentStatus.ROUTED: QColor("#8e24aa"),
    AssignmentStatus.ASSIGNED: QColor("#1e88e5"),
    AssignmentStatus.IN_PROGRESS: QColor("#fb8c00"),
    AssignmentStatus.DONE: QColor("#43a047"),
    AssignmentStatus.RETURNED: QColor("#6d4c41"),
    AssignmentStatus.CANCELLED: QColor("#bdbdbd"),
}
OVERDUE_RING = QColor("#c62828")
OUTLINE = QColor("#263238")

PIN_RADIUS = 6.0
STOP_RADIUS = 10.0
_RING = 2.5
_IGNORES_ZOOM = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
_HAND = Qt.CursorShape.PointingHandCursor


class PinItem(QGraphicsItem):
    """Drawn in screen pixels (it ignores the view's zoom), centred on its map position.

    Its tooltip is written when asked for (by the map view), not when the pin is made: a map
    may hold tens of thousands of pins, and building their texts up front took most of the
    time of drawing them.
    """

    def __init__(self, pin: MapPin, number: int | None = None) -> None:
        super().__init__()
        self.pin = pin
        self.number = number
        self._colour = STATUS_COLOURS[pin.status]
        self._radius = STOP_RADIUS if number is not None else PIN_RADIUS
        self.setFlag(_IGNORES_ZOOM)
        self.setCursor(_HAND)
        # Stops above other pins, so the numbers stay readable where pins crowd.
        self.setZValue(30 if number is not None else 20)

    @property
    def assignment_id(self) -> str:
        return self.pin.id

    @property
    def colour(self) -> QColor:
        return self._colour

    def boundingRect(self) -> QRectF:
        extent = self._radius + _RING + 1
        return QRectF(-extent, -extent, 2 * extent, 2 * extent)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self._radius
        if self.pin.overdue:
            painter.setPen(QPen(OVERDUE_RING, _RING))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), radius + _RING / 2, radius + _RING / 2)
        outline = QPen(OUTLINE, 1.2)
        if self.pin.outside_regions:
            outline.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(outline)
        painter.setBrush(QBrush(self._colour))
        painter.drawEllipse(QPointF(0, 0), radius, radius)
        if self.number is not None:
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(11 if self.number < 100 else 8)
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(
                QRectF(-radius, -radius, 2 * radius, 2 * radius),
                Qt.AlignmentFlag.AlignCenter,
                str(self.number),
            )
