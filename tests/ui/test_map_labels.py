"""Map readability: region names above the pins with a halo (pins under a name still take the
click and the tooltip), and the no-location list elides its lines instead of cutting them."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from fieldapp.services.map_data import PinFilter
from fieldapp.services.workspace import Workspace
from fieldapp.ui.map_scene import LABEL_Z, HaloLabel
from fieldapp.ui.map_section import MapSection
from tests.support.officer_day import assignment_id, place, set_fields
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.officer_context import MakeOfficer, Officer
from tests.ui.officer_context import officer as officer  # noqa: PLC0414  (the fixture)
from tests.ui.officer_context import sample_template as sample_template  # noqa: PLC0414
from tests.ui.officer_context import workspace as workspace  # noqa: PLC0414

NANMING = (26.55, 106.735)


def open_map(qtbot: QtBot, person: Officer) -> MapSection:
    section = MapSection(person.context)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        section.refresh()
    section.show_filter.setCurrentIndex(section.show_filter.findData(PinFilter.ALL.value))
    if section.drawing:
        qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS).wait()
    return section


def test_region_names_sit_above_pins_and_let_clicks_through(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    place(engine, "WQ-2026-000002", *NANMING)
    person = officer("张三")
    section = open_map(qtbot, person)
    scene = section.scene
    assert scene is not None
    wanted = assignment_id(engine, "WQ-2026-000002")
    pin = scene.pin_items[wanted]
    label = scene.region_labels["520102"]
    assert isinstance(label, HaloLabel)
    assert label.zValue() == LABEL_Z > pin.zValue()
    # Put the name right over the pin: it is drawn on top, yet the pin keeps its click.
    label.setPos(pin.pos())
    at = section.view.mapFromScene(pin.pos())
    qtbot.mouseClick(section.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert person.opened == [wanted]
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        section.view.grab().save(str(Path(folder) / "map-label-over-pin.png"))


def test_the_halo_keeps_the_name_readable_on_a_dark_pin(qtbot: QtBot) -> None:
    label = HaloLabel("南明区 Nanming")
    label.setBrush(QColor("#455a64"))
    box = label.boundingRect()
    image = QImage(int(box.width()) + 4, int(box.height()) + 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#263238"))  # as dark as a pin or the route's start
    painter = QPainter(image)
    painter.translate(-box.left() + 2, -box.top() + 2)
    label.paint(painter, None, None)  # type: ignore[arg-type]
    painter.end()
    light = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).lightness() > 200
    )
    assert light > 50  # the halo shows around the letters on the dark ground


def test_the_no_location_list_elides_long_lines(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    place(engine, "WQ-2026-000002", None, None)
    set_fields(engine, "WQ-2026-000002", address="贵阳市南明区花果园街道" * 8 + "第二栋三单元")
    section = open_map(qtbot, officer("张三"))
    view = section.unplaced_list
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    texts = [
        section.unplaced_model.index(r).data() for r in range(section.unplaced_model.rowCount())
    ]
    long_line = next(text for text in texts if "第二栋三单元" in text)
    assert len(long_line.splitlines()) == 2
    assert view.horizontalScrollBar().maximum() == 0 or not view.horizontalScrollBar().isVisible()
    tip = section.unplaced_model.index(texts.index(long_line)).data(Qt.ItemDataRole.ToolTipRole)
    assert "第二栋三单元" in tip
    assert view.visualRect(view.model().index(0, 0)).right() <= view.viewport().width() + 1
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        qtbot.wait(20)  # the layouts settle
        section.grab().save(str(Path(folder) / "map.png"))
