"""The offline map: regions, pins by status, a click opens the assignment, today's route in
order, zoom and fit, and the tasks it cannot place listed aside."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.geo.gazetteer import default_gazetteer
from fieldapp.services.map_data import PinFilter
from fieldapp.services.my_tasks import court_day_bounds
from fieldapp.services.workspace import Workspace
from fieldapp.ui import map_scene
from fieldapp.ui.map_pin import STATUS_COLOURS
from fieldapp.ui.map_pin_list import ID_ROLE
from fieldapp.ui.map_section import SECTION, MapSection
from fieldapp.ui.section_list import all_sections
from tests.support.officer_day import add_visit, assignment_id, due, place, set_fields
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.officer_context import MakeOfficer, Officer
from tests.ui.officer_context import officer as officer  # noqa: PLC0414  (the fixture)
from tests.ui.officer_context import sample_template as sample_template  # noqa: PLC0414
from tests.ui.officer_context import workspace as workspace  # noqa: PLC0414  (a faster copy)
from tests.ui.sample_data import TODAY

NANMING = (26.55, 106.735)
YUNYAN = (26.625, 106.71)


def open_map(qtbot: QtBot, person: Officer, show: PinFilter | None = None) -> MapSection:
    section = MapSection(person.context)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        section.refresh()
    if show is not None:
        section.show_filter.setCurrentIndex(section.show_filter.findData(show.value))
        if section.drawing:
            qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS).wait()
    return section


def pin_ids(section: MapSection) -> set[str]:
    assert section.scene is not None
    return set(section.scene.pin_items)


def list_ids(view_model: object) -> list[str]:
    model = view_model  # a PinListModel
    return [model.index(row).data(ID_ROLE) for row in range(model.rowCount())]  # type: ignore[attr-defined]


def test_the_map_is_a_section_for_everyone() -> None:
    assert SECTION in all_sections()
    assert all(SECTION.visible_to(role) for role in SECTION.roles)
    assert len(SECTION.roles) >= 5


def test_regions_and_pins_coloured_by_status(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    place(engine, "WQ-2026-000001", *NANMING)
    place(engine, "WQ-2026-000003", 26.56, 106.74)  # done
    place(engine, "WQ-2026-000005", *YUNYAN)
    section = open_map(qtbot, officer("张三"), PinFilter.ALL)
    scene = section.scene
    assert scene is not None
    assert set(scene.region_labels) == {region.code for region in default_gazetteer()}
    assert scene.region_labels["520102"].text() == "Nanming District"
    ids = {n: assignment_id(engine, n) for n in ("WQ-2026-000001", "WQ-2026-000003")}
    assert pin_ids(section) == {*ids.values(), assignment_id(engine, "WQ-2026-000005")}
    done = scene.pin_items[ids["WQ-2026-000003"]]
    assert done.pin.status is AssignmentStatus.DONE
    assert done.colour == STATUS_COLOURS[AssignmentStatus.DONE]
    overdue = scene.pin_items[ids["WQ-2026-000001"]]
    assert overdue.pin.overdue
    # The pin sits where the projection puts its coordinates.
    assert overdue.pos() == scene.position(*NANMING)
    tooltip = scene.tooltip(overdue)
    assert "WQ-2026-000001" in tooltip
    assert "王五" in tooltip
    assert "花果园" in tooltip
    assert "overdue" in tooltip
    # Open tasks only: the done one goes.
    section.show_filter.setCurrentIndex(section.show_filter.findData(PinFilter.OPEN.value))
    assert ids["WQ-2026-000003"] not in pin_ids(section)
    # The officer's own only.
    section.show_filter.setCurrentIndex(section.show_filter.findData(PinFilter.MINE.value))
    assert pin_ids(section) == {ids["WQ-2026-000001"]}


def test_an_officer_sees_own_tasks_first(qtbot: QtBot, officer: MakeOfficer) -> None:
    section = open_map(qtbot, officer("张三"))
    assert section.show_filter.currentData() == PinFilter.MINE.value


def test_clicking_a_pin_opens_its_assignment(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    place(engine, "WQ-2026-000002", *NANMING)
    place(engine, "WQ-2026-000005", *YUNYAN)
    person = officer("张三")
    section = open_map(qtbot, person, PinFilter.ALL)
    assert section.scene is not None
    wanted = assignment_id(engine, "WQ-2026-000005")
    at = section.view.mapFromScene(section.scene.pin_items[wanted].pos())
    qtbot.mouseClick(section.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert person.opened == [wanted]
    # A click on empty map opens nothing; neither does a drag that ends on a pin.
    viewport = section.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert person.opened == [wanted]
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseMove(viewport, at + QPoint(60, 40))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at + QPoint(60, 40))
    assert person.opened == [wanted]


def test_todays_route_is_drawn_in_order_and_numbered(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    # 张三's stops today: 000001 (overdue) and 000002 (due today); a visit this morning at the
    # north of 云岩区 is where the route starts, so 000002 (云岩区) comes before 000001 (南明区).
    due(engine, "WQ-2026-000002", TODAY)
    place(engine, "WQ-2026-000001", *NANMING)
    place(engine, "WQ-2026-000002", *YUNYAN)
    begins, _ends = court_day_bounds(TODAY)
    add_visit(engine, "WQ-2026-000002", begins + timedelta(hours=1), 26.66, 106.70)
    section = open_map(qtbot, officer("张三"))
    scene = section.scene
    assert scene is not None
    first, second = (assignment_id(engine, n) for n in ("WQ-2026-000002", "WQ-2026-000001"))
    assert scene.pin_items[first].number == 1
    assert scene.pin_items[second].number == 2
    assert scene.route_points() == [
        scene.position(26.66, 106.70),
        scene.position(*YUNYAN),
        scene.position(*NANMING),
    ]
    assert scene.start_item is not None
    assert scene.start_item.pos() == scene.position(26.66, 106.70)
    assert list_ids(section.route_model) == [first, second]
    assert "2 stops" in section.route_summary.text()
    assert "your latest visit today" in section.route_summary.text()
    assert "Stop 1 of today's route" in scene.tooltip(scene.pin_items[first])


def test_route_list_and_no_location_list_open_assignments(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    due(engine, "WQ-2026-000002", TODAY)
    place(engine, "WQ-2026-000002", *YUNYAN)
    person = officer("张三")
    section = open_map(qtbot, person)
    # 000001 is a stop too (overdue) but has no location: named after the route's stops.
    stops = list_ids(section.route_model)
    assert stops == [
        assignment_id(engine, "WQ-2026-000002"),
        assignment_id(engine, "WQ-2026-000001"),
    ]
    assert "(no location)" in section.route_model.index(1).data()
    assert "1 without a location" in section.route_summary.text()
    assert list_ids(section.unplaced_model) == [assignment_id(engine, "WQ-2026-000001")]
    assert section.unplaced_label.text() == "No location: 1"
    section.unplaced_list.setFocus()
    section.unplaced_list.setCurrentIndex(section.unplaced_model.index(0))
    qtbot.keyClick(section.unplaced_list, Qt.Key.Key_Return)
    assert person.opened == [assignment_id(engine, "WQ-2026-000001")]
    section.route_list.setFocus()
    section.route_list.setCurrentIndex(section.route_model.index(0))
    qtbot.keyClick(section.route_list, Qt.Key.Key_Enter)
    assert person.opened[-1] == assignment_id(engine, "WQ-2026-000002")


def test_bad_coordinates(qtbot: QtBot, workspace: Workspace, officer: MakeOfficer) -> None:
    engine = workspace.engine
    place(engine, "WQ-2026-000001", 26.0, 106.0)  # near the map, outside every region
    place(engine, "WQ-2026-000002", 0.0, 0.0)  # far away: bad data
    place(engine, "WQ-2026-000004", None, 106.7)  # half a location
    place(engine, "WQ-2026-000005", float("nan"), 106.7)
    section = open_map(qtbot, officer("张三"), PinFilter.ALL)
    scene = section.scene
    assert scene is not None
    outside = scene.pin_items[assignment_id(engine, "WQ-2026-000001")]
    assert outside.pin.outside_regions
    assert "Outside every region" in scene.tooltip(outside)
    # Drawn inside what fit-to-view shows.
    assert scene.content_rect.contains(outside.pos())
    unplaced = set(list_ids(section.unplaced_model))
    assert {assignment_id(engine, n) for n in ("WQ-2026-000002", "WQ-2026-000004")} <= unplaced
    assert assignment_id(engine, "WQ-2026-000005") in unplaced
    texts = [
        section.unplaced_model.index(r).data() for r in range(section.unplaced_model.rowCount())
    ]
    assert any("far outside the map" in text for text in texts)
    assert pin_ids(section) == {assignment_id(engine, "WQ-2026-000001")}


def test_no_stops_one_stop_and_duplicate_points(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    engine = workspace.engine
    set_fields(engine, "WQ-2026-000001", status=AssignmentStatus.DONE)
    section = open_map(qtbot, officer("张三"))
    assert section.route_summary.text() == "No stops today."
    assert section.scene is not None
    assert section.scene.route_item is None
    assert section.route_model.rowCount() == 0

    due(engine, "WQ-2026-000002", TODAY)
    place(engine, "WQ-2026-000002", *YUNYAN)
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        section.refresh()
    assert section.route_model.rowCount() == 1
    assert section.scene.route_item is not None  # start → the one stop

    # Two stops at the very same point: both pins, consecutive on the route, 0 km apart.
    set_fields(engine, "WQ-2026-000001", status=AssignmentStatus.IN_PROGRESS)
    place(engine, "WQ-2026-000001", *YUNYAN)
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        section.refresh()
    scene = section.scene
    route = section.data.route if section.data else None
    assert route is not None
    assert len(route.stops) == 2
    assert route.legs_km[1] == 0
    numbers = sorted(item.number or 0 for item in scene.pin_items.values())
    assert numbers == [1, 2]


def test_zoom_with_the_wheel_and_keys_and_fit(qtbot: QtBot, officer: MakeOfficer) -> None:
    section = open_map(qtbot, officer("张三"))
    view = section.view
    assert view.zoom == 1.0
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        view.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom > 1.2
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    zoomed = view.zoom
    assert zoomed > 1.5
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < zoomed
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.0
    # Zoom has limits: far out and far in stop somewhere.
    for _ in range(60):
        section.zoom_out()
    assert view.zoom >= 0.25
    for _ in range(200):
        section.zoom_in()
    assert view.zoom <= 200


def test_a_user_without_an_id_sees_the_map_without_a_route(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    place(workspace.engine, "WQ-2026-000001", *NANMING)
    section = open_map(qtbot, officer(None))
    assert section.show_filter.findData(PinFilter.MINE.value) == -1
    assert section.data is not None
    assert section.data.route is None
    assert pin_ids(section) == {assignment_id(workspace.engine, "WQ-2026-000001")}


def test_in_chinese(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer, chinese: None
) -> None:
    place(workspace.engine, "WQ-2026-000001", *NANMING)
    section = open_map(qtbot, officer("张三"))
    assert section.scene is not None
    assert section.scene.region_labels["520102"].text() == "南明区"
    assert SECTION.title() == "地图"
    assert section.route_summary.text().startswith("共 1 个地点")
    pin = section.scene.pin_items[assignment_id(workspace.engine, "WQ-2026-000001")]
    assert "已逾期" in section.scene.tooltip(pin)


def test_a_pin_names_its_assignment_in_a_tooltip(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    place(workspace.engine, "WQ-2026-000005", *YUNYAN)
    section = open_map(qtbot, officer("张三"), PinFilter.ALL)
    assert section.scene is not None
    item = section.scene.pin_items[assignment_id(workspace.engine, "WQ-2026-000005")]
    at = section.view.mapFromScene(item.pos())
    text = section.view.tooltip_at(at)
    assert text is not None
    assert text.splitlines()[:2] == ["WQ-2026-000005 · 孙八", "贵阳市云岩区北京路5号"]
    assert section.view.tooltip_at(QPoint(3, 3)) is None
    event = QHelpEvent(QEvent.Type.ToolTip, at, section.view.viewport().mapToGlobal(at))
    assert QApplication.sendEvent(section.view.viewport(), event)
    assert QToolTip.text() == text
    QToolTip.hideText()


def test_many_pins_are_drawn_over_several_turns_of_the_event_loop(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(map_scene, "PIN_CHUNK", 1)
    for number, (lat, lon) in enumerate([NANMING, YUNYAN, (26.6, 106.72), (26.57, 106.7)], 2):
        place(workspace.engine, f"WQ-2026-00000{number}", lat, lon)
    section = open_map(qtbot, officer("张三"))
    assert len(pin_ids(section)) == 1  # 张三's own: 000002 (000001 has no location)
    section.show_filter.setCurrentIndex(section.show_filter.findData(PinFilter.ALL.value))
    assert section.drawing
    assert len(pin_ids(section)) == 1
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        pass
    assert not section.drawing
    assert len(pin_ids(section)) == 4
    section.shutdown()
