"""Builds the map's QGraphicsScene: region boundaries and names, pins, today's route in order.

Pins are added in chunks (:meth:`MapScene.add_pending`) so that a map of tens of thousands of
tasks is drawn over several turns of the event loop instead of freezing the window: measured
here, 20,000 pins took ~0.5 s to add, a chunk of 1,000 ~25 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import cycle

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from fieldapp.services.map_data import MapData, MapPin, RegionShape
from fieldapp.ui.map_pin import PinItem
from fieldapp.ui.map_projection import Projection

REGION_FILLS = ("#eef3e8", "#e8eef5", "#f5efe6", "#f0e9f3", "#e6f2f1", "#f6f1df")
REGION_EDGE = QColor("#78909c")
REGION_LABEL = QColor("#455a64")
ROUTE_COLOUR = QColor("#1565c0")
START_COLOUR = QColor("#263238")
# Around what is drawn, so the outermost boundaries and pins do not touch the window's edge.
MARGIN_KM = 3.0
PIN_CHUNK = 1_000  # ~25 ms of work per turn of the event loop

PinText = Callable[[MapPin, int | None], str]
# Region names sit above pins (20), route stops (30) and the start (25), with a halo, so that
# a crowded region still shows its name; they take no clicks, so pins under them still do.
LABEL_Z = 40
HALO_COLOUR = QColor(255, 255, 255, 220)
HALO_WIDTH = 3.0


class HaloLabel(QGraphicsSimpleTextItem):
    """A region's name drawn over a light halo, readable on pins, the route and fills."""

    def boundingRect(self) -> QRectF:
        half = HALO_WIDTH / 2 + 1
        return super().boundingRect().adjusted(-half, -half, half, half)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.boundingRect())
        return path

    def text_path(self) -> QPainterPath:
        path = QPainterPath()
        metrics = QFontMetricsF(self.font())
        path.addText(0, metrics.ascent(), self.font(), self.text())
        return path

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        path = self.text_path()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = QPen(HALO_COLOUR, HALO_WIDTH)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.strokePath(path, halo)
        painter.fillPath(path, self.brush())
        painter.restore()


class MapScene(QGraphicsScene):
    """The map of one load; keeps the items tests and the view need to find again.

    Give it a Qt parent: a parentless scene belongs to its Python wrapper, and the wrapper sits
    in a reference cycle (the scene's pin_text is a method of the section that holds the
    scene), so Python's cycle collector would destroy the scene and its items whenever it
    runs — on a background runner's worker thread too, where destroying a GUI object is fatal.
    """

    def __init__(
        self, projection: Projection, pin_text: PinText, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.projection = projection
        self.pin_items: dict[str, PinItem] = {}
        self.route_item: QGraphicsPathItem | None = None
        self.start_item: QGraphicsRectItem | None = None
        self.region_labels: dict[str, QGraphicsSimpleTextItem] = {}
        self.content_rect = QRectF()
        self.pending: list[MapPin] = []
        self._pin_text = pin_text

    def position(self, lat: float, lon: float) -> QPointF:
        x, y = self.projection.to_map(lat, lon)
        return QPointF(x, y)

    def tooltip(self, item: PinItem) -> str:
        return self._pin_text(item.pin, item.number)

    def add_pending(self, count: int | None = None) -> bool:
        """Add up to ``count`` (by default PIN_CHUNK) of the pins still to draw; True while
        some remain."""
        size = PIN_CHUNK if count is None else count
        chunk, self.pending = self.pending[:size], self.pending[size:]
        to_map = self.projection.to_map
        add, items = self.addItem, self.pin_items
        for pin in chunk:
            if pin.id in items or pin.point is None:
                continue
            item = PinItem(pin)
            x, y = to_map(*pin.point)
            item.setPos(x, y)
            add(item)
            items[pin.id] = item
        return bool(self.pending)

    def add_all(self) -> None:
        while self.add_pending():
            pass

    def route_points(self) -> list[QPointF]:
        """The route line's vertices in order: the start, then each stop."""
        if self.route_item is None:
            return []
        path = self.route_item.path()
        return [
            QPointF(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())
        ]


def build_map_scene(
    data: MapData,
    pins: Sequence[MapPin],
    *,
    region_name: Callable[[RegionShape], str],
    pin_text: PinText,
    start_text: str,
    parent: QObject | None = None,
) -> MapScene:
    """A scene with ``data``'s regions and route; the ``pins`` that have a point wait in
    ``pending`` (call :meth:`MapScene.add_pending` or :meth:`MapScene.add_all`).

    Stops of the route are drawn (numbered) at once, whether or not ``pins`` holds them: the
    route is the officer's plan for today, whatever the filter shows.
    """
    route = data.route
    placed = [pin for pin in pins if pin.point is not None]
    corners = [
        (lat, lon)
        for region in data.regions
        for polygon in region.polygons
        for lon, lat in polygon[0]
    ]
    # Centred on the regions alone when there are any, so that the map does not shift between
    # loads as pins come and go.
    everything = corners + [pin.point for pin in placed if pin.point is not None]
    if route is not None:
        everything.append(route.start)
        everything += [stop.point for stop in route.stops]
    scene = MapScene(Projection.around(corners or everything), pin_text, parent)

    for region, fill in zip(data.regions, cycle(REGION_FILLS), strict=False):
        _add_region(scene, region, QColor(fill), region_name(region))

    if route is not None and route.stops:
        _add_route(scene, data, start_text)
    scene.pending = placed

    if everything:
        # The projection is affine in (lat, lon): the corners of the points' box bound them all.
        lats = [lat for lat, _lon in everything]
        lons = [lon for _lat, lon in everything]
        x1, y1 = scene.projection.to_map(max(lats), min(lons))
        x2, y2 = scene.projection.to_map(min(lats), max(lons))
        bounds = QRectF(x1, y1, max(x2 - x1, 0.01), max(y2 - y1, 0.01))
        scene.content_rect = bounds.adjusted(-MARGIN_KM, -MARGIN_KM, MARGIN_KM, MARGIN_KM)
    # Room to pan a little beyond the map, not into emptiness.
    scene.setSceneRect(scene.content_rect.adjusted(-20, -20, 20, 20))
    return scene


def _add_route(scene: MapScene, data: MapData, start_text: str) -> None:
    route = data.route
    assert route is not None
    by_id = {pin.id: pin for pin in data.pins}
    for number, stop in enumerate(route.stops, start=1):
        item = PinItem(by_id[stop.key], number)
        item.setPos(scene.position(*stop.point))
        scene.addItem(item)
        scene.pin_items[stop.key] = item
    path = QPainterPath(scene.position(*route.start))
    for stop in route.stops:
        path.lineTo(scene.position(*stop.point))
    pen = QPen(ROUTE_COLOUR, 3)
    pen.setCosmetic(True)  # the same width at every zoom
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    scene.route_item = scene.addPath(path, pen)
    scene.route_item.setZValue(10)
    start = QGraphicsRectItem(-6, -6, 12, 12)
    start.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    start.setBrush(QBrush(START_COLOUR))
    start.setPen(QPen(QColor("#ffffff"), 1.5))
    start.setPos(scene.position(*route.start))
    start.setToolTip(start_text)
    start.setZValue(25)
    scene.addItem(start)
    scene.start_item = start


def _add_region(scene: MapScene, region: RegionShape, fill: QColor, name: str) -> None:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay holes
    for polygon in region.polygons:
        for ring in polygon:
            path.addPolygon(QPolygonF([scene.position(lat, lon) for lon, lat in ring]))
            path.closeSubpath()
    edge = QPen(REGION_EDGE, 1.2)
    edge.setCosmetic(True)
    item = scene.addPath(path, edge, QBrush(fill))
    item.setZValue(0)
    item.setToolTip(name)
    label = HaloLabel(name)
    label.setBrush(QBrush(REGION_LABEL))
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    box = label.boundingRect()
    # Centred on the region's inner point, in screen pixels (its own transform still applies).
    label.setTransform(QTransform.fromTranslate(-box.width() / 2, -box.height() / 2))
    label.setPos(scene.position(*region.label_at))
    label.setZValue(LABEL_Z)
    label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    label.setAcceptHoverEvents(False)
    scene.addItem(label)
    scene.region_labels[region.code] = label
