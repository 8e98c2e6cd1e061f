"""The Map section: offline region map with the assignments as pins and today's route in order."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.services.map_data import (
    MapData,
    MapPin,
    PinFilter,
    RegionShape,
    RouteStart,
    load_map,
    visible_pins,
)
from fieldapp.ui import labels
from fieldapp.ui.background import report_unexpected
from fieldapp.ui.map_pin import OUTLINE, OVERDUE_RING, STATUS_COLOURS
from fieldapp.ui.map_pin_list import ID_ROLE, PinLine, PinListModel
from fieldapp.ui.map_scene import ROUTE_COLOUR, START_COLOUR, MapScene, build_map_scene
from fieldapp.ui.map_view import MapView
from fieldapp.ui.sections import EVERYONE, Section, WindowContext

_SWATCH = 14


class MapSection(QWidget):
    sig_loaded = Signal()  # the map is drawn, after a load or a change of what it shows

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Map"))
        self._context = context
        self._data: MapData | None = None
        self._generation = 0
        self._auto_fit = True
        self.scene: MapScene | None = None

        self.view = MapView(self)
        self.view.setObjectName("mapView")
        self.view.setAccessibleName(self.tr("Map of the regions and tasks"))
        self.view.sig_pin_clicked.connect(self._open)
        self.show_filter = self._make_filter()
        self.route_summary = QLabel(self)
        self.route_summary.setObjectName("routeSummary")
        self.route_summary.setWordWrap(True)
        self.route_model = PinListModel(self)
        self.route_list = self._make_list(self.route_model, "routeList", self.tr("Today's route"))
        self.unplaced_model = PinListModel(self)
        self.unplaced_list = self._make_list(
            self.unplaced_model, "unplacedList", self.tr("Tasks with no location")
        )
        self.unplaced_label = QLabel(self)
        self.unplaced_label.setObjectName("unplacedLabel")
        self.unplaced_label.setWordWrap(True)
        self.schematic_note = QLabel(
            self.tr("Boundaries are schematic, for orientation only."), self
        )
        self.schematic_note.setWordWrap(True)
        self.schematic_note.setStyleSheet("color: #607d8b;")
        self.schematic_note.hide()
        # Pins are added a chunk per turn of the event loop (see map_scene).
        self._pin_timer = QTimer(self)
        self._pin_timer.setSingleShot(True)
        self._pin_timer.setInterval(0)
        self._pin_timer.timeout.connect(self._add_pins)
        self._lay_out()
        self._make_shortcuts()

    # -- what the window calls ---------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        context = self._context
        officer_id = context.actor.user_id
        today = context.today()

        def work() -> MapData:
            return load_map(
                context.engine,
                officer_id=officer_id,
                squad_code=context.squad_code,
                today=today,
            )

        context.runner.submit(work, partial(self._loaded, self._generation), self._failed)

    def fit(self) -> None:
        if self.scene is not None:
            self.view.fit(self.scene.content_rect)
        self._auto_fit = True

    def zoom_in(self) -> None:
        self._auto_fit = False
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self._auto_fit = False
        self.view.zoom_out()

    @property
    def data(self) -> MapData | None:
        return self._data

    @property
    def drawing(self) -> bool:
        """Whether pins are still being added to the map."""
        return self._pin_timer.isActive()

    def shutdown(self) -> None:
        self._pin_timer.stop()

    # -- loading and drawing -----------------------------------------------------------------

    def _loaded(self, generation: int, data: MapData) -> None:
        if generation != self._generation:
            return
        self._data = data
        self._draw()

    def _failed(self, error: Exception) -> None:
        report_unexpected(error)

    def _draw(self) -> None:
        data = self._data
        if data is None:
            return
        which = PinFilter(self.show_filter.currentData())
        pins = visible_pins(data.pins, which)
        kept = self.view.transform() if not self._auto_fit and self.scene is not None else None
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        previous = self.scene
        self.scene = build_map_scene(
            data,
            pins,
            region_name=self._region_name,
            pin_text=self._pin_text,
            start_text=self._start_text(data.route_start),
            parent=self,
        )
        self._pin_timer.stop()
        self.view.setScene(self.scene)
        if previous is not None:
            previous.deleteLater()
        if kept is None:
            self.view.fit(self.scene.content_rect)
        else:
            self.view.setTransform(kept)
            self.view.centerOn(centre)
        self.schematic_note.setVisible(data.schematic)
        self._show_route(data)
        self._show_unplaced([pin for pin in pins if pin.point is None])
        self._add_pins()

    def _add_pins(self) -> None:
        if self.scene is not None and self.scene.add_pending():
            self._pin_timer.start()
        else:
            self.sig_loaded.emit()

    def _show_route(self, data: MapData) -> None:
        route = data.route
        lines: list[PinLine] = []
        by_id = {pin.id: pin for pin in data.pins}
        if route is not None:
            for number, (stop, leg) in enumerate(zip(route.stops, route.legs_km, strict=True), 1):
                pin = by_id[stop.key]
                text = self.tr("{number}. {regno} · {party} — {km} km").format(
                    number=number, regno=pin.registration_no, party=pin.party_name, km=_km(leg)
                )
                lines.append(PinLine(pin.id, text, self._pin_text(pin, number)))
        for pin in data.route_unplaced:
            text = self.tr("– {regno} · {party} (no location)").format(
                regno=pin.registration_no, party=pin.party_name
            )
            lines.append(PinLine(pin.id, text, self._pin_text(pin, None)))
        self.route_model.set_lines(lines)
        stops = len(route.stops) if route is not None else 0
        if route is None and not data.route_unplaced:
            summary = self.tr("No stops today.")
        elif route is None:
            summary = self.tr("None of today's stops has a location, so there is no route.")
        else:
            summary = self.tr("{count} stops, {km} km from {start}.").format(
                count=stops, km=_km(route.total_km), start=self._start_text(data.route_start)
            )
            if data.route_unplaced:
                summary += " " + self.tr("{count} without a location are not on it.").format(
                    count=len(data.route_unplaced)
                )
        self.route_summary.setText(summary)

    def _show_unplaced(self, pins: list[MapPin]) -> None:
        lines = []
        for pin in pins:
            # Two lines, each elided to the list's width (the tooltip has it all).
            text = f"{pin.registration_no} · {pin.party_name}\n{pin.address}"
            if pin.far_away:
                text += " " + self.tr("(coordinates far outside the map)")
            lines.append(PinLine(pin.id, text, self._pin_text(pin, None)))
        self.unplaced_model.set_lines(lines)
        self.unplaced_label.setText(self.tr("No location: {count}").format(count=len(lines)))

    # -- texts -------------------------------------------------------------------------------

    def _region_name(self, region: RegionShape) -> str:
        if QLocale().language() == QLocale.Language.Chinese or not region.name_en:
            return region.name
        return region.name_en

    def _pin_text(self, pin: MapPin, number: int | None) -> str:
        lines = [
            f"{pin.registration_no} · {pin.party_name}",
            pin.address,
            f"{labels.matter_label(pin.matter)} · {labels.status_label(pin.status)}",
        ]
        if pin.overdue:
            lines[-1] += " · " + self.tr("overdue")
        if number is not None:
            lines.append(self.tr("Stop {number} of today's route").format(number=number))
        if pin.outside_regions:
            lines.append(self.tr("Outside every region"))
        return "\n".join(lines)

    def _start_text(self, start: RouteStart | None) -> str:
        if start is RouteStart.LAST_VISIT:
            return self.tr("your latest visit today")
        if start is RouteStart.SQUAD_BASE:
            return self.tr("your squad's base")
        return self.tr("the middle of the stops")

    # -- user actions ------------------------------------------------------------------------

    def _open(self, assignment_id: str) -> None:
        self._context.open_assignment(assignment_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open(str(index.data(ID_ROLE)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit and self.scene is not None:
            self.view.fit(self.scene.content_rect)

    # -- widgets -----------------------------------------------------------------------------

    def _make_filter(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("pinFilter")
        combo.setAccessibleName(self.tr("Tasks shown on the map"))
        combo.addItem(self.tr("Open tasks"), PinFilter.OPEN.value)
        if self._context.actor.user_id is not None:
            combo.addItem(self.tr("My tasks"), PinFilter.MINE.value)
        combo.addItem(self.tr("All tasks"), PinFilter.ALL.value)
        if self._context.role is Role.OFFICER and self._context.actor.user_id is not None:
            combo.setCurrentIndex(combo.findData(PinFilter.MINE.value))
        combo.currentIndexChanged.connect(lambda _index: self._draw())
        return combo

    def _make_list(self, model: PinListModel, name: str, accessible: str) -> QListView:
        view = QListView(self)
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setUniformItemSizes(True)
        # Lines longer than the panel are elided, not cut off behind a scroll bar.
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setAlternatingRowColors(True)  # two-line entries stay apart
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.activated.connect(self._open_index)
        return view

    def _make_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+=", self.zoom_in),
            ("Ctrl++", self.zoom_in),
            ("Ctrl+-", self.zoom_out),
            ("Ctrl+0", self.fit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _button(self, text: str, tip: str, slot: object, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def _legend(self) -> QGroupBox:
        box = QGroupBox(self.tr("Legend"), self)
        grid = QGridLayout(box)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setVerticalSpacing(2)
        entries: list[tuple[QPixmap, str]] = [
            (_dot(STATUS_COLOURS[status]), labels.status_label(status))
            for status in AssignmentStatus
        ]
        entries += [
            (_dot(QColor("#ffffff"), ring=OVERDUE_RING), self.tr("Overdue (red ring)")),
            (_dot(QColor("#ffffff"), dashed=True), self.tr("Outside every region")),
            (_line(ROUTE_COLOUR), self.tr("Today's route, stops numbered in order")),
            (_square(START_COLOUR), self.tr("Where the route starts")),
        ]
        for row, (pixmap, text) in enumerate(entries):
            swatch = QLabel(box)
            swatch.setPixmap(pixmap)
            grid.addWidget(swatch, row, 0)
            grid.addWidget(QLabel(text, box), row, 1)
        grid.setColumnStretch(1, 1)
        box.setAccessibleName(self.tr("Legend"))
        return box

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        show = QLabel(self.tr("&Show:"), self)
        show.setBuddy(self.show_filter)
        bar.addWidget(show)
        bar.addWidget(self.show_filter)
        bar.addStretch(1)
        bar.addWidget(
            self._button(self.tr("Zoom in"), self.tr("Zoom in (Ctrl+=)"), self.zoom_in, "zoomIn")
        )
        bar.addWidget(
            self._button(
                self.tr("Zoom out"), self.tr("Zoom out (Ctrl+-)"), self.zoom_out, "zoomOut"
            )
        )
        bar.addWidget(
            self._button(self.tr("Fit"), self.tr("Show the whole map (Ctrl+0)"), self.fit, "fit")
        )
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(4, 4, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.view, 1)
        column.addWidget(self.schematic_note)

        side = QWidget(self)
        panel = QVBoxLayout(side)
        panel.setContentsMargins(4, 4, 4, 0)
        panel.addWidget(self._legend())
        route_box = QGroupBox(self.tr("Today's route"), side)
        route_layout = QVBoxLayout(route_box)
        route_layout.addWidget(self.route_summary)
        route_layout.addWidget(self.route_list, 1)
        panel.addWidget(route_box, 1)
        unplaced_box = QGroupBox(self.tr("No location"), side)
        unplaced_layout = QVBoxLayout(unplaced_box)
        unplaced_layout.addWidget(self.unplaced_label)
        unplaced_layout.addWidget(self.unplaced_list, 1)
        panel.addWidget(unplaced_box, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mapSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)


def _km(value: float) -> str:
    return QLocale().toString(value, "f", 1)


def _canvas() -> QPixmap:
    pixmap = QPixmap(_SWATCH, _SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _dot(fill: QColor, *, ring: QColor | None = None, dashed: bool = False) -> QPixmap:
    pixmap = _canvas()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if ring is not None:
        painter.setPen(QPen(ring, 2.5))
        painter.drawEllipse(QRectF(1.5, 1.5, _SWATCH - 3, _SWATCH - 3))
    pen = QPen(OUTLINE, 1.2)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawEllipse(QRectF(3.5, 3.5, _SWATCH - 7, _SWATCH - 7))
    painter.end()
    return pixmap


def _line(colour: QColor) -> QPixmap:
    pixmap = _canvas()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 3))
    painter.drawLine(1, _SWATCH - 3, _SWATCH - 1, 3)
    painter.end()
    return pixmap


def _square(colour: QColor) -> QPixmap:
    pixmap = _canvas()
    painter = QPainter(pixmap)
    painter.fillRect(3, 3, _SWATCH - 6, _SWATCH - 6, colour)
    painter.end()
    return pixmap


def make_map_section(context: WindowContext, parent: QWidget) -> QWidget:
    section = MapSection(context, parent)
    section.refresh()
    return section


SECTION = Section(
    key="map",
    title=lambda: QCoreApplication.translate("MapSection", "Map"),
    roles=EVERYONE,
    make=make_map_section,
)
