"""The officer's task lists (Today / Overdue / All) and what the map shows with today's route."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.geo.gazetteer import default_gazetteer
from fieldapp.services.map_data import FAR_KM, PinFilter, RouteStart, load_map, visible_pins
from fieldapp.services.my_tasks import TaskList, court_day_bounds, load_my_tasks, valid_point
from fieldapp.storage.reference import Squad
from tests.support.officer_day import add_visit, assignment_id, due, place, set_fields, staff_id
from tests.support.workspace_copies import WorkspaceTemplate
from tests.ui.sample_data import TODAY, add_samples

# 张三: 000001 (main, in progress, overdue) and 000002 (main beside 李四, assigned, due later).
# 李四: 000002 (second) and 000003 (main, done).


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplate:
    return WorkspaceTemplate(tmp_path_factory.mktemp("samples") / "data", add_samples)


@pytest.fixture
def engine(samples: WorkspaceTemplate, tmp_path: Path) -> Iterator[Engine]:
    workspace = samples.copy(tmp_path / "data")
    try:
        yield workspace.engine
    finally:
        workspace.close()


def regnos(tasks: list) -> set[str]:  # type: ignore[type-arg]
    return {task.row.registration_no for task in tasks}


def test_all_lists_the_tasks_of_main_and_second_officer(engine: Engine) -> None:
    zhang = load_my_tasks(engine, officer_id=staff_id(engine, "张三"), today=TODAY)
    assert regnos(zhang.on_list(TaskList.ALL)) == {"WQ-2026-000001", "WQ-2026-000002"}
    li = load_my_tasks(engine, officer_id=staff_id(engine, "李四"), today=TODAY)
    assert regnos(li.on_list(TaskList.ALL)) == {"WQ-2026-000002", "WQ-2026-000003"}
    second = {task.row.registration_no: task.as_second_officer for task in li.tasks}
    assert second == {"WQ-2026-000002": True, "WQ-2026-000003": False}


def test_overdue_is_open_and_past_its_due_date(engine: Engine) -> None:
    zhang = load_my_tasks(engine, officer_id=staff_id(engine, "张三"), today=TODAY)
    assert regnos(zhang.on_list(TaskList.OVERDUE)) == {"WQ-2026-000001"}
    # 000003 is past its date too, but done: not overdue.
    li = load_my_tasks(engine, officer_id=staff_id(engine, "李四"), today=TODAY)
    assert li.on_list(TaskList.OVERDUE) == []


def test_today_is_due_today_or_visited_on_the_court_day(engine: Engine) -> None:
    officer = staff_id(engine, "李四")
    assert load_my_tasks(engine, officer_id=officer, today=TODAY).on_list(TaskList.TODAY) == []
    due(engine, "WQ-2026-000002", TODAY)
    # A visit at 00:30 Beijing time on the day is 16:30 UTC the day before: still today.
    begins, ends = court_day_bounds(TODAY)
    assert begins == datetime(2026, 3, 15, 16, 0, tzinfo=UTC)
    add_visit(engine, "WQ-2026-000003", begins + timedelta(minutes=30))
    mine = load_my_tasks(engine, officer_id=officer, today=TODAY)
    assert regnos(mine.on_list(TaskList.TODAY)) == {"WQ-2026-000002", "WQ-2026-000003"}
    assert mine.counts() == {TaskList.TODAY: 2, TaskList.OVERDUE: 0, TaskList.ALL: 2}
    # The done task visited today is on Today but is no stop any more.
    assert regnos(mine.stops_today()) == {"WQ-2026-000002"}


def test_a_visit_just_before_or_after_the_court_day_is_not_today(engine: Engine) -> None:
    officer = staff_id(engine, "李四")
    begins, ends = court_day_bounds(TODAY)
    add_visit(engine, "WQ-2026-000003", begins - timedelta(seconds=1))
    add_visit(engine, "WQ-2026-000003", ends)
    assert load_my_tasks(engine, officer_id=officer, today=TODAY).on_list(TaskList.TODAY) == []


def test_a_deleted_task_and_an_unknown_officer_give_nothing(engine: Engine) -> None:
    set_fields(engine, "WQ-2026-000001", deleted=True)
    zhang = load_my_tasks(engine, officer_id=staff_id(engine, "张三"), today=TODAY)
    assert regnos(zhang.tasks) == {"WQ-2026-000002"}  # type: ignore[arg-type]
    assert load_my_tasks(engine, officer_id="nobody", today=TODAY).tasks == ()


@pytest.mark.parametrize(
    ("lat", "lon", "point"),
    [
        (26.5, 106.7, (26.5, 106.7)),
        (None, 106.7, None),
        (26.5, None, None),
        (float("nan"), 106.7, None),
        (26.5, float("inf"), None),
        (95.0, 106.7, None),
        (26.5, -181.0, None),
    ],
)
def test_valid_point(lat: float | None, lon: float | None, point: object) -> None:
    assert valid_point(lat, lon) == point


# --- the map ----------------------------------------------------------------------------------


def test_pins_with_and_without_a_location(engine: Engine) -> None:
    place(engine, "WQ-2026-000001", 26.55, 106.735)  # 南明区
    place(engine, "WQ-2026-000002", 26.0, 106.0)  # near, but outside every region
    place(engine, "WQ-2026-000004", 0.0, 0.0)  # bad data: thousands of km away
    place(engine, "WQ-2026-000005", 26.6, None)  # half a location
    data = load_map(engine, officer_id=None, squad_code=None, today=TODAY)
    pins = {pin.registration_no: pin for pin in data.pins}
    assert len(data.regions) == len(default_gazetteer())
    assert pins["WQ-2026-000001"].point == (26.55, 106.735)
    assert not pins["WQ-2026-000001"].outside_regions
    assert pins["WQ-2026-000002"].outside_regions
    assert pins["WQ-2026-000002"].point is not None
    assert pins["WQ-2026-000004"].far_away
    assert pins["WQ-2026-000004"].point is None
    unplaced = {pin.registration_no for pin in data.unplaced()}
    assert unplaced == {"WQ-2026-000003", "WQ-2026-000004", "WQ-2026-000005", "WQ-2026-000006"}
    assert data.route is None
    assert FAR_KM > 0


def test_pin_filters(engine: Engine) -> None:
    officer = staff_id(engine, "张三")
    data = load_map(engine, officer_id=officer, squad_code="S1", today=TODAY)
    open_ = {pin.registration_no for pin in visible_pins(data.pins, PinFilter.OPEN)}
    assert "WQ-2026-000003" not in open_  # done
    assert len(open_) == 5
    mine = {pin.registration_no for pin in visible_pins(data.pins, PinFilter.MINE)}
    assert mine == {"WQ-2026-000001", "WQ-2026-000002"}
    assert len(visible_pins(data.pins, PinFilter.ALL)) == 6


def test_the_route_starts_at_the_latest_visit_today(engine: Engine) -> None:
    officer = staff_id(engine, "张三")
    due(engine, "WQ-2026-000002", TODAY)
    place(engine, "WQ-2026-000001", 26.55, 106.735)
    place(engine, "WQ-2026-000002", 26.62, 106.71)
    begins, _ends = court_day_bounds(TODAY)
    add_visit(engine, "WQ-2026-000002", begins + timedelta(hours=2), 26.63, 106.70)
    data = load_map(engine, officer_id=officer, squad_code="S1", today=TODAY)
    assert data.route_start is RouteStart.LAST_VISIT
    assert data.route is not None
    assert data.route.start == (26.63, 106.70)
    ids = {assignment_id(engine, n): n for n in ("WQ-2026-000001", "WQ-2026-000002")}
    # From the visit, 000002 is next door; 000001 is farther south.
    assert [ids[key] for key in data.route.keys] == ["WQ-2026-000002", "WQ-2026-000001"]


def test_the_route_starts_at_the_squad_base_or_the_middle(engine: Engine) -> None:
    from sqlalchemy.orm import Session

    officer = staff_id(engine, "张三")
    place(engine, "WQ-2026-000001", 26.55, 106.735)
    data = load_map(engine, officer_id=officer, squad_code="S1", today=TODAY)
    # Squad S1 of the sample data covers no region: the route starts among the stops.
    assert data.route_start is RouteStart.MIDDLE
    assert data.route is not None
    assert len(data.route.stops) == 1
    assert data.route.total_km == 0
    with Session(engine) as session, session.begin():
        squad = session.query(Squad).filter_by(code="S1").one()
        squad.region_codes = ["520103"]
    data = load_map(engine, officer_id=officer, squad_code="S1", today=TODAY)
    assert data.route_start is RouteStart.SQUAD_BASE
    assert data.route is not None
    assert data.route.start == default_gazetteer().by_code("520103").centroid  # type: ignore[union-attr]


def test_stops_without_a_location_are_named_beside_the_route(engine: Engine) -> None:
    officer = staff_id(engine, "张三")
    due(engine, "WQ-2026-000002", TODAY)
    data = load_map(engine, officer_id=officer, squad_code="S1", today=TODAY)
    assert data.route is None
    assert {pin.registration_no for pin in data.route_unplaced} == {
        "WQ-2026-000001",
        "WQ-2026-000002",
    }


def test_no_stops_today_means_no_route(engine: Engine) -> None:
    officer = staff_id(engine, "李四")
    set_fields(engine, "WQ-2026-000002", status=AssignmentStatus.DONE)
    data = load_map(engine, officer_id=officer, squad_code="S1", today=TODAY)
    assert data.route is None
    assert data.route_unplaced == ()


def test_long_id_lists_are_read_in_pieces(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # SQLite refuses more than 32,766 parameters: the rows are read a chunk at a time.
    import fieldapp.services.my_tasks as my_tasks

    officer = staff_id(engine, "李四")
    whole = load_my_tasks(engine, officer_id=officer, today=TODAY)
    monkeypatch.setattr(my_tasks, "_ID_CHUNK", 1)
    pieces = load_my_tasks(engine, officer_id=officer, today=TODAY)
    assert pieces == whole
    assert len(pieces.tasks) == 2
