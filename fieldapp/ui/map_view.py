"""The map's QGraphicsView: zoom with the wheel, pan by dragging, a click on a pin opens it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from fieldapp.ui.map_pin import PinItem
from fieldapp.ui.map_scene import MapScene

ZOOM_STEP = 1.25
# Relative to the fitted view: from a quarter of it to a few streets.
MIN_ZOOM = 0.25
MAX_ZOOM = 200.0
# A press and release farther apart than this (pixels) was a drag, not a click.
CLICK_SLOP = 4


class MapView(QGraphicsView):
    sig_pin_clicked = Signal(str)  # the assignment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A map pans by dragging; scroll bars would only take room.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitted_scale = 1.0
        self._content = QRectF()
        self._pressed_at: QPoint | None = None
        # The id, not the item: a reload may replace the scene (and delete its items) between
        # the press and the release.
        self._pressed_id: str | None = None

    @property
    def zoom(self) -> float:
        """The current scale relative to the fitted view (1.0 right after fit)."""
        return self.transform().m11() / self._fitted_scale if self._fitted_scale else 1.0

    def fit(self, content: QRectF | None = None) -> None:
        """Show all of ``content`` (by default what was fitted last)."""
        if content is not None:
            self._content = QRectF(content)
        if self._content.isEmpty():
            return
        self.resetTransform()
        self.fitInView(self._content, Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted_scale = self.transform().m11() or 1.0

    def zoom_by(self, factor: float) -> None:
        wanted = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        if wanted != self.zoom:
            scale = wanted / self.zoom
            self.scale(scale, scale)

    def zoom_in(self) -> None:
        anchor = self.transformationAnchor()
        # From the keyboard, zoom about the middle, not wherever the mouse pointer rests.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(ZOOM_STEP)
        self.setTransformationAnchor(anchor)

    def zoom_out(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(1 / ZOOM_STEP)
        self.setTransformationAnchor(anchor)

    def pin_at(self, position: QPoint) -> PinItem | None:
        for item in self.items(position):
            if isinstance(item, PinItem):
                return item
        return None

    def tooltip_at(self, position: QPoint) -> str | None:
        """The text naming the pin at ``position`` (viewport pixels), if there is one."""
        scene = self.scene()
        pin = self.pin_at(position)
        if pin is None or not isinstance(scene, MapScene):
            return None
        return scene.tooltip(pin)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text is not None:
                QToolTip.showText(event.globalPos(), text, self.viewport())
                return True
        return super().viewportEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position().toPoint()
            pin = self.pin_at(self._pressed_at)
            self._pressed_id = pin.assignment_id if pin is not None else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed_at, pressed_id = self._pressed_at, self._pressed_id
        self._pressed_at = self._pressed_id = None
        if event.button() != Qt.MouseButton.LeftButton or pressed_at is None or not pressed_id:
            return
        if (event.position().toPoint() - pressed_at).manhattanLength() <= CLICK_SLOP:
            self.sig_pin_clicked.emit(pressed_id)
